"""Pages rendered without their text, for sampling what lies behind text.

Vector backgrounds can be resolved from shapes, but text over pictures,
shadings, patterns and transparency needs pixels: a second handle on the file
has each page's text redacted in memory (the file is never written) and is
rendered at a modest resolution (measurement spec B.2).

Callers usually need only the few places where text sits on a picture, so a
render can be limited to a clip: the redacted page is recorded once as a
display list, and each clip is drawn from it on the whole-page pixel grid
(a clip costs a fraction of the page: about 0.02 s instead of 2 s on a
dense page).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf

from clearprint.model import BBox
from clearprint.readers.pdf.source import open_handle

_SCALE = 1.5  # pixels per point
_MAX_PIXELS = 4_000_000  # large posters are rendered coarser
_CACHED_PAGES = 4  # checks walk pages in order; a few pages are enough to keep


class BackgroundRenderer:
    """Lazily opened redaction handle plus a small cache of redacted pages and renders."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._redacted: Any = None
        self._pages: OrderedDict[int, tuple[Any, float]] = OrderedDict()  # display list, scale
        self._renders: OrderedDict[int, tuple[Any, float]] = OrderedDict()  # whole pages

    def for_page(self, number: int) -> Callable[..., tuple[Any, float]]:
        """A callable ``render(clip=None)`` giving (Pillow RGB image, pixels per pt)
        of the page without text.

        The image is in unrotated page space like every bbox in the model:
        pixel = point × scale. With a clip (x0, y0, x1, y1) only that box is
        drawn, grown to whole pixels: the image's top-left pixel is pixel
        (floor(x0 × scale), floor(y0 × scale)) of the whole-page render, and its
        pixels are the same as there.
        """

        def render(clip: BBox | None = None) -> tuple[Any, float]:
            return self._background(number) if clip is None else self._region(number, clip)

        return render

    def _background(self, number: int) -> tuple[Any, float]:
        cached = self._renders.get(number)
        if cached is not None:
            self._renders.move_to_end(number)
            return cached
        listed, scale = self._page(number)
        pix = listed.get_pixmap(matrix=pymupdf.Matrix(scale, scale), colorspace=pymupdf.csRGB,
                                alpha=False)
        result = (_image(pix), scale)
        _remember(self._renders, number, result)
        return result

    def _region(self, number: int, clip: BBox) -> tuple[Any, float]:
        from PIL import Image as PILImage

        listed, scale = self._page(number)
        left, top = math.floor(clip[0] * scale), math.floor(clip[1] * scale)
        right = max(left + 1, math.ceil(clip[2] * scale))
        bottom = max(top + 1, math.ceil(clip[3] * scale))
        # A clip on whole pixels makes MuPDF draw exactly these pixels.
        rect = pymupdf.Rect(left / scale, top / scale, right / scale, bottom / scale)
        pix = listed.get_pixmap(matrix=pymupdf.Matrix(scale, scale), colorspace=pymupdf.csRGB,
                                alpha=False, clip=rect)
        image = _image(pix)
        if (pix.x, pix.y, image.width, image.height) != (left, top, right - left, bottom - top):
            # Cut by the page edge: place the drawn part on white paper of the asked size.
            canvas = PILImage.new("RGB", (right - left, bottom - top), (255, 255, 255))
            canvas.paste(image, (pix.x - left, pix.y - top))
            image = canvas
        return image, scale

    def _page(self, number: int) -> tuple[Any, float]:
        """The page with its text redacted, recorded as a display list, and its scale."""
        cached = self._pages.get(number)
        if cached is not None:
            self._pages.move_to_end(number)
            return cached
        if self._redacted is None:
            self._redacted = open_handle(self._path)
        page = self._redacted[number - 1]
        page.set_rotation(0)  # render in unrotated space, like the model's boxes
        page.add_redact_annot(page.rect)
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                              graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                              text=pymupdf.PDF_REDACT_TEXT_REMOVE)
        area = max(page.rect.width * page.rect.height, 1.0)
        scale = min(_SCALE, (_MAX_PIXELS / area) ** 0.5)
        result = (page.get_displaylist(annots=False), scale)
        _remember(self._pages, number, result)
        return result


def _image(pix: Any) -> Any:
    from PIL import Image as PILImage

    return PILImage.frombytes("RGB", (pix.width, pix.height), pix.samples)


def _remember(cache: OrderedDict[int, tuple[Any, float]], number: int,
              value: tuple[Any, float]) -> None:
    cache[number] = value
    if len(cache) > _CACHED_PAGES:
        cache.popitem(last=False)
