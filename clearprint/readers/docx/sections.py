"""Sections: page size, margins, columns, and the header/footer each one shows.

A DOCX section's properties sit at its *end* (in the last paragraph's
``w:pPr/w:sectPr``, or ``w:body/w:sectPr`` for the last section), and a
section without its own header or footer reference shows the previous
section's ("linked to previous").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clearprint.model import Section
from clearprint.readers.docx.ooxml import R_ID, W_VAL, W, attr, number, on_off, twips

# Word's defaults when w:pgSz / w:pgMar / w:cols leave values out.
_DEFAULT_WIDTH = 612.0  # US Letter, pt
_DEFAULT_HEIGHT = 792.0
_DEFAULT_MARGIN = 72.0
_DEFAULT_COLUMN_SPACE = 36.0  # 720 twips
MAX_PAGE_SIDE = 14400.0  # pt, 200 inches: PDF's largest page; a larger w:pgSz is ignored
MAX_COLUMNS = 45  # the most Word sets on a page; w:cols w:num="1000000000" is no layout


@dataclass(slots=True)
class SectionInfo:
    """A model Section plus what the reader needs while walking its paragraphs."""

    section: Section
    references: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, variant) → r:id
    starts_new_page: bool = True  # w:type is not "continuous"

    @property
    def measure(self) -> float | None:
        """Width between the margins (gutter removed), pt."""
        s = self.section
        if s.width is None:
            return None
        width = s.width - (s.margin_left or 0) - (s.margin_right or 0) - (s.gutter or 0)
        return width if width > 0 else None

    @property
    def column_width(self) -> float | None:
        """The width one column of text gets (the mean when columns differ)."""
        s = self.section
        if s.column_widths:
            return sum(s.column_widths) / len(s.column_widths)
        measure = self.measure
        if measure is None or s.columns <= 1:
            return measure
        width = (measure - (s.columns - 1) * (s.column_space or 0)) / s.columns
        return width if width > 0 else None


def body_section_properties(body: Any) -> list[Any]:
    """The w:sectPr elements that end sections, in order (tracked-change copies excluded)."""
    found = []
    for el in body.iter(W + "sectPr"):
        parent = el.getparent()
        if parent is body or (parent.tag == W + "pPr" and parent.getparent().tag == W + "p"):
            found.append(el)
    if not found or found[-1].getparent() is not body:
        found.append(None)  # a body without a final sectPr still has a last section
    return found


def parse_section(number_: int, sect_pr: Any | None) -> SectionInfo:
    section = Section(number=number_, width=_DEFAULT_WIDTH, height=_DEFAULT_HEIGHT)
    section.margin_left = section.margin_right = section.margin_top = section.margin_bottom = _DEFAULT_MARGIN
    section.gutter = 0.0
    info = SectionInfo(section)
    if sect_pr is None:
        return info
    kind = sect_pr.find(W + "type")
    info.starts_new_page = kind is None or kind.get(W_VAL) != "continuous"
    _page(sect_pr.find(W + "pgSz"), section)
    _margins(sect_pr.find(W + "pgMar"), section)
    _columns(sect_pr.find(W + "cols"), section)
    direction = sect_pr.find(W + "textDirection")
    if direction is not None:
        section.text_direction = direction.get(W_VAL)
    title_pg = sect_pr.find(W + "titlePg")
    section.different_first_page = title_pg is not None and on_off(title_pg)
    for kind in ("header", "footer"):
        for ref in sect_pr.iter(W + kind + "Reference"):
            rid = ref.get(R_ID)
            if rid:
                info.references[(kind, attr(ref, "type") or "default")] = rid
    return info


def _page(el: Any | None, section: Section) -> None:
    if el is None:
        return
    width, height = twips(attr(el, "w")), twips(attr(el, "h"))
    if width and 0 < width <= MAX_PAGE_SIDE:
        section.width = width
    if height and 0 < height <= MAX_PAGE_SIDE:
        section.height = height


def _margins(el: Any | None, section: Section) -> None:
    if el is None:
        return
    for name in ("left", "right", "top", "bottom"):
        value = twips(attr(el, name))
        if value is not None:
            # Negative top/bottom margins mean "do not move text for the header": use the size.
            setattr(section, "margin_" + name, abs(value))
    gutter = twips(attr(el, "gutter"))
    if gutter is not None:
        section.gutter = gutter


def _columns(el: Any | None, section: Section) -> None:
    if el is None:
        return
    count = number(attr(el, "num"))
    section.columns = min(max(1, int(count)), MAX_COLUMNS) if count else 1
    space = twips(attr(el, "space"))
    section.column_space = space if space is not None else _DEFAULT_COLUMN_SPACE
    separator = attr(el, "sep")
    section.column_rule = separator is not None and separator.lower() in ("1", "true", "on")
    equal = attr(el, "equalWidth")
    cols = list(el.iter(W + "col"))
    if equal is not None and equal.lower() in ("0", "false", "off") and cols:
        section.column_widths = [w for w in (twips(attr(col, "w")) for col in cols) if w]
        section.columns = max(section.columns, len(section.column_widths))
        gaps = [g for g in (twips(attr(col, "space")) for col in cols[:-1]) if g is not None]
        if gaps:
            section.column_space = min(gaps)  # the narrowest gutter is the one that matters
    if section.columns == 1:
        section.column_space = None
