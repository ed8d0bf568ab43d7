"""Opening a PDF, and the extra read-only handles used after reading.

MuPDF prints its error messages on standard output, which would corrupt JSON
reports (measurement spec E.3), so printing is switched off for the process and
the messages are collected and counted instead.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf

from clearprint.errors import DocumentError
from clearprint.model import BBox
from clearprint.readers.pdf.painting import shown_pictures

pymupdf.TOOLS.mupdf_display_errors(False)

MUPDF_ERRORS = (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase)

_IMAGE_RENDER_DPI = 150
_SHOWN_PAGES = 2  # pages whose cut-out pictures are kept drawn
# Picture filters whose data a picture library decodes itself, smaller than the pixels.
_COMPRESSED_AS_PICTURES = ("/DCTDecode", "/JPXDecode")


def open_pdf(path: Path) -> Any:
    """Open read-only, or raise DocumentError with a one-line reason."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise DocumentError(f"cannot be read: {exc.strerror or exc}") from None
    if b"%PDF" not in head:
        raise DocumentError("not a readable PDF: the file does not start with a PDF header")
    try:
        pdf = pymupdf.open(path, filetype="pdf")
    except MUPDF_ERRORS as exc:
        raise DocumentError(f"not a readable PDF: {short_reason(exc)}") from None
    if pdf.needs_pass:
        pdf.close()
        raise DocumentError("encrypted: the PDF needs a password to open")
    if pdf.page_count == 0:
        pdf.close()
        raise DocumentError("the PDF has no readable pages (damaged page tree)")
    return pdf


def short_reason(exc: BaseException) -> str:
    """The first line of a MuPDF error, without the file path it may quote."""
    text = (str(exc).splitlines() or [""])[0].strip()
    if not text or text.startswith("Failed to open file"):
        return "MuPDF could not parse its structure"
    return text[:120]


def drain_mupdf_messages() -> int:
    """Count (and forget) the messages MuPDF collected since the last call."""
    messages = pymupdf.TOOLS.mupdf_warnings(reset=True)
    return len([line for line in messages.splitlines() if line.strip()])


class PictureSource:
    """Picture bytes read lazily from the reading handle, which stays open for it."""

    def __init__(self, pdf: Any) -> None:
        self._pdf = pdf
        self._cut_outs: dict[int, dict[int, tuple[BBox, float]]] = {}  # page -> order -> (box, scale)
        self._shown: OrderedDict[int, dict[int, bytes]] = OrderedDict()  # a few pages' renders

    def cut_out_loader(self, number: int, order: int, box: BBox,
                       scale: float) -> Callable[[], bytes | None]:
        """A callable giving a cut-out picture as printed (PAM, transparent where its
        clip hides it), drawn over ``box`` at ``scale`` pixels per point. All the
        cut-outs of a page are drawn in one pass, when the first is asked for."""
        self._cut_outs.setdefault(number, {})[order] = (box, scale)

        def load() -> bytes | None:
            shown = self._shown.get(number)
            if shown is None:
                try:
                    shown = shown_pictures(self._pdf[number - 1], self._cut_outs[number])
                except MUPDF_ERRORS:
                    shown = {}
                self._shown[number] = shown
                if len(self._shown) > _SHOWN_PAGES:
                    self._shown.popitem(last=False)
            return shown.get(order)

        return load

    def loader(self, number: int, xref: int, bbox: BBox) -> Callable[[], bytes | None]:
        """A callable giving the picture's encoded bytes (or a PNM render of its box)."""

        def load() -> bytes | None:
            try:
                if xref:
                    data = self._image_bytes(xref)
                    if data:
                        return data
                page = self._pdf[number - 1]
                clip = pymupdf.Rect(bbox) * page.rotation_matrix
                return page.get_pixmap(clip=clip, dpi=_IMAGE_RENDER_DPI).tobytes("pnm")
            except MUPDF_ERRORS:
                return None

        return load

    def _image_bytes(self, xref: int) -> bytes | None:
        """The picture's pixels as stored, ignoring any soft mask.

        JPEG and JPEG 2000 data is handed over as it is (Pillow decodes JPEG at
        a reduced scale). Other pictures are decoded by MuPDF and handed over
        as uncompressed PAM: ``extract_image`` would encode them as PNG first,
        which took 90 % of the picture questions' time on a report of scans.
        A stencil mask (a fax-coded scan, say) goes over as the grey levels
        ``extract_image`` gives it.
        """
        filters = self._pdf.xref_get_key(xref, "Filter")[1]
        if not any(name in filters for name in _COMPRESSED_AS_PICTURES):
            pixmap = pymupdf.Pixmap(self._pdf, xref)
            if pixmap.colorspace is None and pixmap.n == 1:  # a stencil mask: its coverage, as grey
                return _grey_pam(pixmap.width, pixmap.height, pixmap.samples)
            if pixmap.colorspace is not None and pixmap.colorspace.n in (1, 3):
                return pixmap.tobytes("pam")
            if pixmap.colorspace is not None and not pixmap.alpha:  # CMYK, Lab, indexed...
                return pymupdf.Pixmap(pymupdf.csRGB, pixmap).tobytes("pam")
        extracted = self._pdf.extract_image(xref)  # JPEG, JPEG 2000, what MuPDF cannot convert
        return extracted["image"] if extracted and extracted.get("image") else None


def _grey_pam(width: int, height: int, samples: bytes) -> bytes:
    """One-channel pixels as a PAM picture (the form pictures are handed over in)."""
    header = f"P7\nWIDTH {width}\nHEIGHT {height}\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n"
    return header.encode("ascii") + samples
