"""The document theme: the fonts and colours that styles refer to by role.

Word 2007+ styles rarely name a font or colour: they say ``minorHAnsi`` or
``accent1`` and the theme part decides. Without this, headings in a default
Word document would have no font (they are Calibri Light, a light weight) and
theme-coloured text no colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clearprint.model import RGB
from clearprint.readers.docx.colors import (
    BLACK,
    WHITE,
    auto_text_color,
    lum_mod_off,
    mix,
    pattern_fraction,
    word_shade,
    word_tint,
)
from clearprint.readers.docx.ooxml import hex_rgb, local_name, qn
from clearprint.readers.docx.properties import ColorSpec, Shading

# w:themeColor / w:themeFill values → a:clrScheme children.
_WORD_THEME_COLORS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "text1": "dk1",
    "background1": "lt1",
    "text2": "dk2",
    "background2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}
# a:schemeClr values that are aliases of scheme slots.
_SCHEME_ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}

# Office 2007-2013 default theme, used when a document has no theme part.
_DEFAULT_COLORS: dict[str, RGB] = {
    "dk1": (0, 0, 0),
    "lt1": (255, 255, 255),
    "dk2": (31, 73, 125),
    "lt2": (238, 236, 225),
    "accent1": (79, 129, 189),
    "accent2": (192, 80, 77),
    "accent3": (155, 187, 89),
    "accent4": (128, 100, 162),
    "accent5": (75, 172, 198),
    "accent6": (247, 150, 70),
    "hlink": (0, 0, 255),
    "folHlink": (128, 0, 128),
}


@dataclass(slots=True)
class ThemeFonts:
    """One of the theme's two font collections (major = headings, minor = body)."""

    latin: str | None = None
    east_asian: str | None = None
    complex_script: str | None = None
    by_script: dict[str, str] = field(default_factory=dict)  # "Arab" → "Times New Roman"


@dataclass(slots=True)
class Theme:
    colors: dict[str, RGB] = field(default_factory=lambda: dict(_DEFAULT_COLORS))
    major: ThemeFonts = field(default_factory=ThemeFonts)
    minor: ThemeFonts = field(default_factory=ThemeFonts)

    def font(self, theme_name: str, script: str | None = None) -> str | None:
        """A w:rFonts theme attribute value ("majorHAnsi", "minorBidi"...) → family name.

        ``script`` is the ISO 15924 code of the text (e.g. "Arab") for slots the
        theme leaves empty, which Word fills from the per-script font list.
        """
        fonts = self.major if theme_name.startswith("major") else self.minor
        if theme_name.endswith("EastAsia"):
            name = fonts.east_asian
        elif theme_name.endswith("Bidi"):
            name = fonts.complex_script
        else:
            name = fonts.latin
        if not name and script:
            name = fonts.by_script.get(script)
        return name or fonts.latin

    def word_color(self, name: str, tint: str | None = None, shade: str | None = None) -> RGB | None:
        """A w:themeColor with optional w:themeTint/w:themeShade (hex bytes)."""
        rgb = self.colors.get(_WORD_THEME_COLORS.get(name, name))
        if rgb is None:
            return None
        if tint:
            rgb = word_tint(rgb, _hex_byte(tint, 255))
        if shade:
            rgb = word_shade(rgb, _hex_byte(shade, 255))
        return rgb

    def shading_color(self, shd: Shading, below: RGB | None) -> RGB | None:
        """What a w:shd shows over ``below``; None when it is transparent ("clear" with no fill).

        Patterns (pct25, stripes...) mix the pattern colour over the fill; the
        result is an average, so the caller should treat it as non-uniform.
        """
        if shd.pattern == "nil":
            return None
        fill = (
            self.word_color(shd.theme_fill, shd.theme_fill_tint, shd.theme_fill_shade)
            if shd.theme_fill
            else None
        )
        if fill is None:
            fill = hex_rgb(shd.fill)
        fraction = pattern_fraction(shd.pattern)
        if fraction is None:
            return fill
        pattern = hex_rgb(shd.color) or BLACK
        return mix(pattern, fill or below or WHITE, fraction)

    def text_color(self, spec: ColorSpec | None, background: RGB | None) -> RGB:
        """A run's colour: theme colour over hex value; "auto" decided by the background."""
        if spec is not None:
            rgb = self.word_color(spec.theme, spec.tint, spec.shade) if spec.theme else None
            if rgb is None:
                rgb = hex_rgb(spec.val)
            if rgb is not None:
                return rgb
        return auto_text_color(background)

    def drawing_color(self, parent: Any, placeholder: RGB | None = None) -> RGB | None:
        """The colour of a DrawingML colour choice (a:solidFill and similar) with its modifiers."""
        for child in parent:
            kind = local_name(child)
            if kind == "srgbClr":
                rgb = hex_rgb(child.get("val"))
            elif kind == "sysClr":
                rgb = hex_rgb(child.get("lastClr"))
            elif kind == "schemeClr":
                val = child.get("val", "")
                rgb = placeholder if val == "phClr" else self.colors.get(_SCHEME_ALIASES.get(val, val))
            elif kind == "prstClr":
                rgb = _PRESET.get(child.get("val", ""))
            else:
                continue
            return None if rgb is None else _apply_modifiers(rgb, child)
        return None


_PRESET: dict[str, RGB] = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "red": (255, 0, 0),
    "blue": (0, 0, 255),
}


def _hex_byte(value: str, default: int) -> int:
    try:
        return int(value, 16)
    except ValueError:
        return default


def _apply_modifiers(rgb: RGB, color_el: Any) -> RGB:
    """a:lumMod/a:lumOff, a:tint, a:shade and a:alpha on a DrawingML colour (values in 1/1000 %).

    A translucent fill is blended over white paper: what it lies on is not
    known here, and paper is by far the common case.
    """
    mod, off, alpha = 1.0, 0.0, 1.0
    for modifier in color_el:
        kind = local_name(modifier)
        value = int(modifier.get("val", "100000")) / 100000
        if kind == "lumMod":
            mod = value
        elif kind == "lumOff":
            off = value
        elif kind == "tint":
            rgb = mix(rgb, WHITE, value)
        elif kind == "shade":
            rgb = mix(rgb, BLACK, value)
        elif kind == "alpha":
            alpha = value
    if (mod, off) != (1.0, 0.0):
        rgb = lum_mod_off(rgb, mod, off)
    if alpha < 1.0:
        rgb = mix(rgb, WHITE, alpha)
    return rgb


def parse_theme(root: Any | None) -> Theme:
    """Theme from the theme part's root element (a:theme); the Office default without one."""
    theme = Theme()
    if root is None:
        return theme
    scheme = root.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    if scheme is not None:
        for slot in scheme:
            rgb = theme.drawing_color(slot)
            if rgb is not None:
                theme.colors[local_name(slot)] = rgb
    font_scheme = root.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    if font_scheme is not None:
        theme.major = _theme_fonts(font_scheme.find(qn("a:majorFont")))
        theme.minor = _theme_fonts(font_scheme.find(qn("a:minorFont")))
    return theme


def _theme_fonts(el: Any | None) -> ThemeFonts:
    fonts = ThemeFonts()
    if el is None:
        return fonts
    for child in el:
        kind = local_name(child)
        typeface = child.get("typeface") or None
        if kind == "latin":
            fonts.latin = typeface
        elif kind == "ea":
            fonts.east_asian = typeface
        elif kind == "cs":
            fonts.complex_script = typeface
        elif kind == "font" and typeface:
            fonts.by_script[child.get("script", "")] = typeface
    return fonts
