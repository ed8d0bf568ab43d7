"""Columns and text margins of PDF pages, for items 12-14, 26 and 27.

Columns are found from pairs (measurement spec item 13): two groups of at
least three horizontal lines form a left/right pair when they overlap
vertically by at least twice their type size and no other text lies between
them. The gutter is the gap between the right edge of the left group's lines
and the left edge of the right group's. A page-wide coverage histogram was
tried and failed when 2- and 3-column bands were stacked or a page number sat
in the gutter.

Groups are usually the reader's blocks, but MuPDF sometimes stores two columns
in one block, and joins their lines into one when the gutter is under about
three word spaces; both are split here before pairing, so narrow gutters are
measured rather than missed. Tables (the reader's ``in_table``, or gaps whose
every pair is two short groups level at the top or the foot, or two groups
whose lines pair up on shared baselines spaced well over their type size,
unless both groups are paragraphs of at least three full lines), running heads
and footers (``Role.FURNITURE``, from ``clearprint.analysis.layout``) and
groups of short lines (labels and values, grids of cells) are not columns.

Everything is measured on the displayed page; boxes go back to unrotated page
space (like every other box in the model) with ``geometry.from_display``.
Results are cached in ``doc.cache``. :func:`table_columns` finds Word tables
used as columns.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from clearprint.analysis.geometry import from_display, is_horizontal, overlap, to_display
from clearprint.model import BBox, Block, Document, Line, Page, Part, Role, Shape, Span
from clearprint.textfacts import dominant_size, visible

MIN_COLUMN_LINES = 3  # groups with fewer lines do not make a column
MIN_OVERLAP_SIZES = 2.0  # vertical overlap of a pair, in type sizes
MIN_LINE_CHARS = 15  # median characters a line of running text has at the least
RULE_WIDTH = 3.0  # pt: a shape narrower than this, standing in a gutter, is a rule
RULE_MIN_SIZES = 3.0  # a rule is at least this many type sizes tall
SPLIT_MIN_LINES = 3  # lines whose inner text starts at one x mark a joined gutter
SPLIT_ALIGN_PT = 1.0
SPLIT_MIN_GAP_SIZES = 0.2  # an in-line gutter is at least this wide, in type sizes
SPLIT_MIN_CHARS = 10  # text before an in-line gutter is a column's line, not a label
TABLE_CELL_MAX_LINES = 12  # table cells are short; columns of text run longer
TABLE_CELL_ALIGN_SIZES = 0.25  # cells of one row start (or end) level, within this share of the size
TABLE_CELL_ALIGN_PT = 1.5
TABLE_COLUMN_MIN_CHARS = 400  # running text a Word table cell holds to count as a column
RUNNING_MIN_LINES = 3  # full lines of words that make a group a paragraph rather than a cell
FULL_LINE_SHARE = 0.8  # a full line spans this share of its group's width...
RUNNING_MIN_WORDS = 4  # ...with at least this many words
TABLE_ROW_MIN_ROWS = 3  # lines side by side on one baseline that make rows of a table
TABLE_ROW_SHARE = 0.8  # share of the shorter side's lines that must have a partner
TABLE_ROW_PITCH_SIZES = 2.0  # rows at least this many type sizes apart are a table's, not text lines


@dataclass(slots=True)
class Piece:
    """A printed line, or the part of one that belongs to one column (displayed space)."""

    box: BBox  # x1 is the last glyph's right edge
    text: str
    size: float
    block: Block
    line: Line


@dataclass(slots=True)
class Group:
    """Lines of one block that stand in one column."""

    pieces: list[Piece]
    box: BBox  # displayed space
    size: float

    @property
    def block(self) -> Block:
        return self.pieces[0].block

    @property
    def median_chars(self) -> float:
        return median(len(p.text.strip()) for p in self.pieces)


@dataclass(slots=True)
class Pair:
    """Two groups side by side: a left column, a gutter, a right column."""

    left: Group
    right: Group
    top: float
    bottom: float
    size: float  # the type size of the two columns
    rule: bool

    @property
    def width(self) -> float:
        return self.right.box[0] - self.left.box[2]

    @property
    def em(self) -> float:
        return self.width / self.size

    @property
    def box(self) -> BBox:
        """The gutter itself, in displayed space."""
        return (self.left.box[2], self.top, self.right.box[0], self.bottom)


@dataclass(slots=True)
class ColumnGap:
    """One gap between columns on a page, and the pairs of groups that share it."""

    page: Page
    pairs: list[Pair] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return max(p.left.box[2] for p in self.pairs)

    @property
    def x1(self) -> float:
        return min(p.right.box[0] for p in self.pairs)

    @property
    def top(self) -> float:
        return min(p.top for p in self.pairs)

    @property
    def bottom(self) -> float:
        return max(p.bottom for p in self.pairs)

    @property
    def narrowest(self) -> Pair:
        return min(self.pairs, key=lambda p: p.em)


@dataclass(slots=True)
class PageColumns:
    """A page with text in columns: its groups of lines and its gaps, left to right."""

    page: Page
    groups: list[Group]
    gutters: list[ColumnGap]

    @property
    def count(self) -> int:
        """Most columns side by side at any height on the page."""
        most = 0
        for gutter in self.gutters:
            middle = (gutter.top + gutter.bottom) / 2
            most = max(most, sum(1 for g in self.gutters if g.top <= middle <= g.bottom))
        return most + 1 if most else 1


@dataclass(slots=True)
class Gutter:
    """The space between two columns of text on one page, as a plain record.

    ``width`` is the narrowest gap over all block pairs that share this gutter;
    ``rect`` spans them all (unrotated page space, for locations).
    """

    page: int
    rect: BBox
    width: float  # pt
    rule: bool  # a vertical rule runs down it
    pairs: list[tuple[Block, Block]] = field(default_factory=list)  # (left, right)


def page_columns(doc: Document) -> list[PageColumns]:
    """Pages that have text in columns, with their gutters (cached)."""
    if "columns" not in doc.cache:
        by_page: dict[int, list[Block]] = {}
        for block in doc.blocks:
            if block.page is not None and block.lines and _columnar(block):
                by_page.setdefault(block.page, []).append(block)
        found = []
        for page in doc.pages:
            groups = [g for b in by_page.get(page.number, []) for g in _groups(b, page)]
            gutters = _gutters(page, groups)
            if gutters:
                found.append(PageColumns(page, groups, gutters))
        doc.cache["columns"] = found
    return doc.cache["columns"]


def page_gutters(doc: Document, page: Page) -> list[Gutter]:
    """The column gutters of a page, left to right (worked out for all pages at once, cached)."""
    if "gutters" not in doc.cache:
        doc.cache["gutters"] = {columns.page.number: _plain_gutters(columns) for columns in page_columns(doc)}
    return doc.cache["gutters"].get(page.number, [])


def _plain_gutters(columns: PageColumns) -> list[Gutter]:
    """A page's gutters as plain records, left to right."""
    page = columns.page
    return [Gutter(page=page.number, rect=from_display(_union([p.box for p in gap.pairs]), page),
                   width=round(gap.narrowest.width, 2), rule=gap.narrowest.rule,
                   pairs=[(p.left.block, p.right.block) for p in gap.pairs])
            for gap in sorted(columns.gutters, key=lambda g: g.x0)]


def _columnar(block: Block) -> bool:
    return block.part is Part.BODY and not block.in_table and block.role is not Role.FURNITURE


# Groups ---------------------------------------------------------------------

def _pieces(block: Block, page: Page) -> list[Piece]:
    pieces = []
    for line in block.lines:
        if not is_horizontal(line) or not line.text.strip():
            continue
        size = dominant_size(line.spans) or dominant_size(block.spans)
        if size is None:
            continue
        pieces.append(Piece(to_display(line.bbox, page), line.text, size, block, line))
    return pieces


def _groups(block: Block, page: Page) -> list[Group]:
    """The block's lines, split into one group per column they stand in."""
    pieces = _split_joined(_pieces(block, page), page)
    clusters: list[list[Piece]] = []
    reach = float("-inf")  # right edge of the cluster being built
    for piece in sorted(pieces, key=lambda p: p.box[0]):
        if clusters and piece.box[0] < reach:
            clusters[-1].append(piece)
            reach = max(reach, piece.box[2])
        else:
            clusters.append([piece])
            reach = piece.box[2]
    groups = []
    for cluster in clusters:
        cluster.sort(key=lambda p: p.box[1])
        groups.append(Group(cluster, _union([p.box for p in cluster]), median(p.size for p in cluster)))
    return groups


def _split_joined(pieces: list[Piece], page: Page) -> list[Piece]:
    """Split lines that run across gutters MuPDF did not see.

    Below about three word spaces MuPDF joins the lines of two columns into
    one (and a reader may join lines on one baseline); the join shows as
    inner spans that start at the same x on several lines, after a gap and a
    full run of text.
    """
    starts = [_inner_starts(p, page) for p in pieces]
    xs = sorted(x for candidates in starts for x in candidates)
    splits: list[float] = []
    run: list[float] = []
    for x in xs + [float("inf")]:
        if run and x - run[-1] > SPLIT_ALIGN_PT:
            if len(run) >= SPLIT_MIN_LINES:
                splits.append(run[0])
            run = []
        run.append(x)
    if not splits:
        return pieces
    out: list[Piece] = []
    for piece, candidates in zip(pieces, starts, strict=True):
        cuts = _cuts(candidates, splits, piece.size)
        out += _cut(piece, cuts, page) if cuts else [piece]
    return out


def _inner_starts(piece: Piece, page: Page) -> list[float]:
    """Displayed x where a span begins after a gap and enough text to be a column's line."""
    if len(piece.line.spans) < 2:  # a span starts no column after the first
        return []
    found = []
    chars = 0
    previous_end: float | None = None
    for span in piece.line.spans:
        if not visible(span) or span.bbox is None:
            continue
        box = to_display(span.bbox, page)
        apart = previous_end is not None and box[0] - previous_end >= SPLIT_MIN_GAP_SIZES * piece.size
        if apart and chars >= SPLIT_MIN_CHARS:
            found.append(box[0])
        chars += len(span.text.strip())
        previous_end = box[2] if previous_end is None else max(previous_end, box[2])
    return found


def _cuts(candidates: list[float], splits: list[float], size: float) -> list[float]:
    """The inner starts that fall at a split (from just left of it to three type sizes
    right of it), sorted; ``splits`` are sorted, so only the last one starting at or
    left of a start can hold it."""
    lows = [x - SPLIT_ALIGN_PT for x in splits]
    found = set()
    for c in candidates:
        last = bisect.bisect_right(lows, c) - 1
        if last >= 0 and c <= splits[last] + 3 * size:
            found.add(c)
    return sorted(found)


def _cut(piece: Piece, cuts: list[float], page: Page) -> list[Piece]:
    """The piece's spans divided at each cut (sorted displayed x where a column starts)."""
    starts = [c - SPLIT_ALIGN_PT for c in cuts]
    parts: list[list[tuple[Span, BBox]]] = [[] for _ in range(len(cuts) + 1)]
    for span in piece.line.spans:
        if span.bbox is not None:
            box = to_display(span.bbox, page)
            parts[bisect.bisect_right(starts, box[0])].append((span, box))  # the cuts it is past
    out = []
    for part in parts:
        boxes = [box for span, box in part if visible(span)]
        if boxes:
            box = (min(b[0] for b in boxes), piece.box[1], max(b[2] for b in boxes), piece.box[3])
            out.append(Piece(box, "".join(span.text for span, _ in part), piece.size, piece.block,
                             piece.line))
    return out


# Pairs and gaps ---------------------------------------------------------------

def _column_like(group: Group) -> bool:
    return len(group.pieces) >= MIN_COLUMN_LINES and group.median_chars >= MIN_LINE_CHARS


def _gutters(page: Page, groups: list[Group]) -> list[ColumnGap]:
    candidates = [g for g in groups if _column_like(g)]
    if len(candidates) < 2:
        return []  # a gutter needs a column on each side
    shapes = [(shape, to_display(shape.bbox, page)) for shape in page.shapes]
    pairs = []
    for left in candidates:
        right = _right_neighbour(left, candidates, groups)
        if right is not None:
            pairs.append(_pair(shapes, left, right))
    gaps: list[ColumnGap] = []
    for pair in sorted(pairs, key=lambda p: (p.left.box[2], p.top)):
        home = next((g for g in gaps if pair.left.box[2] < g.x1 and g.x0 < pair.right.box[0]), None)
        if home is None:
            gaps.append(ColumnGap(page, [pair]))
        else:
            home.pairs.append(pair)
    return [gap for gap in gaps if not all(_cells(p) or _rows(p) for p in gap.pairs)]


def _cells(pair: Pair) -> bool:
    """Two short groups level at the top or the foot: cells of a table row, not columns.

    The PDF reader does not mark tables, and borderless tables are common; a
    gap made only of such pairs is a table's, not a gutter.
    """
    left, right = pair.left, pair.right
    if max(len(left.pieces), len(right.pieces)) > TABLE_CELL_MAX_LINES:
        return False
    if _running_text(left) and _running_text(right):
        return False  # paragraphs side by side: columns, even when they start level
    level = max(TABLE_CELL_ALIGN_PT, TABLE_CELL_ALIGN_SIZES * pair.size)
    return abs(left.box[1] - right.box[1]) <= level or abs(left.box[3] - right.box[3]) <= level


def _rows(pair: Pair) -> bool:
    """Lines that pair up on one baseline, row by row, far apart: a table read as columns.

    A table whose row lines are dashed or too thin to be kept as a grid comes
    out as two tall groups, a label and a value on each row. Columns of text
    may share a baseline grid too, but their lines are 1.1-1.7 type sizes
    apart; a table's rows are spaced for their rules and padding.
    """
    if _running_text(pair.left) and _running_text(pair.right):
        return False  # paragraphs side by side: columns, however widely spaced
    short, other = sorted((_feet(pair.left, pair), _feet(pair.right, pair)), key=len)
    level = max(TABLE_CELL_ALIGN_PT, TABLE_CELL_ALIGN_SIZES * pair.size)
    paired = sum(1 for foot in short if any(abs(foot - other_foot) <= level for other_foot in other))
    if paired < max(TABLE_ROW_MIN_ROWS, TABLE_ROW_SHARE * len(short)):
        return False
    pitch = min(median(b - a for a, b in pairwise(feet)) for feet in (short, other))
    return pitch >= TABLE_ROW_PITCH_SIZES * pair.size


def _feet(group: Group, pair: Pair) -> list[float]:
    """The foot of each of the group's lines in the height the pair shares, top to bottom."""
    return [p.box[3] for p in group.pieces if pair.top <= (p.box[1] + p.box[3]) / 2 <= pair.bottom]


def _running_text(group: Group) -> bool:
    """At least ``RUNNING_MIN_LINES`` lines (the last aside) that fill the group's width
    with words: a paragraph, not a cell's label or value."""
    width = group.box[2] - group.box[0]
    full = [p for p in group.pieces[:-1]
            if p.box[2] - p.box[0] >= FULL_LINE_SHARE * width and len(p.text.split()) >= RUNNING_MIN_WORDS]
    return len(full) >= RUNNING_MIN_LINES


def _right_neighbour(left: Group, candidates: list[Group], groups: list[Group]) -> Group | None:
    best: Group | None = None
    for right in candidates:
        if right is left or right.box[0] <= left.box[2]:
            continue
        shared = overlap(left.box[1], left.box[3], right.box[1], right.box[3])
        if shared < MIN_OVERLAP_SIZES * max(left.size, right.size):
            continue
        if best is None or right.box[0] < best.box[0]:
            best = right
    if best is None:
        return None
    top, bottom = max(left.box[1], best.box[1]), min(left.box[3], best.box[3])
    for other in groups:
        if other is left or other is best:
            continue
        if (overlap(other.box[0], other.box[2], left.box[2], best.box[0]) > 0
                and overlap(other.box[1], other.box[3], top, bottom) > 0.5 * other.size):
            return None  # something stands between them: they are not neighbouring columns
    return best


def _pair(shapes: list[tuple[Shape, BBox]], left: Group, right: Group) -> Pair:
    top, bottom = max(left.box[1], right.box[1]), min(left.box[3], right.box[3])
    spans = [s for g in (left, right) for p in g.pieces for s in p.line.spans]
    size = dominant_size(spans) or left.size
    gap = (left.box[2], top, right.box[0], bottom)
    return Pair(left, right, top, bottom, size, _has_rule(shapes, gap, size))


def _has_rule(shapes: list[tuple[Shape, BBox]], gap: BBox, size: float) -> bool:
    """A line standing in the gutter beside the text: a thin upright shape, or the
    side of an outlined box (each column framed in its own panel). ``shapes`` are
    the page's, with their displayed boxes."""
    need = min(0.5 * (gap[3] - gap[1]), RULE_MIN_SIZES * size)
    for shape, (x0, y0, x1, y1) in shapes:
        if y1 - y0 < RULE_MIN_SIZES * size or overlap(y0, y1, gap[1], gap[3]) < need:
            continue
        if x1 - x0 < RULE_WIDTH:
            edges = [(x0 + x1) / 2]
        elif shape.stroke is not None:
            edges = [x0, x1]
        else:
            continue
        if any(gap[0] <= x <= gap[2] for x in edges):
            return True
    return False


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


# Word tables used as columns --------------------------------------------------

def table_columns(doc: Document) -> list[tuple[Block, int]]:
    """Table rows whose cells hold long running text side by side (DOCX).

    Returns the first paragraph of each such row and how many of its cells
    hold columns of text.
    """
    cells: dict[tuple[int, int], dict[int, list[Block]]] = {}
    for block in doc.blocks:
        where = block.location.table_cell
        if block.in_table and where is not None and block.part is Part.BODY:
            cells.setdefault(where[:2], {}).setdefault(where[2], []).append(block)
    found = []
    for row in cells.values():
        long = [blocks for blocks in row.values()
                if sum(len(b.text.strip()) for b in blocks) >= TABLE_COLUMN_MIN_CHARS]
        if len(long) >= 2:
            found.append((min((b for c in long for b in c), key=lambda b: b.index), len(long)))
    return found
