"""Tables and figures of a PDF page, found from its drawings and pictures.

A PDF does not say which text belongs to a table or a diagram, yet neither is
running text: a table's header cells are centred by design, and the labels of
a flow chart are short lines scattered over boxes and arrows. ``layout`` uses
these regions to mark table text ``in_table`` (its header row a heading) and
diagram labels ``Role.FIGURE``.

Tables are ruled grids: thin horizontal and vertical rules (and the edges of
outlined boxes) that cross or touch one another, with at least
``GRID_MIN_RULES`` distinct rules each way (two rows of two cells). A
table's first row is its header when it is printed on a filled band. A filled
band holding two or more short text blocks side by side is a header row too,
rules or not.

Drawings are clusters of vector shapes (with the pictures among them) at
least ``FIGURE_MIN_SHAPES`` strong, that are not a single panel behind text:
no one shape covers most of the cluster unless many other shapes lie on it.
Large shapes (backgrounds, panels), page-wide rules, the shapes of tables and
a form's tick boxes (small outlined squares, whose labels are form text) are
left out.

Everything works in displayed page space (``geometry.to_display``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from clearprint.analysis.geometry import overlap, to_display
from clearprint.model import BBox, Page, Shape

RULE_THICKNESS = 3.0  # pt: thinner shapes are rules
RULE_MIN_LENGTH = 5.0  # pt
TOUCH = 2.0  # pt: rules this close meet
GRID_MIN_RULES = 3  # distinct rules each way that make a table
PAGE_RULE_SHARE = 0.6  # a rule this share of the page wide separates, it is not a drawing
FIGURE_MIN_SHAPES = 3
PANEL_SHARE = 0.6  # one shape covering this share of a cluster makes it a panel...
PANEL_MIN_SHAPES = 8  # ...unless this many shapes make it up
WHITE_LEVEL = 250  # fills this light (each channel, 0-255) are paper
NODE_MAX_RATIO = 6.0  # a box at most this many times the area of the text in it is a node
ITEM_MAX_SHARE = 0.05  # shapes and pictures larger than this share of the page are panels
BAND_FILL_SHARE = 0.8  # a header band's fill spans this share of the table's width
BAND_MIN_RATIO = 3.0  # a band is this many times as wide as tall...
BAND_MAX_SIZES = 5.0  # ...and at most this many type sizes tall
TICK_BOX_SIDES_PT = (6.0, 17.0)  # an outlined square this size (2 to 6 mm) is a tick box
TICK_BOX_RATIO = 1.2  # its sides differ by at most this factor
RULE_SLACK = 0.5  # pt: a rule between two lines may touch their boxes by this much


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled grid: its box and, when its first row is printed on a fill, that row's box."""

    box: BBox
    header: BBox | None


@dataclass(frozen=True, slots=True)
class _Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    horizontal: bool
    shape: int  # index in the page's shapes


def tables(page: Page) -> list[Table]:
    """The page's ruled tables."""
    shapes = [to_display(s.bbox, page) for s in page.shapes]
    rules = [r for i, shape in enumerate(page.shapes) for r in _rules(i, shape, shapes[i])]
    found = []
    for members in _clusters([_grown(_box(r), TOUCH) for r in rules]):
        group = [rules[i] for i in members]
        across = {round(r.y0) for r in group if r.horizontal}
        down = {round(r.x0) for r in group if not r.horizontal}
        if len(across) < GRID_MIN_RULES or len(down) < GRID_MIN_RULES:
            continue
        box = _union(_box(r) for r in group)
        found.append(Table(box, _header_band(page, shapes, box)))
    return found


def header_bands(page: Page, size: float, ignore: Iterable[BBox] = ()) -> list[BBox]:
    """Filled bands that may carry a row of column headings (outside the given boxes).

    A band is a filled shape at least ``BAND_MIN_RATIO`` times as wide as it is
    tall and at most ``BAND_MAX_SIZES`` type sizes tall; whether it holds a row
    of headings is for the caller to judge from its text.
    """
    ignored = list(ignore)
    bands = []
    for shape in page.shapes:
        if shape.fill is None or shape.kind == "line":
            continue
        box = to_display(shape.bbox, page)
        width, height = box[2] - box[0], box[3] - box[1]
        if width < BAND_MIN_RATIO * height or height > BAND_MAX_SIZES * size:
            continue
        if any(_inside(box, other) for other in ignored):
            continue
        bands.append(box)
    return bands


def drawings(page: Page, ignore: Iterable[BBox] = ()) -> list[BBox]:
    """Boxes around the page's drawings: clusters of shapes, and the pictures in them.

    Backgrounds, page-wide rules and large panels (over ``ITEM_MAX_SHARE`` of
    the page) are left out: they would join every drawing on the page into one.
    """
    ignored = list(ignore)
    area = page.width * page.height
    items: list[tuple[BBox, bool]] = []  # (box, is a vector shape)
    for shape in page.shapes:
        box = to_display(shape.bbox, page)
        if (_invisible(shape) or _area(box) > ITEM_MAX_SHARE * area or _page_rule(box, page)
                or is_tick_box(shape, box)):
            continue
        if any(_inside(box, t) for t in ignored):
            continue
        items.append((box, True))
    if len(items) < FIGURE_MIN_SHAPES:
        return []
    for image in page.images:
        if image.location.bbox is not None:
            box = to_display(image.location.bbox, page)
            if _area(box) <= ITEM_MAX_SHARE * area:
                items.append((box, False))
    found = []
    for members in _clusters([_grown(box, TOUCH * 2) for box, _ in items]):
        shapes = [items[i][0] for i in members if items[i][1]]
        if len(shapes) < FIGURE_MIN_SHAPES:
            continue
        box = _union(items[i][0] for i in members)
        largest = max(_area(b) for b in shapes)
        if largest >= PANEL_SHARE * _area(box) and len(shapes) < PANEL_MIN_SHAPES:
            continue  # a panel (and its border or shadow) behind text
        found.append(box)
    return found


def joined(boxes: list[BBox], distance: float) -> list[BBox]:
    """Boxes less than ``distance`` apart merged into one (the parts of one figure)."""
    return [_union(boxes[i] for i in members)
            for members in _clusters([_grown(b, distance / 2) for b in boxes])]


def grown(box: BBox, by: float) -> BBox:
    """The box with ``by`` added on every side."""
    return _grown(box, by)


def in_a_box(page: Page, box: BBox) -> bool:
    """The text box sits in a drawn box (a filled or outlined shape) not much larger
    than it: a node of a flow chart or a callout, rather than a panel of a page."""
    own = max(_area(box), 1.0)
    for shape in page.shapes:
        if shape.kind == "line" or (shape.fill is None and shape.stroke is None) or _invisible(shape):
            continue
        outer = to_display(shape.bbox, page)
        if _inside(box, outer) and _area(outer) <= NODE_MAX_RATIO * own:
            return True
    return False


def share_inside(box: BBox, region: BBox) -> float:
    """How much of ``box`` lies inside ``region`` (0 to 1)."""
    own = _area(box)
    if own <= 0:
        return 1.0 if _inside(box, region) else 0.0
    width = overlap(box[0], box[2], region[0], region[2])
    height = overlap(box[1], box[3], region[1], region[3])
    return max(0.0, width) * max(0.0, height) / own


# Rules and bands ----------------------------------------------------------------

def _rules(index: int, shape: Shape, box: BBox) -> list[_Rule]:
    """A thin shape as one rule; an outlined rectangle as its four edges."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if height <= RULE_THICKNESS and width >= RULE_MIN_LENGTH:
        return [_Rule(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, True, index)]
    if width <= RULE_THICKNESS and height >= RULE_MIN_LENGTH:
        return [_Rule((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, False, index)]
    if shape.kind == "rect" and shape.stroke is not None:
        return [_Rule(x0, y0, x1, y0, True, index), _Rule(x0, y1, x1, y1, True, index),
                _Rule(x0, y0, x0, y1, False, index), _Rule(x1, y0, x1, y1, False, index)]
    return []


def _header_band(page: Page, shapes: list[BBox], table: BBox) -> BBox | None:
    """The table's first row, when a filled shape across the table's top prints it."""
    width = table[2] - table[0]
    for shape, box in zip(page.shapes, shapes, strict=True):
        if shape.fill is None or shape.kind == "line":
            continue
        if abs(box[1] - table[1]) > TOUCH:
            continue
        if overlap(box[0], box[2], table[0], table[2]) < BAND_FILL_SHARE * width:
            continue
        if box[3] - box[1] < (table[3] - table[1]) / 2:  # a band, not the whole table's shading
            return (table[0], box[1], table[2], box[3])
    return None


# Geometry -------------------------------------------------------------------------

def _clusters(boxes: list[BBox]) -> list[list[int]]:
    """Indices of boxes that overlap, directly or through others (sweep and union-find)."""
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    active: list[int] = []
    for i in order:
        box = boxes[i]
        active = [j for j in active if boxes[j][2] >= box[0]]
        for j in active:
            other = boxes[j]
            if other[1] <= box[3] and box[1] <= other[3]:
                a, b = root(i), root(j)
                if a != b:
                    parent[a] = b
        active.append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _box(rule: _Rule) -> BBox:
    return (rule.x0, rule.y0, rule.x1, rule.y1)


def _grown(box: BBox, by: float) -> BBox:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _union(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _inside(box: BBox, region: BBox) -> bool:
    return (box[0] >= region[0] - TOUCH and box[1] >= region[1] - TOUCH
            and box[2] <= region[2] + TOUCH and box[3] <= region[3] + TOUCH)


def _invisible(shape: Shape) -> bool:
    """A white fill without an outline: paper on paper (paragraph shading, masks)."""
    return shape.stroke is None and shape.fill is not None and min(shape.fill) >= WHITE_LEVEL


def is_tick_box(shape: Shape, box: BBox) -> bool:
    """A small outlined square on paper: a box of a form to tick, not part of a drawing.

    ``box`` is the shape's box on the displayed page.
    """
    low, high = TICK_BOX_SIDES_PT
    short, long = sorted((box[2] - box[0], box[3] - box[1]))
    on_paper = shape.fill is None or min(shape.fill) >= WHITE_LEVEL
    return (shape.kind == "rect" and shape.stroke is not None and on_paper
            and low <= short and long <= high and long <= TICK_BOX_RATIO * short)


def rule_between(page: Page, upper: BBox, lower: BBox) -> bool:
    """A horizontal rule drawn in the space between two lines of text, one above the
    other (displayed boxes): rows of a form or a table, parted by a line.

    The rule lies in the gap between the boxes (within ``RULE_SLACK``), so an underline,
    which sits inside its line's box, is not one, and it runs under at least half
    of the narrower line.
    """
    narrow = min(upper, lower, key=lambda b: b[2] - b[0])
    need = 0.5 * (narrow[2] - narrow[0])
    for shape in page.shapes:
        x0, y0, x1, y1 = to_display(shape.bbox, page)
        if (y1 - y0 <= RULE_THICKNESS and upper[3] - RULE_SLACK <= (y0 + y1) / 2 <= lower[1] + RULE_SLACK
                and overlap(x0, x1, narrow[0], narrow[2]) >= need):
            return True
    return False


def _page_rule(box: BBox, page: Page) -> bool:
    thin = min(box[2] - box[0], box[3] - box[1]) <= RULE_THICKNESS
    return thin and max(box[2] - box[0], box[3] - box[1]) >= PAGE_RULE_SHARE * min(page.width, page.height)
