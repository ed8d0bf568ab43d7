"""Paragraph-level facts from effective paragraph properties (spec B.4.2-B.4.4).

Alignment is read from the raw ``w:jc`` value (python-docx raises on
``start``/``end``); spacing attributes were inherited one by one; the line
pitch is computed from the rule and the font's line-height factor, since
there is no layout engine to measure it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clearprint.fontmetrics import line_height_factor
from clearprint.model import RGB, Alignment, Part, Role
from clearprint.readers.docx.styles import Props

AUTOSPACING = 14.0  # pt; w:beforeAutospacing / w:afterAutospacing (HTML "auto")
_DEFAULT_LINE = 240.0  # single spacing, in 240ths of a line
DEFAULT = "default"

_JC = {
    "left": Alignment.LEFT,
    "start": Alignment.LEFT,
    "numTab": Alignment.LEFT,
    "center": Alignment.CENTER,
    "right": Alignment.RIGHT,
    "end": Alignment.RIGHT,
    "both": Alignment.JUSTIFIED,
    "lowKashida": Alignment.JUSTIFIED,
    "mediumKashida": Alignment.JUSTIFIED,
    "highKashida": Alignment.JUSTIFIED,
    "distribute": Alignment.DISTRIBUTED,
    "thaiDistribute": Alignment.DISTRIBUTED,
}
# In a right-to-left paragraph Word reads left/right (and start/end) as the
# start and end of the line, so the visible side is mirrored.
_MIRROR = {Alignment.LEFT: Alignment.RIGHT, Alignment.RIGHT: Alignment.LEFT}

_HEADING_STYLE = re.compile(r"^heading (\d)$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^toc \d$", re.IGNORECASE)


def value(props: Props, key: str, default: Any = None) -> Any:
    item = props.get(key)
    return default if item is None else item[0]


def source(props: Props, key: str) -> str:
    item = props.get(key)
    return DEFAULT if item is None else item[1]


def alignment(props: Props) -> tuple[Alignment | None, str]:
    """The visible alignment and where it was set."""
    jc = value(props, "jc")
    if jc is None:
        result: Alignment | None = Alignment.LEFT
    else:
        result = _JC.get(jc)
    if result is not None and value(props, "bidi"):
        result = _MIRROR.get(result, result)
    return result, source(props, "jc")


_FRAME_ALIGN = {"left": Alignment.LEFT, "center": Alignment.CENTER, "right": Alignment.RIGHT}
_FRAME_ALIGN_WORDS = {"center": "centre"}


def frame_place(props: Props) -> tuple[Alignment | None, str | None]:
    """Where a framed paragraph (w:framePr) sits across the page.

    Word places a frame by its own xAlign (or x offset) from its hAnchor,
    whatever the paragraph's w:jc: a page number in a frame is where the frame
    is. A frame aligned left, centre or right of the margins (or of the text,
    the same thing in a header) is where a paragraph so aligned would be: that
    Alignment. Any other frame is described in words ("right of the page",
    "outside of the margins", "72 pt from the page"). (None, None): not framed.
    hAnchor defaults to "page" (ECMA-376 17.3.1.11).
    """
    frame = value(props, "framePr")
    if frame is None or (frame.x_align is None and frame.x is None):
        return None, None
    anchor = frame.h_anchor or "page"
    if frame.x_align is not None:
        if anchor in ("margin", "text") and frame.x_align in _FRAME_ALIGN:
            return _FRAME_ALIGN[frame.x_align], None
        side = _FRAME_ALIGN_WORDS.get(frame.x_align, frame.x_align)
        return None, f"{side} of the {'page' if anchor == 'page' else 'margins'}"
    return None, f"{frame.x:.0f} pt from the {'page' if anchor == 'page' else 'margin'}"


def role(style_name: str | None, props: Props, part: Part, in_toc_field: bool) -> tuple[Role, int | None]:
    """What the paragraph is for, and its outline level (0-8) when it is a heading."""
    name = (style_name or "").strip()
    outline = value(props, "outlineLvl")
    heading = _HEADING_STYLE.match(name)
    level = int(heading.group(1)) - 1 if heading else outline if outline is not None and outline < 9 else None
    if part in (Part.HEADER, Part.FOOTER):
        return Role.FURNITURE, None
    if _TOC_STYLE.match(name) or in_toc_field:
        return Role.CONTENTS, None
    lowered = name.lower()
    if lowered in ("title", "subtitle"):
        return Role.TITLE, level
    if lowered == "caption":
        return Role.CAPTION, None
    if level is not None or lowered == "toc heading":
        return Role.HEADING, level if level is not None else 0
    return Role.BODY, None


@dataclass(slots=True)
class Spacing:
    before: float
    after: float
    source: str
    contextual: bool
    line_rule: str
    line_value: float
    line_pitch: float


def spacing(props: Props, size: float, font: str | None) -> Spacing:
    """Space before/after and the line pitch for a paragraph of dominant ``size`` and ``font``."""
    single = size * line_height_factor(font)
    before = _space(props, "before", single)
    after = _space(props, "after", single)
    rule = value(props, "spacing.lineRule", "auto")
    line = value(props, "spacing.line", _DEFAULT_LINE)
    if rule == "exact":
        line_value = pitch = line / 20
    elif rule == "atLeast":
        line_value = line / 20
        pitch = max(line_value, single)
    else:
        rule = "auto"
        line_value = line / 240
        pitch = line_value * single
    return Spacing(
        before=before,
        after=after,
        source=_spacing_source(props),
        contextual=bool(value(props, "contextualSpacing", False)),
        line_rule=rule,
        line_value=round(line_value, 4),
        line_pitch=round(pitch, 2),
    )


def _space(props: Props, side: str, single_line: float) -> float:
    """Space before or after in pt: autospacing, then w:beforeLines, then twips."""
    if value(props, f"spacing.{side}Autospacing"):
        return AUTOSPACING
    lines = value(props, f"spacing.{side}Lines")
    if lines is not None:
        return lines / 100 * single_line
    twips = value(props, f"spacing.{side}", 0.0)
    return max(0.0, float(twips) / 20)


def _spacing_source(props: Props) -> str:
    """Where before/after spacing came from: one source, or each side's when they differ."""
    before = source(props, "spacing.before")
    after = source(props, "spacing.after")
    if before == after:
        return after
    if before == DEFAULT:
        return after
    if after == DEFAULT:
        return before
    return f"before: {before}; after: {after}"


def indents(props: Props) -> tuple[float, float, float]:
    """Left, right and first-line indent in pt (first negative when hanging)."""
    return (
        float(value(props, "ind.left", 0.0)),
        float(value(props, "ind.right", 0.0)),
        float(value(props, "ind.first", 0.0)),
    )


def is_list_item(props: Props) -> bool:
    num_id = value(props, "numPr.numId")
    return bool(num_id) and num_id != "0"


@dataclass(slots=True)
class ParagraphFormat:
    """Everything about a paragraph that follows from its properties alone.

    Cached per distinct (w:pPr, table style context): table-heavy documents
    repeat a few paragraph formats thousands of times.
    """

    style_id: str | None
    style_name: str | None
    props: Props
    alignment: Alignment | None
    alignment_source: str
    indent_left: float
    indent_right: float
    indent_first: float
    list_item: bool
    right_to_left: bool
    suppress_hyphens: bool
    shading: Any  # properties.Shading or None
    text_direction: str | None
    frame_alignment: Alignment | None = None  # w:framePr aligned to the margins (frame_place)
    frame: str | None = None  # any other w:framePr position, in words
    shading_rgb: RGB | None = None  # the shading's colour, resolved by the caller (needs the theme)
    _roles: dict[tuple[Part, bool], tuple[Role, int | None]] = field(default_factory=dict)

    def role(self, part: Part, in_toc_field: bool) -> tuple[Role, int | None]:
        """Role and outline level in a given story (cached: regexes per block add up)."""
        key = (part, in_toc_field)
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = role(self.style_name, self.props, part, in_toc_field)
        return found


def paragraph_format(style_id: str | None, style_name: str | None, props: Props) -> ParagraphFormat:
    jc, jc_source = alignment(props)
    left, right, first = indents(props)
    frame_alignment, frame = frame_place(props)
    return ParagraphFormat(
        style_id=style_id,
        style_name=style_name,
        props=props,
        alignment=jc,
        alignment_source=jc_source,
        indent_left=left,
        indent_right=right,
        indent_first=first,
        list_item=is_list_item(props),
        right_to_left=bool(value(props, "bidi", False)),
        suppress_hyphens=bool(value(props, "suppressAutoHyphens", False)),
        shading=value(props, "shd"),
        text_direction=value(props, "textDirection"),
        frame_alignment=frame_alignment,
        frame=frame,
    )
