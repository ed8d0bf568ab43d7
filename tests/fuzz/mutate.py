"""Seeded mutations of the fixture documents.

A mutant is one fixture changed the way damaged and hostile files differ
from good ones: bytes flipped, cut short or repeated; numbers in a PDF's
dictionaries and content, or in a Word file's XML attributes, replaced by
values no producer writes (huge, negative, not finite); XML elements
repeated, dropped or nested; zip entries dropped or damaged. The same seed
always makes the same mutants, so a finding can be replayed.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

EXTREMES = (b"0", b"-0", b"-1", b"99999999999", b"-99999999999", b"4294967296", b"2147483648",
            b"0.0000001", b"65535", b"100000000", b"nan", b"inf", b"1e15", b"-2147483649", b"")

_PDF_NUMBER = re.compile(rb"(?<![\w.#/])-?\d+(?:\.\d+)?(?![\w.])")
_XML_NUMBER_ATTRIBUTE = re.compile(rb'(w:(?:val|w|h|before|after|line|left|right|top|bottom|num|space|'
                                   rb'firstLine|hanging|x|y|cx|cy)=")(-?\d+(?:\.\d+)?)(")')
_XML_ELEMENT = re.compile(rb"<w:(p|r|tbl|tr|tc|sdt)\b[^>]*>.*?</w:\1>", re.S)


def sources() -> list[Path]:
    """The fixture documents mutants are made from, in a fixed order."""
    found = sorted(p for p in FIXTURES.rglob("*") if p.suffix.lower() in (".pdf", ".docx"))
    return [p for p in found if p.parent.name != "bad"]


def mutants(seed: int, count: int, folder: Path) -> Iterator[tuple[Path, str]]:
    """``count`` mutants written into ``folder``: each path and how it was made."""
    rng = random.Random(seed)
    pool = sources()
    for number in range(count):
        source = rng.choice(pool)
        data = source.read_bytes()
        kind = source.suffix.lower()
        mutations = _PDF_MUTATIONS if kind == ".pdf" else _DOCX_MUTATIONS
        name, mutation = rng.choice(mutations)
        mutated = mutation(data, rng)
        path = folder / f"mutant-{seed}-{number:05d}{kind}"
        path.write_bytes(mutated)
        yield path, f"{source.relative_to(FIXTURES)}: {name}"


# --- bytes -----------------------------------------------------------------

def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def repeat_slice(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start:start + rng.randint(1, 4096)]
    return data[:start] + piece * rng.randint(2, 50) + data[start:]


def insert_junk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 512)))
    return data[:at] + junk + data[at:]


# --- PDF -------------------------------------------------------------------

def pdf_numbers(data: bytes, rng: random.Random) -> bytes:
    """Numbers outside streams (boxes, sizes, counts, offsets) set to extremes."""
    return _replace_some(_PDF_NUMBER, data, rng, lambda m: rng.choice(EXTREMES) or b"0")


def pdf_content_numbers(data: bytes, rng: random.Random) -> bytes:
    """Numbers inside decompressed content streams (matrices, sizes, positions) set to extremes."""
    def mutate_stream(match: re.Match[bytes]) -> bytes:
        head, body = match.group(1), match.group(2)
        try:
            content = zlib.decompress(body)
        except zlib.error:
            return match.group(0)
        changed = _replace_some(_PDF_NUMBER, content, rng, lambda m: rng.choice(EXTREMES) or b"1")
        packed = zlib.compress(changed)
        head = re.sub(rb"/Length \d+", b"/Length %d" % len(packed), head)
        return head + b"stream\n" + packed + b"\nendstream"

    return re.sub(rb"(<<[^>]*?/FlateDecode[^>]*?>>\s*)stream\r?\n(.*?)\r?\nendstream", mutate_stream,
                  data, count=rng.randint(1, 4), flags=re.S)


# --- DOCX ------------------------------------------------------------------

def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name, content in entries:
            changed = change(name, content)
            if changed is not None:
                rebuilt.writestr(name, changed)
    return out.getvalue()


def docx_numbers(data: bytes, rng: random.Random) -> bytes:
    def change(name: str, content: bytes) -> bytes:
        if not name.endswith(".xml"):
            return content
        return _replace_some(_XML_NUMBER_ATTRIBUTE, content, rng,
                             lambda m: m.group(1) + rng.choice(EXTREMES) + m.group(3))

    return _rezip(data, change)


def docx_elements(data: bytes, rng: random.Random) -> bytes:
    """Paragraphs, runs, tables and cells repeated, dropped or wrapped in content controls."""
    def change(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        found = list(_XML_ELEMENT.finditer(content))
        if not found:
            return content
        match = rng.choice(found)
        element = match.group(0)
        action = rng.choice(("repeat", "drop", "wrap"))
        if action == "repeat":
            element *= rng.randint(2, 2000)
        elif action == "drop":
            element = b""
        else:
            depth = rng.randint(1, 800)
            element = b"<w:sdt><w:sdtContent>" * depth + element + b"</w:sdtContent></w:sdt>" * depth
        return content[:match.start()] + element + content[match.end():]

    return _rezip(data, change)


def docx_drop_part(data: bytes, rng: random.Random) -> bytes:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return data
    dropped = rng.choice(names)
    return _rezip(data, lambda name, content: None if name == dropped else content)


def docx_xml_bytes(data: bytes, rng: random.Random) -> bytes:
    """A part's XML damaged byte by byte (inside the zip, so the zip still opens)."""
    def change(name: str, content: bytes) -> bytes:
        return flip_bytes(content, rng) if name.endswith(".xml") and rng.random() < 0.5 else content

    return _rezip(data, change)


def _replace_some(pattern: re.Pattern[bytes], data: bytes, rng: random.Random,
                  replacement: Callable[[re.Match[bytes]], bytes]) -> bytes:
    """Replace a random few of the pattern's matches."""
    matches = list(pattern.finditer(data))
    if not matches:
        return data
    chosen = {id(m) for m in rng.sample(matches, min(len(matches), rng.randint(1, 12)))}
    pieces, last = [], 0
    for match in matches:
        if id(match) in chosen:
            pieces += [data[last:match.start()], replacement(match)]
            last = match.end()
    pieces.append(data[last:])
    return b"".join(pieces)


_BYTES = [("flip bytes", flip_bytes), ("truncate", truncate), ("repeat a slice", repeat_slice),
          ("insert junk", insert_junk)]
_PDF_MUTATIONS = _BYTES + [("extreme numbers", pdf_numbers),
                           ("extreme numbers in content", pdf_content_numbers),
                           ("extreme numbers in content", pdf_content_numbers)]
_DOCX_MUTATIONS = _BYTES + [("extreme numbers", docx_numbers), ("extreme numbers", docx_numbers),
                            ("elements repeated, dropped or nested", docx_elements),
                            ("elements repeated, dropped or nested", docx_elements),
                            ("a part dropped", docx_drop_part), ("damaged XML", docx_xml_bytes)]
