"""Effective formatting: which value applies, and where it came from (spec B.4.2).

Word resolves a run's properties from, most specific first: direct formatting,
the character style chain, the paragraph style chain, the table style, the
document defaults and finally the application defaults. Every value here
keeps its source ("direct", "style:Heading 1", "docDefaults", "default") so a
finding can tell the user what to change.

Style-level results are cached per (paragraph style, character style, table
style context); only direct formatting is merged per run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from clearprint.readers.docx.ooxml import W_VAL, W, attr, twips
from clearprint.readers.docx.properties import TOGGLES, Shading, parse_ppr, parse_rpr, parse_shading

Props = dict[str, tuple[Any, str]]  # property → (value, source)

DOC_DEFAULTS = "docDefaults"
DIRECT = "direct"
NUMBERING = "numbering"

# Priority of table style conditional formats, lowest first (ECMA-376 17.7.6).
CONDITION_ORDER = (
    "wholeTable", "band1Vert", "band2Vert", "band1Horz", "band2Horz",
    "firstCol", "lastCol", "firstRow", "lastRow", "nwCell", "neCell", "swCell", "seCell",
)  # fmt: skip

# Built-in style names Word stores in lower case ("heading 1", "footnote text")
# and shows in title case ("Heading 1", "Footnote Text"); a user's own
# lower-case style names are left alone.
_BUILTIN_LOWER = re.compile(
    r"^(heading|toc|index|list|list bullet|list number|list continue|body text|body text indent) ?\d?$"
    r"|^(normal|title|subtitle|caption|header|footer|footnote text|endnote text|footnote reference"
    r"|endnote reference|annotation text|annotation reference|page number|line number|table of figures"
    r"|table of authorities|toa heading|macro|plain text|block text|note heading|signature|closing"
    r"|salutation|date|envelope address|envelope return|normal indent|body text first indent"
    r"|body text first indent 2|hyperlink|followedhyperlink|strong|emphasis|balloon text)$"
)
_UPPER_WORDS = {"toc": "TOC", "toa": "TOA", "of": "of", "followedhyperlink": "FollowedHyperlink"}


@dataclass(slots=True)
class Conditional:
    """One table style conditional format (w:tblStylePr), or the whole-table formatting."""

    ppr: dict[str, Any] = field(default_factory=dict)
    rpr: dict[str, Any] = field(default_factory=dict)
    shading: Shading | None = None


@dataclass(slots=True)
class StyleDef:
    style_id: str
    name: str
    kind: str  # "paragraph", "character", "table", "numbering"
    based_on: str | None
    ppr: dict[str, Any]
    rpr: dict[str, Any]
    cell_margins: dict[str, float] = field(default_factory=dict)  # table styles: "left"/"right" pt
    row_band_size: int = 1
    col_band_size: int = 1
    conditionals: dict[str, Conditional] = field(default_factory=dict)


class StyleSheet:
    """styles.xml and numbering.xml, with cached resolution."""

    def __init__(self, styles_root: Any | None, numbering_root: Any | None = None) -> None:
        self._elements: dict[str, Any] = {}  # style id → w:style, parsed when first used
        self._kinds: dict[str, str] = {}
        self._parsed: dict[str, StyleDef] = {}
        self.defaults: dict[str, str] = {}  # kind → default style id
        self.doc_rpr: dict[str, Any] = {}
        self.doc_ppr: dict[str, Any] = {}
        if styles_root is not None:
            self._load_styles(styles_root)
        self._numbering = _Numbering(numbering_root)
        self.run_base = lru_cache(maxsize=None)(self._run_base)
        self.paragraph_base = lru_cache(maxsize=None)(self._paragraph_base)
        self.table_cell_margins = lru_cache(maxsize=None)(self._table_cell_margins)
        self.table_shading = lru_cache(maxsize=None)(self._table_shading)

    # -- loading -------------------------------------------------------------

    def _load_styles(self, root: Any) -> None:
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self.doc_rpr = parse_rpr(defaults.find(f"{W}rPrDefault/{W}rPr"))
            self.doc_ppr = parse_ppr(defaults.find(f"{W}pPrDefault/{W}pPr"))
        for el in root.iter(W + "style"):
            style_id = attr(el, "styleId") or ""
            kind = attr(el, "type") or "paragraph"
            self._elements.setdefault(style_id, el)
            self._kinds.setdefault(style_id, kind)
            if on_off_attr(el, "default"):
                self.defaults.setdefault(kind, style_id)

    def style(self, style_id: str | None) -> StyleDef | None:
        """A style's definition (styles.xml can hold thousands; most are never used)."""
        if not style_id or style_id not in self._elements:
            return None
        style = self._parsed.get(style_id)
        if style is None:
            style = self._parsed[style_id] = _style_def(self._elements[style_id])
        return style

    # -- names ---------------------------------------------------------------

    def name(self, style_id: str | None) -> str | None:
        style = self.style(style_id)
        return style.name if style else None

    def paragraph_style(self, style_id: str | None) -> str | None:
        """The style id a paragraph uses: its own if defined, else the default paragraph style."""
        if style_id and self._kinds.get(style_id) == "paragraph":
            return style_id
        return self.defaults.get("paragraph")

    def character_style(self, style_id: str | None) -> str | None:
        if style_id and style_id in self._elements:
            return style_id
        return self.defaults.get("character")

    def table_style(self, style_id: str | None) -> str | None:
        if style_id and style_id in self._elements:
            return style_id
        return self.defaults.get("table")

    def chain(self, style_id: str | None) -> list[StyleDef]:
        """The style and its basedOn ancestors, most derived first (cycles cut)."""
        out: list[StyleDef] = []
        seen: set[str] = set()
        while style_id and style_id not in seen:
            style = self.style(style_id)
            if style is None:
                break
            seen.add(style_id)
            out.append(style)
            style_id = style.based_on
        return out

    # -- resolution ----------------------------------------------------------

    def _chain_props(self, style_id: str | None, which: str) -> Props:
        """The merged ``ppr`` or ``rpr`` of a style chain, each value with its style."""
        merged: Props = {}
        for style in reversed(self.chain(style_id)):
            source = "style:" + style.name
            for key, value in getattr(style, which).items():
                merged[key] = (value, source)
        return merged

    def _table_props(self, table_key: tuple[str | None, tuple[str, ...]], which: str) -> Props:
        """A table style's ``ppr``/``rpr`` with the conditional formats that apply to the cell."""
        style_id, conditions = table_key
        merged: Props = {}
        chain = list(reversed(self.chain(style_id)))
        for condition in ("wholeTable", *conditions):
            for style in chain:
                cond = style.conditionals.get(condition)
                if cond is not None:
                    source = "style:" + style.name
                    for key, value in getattr(cond, which).items():
                        merged[key] = (value, source)
        return merged

    def _run_base(
        self, pstyle: str | None, rstyle: str | None, table_key: tuple[str | None, tuple[str, ...]] | None
    ) -> Props:
        """Run properties from every style level and the document defaults (no direct formatting)."""
        levels = [
            self._table_props(table_key, "rpr") if table_key else {},
            self._chain_props(pstyle, "rpr"),
            self._chain_props(rstyle, "rpr"),
        ]
        merged: Props = {key: (value, DOC_DEFAULTS) for key, value in self.doc_rpr.items()}
        for level in levels:
            for key, item in level.items():
                if key not in TOGGLES:
                    merged[key] = item
        for toggle in TOGGLES:
            present = [level[toggle] for level in levels if toggle in level]
            if present:
                value = sum(1 for v, _ in present if v) % 2 == 1
                merged[toggle] = (value, present[-1][1])
        return merged

    def _paragraph_base(
        self, pstyle: str | None, table_key: tuple[str | None, tuple[str, ...]] | None
    ) -> Props:
        merged: Props = {key: (value, DOC_DEFAULTS) for key, value in self.doc_ppr.items()}
        if table_key:
            merged.update(self._table_props(table_key, "ppr"))
        merged.update(self._chain_props(pstyle, "ppr"))
        return merged

    def paragraph_props(
        self, direct: dict[str, Any], table_key: tuple[str | None, tuple[str, ...]] | None
    ) -> tuple[str | None, Props]:
        """The paragraph's style id and effective properties (numbering indents included)."""
        pstyle = self.paragraph_style(direct.get("pStyle"))
        merged = dict(self.paragraph_base(pstyle, table_key))
        num_id = direct.get("numPr.numId", merged.get("numPr.numId", (None, ""))[0])
        level = direct.get("numPr.ilvl", merged.get("numPr.ilvl", ("0", ""))[0])
        if num_id and num_id != "0":
            numbering = self._numbering.level_ppr(num_id, level or "0")
            direct_list = "numPr.numId" in direct
            for key, value in numbering.items():
                # A list set on the paragraph itself indents by its numbering; a
                # list that comes with the style keeps the style's own indents.
                if direct_list or key not in merged or merged[key][1] == DOC_DEFAULTS:
                    merged[key] = (value, NUMBERING)
        for key, value in direct.items():
            merged[key] = (value, DIRECT)
        return pstyle, merged

    def run_props(
        self, direct: dict[str, Any], pstyle: str | None, table_key: tuple[str | None, tuple[str, ...]] | None
    ) -> Props:
        """Effective run properties: direct formatting over the cached style result."""
        base = self.run_base(pstyle, self.character_style(direct.get("rStyle")), table_key)
        if not direct:
            return base
        merged = dict(base)
        for key, value in direct.items():
            merged[key] = (value, DIRECT)
        return merged

    def _table_cell_margins(self, style_id: str | None) -> dict[str, float]:
        merged: dict[str, float] = {}
        for style in reversed(self.chain(style_id)):
            merged.update(style.cell_margins)
        return merged

    def _table_shading(self, table_key: tuple[str | None, tuple[str, ...]]) -> tuple[Shading, str] | None:
        """Cell shading a table style gives the cell, with the style it came from."""
        style_id, conditions = table_key
        found: tuple[Shading, str] | None = None
        chain = list(reversed(self.chain(style_id)))
        for condition in ("wholeTable", *conditions):
            for style in chain:
                cond = style.conditionals.get(condition)
                if cond is not None and cond.shading is not None:
                    found = (cond.shading, "style:" + style.name)
        return found

    def band_sizes(self, style_id: str | None) -> tuple[int, int]:
        for style in self.chain(style_id):
            if style.kind == "table":
                return style.row_band_size, style.col_band_size
        return 1, 1


def on_off_attr(el: Any, name: str) -> bool:
    value = attr(el, name)
    return value is not None and value.lower() in ("1", "true", "on")


def display_name(name: str) -> str:
    """Word's UI name for a stored style name: "heading 1" → "Heading 1", "toc 2" → "TOC 2"."""
    if not _BUILTIN_LOWER.match(name):
        return name
    return " ".join(_UPPER_WORDS.get(word, word[:1].upper() + word[1:]) for word in name.split(" "))


def _style_def(el: Any) -> StyleDef:
    style_id = attr(el, "styleId") or ""
    name_el = el.find(W + "name")
    name = display_name(name_el.get(W_VAL) if name_el is not None and name_el.get(W_VAL) else style_id)
    based = el.find(W + "basedOn")
    style = StyleDef(
        style_id=style_id,
        name=name,
        kind=attr(el, "type") or "paragraph",
        based_on=based.get(W_VAL) if based is not None else None,
        ppr=parse_ppr(el.find(W + "pPr")),
        rpr=parse_rpr(el.find(W + "rPr")),
    )
    if style.kind == "table":
        _load_table_style(el, style)
    return style


def _load_table_style(el: Any, style: StyleDef) -> None:
    tbl_pr = el.find(W + "tblPr")
    if tbl_pr is not None:
        style.cell_margins = cell_margins(tbl_pr.find(W + "tblCellMar"))
        for tag, name in (("tblStyleRowBandSize", "row_band_size"), ("tblStyleColBandSize", "col_band_size")):
            band = tbl_pr.find(W + tag)
            if band is not None and (band.get(W_VAL) or "").isdigit():
                setattr(style, name, max(1, int(band.get(W_VAL))))
    style.conditionals["wholeTable"] = Conditional(style.ppr, style.rpr, _cell_shading(el))
    for cond_el in el.iter(W + "tblStylePr"):
        kind = attr(cond_el, "type") or ""
        style.conditionals[kind] = Conditional(
            ppr=parse_ppr(cond_el.find(W + "pPr")),
            rpr=parse_rpr(cond_el.find(W + "rPr")),
            shading=_cell_shading(cond_el),
        )


def _cell_shading(el: Any) -> Shading | None:
    shd = el.find(f"{W}tcPr/{W}shd")
    return parse_shading(shd) if shd is not None else None


def cell_margins(el: Any | None) -> dict[str, float]:
    """w:tblCellMar / w:tcMar left and right widths (dxa) in points."""
    out: dict[str, float] = {}
    if el is None:
        return out
    for side, names in (("left", ("left", "start")), ("right", ("right", "end"))):
        for name in names:
            child = el.find(W + name)
            if child is not None and (attr(child, "type") or "dxa") == "dxa":
                value = twips(attr(child, "w"))
                if value is not None:
                    out[side] = value
                    break
    return out


class _Numbering:
    """numbering.xml: the paragraph properties (indents) of each list level."""

    def __init__(self, root: Any | None) -> None:
        self._abstract: dict[str, dict[str, dict[str, Any]]] = {}
        self._nums: dict[str, tuple[str | None, dict[str, dict[str, Any]]]] = {}
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {
                attr(lvl, "ilvl") or "0": parse_ppr(lvl.find(W + "pPr")) for lvl in abstract.iter(W + "lvl")
            }
            self._abstract[attr(abstract, "abstractNumId") or ""] = levels
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            overrides: dict[str, dict[str, Any]] = {}
            for override in num.iter(W + "lvlOverride"):
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[attr(override, "ilvl") or "0"] = parse_ppr(lvl.find(W + "pPr"))
            self._nums[attr(num, "numId") or ""] = (ref.get(W_VAL) if ref is not None else None, overrides)

    def level_ppr(self, num_id: str, level: str) -> dict[str, Any]:
        abstract_id, overrides = self._nums.get(num_id, (None, {}))
        if level in overrides:
            return overrides[level]
        return self._abstract.get(abstract_id or "", {}).get(level, {})
