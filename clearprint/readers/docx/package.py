"""Open a Word file with python-docx, repairing what it refuses, reporting what is broken.

python-docx only opens parts whose content type is the *document* main part,
yet templates (.dotx, .dotm) and documents saved from templates carry the
*template* type although they are ordinary documents to a person. The package
is read into memory and its ``[Content_Types].xml`` rewritten there; the
user's file is never modified.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import Any

from lxml import etree

from clearprint.errors import DocumentError

DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
# Entities are not expanded and nothing is fetched: the file is untrusted input.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_DAMAGED = "not a readable Word file: the zip archive is damaged or truncated"


def open_package(path: Path) -> Any:
    """A python-docx Document for ``path``, or DocumentError with a one-line reason."""
    entries = _read_zip(path)
    main = _main_part_name(entries)
    entries["[Content_Types].xml"] = _document_content_types(entries)
    return _open_docx(entries, main)


def _read_zip(path: Path) -> dict[str, bytes]:
    """Every entry of the archive, decompressed, so damage shows up here and not later."""
    try:
        with zipfile.ZipFile(path) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        raise DocumentError(_DAMAGED) from None
    except OSError as exc:
        raise DocumentError(f"cannot be read: {exc.strerror or exc}") from None


def _main_part_name(entries: dict[str, bytes]) -> str:
    """The zip name of the main document part, from the package relationships."""
    rels = entries.get("_rels/.rels")
    if rels is None:
        raise DocumentError("not a Word document: the package has no relationships (_rels/.rels)")
    root = _parse(rels, "_rels/.rels")
    for rel in root:
        if rel.get("Type") in _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            name = posixpath.normpath(rel.get("Target", "").lstrip("/"))
            if name in entries:
                return name
            raise DocumentError(f"not a Word document: the main document part {name} is missing")
    raise DocumentError("not a Word document: no main document part")


def _document_content_types(entries: dict[str, bytes]) -> bytes:
    """[Content_Types].xml with template and macro main-part types replaced by the document type."""
    data = entries.get("[Content_Types].xml")
    if data is None:
        raise DocumentError("not a Word document: the package has no [Content_Types].xml")
    _parse(data, "[Content_Types].xml")
    for content_type in _MAIN_TYPES:
        data = data.replace(content_type.encode(), DOCUMENT_TYPE.encode())
    if DOCUMENT_TYPE.encode() not in data:
        raise DocumentError("not a Word document: the main part is not a WordprocessingML document")
    return data


def _open_docx(entries: dict[str, bytes], main: str) -> Any:
    """python-docx over an in-memory copy of the (possibly repaired) package."""
    import docx

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    try:
        return docx.Document(buffer)
    except etree.XMLSyntaxError:
        raise DocumentError(f"not a readable Word file: broken XML in {_broken_part(entries)}") from None
    except (KeyError, ValueError) as exc:
        raise DocumentError(f"not a Word document: {_one_line(exc)}") from None


def _broken_part(entries: dict[str, bytes]) -> str:
    """The first XML part that does not parse (only looked for once opening has failed)."""
    for name, data in entries.items():
        if name.endswith((".xml", ".rels")):
            try:
                etree.fromstring(data, _PARSER)
            except etree.XMLSyntaxError:
                return name
    return "an XML part"


def parse_part(data: bytes, name: str) -> Any:
    """An XML part python-docx does not parse for us (theme, footnotes, app.xml)."""
    return _parse(data, name)


def _parse(data: bytes, name: str) -> Any:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise DocumentError(f"not a readable Word file: broken XML in {name}") from None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip("'\" ") or type(exc).__name__
    return " ".join(text.split())
