"""CP10: have you avoided leaving uneven gaps between words or letters?

PDF: on each full line of running text (the last line of a paragraph is left
out: it is never stretched) the typical (median) gap between words is
compared with the font's normal space, as a ratio *r*. A paragraph with two
or more lines whose *r* is above ``word_gap_fail_ratio``, or whose *r* varies
from line to line by more than ``word_gap_max_variation`` (coefficient of
variation) while some lines are wide, has uneven gaps: "no". Justification
stretches each line by its own amount, so gaps that are off by the same
amount on every line, gaps narrower than ``word_gap_min_ratio`` and single
odd lines are left to a person. Tabs, table rows, scripts whose glyph boxes
the measure cannot read (Arabic, Chinese) and gaps that cannot be true (words
touching) are not counted. Letter spacing (the mean extra gap between the
letters of a word) and horizontal scaling are compared with the type size.

DOCX has no lines without a layout engine: justified running text that wraps
is "no" (its gaps are stretched by design), and character spacing and scale
are read from the run properties. Several spaces inside a sentence, used to
push text along, are left to a person.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from clearprint.analysis.text import (
    JUSTIFIED,
    letter_count,
    running_text,
    separate_letters,
    spans_location,
    wraps,
)
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document, Line, Span
from clearprint.results import Finding, Severity
from clearprint.textfacts import dominant_size, visible

PAGES_NAMED = 10  # pages named in a finding's message; all are in its data
TAB_GAP_EM = 3.0  # a gap wider than this many type sizes is a tab or a column gap
MIN_GAPS = 2  # word gaps a line needs before its typical gap says anything
MIN_LINES_FOR_VARIATION = 3
MIN_LINES_FOR_STEADY = 4  # lines needed before gaps that never vary are taken as set, not stretched
STEADY_VARIATION = 0.05  # below this variation from line to line, gaps are set, not stretched
IRREGULAR_GAP_SPACES = 0.5  # a gap this far (in spaces) from the line's typical gap is odd
IRREGULAR_SHARE = 1 / 3  # a line with more odd gaps than this is tabbed or tabular
IMPLAUSIBLE_RATIO = 0.25  # words this close would touch: a measuring fault, not spacing
TABULAR_RATIO = 4.0  # every gap of a line this wide: cells of a table row, not stretched words
MIN_TRACKED_LETTERS = 20  # letters a paragraph needs before its letter spacing is judged
# Spaces typed to push words apart: a run of spaces between two words of one
# sentence, or a tab between two small letters. (A tab after a label or a
# number is how text should be lined up, and is fine.)
LAYOUT_SPACES = re.compile(r"(?<=[^\s.!?:;]) {2,}(?=\w)|(?<=[a-z,])\t+(?=[a-z])")


@check("CP10")
def even_gaps(doc: Document, opts: Options) -> Iterator[Finding]:
    blocks = list(running_text(doc))
    if not blocks:
        if not doc.scanned_pages:
            yield Finding.na("No running text to judge.")
        return
    if doc.format == "pdf":
        yield from _pdf_gaps(blocks, opts)
    else:
        yield from _docx_alignment(blocks)
        yield from _docx_spaces(blocks)
    yield from _letters(doc, blocks, opts)


# --- PDF word gaps ---------------------------------------------------------


@dataclass(slots=True)
class Judged:
    """One paragraph's word gaps: the worst severity, why, and the evidence."""

    block: Block
    severity: Severity
    reason: str
    ratios: list[float]
    bad_lines: int


def _pdf_gaps(blocks: list[Block], opts: Options) -> Iterator[Finding]:
    """One finding per kind of problem, naming its pages: a justified book gives a few
    findings, not one per page."""
    groups: dict[tuple[object, ...], list[Judged]] = {}
    for block in blocks:
        judged = _judge_block(block, opts)
        if judged is not None:
            groups.setdefault((judged.severity, judged.reason), []).append(judged)
    for members in groups.values():
        yield _gap_finding(members, opts)


def _line_ratio(line: Line) -> float | None:
    """The typical word gap over the normal space (None: the line cannot say).

    The median, not the mean: justification stretches every gap of a line
    alike, while one wide gap (a tab after a list number, a column gutter
    MuPDF ran into the line) would pull a mean up on a ragged line. Lines
    whose gaps disagree among themselves are laid out with tabs or are table
    rows, and lines whose gaps come out near zero or below were not measured
    truly (glyph widths in the PDF that do not match the drawing): neither
    says anything about word spacing.
    """
    if not line.space_width or len(line.word_gaps) < MIN_GAPS:
        return None
    size = dominant_size(line.spans)
    if size is None or not separate_letters(line.text):
        return None
    gaps = [g for g in line.word_gaps if g <= TAB_GAP_EM * size]
    if len(gaps) < MIN_GAPS:
        return None
    typical = statistics.median(gaps)
    off = sum(1 for g in gaps if abs(g - typical) > IRREGULAR_GAP_SPACES * line.space_width)
    ratio = typical / line.space_width
    if off > IRREGULAR_SHARE * len(gaps) or not IMPLAUSIBLE_RATIO <= ratio <= TABULAR_RATIO:
        return None
    return ratio


def _judge_block(block: Block, opts: Options) -> Judged | None:
    """Justification stretches each line by its own amount, so its gaps vary
    from line to line; a ratio that is off by the same amount on every line
    is more likely a font whose nominal space was misread, and is left to a
    person. One odd line can be a measuring slip (a formula, a footnote
    mark): a paragraph fails on two."""
    full_lines = block.lines[:-1]
    spaced = {id(line) for line in full_lines if _layout_spaces(line.text)}
    ratios = [r for line in full_lines if id(line) not in spaced
              for r in [_line_ratio(line)] if r is not None]
    fail, review, low = opts.word_gap_fail_ratio, opts.word_gap_review_ratio, opts.word_gap_min_ratio
    wide = [r for r in ratios if r > fail]
    narrow = [r for r in ratios if r < low]
    doubtful = [r for r in ratios if review < r <= fail]
    if not (wide or narrow or doubtful):  # gaps normal: only spaces typed to push text along count
        return Judged(block, Severity.MANUAL, "spaces", ratios, len(spaced)) if spaced else None
    variation = _variation(ratios) if len(ratios) >= MIN_LINES_FOR_VARIATION else 0.0
    steady = len(ratios) >= MIN_LINES_FOR_STEADY and variation < STEADY_VARIATION
    if len(wide) >= 2 and not steady:
        return Judged(block, Severity.NO, "wide", ratios, len(wide))
    if variation > opts.word_gap_max_variation and len(wide + doubtful) >= 2:
        return Judged(block, Severity.NO, "uneven", ratios, len(wide + doubtful))
    if len(narrow) >= 2:
        return Judged(block, Severity.MANUAL, "narrow", ratios, len(narrow))
    reason = "steady" if steady else "doubtful"
    return Judged(block, Severity.MANUAL, reason, ratios, len(wide + narrow + doubtful))


def _layout_spaces(text: str) -> bool:
    """Spaces typed to push words apart (``LAYOUT_SPACES``); most lines hold neither
    two spaces in a row nor a tab, and are passed over without the pattern."""
    return ("  " in text or "\t" in text) and LAYOUT_SPACES.search(text) is not None


def _variation(ratios: list[float]) -> float:
    """How much the ratios spread around their mean (population coefficient of variation).

    In floating point: ``statistics.pstdev`` works in exact fractions, many times
    slower, and differs at most in the last digit.
    """
    mean = statistics.fmean(ratios)
    return math.sqrt(statistics.fmean([(r - mean) ** 2 for r in ratios])) / mean


def _gap_finding(members: list[Judged], opts: Options) -> Finding:
    first = max(members, key=lambda j: j.bad_lines)
    ratios = [r for j in members for r in j.ratios]
    lines = sum(j.bad_lines for j in members)
    what = "a paragraph" if len(members) == 1 else f"{len(members)} paragraphs"
    worst = max(ratios, key=lambda r: abs(r - 1.0)) if ratios else None
    if first.reason == "wide":
        message = (f"Stretched word spacing in {what}: {lines} line(s) with gaps over "
                   f"{opts.word_gap_fail_ratio:g} x a normal space (up to {worst:.2f} x).")
    elif first.reason == "narrow":
        message = (f"Word gaps narrower than the font's normal space in {what}: {lines} line(s) "
                   f"under {opts.word_gap_min_ratio:g} x (down to {worst:.2f} x); check that "
                   "the words are not squeezed together.")
    elif first.reason == "steady":
        message = (f"Word gaps the same on every line but {worst:.2f} x the font's normal space "
                   f"in {what}: even, but check the spacing by eye.")
    elif first.reason == "uneven":
        message = (f"Word gaps change from line to line in {what} (between "
                   f"{min(ratios):.2f} and {max(ratios):.2f} x a normal space).")
    elif first.reason == "doubtful":
        message = (f"Word gaps somewhat wider or narrower than normal in {what} "
                   f"({lines} line(s), up to {worst:.2f} x a normal space).")
    else:
        message = f"Several spaces in a row used to push text along in {what} ({lines} line(s))."
    pages = sorted({j.block.page for j in members if j.block.page is not None})
    if len(pages) > 1:
        shown = ", ".join(str(p) for p in pages[:PAGES_NAMED])
        more = f" and {len(pages) - PAGES_NAMED} more" if len(pages) > PAGES_NAMED else ""
        message += f" Pages {shown}{more}."
    data: dict[str, object] = {"paragraphs": len(members), "lines": lines, "pages": pages}
    if ratios:
        data |= {"gap_ratio_min": round(min(ratios), 2), "gap_ratio_max": round(max(ratios), 2),
                 "gap_ratio_median": round(statistics.median(ratios), 2)}
    return Finding(first.severity, message, first.block.location, data, len(members))


# --- DOCX word gaps --------------------------------------------------------


def _docx_alignment(blocks: list[Block]) -> Iterator[Finding]:
    """Justified paragraphs stretch their word gaps: one finding per style and source."""
    groups: dict[tuple[object, ...], list[Block]] = {}
    for block in blocks:
        if block.alignment in JUSTIFIED and wraps(block, 2):
            groups.setdefault((block.style, block.alignment_source, block.alignment), []).append(block)
    for (_, source, alignment), members in groups.items():
        what = "A paragraph is" if len(members) == 1 else f"{len(members)} paragraphs are"
        yield Finding.no(f"{what} {alignment.value}: Word stretches the gaps between words to "
                         "fill each line.", members[0].location.but(source=source),
                         count=len(members), reason="justified", alignment=str(alignment),
                         measured_from="docx-xml")


def _docx_spaces(blocks: list[Block]) -> Iterator[Finding]:
    groups: dict[str | None, list[Block]] = {}
    for block in blocks:
        if _layout_spaces(block.text.strip()):
            groups.setdefault(block.style, []).append(block)
    for members in groups.values():
        what = "a paragraph" if len(members) == 1 else f"{len(members)} paragraphs"
        yield Finding.manual(f"Several spaces or a tab inside a sentence in {what}: use one "
                             "space between words.", members[0].location, count=len(members))


# --- Letter spacing and scale (both formats) ---------------------------------


def _letters(doc: Document, blocks: list[Block], opts: Options) -> Iterator[Finding]:
    """Tracking and horizontal scale, by paragraph; reported per setting, with a count."""
    groups: dict[tuple[object, ...], list[tuple[Block, list[Span], float]]] = {}
    for block in blocks:
        for kind, severity, value, spans in _letter_problems(block, opts):
            key = (kind, severity, round(value, 2), block.style if doc.format == "docx" else block.page)
            groups.setdefault(key, []).append((block, spans, value))
    for (kind, severity, value, _), members in groups.items():
        block, spans, _ = members[0]
        what = "a paragraph" if len(members) == 1 else f"{len(members)} paragraphs"
        if kind == "spacing":
            change = "expanded" if value > 0 else "condensed"
            message = (f"Letter spacing {change} by {abs(value):.2f} x the type size in {what} "
                       f"(more than {opts.letter_spacing_review_em:g} x is noticeable).")
            data = {"letter_spacing_em": value}
        else:
            message = f"Letters {'stretched' if value > 100 else 'squeezed'} to {value:g}% in {what}."
            data = {"scale_percent": value}
        where = spans_location(block, spans) if spans else block.location
        yield Finding(severity, message, where, {**data, "paragraphs": len(members)}, len(members))


def _letter_problems(block: Block, opts: Options) -> Iterator[tuple[str, Severity, float, list[Span]]]:
    """("spacing" | "scale", severity, value, spans) for each problem in one paragraph."""
    size = dominant_size(block.spans)
    if size is None:
        return
    # Letter spacing: PDF from the measured gaps between letters, DOCX from w:spacing.
    tracked: list[Span] = []
    if block.lines:
        measured = [(line.letter_gap, line.text) for line in block.lines
                    if line.letter_gap is not None and separate_letters(line.text)]
        em = 0.0
        if _enough_letters(text for _, text in measured):
            em = statistics.median(gap for gap, _ in measured) / size
        if em < -opts.letter_spacing_fail_em:
            # Letters overlapping this much are more often a font whose widths
            # were misread than real tracking: a person looks.
            yield "spacing", Severity.MANUAL, round(em, 2), tracked
            em = 0.0
    else:
        tracking = [(s, _tracking_em(s)) for s in block.spans if any(c.isalpha() for c in s.text)]
        tracked = [s for s, value in tracking if abs(value) > opts.letter_spacing_review_em]
        em = max((value for _, value in tracking), key=abs, default=0.0)
    if abs(em) > opts.letter_spacing_fail_em:
        yield "spacing", Severity.NO, round(em, 2), tracked
    elif abs(em) > opts.letter_spacing_review_em:
        yield "spacing", Severity.MANUAL, round(em, 2), tracked
    scales = [(s, s.scale) for s in block.spans if visible(s) and s.scale is not None]
    scaled = [(s, value) for s, value in scales if abs(value - 100) > opts.text_scale_tolerance * 100]
    if scaled:
        worst = max((value for _, value in scaled), key=lambda v: abs(v - 100))
        severity = Severity.NO if abs(worst - 100) > opts.text_scale_fail * 100 else Severity.MANUAL
        yield "scale", severity, round(worst, 1), [s for s, _ in scaled]


def _enough_letters(texts: Iterator[str]) -> bool:
    """At least ``MIN_TRACKED_LETTERS`` letters in the texts (counted until there are)."""
    letters = 0
    for text in texts:
        letters += letter_count(text)
        if letters >= MIN_TRACKED_LETTERS:
            return True
    return False


def _tracking_em(span: Span) -> float:
    """Extra letter spacing in type sizes (0 when none is set or the size is unknown)."""
    if not span.char_spacing or not span.size:
        return 0.0
    return span.char_spacing / span.size
