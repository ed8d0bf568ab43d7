"""Fields (PAGE, TOC) and the places a reader is asked to write (form fields).

A complex field is a sequence of runs: ``fldChar begin``, instruction text,
``fldChar separate``, the displayed result, ``fldChar end``, and it may span
paragraphs (a TOC field holds every entry paragraph). FieldTracker follows
that sequence across runs and paragraphs and reports finished fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from clearprint.readers.docx.ooxml import W_VAL, W, attr, local_name, qn

PAGE_FIELD = re.compile(r"\bPAGE\b", re.IGNORECASE)
TOC_FIELD = re.compile(r"^\s*TOC\b", re.IGNORECASE)
CAPTION_SWITCH = re.compile(r"\\[ac]\b")
# Word's "no entries" result in the languages of the corpus and common ones.
TOC_PLACEHOLDER = re.compile(
    r"no table of contents entries found|keine verzeichniseintr|aucune entrée de table des matières"
    r"|no se encontraron elementos de tabla de contenido|nessuna voce di sommario|"
    r"элементы оглавления не найдены|update (the )?(table of contents|field)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class OpenField:
    """A complex field being read; ``anchor`` is where it began (walker-defined)."""

    anchor: Any
    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    result: list[str] = field(default_factory=list)
    entries: int = 0  # result paragraphs with text
    text_in_paragraph: bool = False  # displayed text seen in the current paragraph

    @property
    def code(self) -> str:
        return "".join(self.instruction).strip()

    @property
    def is_toc(self) -> bool:
        return bool(TOC_FIELD.match(self.code))

    @property
    def is_contents_list(self) -> bool:
        return is_contents_list(self.code)

    def close_paragraph(self) -> None:
        if self.text_in_paragraph:
            self.entries += 1
            self.text_in_paragraph = False


@dataclass(slots=True)
class FieldTracker:
    """The stack of open complex fields in one story."""

    stack: list[OpenField] = field(default_factory=list)
    finished: list[OpenField] = field(default_factory=list)
    toc_paragraph: bool = False  # the current paragraph shows part of a TOC result

    def begin(self, anchor: Any) -> None:
        self.stack.append(OpenField(anchor))

    def instruction(self, text: str) -> None:
        if self.stack and not self.stack[-1].in_result:
            self.stack[-1].instruction.append(text)

    def separate(self) -> None:
        if self.stack:
            self.stack[-1].in_result = True

    def end(self) -> None:
        if self.stack:
            done = self.stack.pop()
            done.close_paragraph()
            self.finished.append(done)

    @property
    def in_code(self) -> bool:
        """Text now is field code, not displayed (between begin and separate)."""
        return bool(self.stack) and not self.stack[-1].in_result

    def displayed(self, text: str) -> None:
        """Displayed text: part of the result of every open field."""
        for open_field in self.stack:
            if open_field.in_result:
                open_field.result.append(text)
                if text.strip():
                    open_field.text_in_paragraph = True
                    self.toc_paragraph = self.toc_paragraph or open_field.is_toc

    def end_paragraph(self) -> tuple[bool, list[OpenField]]:
        """Close the paragraph: whether it was a TOC entry, and the fields that ended in it."""
        for open_field in self.stack:
            open_field.close_paragraph()
        in_toc, self.toc_paragraph = self.toc_paragraph, False
        done, self.finished = self.finished, []
        return in_toc, done


def is_contents_list(instruction: str) -> bool:
    """A TOC field that lists headings, not captions (``TOC \\c "Figure"`` is a table of figures)."""
    return bool(TOC_FIELD.match(instruction)) and not CAPTION_SWITCH.search(instruction)


def is_stale_toc(result_text: str) -> bool:
    """A TOC field never updated: no result, or Word's "no entries" placeholder."""
    return not result_text.strip() or bool(TOC_PLACEHOLDER.search(result_text))


LEGACY = "legacy"  # FormField.origin of a w:ffData form field
CONTENT_CONTROL = "content control"  # ... of a fill-in w:sdt
CELL = "cell"  # ... of an empty table cell after a label


class FieldSpec(NamedTuple):
    """A place to write found in the XML: what kind, its name, what made it."""

    kind: str
    name: str | None
    origin: str


def legacy_form_field(ff_data: Any) -> FieldSpec:
    """Kind and name of a legacy form field (w:ffData inside fldChar begin)."""
    name_el = ff_data.find(W + "name")
    name = name_el.get(W_VAL) if name_el is not None else None
    if ff_data.find(W + "checkBox") is not None:
        return FieldSpec("checkbox", name, LEGACY)
    if ff_data.find(W + "ddList") is not None:
        return FieldSpec("choice", name, LEGACY)
    text_input = ff_data.find(W + "textInput")
    if text_input is not None:
        kind = text_input.find(W + "type")
        if kind is not None and attr(kind, "val") in ("date", "currentDate"):
            return FieldSpec("date", name, LEGACY)
    return FieldSpec("text", name, LEGACY)


_SDT_KINDS = {
    W + "text": "text",
    W + "date": "date",
    W + "dropDownList": "choice",
    W + "comboBox": "choice",
    qn("w14:checkbox"): "checkbox",
}


def content_control(sdt_pr: Any | None) -> FieldSpec | None:
    """Kind and name of a fill-in content control, or None for other w:sdt (galleries, rich text)."""
    if sdt_pr is None:
        return None
    kind = next((_SDT_KINDS[child.tag] for child in sdt_pr if child.tag in _SDT_KINDS), None)
    if kind is None:
        return None
    name = None
    for tag in ("alias", "tag"):
        el = sdt_pr.find(W + tag)
        if el is not None and el.get(W_VAL):
            name = el.get(W_VAL)
            break
    return FieldSpec(kind, name, CONTENT_CONTROL)


def gallery(sdt_pr: Any | None) -> str | None:
    """The building-block gallery of a w:sdt ("Table of Contents", "Page Numbers (Bottom of Page)")."""
    if sdt_pr is None:
        return None
    for child in sdt_pr:
        if local_name(child) in ("docPartObj", "docPartList"):
            el = child.find(W + "docPartGallery")
            if el is not None:
                value: str | None = el.get(W_VAL)
                return value
    return None
