"""CP12: are there 60-70 characters per line (unless you are using columns)?

Characters (spaces and punctuation included) are counted on the full lines of
running text, leaving out the last line of each paragraph, code listings
(mostly monospaced type) and blocks that are mostly figures. The answer
comes from the median over all those lines: inside ``line_length_pass`` is
"yes"; longer, up to the top of ``line_length_review``, is "manual"; longer
still is "no". Shorter lines are "manual", never "no": they
come from large type, panels or columns more often than from a bad measure.
Paragraphs far outside ``line_length_review`` in an otherwise good document
are left to a person.

Text in columns is not judged here (questions 13 and 14 are about columns),
except that very narrow columns are left to a person.

PDF: lines are counted as printed. DOCX has no lines without a layout engine,
so each paragraph's line length is estimated from its measure, font and size
(spec B.4.4). The estimate is within a character or two for fonts whose
figures were measured, so a median that close to a limit, or within
``line_length_estimate_margin`` of one for other fonts, is left to a person.
Running text set vertically is not measured; a passage of it is left to a
person (see ``cp19_horizontal.unmeasured_vertical``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from clearprint import fontmetrics
from clearprint.analysis.columns import Gutter, page_gutters
from clearprint.analysis.geometry import line_extent, overlap, to_display
from clearprint.analysis.text import mostly_letters, running_text
from clearprint.checks import check
from clearprint.checks.phrases import unmeasured_vertical
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Line, Page, Part
from clearprint.results import Finding, Severity
from clearprint.textfacts import chars_per_line, dominant_font, line_count

SHORT_LINE_SHARE = 0.6  # a full line this much shorter than the longest ends a paragraph
MEASURED_FONT_MARGIN = 1.0  # characters: the B.4.4 estimate's accuracy for measured fonts
MIN_PARAGRAPH_LINES = 3  # full lines a paragraph needs before it gets a finding of its own
MIN_DOCUMENT_LINES = 10  # PDF: full lines of running text needed to answer at all
WORDY_SHARE = 0.6  # letters among the printed characters of running text, at the least


@dataclass(slots=True)
class Sample:
    """The line length of one paragraph: per line (PDF) or estimated (DOCX)."""

    block: Block
    lengths: list[float]  # one entry per full line

    @property
    def median(self) -> float:
        return statistics.median(self.lengths)


@check("CP12")
def line_length(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "pdf":
        single, columns = _pdf_samples(doc)
    else:
        single, columns = _docx_samples(doc)
    if doc.format == "pdf" and sum(len(s.lengths) for s in single) < MIN_DOCUMENT_LINES:
        single = []  # a form's labels or a caption or two: too little to judge
    vertical = unmeasured_vertical(doc, "line length")
    if vertical:
        yield vertical
    if not single and not columns:
        if not doc.scanned_pages and not vertical:
            yield Finding.na("Too little running text (paragraphs of two lines or more) to judge.")
        return
    if columns:
        yield from _columns(columns, opts, doc.format == "docx", only=not single)
    if single:
        yield from _single_column(doc, single, opts)


def _band(value: float, opts: Options) -> Severity | None:
    """None inside the pass range, "no" for lines too long, else manual.

    Short lines are never "no": they come from large type (posters, large
    print), panels, or columns the layout pass could not pair, and a person
    judges whether they break sentences into scraps.
    """
    low, high = opts.line_length_pass
    if low <= value <= high:
        return None
    return Severity.NO if value > opts.line_length_review[1] else Severity.MANUAL


def _far_outside(value: float, opts: Options) -> bool:
    low, high = opts.line_length_review
    return not low <= value <= high


def _single_column(doc: Document, samples: list[Sample], opts: Options) -> Iterator[Finding]:
    lengths = sorted(n for s in samples for n in s.lengths)
    median = statistics.median(lengths)
    estimated = doc.format == "docx"
    severity = _band(median, opts)
    margin = _margin(samples, opts) if estimated else 0.0
    if estimated and {_band(median - margin, opts), _band(median + margin, opts)} != {severity}:
        severity = Severity.MANUAL  # the estimate is too close to a limit to call
    short = median < opts.line_length_pass[0]
    data = {"median_chars": round(median, 1), "p10_chars": round(_percentile(lengths, 0.1), 1),
            "p90_chars": round(_percentile(lengths, 0.9), 1), "lines": len(lengths),
            "paragraphs": len(samples), "estimated": estimated}
    if estimated:
        data["measured_from"] = "docx-estimate"
    about = "an estimated " if estimated else ""
    low, high = opts.line_length_pass
    summary = (f"Lines of running text hold {about}{median:.0f} characters (median over "
               f"{len(lengths)} {'estimated ' if estimated else ''}lines); "
               f"{low:g} to {high:g} is the range to aim for.")
    if short:
        summary += (" Short lines are usually from large type, panels or columns: check they do "
                    "not break sentences into scraps.")
    if severity is None:
        yield Finding.info(summary, **data)
        yield from _outliers(samples, opts, estimated)
        return
    typical = min(samples, key=lambda s: abs(s.median - median))
    yield Finding(severity, summary, typical.block.location, data, 1)


def _outliers(samples: list[Sample], opts: Options, estimated: bool) -> Iterator[Finding]:
    """Paragraphs well outside the range in a document whose lines are right overall."""
    groups: dict[tuple[object, ...], list[Sample]] = {}
    for sample in samples:
        if len(sample.lengths) < MIN_PARAGRAPH_LINES and not estimated:
            continue
        if _far_outside(sample.median, opts):
            side = "long" if sample.median > opts.line_length_pass[1] else "short"
            place = sample.block.style if estimated else sample.block.page
            groups.setdefault((place, side), []).append(sample)
    for (_, side), members in groups.items():
        first = members[0]
        what = "a paragraph" if len(members) == 1 else f"{len(members)} paragraphs"
        yield Finding.manual(f"Lines {'too long' if side == 'long' else 'very short'} in {what}: "
                             f"about {first.median:.0f} characters.", first.block.location,
                             count=len(members), median_chars=round(first.median, 1),
                             estimated=estimated)


def _columns(samples: list[Sample], opts: Options, estimated: bool, only: bool) -> Iterator[Finding]:
    """Text in columns is for questions 13 and 14, unless the columns are very narrow."""
    median = statistics.median([n for s in samples for n in s.lengths])
    data = {"median_chars": round(median, 1), "paragraphs": len(samples), "estimated": estimated}
    if median < opts.narrow_column_min_chars:
        narrowest = min(samples, key=lambda s: s.median)
        yield Finding.manual(f"Text in columns only {median:.0f} characters wide: very narrow "
                             "columns break sentences up.", narrowest.block.location,
                             count=len(samples), **data)
        return
    message = (f"{len(samples)} paragraph(s) are set in columns (about {median:.0f} characters "
               "a line): questions 13 and 14 apply to them.")
    yield Finding.na(message, **data) if only else Finding.info(message, **data)


def _margin(samples: list[Sample], opts: Options) -> float:
    """How far the DOCX estimate may be out: small for measured fonts, wider otherwise."""
    lines_by_estimate = {True: 0, False: 0}
    for sample in samples:
        metrics = fontmetrics.font_metrics(dominant_font(sample.block))
        lines_by_estimate[metrics.estimated] += len(sample.lengths)
    if lines_by_estimate[True] > lines_by_estimate[False]:
        return opts.line_length_estimate_margin
    return MEASURED_FONT_MARGIN


def _main_text(doc: Document) -> list[Block]:
    """Running text of the main story (not text boxes or notes), code listings aside."""
    return [block for block in running_text(doc) if block.part is Part.BODY]


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- PDF ----------------------------------------------------------------------


def _pdf_samples(doc: Document) -> tuple[list[Sample], list[Sample]]:
    """Full lines of body text outside columns, and those of text in columns.

    On a page with column gutters, a block that fits inside one column is
    column text even when the column finder did not pair it (a short block, or
    one below the bottom of its neighbour); a block across a gutter is in
    columns only if MuPDF ran the lines of both columns together.
    """
    pages = {page.number: page for page in doc.pages}
    single: list[Sample] = []
    columns: list[Sample] = []
    gutters: dict[int, list[Gutter]] = {}
    for block in _main_text(doc):
        page = pages.get(block.page or 0)
        lengths = _full_line_lengths(block.lines, page)
        if (page is None or block.bbox is None or not lengths
                or not mostly_letters(block.text, WORDY_SHARE)):
            continue
        if page.number not in gutters:
            gutters[page.number] = page_gutters(doc, page)
        in_columns = _in_columns(block, to_display(block.bbox, page), gutters[page.number], page)
        (columns if in_columns else single).append(Sample(block, lengths))
    return single, columns


def _in_columns(block: Block, box: BBox, gutters: list[Gutter], page: Page) -> bool:
    for gutter in gutters:
        if any(block is left or block is right for left, right in gutter.pairs):
            return True
    for gutter in gutters:
        gap = to_display(gutter.rect, page)
        if overlap(box[0], box[2], gap[0], gap[2]) > 0:
            return False  # a full-width block: a heading band, an introduction, a caption
    return bool(gutters)


def _full_line_lengths(lines: list[Line], page: Page | None) -> list[float]:
    """Characters on each line but the last, leaving out lines that end a paragraph early."""
    widths = [end - start for start, end in (line_extent(line, page) for line in lines[:-1])]
    if not widths:
        return []
    longest = max(widths)
    return [float(len(" ".join(line.text.split()))) for line, width in zip(lines, widths, strict=False)
            if width >= SHORT_LINE_SHARE * longest]


# --- DOCX ---------------------------------------------------------------------


def _docx_samples(doc: Document) -> tuple[list[Sample], list[Sample]]:
    single: list[Sample] = []
    columns: list[Sample] = []
    for block in _main_text(doc):
        per_line = chars_per_line(block)
        lines = line_count(block)
        if per_line is None or lines is None or lines < 2:
            continue
        sample = Sample(block, [per_line] * (lines - 1))
        (columns if (block.columns or 1) > 1 else single).append(sample)
    return single, columns
