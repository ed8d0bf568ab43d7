"""Pages rendered without their text, for sampling what lies behind text.

Vector backgrounds can be resolved from shapes, but text over pictures,
shadings, patterns and transparency needs pixels: a second handle on the file
has each page's text redacted in memory (the file is never written) and is
rendered at a modest resolution (measurement spec B.2).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf

_SCALE = 1.5  # pixels per point
_MAX_PIXELS = 4_000_000  # large posters are rendered coarser
_CACHED_PAGES = 4  # checks walk pages in order; a few renders are enough to keep


class BackgroundRenderer:
    """Lazily opened redaction handle plus a small cache of page renders."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._redacted: Any = None
        self._renders: OrderedDict[int, tuple[Any, float]] = OrderedDict()

    def for_page(self, number: int) -> Callable[[], tuple[Any, float]]:
        """A callable giving (Pillow RGB image, pixels per pt) of the page without text.

        The image is in unrotated page space like every bbox in the model:
        pixel = point × scale.
        """
        return lambda: self._background(number)

    def _background(self, number: int) -> tuple[Any, float]:
        cached = self._renders.get(number)
        if cached is not None:
            self._renders.move_to_end(number)
            return cached
        result = self._render_without_text(number)
        self._renders[number] = result
        if len(self._renders) > _CACHED_PAGES:
            self._renders.popitem(last=False)
        return result

    def _render_without_text(self, number: int) -> tuple[Any, float]:
        from PIL import Image as PILImage

        if self._redacted is None:
            self._redacted = pymupdf.open(self._path, filetype="pdf")
        page = self._redacted[number - 1]
        page.set_rotation(0)  # render in unrotated space, like the model's boxes
        page.add_redact_annot(page.rect)
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                              graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                              text=pymupdf.PDF_REDACT_TEXT_REMOVE)
        area = max(page.rect.width * page.rect.height, 1.0)
        scale = min(_SCALE, (_MAX_PIXELS / area) ** 0.5)
        pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False,
                              colorspace=pymupdf.csRGB, annots=False)
        image = PILImage.frombytes("RGB", (pix.width, pix.height), pix.samples)
        return image, scale
