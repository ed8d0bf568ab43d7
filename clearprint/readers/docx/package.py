"""Open a Word package (zip + relationships) and parse its XML parts with plain lxml.

Why not ``docx.Document()``: python-docx refuses the *template* main-part
content type although .dotx files and documents saved from templates are
ordinary documents to a person, and it parses every part into its own
element classes, which are several times slower to walk than plain lxml
elements (a 12 MB document.xml took over 4 s to read that way). So the
package is read into memory here, relationships are resolved by this small
OPC layer, and only the parts the reader needs are parsed. The user's file
is opened read-only and never modified.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote

from lxml import etree

from clearprint.errors import DocumentError
from clearprint.readers.docx.ooxml import W

# Entities are not expanded and nothing is fetched: the file is untrusted input.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
_DAMAGED = "not a readable Word file: the zip archive is damaged or truncated"
_STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}document"
_OFFICE_DOCUMENT = "officeDocument"

# What a part may inflate to. Real parts stay far below: the largest document.xml
# seen is tens of megabytes, and text compresses about ten times, pictures barely.
MAX_PART_BYTES = 256 << 20
MAX_PACKAGE_BYTES = 1 << 30
MAX_RATIO = 1000
RATIO_FREE_BYTES = 16 << 20  # small parts may compress as well as they like
_PIECE = 1 << 20


class Package:
    """The parts of an OPC package by name ("word/document.xml"), and their relationships.

    A part is inflated only when it is asked for, and never past a size or a
    compression ratio that no real document reaches: a zip entry of a few
    kilobytes can inflate to gigabytes, and a part that nothing references
    must cost nothing.
    """

    def __init__(self, file: BinaryIO) -> None:
        """``file``: the open package, which the Package owns and ``close`` closes."""
        self._file = file
        try:
            archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, OSError):
            file.close()
            raise DocumentError(_DAMAGED) from None
        self._archive = archive
        self._infos = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        self._by_lower = {name.lower(): name for name in self._infos}
        self._blobs: dict[str, bytes] = {}
        self._inflated = 0
        self._rels: dict[str, dict[str, tuple[str, str | None]]] = {}
        self._xml: dict[str, Any] = {}

    def close(self) -> None:
        """Close the file (parts already read stay readable from memory)."""
        self._archive.close()
        self._file.close()

    def name(self, part: str) -> str | None:
        """The stored name of a part, matched case-insensitively as OPC requires."""
        if part in self._infos:
            return part
        return self._by_lower.get(part.lower())

    def blob(self, part: str) -> bytes | None:
        name = self.name(part)
        if name is None:
            return None
        if name not in self._blobs:
            self._blobs[name] = self._inflate(self._infos[name])
        return self._blobs[name]

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        """One entry's bytes, read in pieces so a lying header cannot make it bigger than allowed."""
        limit = min(MAX_PART_BYTES, MAX_PACKAGE_BYTES - self._inflated)
        ratio_limit = max(RATIO_FREE_BYTES, info.compress_size * MAX_RATIO)
        pieces, size = [], 0
        try:
            with self._archive.open(info) as entry:
                while piece := entry.read(_PIECE):
                    size += len(piece)
                    if size > limit:
                        raise DocumentError(
                            f"refused: {info.filename} inflates to more than {limit >> 20} MB; "
                            "too big to be a real document part")
                    if size > ratio_limit:
                        raise DocumentError(
                            f"refused: {info.filename} inflates more than {MAX_RATIO} times its stored "
                            "size (a zip bomb)")
                    pieces.append(piece)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, OSError):
            raise DocumentError(_DAMAGED) from None
        self._inflated += size
        return b"".join(pieces)

    def xml(self, part: str) -> Any | None:
        """The root element of an XML part (parsed once), or None if the part is missing."""
        name = self.name(part)
        if name is None:
            return None
        if name not in self._xml:
            self._xml[name] = parse_xml(self.blob(name), name)
        return self._xml[name]

    def relationships(self, source: str) -> dict[str, tuple[str, str | None]]:
        """rId → (relationship type's last path segment, target part name or None if external)."""
        if source not in self._rels:
            self._rels[source] = self._load_relationships(source)
        return self._rels[source]

    def target(self, source: str, rid: str) -> str | None:
        """The part a relationship id of ``source`` points to."""
        found = self.relationships(source).get(rid)
        return found[1] if found else None

    def related(self, source: str, kind: str) -> str | None:
        """The first part related to ``source`` by a relationship of type ``kind`` ("styles")."""
        for rel_kind, target in self.relationships(source).values():
            if rel_kind == kind and target is not None and self.name(target):
                return self.name(target)
        return None

    def related_xml(self, source: str, kind: str) -> Any | None:
        target = self.related(source, kind)
        return self.xml(target) if target else None

    def _load_relationships(self, source: str) -> dict[str, tuple[str, str | None]]:
        folder, file_name = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", file_name + ".rels")
        root = self.xml(rels_name)
        found: dict[str, tuple[str, str | None]] = {}
        if root is None:
            return found
        for rel in root:
            rid, kind = rel.get("Id"), (rel.get("Type") or "").rsplit("/", 1)[-1]
            if not rid:
                continue
            if rel.get("TargetMode") == "External":
                found[rid] = (kind, None)
            else:
                found[rid] = (kind, _resolve(folder, rel.get("Target") or ""))
        return found


def open_package(path: Path) -> tuple[Package, str]:
    """The package and the name of its main document part, or DocumentError saying why not."""
    package = Package(_open_file(path))
    try:
        return package, _main_part(package)
    except DocumentError:
        package.close()
        raise


def _main_part(package: Package) -> str:
    """The name of the main document part, or DocumentError saying why there is none."""
    main = package.related("", _OFFICE_DOCUMENT)
    if main is None:
        if package.blob("_rels/.rels") is None:
            raise DocumentError("not a Word document: the package has no relationships (_rels/.rels)")
        raise DocumentError("not a Word document: no main document part")
    root = package.xml(main)
    if root is None or root.tag != W + "document":
        if root is not None and root.tag == _STRICT_W:
            raise DocumentError(
                "not supported: Strict Open XML; save it as an ordinary Word Document (.docx)"
            )
        raise DocumentError(f"not a Word document: {main} is not a WordprocessingML document")
    return main


def _open_file(path: Path) -> BinaryIO:
    """The package file, open for reading. Parts are read from it as they are asked for,
    so a package of large pictures nobody looks at costs only its directory."""
    try:
        return path.open("rb")
    except OSError as exc:
        raise DocumentError(f"cannot be read: {(exc.strerror or str(exc)).lower()}") from None


def _resolve(folder: str, target: str) -> str:
    """A relationship target relative to the source part's folder, as a zip entry name."""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def parse_xml(data: bytes, name: str) -> Any:
    """A part's root element; broken XML is a DocumentError naming the part."""
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"not a readable Word file: {_xml_problem(str(exc))} in {name}") from None


def _xml_problem(message: str) -> str:
    """libxml2's reason in a reader's words."""
    if "amplification" in message or "entity reference loop" in message:
        return "entities that expand without end (an XML bomb)"
    if "depth" in message.lower():
        return "elements nested deeper than XML readers allow"
    return "broken XML"
