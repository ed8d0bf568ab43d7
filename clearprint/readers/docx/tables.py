"""Tables: which cell a paragraph is in, how wide it is, which table style formats apply.

Table styles format cells by position (header row, banded rows, first
column...) as switched on by ``w:tblLook``; a reversed header row (white
bold text on an accent fill) usually comes from there, not from the cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from clearprint.readers.docx.ooxml import W_VAL, W, attr, number, text_of, twips
from clearprint.readers.docx.styles import CONDITION_ORDER, StyleSheet, cell_margins

TableKey = tuple[str | None, tuple[str, ...]]  # table style id and the conditional formats of a cell

_TR = W + "tr"
_TC = W + "tc"
_TR_PR = W + "trPr"
_TC_PR = W + "tcPr"
_TBL_PR = W + "tblPr"
_TBL_PR_EX = W + "tblPrEx"
_GRID_COL = W + "gridCol"
_WRAPPERS = frozenset({W + "sdt", W + "sdtContent", W + "customXml"})
_DEFAULT_CELL_MARGIN = 5.4  # pt; Word's 0.08 in left and right cell margins
MAX_GRID_COLUMNS = 63  # the most columns a Word table holds
PANEL_SHARE = 0.2  # a layout grid's panel is at least this share of the measure wide
PANELS_SHARE = 0.7  # and its panels together this share
PANEL_MIN_CHARS = 200  # running text one panel at least holds


class Look(NamedTuple):
    """w:tblLook: which table style conditional formats the table uses."""

    first_row: bool = False
    last_row: bool = False
    first_column: bool = False
    last_column: bool = False
    no_h_band: bool = False
    no_v_band: bool = False


_LOOK_BITS = (("firstRow", 0x20), ("lastRow", 0x40), ("firstColumn", 0x80), ("lastColumn", 0x100),
              ("noHBand", 0x200), ("noVBand", 0x400))  # fmt: skip
_CORNERS = {("firstRow", "firstCol"): "nwCell", ("firstRow", "lastCol"): "neCell",
            ("lastRow", "firstCol"): "swCell", ("lastRow", "lastCol"): "seCell"}  # fmt: skip


@dataclass(slots=True)
class TableCell:
    """One w:tc with what its paragraphs inherit from the table."""

    element: Any
    row: int  # 1-based
    column: int  # 1-based position in the row
    previous: Any | None  # the cell to its left (a label for an empty answer cell)
    properties: dict[str, Any]  # w:tcPr children by tag
    table_key: TableKey
    width: float | None  # available to text, pt
    x: float | None  # where its text starts, pt from the table's left edge
    row_height: float | None  # w:trHeight, pt
    direction: str | None  # w:textDirection value


def iter_cells(tbl: Any, sheet: StyleSheet) -> Iterator[TableCell]:
    """Every cell of a table, row by row (nested tables are the caller's to walk)."""
    tbl_pr = tbl.find(_TBL_PR)
    style_el = tbl_pr.find(W + "tblStyle") if tbl_pr is not None else None
    style_id = sheet.table_style(style_el.get(W_VAL) if style_el is not None else None)
    look = table_look(tbl_pr.find(W + "tblLook") if tbl_pr is not None else None)
    margins = {"left": _DEFAULT_CELL_MARGIN, "right": _DEFAULT_CELL_MARGIN}
    margins.update(sheet.table_cell_margins(style_id))
    margins.update(cell_margins(tbl_pr.find(W + "tblCellMar") if tbl_pr is not None else None))
    grid = _grid(tbl.find(W + "tblGrid"))
    row_band, column_band = sheet.band_sizes(style_id)
    rows = list(children(tbl, _TR))
    for r, row in enumerate(rows):
        cells = list(children(row, _TC))
        row_props = properties(row, _TR_PR)
        height = _value(row_props.get(W + "trHeight"), scale=1 / 20)
        grid_column = min(int(_value(row_props.get(W + "gridBefore")) or 0), MAX_GRID_COLUMNS)
        row_kind = row_condition(look, r, len(rows), row_band)
        for c, cell in enumerate(cells):
            props = properties(cell, _TC_PR)
            span = min(max(1, int(_value(props.get(W + "gridSpan")) or 1)), MAX_GRID_COLUMNS)
            direction = props.get(W + "textDirection")
            column_kind = column_condition(look, c, len(cells), column_band)
            yield TableCell(
                element=cell,
                row=r + 1,
                column=c + 1,
                previous=cells[c - 1] if c else None,
                properties=props,
                table_key=(style_id, conditions(row_kind, column_kind)),
                width=cell_width(props, grid, grid_column, span, margins),
                x=_text_start(props, grid, grid_column, margins),
                row_height=height,
                direction=direction.get(W_VAL) if direction is not None else None,
            )
            grid_column += span


def _grid(grid: Any | None) -> list[float]:
    """The widths of the table's grid columns (w:tblGrid/w:gridCol), pt."""
    if grid is None:
        return []
    return [twips(attr(col, "w")) or 0.0 for col in grid if col.tag == _GRID_COL]


def children(parent: Any, tag: str) -> Iterator[Any]:
    """Rows or cells, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from children(child, tag)


def properties(el: Any, tag: str) -> dict[str, Any]:
    """The children of a row's or cell's property element (w:trPr, w:tcPr) by tag.

    Read once per row or cell instead of one search per property: tables are
    where long documents spend their time.
    """
    for child in el:
        if child.tag == tag:
            return {prop.tag: prop for prop in child}
        if child.tag != _TBL_PR_EX:  # property elements come first
            break
    return {}


def cell_width(
    props: dict[str, Any], grid: list[float], column: int, span: int, margins: dict[str, float]
) -> float | None:
    """The cell's text width: w:tcW in dxa, else its grid columns, less the cell margins."""
    width = None
    tc_w = props.get(W + "tcW")
    if tc_w is not None and (attr(tc_w, "type") or "dxa") == "dxa":
        width = twips(attr(tc_w, "w")) or None
    if width is None and column + span <= len(grid):
        width = sum(grid[column : column + span]) or None
    if width is None:
        return None
    own = cell_margins(props.get(W + "tcMar"))
    width -= own.get("left", margins["left"]) + own.get("right", margins["right"])
    return width if width > 0 else None


def _text_start(
    props: dict[str, Any], grid: list[float], column: int, margins: dict[str, float]
) -> float | None:
    if column > len(grid):
        return None
    return sum(grid[:column]) + cell_margins(props.get(W + "tcMar")).get("left", margins["left"])


def table_indent(tbl: Any) -> float:
    """w:tblInd in pt (0 when absent or not in twips)."""
    tbl_pr = tbl.find(_TBL_PR)
    ind = tbl_pr.find(W + "tblInd") if tbl_pr is not None else None
    if ind is None or (attr(ind, "type") or "dxa") != "dxa":
        return 0.0
    return twips(attr(ind, "w")) or 0.0


def layout_panels(cells: list[TableCell], measure: float) -> list[tuple[float, float]] | None:
    """The panels of a page-layout grid, or None when the table is not one.

    A layout grid is one row across the measure whose two or three wide cells
    (``PANEL_SHARE`` of the measure or more, together ``PANELS_SHARE`` of it)
    hold running text; narrow cells between them are spacers. Returns where
    the wide cells' text runs, pt from the table's left edge.
    """
    if not cells or any(c.row != 1 or c.x is None or c.width is None for c in cells):
        return None
    wide = [c for c in cells if (c.width or 0) >= PANEL_SHARE * measure]
    if not 2 <= len(wide) <= 3 or sum(c.width or 0 for c in wide) < PANELS_SHARE * measure:
        return None
    if max(len(cell_text(c.element).strip()) for c in wide) < PANEL_MIN_CHARS:
        return None
    return [(c.x or 0.0, (c.x or 0.0) + (c.width or 0.0)) for c in wide]


def cell_text(cell: Any) -> str:
    return "".join(text_of(t) for t in cell.iter(W + "t"))


def table_look(el: Any | None) -> Look:
    """w:tblLook as flags, from the attributes or the legacy hex bitmask."""
    if el is None:
        return Look()
    raw = (attr(el, "val") or "").strip()
    try:
        mask = int(raw, 16) if raw else 0
    except ValueError:
        mask = 0
    flags = []
    for name, bit in _LOOK_BITS:
        value = attr(el, name)
        flags.append(value.lower() in ("1", "true", "on") if value is not None else bool(mask & bit))
    return Look(*flags)


def row_condition(look: Look, row: int, rows: int, band_size: int) -> str | None:
    """The row's conditional format: first row, last row or a horizontal band."""
    if look.first_row and row == 0:
        return "firstRow"
    if look.last_row and row == rows - 1 and rows > 1:
        return "lastRow"
    if look.no_h_band:
        return None
    index = row - (1 if look.first_row else 0)
    return "band1Horz" if (index // band_size) % 2 == 0 else "band2Horz"


def column_condition(look: Look, col: int, cols: int, band_size: int) -> str | None:
    """The column's conditional format: first column, last column or a vertical band."""
    if look.first_column and col == 0:
        return "firstCol"
    if look.last_column and col == cols - 1 and cols > 1:
        return "lastCol"
    if look.no_v_band:
        return None
    index = col - (1 if look.first_column else 0)
    return "band1Vert" if (index // band_size) % 2 == 0 else "band2Vert"


@lru_cache(maxsize=1024)
def conditions(row: str | None, column: str | None) -> tuple[str, ...]:
    """The table style conditional formats that apply to a cell, lowest priority first."""
    found = {row, column}
    corner = _CORNERS.get((row or "", column or ""))
    if corner:
        found.add(corner)
    return tuple(name for name in CONDITION_ORDER if name in found)


def _value(el: Any | None, scale: float = 1.0) -> float | None:
    """A numeric w:val, scaled (twips → pt with 1/20)."""
    n = number(el.get(W_VAL)) if el is not None else None
    return None if n is None else n * scale
