"""What a PDF does not state: body size, paragraph roles, alignment, line pitch.

Run once per PDF by ``clearprint.analysis.prepare`` (format-neutral: it reads
only the model). Results are written onto the blocks (``role``, ``alignment``,
``line_pitch``) and into ``doc.cache``:

- the body text size in pt (B.1.3), or None, from ``analysis.text.body_size``.

Roles are judged against each page's own body size when the page has plenty
of text at one larger size (a leaflet whose front is set larger than its
back), and a heading is short: a stack of same-size blocks, one under the
other, is a heading only when it is short as a whole (a heading is followed
by smaller text). Text in a ruled table, or in rows whose values line up
without rules, is marked ``in_table``; a table's header row on a filled band
is headings. Short labels inside a drawing, a chart's labels and the text of
a flow chart's boxes are ``Role.FIGURE`` (regions come from
``clearprint.analysis.regions``). Lines starting "Figure 3." or "Table 2:" are
captions. On page 1, centred or right-aligned lines that are not sentences
(authors, affiliations, dates) between the title and the running text are
title matter. Short lines flush left with their neighbours are never centred.
A block that opens with a bullet is a list item (``list_item``).

Helpers for checks: :func:`line_pitch`;
columns and margins live in ``clearprint.analysis.columns``.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from clearprint.analysis import regions
from clearprint.analysis.geometry import is_horizontal, overlap, to_display
from clearprint.analysis.text import body_size, mostly_letters
from clearprint.model import Alignment, BBox, Block, Document, Image, Line, Page, Role, Span

FURNITURE_ZONE = 0.08  # top and bottom share of the page height (B.1.3)
REPEAT_SHARE = 0.5  # running text repeats on at least this share of pages
HEADING_RATIO = 1.15  # heading size over body size
HEADING_MAX_LINES = 4  # a heading (or a stack of same-size blocks taken for one) is this short
HEADING_MAX_CHARS = 250
STACK_GAP_SIZES = 2.5  # a block this close under another (in its type size) follows it
PAGE_BODY_MIN_CHARS = 300  # a page sets its own body size when this much text...
PAGE_BODY_SHARE = 0.6  # ...and this share of its text is at one size, larger than the document's
CAPTION_GAP_EM = 1.5
LABEL_MAX_LINES = 6  # a label inside a drawing: a few short lines
LABEL_MAX_CHARS = 40  # characters on each of its lines (each stretch between wide gaps)
STRETCH_GAP_EM = 1.0  # a gap this wide inside a line separates two labels
NODE_MAX_LINES = 5  # the text of a box in a flow chart: a few lines...
NODE_MAX_CHARS = 300  # ...and characters
LABEL_SIZE_RATIO = 0.9  # labels in smaller type than body text; at body size, only a few words
REGION_SHARE = 0.8  # a block this much inside a table or drawing belongs to it
CELL_GAP_EM = 0.6  # a gap this wide inside a line may part two cells of a row...
CELL_ALIGN_PT = 1.0  # ...when what follows starts at one x (within this)...
CELL_COLUMN_MIN_LINES = 3  # ...on this many lines...
CELL_RAGGED_PT = 6.0  # ...after text that ends this unevenly...
CELL_MAX_CHARS = 30  # ...and holds a short value
FIGURE_JOIN_SIZES = 5.0  # drawings closer than this (in body sizes) are one figure
FIGURE_MARGIN_SIZES = 1.5  # labels stand this far beside a drawing
MAX_UNIT = 12.0  # pt: distances in body sizes stop growing with large type
CHART_MIN_LABELS = 3  # small labels on or around a picture that make it a chart
CHART_MIN_AREA = 36.0 * 36.0  # pt²: smaller pictures are icons
TITLE_MATTER_MAX_LINES = 16
TITLE_MATTER_REACH = 0.5  # title matter starts in the top half of page 1
INDENT_EM = 2.0  # item 11: a centred line sits this far in from both column edges
RAGGED_EM = 4.0  # how far a ragged column's edge may lie beyond its longest line
STRETCH_TOLERANCE = 0.05  # word gaps within this share of nominal (and of each other) are unstretched
ROW_GAP_EM = 3.0  # a gap this wide inside a line parts a label from its value...
ROW_MIN_LINES = 2  # ...on this many lines of a block
FIGURES_LETTER_SHARE = 0.5  # a block with fewer letters than this share is figures, not prose
MARKER_CHARS = 3  # a bullet or a list number ("1.", "a)") before an item's text
NEIGHBOUR_SIZES = 3.0  # blocks this close (in type sizes) above or below are neighbours
DROP_CAP_SIZES = 2.0  # a letter this many times a paragraph's size beside its first line is a drop cap
DROP_CAP_CHARS = 2  # a drop cap's block holds this many characters at most ("M", "“T")

# Bullets that open a list item: the common glyphs, and the private-use codes the
# Symbol and Wingdings fonts print them with (Word's default bullets).
_BULLETS = frozenset("\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u2023\u2043\u27a2\u27a4\u25ba"
                     "\uf0b7\uf0a7\uf0a8\uf0d8\uf0fc\uf076")
_LEADER_LINE = re.compile(r"^(.{3,}?)[\s.·…_]{2,}(\d{1,4}|[ivxlcdm]+)$", re.IGNORECASE)
_LEADER_DOTS = re.compile(r"[.·…_]{3,}|\s{2,}")
_PAGE_NUMBER = re.compile(r"\d{1,4}|[ivxlcdm]{1,7}", re.IGNORECASE)
_NUMBER_CHAR = re.compile(r"[\divxlcdm]", re.IGNORECASE)  # a leader line ends in one
_SENTENCE_CLOSE = re.compile(r"[.!?:;][\"'’”)\]]*$")
_SENTENCE_END = (".", ",", ";")
_CAPTION_LABEL = re.compile(
    r"^(?i:fig(ure|\.)?|table|chart|diagram|graph|map|plate|exhibit|illustration|box|"
    r"figura|tabla|tableau|abbildung|tabelle|рисунок|таблица)\s*[A-Za-z]?\d+(\.\d+)*[a-z]?"
    r"(\s*[.:|\u2013\u2014-](\s|$)|\s+[A-Z])")
_LETTER = re.compile(r"[^\W\d_]")
# A numbered heading: "A(12) ", "3.2 ", "(b) ", "IV. ".
_NUMBERED = re.compile(r"^([A-Z]?\(?\d{1,3}(\.\d{1,3})*\)?[.)]?|\(?[a-z]\)|[IVX]+\.)\s")
# A sentence ends here: after a word (not an initial), or at the end of the text.
_SENTENCE = re.compile(r"[^\W\d_]{2}[.!?]\s+\S|[.!?][\"'’”)\]]*$")


@dataclass(frozen=True, slots=True)
class Flush:
    """How close line edges must be to count as flush (CP09's alignment tolerance):
    ``pt`` points, or ``em`` of the type size where that is more."""

    pt: float = 1.0
    em: float = 0.1

    def at(self, size: float) -> float:
        return max(self.pt, self.em * size)


def infer(doc: Document, flush: Flush = Flush()) -> None:  # noqa: B008 - frozen, so shared safely
    """Fill in body size, roles, alignment and line pitch for a PDF."""
    size = body_size(doc)
    if size is None:
        return
    facts = {block.index: _facts(block, doc.pages[block.page - 1]) for block in doc.blocks
             if block.page is not None}
    _page_body_sizes(facts.values(), size)
    for page in doc.pages:
        _mark_regions(page, [facts[b.index] for b in page.blocks if b.index in facts])
    _assign_roles(doc, size, facts)
    for block in doc.blocks:
        block.line_pitch = line_pitch(block)
        block.list_item = _bulleted(block)
    # Paragraphs first: short blocks are judged against the columns they set.
    paragraphs = [f for f in facts.values() if f.lines >= 3]
    caps = _drop_caps(paragraphs, facts)
    for fact in paragraphs:
        _set_alignment(fact, flush, None, caps.get(fact.block.index))
    columns = _text_columns(doc, facts)
    short = [f for f in facts.values() if f.lines < 3]
    for fact in short:
        _set_alignment(fact, flush, columns.get(fact.block.index))
    _unless_flush_left(short, facts, flush)
    for fact in facts.values():
        if fact.region == "rows":  # each line holds several cells: no alignment of its own
            fact.block.alignment = fact.block.alignment_source = None
    _title_matter([f for f in facts.values() if f.page.number == 1])


def _set_alignment(fact: _Facts, flush: Flush, column: tuple[float, float, bool] | None,
                   drop_cap: BBox | None = None) -> None:
    fact.block.alignment = _classify_alignment(fact, flush, column, drop_cap)
    if fact.block.alignment is not None:
        fact.block.alignment_source = "geometry"


# Body size -----------------------------------------------------------------


# Per-block facts -------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    """A visible span of a line (one with a box), on the displayed page."""

    x0: float
    end: float  # where its ink ends: trailing spaces left out
    text: str  # stripped


@dataclass(slots=True)
class _Facts:
    """Geometry and text features of a block, computed once."""

    block: Block
    page: Page
    box: BBox  # displayed page space
    size: float  # the dominant size, weighted by characters
    text: str
    lines: int
    bold_share: float
    size_chars: dict[float, int]  # characters at each type size (spans of known size)
    horizontal: bool
    line_boxes: list[BBox]  # each line's box, displayed
    body: float = 0.0  # the body size the block is judged against (its page's)
    region: str | None = None  # "header" (of a table), "table", "rows" (a table without rules), "figure"
    contents: bool = False  # entries of a contents list
    label: bool | None = None  # label-like (see _label_like), once judged


def _facts(block: Block, page: Page) -> _Facts:
    chars = bold = 0
    size_chars: dict[float, int] = {}
    for span in block.spans:
        n = len(span.text) - span.text.count(" ")
        chars += n
        if span.bold:
            bold += n
        if span.size:
            size_chars[span.size] = size_chars.get(span.size, 0) + n
    fact = _Facts(
        block=block, page=page, box=to_display(block.bbox or (0, 0, 0, 0), page),
        size=max(size_chars, key=size_chars.__getitem__, default=0.0), text=" ".join(block.text.split()),
        lines=len(block.lines), bold_share=bold / chars if chars else 0.0,
        size_chars=size_chars,
        horizontal=all(is_horizontal(line) for line in block.lines),
        line_boxes=[to_display(line.bbox, page) for line in block.lines],
    )
    fact.contents = _is_contents(fact)
    return fact


def _runs(line: Line, page: Page) -> list[_Run]:
    """The line's visible spans, placed for the measures of labels and cells."""
    runs = []
    for span in line.spans:
        text = span.text.strip()
        if span.bbox is None or not text:
            continue
        box = to_display(span.bbox, page)
        runs.append(_Run(box[0], box[0] + _ink_width(span, box), text))
    return runs


def _page_body_sizes(facts: Iterable[_Facts], document_body: float) -> None:
    """Each block's body size: its page's, when the page sets most of a good deal of
    text at one size larger than the document's body size; else the document's."""
    counts: dict[int, Counter[float]] = defaultdict(Counter)
    members: dict[int, list[_Facts]] = defaultdict(list)
    for fact in facts:
        members[fact.page.number].append(fact)
        if fact.horizontal:
            page_counts = counts[fact.page.number]
            for size, chars in fact.size_chars.items():
                page_counts[round(size * 2) / 2] += chars
    for number, page_facts in members.items():
        body = document_body
        found = counts.get(number)
        if found:
            size, chars = found.most_common(1)[0]
            if (size > document_body and chars >= PAGE_BODY_MIN_CHARS
                    and chars >= PAGE_BODY_SHARE * sum(found.values())):
                body = size
        for fact in page_facts:
            fact.body = body


# Tables and figures ----------------------------------------------------------


def _mark_regions(page: Page, facts: list[_Facts]) -> None:
    """Text in ruled tables (and their header rows), header bands, drawings and
    tables without rules."""
    if not facts:
        return
    if page.shapes or page.images:
        _drawn_regions(page, facts)
    for fact in _tabular(facts):
        if fact.region is None:
            fact.block.in_table = True
            fact.region = "rows"


def _drawn_regions(page: Page, facts: list[_Facts]) -> None:
    """Tables and figures found from the page's shapes and pictures."""
    tables = [t for t in regions.tables(page)  # a grid without text in it is a chart's
              if sum(1 for f in facts if regions.share_inside(f.box, t.box) >= REGION_SHARE) >= 2]
    for fact in facts:
        for table in tables:
            if regions.share_inside(fact.box, table.box) >= REGION_SHARE:
                fact.block.in_table = True
                header = table.header is not None and \
                    regions.share_inside(fact.box, table.header) >= REGION_SHARE
                fact.region = "header" if header else "table"
                break
    _figure_text(page, facts, [t.box for t in tables])
    _header_rows(page, facts, [t.box for t in tables])


def _figure_text(page: Page, facts: list[_Facts], tables: list[BBox]) -> None:
    """Labels in and beside drawings and charts, and the text of a flow chart's boxes.

    A drawing that holds running text (outside boxes of its own) is a panel or
    a page's decoration, not a figure.
    """
    unit = min(facts[0].body, MAX_UNIT)
    margin = FIGURE_MARGIN_SIZES * unit
    found = regions.drawings(page, ignore=tables) + _charts(page, facts, margin)
    if not found:
        return
    boxed = {f.block.index for f in facts if _node_text(f) and regions.in_a_box(page, f.box)}
    drawings = [box for box in found if not any(
        _running(f) and f.block.index not in boxed and regions.share_inside(f.box, box) >= 0.5
        for f in facts)]
    figures = [regions.grown(box, margin) for box in regions.joined(drawings, FIGURE_JOIN_SIZES * unit)]
    for fact in facts:
        if fact.region is not None:
            continue
        inside = _share_inside(fact.box, figures)
        if fact.block.index in boxed and inside >= REGION_SHARE:
            fact.region = "figure"  # the text of a box in a flow chart
            continue
        if not _label_like(fact):
            continue
        touching = inside > 0 and (fact.size <= LABEL_SIZE_RATIO * fact.body or not _LETTER.search(fact.text))
        if inside >= REGION_SHARE or touching:
            fact.region = "figure"  # in the drawing, or small type or numbers reaching into it (axis labels)


def _longest_stretch(runs: list[_Run], fact: _Facts) -> int:
    """Characters in the longest stretch of a line without a wide gap: labels of a
    diagram that stand level (one in each box) come out as one line."""
    gap = STRETCH_GAP_EM * (fact.size or fact.body)
    longest = current = 0
    end: float | None = None
    for run in runs:
        if end is not None and run.x0 - end > gap:
            current = 0
        current += len(run.text) + (1 if current else 0)
        longest = max(longest, current)
        end = run.end
    return longest


def _charts(page: Page, facts: list[_Facts], margin: float) -> list[BBox]:
    """Pictures with ``CHART_MIN_LABELS`` or more labels in small type on or around
    them: a chart or diagram placed as a picture, its labels set as text."""
    labels = [f for f in facts if f.size <= LABEL_SIZE_RATIO * f.body and _label_like(f)]
    if len(labels) < CHART_MIN_LABELS:
        return []
    found = []
    for image in page.images:
        box = _image_box(image, page)
        if box is None or regions.share_inside(box, (0, 0, page.width, page.height)) <= 0:
            continue
        area = (box[2] - box[0]) * (box[3] - box[1])
        if area < CHART_MIN_AREA or area > 0.5 * page.width * page.height:
            continue
        around = regions.grown(box, margin)
        if sum(1 for f in labels if regions.share_inside(f.box, around) > 0) >= CHART_MIN_LABELS:
            found.append(box)
    return found


def _tabular(facts: list[_Facts]) -> list[_Facts]:
    """Blocks whose every line is a row of cells: a value that starts at the same x
    on at least ``CELL_COLUMN_MIN_LINES`` lines of the page, after a gap, while the
    text before it ends raggedly (a table without rules: names and times, items
    and prices). The values are short; a second column of running text is not a cell.
    """
    starts: dict[int, list[tuple[float, float, int]]] = {}  # block -> (x, end before, chars after)
    for fact in facts:
        if not fact.horizontal or fact.lines == 0:
            continue
        cells = []
        for line in fact.block.lines:
            cell = _cell_start(_runs(line, fact.page), fact)
            if cell is None:
                break
            cells.append(cell)
        else:
            starts[fact.block.index] = cells
    if not starts:
        return []
    every = sorted((x, end, chars) for found in starts.values() for x, end, chars in found)
    columns: list[list[tuple[float, float, int]]] = []
    for item in every:
        if columns and item[0] - columns[-1][-1][0] <= CELL_ALIGN_PT:
            columns[-1].append(item)
        else:
            columns.append([item])
    aligned = [(c[0][0], c[-1][0]) for c in columns if len(c) >= CELL_COLUMN_MIN_LINES
               and statistics.median(chars for _, _, chars in c) <= CELL_MAX_CHARS
               and max(end for _, end, _ in c) - min(end for _, end, _ in c) >= CELL_RAGGED_PT]
    by_index = {f.block.index: f for f in facts}
    return [by_index[index] for index, found in starts.items()
            if all(any(low <= x <= high for low, high in aligned) for x, _, _ in found)]


def _cell_start(runs: list[_Run], fact: _Facts) -> tuple[float, float, int] | None:
    """Where the last value of a line starts after a gap (x, end of the text before it,
    characters from it on), in displayed space; None when the line is one run of words."""
    gap = CELL_GAP_EM * (fact.size or fact.body)
    last = None
    for i in range(1, len(runs)):
        if runs[i].x0 - runs[i - 1].end >= gap:
            last = i
    if last is None:
        return None
    return runs[last].x0, runs[last - 1].end, sum(len(r.text) for r in runs[last:])


def _ink_width(span: Span, box: BBox) -> float:
    """A span's width without its trailing spaces (estimated from its characters);
    ``box`` is the span's box on the displayed page."""
    width = box[2] - box[0]
    text = span.text
    kept = len(text.rstrip())
    return width * kept / len(text) if text else width


def _header_rows(page: Page, facts: list[_Facts], tables: list[BBox]) -> None:
    """Short blocks side by side on one filled band: a row of column headings."""
    for band in regions.header_bands(page, facts[0].body, ignore=tables):
        cells = [f for f in facts if f.region is None and f.horizontal
                 and regions.share_inside(f.box, band) >= REGION_SHARE]
        if len(cells) < 2 or any(f.lines > 3 or len(f.text) > 80 for f in cells):
            continue
        side_by_side = any(overlap(a.box[0], a.box[2], b.box[0], b.box[2]) < 0
                           and overlap(a.box[1], a.box[3], b.box[1], b.box[3]) > 0
                           for a, b in itertools.combinations(cells, 2))
        if side_by_side:
            for fact in cells:
                fact.region = "header"


def _node_text(fact: _Facts) -> bool:
    """Short enough for a box of a flow chart, and not a title set in a box."""
    return (fact.lines <= NODE_MAX_LINES and len(fact.text) <= NODE_MAX_CHARS
            and fact.size < HEADING_RATIO * fact.body)


def _share_inside(box: BBox, areas: list[BBox]) -> float:
    """How much of the box lies inside the (separate) areas together."""
    return min(1.0, sum(regions.share_inside(box, area) for area in areas))


def _running(fact: _Facts) -> bool:
    """Lines of running text: a paragraph a drawing does not hold."""
    return fact.lines >= 2 and not _label_like(fact)


def _label_like(fact: _Facts) -> bool:
    """A label, a value, a key: a few short lines in small type, or a few words;
    never heading-size text (a title set on artwork). Judged once per block."""
    if fact.label is None:
        fact.label = _judge_label(fact)
    return fact.label


def _judge_label(fact: _Facts) -> bool:
    if fact.lines == 0 or fact.lines > LABEL_MAX_LINES or fact.size >= HEADING_RATIO * fact.body:
        return False
    if any(_longest_stretch(_runs(line, fact.page), fact) > LABEL_MAX_CHARS for line in fact.block.lines):
        return False
    small = fact.size <= LABEL_SIZE_RATIO * fact.body
    return small or (fact.lines <= 2 and len(fact.text) <= LABEL_MAX_CHARS)


# Roles ---------------------------------------------------------------------


def _assign_roles(doc: Document, size: float, facts: dict[int, _Facts]) -> None:
    """Furniture, contents entries, drawing labels, title, headings and captions;
    the rest is body."""
    furniture = _running_text(doc, facts)
    bold_marks = _bold_marks_headings(facts.values(), size)
    stacks = _stacks(facts.values(), furniture)
    titles = _titles(facts, stacks, bold_marks)
    backdrops = _backdrops(doc, facts)
    for index, fact in facts.items():
        block = fact.block
        if index in furniture:
            block.role = Role.FURNITURE
        elif fact.contents:
            block.role = Role.CONTENTS
        elif fact.region == "figure":
            block.role = Role.FIGURE
        elif index in titles:
            block.role = Role.TITLE
        elif _labelled_caption(fact):
            block.role = Role.CAPTION
        elif fact.region == "header" or _heading_like(fact, stacks[index], bold_marks):
            block.role = Role.HEADING
        elif _is_caption(fact, backdrops):
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


def _heading_like(fact: _Facts, stack: tuple[int, int], bold_marks: bool) -> bool:
    """Large and short (with the same-size text stacked with it), or bold, short
    and not a sentence unless numbered ("A(12) Names of referees.") (B.1.3)."""
    if not _has_letters(fact.text, 2):
        return False
    lines, chars = stack
    if fact.size >= HEADING_RATIO * fact.body:
        return lines <= HEADING_MAX_LINES and chars <= HEADING_MAX_CHARS
    return (bold_marks and fact.bold_share >= 0.8 and fact.lines <= 2 and len(fact.text) <= 100
            and (not fact.text.endswith(_SENTENCE_END) or bool(_NUMBERED.match(fact.text))))


def _has_letters(text: str, count: int) -> bool:
    """At least ``count`` letters in the text (looked for only until found)."""
    for char in text:
        if char.isalpha():
            count -= 1
            if count == 0:
                return True
    return False


def _stacks(facts: Iterable[_Facts], furniture: set[int]) -> dict[int, tuple[int, int]]:
    """For each block, the lines and characters of its stack: the blocks of the same
    size that follow one another down the page, each close under the one above.

    A heading is followed by smaller text, so a large block with much more text
    of its size under it (or above it) is large running text, not a heading.
    """
    by_page: dict[int, list[_Facts]] = defaultdict(list)
    for fact in facts:
        if fact.block.index not in furniture and fact.horizontal and not fact.contents:
            by_page[fact.page.number].append(fact)
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for members in by_page.values():
        downwards = sorted(members, key=lambda f: f.box[1])
        tops = [f.box[1] for f in downwards]
        for upper in members:
            under = _next_under(upper, downwards, tops)
            if under is not None and abs(under.size - upper.size) <= 0.5:
                parent[root(upper.block.index)] = root(under.block.index)
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    every = [f for members in by_page.values() for f in members]
    for fact in every:
        total = totals[root(fact.block.index)]
        total[0] += fact.lines
        total[1] += len(fact.text)
    stacks = {f.block.index: (f.lines, len(f.text)) for f in facts}
    stacks.update({f.block.index: tuple(totals[root(f.block.index)]) for f in every})  # type: ignore[misc]
    return stacks


def _next_under(upper: _Facts, downwards: list[_Facts], tops: list[float]) -> _Facts | None:
    """The nearest block below ``upper`` that shares some of its width, if close enough.

    ``downwards`` are the page's blocks from the top down, ``tops`` their tops.
    """
    reach = upper.box[3] + STACK_GAP_SIZES * (upper.size or upper.body)
    middle = (upper.box[1] + upper.box[3]) / 2
    for other in downwards[bisect.bisect_right(tops, middle):bisect.bisect_right(tops, reach)]:
        if other is not upper and overlap(upper.box[0], upper.box[2], other.box[0], other.box[2]) > 0:
            return other
    return None


def _titles(facts: dict[int, _Facts], stacks: dict[int, tuple[int, int]], bold_marks: bool) -> set[int]:
    """The largest heading text on page 1, when it is larger than body text.

    Several blocks at that size are a heading level, not a title: then only the
    top-most is the title.
    """
    candidates = [f for f in facts.values()
                  if f.page.number == 1 and f.region is None and f.size >= HEADING_RATIO * f.body
                  and _heading_like(f, stacks[f.block.index], bold_marks) and not _in_zone(f)]
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


def _running_text(doc: Document, facts: dict[int, _Facts]) -> set[int]:
    """Blocks in the top/bottom zones, or repeated (digits masked) on half the pages."""
    found = {i for i, f in facts.items()
             if _in_zone(f) and f.lines <= 2 and f.size < HEADING_RATIO * f.body}
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
    # The quick tests first: most lines do not end in a number.
    if _NUMBER_CHAR.match(text[-1:]) and _LEADER_DOTS.search(text) and _LEADER_LINE.match(text):
        return True
    spans = [s for s in line.spans if s.text.strip() and s.bbox]
    if len(spans) < 2 or not _PAGE_NUMBER.fullmatch(spans[-1].text.strip()):
        return False
    if sum(c.isalpha() for s in spans[:-1] for c in s.text) < 3:
        return False
    gap = to_display(spans[-1].bbox, fact.page)[0] - to_display(spans[-2].bbox, fact.page)[2]
    return gap >= 2 * (fact.size or 1.0)


def _labelled_caption(fact: _Facts) -> bool:
    """Labelled "Figure 3." or "Table 2:" and no larger than body text (bold or not)."""
    return fact.size < HEADING_RATIO * fact.body and bool(_CAPTION_LABEL.match(fact.text))


def _is_caption(fact: _Facts, backdrops: set[tuple[int, int]]) -> bool:
    """One or two lines just above or below a picture (B.1.3)."""
    if fact.size >= HEADING_RATIO * fact.body or fact.lines > 2:
        return False
    em = fact.size or fact.body
    page_area = fact.page.width * fact.page.height
    for number, image in enumerate(fact.page.images):
        box = _image_box(image, fact.page)
        if box is None or (fact.page.number, number) in backdrops:
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


def _backdrops(doc: Document, facts: dict[int, _Facts]) -> set[tuple[int, int]]:
    """Pictures printed behind a line of text (a glow or a patch of colour), by
    (page, index): the text on them is not their caption, nor is the line beside."""
    lines: dict[int, list[BBox]] = defaultdict(list)
    for fact in facts.values():
        lines[fact.page.number].extend(fact.line_boxes)
    found = set()
    for page in doc.pages:
        boxes = sorted(lines.get(page.number, ()), key=lambda b: b[1])
        tops = [b[1] for b in boxes]
        for number, image in enumerate(page.images):
            box = _image_box(image, page)
            if box is None:
                continue
            # A line mostly inside the picture starts inside it (give or take its height).
            first = bisect.bisect_left(tops, box[1] - (box[3] - box[1]))
            last = bisect.bisect_right(tops, box[3])
            if any(regions.share_inside(line, box) >= REGION_SHARE for line in boxes[first:last]):
                found.add((page.number, number))
    return found


def _image_box(image: Image, page: Page) -> BBox | None:
    bbox = image.location.bbox
    return to_display(bbox, page) if bbox else None


def _title_matter(first_page: list[_Facts]) -> None:
    """Centred or right-aligned lines on page 1 that are not sentences (authors,
    affiliations, a date), under the title, in the top half of the page and above
    the running text of their column, are part of the title."""
    titles = [f for f in first_page if f.block.role is Role.TITLE]
    if not titles:
        return
    top = min(f.box[1] for f in titles)
    running = [f for f in first_page if f.block.role is Role.BODY and f.lines >= 3
               and f.block.alignment in (Alignment.LEFT, Alignment.JUSTIFIED) and _SENTENCE.search(f.text)]
    for fact in first_page:
        aside = fact.block.alignment in (Alignment.CENTER, Alignment.RIGHT)
        if (fact.block.role is not Role.BODY or not aside or fact.lines > TITLE_MATTER_MAX_LINES
                or not top <= fact.box[1] <= TITLE_MATTER_REACH * fact.page.height
                or _SENTENCE.search(fact.text)):
            continue
        below = [f.box[1] for f in running if overlap(f.box[0], f.box[2], fact.box[0], fact.box[2]) > 0]
        if fact.box[3] <= min(below, default=fact.page.height):
            fact.block.role = Role.TITLE


# Alignment -----------------------------------------------------------------


def _bulleted(block: Block) -> bool:
    """The block's text opens with a bullet: an item of a list, not a paragraph of its own."""
    text = block.text.lstrip()
    return bool(text) and text[0] in _BULLETS


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


def _unless_flush_left(short: list[_Facts], facts: dict[int, _Facts], flush: Flush) -> None:
    """Undo "centred" for a short block that starts where a neighbour above or below
    starts (or where its text starts after a bullet), the two ending apart: lines
    of different lengths flush on the left are not centred (options of a form,
    the second line of a list item that came apart from the first)."""
    by_page: dict[int, list[_Facts]] = defaultdict(list)
    for fact in facts.values():
        if fact.horizontal and fact.block.role is not Role.FURNITURE:
            by_page[fact.page.number].append(fact)
    for fact in short:
        if fact.block.alignment is not Alignment.CENTER:
            continue
        tol = flush.at(fact.size or fact.body)
        reach = NEIGHBOUR_SIZES * (fact.size or fact.body)
        for other in by_page[fact.page.number]:
            if (other is not fact and abs(other.box[2] - fact.box[2]) > 2 * tol
                    and -overlap(other.box[1], other.box[3], fact.box[1], fact.box[3]) <= reach
                    and any(abs(x - fact.box[0]) <= tol for x in _starts(other))):
                fact.block.alignment = None
                fact.block.alignment_source = None
                break


def _starts(fact: _Facts) -> set[float]:
    """Where a block's text starts: its left edge, and after a bullet or a number
    (the hanging indent the item's next line is set at)."""
    found = {fact.box[0]}
    for line in fact.block.lines:
        spans = [s for s in line.spans if s.bbox is not None and s.text.strip()]
        if len(spans) >= 2 and len(spans[0].text.strip()) <= MARKER_CHARS:
            found.add(to_display(spans[1].bbox, fact.page)[0])  # type: ignore[arg-type]
    return found


def _classify_alignment(fact: _Facts, flush: Flush, column: tuple[float, float, bool] | None,
                        drop_cap: BBox | None = None) -> Alignment | None:
    """Item 9's classifier on glyph-tight line extents; None when undecidable.

    Lines set beside a drop cap start where the cap does: they are indented
    by the cap, not by an alignment (otherwise a justified paragraph whose
    first lines start past the cap reads as flush right only)."""
    if not fact.horizontal or not fact.block.lines:
        return None
    em = fact.size or 10.0
    extents = [(_start_beside(box, drop_cap, em), box[2]) for box in fact.line_boxes]
    if len(extents) >= 3:
        if _label_value_rows(fact) or not mostly_letters(fact.text, FIGURES_LETTER_SHARE):
            return None  # a table's rows, or a column of figures: not a paragraph
        return _classify_paragraph(fact.block.lines, extents, flush.at(em))
    if len(extents) == 2 and _centred_pair(extents, em, flush.at(em)):
        return Alignment.CENTER
    if column is None:
        return None
    return _classify_short(extents, column, em)


def _drop_caps(paragraphs: list[_Facts], facts: dict[int, _Facts]) -> dict[int, BBox]:
    """The drop cap of each paragraph that opens with one, by block index.

    A drop cap is a block of its own: one or two letters at least
    DROP_CAP_SIZES times the paragraph's size, beside the paragraph's first
    line (its right edge where that line starts, within an em).
    """
    letters: dict[int, list[_Facts]] = defaultdict(list)
    for fact in facts.values():
        text = fact.text.strip()
        if fact.horizontal and fact.lines == 1 and 0 < len(text) <= DROP_CAP_CHARS and text[-1].isalpha():
            letters[fact.page.number].append(fact)
    found: dict[int, BBox] = {}
    for fact in paragraphs:
        first = fact.line_boxes[0] if fact.line_boxes else None
        em = fact.size or fact.body
        for cap in letters.get(fact.page.number, ()):
            if (first is not None and em and cap.size >= DROP_CAP_SIZES * em
                    and overlap(cap.box[1], cap.box[3], first[1], first[3]) > 0
                    and cap.box[0] < first[0] and abs(first[0] - cap.box[2]) <= em):
                found[fact.block.index] = cap.box
                break
    return found


def _start_beside(line: BBox, drop_cap: BBox | None, em: float) -> float:
    """Where a line starts, counting the drop cap beside it as its start."""
    if (drop_cap is not None and overlap(drop_cap[1], drop_cap[3], line[1], line[3]) > 0
            and line[0] >= drop_cap[2] - em):
        return drop_cap[0]
    return line[0]


def _label_value_rows(fact: _Facts) -> bool:
    """Lines of a label, a wide gap and a value (a spec sheet's "Main pumps: ...
    Variable displacement"): rows of a table, whose flush right edge is the value
    column's, not a right-aligned or justified paragraph. A gap on one line alone
    may be a tab after a list number."""
    gap = ROW_GAP_EM * (fact.size or fact.body)
    rows = 0
    for line in fact.block.lines:
        runs = _runs(line, fact.page)
        if any(b.x0 - a.end >= gap for a, b in itertools.pairwise(runs)):
            rows += 1
    return rows >= ROW_MIN_LINES


def _centred_pair(extents: list[tuple[float, float]], em: float, tol: float) -> bool:
    """Two lines on one middle (within ``tol``), the shorter well inside the longer at
    both ends: centred, whatever the column."""
    (a0, a1), (b0, b1) = extents
    inset = INDENT_EM * em
    return abs((a0 + a1) / 2 - (b0 + b1) / 2) <= tol and abs(a0 - b0) > inset and abs(a1 - b1) > inset


def _spread(values: list[float]) -> float:
    return max(values) - min(values) if values else 0.0


def _classify_paragraph(lines: list[Line], extents: list[tuple[float, float]],
                        tol: float) -> Alignment | None:
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
    """The line's typical word gap (the median: a tab after a list number or a
    wide gap before a page number does not count) over the font's nominal space."""
    if not line.word_gaps or not line.space_width:
        return None
    return statistics.median(line.word_gaps) / line.space_width


def _stretched_spacing(lines: list[Line]) -> bool:
    """Word-gap evidence of justification: gaps wider than the nominal space, or
    gaps that differ from line to line. Lines that merely end level, with the
    same nominal gaps throughout, are ragged text that happens to fill them."""
    ratios = [r for r in map(_gap_ratio, lines) if r is not None]
    if not ratios:
        return False
    if any(r > 1 + STRETCH_TOLERANCE for r in ratios):
        return True
    mean = sum(ratios) / len(ratios)
    return len(ratios) >= 2 and statistics.pstdev(ratios) / mean > STRETCH_TOLERANCE


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
