"""Readers turn a file into the format-neutral model.

This package is the only place that imports PyMuPDF or python-docx; both are
imported lazily so ``clearprint --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

from clearprint.errors import DocumentError
from clearprint.model import Document

PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm")
SUPPORTED_SUFFIXES = PDF_SUFFIXES + DOCX_SUFFIXES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(path: str | Path) -> Document:
    """Read a PDF or Word file, or raise DocumentError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise DocumentError("file not found")
    if path.is_dir():
        raise DocumentError("is a folder, not a document")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DocumentError(f"cannot be read: {exc.strerror or exc}") from None
    if not head:
        raise DocumentError("the file is empty")
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from clearprint.readers.pdf import read_pdf

        return read_pdf(path)
    if suffix in DOCX_SUFFIXES:
        if head == _OLE_MAGIC:
            raise DocumentError(
                "encrypted: the Word file is password-protected; save an unprotected copy to audit it"
            )
        from clearprint.readers.docx import read_docx

        return read_docx(path)
    raise DocumentError(
        f"unsupported file type {suffix or '(no extension)'!r}: clearprint reads .pdf, .docx and .dotx"
    )
