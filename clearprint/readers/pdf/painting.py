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
calls needed are routed to Python.
"""

from __future__ import annotations

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
        for name in ("fill_path", "stroke_path", "fill_text", "stroke_text", "ignore_text",
                     "fill_shade", "fill_image", "fill_image_mask", "clip_path",
                     "clip_stroke_path", "clip_text", "clip_stroke_text", "clip_image_mask",
                     "pop_clip", "begin_mask", "end_mask"):
            getattr(self, "use_virtual_" + name)()

    def _log(self, kind: str, rect: Any) -> None:
        self.entries.append((kind, _rect(rect), self._clips[-1] if self._clips else None))

    def _push(self, rect: Any) -> None:
        box = _rect(rect)
        if self._clips:
            box = visible(box, self._clips[-1]) or _NOTHING
        self._clips.append(box)

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
            data_length=length, data_crc=crc,
        ))

    # Clipping ---------------------------------------------------------------

    def clip_path(self, ctx: Any, path: Any, even_odd: Any, ctm: Any, scissor: Any) -> None:
        self._push(mupdf.ll_fz_bound_path(path, None, ctm))

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
