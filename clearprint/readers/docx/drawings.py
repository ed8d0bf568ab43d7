"""Pictures and text boxes anchored in paragraphs (DrawingML and legacy VML).

python-docx's ``inline_shapes`` sees neither anchored (floating) pictures nor
text boxes (spec E.2 item 18), and both matter: wrapping decides item 20,
wrap distances item 23, text-box fills the background of their text.
Anything inside ``mc:Fallback`` is skipped: it repeats the ``mc:Choice``.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clearprint.model import RGB, Image, Location
from clearprint.readers.docx.ooxml import (
    MC_FALLBACK,
    R_EMBED,
    R_ID,
    R_LINK,
    emu,
    local_name,
    measure_pt,
    number,
    qn,
)
from clearprint.readers.docx.package import Package
from clearprint.readers.docx.theme import Theme

_WP_INLINE = qn("wp:inline")
_WP_ANCHOR = qn("wp:anchor")
_PIC = qn("pic:pic")
_BLIP = qn("a:blip")
_TXBX_CONTENT = qn("w:txbxContent")
_WSP = qn("wps:wsp")
_GROUPS = frozenset({qn("wpg:wgp"), qn("wpg:grpSp")})
_GROUP_PR = qn("wpg:grpSpPr")
_WRAPS = {
    "wrapSquare": "square",
    "wrapTight": "tight",
    "wrapThrough": "through",
    "wrapTopAndBottom": "top-and-bottom",
    "wrapNone": "none",
}
_VML_WRAPS = {
    "square": "square",
    "tight": "tight",
    "through": "through",
    "topAndBottom": "top-and-bottom",
    "none": "none",
}
_FILLS = {
    "solidFill": "solid",
    "gradFill": "gradient",
    "blipFill": "picture",
    "pattFill": "pattern",
    "noFill": "none",
    "grpFill": "none",
}
_VERTICAL = {"vert", "vert270", "wordArtVert", "eaVert", "mongolianVert", "wordArtVertRtl"}
_DEFAULT_INSET = 7.2  # DrawingML text box left/right inset, pt (91440 EMU)
_VML_STYLE = re.compile(r"\s*([\w-]+)\s*:\s*([^;]+)")


@dataclass(slots=True)
class TextBox:
    """The content of one text box and what it tells about its text."""

    content: Any  # w:txbxContent
    fill: RGB | None = None
    fill_kind: str | None = None  # "solid", or "gradient"/"picture"/"pattern": no single colour
    direction: str | None = None  # "vert270", "rotated 90"... None when horizontal
    width: float | None = None  # available to lines, pt


def _outside(el: Any, stop: Any, barriers: frozenset[str]) -> bool:
    """Whether no ancestor of ``el`` below ``stop`` has one of the ``barriers`` tags."""
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in barriers:
            return False
        parent = parent.getparent()
    return True


_PIC_BARRIERS = frozenset({MC_FALLBACK, _TXBX_CONTENT})
_TXBX_BARRIERS = frozenset({MC_FALLBACK, _TXBX_CONTENT})


class DrawingReader:
    """Turns w:drawing / w:pict elements into model Images and TextBoxes."""

    def __init__(self, theme: Theme, package: Package) -> None:
        self._theme = theme
        self._package = package
        self._pixels: dict[str, tuple[int, int] | None] = {}  # by part name: logos repeat

    # -- text boxes ----------------------------------------------------------

    def text_boxes(self, drawing: Any) -> list[TextBox]:
        """Text boxes directly in this drawing (nested ones come with their own paragraphs)."""
        boxes = []
        for content in drawing.iter(_TXBX_CONTENT):
            if _outside(content, drawing, _TXBX_BARRIERS):
                boxes.append(self._text_box(content))
        return boxes

    def _text_box(self, content: Any) -> TextBox:
        box = TextBox(content)
        shape = _ancestor(content, _WSP)
        if shape is None:
            box.direction = _vml_direction(content)
            return box
        sp_pr = shape.find(qn("wps:spPr"))
        body_pr = shape.find(qn("wps:bodyPr"))
        box.fill_kind, box.fill = self._shape_fill(shape, sp_pr)
        vert = body_pr.get("vert") if body_pr is not None else None
        if vert in _VERTICAL:
            box.direction = vert
        xfrm = sp_pr.find(qn("a:xfrm")) if sp_pr is not None else None
        if xfrm is not None:
            rotation = round((number(xfrm.get("rot")) or 0) / 60000) % 360
            if rotation and box.direction is None:
                box.direction = f"rotated {rotation}"
            ext = xfrm.find(qn("a:ext"))
            width = emu(ext.get("cx")) if ext is not None else None
            if width:
                width *= _group_scale(shape)
                box.width = max(width - _insets(body_pr), 1.0)
        return box

    def _shape_fill(self, shape: Any, sp_pr: Any | None) -> tuple[str | None, RGB | None]:
        """The kind of the shape's fill and its colour when it is solid.

        The shape's own fill wins; without one, the shape style's a:fillRef
        picks a theme fill (1 = solid in the reference colour, 2 and 3 are
        Office's gradient fills).
        """
        if sp_pr is not None:
            for child in sp_pr:
                kind = _FILLS.get(local_name(child), "")
                if kind == "solid":
                    return kind, self._theme.drawing_color(child)
                if kind:
                    return (None, None) if kind == "none" else (kind, None)
        fill_ref = shape.find(f"{qn('wps:style')}/{qn('a:fillRef')}")
        index = fill_ref.get("idx", "0") if fill_ref is not None else "0"
        if index == "1":
            return "solid", self._theme.drawing_color(fill_ref)
        if index in ("2", "3"):
            return "gradient", None
        return None, None

    # -- pictures ------------------------------------------------------------

    def images(self, drawing: Any, part: str, location: Location) -> list[Image]:
        """Pictures in a w:drawing (DrawingML) or w:pict/w:object (VML)."""
        if local_name(drawing) == "drawing":
            return self._drawingml_images(drawing, part, location)
        return self._vml_images(drawing, part, location)

    def _drawingml_images(self, drawing: Any, part: str, location: Location) -> list[Image]:
        frame = next((c for c in drawing if c.tag in (_WP_INLINE, _WP_ANCHOR)), None)
        if frame is None:
            return []
        pics = [pic for pic in frame.iter(_PIC) if _outside(pic, frame, _PIC_BARRIERS)]
        images = []
        for pic in pics:
            image = Image(location=location)
            _placement(frame, image)
            if len(pics) > 1:  # a group: each picture's own size
                ext = pic.find(f"{qn('pic:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
                if ext is not None:
                    scale = _group_scale(pic)
                    image.placed_width = (emu(ext.get("cx")) or 0) * scale or None
                    image.placed_height = (emu(ext.get("cy")) or 0) * scale or None
            doc_pr = frame.find(qn("wp:docPr"))
            image.name = doc_pr.get("name") if doc_pr is not None else None
            blip = pic.find(f".//{_BLIP}")
            if blip is not None:
                self._attach_blob(image, part, blip.get(R_EMBED), blip.get(R_LINK))
                image.crop = _crop(blip.getparent().find(qn("a:srcRect")))
            images.append(image)
        return images

    def _vml_images(self, pict: Any, part: str, location: Location) -> list[Image]:
        images = []
        for data in pict.iter(qn("v:imagedata")):
            if not _outside(data, pict, _TXBX_BARRIERS):
                continue
            shape = data.getparent()
            image = Image(location=location, name=shape.get("alt") or shape.get("id"))
            _vml_placement(shape, image)
            self._attach_blob(image, part, data.get(R_ID), None)
            images.append(image)
        return images

    def _attach_blob(self, image: Image, part: str, embed: str | None, link: str | None) -> None:
        """Pixel size and a loader for the picture a relationship id names (or mark it linked)."""
        if link and not embed:
            image.linked = True
            image.load = _nothing
            return
        target = self._package.target(part, embed) if embed else None
        blob = self._package.blob(target) if target else None
        if target is None or blob is None:
            return
        image.load = _loader(blob)
        if target not in self._pixels:
            self._pixels[target] = _pixel_size(blob)
        size = self._pixels[target]
        if size:
            image.pixel_width, image.pixel_height = size


def _insets(body_pr: Any | None) -> float:
    """Left plus right text inset of a text box, pt."""
    total = 0.0
    for side in ("lIns", "rIns"):
        value = emu(body_pr.get(side)) if body_pr is not None else None
        total += _DEFAULT_INSET if value is None else value
    return total


def _group_scale(shape: Any) -> float:
    """How child coordinates of the groups around a shape map to EMU (a:ext over a:chExt)."""
    scale = 1.0
    parent = shape.getparent()
    while parent is not None and parent.tag in _GROUPS:
        xfrm = parent.find(f"{_GROUP_PR}/{qn('a:xfrm')}")
        ext = xfrm.find(qn("a:ext")) if xfrm is not None else None
        child = xfrm.find(qn("a:chExt")) if xfrm is not None else None
        outer = number(ext.get("cx")) if ext is not None else None
        inner = number(child.get("cx")) if child is not None else None
        if outer and inner:
            scale *= outer / inner
        parent = parent.getparent()
    return scale


def _ancestor(el: Any, tag: str) -> Any | None:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == tag:
            return parent
        parent = parent.getparent()
    return None


def _placement(frame: Any, image: Image) -> None:
    """Size, wrapping and position from wp:inline / wp:anchor."""
    ext = frame.find(qn("wp:extent"))
    if ext is not None:
        image.placed_width, image.placed_height = emu(ext.get("cx")), emu(ext.get("cy"))
    distances = tuple(emu(frame.get(name)) or 0.0 for name in ("distT", "distB", "distL", "distR"))
    image.distance = distances  # type: ignore[assignment]
    if frame.tag == _WP_INLINE:
        image.wrap = "inline"
        return
    image.behind_text = frame.get("behindDoc") in ("1", "true", "on")
    for child in frame:
        name = local_name(child)
        if name in _WRAPS:
            image.wrap = _WRAPS[name]
            image.wrap_side = child.get("wrapText")
            break
    position = frame.find(qn("wp:positionH"))
    if position is not None:
        image.h_relative = position.get("relativeFrom")
        align = position.find(qn("wp:align"))
        offset = position.find(qn("wp:posOffset"))
        if align is not None and align.text:
            image.h_align = align.text.strip()
        if offset is not None and offset.text:
            image.h_offset = emu(offset.text.strip())


def _crop(src_rect: Any | None) -> tuple[float, float, float, float] | None:
    """a:srcRect l/t/r/b (1/1000 %) as fractions; None when uncropped."""
    if src_rect is None:
        return None
    values = tuple((number(src_rect.get(side)) or 0.0) / 100000 for side in ("l", "t", "r", "b"))
    return values if any(values) else None  # type: ignore[return-value]


def _vml_placement(shape: Any, image: Image) -> None:
    """Size, wrapping and position of a VML shape, from its CSS-like style and w10:wrap."""
    style = {key: value.strip() for key, value in _VML_STYLE.findall(shape.get("style", ""))}
    image.placed_width = _css_length(style.get("width"))
    image.placed_height = _css_length(style.get("height"))
    wrap = shape.find(qn("w10:wrap"))
    if wrap is not None:
        image.wrap = _VML_WRAPS.get(wrap.get("type", "none"), "square")
        image.wrap_side = {"left": "left", "right": "right", "largest": "largest"}.get(wrap.get("side", ""))
    else:
        image.wrap = "none" if style.get("position") == "absolute" else "inline"
    if image.wrap != "inline":
        image.h_align = style.get("mso-position-horizontal")
        image.h_relative = style.get("mso-position-horizontal-relative")
        image.h_offset = _css_length(style.get("margin-left"))
        z_index = number(style.get("z-index"))
        image.behind_text = z_index is not None and z_index < 0


def _css_length(value: str | None) -> float | None:
    """A VML style length ("120pt", "1.5in", "90px") in points."""
    if not value:
        return None
    if value[-2:].isalpha():
        return measure_pt(value)
    return number(value)  # unitless: already points in Word's VML


def _vml_direction(content: Any) -> str | None:
    """Rotation or vertical flow of a VML text box (style="rotation:90" / "layout-flow:vertical")."""
    textbox = content.getparent()
    shape = textbox.getparent() if textbox is not None else None
    style = dict(_VML_STYLE.findall(shape.get("style", ""))) if shape is not None else {}
    text_style = dict(_VML_STYLE.findall(textbox.get("style", ""))) if textbox is not None else {}
    if text_style.get("layout-flow", "").strip().startswith("vertical"):
        return "vertical"
    rotation = number(style.get("rotation", "").strip().rstrip("fd")) or 0
    return f"rotated {round(rotation) % 360}" if round(rotation) % 360 else None


def _pixel_size(blob: bytes) -> tuple[int, int] | None:
    """Pixel dimensions from the image header (Pillow decodes nothing until asked)."""
    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(io.BytesIO(blob)) as picture:
                width, height = picture.size
    except Exception:  # any unreadable or exotic format simply has no pixel size
        return None
    return (width, height) if width and height else None


def _loader(blob: bytes) -> Callable[[], bytes | None]:
    def load() -> bytes | None:
        return blob

    return load


def _nothing() -> bytes | None:
    return None
