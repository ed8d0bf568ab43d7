"""Font traits (weight, italic, script, condensed...) for PDF text.

Span flags from MuPDF are a poor guide to how a face looks: descriptors are often
placeholders and the "serif" bit is wrong for common faces (measurement spec B.3).
So each font is judged once, from the best evidence available, in this order:
the font program (OS/2 and post tables), the font's name, the PDF font
descriptor, and only then the span flags.
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Weight words and the short tokens of PostScript names ("TradeGothic-Bd").
_WEIGHTS = {
    "hairline": 100, "thin": 100, "th": 100, "extralight": 200, "ultralight": 200,
    "xlight": 200, "xlt": 200, "light": 300, "lt": 300, "semilight": 350, "demilight": 350,
    "book": 400, "bk": 400, "regular": 400, "roman": 400, "normal": 400, "medium": 500,
    "md": 500, "med": 500, "semibold": 600, "demibold": 600, "demi": 600, "sb": 600,
    "smbd": 600, "bold": 700, "bd": 700, "extrabold": 800, "ultrabold": 800, "xbd": 800,
    "heavy": 900, "hv": 900, "black": 900, "blk": 900,
}
_ITALIC_TOKENS = {"italic", "oblique", "slanted", "inclined", "it", "obl", "ital", "kursiv"}
_CONDENSED_TOKENS = {"condensed", "narrow", "compressed", "cond", "cn", "compact"}
_SCRIPT_TOKENS = {"script", "hand", "handwriting", "brush", "callig", "calligraphy",
                  "calligraphic"}
_DECORATIVE_TOKENS = {"ornament", "ornaments", "decorative"}
_MONO_TOKENS = {"mono", "monospace", "monospaced", "courier", "consolas", "typewriter"}

# The standard 14 fonts need not be embedded; their regular faces are 400,
# and their spaces are known (in em).
_BASE14_SPACES = {"helvetica": 0.278, "arial": 0.278, "times": 0.25, "courier": 0.6,
                  "symbol": 0.25, "zapfdingbats": 0.278}

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_OLDSTYLE_DIGITS = ("three", "four", "five", "seven", "nine")


@functools.lru_cache(maxsize=4096)
def strip_subset(name: str) -> str:
    """'ABCDEF+Calibri-Bold' -> 'Calibri-Bold'."""
    return _SUBSET_TAG.sub("", name)


def name_tokens(name: str) -> list[str]:
    """Split a font name into lower-case words at separators, case changes and digits."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", name)
    return [t.lower() for t in re.split(r"[\s\-_,+.]+", spaced) if t]


@dataclass(frozen=True, slots=True)
class FontFacts:
    """What one piece of evidence says about a face; None means it says nothing."""

    weight: int | None = None
    italic: bool | None = None
    traits: frozenset[str] = frozenset()
    condensed: bool | None = None
    space_em: float | None = None  # advance of the space glyph, in em


@dataclass(frozen=True, slots=True)
class FontTraits:
    """The verdict for a font, ready to copy onto spans."""

    bold: bool | None
    italic: bool | None
    weight: int | None
    traits: frozenset[str]
    space_em: float | None = None  # the font's word space, in em


# Adobe's standard Chinese, Japanese and Korean fonts, which PDFs name without
# embedding them: each is its script's plain body face, whatever weight word its
# name carries ("Light" Mincho is how Japanese books are set).
_CJK_BODY_FACES = frozenset({
    "ryuminlight", "heiseiminw3", "heiseikakugow5", "gothicbbbmedium", "kozminproregular",
    "kozgopromedium", "stsonglight", "stsongstdlight", "msunglight", "msungstdlight",
    "mheimedium", "hysmyeongjomedium", "hysmyeongjostdmedium", "hygothicmedium",
})


def facts_from_name(name: str) -> FontFacts:
    """Weight, slant and style words in a font name (B.3 step 1).

    The first word is the family ("Black Chancery" is not black), and words
    are matched whole or as adjacent pairs ("Semi Bold", "Extra Light").
    """
    tokens = name_tokens(name)
    joined = "".join(tokens)  # a CMap may follow: "Ryumin-Light-Identity-V"
    style = [] if any(joined.startswith(face) for face in _CJK_BODY_FACES) else tokens[1:]
    words = set(style) | {a + b for a, b in itertools.pairwise(style)}
    weight = None
    i = 0
    while i < len(style):
        pair = "".join(style[i:i + 2])
        if i + 1 < len(style) and pair in _WEIGHTS:
            weight, i = _WEIGHTS[pair], i + 2
            continue
        weight = _WEIGHTS.get(style[i], weight)
        i += 1
    every = set(tokens)
    traits = set()
    if _SCRIPT_TOKENS & every:
        traits.add("script")
    if _DECORATIVE_TOKENS & every:
        traits.add("decorative")
    if _MONO_TOKENS & every:
        traits.add("monospace")
    italic = True if _ITALIC_TOKENS & words else None
    condensed = True if _CONDENSED_TOKENS & every else None
    return FontFacts(weight=weight, italic=italic, traits=frozenset(traits), condensed=condensed)


def facts_from_sfnt(buf: bytes) -> FontFacts | None:
    """Read OS/2, post, head and a few glyphs of a TrueType/OpenType program (B.3 step 3).

    Only fixed-size tables are decompiled by fontTools; 'post', 'hmtx' and
    'glyf' are read raw for the few values needed, because decompiling them
    (glyph names, every glyph) took a tenth of a second per CJK font.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(buf), lazy=True, fontNumber=0)
    traits: set[str] = set()
    weight = italic = condensed = None
    if "OS/2" in font:
        os2 = font["OS/2"]
        weight = os2.usWeightClass
        if 1 <= weight <= 9:  # some old fonts use a 1-9 scale
            weight *= 100
        weight = weight or None
        condensed = 0 < os2.usWidthClass <= 4
        italic = bool(os2.fsSelection & 1)
        panose = getattr(os2, "panose", None)
        family_type = getattr(panose, "bFamilyType", 0)
        if family_type == 3 or os2.sFamilyClass >> 8 == 10:
            traits.add("script")
        elif family_type == 4:
            traits.add("decorative")
        if getattr(panose, "bProportion", 0) == 9:
            traits.add("monospace")
    if "post" in font.reader and len(font.reader["post"]) >= 16:
        angle, _, _, fixed_pitch = struct.unpack_from(">ihhI", font.reader["post"], 4)
        if angle:
            italic = True
        if fixed_pitch:
            traits.add("monospace")
    if "head" in font and font["head"].macStyle & 2:
        italic = True
    glyphs = _RawGlyphs(font)
    if glyphs.descending("34579") >= 2:
        traits.add("oldstyle-figures")
    return FontFacts(weight=weight, italic=italic, traits=frozenset(traits), condensed=condensed,
                     space_em=glyphs.advance(" "))


class _RawGlyphs:
    """Glyph ids, advances and bottoms read straight from the font's tables."""

    def __init__(self, font: Any) -> None:
        self._font = font
        try:
            self._units = font["head"].unitsPerEm
            count = font["maxp"].numGlyphs
            # Numbered names spare fontTools building names from 'post' (slow).
            font.setGlyphOrder([f"g{i}" for i in range(count)])
            self._cmap = font["cmap"].getBestCmap() or {}
        except (KeyError, AttributeError, struct.error):
            self._cmap = {}

    def _gid(self, char: str) -> int | None:
        name = self._cmap.get(ord(char))
        return int(name[1:]) if name else None

    def advance(self, char: str) -> float | None:
        """Advance width in em."""
        gid = self._gid(char)
        if gid is None or "hmtx" not in self._font.reader or "hhea" not in self._font:
            return None
        metrics = min(gid, self._font["hhea"].numberOfHMetrics - 1)
        try:
            (width,) = struct.unpack_from(">H", self._font.reader["hmtx"], 4 * metrics)
        except struct.error:
            return None
        return width / self._units or None

    def descending(self, chars: str) -> int:
        """How many of the characters have glyphs reaching below -0.08 em."""
        return sum(1 for c in chars if (y := self._bottom(c)) is not None and y < -0.08 * self._units)

    def _bottom(self, char: str) -> int | None:
        gid = self._gid(char)
        reader = self._font.reader
        if gid is None or "glyf" not in reader or "loca" not in reader:
            return None
        try:
            if self._font["head"].indexToLocFormat:
                start, end = struct.unpack_from(">II", reader["loca"], 4 * gid)
            else:
                start, end = (2 * v for v in struct.unpack_from(">HH", reader["loca"], 2 * gid))
            if end - start < 10:
                return None
            return struct.unpack_from(">hhhhh", reader["glyf"], start)[2]
        except struct.error:
            return None


def facts_from_cff(buf: bytes) -> FontFacts | None:
    """Read a bare CFF program (Type1C). Only the italic angle is trusted here:
    CFF 'Weight' strings are unreliable (Trade Gothic Light says 'Normal')."""
    from fontTools.cffLib import CFFFontSet

    cff = CFFFontSet()
    cff.decompile(io.BytesIO(buf), None)
    top = cff[cff.fontNames[0]]
    italic = True if top.rawDict.get("ItalicAngle", 0) else None
    traits = set()
    if top.rawDict.get("isFixedPitch"):
        traits.add("monospace")
    charstrings = getattr(top, "CharStrings", None)
    if charstrings is not None and not hasattr(top, "ROS"):
        units = 1 / top.FontMatrix[3] if top.FontMatrix[3] else 1000
        glyphs = {n: charstrings[n] for n in _OLDSTYLE_DIGITS if n in charstrings}
        descending = sum(
            1 for cs in glyphs.values()
            if (b := cs.calcBounds(charstrings)) and b[1] < -0.08 * units
        )
        if descending >= 2:
            traits.add("oldstyle-figures")
    return FontFacts(italic=italic, traits=frozenset(traits))


def _xref_value(doc: Any, xref: int, key: str) -> str | None:
    kind, value = doc.xref_get_key(xref, key)
    return None if kind == "null" else value


def _xref_number(reference: str | None) -> int | None:
    """'12 0 R' or '[12 0 R]' -> 12."""
    match = re.search(r"(\d+)\s+\d+\s+R", reference or "")
    return int(match.group(1)) if match else None


def facts_from_descriptor(doc: Any, xref: int) -> FontFacts:
    """Producer-written descriptor hints (B.3 step 2); only positive evidence counts,
    because placeholder values (ItalicAngle 0, StemV 80) are common."""
    font_xref = xref
    if _xref_value(doc, xref, "Subtype") == "/Type0":
        font_xref = _xref_number(_xref_value(doc, xref, "DescendantFonts")) or xref
    descriptor = _xref_number(_xref_value(doc, font_xref, "FontDescriptor"))
    if descriptor is None:
        return FontFacts()
    flags = _to_float(_xref_value(doc, descriptor, "Flags")) or 0
    angle = _to_float(_xref_value(doc, descriptor, "ItalicAngle")) or 0
    weight = _to_float(_xref_value(doc, descriptor, "FontWeight"))
    traits = set()
    if int(flags) & 8:
        traits.add("script")
    if int(flags) & 1:
        traits.add("monospace")
    if int(flags) & 262144 and not weight:
        weight = 700
    italic = True if angle or int(flags) & 64 else None
    return FontFacts(weight=int(weight) if weight else None, italic=italic,
                     traits=frozenset(traits), space_em=_widths_space(doc, xref))


def _widths_space(doc: Any, xref: int) -> float | None:
    """The width the PDF states for character code 32 (simple fonts), in em."""
    first = _to_float(_xref_value(doc, xref, "FirstChar"))
    kind, value = doc.xref_get_key(xref, "Widths")
    if first is None or kind == "null":
        return None
    if kind == "xref":
        value = doc.xref_object(_xref_number(value) or 0)
    numbers = re.findall(r"-?\d+(?:\.\d+)?", value or "")
    index = 32 - int(first)
    if 0 <= index < len(numbers):
        return float(numbers[index]) / 1000 or None
    return None


def _to_float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def decide(program: FontFacts | None, name: FontFacts, descriptor: FontFacts,
           font_type: str) -> FontTraits:
    """Combine the evidence: font program > name > descriptor (span flags come later)."""
    if font_type == "Type3":
        # Type3 glyphs are arbitrary drawings; no flag or name says how they look.
        return FontTraits(bold=None, italic=None, weight=None, traits=frozenset({"type3"}))
    sources = [f for f in (program, name, descriptor) if f is not None]
    weight = next((f.weight for f in sources if f.weight), None)
    italic = next((f.italic for f in sources if f.italic is not None), None)
    condensed = next((f.condensed for f in sources if f.condensed is not None), None)
    traits = set(name.traits)
    if program is not None:
        traits |= program.traits
    else:
        traits |= descriptor.traits
    if condensed:
        traits.add("condensed")
    bold = None if weight is None else weight >= 600
    space = next((f.space_em for f in (descriptor, program, name) if f and f.space_em), None)
    return FontTraits(bold=bold, italic=italic, weight=weight, traits=frozenset(traits),
                      space_em=space)


def _with_base14_weight(name: str, facts: FontFacts) -> FontFacts:
    """Give a standard-14 face without a weight word its regular weight."""
    tokens = name_tokens(name)
    if not tokens or tokens[0] not in _BASE14_SPACES:
        return facts
    return FontFacts(weight=facts.weight or 400, italic=facts.italic, traits=facts.traits,
                     condensed=facts.condensed, space_em=_BASE14_SPACES[tokens[0]])


class FontCatalog:
    """Font verdicts for one document, computed once per font name.

    Spans name their font by basefont without the subset tag; the same face is
    often embedded as many subsets (one per page), so the name is the cache key.
    """

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._by_name: dict[str, FontTraits] = {}
        self._known: dict[str, tuple[int, str, str]] = {}  # name -> (xref, ext, type)
        self._pages_seen: set[int] = set()
        self.failures = 0  # font programs that could not be parsed

    def _register(self, page: Any) -> None:
        """Remember the fonts a page uses, so spans can be matched to their xref."""
        self._pages_seen.add(page.number)
        for xref, ext, font_type, basefont, *_ in page.get_fonts(full=True):
            self._known.setdefault(strip_subset(basefont), (xref, ext, font_type))

    def space_em(self, name: str) -> float | None:
        """The font's word space in em, when the PDF or the font program states it."""
        cached = self._by_name.get(name)
        return cached.space_em if cached else None

    def traits(self, name: str, page: Any) -> FontTraits:
        """The verdict for a font used on ``page`` (whose font list is read on a miss)."""
        cached = self._by_name.get(name)
        if cached is None:
            if name not in self._known and page.number not in self._pages_seen:
                self._register(page)
            cached = self._by_name[name] = self._judge(name)
        return cached

    def _judge(self, name: str) -> FontTraits:
        from_name = facts_from_name(name)
        known = self._known.get(name)
        if known is None:
            return decide(None, _with_base14_weight(name, from_name), FontFacts(), "")
        xref, ext, font_type = known
        if ext == "n/a":
            from_name = _with_base14_weight(name, from_name)
        program = self._program(xref, ext)
        descriptor = facts_from_descriptor(self._doc, xref) if xref else FontFacts()
        return decide(program, from_name, descriptor, font_type)

    def _program(self, xref: int, ext: str) -> FontFacts | None:
        if not xref or ext in ("n/a", "pfa", "pfb"):
            return None
        try:
            with _quiet_fonttools():
                buf = self._doc.extract_font(xref)[3]
                if buf[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf"):
                    return facts_from_sfnt(buf)
                if ext == "cff" and buf:
                    return facts_from_cff(buf)
        except Exception:  # noqa: BLE001 - untrusted font data; fall back to the name
            self.failures += 1
        return None


@contextmanager
def _quiet_fonttools() -> Iterator[None]:
    """fontTools logs every oddity of subset fonts; the report has no use for them."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
