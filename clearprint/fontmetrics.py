"""Typeface figures for measuring text without a layout engine.

DOCX files name fonts but carry no glyph metrics, and the fonts themselves are
often not installed where clearprint runs. The checks still need a line-height
factor (line pitch from a size), a word-space width (leading in word spaces)
and an average character advance (characters per line), plus the weight and
the traits that Clear Print cares about (script, decorative, condensed,
old-style figures; light and black are judged from the weight by the checks).
This module answers those from a table of common families, with class-based
fallbacks, so results are the same on every machine.

Figures marked ``estimated=False`` were measured with fontTools on the font or
its metric-compatible clone (measurement spec B.4.3/B.4.4); the others are
estimates from published metrics and should be read as approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

SANS = "sans"
SERIF = "serif"
MONO = "mono"


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """What a checker needs to know about one typeface, in em units."""

    family: str
    line_height: float  # k: (ascent + descent + line gap) / units per em
    space_width: float  # advance of the space glyph
    avg_char_width: float  # mean advance over English text, spaces included
    classification: str  # "sans", "serif" or "mono"
    traits: frozenset[str] = frozenset()
    weight: int | None = 400  # usWeightClass of the family's regular style; None if unknown
    estimated: bool = True  # figures are not measured from the font


def _m(
    family: str,
    k: float,
    space: float,
    avg: float,
    cls: str,
    *traits: str,
    weight: int | None = 400,
    estimated: bool = True,
) -> FontMetrics:
    return FontMetrics(family, k, space, avg, cls, frozenset(traits), weight, estimated)


# Measured figures (spec B.4.3 and B.4.4), keyed by the family and its clones.
_MEASURED = [
    (
        ("arial", "liberation sans", "helvetica", "arimo"),
        _m("Arial", 1.150, 0.278, 0.441, SANS, estimated=False),
    ),
    (
        ("times new roman", "liberation serif", "times", "tinos"),
        _m("Times New Roman", 1.150, 0.250, 0.400, SERIF, estimated=False),
    ),
    (("calibri", "carlito"), _m("Calibri", 1.221, 0.226, 0.405, SANS, estimated=False)),
    (("cambria", "caladea"), _m("Cambria", 1.150, 0.220, 0.405, SERIF, estimated=False)),
    (
        ("courier new", "liberation mono", "courier", "cousine"),
        _m("Courier New", 1.133, 0.600, 0.600, MONO, "monospace", estimated=False),
    ),
    (("dejavu sans",), _m("DejaVu Sans", 1.164, 0.318, 0.504, SANS, estimated=False)),
]

# Estimates from the fonts' published hhea/hmtx figures.
_ESTIMATED = [
    _m("Calibri Light", 1.221, 0.226, 0.405, SANS, weight=300),
    _m("Aptos", 1.200, 0.230, 0.420, SANS),
    _m("Verdana", 1.215, 0.352, 0.520, SANS),
    _m("Tahoma", 1.207, 0.313, 0.460, SANS),
    _m("Segoe UI", 1.330, 0.274, 0.440, SANS),
    _m("Segoe UI Light", 1.330, 0.274, 0.430, SANS, weight=300),
    _m("Segoe UI Semilight", 1.330, 0.274, 0.435, SANS, weight=350),
    _m("Segoe UI Semibold", 1.330, 0.274, 0.450, SANS, weight=600),
    _m("Segoe UI Black", 1.330, 0.274, 0.480, SANS, weight=900),
    _m("Trebuchet MS", 1.160, 0.301, 0.440, SANS),
    _m("Century Gothic", 1.180, 0.277, 0.480, SANS),
    _m("Gill Sans MT", 1.150, 0.277, 0.420, SANS),
    _m("Franklin Gothic Book", 1.130, 0.226, 0.420, SANS),
    _m("Lucida Sans", 1.160, 0.316, 0.480, SANS),
    _m("Lucida Sans Unicode", 1.160, 0.316, 0.480, SANS),
    _m("Microsoft Sans Serif", 1.130, 0.278, 0.440, SANS),
    _m("Open Sans", 1.362, 0.260, 0.450, SANS),
    _m("Roboto", 1.172, 0.248, 0.430, SANS),
    _m("Lato", 1.200, 0.193, 0.420, SANS),
    _m("Source Sans Pro", 1.257, 0.200, 0.400, SANS),
    _m("DejaVu Sans Condensed", 1.164, 0.286, 0.454, SANS, "condensed"),
    _m("DejaVu Sans Mono", 1.164, 0.602, 0.602, MONO, "monospace"),
    _m("DejaVu Serif", 1.164, 0.318, 0.500, SERIF),
    _m("Arial Narrow", 1.150, 0.228, 0.362, SANS, "condensed"),
    _m("Arial Black", 1.410, 0.333, 0.540, SANS, weight=900),
    _m("Impact", 1.220, 0.177, 0.400, SANS, "condensed", weight=900),
    _m("Haettenschweiler", 1.120, 0.160, 0.330, SANS, "condensed", weight=900),
    _m("Agency FB", 1.200, 0.180, 0.320, SANS, "condensed"),
    _m("Georgia", 1.136, 0.241, 0.450, SERIF, "oldstyle-figures"),
    _m("Constantia", 1.220, 0.221, 0.420, SERIF, "oldstyle-figures"),
    _m("Corbel", 1.220, 0.226, 0.400, SANS, "oldstyle-figures"),
    _m("Candara", 1.220, 0.226, 0.410, SANS, "oldstyle-figures"),
    _m("Garamond", 1.120, 0.250, 0.390, SERIF),
    _m("Book Antiqua", 1.170, 0.250, 0.430, SERIF),
    _m("Palatino Linotype", 1.170, 0.250, 0.430, SERIF),
    _m("Bookman Old Style", 1.170, 0.277, 0.470, SERIF),
    _m("Century Schoolbook", 1.200, 0.278, 0.450, SERIF),
    _m("Sylfaen", 1.320, 0.250, 0.420, SERIF),
    _m("Consolas", 1.170, 0.550, 0.550, MONO, "monospace"),
    _m("Lucida Console", 1.000, 0.600, 0.600, MONO, "monospace"),
    _m("Comic Sans MS", 1.394, 0.300, 0.470, SANS),
    _m("Brush Script MT", 1.220, 0.220, 0.360, SERIF, "script"),
    _m("Lucida Handwriting", 1.370, 0.330, 0.560, SERIF, "script"),
    _m("Segoe Script", 1.590, 0.290, 0.520, SANS, "script"),
    _m("Monotype Corsiva", 1.100, 0.220, 0.360, SERIF, "script"),
    _m("Algerian", 1.140, 0.260, 0.560, SERIF, "decorative"),
    _m("Jokerman", 1.500, 0.280, 0.500, SERIF, "decorative"),
    _m("Chiller", 1.100, 0.200, 0.330, SERIF, "decorative"),
    _m("Curlz MT", 1.200, 0.250, 0.440, SERIF, "decorative"),
    _m("Old English Text MT", 1.180, 0.250, 0.450, SERIF, "decorative"),
    _m("Showcard Gothic", 1.200, 0.270, 0.520, SANS, "decorative"),
    _m("Stencil", 1.200, 0.250, 0.520, SANS, "decorative"),
]

# Script and decorative families beyond the table, recognised by name only.
_SCRIPT_NAMES = {
    "edwardian script itc", "freestyle script", "french script mt", "kunstler script",
    "palace script mt", "script mt bold", "vladimir script", "vivaldi", "mistral",
    "lucida calligraphy", "bradley hand itc", "blackadder itc", "kristen itc", "ink free",
    "segoe print", "pristina", "rage italic", "harlow solid italic", "gigi", "viner hand itc",
    "informal roman", "papyrus", "tempus sans itc", "matura mt script capitals", "dancing script",
    "pacifico", "great vibes", "gabriola",
}  # fmt: skip
_DECORATIVE_NAMES = {
    "snap itc", "ravie", "broadway", "bauhaus 93", "wide latin", "magneto", "castellar",
    "colonna mt", "playbill", "niagara engraved", "niagara solid", "goudy stout", "engravers mt",
    "harrington", "cooper black", "forte", "juice itc", "parchment", "poster bodoni",
    "bernard mt condensed", "elephant", "gill sans ultra bold", "britannic bold", "desdemona",
}  # fmt: skip

# Weight words in family names (for "Source Sans Pro Light", "Arial Nova Semibold"...).
_WEIGHT_WORDS = [
    (re.compile(r"\b(hairline|thin)\b"), 100),
    (re.compile(r"\b(extra|ultra)[ -]?light\b"), 200),
    (re.compile(r"\bsemi[ -]?light\b"), 350),
    (re.compile(r"\blight\b"), 300),
    (re.compile(r"\bmedium\b"), 500),
    (re.compile(r"\b(semi|demi)[ -]?bold\b"), 600),
    (re.compile(r"\b(extra|ultra)[ -]?bold\b"), 800),
    (re.compile(r"\b(black|heavy)\b"), 900),
    (re.compile(r"\bbold\b"), 700),
]
# "Script" in these names means a writing system, not handwriting: the Uthmani
# script of the Quran, Naskh ("KFGQPC Uthmanic Script HAFS" is a plain Quran face).
_WRITING_SYSTEM = re.compile(r"\b(uthmanic|uthmani|naskh|nastaliq|quran|hafs|warsh)\b")
_CONDENSED = re.compile(r"\b(narrow|condensed|compressed|cond)\b")
_MONO = re.compile(r"\b(mono|monospace|console|typewriter|code)\b")
_SERIF_HINT = re.compile(
    r"\b(serif|times|roman|garamond|georgia|book|antiqua|bodoni|minion|caslon|baskerville)\b"
)
_SANS_HINT = re.compile(r"\bsans\b")

_FALLBACK = {
    SANS: _m("sans-serif", 1.17, 0.25, 0.45, SANS, weight=None),
    SERIF: _m("serif", 1.17, 0.25, 0.41, SERIF, weight=None),
    MONO: _m("monospace", 1.17, 0.60, 0.60, MONO, "monospace", weight=None),
}

_TABLE: dict[str, FontMetrics] = {}
for _aliases, _metrics in _MEASURED:
    for _alias in _aliases:
        _TABLE[_alias] = _metrics
for _metrics in _ESTIMATED:
    _TABLE[_metrics.family.lower()] = _metrics


def _strip_subset(family: str) -> str:
    """Remove a PDF subset tag: "ABCDEF+Arial" → "Arial"."""
    name = family.strip()
    if len(name) > 7 and name[6] == "+" and name[:6].isupper():
        return name[7:]
    return name


def _normalise(family: str) -> str:
    """Lower case, whitespace collapsed, subset tag removed: the table's key."""
    return " ".join(_strip_subset(family).replace("_", " ").lower().split())


def _postscript_words(family: str) -> str:
    """A PostScript name as words: "TimesNewRomanPS-BoldMT" → "times new roman bold"."""
    name = _strip_subset(family).replace("-", " ").replace(",", " ").replace("_", " ")
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return " ".join(word for word in spaced.lower().split() if word not in _POSTSCRIPT_NOISE)


_POSTSCRIPT_NOISE = {"mt", "ps", "psmt", "regular", "roman"}


def _name_traits(key: str) -> tuple[frozenset[str], int | None]:
    """Traits and weight read from the words of a family name."""
    traits: set[str] = set()
    weight = None
    for pattern, value in _WEIGHT_WORDS:
        if pattern.search(key):
            weight = value
            break
    if _CONDENSED.search(key):
        traits.add("condensed")
    if _MONO.search(key):
        traits.add("monospace")
    if key in _SCRIPT_NAMES or _handwriting_word(key):
        traits.add("script")
    if key in _DECORATIVE_NAMES:
        traits.add("decorative")
    return frozenset(traits), weight


def _handwriting_word(key: str) -> bool:
    """A name that calls the face script or handwriting, unless "script" names a
    writing system (Arabic faces for the Quran say "Uthmanic Script")."""
    if re.search(r"\b(handwriting|hand)\b", key):
        return True
    return re.search(r"\bscript\b", key) is not None and _WRITING_SYSTEM.search(key) is None


def _base_family(key: str) -> FontMetrics | None:
    """The table entry for a family with style words stripped ("Arial Bold" → Arial)."""
    words = key.split()
    while len(words) > 1:
        words.pop()
        entry = _TABLE.get(" ".join(words))
        if entry is not None:
            return entry
    return None


@lru_cache(maxsize=512)
def font_metrics(family: str | None) -> FontMetrics:
    """Metrics and traits for a font family name; never fails.

    Unknown names get the fallback for their apparent class (serif, sans or
    monospaced, guessed from the name), with any traits the name itself states.
    """
    if not family:
        return _FALLBACK[SERIF]
    entry = _TABLE.get(_normalise(family))
    if entry is not None:
        return entry
    key = _postscript_words(family)
    entry = _TABLE.get(key) or _TABLE.get(key + " mt")
    if entry is not None:
        return entry
    traits, weight = _name_traits(key)
    base = _base_family(key)
    if base is not None:
        return replace(
            base, family=family, traits=base.traits | traits, weight=weight or base.weight, estimated=True
        )
    if "monospace" in traits:
        cls = MONO
    elif _SERIF_HINT.search(key) and not _SANS_HINT.search(key):
        cls = SERIF
    else:
        cls = SANS
    fallback = _FALLBACK[cls]
    return replace(fallback, family=family, traits=fallback.traits | traits, weight=weight)


def line_height_factor(family: str | None) -> float:
    """k in pitch = multiple × size × k (spec B.4.3)."""
    return font_metrics(family).line_height
