"""CP04: is there enough space between each line of type?

RNIB asks for the space between lines (the leading: line pitch *p* minus type
size *s*) to be one and a half to two times the space between words *w*. That
is "yes"; anything tighter down to ``min_line_pitch`` x *s* is left to a person,
because UKAAF accepts single spacing; below that is "no". Only paragraphs of
two or more lines of running text are judged: headings, and display type
half as large again as the body text, are exempt.

PDF: *p* is the block's median baseline pitch, *w* the font's space at its size
(from the PDF, else the font table). DOCX: *p* comes from the paragraph's line
spacing rule (B.4.3: auto multiples of the font's line height, exact, at
least), *w* from the font table; exact spacing below the type size cuts off
the tops of letters and is "no". A PDF does not mark its tables, captions or
pull quotes, so tightly set blocks give "no" only when they hold at least
``tight_lines_fail_share`` of the lines of running text, and blocks that are
mostly figures are not judged. Paragraphs with the same spacing are reported
together: by page in a PDF, by style in a Word file.
Running text set vertically is not measured; a passage of it is left to a
person (see ``cp19_horizontal.unmeasured_vertical``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field

from clearprint import fontmetrics
from clearprint.analysis.text import body_size, mostly_letters, running_text, wraps
from clearprint.checks import check
from clearprint.checks.phrases import unmeasured_vertical
from clearprint.config import Options
from clearprint.model import Block, Document
from clearprint.results import Finding, Severity
from clearprint.textfacts import dominant_font, dominant_size

OUTLIER_SHARE = 0.5  # baseline steps this far from the median are paragraph breaks
OVERLAP_PITCH = 0.8  # lines closer than this many type sizes overlap: a measuring doubt
DISPLAY_SIZE = 1.5  # type this many times the body size is display type, not running text
WORDY_SHARE = 0.6  # letters among the printed characters of running text, at the least
ROUNDING = 0.05  # pt: pitches are measured to about this, so a limit is met within it


@dataclass(slots=True)
class Spacing:
    """The line spacing of one paragraph, as measured or worked out."""

    pitch: float  # baseline to baseline, pt
    size: float  # type size, pt
    space: float  # word space, pt
    estimated: bool = False  # worked out from a font table, not measured
    data: dict[str, object] = field(default_factory=dict)

    @property
    def leading_spaces(self) -> float:
        """The space between lines in word spaces."""
        return (self.pitch - self.size) / self.space


@check("CP04")
def line_spacing(doc: Document, opts: Options) -> Iterator[Finding]:
    groups: dict[tuple[object, ...], list[tuple[Block, Spacing, Severity, str]]] = {}
    judged_lines = tight_lines = 0
    body = body_size(doc)
    for block in running_text(doc):
        spacing = _pdf_spacing(block) if doc.format == "pdf" else _docx_spacing(block)
        if spacing is None or (body and spacing.size >= DISPLAY_SIZE * body):
            continue  # display type (a name on a CV, a poster line) is set tight by design
        lines = len(block.lines) or 1
        judged_lines += lines
        severity, reason = _judge(block, spacing, opts)
        if severity is None:
            continue
        if reason == "tight":
            tight_lines += lines
        place = block.page if doc.format == "pdf" else block.style
        key = (place, severity, reason, round(spacing.pitch * 2) / 2, spacing.size)
        groups.setdefault(key, []).append((block, spacing, severity, reason))
    vertical = unmeasured_vertical(doc, "line spacing")
    if vertical:
        yield vertical
    if not judged_lines:
        if not doc.scanned_pages and not vertical:
            yield Finding.na("No paragraph of running text runs over two lines or more.")
        return
    # A PDF does not mark its tables, captions and pull quotes: a few tightly
    # set blocks among well spaced text are left to a person.
    share = tight_lines / judged_lines
    few = doc.format == "pdf" and share < opts.tight_lines_fail_share
    for members in groups.values():
        severity, reason = members[0][2], members[0][3]
        yield _finding(members, Severity.MANUAL if few and reason == "tight" else severity, opts)
    if few and tight_lines:
        yield Finding.info(f"{share:.0%} of the lines of running text are set tightly; most "
                           "are not.", share=round(share, 2))


def _judge(block: Block, spacing: Spacing, opts: Options) -> tuple[Severity | None, str]:
    """The severity for one paragraph (None: fine) and why."""
    s, p = spacing.size, spacing.pitch
    if block.line_rule == "exact" and block.line_value is not None \
            and block.line_value < opts.min_exact_line_pitch * s:
        return Severity.NO, "exact"
    if block.lines and p < OVERLAP_PITCH * s:
        return Severity.MANUAL, "overlap"
    if p + ROUNDING < opts.min_line_pitch * s:
        return Severity.NO, "tight"
    if p - s + ROUNDING < opts.leading_word_spaces * spacing.space:
        return Severity.MANUAL, "single"
    if p > opts.loose_line_pitch * s:
        return Severity.INFO, "loose"
    return None, "fine"


def _finding(members: list[tuple[Block, Spacing, Severity, str]], severity: Severity,
             opts: Options) -> Finding:
    block, spacing, _, reason = members[0]
    s, p, w = spacing.size, spacing.pitch, spacing.space
    need = s + opts.leading_word_spaces * w
    count = len(members)
    what = "paragraph" if count == 1 else f"{count} paragraphs"
    how = "estimated " if spacing.estimated else ""
    if reason == "exact":
        message = (f"{what.capitalize()} with exact line spacing of {block.line_value:g} pt for "
                   f"{s:g} pt type: the tops of letters are cut off.")
    elif reason == "overlap":
        message = (f"{what.capitalize()} whose lines are only {p:.1f} pt apart for {s:g} pt "
                   "type: the lines overlap, or were measured wrongly; check by eye.")
    elif reason == "tight":
        message = (f"{what.capitalize()} with lines {p:.1f} pt apart ({how}{p / s:.2f} x the "
                   f"{s:g} pt type size); needs at least {opts.min_line_pitch * s:.1f} pt, "
                   f"ideally {need:.1f} pt.")
    elif reason == "single":
        message = (f"{what.capitalize()} with lines {p:.1f} pt apart ({how}{p / s:.2f} x the "
                   f"{s:g} pt type size): the space between lines is {spacing.leading_spaces:.1f} "
                   f"word spaces, where RNIB asks for {opts.leading_word_spaces:g} ({need:.1f} pt "
                   "apart).")
    else:
        message = (f"{what.capitalize()} with lines {p:.1f} pt apart, more than "
                   f"{opts.loose_line_pitch:g} x the {s:g} pt type size: very loose spacing.")
    data = {"pitch_pt": round(p, 1), "size_pt": s, "word_space_pt": round(w, 2),
            "pitch_ratio": round(p / s, 2), "leading_word_spaces": round(spacing.leading_spaces, 2),
            "paragraphs": count, "estimated": spacing.estimated, **spacing.data}
    location = block.location
    if block.spacing_source:
        location = location.but(source=block.spacing_source)
    return Finding(severity, message, location, data, count)


def _pdf_spacing(block: Block) -> Spacing | None:
    """Measured spacing of a paragraph of two lines or more that reads as text (not figures)."""
    size = dominant_size(block.spans)
    if len(block.lines) < 2 or size is None or not mostly_letters(block.text, WORDY_SHARE):
        return None
    pitch = block.line_pitch or _median_pitch(block)
    if pitch is None or pitch <= 0:
        return None
    widths = [line.space_width for line in block.lines if line.space_width]
    if widths:
        space, estimated = statistics.median(widths), False
    else:
        space, estimated = fontmetrics.font_metrics(dominant_font(block)).space_width * size, True
    return Spacing(pitch, size, space, estimated, {"lines": len(block.lines)})


def _median_pitch(block: Block) -> float | None:
    """The median step between baselines, paragraph breaks inside the block left out."""
    # abs(): lines written up or down the page step along x, either way.
    steps = [abs(b.baseline - a.baseline) for a, b in zip(block.lines, block.lines[1:], strict=False)
             if b.baseline != a.baseline]
    if not steps:
        return None
    middle = statistics.median(steps)
    kept = [s for s in steps if abs(s - middle) <= OUTLIER_SHARE * middle]
    return statistics.median(kept)


def _docx_spacing(block: Block) -> Spacing | None:
    """Spacing worked out from the paragraph's settings, for paragraphs that wrap."""
    size = dominant_size(block.spans)
    if size is None or wraps(block, 2) is False:
        return None
    metrics = fontmetrics.font_metrics(dominant_font(block))
    pitch = block.line_pitch or _docx_pitch(block, size, metrics.line_height)
    if pitch is None:
        return None
    data: dict[str, object] = {"rule": block.line_rule or "auto"}
    if block.line_value is not None:
        data["value"] = block.line_value
    data["font"] = metrics.family
    return Spacing(pitch, size, metrics.space_width * size, metrics.estimated, data)


def _docx_pitch(block: Block, size: float, k: float) -> float | None:
    """Baseline pitch from Word's line spacing rule (spec B.4.3)."""
    rule, value = block.line_rule or "auto", block.line_value
    if value is None:
        value = 1.0 if rule == "auto" else None
    if value is None:
        return None
    if rule == "exact":
        return value
    if rule == "atLeast":
        return max(value, size * k)
    return value * size * k
