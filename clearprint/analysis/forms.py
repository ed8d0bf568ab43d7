"""The options of a PDF form: lines led by a box to tick.

A form sets its choices one under another ("1 [ ] Single", "2 [ ] Married
filing jointly"), each a thing to tick rather than a paragraph: the space
between them is a form's, not running text's, and checks of paragraph layout
leave them out. A line is an option when a tick box stands level with it, at
its start: a check-box or radio-button field, a small outlined square
(``regions.is_tick_box``), or a white-square glyph opening the text (after a
number, if any).

Everything is measured on the displayed page; results are cached in ``doc.cache``.
"""

from __future__ import annotations

import re

from clearprint.analysis.geometry import overlap, to_display
from clearprint.analysis.regions import is_tick_box
from clearprint.model import BBox, Block, Document, Line, Page
from clearprint.textfacts import dominant_size

TICK_FIELDS = ("checkbox", "radio")
LEAD_REACH_EM = 4.0  # a box this near the line's start (in its type size) leads it: "39a [ ]"
LEVEL_SHARE = 0.5  # the box and the line share this much of the lower of their heights
_SQUARE_START = re.compile(r"^\s*(\(?\w{1,3}[.)]?\s+)?[\u25a1\u25a2\u2610\u2611\u2612]")


def option_blocks(doc: Document) -> frozenset[int]:
    """Indices of the blocks whose first line is a form option (cached)."""
    if "option_blocks" not in doc.cache:
        found: set[int] = set()
        boxes = _tick_boxes(doc)
        for block in doc.blocks:
            if block.page is None or not block.lines:
                continue
            page = doc.pages[block.page - 1]
            if _leads_option(block.lines[0], block, page, boxes.get(page.number, [])):
                found.add(block.index)
        doc.cache["option_blocks"] = frozenset(found)
    return doc.cache["option_blocks"]


def _leads_option(line: Line, block: Block, page: Page, boxes: list[BBox]) -> bool:
    """The line opens with a box to tick: a glyph, or one of ``boxes`` (displayed) at its start."""
    if _SQUARE_START.match(line.text):
        return True
    size = dominant_size(line.spans) or dominant_size(block.spans)
    if size is None:
        return False
    x0, y0, x1, y1 = to_display(line.bbox, page)
    reach = LEAD_REACH_EM * size
    for bx0, by0, bx1, by1 in boxes:
        level = overlap(y0, y1, by0, by1) >= LEVEL_SHARE * min(y1 - y0, by1 - by0)
        if level and x0 - reach <= bx0 and bx1 <= x0 + reach:
            return True
    return False


def _tick_boxes(doc: Document) -> dict[int, list[BBox]]:
    """Each page's tick boxes, displayed: check-box fields and small outlined squares."""
    found: dict[int, list[BBox]] = {}
    for field in doc.fields:
        where = field.location
        if field.kind in TICK_FIELDS and where.page is not None and where.bbox is not None:
            found.setdefault(where.page, []).append(to_display(where.bbox, doc.pages[where.page - 1]))
    for page in doc.pages:
        for shape in page.shapes:
            box = to_display(shape.bbox, page)
            if is_tick_box(shape, box):
                found.setdefault(page.number, []).append(box)
    return found
