"""CP14: if using columns, does the text follow easily from column to column?

How easy a flow is to follow is mostly a person's call, so this check
collects evidence and asks for a look when any appears; it answers "no"
only when the reading order is plainly broken.

PDF, for each gutter found by ``analysis.columns``, the columns either side
(extended up and down to the short paragraphs and headings in line with
them) are checked for (a) tops at the same height, (b) no picture or panel
inside a column, (c) a sentence that runs off the foot of the left column not
being followed by a heading at the top of the right one, and (d) text stored
left column first (a note only: print readers never see storage order).
"Continued on page N" jumps are also marked. The one "no": on a page whose
columns stand in one row, a sentence runs off the foot of a column in a full
line, the next column starts afresh (a capital or a heading), and a later
column, or an earlier one other than the first, starts mid-sentence in lower
case after a column that ended with a full stop. The reader is sent past a
column or back to one. Every condition guards against a doubt met in real
documents: a proper noun may carry a sentence on in capitals, a list item may
end without a stop, footnotes end a column below its text, the first column
may go on from the page before and the last onto the next; and text the
column analysis left out above or below a column (a box, a line it could not
place) means its true top or foot is unknown, so the page is left alone.

DOCX: Word's own columns flow
by themselves, so up to three columns is yes; tables used as columns (a
landscape page laid out in panels by a table among them), and text boxes used
as columns, are left to a person. Text boxes are columns only
when their text runs on from box to box (linked boxes) or when two or more of
them holding running text sit side by side (the same frame of reference, level
with each other); a pull-quote or a panel is not a column. A Word file is
never "no": without laying out its pages, which column a column break lands
in, or which page each linked box is on, is not known, and two column breaks
in a row are as often a way to start a new page as an empty column left in
the flow.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from clearprint.analysis.columns import ColumnGap, Group, PageColumns, Piece, page_columns, table_columns
from clearprint.analysis.geometry import from_display, overlap, to_display
from clearprint.checks import check
from clearprint.checks.phrases import pages_text
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Location, Page, Role, TextBox
from clearprint.results import Finding
from clearprint.textfacts import excerpt

MAX_FLOWING_COLUMNS = 3
EXTEND_GAP_SIZES = 4.0  # a paragraph this close above or below a column belongs to it, in type sizes
TOP_TOLERANCE_SIZES = 1.5
TEXT_SIZE_SHARE = 1.1  # groups up to this share of the columns' size are running text
PANEL_MIN_SIZES = 2.0  # a picture or panel interrupting a column is at least this tall and wide
SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")
SENTENCE_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")  # a full stop: not a list's ";" or ":"
FULL_LINE_SHARE = 0.75  # a line running on fills this share of its column's width
ROW_SHARE = 0.5  # columns in one row share this much of the shorter one's height
NEAR_SIZES = 2.0  # a running head this close to a column (in type sizes) may be its text
SAME_SIZE_SHARE = 0.1  # lines within this share of a column's main size are its running text
JUMP = re.compile(r"\b(continued|cont'?d\.?|cont\.)\s+(on|from)\s+(page|p\.?)\s*\d+", re.IGNORECASE)
BOX_COLUMN_MIN_CHARS = 150  # running text a text box needs to be a column beside another
LEVEL_SHARE = 0.5  # boxes side by side share this much of the shorter one's height
# Frames a box's position may be given from that do not depend on its anchor paragraph.
FIXED_FRAMES = ("page", "margin", "leftMargin", "rightMargin", "topMargin", "bottomMargin",
                "insideMargin", "outsideMargin")


@dataclass(slots=True)
class Column:
    groups: list[Group]
    box: BBox
    text_top: float  # top of the text at the columns' own size (headings aside)


@dataclass(slots=True)
class Evidence:
    kind: str
    message: str
    pages: list[int] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)


@check("CP14")
def column_flow(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "docx":
        yield from _docx(doc)
    else:
        yield from _pdf(doc)


def _pdf(doc: Document) -> Iterator[Finding]:
    pages = page_columns(doc)
    if not pages:
        if not doc.scanned_pages:
            yield Finding.na("No text set in columns.")
        return
    evidence: dict[str, Evidence] = {}
    stored_out_of_order: list[int] = []
    misrouted = [finding for page_cols in pages for finding in _misrouted(page_cols)]
    yield from misrouted
    said = {finding.location.page for finding in misrouted if finding.location}
    for page_cols in pages:
        for gutter in page_cols.gutters:
            left, right = _columns(page_cols, gutter)
            for kind, message, box in _problems(page_cols.page, left, right, gutter, page_cols.groups):
                if kind == "continuity" and page_cols.page.number in said:
                    continue  # the same loose end, already a "no"
                item = evidence.setdefault(kind, Evidence(kind, message))
                item.pages.append(page_cols.page.number)
                item.locations.append(Location(page=page_cols.page.number,
                                               bbox=from_display(box, page_cols.page),
                                               rotation=page_cols.page.rotation or None))
            backwards = sum(1 for p in gutter.pairs if p.right.block.index < p.left.block.index)
            if backwards > len(gutter.pairs) / 2:
                stored_out_of_order.append(page_cols.page.number)
    jumps = [b for b in doc.blocks if JUMP.search(b.text)]
    for item in evidence.values():
        yield Finding.manual(f"{item.message} ({pages_text(item.pages)}).", item.locations[0],
                             count=len(item.locations), pages=sorted(set(item.pages)))
    for block in jumps[:1]:
        yield Finding.manual("The text jumps to another page (\"continued on page ...\"): check "
                             "the reader can follow it.", block.location.but(excerpt=excerpt(block.text)),
                             count=len(jumps))
    if stored_out_of_order:
        yield Finding.info(f"On {pages_text(sorted(set(stored_out_of_order)))} the right column's text is "
                           "stored before the left's; print readers are not affected, but "
                           "text-to-speech may read it out of order.", pages=stored_out_of_order)
    if not evidence and not jumps and not misrouted:
        gutters = sum(len(p.gutters) for p in pages)
        yield Finding.info(f"{gutters} column gap(s) on {len(pages)} page(s): the columns start "
                           "level and nothing interrupts them.", gutters=gutters)


def _columns(page_cols: PageColumns, gutter: ColumnGap) -> tuple[Column, Column]:
    left = _extend([p.left for p in gutter.pairs], page_cols.groups, limit=(None, gutter.x1))
    right = _extend([p.right for p in gutter.pairs], page_cols.groups, limit=(gutter.x0, None))
    return left, right


def _extend(seed: list[Group], groups: list[Group], limit: tuple[float | None, float | None]) -> Column:
    """The column the seed groups stand in, with the groups in line above and below them."""
    members = {id(g): g for g in seed}  # by identity, in the order they join
    box = _union([g.box for g in members.values()])
    low = limit[0] if limit[0] is not None else float("-inf")
    high = limit[1] if limit[1] is not None else float("inf")
    changed = True
    while changed:
        changed = False
        for group in groups:
            if id(group) in members:
                continue
            reach = EXTEND_GAP_SIZES * group.size
            inside = (group.box[0] >= box[0] - group.size and group.box[2] <= box[2] + group.size
                      and group.box[0] > low and group.box[2] < high)
            near = group.box[1] <= box[3] + reach and group.box[3] >= box[1] - reach
            if inside and near:
                members[id(group)] = group
                box = _union([box, group.box])
                changed = True
    size = min(g.size for g in seed)
    text_top = min(g.box[1] for g in members.values() if g.size <= TEXT_SIZE_SHARE * size)
    return Column(sorted(members.values(), key=lambda g: g.box[1]), box, text_top)


def _problems(page: Page, left: Column, right: Column, gutter: ColumnGap,
              groups: list[Group]) -> Iterator[tuple[str, str, BBox]]:
    size = gutter.narrowest.size
    step = TOP_TOLERANCE_SIZES * size
    # A heading over one column, or over both, may or may not belong to it: the
    # tops are level if they are level either with or without headings.
    if abs(left.box[1] - right.box[1]) > step and abs(left.text_top - right.text_top) > step:
        box = (left.box[0], min(left.box[1], right.box[1]), right.box[2], max(left.box[1], right.box[1]))
        yield "tops", "Columns side by side do not start at the same height", box
    text = [p.box for g in groups for p in g.pieces]
    for column in (left, right):
        top = min(left.box[1], right.box[1])
        for box in _interruptions(page, column, top, size, text):
            yield "interrupted", "A picture or panel stands inside a column of text", box
    last = left.groups[-1].pieces[-1]
    first_group = right.groups[0]
    paragraphs = [g for g in right.groups if g.block.role is Role.BODY]
    first_text = next((g for g in paragraphs if len(g.pieces) > 1), paragraphs[0] if paragraphs else None)
    heading = first_group.block.role in (Role.HEADING, Role.TITLE)
    runs_on = last.block.role is Role.BODY and not SENTENCE_END.search(last.text)
    # A sentence that runs on should be picked up by the right column's first
    # text; a heading there and a new sentence after it mean it went elsewhere.
    if heading and runs_on and (first_text is None or first_text.pieces[0].text.lstrip()[:1].isupper()):
        box = (left.box[0], min(last.box[1], first_group.box[1]),
               right.box[2], max(last.box[3], first_group.box[3]))
        yield ("continuity", "A sentence runs off the foot of one column, but the next column "
               "starts with a heading", box)


def _misrouted(page_cols: PageColumns) -> Iterator[Finding]:
    """A "no" for a sentence sent to the wrong column.

    The sentence runs off the foot of one column, the next column starts a
    new sentence, and another column (not the page's first, which may carry
    on from the page before) starts mid-sentence in lower case although the
    column before it ended a sentence. The reader is sent past a column, or
    back to an earlier one. Only one such loose end and one such stray
    start on the page: with more, which goes with which is a guess.
    """
    columns = _row_of_columns(page_cols)
    if not all(_whole(page_cols.page, c) for c in columns):
        return
    hanging = [i for i, c in enumerate(columns[:-1]) if _runs_off(c) and not _picks_up(columns[i + 1])]
    strays = [j for j in range(1, len(columns)) if _picks_up(columns[j]) and _ends_sentence(columns[j - 1])]
    if len(hanging) != 1 or len(strays) != 1:
        return
    i, j = hanging[0], strays[0]
    if _starts_afresh(columns[i + 1]):
        yield _misrouted_finding(page_cols.page, columns, i, j)


def _misrouted_finding(page: Page, columns: list[Column], i: int, j: int) -> Finding:
    """The finding for a sentence leaving column ``i`` (0-based) and picked up in column ``j``."""
    ending, pickup = _last_line(columns[i]), columns[j].groups[0].pieces[0]
    way = "past the next column to" if j > i else "back to"
    boxes = [from_display(columns[n].box, page) for n in (i, j)]
    message = (f"On page {page.number} a sentence runs off the foot of column {i + 1} "
               f"(\"...{ending.text.strip()[-40:]}\") and goes on {way} column {j + 1} "
               f"(\"{pickup.text.strip()[:40]}...\"); column {i + 2} starts a new sentence.")
    where = Location(page=page.number, bbox=boxes[0], rotation=page.rotation or None,
                     excerpt=excerpt(ending.text))
    return Finding.no(message, where, columns=len(columns), from_column=i + 1, to_column=j + 1,
                      from_box=[round(v, 1) for v in boxes[0]], to_box=[round(v, 1) for v in boxes[1]])


def _row_of_columns(page_cols: PageColumns) -> list[Column]:
    """The page's columns left to right when they stand in one row; none otherwise.

    Bands of columns stacked down a page, columns that do not share their
    height, and a "column" holding text side by side (boxes, or two columns
    the analysis could not part) may be read in more than one order, so no
    rule can be sure of them.
    """
    columns: list[Column] = []
    for gutter in sorted(page_cols.gutters, key=lambda g: g.x0):
        for column in _columns(page_cols, gutter):
            if not any(_shares_groups(column, known) for known in columns):
                columns.append(column)
    columns.sort(key=lambda c: c.box[0])
    if not all(_single(c) for c in columns):
        return []
    for a, b in itertools.pairwise(columns):
        shared = overlap(a.box[1], a.box[3], b.box[1], b.box[3])
        if a.box[2] > b.box[0] or shared < ROW_SHARE * min(a.box[3] - a.box[1], b.box[3] - b.box[1]):
            return []
    return columns


def _shares_groups(a: Column, b: Column) -> bool:
    ids = {id(g) for g in a.groups}
    return any(id(g) in ids for g in b.groups)


def _single(column: Column) -> bool:
    """No two of the column's groups stand apart across: it is one column of text."""
    return all(overlap(a.box[0], a.box[2], b.box[0], b.box[2]) > 0
               for n, a in enumerate(column.groups) for b in column.groups[n + 1:])


def _main_size(column: Column) -> float:
    """The size the column's running text starts in (footnotes at its foot may outnumber it)."""
    return next((g.size for g in column.groups if g.block.role is Role.BODY), column.groups[0].size)


def _last_line(column: Column) -> Piece:
    """The column's last line at its main size: footnotes set smaller below it are
    not where its text ends."""
    main = _main_size(column)
    running = [g for g in column.groups if abs(g.size - main) <= SAME_SIZE_SHARE * main]
    return running[-1].pieces[-1]


def _whole(page: Page, column: Column) -> bool:
    """No text the column analysis left out stands in the column's width above its
    first line or below its last (smaller footnotes aside).

    Such text (a box, a table, a band the analysis could not place) means the
    column's true top or foot is not known, so neither is where its sentences
    go. Running heads and footers are left out unless they sit as close as a
    line of the column would: a column's first lines can be taken for a
    running head.
    """
    first, last = column.groups[0].pieces[0], _last_line(column)
    main = _main_size(column)
    x0, x1 = column.box[0] - main, column.box[2] + main
    for block in page.blocks:
        # Span by span: a line MuPDF joined across a gutter is wider than any column.
        for span in block.spans:
            if span.bbox is None or not span.text.strip():
                continue
            box = to_display(span.bbox, page)
            if box[0] < x0 or box[2] > x1:
                continue
            reach = NEAR_SIZES * main if block.role is Role.FURNITURE else float("inf")
            above = first.box[1] - reach < (box[1] + box[3]) / 2 < first.box[1]
            below = last.box[3] < (box[1] + box[3]) / 2 < last.box[3] + reach
            smaller = (span.size or main) < (1 - SAME_SIZE_SHARE) * main
            if above or (below and not smaller):
                return False
    return True


def _runs_off(column: Column) -> bool:
    """The column's text ends in a full line that stops mid-sentence (after a
    lower-case word, a comma or a broken word): the sentence must go on."""
    last = _last_line(column)
    text = last.text.rstrip()
    if not _running(last) or len(text) < 2:
        return False
    full = last.box[2] - last.box[0] >= FULL_LINE_SHARE * (column.box[2] - column.box[0])
    broken = text[-1] in "-\u00ad" and text[-2].isalpha()
    return full and (text[-1].islower() or text[-1] == "," or broken)


def _ends_sentence(column: Column) -> bool:
    last = _last_line(column)
    return _running(last) and SENTENCE_STOP.search(last.text) is not None


def _picks_up(column: Column) -> bool:
    """The column starts mid-sentence: its first word is plain lower-case letters
    (not a brand such as "iPhone", nor an abbreviation such as "e.g.")."""
    first = column.groups[0].pieces[0]
    words = first.text.split()
    word = words[0].rstrip(",;:") if words else ""
    return _running(first) and word.isalpha() and word.islower()


def _starts_afresh(column: Column) -> bool:
    """The column opens with a heading or a capital letter: a new sentence."""
    first = column.groups[0]
    text = first.pieces[0].text.lstrip()
    return first.block.role in (Role.HEADING, Role.TITLE) or text[:1].isupper()


def _running(piece: Piece) -> bool:
    """A line of a paragraph of running text (not a heading, a caption or a list item)."""
    return piece.block.role is Role.BODY and not piece.block.list_item


def _interruptions(page: Page, column: Column, top: float, size: float,
                   text: list[BBox]) -> Iterator[BBox]:
    """Pictures and panels inside the column's width, between its top and its last line."""
    width = column.box[2] - column.box[0]
    boxes = [to_display(i.location.bbox, page) for i in page.images if i.location.bbox is not None]
    boxes += [to_display(s.bbox, page) for s in page.shapes if s.fill is not None]
    for box in boxes:
        if box[2] - box[0] < PANEL_MIN_SIZES * size or box[3] - box[1] < PANEL_MIN_SIZES * size:
            continue
        across = min(box[2], column.box[2]) - max(box[0], column.box[0])
        if across < 0.5 * width or box[1] < top - size or box[3] > column.box[3]:
            continue
        if any(_overlaps(box, line) for line in text):
            continue  # behind text: a tint, a watermark or a background, not an interruption
        yield box


def _docx(doc: Document) -> Iterator[Finding]:
    sections = [s for s in doc.sections if s.columns > 1]
    tables = table_columns(doc)
    boxed: dict[int, list[Block]] = {}
    for block in doc.blocks:
        if block.location.box and block.role is Role.BODY and block.text.strip():
            boxed.setdefault(block.location.box[0], []).append(block)
    chains = [box for box in doc.boxes if box.linked and box.number in boxed]
    beside = _boxes_side_by_side(doc.boxes, boxed)
    panelled = [s for s in doc.sections if len(s.panels) > 1]
    if not sections and not tables and not chains and not beside and not panelled:
        yield Finding.na("No text set in columns" + (" (text boxes holding text are neither "
                         "linked nor side by side: panels, not columns)." if boxed else "."))
        return
    for section in sections:
        if section.columns > MAX_FLOWING_COLUMNS:
            yield Finding.manual(f"Section {section.number} has {section.columns} columns: check the "
                                 "text is easy to follow from one to the next.", section.location,
                                 columns=section.columns)
        else:
            yield Finding.info(f"Section {section.number} has {section.columns} Word columns, which "
                               "flow from one to the next by themselves.", section.location,
                               columns=section.columns)
    for section in panelled:
        yield Finding.manual(f"Section {section.number} is laid out in {len(section.panels)} panels by "
                             "a table: check the text runs from panel to panel in an obvious order "
                             "(in a folded leaflet, the order the panels are opened).",
                             section.location, panels=len(section.panels))
    for first, columns in tables:
        yield Finding.manual(f"A table sets text in {columns} columns side by side: check the "
                             "reading order is obvious.", first.location, columns=columns)
    for box in chains:
        first = boxed[box.number][0]
        yield Finding.manual("Text runs on from this text box into linked boxes: check it is "
                             "obvious where it continues.", first.location.but(excerpt=excerpt(first.text)),
                             box=box.number)
    if beside:
        first = boxed[beside[0].number][0]
        yield Finding.manual(f"{len(beside)} text boxes of running text sit side by side like "
                             "columns: check the reading order is obvious.",
                             first.location.but(excerpt=excerpt(first.text)), count=len(beside),
                             boxes=[box.number for box in beside])


def _boxes_side_by_side(boxes: list[TextBox], boxed: dict[int, list[Block]]) -> list[TextBox]:
    """Text boxes holding running text that stand level with another such box, apart across."""
    holding = [box for box in boxes if box.x is not None and box.y is not None and box.width
               and box.height and sum(len(b.text.strip()) for b in boxed.get(box.number, []))
               >= BOX_COLUMN_MIN_CHARS]
    found: dict[int, TextBox] = {}
    for i, a in enumerate(holding):
        for b in holding[i + 1:]:
            if _level(a, b):
                found[a.number], found[b.number] = a, b
    return sorted(found.values(), key=lambda box: box.number)


def _level(a: TextBox, b: TextBox) -> bool:
    """Side by side: positioned from the same frames, overlapping down the page, apart across."""
    if (a.h_relative, a.v_relative) != (b.h_relative, b.v_relative):
        return False
    if a.v_relative not in FIXED_FRAMES and (a.location.part, a.location.paragraph) != (
            b.location.part, b.location.paragraph):
        return False  # placed from different paragraphs: their heights cannot be compared
    ax, ay, aw, ah = a.x or 0.0, a.y or 0.0, a.width or 0.0, a.height or 0.0
    bx, by, bw, bh = b.x or 0.0, b.y or 0.0, b.width or 0.0, b.height or 0.0
    shared_height = min(ay + ah, by + bh) - max(ay, by)
    apart = ax + aw <= bx + 1 or bx + bw <= ax + 1
    return apart and shared_height >= LEVEL_SHARE * min(ah, bh)


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
