"""Colour arithmetic Word applies to theme colours, shading patterns and "auto".

All colours are sRGB triples of 0-255 integers, as in the model.
"""

from __future__ import annotations

import colorsys

from clearprint.model import RGB

BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)

# w:highlight/@w:val (ST_HighlightColor).
HIGHLIGHT: dict[str, RGB] = {
    "black": (0, 0, 0),
    "blue": (0, 0, 255),
    "cyan": (0, 255, 255),
    "green": (0, 255, 0),
    "magenta": (255, 0, 255),
    "red": (255, 0, 0),
    "yellow": (255, 255, 0),
    "white": (255, 255, 255),
    "darkBlue": (0, 0, 128),
    "darkCyan": (0, 128, 128),
    "darkGreen": (0, 128, 0),
    "darkMagenta": (128, 0, 128),
    "darkRed": (128, 0, 0),
    "darkYellow": (128, 128, 0),
    "darkGray": (128, 128, 128),
    "lightGray": (192, 192, 192),
}

# Automatic text is white on backgrounds darker than this relative luminance
# (spec item 2; Word's exact threshold is unpublished).
AUTO_WHITE_BELOW = 0.18


def relative_luminance(rgb: RGB) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def auto_text_color(background: RGB | None) -> RGB:
    """What Word shows for automatic text: white on dark backgrounds, black otherwise."""
    if background is not None and relative_luminance(background) < AUTO_WHITE_BELOW:
        return WHITE
    return BLACK


def _with_lightness(rgb: RGB, change: float | None = None, mod: float = 1.0, off: float = 0.0) -> RGB:
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    lightness = min(1.0, max(0.0, lightness * mod + off))
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return round(r * 255), round(g * 255), round(b * 255)


def word_tint(rgb: RGB, tint: int) -> RGB:
    """w:themeTint (0-255): lighten towards white, L' = L·t + (1 − t)."""
    t = tint / 255
    return _with_lightness(rgb, mod=t, off=1 - t)


def word_shade(rgb: RGB, shade: int) -> RGB:
    """w:themeShade (0-255): darken towards black, L' = L·s."""
    return _with_lightness(rgb, mod=shade / 255)


def lum_mod_off(rgb: RGB, mod: float, off: float) -> RGB:
    """DrawingML a:lumMod/a:lumOff (fractions), as Office applies them in HSL."""
    return _with_lightness(rgb, mod=mod, off=off)


def mix(top: RGB, bottom: RGB, fraction: float) -> RGB:
    """``fraction`` of ``top`` over ``bottom`` (shading patterns, DrawingML tint/shade)."""
    return tuple(round(t * fraction + b * (1 - fraction)) for t, b in zip(top, bottom, strict=True))  # type: ignore[return-value]


def pattern_fraction(val: str) -> float | None:
    """How much of the pattern colour a w:shd/@w:val covers: pct25 → 0.25, solid → 1.

    Stripes and crosses cover roughly half; None for "clear"/"nil" (fill only).
    """
    if val in ("clear", "nil", ""):
        return None
    if val == "solid":
        return 1.0
    if val.startswith("pct"):
        try:
            return int(val[3:]) / 100
        except ValueError:
            return 0.5
    return 0.5


def shading_source(pattern: str, layer: str) -> str:
    """Name a shading layer for Span.background_source, flagging patterns ("cell shading (pattern)").

    A pattern's colour is an average of its ink and fill, not what any one
    letter sits on, so checks must not treat it as a flat background.
    """
    fraction = pattern_fraction(pattern)
    return f"{layer} (pattern)" if fraction is not None and fraction < 1 else layer


# VML colour names (the sixteen HTML 4 colours VML defines, plus common CSS ones Word writes).
_VML_NAMES: dict[str, RGB] = {
    "black": (0, 0, 0),
    "silver": (192, 192, 192),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "white": (255, 255, 255),
    "maroon": (128, 0, 0),
    "red": (255, 0, 0),
    "purple": (128, 0, 128),
    "fuchsia": (255, 0, 255),
    "green": (0, 128, 0),
    "lime": (0, 255, 0),
    "olive": (128, 128, 0),
    "yellow": (255, 255, 0),
    "navy": (0, 0, 128),
    "blue": (0, 0, 255),
    "teal": (0, 128, 128),
    "aqua": (0, 255, 255),
}


def vml_color(value: str | None) -> RGB | None:
    """A VML colour ("#069", "#006699", "yellow", "black [3213]") as RGB.

    Short hex doubles each digit, as in CSS ("#069" is #006699); a bracketed
    system-colour index after the colour is ignored. Colours computed from
    another one ("fill darken(118)") and unknown names give None.
    """
    if not value:
        return None
    token = value.strip().split()[0].lower() if value.strip() else ""
    if token.startswith("#"):
        digits = token[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        if len(digits) != 6:
            return None
        try:
            n = int(digits, 16)
        except ValueError:
            return None
        return (n >> 16) & 255, (n >> 8) & 255, n & 255
    return _VML_NAMES.get(token)
