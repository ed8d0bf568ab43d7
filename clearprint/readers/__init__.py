"""Readers turn a file into the format-neutral model.

This package is the only place that imports PyMuPDF or lxml; both are
imported lazily so ``clearprint --help`` stays fast.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from clearprint.errors import DocumentError
from clearprint.model import Document

PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm")
SUPPORTED_SUFFIXES = PDF_SUFFIXES + DOCX_SUFFIXES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD_BYTES = 1024


def read(path: str | Path) -> Document:
    """Read a PDF or Word file, or raise DocumentError with a one-line reason."""
    path = Path(path)
    head = _head(path)
    suffix = path.suffix.lower()
    kind = _kind(head)
    if suffix in PDF_SUFFIXES:
        if kind != "pdf":
            raise DocumentError(_misnamed(kind, "a PDF", suffix))
        from clearprint.readers.pdf import read_pdf

        return read_pdf(path)
    if suffix in DOCX_SUFFIXES:
        if kind == "ole":
            raise DocumentError(_ole_reason(path))
        if kind != "zip":
            raise DocumentError(_misnamed(kind, "a Word file", suffix))
        from clearprint.readers.docx import read_docx

        return read_docx(path)
    raise DocumentError(
        f"unsupported file type {suffix or '(no extension)'!r}: clearprint reads .pdf, .docx and .dotx"
    )


def preload(paths: list[str]) -> None:
    """Import the readers a batch will need, once, before documents are audited in
    child processes that inherit them (each would import PyMuPDF again otherwise)."""
    suffixes = {Path(path).suffix.lower() for path in paths}
    if suffixes & set(PDF_SUFFIXES):
        import clearprint.readers.pdf  # noqa: F401
    if suffixes & set(DOCX_SUFFIXES):
        import clearprint.readers.docx  # noqa: F401


_STAT_REASONS = {
    errno.ENOENT: "file not found",
    errno.ELOOP: "cannot be opened: the path goes round a loop of symbolic links",
    errno.ENAMETOOLONG: "cannot be opened: the file name is too long for this system",
    errno.EACCES: "cannot be read: permission denied",
    errno.EPERM: "cannot be read: permission denied",
    errno.ENOTDIR: "file not found: part of the path is a file, not a folder",
}


def _head(path: Path) -> bytes:
    """The first bytes of a regular file; anything else is a DocumentError.

    The type is checked before the file is opened: opening a FIFO blocks until
    something writes to it, and a device such as /dev/zero never ends.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise DocumentError("file not found: a symbolic link to a file that does not exist") from None
        raise DocumentError(_STAT_REASONS.get(exc.errno or 0, f"cannot be read: {exc.strerror}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError("is a folder, not a document")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"is not a regular file but {_special_kind(info.st_mode)}")
    if info.st_size == 0:
        raise DocumentError("the file is empty")
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise DocumentError(_STAT_REASONS.get(exc.errno or 0, f"cannot be read: {exc.strerror}")) from None


_WORD_97_STREAM = "WordDocument".encode("utf-16-le")
_OLE_SCAN_BYTES = 1 << 20


def _ole_reason(path: Path) -> str:
    """Why a Word file in an OLE container cannot be read: a password-protected .docx is
    stored in one, and so is an old Word 97-2003 document (found by its stream's name)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(_OLE_SCAN_BYTES)
    except OSError:
        start = b""
    if _WORD_97_STREAM in start:
        return "not supported: an old Word 97-2003 document (.doc) named .docx; save it as .docx"
    return "encrypted: the Word file is password-protected; save an unprotected copy to audit it"


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _kind(head: bytes) -> str:
    """What the first bytes say a file is: "pdf", "zip", "ole" (old Word or encrypted) or other."""
    if head.startswith(b"PK"):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if b"%PDF" in head:  # junk before the header is tolerated, as MuPDF does
        return "pdf"
    return "unknown"


_KIND_NAMES = {"pdf": "a PDF", "zip": "a zip archive", "ole": "an old-style Office file (or encrypted)"}


def _misnamed(kind: str, expected: str, suffix: str) -> str:
    """Why a file is not what its name says."""
    if kind == "unknown":
        if expected == "a PDF":
            return "not a readable PDF: the file does not start with a PDF header"
        return "not a readable Word file: it is not a zip archive"
    return f"not {expected} although named {suffix}: the file is {_KIND_NAMES[kind]}"
