"""Everything a page paints, in order, with the clip it is painted through.

This replaces ``page.get_bboxlog()``: the same device calls are logged in the
same order (so an entry's index is the ``seqno`` that ``get_cdrawings()``
reports, measurement spec B.1.1) with the same boxes, and each entry also
carries the box of the clip in force. ``get_bboxlog`` ignores clip paths, so
a cropped photo reported the box of the whole photo, a gradient shaped by a
clip path an unbounded box, and text cut off by a clip could only be found
by elimination. Pictures are also described here (pixel size, placement),
which spares ``get_image_info``: it builds a second text page and decodes
every picture to match it to its xref.

The log is one pass of MuPDF's interpreter through a Python device; only the
calls needed are routed to Python. A second device (``shown_pictures``, run only
when asked) draws cut-out pictures as printed, through their clip paths.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import Any

import pymupdf

mupdf = pymupdf.mupdf

Rect = tuple[float, float, float, float]

TEXT_KINDS = ("fill-text", "stroke-text")
_MIN_IMAGE_ALPHA = 0.5  # MuPDF's text extraction skips fainter pictures as watermarks; so do we
_NOTHING: Rect = (0.0, 0.0, 0.0, 0.0)  # a clip that leaves nothing visible
# Pictures of the same pixel size are told apart by their data; larger ones by its length.
_CRC_MAX_BYTES = 256 * 1024
_CLIP_MARGIN_PX = 2  # a clip this close to a picture's pixmap may still touch it (anti-aliasing)


@dataclass(slots=True)
class PlacedImage:
    """One picture painted on the page."""

    order: int  # seqno
    box: Rect  # the whole picture as placed, unclipped
    clip: Rect | None  # the clip in force, None for none
    width: int  # pixels
    height: int
    bpc: int
    transform: tuple[float, float, float, float, float, float]  # unit square to page
    data_length: int | None  # bytes of the compressed picture data, when MuPDF kept it
    data_crc: int | None  # CRC-32 of that data, for pictures up to _CRC_MAX_BYTES
    shaped: bool = False  # a clip other than a rectangle cuts it: a cut-out


@dataclass(slots=True)
class Painting:
    """The page's paint log: ``entries[seqno] = (kind, box, clip)``."""

    entries: list[tuple[str, Rect, Rect | None]]
    images: list[PlacedImage]


def record(page: Any) -> Painting:
    """Run the page (unrotated, like every box in the model) through the logging device."""
    rotation = page.rotation
    if rotation:
        page.set_rotation(0)
    device = _LogDevice()
    try:
        mupdf.fz_run_page(page.this, device, mupdf.FzMatrix(), mupdf.FzCookie())
        mupdf.fz_close_device(device)
    finally:
        if rotation:
            page.set_rotation(rotation)
    return Painting(device.entries, device.images)


def visible(box: Rect, clip: Rect | None) -> Rect | None:
    """The part of ``box`` inside ``clip``; None when nothing of it is inside."""
    if clip is None:
        return box
    x0, y0 = max(box[0], clip[0]), max(box[1], clip[1])
    x1, y1 = min(box[2], clip[2]), min(box[3], clip[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _rect(r: Any) -> Rect:
    return (r.x0, r.y0, r.x1, r.y1)


class _LogDevice(mupdf.FzDevice2):  # type: ignore[misc]
    """Logs painting calls as get_bboxlog's device does, and keeps a stack of clip boxes.

    A clip's box is its path's (or text's, or mask's) box cut by the clip
    around it, as MuPDF's own bbox device computes it. A soft mask acts as a
    clip from ``begin_mask`` to its ``pop_clip``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[tuple[str, Rect, Rect | None]] = []
        self.images: list[PlacedImage] = []
        self._clips: list[Rect] = []
        self._shaped: list[bool] = []  # per clip: it, or a clip around it, is not a rectangle
        for name in ("fill_path", "stroke_path", "fill_text", "stroke_text", "ignore_text",
                     "fill_shade", "fill_image", "fill_image_mask", "clip_path",
                     "clip_stroke_path", "clip_text", "clip_stroke_text", "clip_image_mask",
                     "pop_clip", "begin_mask", "end_mask"):
            getattr(self, "use_virtual_" + name)()

    def _log(self, kind: str, rect: Any) -> None:
        self.entries.append((kind, _rect(rect), self._clips[-1] if self._clips else None))

    def _push(self, rect: Any, shaped: bool = True) -> None:
        box = _rect(rect)
        if self._clips:
            box = visible(box, self._clips[-1]) or _NOTHING
            shaped = shaped or self._shaped[-1]
        self._clips.append(box)
        self._shaped.append(shaped)

    # Painting ---------------------------------------------------------------

    def fill_path(self, ctx: Any, path: Any, even_odd: Any, ctm: Any, *_: Any) -> None:
        self._log("fill-path", mupdf.ll_fz_bound_path(path, None, ctm))

    def stroke_path(self, ctx: Any, path: Any, stroke: Any, ctm: Any, *_: Any) -> None:
        self._log("stroke-path", mupdf.ll_fz_bound_path(path, stroke, ctm))

    def fill_text(self, ctx: Any, text: Any, ctm: Any, *_: Any) -> None:
        self._log("fill-text", mupdf.ll_fz_bound_text(text, None, ctm))

    def stroke_text(self, ctx: Any, text: Any, stroke: Any, ctm: Any, *_: Any) -> None:
        self._log("stroke-text", mupdf.ll_fz_bound_text(text, stroke, ctm))

    def ignore_text(self, ctx: Any, text: Any, ctm: Any) -> None:
        self._log("ignore-text", mupdf.ll_fz_bound_text(text, None, ctm))

    def fill_shade(self, ctx: Any, shade: Any, ctm: Any, *_: Any) -> None:
        self._log("fill-shade", mupdf.ll_fz_bound_shade(shade, ctm))

    def fill_image(self, ctx: Any, image: Any, ctm: Any, alpha: float, *_: Any) -> None:
        self._log("fill-image", mupdf.ll_fz_transform_rect(mupdf.fz_unit_rect, ctm))
        self._image(image, ctm, alpha)

    def fill_image_mask(self, ctx: Any, image: Any, ctm: Any, colorspace: Any, color: Any,
                        alpha: float, *_: Any) -> None:
        self._log("fill-imgmask", mupdf.ll_fz_transform_rect(mupdf.fz_unit_rect, ctm))
        self._image(image, ctm, alpha)

    def _image(self, image: Any, ctm: Any, alpha: float) -> None:
        if alpha < _MIN_IMAGE_ALPHA:
            return
        _, box, clip = self.entries[-1]
        compressed = mupdf.ll_fz_compressed_image_buffer(image)
        buffer = compressed.buffer if compressed is not None else None
        length = buffer.len if buffer is not None else None
        crc = None
        if length is not None and length <= _CRC_MAX_BYTES:
            crc = zlib.crc32(mupdf.raw_to_python_bytes(buffer.data, length))
        self.images.append(PlacedImage(
            order=len(self.entries) - 1, box=box, clip=clip, width=image.w, height=image.h,
            bpc=image.bpc, transform=(ctm.a, ctm.b, ctm.c, ctm.d, ctm.e, ctm.f),
            data_length=length, data_crc=crc, shaped=bool(self._shaped) and self._shaped[-1],
        ))

    # Clipping ---------------------------------------------------------------

    def clip_path(self, ctx: Any, path: Any, even_odd: Any, ctm: Any, scissor: Any) -> None:
        self._push(mupdf.ll_fz_bound_path(path, None, ctm),
                   shaped=not mupdf.ll_fz_path_is_rect(path, ctm))

    def clip_stroke_path(self, ctx: Any, path: Any, stroke: Any, ctm: Any, scissor: Any) -> None:
        self._push(mupdf.ll_fz_bound_path(path, stroke, ctm))

    def clip_text(self, ctx: Any, text: Any, ctm: Any, scissor: Any) -> None:
        self._push(mupdf.ll_fz_bound_text(text, None, ctm))

    def clip_stroke_text(self, ctx: Any, text: Any, stroke: Any, ctm: Any, scissor: Any) -> None:
        self._push(mupdf.ll_fz_bound_text(text, stroke, ctm))

    def clip_image_mask(self, ctx: Any, image: Any, ctm: Any, scissor: Any) -> None:
        self._push(mupdf.ll_fz_transform_rect(mupdf.fz_unit_rect, ctm))

    def begin_mask(self, ctx: Any, area: Any, *_: Any) -> None:
        self._push(area)

    def end_mask(self, ctx: Any, *_: Any) -> None:
        pass  # the mask stays in force until its pop_clip

    def pop_clip(self, ctx: Any) -> None:
        if self._clips:
            self._clips.pop()
            self._shaped.pop()


def shown_pictures(page: Any, targets: dict[int, tuple[Rect, float]]) -> dict[int, bytes]:
    """Pictures as printed: each cut by its clips, on a transparent ground, as PAM
    (Netpbm's format with alpha: uncompressed, so quick to write and to read back).

    ``targets`` maps a picture's painting order to the box to draw (the whole
    picture's place) and the scale (pixels per point). For cut-out pictures the
    picture's own pixels include what the clip path hides; this is what a
    reader sees of it. The page is run once more through a device that passes
    only the clips and these pictures to MuPDF's drawing device, one pixmap
    per picture.
    """
    canvases: dict[int, tuple[Any, Any]] = {}
    reaches: dict[int, _Canvas] = {}
    for order, (box, scale) in targets.items():
        x0, y0 = math.floor(box[0] * scale), math.floor(box[1] * scale)
        x1, y1 = max(x0 + 1, math.ceil(box[2] * scale)), max(y0 + 1, math.ceil(box[3] * scale))
        pixmap = mupdf.FzPixmap(mupdf.fz_device_rgb(), mupdf.FzIrect(x0, y0, x1, y1),
                                mupdf.FzSeparations(), 1)
        pixmap.fz_clear_pixmap()
        draw = mupdf.fz_new_draw_device(mupdf.FzMatrix(scale, 0, 0, scale, 0, 0), pixmap)
        canvases[order] = (pixmap, draw)
        pad = _CLIP_MARGIN_PX
        reach = ((x0 - pad) / scale, (y0 - pad) / scale, (x1 + pad) / scale, (y1 + pad) / scale)
        reaches[order] = _Canvas(draw.m_internal, reach)
    rotation = page.rotation
    if rotation:
        page.set_rotation(0)
    device = _ShownDevice(reaches)
    try:
        mupdf.fz_run_page(page.this, device, mupdf.FzMatrix(), mupdf.FzCookie())
        mupdf.fz_close_device(device)
        for _, draw in canvases.values():
            mupdf.fz_close_device(draw)
    finally:
        if rotation:
            page.set_rotation(rotation)
    return {order: _pam(canvases[order][0]) for order in device.drawn}


def _pam(pixmap: Any) -> bytes:
    """A pixmap as PAM bytes: a header and the samples, alpha unpremultiplied as in a PNG."""
    return mupdf.fz_buffer_extract(mupdf.fz_new_buffer_from_pixmap_as_pam(pixmap, mupdf.FzColorParams()))


@dataclass(slots=True)
class _Canvas:
    """One picture's drawing device, and where on the page (pt) a clip can touch
    its pixmap."""

    device: Any
    reach: Rect
    hidden: int = 0  # clips in force that leave nothing of it


class _ShownDevice(_LogDevice):
    """Counts painting calls like ``_LogDevice`` and passes clips and some pictures on.

    Each picture (by painting order) is drawn on its own device, and a clip
    is passed to the devices whose picture is still to come (a clip changes
    nothing already drawn). A clip wholly outside a picture's pixmap is not
    passed to it: were the picture painted inside that clip, none of it would
    show, so it is then left undrawn. Soft masks are not passed on (their
    content would have to be): a picture shaped by one is drawn as if unmasked.
    """

    def __init__(self, canvases: dict[int, _Canvas]) -> None:
        super().__init__()
        self._waiting = dict(canvases)  # pictures not drawn yet, by painting order
        # Per clip in force: the canvases it was passed to, and those it hides.
        self._passed: list[tuple[list[_Canvas], list[_Canvas]]] = []
        self._clip_box: Rect = _NOTHING  # the newest clip's own box
        self.drawn: set[int] = set()

    def fill_image(self, ctx: Any, image: Any, ctm: Any, alpha: float, *rest: Any) -> None:
        super().fill_image(ctx, image, ctm, alpha, *rest)
        canvas = self._canvas()
        if canvas is not None:
            mupdf.ll_fz_fill_image(canvas.device, image, ctm, 1.0, *rest)

    def fill_image_mask(self, ctx: Any, image: Any, ctm: Any, colorspace: Any, color: Any,
                        alpha: float, *rest: Any) -> None:
        super().fill_image_mask(ctx, image, ctm, colorspace, color, alpha, *rest)
        canvas = self._canvas()
        if canvas is not None:
            mupdf.ll_fz_fill_image_mask(canvas.device, image, ctm, colorspace, color, 1.0, *rest)

    def clip_path(self, ctx: Any, path: Any, even_odd: Any, ctm: Any, scissor: Any) -> None:
        super().clip_path(ctx, path, even_odd, ctm, scissor)
        for target in self._pass_clip():
            mupdf.ll_fz_clip_path(target, path, even_odd, ctm, scissor)

    def clip_stroke_path(self, ctx: Any, path: Any, stroke: Any, ctm: Any, scissor: Any) -> None:
        super().clip_stroke_path(ctx, path, stroke, ctm, scissor)
        for target in self._pass_clip():
            mupdf.ll_fz_clip_stroke_path(target, path, stroke, ctm, scissor)

    def clip_text(self, ctx: Any, text: Any, ctm: Any, scissor: Any) -> None:
        super().clip_text(ctx, text, ctm, scissor)
        for target in self._pass_clip():
            mupdf.ll_fz_clip_text(target, text, ctm, scissor)

    def clip_stroke_text(self, ctx: Any, text: Any, stroke: Any, ctm: Any, scissor: Any) -> None:
        super().clip_stroke_text(ctx, text, stroke, ctm, scissor)
        for target in self._pass_clip():
            mupdf.ll_fz_clip_stroke_text(target, text, stroke, ctm, scissor)

    def clip_image_mask(self, ctx: Any, image: Any, ctm: Any, scissor: Any) -> None:
        super().clip_image_mask(ctx, image, ctm, scissor)
        for target in self._pass_clip():
            mupdf.ll_fz_clip_image_mask(target, image, ctm, scissor)

    def begin_mask(self, ctx: Any, area: Any, *rest: Any) -> None:
        super().begin_mask(ctx, area, *rest)
        self._passed.append(([], []))

    def pop_clip(self, ctx: Any) -> None:
        super().pop_clip(ctx)
        if self._passed:
            passed, hidden = self._passed.pop()
            for canvas in passed:
                mupdf.ll_fz_pop_clip(canvas.device)
            for canvas in hidden:
                canvas.hidden -= 1

    def _push(self, rect: Any, shaped: bool = True) -> None:
        super()._push(rect, shaped)
        self._clip_box = _rect(rect)

    def _canvas(self) -> _Canvas | None:
        """The canvas for the picture just logged, if it is one to draw and shows."""
        order = len(self.entries) - 1
        canvas = self._waiting.pop(order, None)
        if canvas is None:
            return None
        self.drawn.add(order)
        return None if canvas.hidden else canvas

    def _pass_clip(self) -> list[Any]:
        """The devices a new clip goes to: those still waiting for their picture,
        unless the clip (or one around it) leaves nothing of their pixmap."""
        passed: list[_Canvas] = []
        hidden: list[_Canvas] = []
        for canvas in self._waiting.values():
            (hidden if canvas.hidden or _apart(self._clip_box, canvas.reach) else passed).append(canvas)
        for canvas in hidden:
            canvas.hidden += 1
        self._passed.append((passed, hidden))
        return [canvas.device for canvas in passed]


def _apart(box: Rect, reach: Rect) -> bool:
    """A proper box wholly outside ``reach`` (an empty or inverted one is kept: it
    is not worth the risk of a wrong guess)."""
    x0, y0, x1, y1 = box
    return x0 <= x1 and y0 <= y1 and (x1 < reach[0] or x0 > reach[2] or y1 < reach[1] or y0 > reach[3])
