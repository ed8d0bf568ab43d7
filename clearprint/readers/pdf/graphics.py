"""Pictures, vector shapes and form fields of a PDF page.

Everything here carries its painting order (``seqno``: the index in the
page's paint log, see ``painting``) so the analysis can tell what lies behind text.
"""

from __future__ import annotations

import itertools
import math
import zlib
from typing import Any

import pymupdf

from clearprint.model import BBox, FormField, Image, Location, Shape
from clearprint.readers.pdf.painting import Painting, PlacedImage, visible
from clearprint.readers.pdf.source import MUPDF_ERRORS, PictureSource

mupdf = pymupdf.mupdf

# Vector paths smaller than this are glyph outlines, icons or chart ticks: they
# are counted (Page.path_count) but not kept, so pages of outlined text stay fast.
_MIN_FILL_AREA = 100.0  # pt², about a 10 pt square
_MIN_LENGTH = 10.0  # pt, for rules and stroked paths
# Except outlined squares of tick-box size, empty or white: forms draw their
# check boxes so (small filled squares are bullets).
_TICK_BOX_MIN = 4.0  # pt
_TICK_BOX_MAX = 22.0  # pt
_PAPER_LEVEL = 240  # 0-255: fills this light count as white
_RULE_THICKNESS = 3.0  # pt; thinner shapes are rules, whether stroked or filled
_UNDERLINE_THICKNESS = 2.0  # pt
_CROP_MIN = 0.005  # shares of a picture cut off by its clip below this are not a crop
_CLIP_SLACK = 0.5  # pt; a clip closer than this to a picture's edge does not cut it
_CUT_OUT_PPI = 150.0  # cut-out pictures are drawn as printed at up to this resolution
_CUT_OUT_PIXELS = 4_000_000

_WIDGET_KINDS = {
    mupdf.PDF_WIDGET_TYPE_TEXT: "text", mupdf.PDF_WIDGET_TYPE_CHECKBOX: "checkbox",
    mupdf.PDF_WIDGET_TYPE_RADIOBUTTON: "radio", mupdf.PDF_WIDGET_TYPE_COMBOBOX: "choice",
    mupdf.PDF_WIDGET_TYPE_LISTBOX: "choice", mupdf.PDF_WIDGET_TYPE_SIGNATURE: "signature",
}


def rgb(color: tuple[float, ...] | None) -> tuple[int, int, int] | None:
    """A PyMuPDF colour (0-1 floats: gray, RGB or CMYK) as 0-255 sRGB."""
    if color is None or len(color) == 0:
        return None
    if len(color) == 1:
        color = (color[0],) * 3
    elif len(color) == 4:  # naive CMYK; get_drawings converts most paths to RGB already
        c, m, y, k = color
        color = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return tuple(max(0, min(255, round(v * 255))) for v in color[:3])  # type: ignore[return-value]


def _is_rectangle(items: list[tuple[Any, ...]], rect: tuple[float, ...]) -> bool:
    """A single 're', an axis-aligned 'qu', or a closed run of edges on the rect's sides."""
    if len(items) == 1 and items[0][0] == "re":
        return True
    if len(items) == 1 and items[0][0] == "qu":
        points = items[0][1]
    elif 3 <= len(items) <= 5 and all(item[0] == "l" for item in items):
        points = [p for item in items for p in item[1:3]]
    else:
        return False
    xs = {round(p[0], 1) for p in points}
    ys = {round(p[1], 1) for p in points}
    return xs <= {round(rect[0], 1), round(rect[2], 1)} and ys <= {round(rect[1], 1), round(rect[3], 1)}


def read_shapes(page: Any, number: int, painting: Painting,
                page_box: BBox) -> tuple[list[Shape], int, list[BBox]]:
    """Sizeable filled areas, rules and stroked boxes; the count of all paths; and
    every thin horizontal path, however short (underline candidates for ``text``).

    Shadings (gradients) are not in ``get_drawings``; the paint log has them,
    unbounded (they fill their clip), so their box is their clip's, cut to the page.
    """
    shapes: list[Shape] = []
    rules: list[BBox] = []
    drawings = page.get_cdrawings()  # plain tuples: faster than get_drawings' Rects
    for path in drawings:
        shape = _shape(path, number)
        if shape is not None:
            shapes.append(shape)
        x0, y0, x1, y1 = path["rect"]
        if y1 - y0 <= _UNDERLINE_THICKNESS and x1 - x0 >= _UNDERLINE_THICKNESS:
            rules.append((x0, y0, x1, y1))
    for order, (kind, rect, clip) in enumerate(painting.entries):
        if kind != "fill-shade":
            continue
        box = visible(rect, clip)
        box = visible(box, page_box) if box is not None else None
        if box is not None and (box[2] - box[0]) * (box[3] - box[1]) >= _MIN_FILL_AREA:
            shapes.append(Shape(bbox=box, kind="shading", order=order, page=number))
    return shapes, len(drawings), rules


def _shape(path: dict[str, Any], number: int) -> Shape | None:
    rect = path["rect"]
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    thin = min(width, height) <= _RULE_THICKNESS
    long = max(width, height) >= _MIN_LENGTH
    bbox: BBox = tuple(rect)  # type: ignore[assignment]
    fill = rgb(path.get("fill")) if "f" in path["type"] else None
    stroke = rgb(path.get("color")) if "s" in path["type"] else None
    if (stroke is not None and (fill is None or min(fill) >= _PAPER_LEVEL) and _tick_box(width, height)
            and _is_rectangle(path["items"], rect)):
        return Shape(bbox=bbox, fill=fill, stroke=stroke, kind="rect", page=number,
                     opacity=_opacity(path, fill), order=path.get("seqno"))
    if fill is not None:
        if thin and long:
            kind = "line"
        elif width * height >= _MIN_FILL_AREA:
            kind = "rect" if _is_rectangle(path["items"], rect) else "path"
        else:
            return None
    elif stroke is not None and long:
        kind = "line" if thin else "rect" if _is_rectangle(path["items"], rect) else "path"
    else:
        return None
    return Shape(bbox=bbox, fill=fill, stroke=stroke, kind=kind, page=number,
                 opacity=_opacity(path, fill), order=path.get("seqno"))


def _opacity(path: dict[str, Any], fill: tuple[int, int, int] | None) -> float:
    opacity = path.get("fill_opacity") if fill is not None else path.get("stroke_opacity")
    return 1.0 if opacity is None else opacity


def _tick_box(width: float, height: float) -> bool:
    """Square enough and big enough to be a box to tick (smaller ones are glyph parts)."""
    small, large = sorted((width, height))
    return small >= _TICK_BOX_MIN and large <= _TICK_BOX_MAX and large <= 1.5 * small


def read_images(page: Any, number: int, painting: Painting, page_box: BBox,
                pictures: PictureSource) -> list[Image]:
    """Placed pictures with their pixel size, visible box, placed size and painting order.

    The box is what shows: the picture cut by its clip path and the page
    (a photo cropped in its frame reports the frame, not the whole photo).
    An upright picture cut that way records the cut-off share in ``crop``,
    and its placed size is the visible part, as for a cropped Word picture;
    pictures that are cut away entirely are left out. A picture cut by a clip
    that is not a rectangle (a round photo, a cut-out figure) can also be
    loaded as printed (``Image.load_shown``): drawn through the clip,
    transparent where it hides it.
    """
    if not painting.images:
        return []
    xrefs = _XrefFinder(page)
    images = []
    for placed in painting.images:
        shown = visible(_clipped(placed.box, placed.clip), page_box)
        if shown is None:
            continue
        a, b, c, d, _, _ = placed.transform
        crop = _crop(placed, shown)
        if crop is None:
            width, height = math.hypot(a, b), math.hypot(c, d)
        else:
            width, height = shown[2] - shown[0], shown[3] - shown[1]
        shown_load = None
        if placed.shaped:
            shown_load = pictures.cut_out_loader(number, placed.order,
                                                 shown if crop is None else placed.box,
                                                 _cut_out_scale(placed))
        images.append(Image(
            location=Location(page=number, bbox=shown, rotation=page.rotation),
            pixel_width=placed.width or None,
            pixel_height=placed.height or None,
            placed_width=round(width, 2) or None,
            placed_height=round(height, 2) or None,
            order=placed.order,
            crop=crop,
            load=pictures.loader(number, xrefs.find(placed), shown),
            load_shown=shown_load,
        ))
    return images


def _cut_out_scale(placed: PlacedImage) -> float:
    """Pixels per point to draw a cut-out at: its own resolution up to 150 ppi, and
    no more than 4 million pixels."""
    a, b, c, d, _, _ = placed.transform
    native = max(placed.width / (math.hypot(a, b) or 1.0), placed.height / (math.hypot(c, d) or 1.0))
    box = placed.box
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1.0)
    return max(0.05, min(_CUT_OUT_PPI / 72, native, (_CUT_OUT_PIXELS / area) ** 0.5))


def _clipped(box: BBox, clip: BBox | None) -> BBox:
    """The box cut by the clip, ignoring cuts of less than ``_CLIP_SLACK`` (clip paths
    drawn on the picture's own edge differ from it by rounding)."""
    if clip is None:
        return box
    x0 = clip[0] if clip[0] > box[0] + _CLIP_SLACK else box[0]
    y0 = clip[1] if clip[1] > box[1] + _CLIP_SLACK else box[1]
    x1 = clip[2] if clip[2] < box[2] - _CLIP_SLACK else box[2]
    y1 = clip[3] if clip[3] < box[3] - _CLIP_SLACK else box[3]
    return (x0, y0, x1, y1)


def _crop(placed: PlacedImage, shown: BBox) -> tuple[float, float, float, float] | None:
    """Shares of the picture (left, top, right, bottom, as stored) outside the shown box.

    Only for pictures placed upright or flipped, not turned: a turned
    picture's visible part is not a rectangle of the picture.
    """
    a, b, c, d, e, f = placed.transform
    if abs(b) > 1e-6 or abs(c) > 1e-6 or not a or not d:
        return None
    u0, u1 = sorted(((shown[0] - e) / a, (shown[2] - e) / a))
    v0, v1 = sorted(((shown[1] - f) / d, (shown[3] - f) / d))
    crop = (max(0.0, u0), max(0.0, v0), max(0.0, 1 - u1), max(0.0, 1 - v1))
    if max(crop) < _CROP_MIN:
        return None
    return tuple(round(share, 4) for share in crop)  # type: ignore[return-value]


class _XrefFinder:
    """Matches painted pictures to the page's image xrefs (for their encoded bytes).

    The paint log has no xrefs; pictures are told apart by pixel size and bit
    depth, then by their compressed data (its length, and for small pictures,
    which often share sizes, a checksum). Inline pictures have no xref (0).
    """

    def __init__(self, page: Any) -> None:
        self._doc = page.parent
        self._lengths: dict[int, int | None] = {}
        self._crcs: dict[int, int | None] = {}
        self._by_size: dict[tuple[int, int], list[tuple[int, int]]] = {}  # -> (xref, bpc)
        for xref, _smask, width, height, bpc, *_ in page.get_images(full=True):
            self._by_size.setdefault((width, height), []).append((xref, bpc))

    def find(self, placed: PlacedImage) -> int:
        listed = self._by_size.get((placed.width, placed.height), [])
        candidates = [x for x, bpc in listed if bpc == placed.bpc] or [x for x, _ in listed]
        if len(candidates) > 1 and placed.data_length is not None:
            candidates = [x for x in candidates if self._length(x) == placed.data_length] or candidates
        if len(candidates) > 1 and placed.data_crc is not None:
            candidates = [x for x in candidates if self._crc(x) == placed.data_crc] or candidates
        return candidates[0] if candidates else 0

    def _length(self, xref: int) -> int | None:
        if xref not in self._lengths:
            kind, value = self._doc.xref_get_key(xref, "Length")
            if kind == "xref":
                value = self._doc.xref_object(int(value.split()[0]))
            try:
                self._lengths[xref] = int(value)
            except (TypeError, ValueError):
                self._lengths[xref] = None
        return self._lengths[xref]

    def _crc(self, xref: int) -> int | None:
        if xref not in self._crcs:
            try:
                self._crcs[xref] = zlib.crc32(self._doc.xref_stream_raw(xref) or b"")
            except MUPDF_ERRORS:
                self._crcs[xref] = None
        return self._crcs[xref]


def read_fields(page: Any, number: int) -> list[FormField]:
    """Interactive form fields a reader can fill in (push buttons are left out).

    Read through MuPDF's widget list rather than ``page.widgets()``, which
    builds every property of every widget in Python (20 times slower: a fifth
    of the reading time of a six-page form with 174 fields). Boxes are
    unrotated, as ``Widget.rect`` gives them.
    """
    fields = []
    derotation = page.derotation_matrix
    widget = mupdf.pdf_first_widget(mupdf.pdf_page_from_fz_page(page.this))
    while widget.m_internal:
        kind = _WIDGET_KINDS.get(mupdf.pdf_widget_type(widget))
        if kind is not None:
            rect = pymupdf.Rect(mupdf.pdf_bound_widget(widget)) * derotation
            name = mupdf.pdf_load_field_name(mupdf.pdf_annot_obj(widget)) or None
            fields.append(FormField(
                location=Location(page=number, bbox=(rect.x0, rect.y0, rect.x1, rect.y1),
                                  rotation=page.rotation, excerpt=name),
                kind=kind, width=round(rect.width, 2), height=round(rect.height, 2), name=name,
            ))
        widget = mupdf.pdf_next_widget(widget)
    return fields


def image_coverage(images: list[Image], width: float, height: float) -> float:
    """Share of the page (unrotated box 0,0,width,height) covered by pictures.

    Exact union area by coordinate compression; only called for pages without
    visible text, which rarely hold more than a handful of pictures.
    """
    boxes = []
    for image in images:
        x0, y0, x1, y1 = image.location.bbox or (0, 0, 0, 0)
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
        if x1 > x0 and y1 > y0:
            boxes.append((x0, y0, x1, y1))
    if not boxes or width <= 0 or height <= 0:
        return 0.0
    xs = sorted({v for b in boxes for v in (b[0], b[2])})
    ys = sorted({v for b in boxes for v in (b[1], b[3])})
    area = 0.0
    for xa, xb in itertools.pairwise(xs):
        for ya, yb in itertools.pairwise(ys):
            if any(b[0] <= xa and xb <= b[2] and b[1] <= ya and yb <= b[3] for b in boxes):
                area += (xb - xa) * (yb - ya)
    return area / (width * height)
