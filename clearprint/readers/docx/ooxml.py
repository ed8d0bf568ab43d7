"""WordprocessingML names and value parsing shared by the DOCX reader modules.

The reader works on lxml elements directly: python-docx proxies are too slow
for the hot loops and hide attributes the checks need (``w:jc="start"``,
``w:fldSimple`` results, anchors).
"""

from __future__ import annotations

from typing import Any

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
    "o": "urn:schemas-microsoft-com:office:office",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}


def qn(name: str) -> str:
    """Clark notation for a prefixed name: ``qn("w:p")`` → ``{ns}p``."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


W = "{" + NS["w"] + "}"
R_ID = qn("r:id")
R_EMBED = qn("r:embed")
R_LINK = qn("r:link")
W_VAL = W + "val"
MC_FALLBACK = qn("mc:Fallback")
MC_CHOICE = qn("mc:Choice")
MC_ALTERNATE = qn("mc:AlternateContent")

_FALSE = {"0", "false", "off", "none"}

TWIPS_PER_PT = 20.0
EMU_PER_PT = 12700.0


def attr(el: Any, name: str) -> str | None:
    """A ``w:`` attribute of an element, or None."""
    value: str | None = el.get(W + name)
    return value


def first_child(el: Any, tag: str) -> Any | None:
    """The element's first child if it has ``tag``.

    Property elements (w:pPr, w:rPr, w:tcPr) come first in their parent by
    the schema; checking one child is much cheaper than a search.
    """
    for child in el:
        return child if child.tag == tag else None
    return None


def on_off(el: Any) -> bool:
    """An ST_OnOff element: present with no value, or "1"/"true"/"on", is on."""
    value = el.get(W_VAL)
    return value is None or value.lower() not in _FALSE


# Word stores its numbers as 32-bit integers, drawing coordinates (EMU) as 64-bit
# ones of at most this size (ECMA-376 ST_Coordinate); a value past these is no
# measure a producer meant, and sizing anything from it would hang the reader.
MAX_NUMBER = 2.0**31
MAX_EMU = 27273042316900.0


def number(value: str | None, limit: float = MAX_NUMBER) -> float | None:
    """A numeric attribute, tolerating junk ("720", "12.5", "auto" → None).

    Infinity, NaN and values beyond ``limit`` are junk too: float() takes
    "inf", "nan" and "1e300", and one of them in a spacing or a size made the
    page estimate loop for ever.
    """
    if value is None:
        return None
    try:
        n = float(value)
    except ValueError:
        return None
    return n if abs(n) <= limit else None  # NaN fails the comparison too


def twips(value: str | None) -> float | None:
    """Twentieths of a point to points ("1440" → 72.0); measures like "2cm" too."""
    if value is None:
        return None
    if value[-2:] in _UNIVERSAL:
        return measure_pt(value)
    n = number(value)
    return None if n is None else n / TWIPS_PER_PT


def emu(value: str | None) -> float | None:
    """English metric units to points."""
    n = number(value, MAX_EMU)
    return None if n is None else n / EMU_PER_PT


_UNIVERSAL = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "pc": 12.0, "pi": 12.0, "px": 0.75}


def measure_pt(value: str) -> float | None:
    """A universal measure ("2.5cm", "12pt", "1in") in points (ECMA ST_UniversalMeasure)."""
    unit = value[-2:]
    scale = _UNIVERSAL.get(unit)
    n = number(value[:-2], MAX_NUMBER / 20)  # no larger than the twips Word can store
    if scale is None or n is None:
        return None
    return n * scale


def hex_rgb(value: str | None) -> tuple[int, int, int] | None:
    """Hex colour to RGB: "1F4E79" → (31, 78, 121); "auto" and junk → None."""
    if not value or len(value) != 6:
        return None
    try:
        n = int(value, 16)
    except ValueError:
        return None
    return (n >> 16) & 255, (n >> 8) & 255, n & 255


def text_of(el: Any) -> str:
    """The text of a w:t (or w:instrText), all of it.

    The parser expands no entities (the file is untrusted), so an entity
    reference stays a child node and the text after it is that node's tail:
    reading ``el.text`` alone dropped everything after the first one.
    """
    text: str = el.text or ""
    if len(el):
        text += "".join(child.tail or "" for child in el)
    return text


def local_name(el: Any) -> str:
    """The tag without its namespace."""
    tag: str = el.tag
    return tag.rpartition("}")[2]
