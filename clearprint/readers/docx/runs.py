"""A paragraph's inline content: the text Word displays, run by run.

python-docx's ``paragraph.text`` drops field results, tracked insertions,
content controls and soft hyphens (spec E.2 item 18), so the text is read
from the XML here: ``w:t`` in runs, inside hyperlinks, ``w:fldSimple``,
``w:ins``, ``w:sdt`` and smart tags; never ``w:delText`` or field codes.
Drawings, note references and form fields met on the way are collected for
the story walker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clearprint.readers.docx.fields import FieldSpec, FieldTracker, content_control, legacy_form_field
from clearprint.readers.docx.ooxml import MC_ALTERNATE, MC_CHOICE, W, attr, text_of
from clearprint.readers.docx.properties import parse_rpr

SOFT_HYPHEN = "\u00ad"

_R = W + "r"
_T = W + "t"
_RPR = W + "rPr"
_SDT_CONTENT = W + "sdtContent"
_SDT_PR = W + "sdtPr"
_FLD_SIMPLE = W + "fldSimple"
_SDT = W + "sdt"
# Containers whose runs are displayed as part of the paragraph.
_TRANSPARENT = frozenset(
    W + name for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "bdo", "dir", "fldSimple")
)
_TEXT_CHARS = {
    W + "tab": "\t",
    W + "ptab": "\t",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
}
_DRAWINGS = frozenset({W + "drawing", W + "pict", W + "object"})
_NOTE_REFS = {W + "footnoteReference": "footnote", W + "endnoteReference": "endnote"}
_FF_DATA = W + "ffData"
_INSTR = W + "instrText"
_FLD_CHAR = W + "fldChar"
_SOFT = W + "softHyphen"
_BR = W + "br"
_TYPE = W + "type"
_RENDERED_BREAK = W + "lastRenderedPageBreak"


@dataclass(slots=True)
class Piece:
    """Text of one run with the run's direct formatting."""

    text: str
    key: tuple[tuple[str, Any], ...]  # ``rpr`` as a hashable cache key
    rpr: dict[str, Any]


@dataclass(slots=True)
class InlineContent:
    """What one paragraph contains, in document order."""

    pieces: list[Piece] = field(default_factory=list)
    drawings: list[Any] = field(default_factory=list)  # w:drawing / w:pict / w:object
    note_refs: list[tuple[str, str]] = field(default_factory=list)  # ("footnote", id)
    form_fields: list[FieldSpec] = field(default_factory=list)
    simple_fields: list[tuple[str, str]] = field(default_factory=list)  # (instruction, result text)
    # Characters of text before the first page break (w:br type="page" or the
    # w:lastRenderedPageBreak Word saves where its layout broke the page); None: no break.
    page_break: int | None = None
    # Characters before each typed page break (w:br type="page"). Word's own
    # breaks are left out: the page count finds where pages fill up itself.
    page_breaks: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(slots=True)
class _Walk:
    """What the recursive walk over one paragraph shares."""

    content: InlineContent
    fields: FieldTracker
    anchor: Any


def collect(paragraph: Any, fields: FieldTracker, anchor: Any) -> InlineContent:
    """The displayed content of a w:p; complex fields are followed through ``fields``."""
    walk = _Walk(InlineContent(), fields, anchor)
    _walk(paragraph, walk)
    return walk.content


def _walk(parent: Any, walk: _Walk) -> None:
    for child in parent:
        tag = child.tag
        if tag == _R:
            _run(child, walk)
        elif tag in _TRANSPARENT:
            if tag == _FLD_SIMPLE:
                walk.content.simple_fields.append((attr(child, "instr") or "", _plain_text(child)))
            _walk(child, walk)
        elif tag == _SDT:
            control = content_control(child.find(_SDT_PR))
            if control is not None:
                walk.content.form_fields.append(control)
            body = child.find(_SDT_CONTENT)
            if body is not None:
                _walk(body, walk)
        elif tag == MC_ALTERNATE:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                _walk(choice, walk)


def _run(run: Any, walk: _Walk) -> None:
    content, fields = walk.content, walk.fields
    parts: list[str] = []
    rpr_el = None
    for child in run:
        tag = child.tag
        if tag == _RPR:
            rpr_el = child
        elif tag == _T:
            if not fields.in_code:
                parts.append(text_of(child))
        elif tag in _TEXT_CHARS:  # line, page and column breaks all end a line: "\n"
            if tag == _BR and child.get(_TYPE) == "page":
                _page_break(content, parts)
                content.page_breaks.append(_offset(content, parts))
            parts.append(_TEXT_CHARS[tag])
        elif tag == _RENDERED_BREAK:
            _page_break(content, parts)
        elif tag == _SOFT:
            parts.append(SOFT_HYPHEN)
        elif tag == _FLD_CHAR:
            _field_char(child, content, fields, walk.anchor)
        elif tag == _INSTR:
            fields.instruction(text_of(child))
        elif tag in _DRAWINGS:
            content.drawings.append(child)
        elif tag == MC_ALTERNATE:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                content.drawings.extend(el for el in choice if el.tag in _DRAWINGS)
        elif tag in _NOTE_REFS:
            content.note_refs.append((_NOTE_REFS[tag], attr(child, "id") or ""))
    text = "".join(parts)
    if text:
        fields.displayed(text)
        rpr = parse_rpr(rpr_el)
        content.pieces.append(Piece(text, tuple(rpr.items()), rpr))


def _page_break(content: InlineContent, parts: list[str]) -> None:
    if content.page_break is None:
        content.page_break = _offset(content, parts)


def _offset(content: InlineContent, parts: list[str]) -> int:
    """Characters of text so far in the paragraph, the run being read included."""
    return len(content.text.strip()) + len("".join(parts).strip())


def _field_char(el: Any, content: InlineContent, fields: FieldTracker, anchor: Any) -> None:
    kind = attr(el, "fldCharType")
    if kind == "begin":
        fields.begin(anchor)
        ff_data = el.find(_FF_DATA)
        if ff_data is not None:
            content.form_fields.append(legacy_form_field(ff_data))
    elif kind == "separate":
        fields.separate()
    elif kind == "end":
        fields.end()


def _plain_text(el: Any) -> str:
    return "".join(text_of(t) for t in el.iter(_T))
