"""Opening a PDF, and the extra read-only handles used after reading.

MuPDF prints its error messages on standard output, which would corrupt JSON
reports (measurement spec E.3), so printing is switched off for the process and
the messages are collected and counted instead.
"""

from __future__ import annotations

import re
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

_MUPDF_CODE = re.compile(r"^code=\d+:\s*")  # "code=7: Invalid number of pages"
_IMAGE_RENDER_DPI = 150
# Pictures with more pixels than this are decoded at a reduction (see _subsampled).
_MAX_DECODED_PIXELS = 16_000_000
_SUBSAMPLED_SIDE = 2048
_SHOWN_PAGES = 2  # pages whose cut-out pictures are kept drawn
# Picture filters whose data a picture library decodes itself, smaller than the pixels.
_COMPRESSED_AS_PICTURES = ("/DCTDecode", "/JPXDecode")


def open_pdf(path: Path) -> Any:
    """Open read-only, or raise DocumentError with a one-line reason.

    That the file is a regular file and starts like a PDF was checked by
    ``readers.read``, which tells a PDF from what is only named like one.
    """
    try:
        pdf = open_handle(path)
    except MUPDF_ERRORS as exc:
        raise DocumentError(f"not a readable PDF: {short_reason(exc)}") from None
    try:
        if pdf.needs_pass:
            raise DocumentError("encrypted: the PDF needs a password to open")
        if pdf.page_count == 0:
            raise DocumentError("the PDF has no readable pages (damaged page tree)")
    except MUPDF_ERRORS as exc:
        pdf.close()
        raise DocumentError(f"not a readable PDF: its page tree is damaged ({short_reason(exc)})") from None
    except DocumentError:
        pdf.close()
        raise
    return pdf


def open_handle(path: Path) -> Any:
    """A read-only MuPDF handle on the file.

    MuPDF takes file names as UTF-8; a name that is not (bytes kept by Python
    as surrogate escapes) is read here and handed over as a stream instead.
    """
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return pymupdf.open(stream=path.read_bytes(), filetype="pdf")
    return pymupdf.open(name, filetype="pdf")


def short_reason(exc: BaseException) -> str:
    """The first line of a MuPDF error, without the file path it may quote."""
    text = _MUPDF_CODE.sub("", (str(exc).splitlines() or [""])[0]).strip()
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
        ``extract_image`` gives it. A picture of more than
        ``_MAX_DECODED_PIXELS`` is decoded at a reduction whatever its filter.
        """
        if _declared_pixels(self._pdf, xref) > _MAX_DECODED_PIXELS:
            return _pam(self._subsampled(xref))
        filters = self._pdf.xref_get_key(xref, "Filter")[1]
        if not any(name in filters for name in _COMPRESSED_AS_PICTURES):
            pixels = _pam(pymupdf.Pixmap(self._pdf, xref))
            if pixels:
                return pixels
        extracted = self._pdf.extract_image(xref)  # JPEG, JPEG 2000, what MuPDF cannot convert
        return extracted["image"] if extracted and extracted.get("image") else None

    def _subsampled(self, xref: int) -> Any:
        """A picture too big to decode whole, decoded by MuPDF at a power-of-two reduction
        that still leaves at least ``_SUBSAMPLED_SIDE`` pixels a side: a 12,000-pixel
        square scan costs 9 MB instead of 432 MB, and the analysis thumbnails it anyway."""
        mupdf = pymupdf.mupdf
        document = mupdf.pdf_document_from_fz_document(self._pdf.this)
        image = mupdf.pdf_load_image(document, mupdf.pdf_new_indirect(document, xref, 0))
        width, height = image.w(), image.h()
        scale = _SUBSAMPLED_SIDE / max(width, height, 1)
        target = mupdf.FzMatrix(max(1.0, width * scale), 0, 0, max(1.0, height * scale), 0, 0)
        pixmap, _, _ = mupdf.fz_get_pixmap_from_image(image, mupdf.FzIrect(0, 0, width, height), target)
        shown = pymupdf.Pixmap(pixmap)
        return pymupdf.Pixmap(shown, 0) if shown.alpha and shown.colorspace is not None else shown


def _declared_pixels(pdf: Any, xref: int) -> int:
    """Width x height as the picture's dictionary states them (0 when unstated)."""
    sides = []
    for key in ("Width", "Height"):
        kind, value = pdf.xref_get_key(xref, key)
        sides.append(int(value) if kind == "int" and value.isdigit() else 0)
    return sides[0] * sides[1]


def _pam(pixmap: Any) -> bytes | None:
    """Decoded pixels as PAM: grey or RGB, a stencil mask as its coverage in grey."""
    if pixmap.colorspace is None and pixmap.n == 1:  # a stencil mask: its coverage, as grey
        return _grey_pam(pixmap.width, pixmap.height, pixmap.samples)
    if pixmap.colorspace is not None and pixmap.colorspace.n in (1, 3):
        return pixmap.tobytes("pam")
    if pixmap.colorspace is not None and not pixmap.alpha:  # CMYK, Lab, indexed...
        return pymupdf.Pixmap(pymupdf.csRGB, pixmap).tobytes("pam")
    return None


def _grey_pam(width: int, height: int, samples: bytes) -> bytes:
    """One-channel pixels as a PAM picture (the form pictures are handed over in)."""
    header = f"P7\nWIDTH {width}\nHEIGHT {height}\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n"
    return header.encode("ascii") + samples
