"""What a PDF does not state: body size, paragraph roles, alignment, line pitch.

Run once per PDF by ``clearprint.analysis.prepare`` (format-neutral: it reads
only the model). Results are written onto the blocks (``role``, ``alignment``,
``line_pitch``) and into ``doc.cache``:

- ``doc.cache["body_size"]``: the body text size in pt (B.1.3), or None.

Helpers for checks: :func:`body_size`, :func:`block_size`, :func:`line_pitch`,
:func:`line_extents`;
columns and margins live in ``clearprint.analysis.columns``.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from clearprint.analysis.geometry import is_horizontal, overlap, to_display
from clearprint.model import Alignment, BBox, Block, Document, Image, Line, Page, Role

FURNITURE_ZONE = 0.08  # top and bottom share of the page height (B.1.3)
REPEAT_SHARE = 0.5  # running text repeats on at least this share of pages
HEADING_RATIO = 1.15  # heading size over body size
CAPTION_GAP_EM = 1.5
INDENT_EM = 2.0  # item 11: a centred line sits this far in from both column edges
RAGGED_EM = 4.0  # how far a ragged column's edge may lie beyond its longest line

_LEADER_LINE = re.compile(r"^(.{3,}?)[\s.·…_]{2,}(\d{1,4}|[ivxlcdm]+)$", re.IGNORECASE)
_LEADER_DOTS = re.compile(r"[.·…_]{3,}|\s{2,}")
_PAGE_NUMBER = re.compile(r"\d{1,4}|[ivxlcdm]{1,7}", re.IGNORECASE)
_SENTENCE_CLOSE = re.compile(r"[.!?:;][\"'’”)\]]*$")
_SENTENCE_END = (".", ",", ";")


def infer(doc: Document) -> None:
    """Fill in body size, roles, alignment and line pitch for a PDF."""
    size = body_size(doc)
    doc.cache["body_size"] = size
    if size is None:
        return
    facts = {block.index: _facts(block, doc.pages[block.page - 1]) for block in doc.blocks
             if block.page is not None}
    _assign_roles(doc, size, facts)
    for block in doc.blocks:
        block.line_pitch = line_pitch(block)
    # Paragraphs first: short blocks are judged against the columns they set.
    paragraphs = [f for f in facts.values() if f.lines >= 3]
    for fact in paragraphs:
        _set_alignment(fact, None)
    columns = _text_columns(doc, facts)
    for fact in facts.values():
        if fact.lines < 3:
            _set_alignment(fact, columns.get(fact.block.index))


def _set_alignment(fact: _Facts, column: tuple[float, float, bool] | None) -> None:
    fact.block.alignment = _classify_alignment(fact, column)
    if fact.block.alignment is not None:
        fact.block.alignment_source = "geometry"


# Body size -----------------------------------------------------------------


def body_size(doc: Document) -> float | None:
    """The modal size of horizontal visible text, weighted by characters, to 0.5 pt
    (B.1.3); of all text when none is horizontal (a page turned by /Rotate)."""
    for horizontal_only in (True, False):
        counts: Counter[float] = Counter()
        for block in doc.blocks:
            for line in block.lines:
                if horizontal_only and not is_horizontal(line):
                    continue
                for span in line.spans:
                    if span.size:
                        counts[round(span.size * 2) / 2] += len(span.text) - span.text.count(" ")
        if counts:
            return counts.most_common(1)[0][0]
    return None


def block_size(block: Block) -> float | None:
    """The block's dominant size, weighted by characters."""
    counts: Counter[float] = Counter()
    for span in block.spans:
        if span.size:
            counts[span.size] += len(span.text) - span.text.count(" ")
    return counts.most_common(1)[0][0] if counts else None


# Per-block facts -------------------------------------------------------------


@dataclass(slots=True)
class _Facts:
    """Geometry and text features of a block, computed once."""

    block: Block
    page: Page
    box: BBox  # displayed page space
    size: float
    text: str
    lines: int
    bold_share: float
    horizontal: bool


def _facts(block: Block, page: Page) -> _Facts:
    chars = bold = 0
    for span in block.spans:
        n = len(span.text) - span.text.count(" ")
        chars += n
        if span.bold:
            bold += n
    return _Facts(
        block=block, page=page, box=to_display(block.bbox or (0, 0, 0, 0), page),
        size=block_size(block) or 0.0, text=" ".join(block.text.split()),
        lines=len(block.lines), bold_share=bold / chars if chars else 0.0,
        horizontal=all(is_horizontal(line) for line in block.lines),
    )


# Roles ---------------------------------------------------------------------


def _assign_roles(doc: Document, size: float, facts: dict[int, _Facts]) -> None:
    """Furniture, then contents entries, title, headings and captions; the rest is body."""
    furniture = _running_text(doc, facts, size)
    bold_marks = _bold_marks_headings(facts.values(), size)
    titles = _titles(facts, size, bold_marks)
    for index, fact in facts.items():
        block = fact.block
        if index in furniture:
            block.role = Role.FURNITURE
        elif _is_contents(fact):
            block.role = Role.CONTENTS
        elif index in titles:
            block.role = Role.TITLE
        elif _heading_like(fact, size, bold_marks):
            block.role = Role.HEADING
        elif _is_caption(fact, size):
            block.role = Role.CAPTION
        else:
            block.role = Role.BODY


def _bold_marks_headings(facts: Iterable[_Facts], body: float) -> bool:
    """Bold sets headings apart only when text at the body size is mostly not bold."""
    chars = bold = 0
    for fact in facts:
        for span in fact.block.spans:
            if span.size and abs(span.size - body) <= 0.5:
                n = len(span.text) - span.text.count(" ")
                chars += n
                bold += n if span.bold else 0
    return chars == 0 or bold < 0.5 * chars


def _heading_like(fact: _Facts, body: float, bold_marks: bool) -> bool:
    """Large and short, or bold, short and not a sentence (B.1.3)."""
    letters = sum(c.isalpha() for c in fact.text)
    if letters < 2:
        return False
    if fact.size >= HEADING_RATIO * body and fact.lines <= 4 and len(fact.text) <= 250:
        return True
    return (bold_marks and fact.bold_share >= 0.8 and fact.lines <= 2 and len(fact.text) <= 100
            and not fact.text.endswith(_SENTENCE_END))


def _titles(facts: dict[int, _Facts], body: float, bold_marks: bool) -> set[int]:
    """The largest heading text on page 1, when it is larger than body text.

    Several blocks at that size are a heading level, not a title: then only the
    top-most is the title.
    """
    candidates = [f for f in facts.values()
                  if f.page.number == 1 and f.size >= HEADING_RATIO * body
                  and _heading_like(f, body, bold_marks) and not _in_zone(f)]
    if not candidates:
        return set()
    largest = max(f.size for f in candidates)
    top = [f for f in candidates if f.size >= largest - 0.5]
    if len(top) > 2:
        top = [min(top, key=lambda f: f.box[1])]
    return {f.block.index for f in top}


def _in_zone(fact: _Facts) -> bool:
    height = fact.page.height
    return fact.box[3] <= FURNITURE_ZONE * height or fact.box[1] >= (1 - FURNITURE_ZONE) * height


def _running_text(doc: Document, facts: dict[int, _Facts], body: float) -> set[int]:
    """Blocks in the top/bottom zones, or repeated (digits masked) on half the pages."""
    found = {i for i, f in facts.items()
             if _in_zone(f) and f.lines <= 2 and f.size < HEADING_RATIO * body}
    pages = len(doc.pages)
    if pages < 2:
        return found
    groups: dict[str, list[_Facts]] = defaultdict(list)
    for fact in facts.values():
        if fact.lines <= 3 and len(fact.text) <= 200:
            groups[re.sub(r"\d+", "#", fact.text.lower())].append(fact)
    needed = max(2, math.ceil(REPEAT_SHARE * pages))
    for members in groups.values():
        if len({f.page.number for f in members}) < needed:
            continue
        middle = statistics.median(_mid_y(f) for f in members)
        near = [f for f in members if abs(_mid_y(f) - middle) <= 0.02]
        if len({f.page.number for f in near}) >= needed:
            found.update(f.block.index for f in near)
    return found


def _mid_y(fact: _Facts) -> float:
    """Vertical centre as a share of the page height."""
    return (fact.box[1] + fact.box[3]) / 2 / (fact.page.height or 1.0)


def _is_contents(fact: _Facts) -> bool:
    """Most lines are 'entry ...... page number': dot leaders, or a wide gap
    before a page number set apart from the entry."""
    lines = fact.block.lines
    matches = sum(1 for line in lines if _leader_line(line, fact))
    return matches > 0 and matches * 2 >= len(lines)


def _leader_line(line: Line, fact: _Facts) -> bool:
    text = line.text.strip()
    if _LEADER_LINE.match(text) and _LEADER_DOTS.search(text):
        return True
    spans = [s for s in line.spans if s.text.strip() and s.bbox]
    if len(spans) < 2 or not _PAGE_NUMBER.fullmatch(spans[-1].text.strip()):
        return False
    if sum(c.isalpha() for s in spans[:-1] for c in s.text) < 3:
        return False
    gap = to_display(spans[-1].bbox, fact.page)[0] - to_display(spans[-2].bbox, fact.page)[2]
    return gap >= 2 * (fact.size or 1.0)


def _is_caption(fact: _Facts, body: float) -> bool:
    """One or two lines just above or below a picture (B.1.3)."""
    if fact.lines > 2 or fact.size >= HEADING_RATIO * body:
        return False
    em = fact.size or body
    page_area = fact.page.width * fact.page.height
    for image in fact.page.images:
        box = _image_box(image, fact.page)
        if box is None:
            continue
        area = (box[2] - box[0]) * (box[3] - box[1])
        if area > 0.5 * page_area:
            continue  # a background, not an illustration
        shared = overlap(box[0], box[2], fact.box[0], fact.box[2])
        narrower = min(box[2] - box[0], fact.box[2] - fact.box[0])
        gap = -overlap(box[1], box[3], fact.box[1], fact.box[3])
        if narrower > 0 and shared >= 0.5 * narrower and 0 <= gap <= CAPTION_GAP_EM * em:
            return True
    return False


def _image_box(image: Image, page: Page) -> BBox | None:
    bbox = image.location.bbox
    return to_display(bbox, page) if bbox else None


# Alignment -----------------------------------------------------------------


def line_extents(line: Line, page: Page) -> tuple[float, float]:
    """Where a line starts and ends across the displayed page (glyph-tight)."""
    x0, _, x1, _ = to_display(line.bbox, page)
    return x0, x1


def line_pitch(block: Block) -> float | None:
    """Median baseline-to-baseline distance between consecutive lines of one direction."""
    pitches = [abs(b.baseline - a.baseline) for a, b in itertools.pairwise(block.lines)
               if abs(a.angle - b.angle) < 1 and a.vertical == b.vertical]
    pitches = [p for p in pitches if p > 0]
    return round(statistics.median(pitches), 2) if pitches else None


def _text_columns(doc: Document, facts: dict[int, _Facts]) -> dict[int, tuple[float, float, bool]]:
    """For each short block, the text column it sits in: left, right, and whether
    the right edge is exact (set by justified text) or a ragged estimate.

    The column is spanned by the page's long (3+ line) horizontal blocks that
    overlap the block horizontally; without them, by all the page's text.
    """
    by_page: dict[int, list[_Facts]] = defaultdict(list)
    for fact in facts.values():
        if fact.horizontal and fact.block.role is not Role.FURNITURE:
            by_page[fact.page.number].append(fact)
    columns: dict[int, tuple[float, float, bool]] = {}
    for members in by_page.values():
        long_blocks = [f for f in members if f.lines >= 3]
        area = (min(f.box[0] for f in members), max(f.box[2] for f in members), False)
        for fact in members:
            if fact.lines >= 3:
                continue
            spanning = [f for f in long_blocks
                        if overlap(f.box[0], f.box[2], fact.box[0], fact.box[2]) > 0]
            if spanning:
                exact = any(f.block.alignment in (Alignment.JUSTIFIED, Alignment.DISTRIBUTED)
                            for f in spanning)
                columns[fact.block.index] = (min(f.box[0] for f in spanning),
                                             max(f.box[2] for f in spanning), exact)
            else:
                columns[fact.block.index] = area
    return columns


def _classify_alignment(fact: _Facts, column: tuple[float, float, bool] | None) -> Alignment | None:
    """Item 9's classifier on glyph-tight line extents; None when undecidable."""
    if not fact.horizontal or not fact.block.lines:
        return None
    em = fact.size or 10.0
    extents = [line_extents(line, fact.page) for line in fact.block.lines]
    if len(extents) >= 3:
        return _classify_paragraph(fact.block.lines, extents, em)
    if column is None:
        return None
    return _classify_short(extents, column, em)


def _spread(values: list[float]) -> float:
    return max(values) - min(values) if values else 0.0


def _classify_paragraph(lines: list[Line], extents: list[tuple[float, float]],
                        em: float) -> Alignment | None:
    tol = max(1.0, 0.1 * em)
    starts = [x0 for x0, _ in extents]
    ends = [x1 for _, x1 in extents]
    left_flush = _spread(starts) <= tol or _spread(starts[1:]) <= tol
    body_ends = ends[:-1]
    far = max(body_ends)
    flush_count = sum(1 for x1 in body_ends if far - x1 <= tol)
    right_flush = flush_count >= 2 and flush_count >= 0.9 * len(body_ends)
    if left_flush and right_flush and _stretched_spacing(lines[:-1]):
        last_ratio = _gap_ratio(lines[-1])
        # A full last line that does not end a sentence continues in the next column.
        if (far - ends[-1] <= tol and last_ratio is not None and last_ratio > 1.3
                and _SENTENCE_CLOSE.search(lines[-1].text.rstrip())):
            return Alignment.DISTRIBUTED
        return Alignment.JUSTIFIED
    if left_flush:
        return Alignment.LEFT
    if _spread(ends) <= tol:
        return Alignment.RIGHT
    middles = [(x0 + x1) / 2 for x0, x1 in extents]
    centre = statistics.median(middles)
    if all(abs(m - centre) <= tol for m in middles):
        return Alignment.CENTER
    return None


def _gap_ratio(line: Line) -> float | None:
    """Mean word gap over the font's nominal space."""
    if not line.word_gaps or not line.space_width:
        return None
    return sum(line.word_gaps) / len(line.word_gaps) / line.space_width


def _stretched_spacing(lines: list[Line]) -> bool:
    """Word-gap evidence of justification: gaps off nominal, or varying between lines."""
    ratios = [r for r in map(_gap_ratio, lines) if r is not None]
    if not ratios:
        return False
    if any(abs(r - 1) > 0.05 for r in ratios):
        return True
    mean = sum(ratios) / len(ratios)
    return len(ratios) >= 2 and statistics.pstdev(ratios) / mean > 0.05


def _classify_short(extents: list[tuple[float, float]], column: tuple[float, float, bool],
                    em: float) -> Alignment | None:
    """One or two lines: centred or right-aligned only when clearly so in their column.

    A column edged by ragged text ends somewhat right of its longest line (by
    up to a word that did not fit), so its true middle may lie up to
    ``RAGGED_EM / 2`` em right of the measured one.
    """
    left, right, exact = column
    tol = max(2.0, 0.25 * em)
    slack = 0.0 if exact else RAGGED_EM * em / 2
    inset = INDENT_EM * em
    middle = (left + right) / 2
    if all(x0 - left > inset and right - x1 > inset
           and middle - tol <= (x0 + x1) / 2 <= middle + slack + tol for x0, x1 in extents):
        return Alignment.CENTER
    if exact and all(abs(right - x1) <= tol and x0 - left > inset for x0, x1 in extents):
        return Alignment.RIGHT
    return None
