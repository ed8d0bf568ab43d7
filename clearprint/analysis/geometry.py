"""Page geometry shared by the analysis passes and checks.

PDF boxes in the model are in unrotated page space (as PyMuPDF reports them);
layout questions (top of the page, left margin, columns) are about the page as
displayed, after its /Rotate. These helpers convert between the two without
PyMuPDF, using the same mapping as ``page.rotation_matrix``.
"""

from __future__ import annotations

from collections.abc import Iterable

from clearprint.model import BBox, Line, Page

HORIZONTAL_TOLERANCE = 2.0  # degrees; item 19 counts text within this as horizontal


def _unrotated_size(page: Page) -> tuple[float, float]:
    if page.rotation % 180:
        return page.height, page.width
    return page.width, page.height


def to_display(bbox: BBox, page: Page) -> BBox:
    """A box in unrotated page space, as it appears on the displayed page."""
    rotation = page.rotation % 360
    if not rotation:  # nearly every page: nothing to turn
        return bbox
    width, height = _unrotated_size(page)
    x0, y0, x1, y1 = bbox
    if rotation == 90:
        return (height - y1, x0, height - y0, x1)
    if rotation == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if rotation == 270:
        return (y0, width - x1, y1, width - x0)
    return bbox


def from_display(bbox: BBox, page: Page) -> BBox:
    """The inverse of :func:`to_display`: a displayed box in unrotated page space."""
    rotation = page.rotation % 360
    if not rotation:
        return bbox
    width, height = _unrotated_size(page)
    x0, y0, x1, y1 = bbox
    if rotation == 90:
        return (y0, height - x1, y1, height - x0)
    if rotation == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if rotation == 270:
        return (width - y1, x0, width - y0, x1)
    return bbox


def line_extent(line: Line, page: Page | None) -> tuple[float, float]:
    """Where a line starts and its last visible glyph ends, across the page as displayed.

    The one place a line's extent is measured: a line's box is in unrotated
    page space like every box, so on a page turned by /Rotate its reading
    direction runs along the unrotated y, and only the displayed box says
    where it starts and ends.
    """
    box = line.bbox if page is None else to_display(line.bbox, page)
    return box[0], box[2]


def is_horizontal(line: Line) -> bool:
    """Reads left to right across the displayed page (item 19's tolerance)."""
    return not line.vertical and abs(line.angle) <= HORIZONTAL_TOLERANCE


def union(boxes: Iterable[BBox | None]) -> BBox | None:
    """The smallest box around all the given boxes (unknown boxes are skipped)."""
    known = [b for b in boxes if b is not None]
    if not known:
        return None
    return (min(b[0] for b in known), min(b[1] for b in known),
            max(b[2] for b in known), max(b[3] for b in known))


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length shared by two intervals (negative: the gap between them)."""
    return min(a1, b1) - max(a0, b0)
