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
from clearprint.readers.docx.charts import chart_text
from clearprint.readers.docx.colors import vml_color
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
_TXBX = qn("wps:txbx")
_LINKED_TXBX = qn("wps:linkedTxbx")
_GROUPS = frozenset({qn("wpg:wgp"), qn("wpg:grpSp")})
_GROUP_PR = qn("wpg:grpSpPr")
_VML_GROUP = qn("v:group")
_VML_FILL = qn("v:fill")
_GRAPHIC_DATA = qn("a:graphicData")
_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_NAME_CHARS = 60
# Names nobody can find in Word: VML shape ids, and the bare numbers and GUIDs
# that clip-art pictures carry as titles.
_INTERNAL_NAME = re.compile(r"^(_x0000_[a-z]\d+|\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]+)$", re.IGNORECASE)
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
# v:fill/@type: anything but a solid colour has no single colour behind the text.
_VML_FILL_KINDS = {
    "gradient": "gradient",
    "gradientRadial": "gradient",
    "tile": "picture",
    "frame": "picture",
    "pattern": "pattern",
}
_VERTICAL = {"vert", "vert270", "wordArtVert", "eaVert", "mongolianVert", "wordArtVertRtl"}
_DEFAULT_INSET = 7.2  # DrawingML text box left/right inset, pt (91440 EMU)
_VML_STYLE = re.compile(r"\s*([\w-]+)\s*:\s*([^;]+)")


@dataclass(slots=True)
class TextBox:
    """The content of one text box and what it tells about its text and its place."""

    content: Any  # w:txbxContent
    fill: RGB | None = None
    fill_kind: str | None = None  # "solid", or "gradient"/"picture"/"pattern": no single colour
    direction: str | None = None  # "vert270", "rotated 90"... None when horizontal
    width: float | None = None  # available to lines, pt
    name: str | None = None  # wp:docPr/@name, when it is not an internal id
    x: float | None = None  # left edge from h_relative, pt
    y: float | None = None  # top edge from v_relative, pt
    box_width: float | None = None  # outer size, pt
    box_height: float | None = None
    h_relative: str | None = None
    v_relative: str | None = None
    link_id: str | None = None  # DrawingML wps:txbx/@id: wps:linkedTxbx boxes with it continue the text
    linked: bool = False  # VML: mso-next-textbox names another shape
    grouped: bool = False  # one shape of a drawn group


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

    @staticmethod
    def continuations(drawing: Any) -> list[str]:
        """Ids of the DrawingML text chains that this drawing's empty linked boxes continue."""
        return [el.get("id", "") for el in drawing.iter(_LINKED_TXBX)
                if _outside(el, drawing, _TXBX_BARRIERS)]

    def _text_box(self, content: Any) -> TextBox:
        box = TextBox(content)
        shape = _ancestor(content, _WSP)
        if shape is None:
            self._vml_box(content, box)
            return box
        sp_pr = shape.find(qn("wps:spPr"))
        body_pr = shape.find(qn("wps:bodyPr"))
        box.fill_kind, box.fill = self._shape_fill(shape, sp_pr)
        vert = body_pr.get("vert") if body_pr is not None else None
        if vert in _VERTICAL:
            box.direction = vert
        txbx = content.getparent()
        if txbx is not None and txbx.tag == _TXBX and txbx.get("id"):
            box.link_id = txbx.get("id")
        box.grouped = shape.getparent() is not None and shape.getparent().tag in _GROUPS
        frame = _ancestor(shape, _WP_ANCHOR)
        frame = frame if frame is not None else _ancestor(shape, _WP_INLINE)
        own = shape.find(qn("wps:cNvPr"))
        doc_pr = frame.find(qn("wp:docPr")) if frame is not None else None
        box.name = _short(own.get("name")) if own is not None else None
        box.name = box.name or (_short(doc_pr.get("name")) if doc_pr is not None else None)
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
        _drawing_place(shape, xfrm, box)
        return box

    def _vml_box(self, content: Any, box: TextBox) -> None:
        """Direction, fill and place of a legacy VML text box (v:shape/v:textbox)."""
        box.direction = _vml_direction(content)
        textbox = content.getparent()
        shape = textbox.getparent() if textbox is not None else None
        if shape is None:
            return
        box.fill_kind, box.fill = _vml_fill(shape)
        box.name = _short(shape.get("id"))  # "Text Box 12", unless an internal id
        style = _vml_style(shape)
        box.grouped = _ancestor(shape, _VML_GROUP) is not None
        following = _vml_style(textbox).get("mso-next-textbox", "").lstrip("#")
        box.linked = bool(following) and following != shape.get("id")
        if box.grouped:
            return  # group coordinates are the group's own, not the page's
        box.box_width = _css_length(style.get("width"))
        box.box_height = _css_length(style.get("height"))
        if style.get("position") == "absolute":
            box.x = _css_length(style.get("margin-left")) or 0.0
            box.y = _css_length(style.get("margin-top")) or 0.0
            box.h_relative = style.get("mso-position-horizontal-relative", "text")
            box.v_relative = style.get("mso-position-vertical-relative", "text")

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
        doc_pr = frame.find(qn("wp:docPr"))
        if _is_chart(frame):
            chart = Image(location=location, kind="chart", name=_drawing_name(doc_pr))
            _placement(frame, chart)
            graphic_data = frame.find(f"{qn('a:graphic')}/{_GRAPHIC_DATA}")
            chart.chart_text = chart_text(self._package, part, graphic_data)
            return [chart]
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
            image.name = _drawing_name(doc_pr, pic if len(pics) > 1 else None)
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
            image = Image(location=location, name=_vml_name(pict, shape, data))
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
        if is_metafile(blob):
            image.kind = "drawing"  # Pillow reports a size for these, but it is not pixels
            return
        if target not in self._pixels:
            self._pixels[target] = _pixel_size(blob)
        size = self._pixels[target]
        if size:
            image.pixel_width, image.pixel_height = size


def _is_chart(frame: Any) -> bool:
    data = frame.find(f"{qn('a:graphic')}/{_GRAPHIC_DATA}")
    return data is not None and data.get("uri") == _CHART_URI


def _short(text: str | None) -> str | None:
    """A name or description on one line, cut to 60 characters; None for internal ids."""
    flat = " ".join((text or "").split())
    if not flat or _INTERNAL_NAME.match(flat):
        return None
    return flat if len(flat) <= _NAME_CHARS else flat[: _NAME_CHARS - 1].rstrip() + "…"


def _drawing_name(doc_pr: Any | None, pic: Any | None = None) -> str | None:
    """What Word's Selection Pane calls the picture, else the start of its description.

    A picture inside a group has its own pic:cNvPr name.
    """
    own = pic.find(f"{qn('pic:nvPicPr')}/{qn('pic:cNvPr')}") if pic is not None else None
    for el in (own, doc_pr):
        if el is not None:
            name = _short(el.get("name")) or _short(el.get("descr")) or _short(el.get("title"))
            if name:
                return name
    return None


def _vml_name(pict: Any, shape: Any, data: Any) -> str | None:
    """A VML picture's title or description; an unnamed OLE object says what program made it."""
    named = (_short(data.get(qn("o:title"))) or _short(shape.get("alt")) or _short(shape.get(qn("o:title")))
             or _short(shape.get("id")))  # Word writes the Selection Pane name there ("Image 2")
    ole = pict.find(qn("o:OLEObject")) if local_name(pict) == "object" else None
    if named is None and ole is not None:
        return f"embedded object ({ole.get('ProgID') or 'another program'})"
    return named


def _drawing_place(shape: Any, xfrm: Any | None, box: TextBox) -> None:
    """Where a DrawingML text box sits: its anchor's offsets plus its place in any group."""
    frame = _ancestor(shape, _WP_ANCHOR)
    if frame is None:
        return
    ext = frame.find(qn("wp:extent"))
    box.box_width = emu(ext.get("cx")) if ext is not None else None
    box.box_height = emu(ext.get("cy")) if ext is not None else None
    x, box.h_relative = _anchor_offset(frame.find(qn("wp:positionH")))
    y, box.v_relative = _anchor_offset(frame.find(qn("wp:positionV")))
    if box.grouped and xfrm is not None:
        inner = _in_group(shape, xfrm)
        if inner is None:
            return
        dx, dy, width, height = inner
        x = x + dx if x is not None else None
        y = y + dy if y is not None else None
        box.box_width, box.box_height = width, height
    box.x, box.y = x, y


def _anchor_offset(position: Any | None) -> tuple[float | None, str | None]:
    """wp:positionH/V: the offset in pt (None when aligned instead) and what it is from."""
    if position is None:
        return None, None
    offset = position.find(qn("wp:posOffset"))
    value = emu(offset.text.strip()) if offset is not None and offset.text else None
    return value, position.get("relativeFrom")


def _in_group(shape: Any, xfrm: Any) -> tuple[float, float, float, float] | None:
    """A grouped shape's offset from the group's corner and its size, pt."""
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    x, y = number(off.get("x")) or 0.0, number(off.get("y")) or 0.0
    w, h = number(ext.get("cx")) or 0.0, number(ext.get("cy")) or 0.0
    parent = shape.getparent()
    while parent is not None and parent.tag in _GROUPS:
        group = parent.find(f"{_GROUP_PR}/{qn('a:xfrm')}")
        if group is None:
            return None
        g_off, g_ext = group.find(qn("a:off")), group.find(qn("a:ext"))
        c_off, c_ext = group.find(qn("a:chOff")), group.find(qn("a:chExt"))
        if g_ext is None or c_ext is None:
            return None
        sx = (number(g_ext.get("cx")) or 0.0) / (number(c_ext.get("cx")) or 1.0)
        sy = (number(g_ext.get("cy")) or 0.0) / (number(c_ext.get("cy")) or 1.0)
        cx = number(c_off.get("x")) if c_off is not None else 0.0
        cy = number(c_off.get("y")) if c_off is not None else 0.0
        x, y, w, h = (x - (cx or 0.0)) * sx, (y - (cy or 0.0)) * sy, w * sx, h * sy
        if parent.getparent() is not None and parent.getparent().tag in _GROUPS and g_off is not None:
            x += number(g_off.get("x")) or 0.0  # a nested group sits in its parent's coordinates
            y += number(g_off.get("y")) or 0.0
        parent = parent.getparent()
    return x / 12700, y / 12700, w / 12700, h / 12700


def _vml_style(el: Any) -> dict[str, str]:
    return {key: value.strip() for key, value in _VML_STYLE.findall(el.get("style", ""))}


def _vml_fill(shape: Any) -> tuple[str | None, RGB | None]:
    """A VML shape's fill: v:shape/@fillcolor (white by default), @filled, and v:fill.

    ``filled="f"`` or ``v:fill on="f"`` is no fill; a v:fill of type gradient,
    tile, frame (a picture) or pattern has no single colour.
    """
    if (shape.get("filled") or "t").lower() in ("f", "false"):
        return None, None
    fill = shape.find(_VML_FILL)
    colour = shape.get("fillcolor")
    if fill is not None:
        if (fill.get("on") or "t").lower() in ("f", "false"):
            return None, None
        kind = _VML_FILL_KINDS.get(fill.get("type") or "solid")
        if kind is not None:
            return kind, None
        colour = fill.get("color") or colour
    rgb = vml_color(colour) if colour else (255, 255, 255)
    return ("solid", rgb) if rgb is not None else ("unread colour", None)


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


def is_metafile(blob: bytes) -> bool:
    """A Windows metafile (EMF, or WMF with or without its placeable header): a vector
    drawing, which Word also uses for the icon of an embedded object."""
    emf = len(blob) >= 44 and blob[:4] == b"\x01\x00\x00\x00" and blob[40:44] == b" EMF"
    return emf or blob[:4] == b"\xd7\xcd\xc6\x9a" or blob[:6] in (b"\x01\x00\x09\x00\x00\x03",
                                                                 b"\x02\x00\x09\x00\x00\x03")


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
