"""Pictures, vector shapes and form fields of a PDF page.

Everything here carries its painting order (``seqno``: the index in
``page.get_bboxlog()``) so the analysis can tell what lies behind text.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

from clearprint.model import BBox, FormField, Image, Location, Shape

# Vector paths smaller than this are glyph outlines, icons or chart ticks: they
# are counted (Page.path_count) but not kept, so pages of outlined text stay fast.
_MIN_FILL_AREA = 100.0  # pt², about a 10 pt square
_MIN_LENGTH = 10.0  # pt, for rules and stroked paths
_RULE_THICKNESS = 3.0  # pt; thinner shapes are rules, whether stroked or filled
_UNDERLINE_THICKNESS = 2.0  # pt

_WIDGET_KINDS = {
    "text": "text", "checkbox": "checkbox", "radiobutton": "radio",
    "combobox": "choice", "listbox": "choice", "signature": "signature",
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


def read_shapes(page: Any, number: int,
                bboxlog: list[tuple[str, Any]]) -> tuple[list[Shape], int, list[BBox]]:
    """Sizeable filled areas, rules and stroked boxes; the count of all paths; and
    every thin horizontal path, however short (underline candidates for ``text``).

    Shadings (gradients) are not in ``get_drawings``; the bbox log has them,
    unbounded when a clip path shapes them, so they are cut to the page.
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
    page_box = page.cropbox
    width, height = page_box.width, page_box.height
    for order, (kind, rect) in enumerate(bboxlog):
        if kind != "fill-shade":
            continue
        x0, y0 = max(rect[0], 0.0), max(rect[1], 0.0)
        x1, y1 = min(rect[2], width), min(rect[3], height)
        if x1 > x0 and y1 > y0 and (x1 - x0) * (y1 - y0) >= _MIN_FILL_AREA:
            shapes.append(Shape(bbox=(x0, y0, x1, y1), kind="shading", order=order, page=number))
    return shapes, len(drawings), rules


def _shape(path: dict[str, Any], number: int) -> Shape | None:
    rect = path["rect"]
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    thin = min(width, height) <= _RULE_THICKNESS
    long = max(width, height) >= _MIN_LENGTH
    bbox: BBox = tuple(rect)  # type: ignore[assignment]
    fill = rgb(path.get("fill")) if "f" in path["type"] else None
    stroke = rgb(path.get("color")) if "s" in path["type"] else None
    if fill is not None:
        if thin and long:
            kind = "line"
        elif width * height >= _MIN_FILL_AREA:
            kind = "rect" if _is_rectangle(path["items"], rect) else "path"
        else:
            return None
        opacity = path.get("fill_opacity")
    elif stroke is not None and long:
        kind = "line" if thin else "rect" if _is_rectangle(path["items"], rect) else "path"
        opacity = path.get("stroke_opacity")
    else:
        return None
    return Shape(bbox=bbox, fill=fill, stroke=stroke, kind=kind, page=number,
                 opacity=1.0 if opacity is None else opacity, order=path.get("seqno"))


def read_images(page: Any, number: int, bboxlog: list[tuple[str, Any]],
                loader: Callable[[int, int, BBox], Callable[[], bytes | None]]) -> list[Image]:
    """Placed pictures with their pixel size, placed size and painting order.

    ``get_image_info`` has no seqno, so each picture is paired with the next
    ``fill-image`` entry of the bbox log that has the same box.
    """
    painted = [(i, rect) for i, (kind, rect) in enumerate(bboxlog) if kind.startswith("fill-image")]
    if not painted:
        return []  # get_image_info builds a whole text page; skip it when there is nothing
    used: set[int] = set()
    images = []
    for info in sorted(page.get_image_info(xrefs=True), key=lambda i: i["number"]):
        bbox: BBox = tuple(info["bbox"])  # type: ignore[assignment]
        order = next((i for i, rect in painted if i not in used and _same_box(rect, bbox)), None)
        if order is not None:
            used.add(order)
        a, b, c, d, _, _ = info["transform"]
        images.append(Image(
            location=Location(page=number, bbox=bbox, rotation=page.rotation),
            pixel_width=info["width"] or None,
            pixel_height=info["height"] or None,
            placed_width=round(math.hypot(a, b), 2) or None,
            placed_height=round(math.hypot(c, d), 2) or None,
            order=order,
            load=loader(number, info.get("xref") or 0, bbox),
        ))
    return images


def _same_box(a: Any, b: BBox) -> bool:
    return all(abs(u - v) < 0.5 for u, v in zip(a, b, strict=True))


def read_fields(page: Any, number: int) -> list[FormField]:
    """Interactive form fields a reader can fill in (push buttons are left out)."""
    fields = []
    for widget in page.widgets():
        kind = _WIDGET_KINDS.get((widget.field_type_string or "").lower())
        if kind is None:
            continue
        rect = widget.rect
        fields.append(FormField(
            location=Location(page=number, bbox=(rect.x0, rect.y0, rect.x1, rect.y1),
                              rotation=page.rotation, excerpt=widget.field_name or None),
            kind=kind, width=round(rect.width, 2), height=round(rect.height, 2),
            name=widget.field_name or None,
        ))
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
