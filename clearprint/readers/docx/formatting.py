"""From effective run properties to model Spans: fonts, sizes, colours, backgrounds.

Word picks a run's font slot, size and bold/italic variant by the script of
its characters: Arabic or Hebrew text uses the complex-script font and
``w:szCs`` even without ``w:cs`` set. Formatting is cached per distinct
(style context, direct formatting, script, background), which is what makes
long documents fast: a 180-page report has a few hundred such combinations.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from clearprint.fontmetrics import font_metrics
from clearprint.model import RGB, Span
from clearprint.readers.docx.colors import HIGHLIGHT, shading_source
from clearprint.readers.docx.styles import Props, StyleSheet
from clearprint.readers.docx.theme import Theme

DEFAULT_SIZE = 10.0  # Word's application default when no w:sz is set anywhere
DEFAULT_FONT = "Times New Roman"
DEFAULT = "default"

# What text lies on and where that came from; the colour is None for fills of
# no single colour (gradients, pictures), which the source then names.
Background = tuple[RGB | None, str] | None

_SCRIPTS = (
    (re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]"), "cs", "Arab"),
    (re.compile(r"[\u0590-\u05FF\uFB1D-\uFB4F]"), "cs", "Hebr"),
    (re.compile(r"[\u0E00-\u0E7F]"), "cs", "Thai"),
    (re.compile(r"[\u0900-\u0DFF]"), "cs", "Deva"),
    (re.compile(r"[\u1100-\u11FF\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]"), "eastAsia", "Hani"),
)


def script_of(text: str) -> tuple[str, str | None]:
    """The w:rFonts slot Word uses for this text and its ISO 15924 script code."""
    if text.isascii():
        return "ascii", None
    for pattern, slot, code in _SCRIPTS:
        if pattern.search(text):
            return slot, code
    return "hAnsi", None


class SpanFormatter:
    """Builds Span templates (everything but the text) with a cache."""

    def __init__(self, sheet: StyleSheet, theme: Theme) -> None:
        self._sheet = sheet
        self._theme = theme
        self._cache: dict[tuple[Any, ...], Span | None] = {}
        self._marks: dict[tuple[Any, ...], tuple[float, str | None]] = {}
        self._values: dict[int, tuple[Any, ...]] = {}

    def template(
        self,
        text: str,
        direct_key: tuple[tuple[str, Any], ...],
        direct: dict[str, Any],
        pstyle: str | None,
        table_key: tuple[str | None, tuple[str, ...]] | None,
        background: Background,
    ) -> Span | None:
        """The formatting of a run as a Span with empty text; None for hidden text.

        ``direct_key`` is ``direct`` as a tuple of items. The same
        object is returned for the same formatting, so callers can merge
        neighbouring runs by identity; ``with_text`` then makes the span.
        """
        script = script_of(text)
        key = (pstyle, table_key, direct_key, script, background)
        if key not in self._cache:
            props = self._sheet.run_props(direct, pstyle, table_key)
            self._cache[key] = self._build(props, script, background)
        return self._cache[key]

    def with_text(self, template: Span, text: str) -> Span:
        """A span of ``text`` formatted like ``template`` (faster than dataclasses.replace)."""
        values = self._values.get(id(template))
        if values is None:  # templates live in the cache, so their ids stay unique
            values = self._values[id(template)] = tuple(getattr(template, name) for name in _SPAN_FIELDS)
        return Span(text, *values)

    def size_and_font(
        self, direct: dict[str, Any], pstyle: str | None, table_key: Any
    ) -> tuple[float, str | None]:
        """Size and font of formatting that may be hidden (a paragraph mark still sets its line)."""
        key = (pstyle, table_key, tuple(direct.items()))
        if key not in self._marks:
            props = self._sheet.run_props(direct, pstyle, table_key)
            size, _ = _size(props, False)
            self._marks[key] = size, self._font(props, "ascii", None)[0]
        return self._marks[key]

    def _build(self, props: Props, script: tuple[str, str | None], background: Background) -> Span | None:
        if _value(props, "vanish"):
            return None
        slot, code = script
        complex_script = slot == "cs" or bool(_value(props, "rtl")) or bool(_value(props, "cs"))
        if complex_script:
            slot = "cs"
        size, size_source = _size(props, complex_script)
        font, font_source = self._font(props, slot, code)
        bold = bool(_value(props, "bCs" if complex_script else "b"))
        italic = bool(_value(props, "iCs" if complex_script else "i"))
        background = self._run_background(props, background)
        color = self._theme.text_color(_value(props, "color"), background[0] if background else None)
        metrics = font_metrics(font)
        traits = metrics.traits
        if _value(props, "numForm") == "oldStyle":
            traits = traits | {"oldstyle-figures"}
        weight = metrics.weight
        if weight is not None and bold:
            weight = max(weight, 700)
        return Span(
            text="",
            size=size,
            font=font,
            bold=bold,
            italic=italic,
            weight=weight,
            traits=traits,
            caps=bool(_value(props, "caps")),
            small_caps=bool(_value(props, "smallCaps")),
            underline=bool(_value(props, "u")),
            superscript=_value(props, "vertAlign") in ("superscript", "subscript"),
            color=color,
            background=background[0] if background else None,
            background_source=background[1] if background else None,
            char_spacing=_value(props, "charSpacing"),
            scale=_value(props, "scale"),
            size_source=size_source,
            font_source=font_source,
        )

    def _font(self, props: Props, slot: str, script_code: str | None) -> tuple[str, str]:
        for candidate in (slot, "ascii", "hAnsi"):
            item = props.get("font." + candidate)
            if item is None:
                continue
            value, source = item
            if value.startswith("theme:"):
                name = self._theme.font(value[6:], script_code)
                if name:
                    return name, source
                continue
            return value, source
        return DEFAULT_FONT, DEFAULT

    def _run_background(self, props: Props, below: Background) -> Background:
        """Run shading, then highlight, over what the paragraph already lies on."""
        shd = _value(props, "shd")
        if shd is not None:
            rgb = self._theme.shading_color(shd, below[0] if below else None)
            if rgb is not None:
                below = (rgb, shading_source(shd.pattern, "run shading"))
        highlight = _value(props, "highlight")
        if highlight and highlight != "none":
            rgb = HIGHLIGHT.get(highlight)
            if rgb is not None:
                below = (rgb, "highlight")
        return below


_SPAN_FIELDS = tuple(f.name for f in fields(Span))[1:]


def _value(props: Props, key: str) -> Any:
    item = props.get(key)
    return None if item is None else item[0]


def _size(props: Props, complex_script: bool) -> tuple[float, str]:
    for key in ("szCs", "sz") if complex_script else ("sz",):
        item = props.get(key)
        if item is not None:
            value, source = item
            return float(value), source
    return DEFAULT_SIZE, DEFAULT
