"""Flatten w:rPr, w:pPr and w:shd elements into plain values.

Each property becomes one dictionary key so that inheritance is a dictionary
update, and attributes that Word inherits one by one (``w:spacing/@w:after``
from Normal, ``@w:line`` from the document defaults) are separate keys.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from clearprint.readers.docx.ooxml import W_VAL, W, attr, local_name, number, on_off, qn, twips

TOGGLES = frozenset({"b", "bCs", "i", "iCs", "caps", "smallCaps", "vanish"})

_W14_VAL = qn("w14:val")


class Shading(NamedTuple):
    """A w:shd element: a pattern (val) in ``color`` over ``fill``."""

    pattern: str
    color: str | None
    fill: str | None
    theme_fill: str | None
    theme_fill_tint: str | None
    theme_fill_shade: str | None


class Frame(NamedTuple):
    """A w:framePr element, as far as it places the frame across the page."""

    x_align: str | None  # left, center, right, inside, outside
    x: float | None  # pt from the anchor, when not aligned
    h_anchor: str | None  # page, margin or text


class ColorSpec(NamedTuple):
    """A w:color element: explicit hex or "auto", and the theme colour that wins over it."""

    val: str | None
    theme: str | None
    tint: str | None
    shade: str | None


def parse_shading(el: Any) -> Shading:
    return Shading(
        attr(el, "val") or "clear",
        attr(el, "color"),
        attr(el, "fill"),
        attr(el, "themeFill"),
        attr(el, "themeFillTint"),
        attr(el, "themeFillShade"),
    )


# Word's largest type size, 1638 pt, in half-points; a larger w:sz is no type size.
_MAX_HALF_POINTS = 3276


def _half_points(el: Any) -> float | None:
    n = number(el.get(W_VAL), _MAX_HALF_POINTS)
    return n / 2 if n is not None and n > 0 else None


# w:rFonts attributes → (slot, is a theme attribute); the complex-script one is spelt "cstheme".
_FONT_ATTRIBUTES = {W + slot: (slot, False) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} | {
    W + "asciiTheme": ("ascii", True),
    W + "hAnsiTheme": ("hAnsi", True),
    W + "eastAsiaTheme": ("eastAsia", True),
    W + "cstheme": ("cs", True),
}


def _fonts(el: Any, out: dict[str, Any]) -> None:
    """w:rFonts: the theme attribute beats the plain one on the same element."""
    themed = []
    for name, value in el.items():
        found = _FONT_ATTRIBUTES.get(name)
        if found is None or not value:
            continue
        slot, is_theme = found
        if is_theme:
            themed.append((slot, value))
        else:
            out["font." + slot] = value
    for slot, value in themed:
        out["font." + slot] = "theme:" + value


def _color(el: Any, out: dict[str, Any]) -> None:
    out["color"] = ColorSpec(
        el.get(W_VAL), attr(el, "themeColor"), attr(el, "themeTint"), attr(el, "themeShade")
    )


def _underline(el: Any, out: dict[str, Any]) -> None:
    out["u"] = (el.get(W_VAL) or "single") != "none"


def _char_spacing(el: Any, out: dict[str, Any]) -> None:
    value = twips(el.get(W_VAL))
    if value is not None:
        out["charSpacing"] = value


def _scale(el: Any, out: dict[str, Any]) -> None:
    value = number((el.get(W_VAL) or "").rstrip("%"))
    if value is not None:
        out["scale"] = value


def _size(key: str) -> Any:
    def parse(el: Any, out: dict[str, Any]) -> None:
        value = _half_points(el)
        if value is not None:
            out[key] = value

    return parse


def _value(key: str) -> Any:
    def parse(el: Any, out: dict[str, Any]) -> None:
        out[key] = el.get(W_VAL)

    return parse


def _flag(key: str) -> Any:
    def parse(el: Any, out: dict[str, Any]) -> None:
        out[key] = on_off(el)

    return parse


def _num_form(el: Any, out: dict[str, Any]) -> None:
    out["numForm"] = el.get(_W14_VAL)


def _run_shading(el: Any, out: dict[str, Any]) -> None:
    out["shd"] = parse_shading(el)


_RPR_PARSERS: dict[str, Any] = {
    W + "rStyle": _value("rStyle"),
    W + "rFonts": _fonts,
    W + "sz": _size("sz"),
    W + "szCs": _size("szCs"),
    W + "color": _color,
    W + "u": _underline,
    W + "vertAlign": _value("vertAlign"),
    W + "spacing": _char_spacing,
    W + "w": _scale,
    W + "shd": _run_shading,
    W + "highlight": _value("highlight"),
    W + "rtl": _flag("rtl"),
    W + "cs": _flag("cs"),
    W + "fitText": _flag("fitText"),
    qn("w14:numForm"): _num_form,
}
for _toggle in TOGGLES:
    _RPR_PARSERS[W + _toggle] = _flag(_toggle)


def parse_rpr(rpr: Any | None) -> dict[str, Any]:
    """Run properties of one w:rPr, flattened; unknown elements are ignored."""
    out: dict[str, Any] = {}
    if rpr is None:
        return out
    for child in rpr:
        parser = _RPR_PARSERS.get(child.tag)
        if parser is not None:
            parser(child, out)
    return out


_SPACING_NUMBERS = {
    W + name: "spacing." + name for name in ("before", "after", "line", "beforeLines", "afterLines")
}
_SPACING_FLAGS = {W + name: "spacing." + name for name in ("beforeAutospacing", "afterAutospacing")}
_LINE_RULE = W + "lineRule"


def _spacing(el: Any, out: dict[str, Any]) -> None:
    """w:spacing, one key per attribute: each one inherits on its own."""
    for name, raw in el.items():
        if name in _SPACING_NUMBERS:
            value = number(raw)
            if value is not None:
                out[_SPACING_NUMBERS[name]] = value
        elif name in _SPACING_FLAGS:
            out[_SPACING_FLAGS[name]] = raw.lower() not in ("0", "false", "off")
        elif name == _LINE_RULE and raw:
            out["spacing.lineRule"] = raw


# w:ind attributes → key; the strict/2010 names (start, end) mean left and right.
_INDENTS = {W + "left": "ind.left", W + "start": "ind.left", W + "right": "ind.right", W + "end": "ind.right"}
_HANGING = W + "hanging"
_FIRST_LINE = W + "firstLine"


def _indent(el: Any, out: dict[str, Any]) -> None:
    first = hanging = None
    for name, raw in el.items():
        if name in _INDENTS:
            value = twips(raw)
            if value is not None:
                out[_INDENTS[name]] = value
        elif name == _HANGING:
            hanging = twips(raw)
        elif name == _FIRST_LINE:
            first = twips(raw)
    if hanging is not None:
        out["ind.first"] = -hanging
    elif first is not None:
        out["ind.first"] = first


def _num_pr(el: Any, out: dict[str, Any]) -> None:
    for child in el:
        name = local_name(child)
        if name in ("numId", "ilvl"):
            out["numPr." + name] = child.get(W_VAL)


def _outline(el: Any, out: dict[str, Any]) -> None:
    value = number(el.get(W_VAL))
    if value is not None:
        out["outlineLvl"] = int(value)


def _para_shading(el: Any, out: dict[str, Any]) -> None:
    out["shd"] = parse_shading(el)


def _frame(el: Any, out: dict[str, Any]) -> None:
    """w:framePr, kept whole: a style's frame is replaced, not merged, by the paragraph's."""
    out["framePr"] = Frame(attr(el, "xAlign"), twips(attr(el, "x")), attr(el, "hAnchor"))


def _section_break(el: Any, out: dict[str, Any]) -> None:
    """Marks the last paragraph of a section (its w:sectPr holds the section's properties)."""
    out["sectPr"] = True


_PPR_PARSERS: dict[str, Any] = {
    W + "pStyle": _value("pStyle"),
    W + "jc": _value("jc"),
    W + "spacing": _spacing,
    W + "ind": _indent,
    W + "shd": _para_shading,
    W + "numPr": _num_pr,
    W + "outlineLvl": _outline,
    W + "bidi": _flag("bidi"),
    W + "suppressAutoHyphens": _flag("suppressAutoHyphens"),
    W + "contextualSpacing": _flag("contextualSpacing"),
    W + "pageBreakBefore": _flag("pageBreakBefore"),
    W + "textDirection": _value("textDirection"),
    W + "sectPr": _section_break,
    W + "framePr": _frame,
}


def parse_ppr(ppr: Any | None) -> dict[str, Any]:
    """Paragraph properties of one w:pPr, flattened (spacing and indents per attribute)."""
    out: dict[str, Any] = {}
    if ppr is None:
        return out
    for child in ppr:
        parser = _PPR_PARSERS.get(child.tag)
        if parser is not None:
            parser(child, out)
    return out
