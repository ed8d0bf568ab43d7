"""How many pages a Word file fills: the count Word saved, or an estimate from the content.

Word saves the page count of its last layout in docProps/app.xml (<Pages>),
but programs that write or change DOCX files leave it out or stale: a book of
over a hundred pages that says 4, a generated report that keeps its
template's 1. Without a layout engine the body is poured into pages instead:
a paragraph takes its estimated lines at its line pitch plus the space before
and after it (or the height of its in-line pictures, if more), a table row the
height of its tallest cell (at least the row's set height), and a page holds
the height between its top and bottom margins in each of its columns. Typed
page breaks, "page break before" and sections that start on a new page begin
a new page; the breaks Word saved from its last layout are not counted, as the
estimate finds where pages fill up itself (counting both doubled long files).

The estimate leaves out what it cannot see (keep with next, widow control,
floating pictures and text boxes, headers taller than the margin), so it errs
low. The saved count stands unless it is missing or the content fills clearly
more pages than it says.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from clearprint.readers.docx.sections import SectionInfo

# The saved count is stale when the estimate is at least this many times it
# and this many pages more: the estimate errs low, so a saved count that is
# merely a little under it is still believed.
STALE_RATIO = 2.0
STALE_MARGIN = 2

Cell = tuple[int, int, int]  # (table, row, column), as in Location.table_cell


@dataclass(frozen=True, slots=True)
class PageCount:
    """The page count to use and where it came from."""

    pages: int | None
    source: str | None  # "saved" (docProps/app.xml) or "estimate" (from the content)
    saved: int | None  # the saved count, whether used or not


def choose(saved: int | None, estimate: int) -> PageCount:
    """The saved count when there is one and the content does not plainly outgrow it."""
    if saved is not None and not (estimate >= STALE_RATIO * saved and estimate - saved >= STALE_MARGIN):
        return PageCount(saved, "saved", saved)
    return PageCount(estimate, "estimate", saved)


class PageEstimator:
    """Pours the body's paragraphs, one at a time and in order, into pages.

    A table grows as its cells do: a cell by the paragraphs and nested tables in
    it, a row by its tallest cell (at least its set height), a table by its rows;
    only the growth of a table in the body itself reaches the page.
    """

    def __init__(self, sections: list[SectionInfo]) -> None:
        self._rooms = [_room(info) for info in sections]
        self.begun = 1  # pages begun, the one being filled included
        self._used = 0.0  # height filled on the page being filled, pt
        self._blank = True  # nothing but empty paragraphs on it so far
        self._cells: dict[Cell, float] = {}  # heights of the cells of the tables being filled
        self._rows: dict[tuple[int, int], float] = {}  # (table, row): its height so far
        self._parents: dict[int, Cell] = {}  # nested table: the cell holding it

    @property
    def pages(self) -> int:
        """Pages with something on them: a last page holding only empty paragraphs (or
        nothing, after a break) does not count."""
        return self.begun - 1 if self._blank and self.begun > 1 else self.begun

    def break_page(self) -> None:
        """Begin a new page, unless the current one is still empty (two breaks in a row make one)."""
        if self._used > 0:
            self.begun += 1
            self._used = 0.0
            self._blank = True

    def add(self, height: float, section: int, *, blank: bool = False, cell: Cell | None = None,
            outer: Cell | None = None, row_height: float | None = None) -> None:
        """A paragraph ``height`` pt tall in ``section`` (``blank``: it shows nothing); in a
        table, in ``cell``, and in ``outer`` when the table is nested in another."""
        room = self._rooms[min(section, len(self._rooms)) - 1]
        if cell is None:
            self._cells.clear()
            self._rows.clear()
            self._fill(height, room)
        else:
            self._add_to_cell(height, room, cell, outer, row_height)
        self._blank = self._blank and blank

    def _add_to_cell(self, height: float, room: float, cell: Cell, outer: Cell | None,
                     row_height: float | None) -> None:
        if outer is not None:
            self._parents[cell[0]] = outer
        if cell[:2] not in self._rows:
            self._rows[cell[:2]] = 0.0
            self._grow((cell[0], cell[1], 0), row_height or 0.0, room)  # the row's set height
        self._grow(cell, height, room)

    def _grow(self, cell: Cell, height: float, room: float) -> None:
        """Add to a cell, and carry its row's growth out to the cell holding the table, or
        to the page."""
        while True:
            total = self._cells[cell] = self._cells.get(cell, 0.0) + height
            row = cell[:2]
            grown = total - self._rows.get(row, 0.0)
            if grown <= 0:
                return
            self._rows[row] = total
            parent = self._parents.get(cell[0])
            if parent is None:
                self._fill(grown, room)
                return
            cell, height = parent, grown

    def _fill(self, height: float, room: float) -> None:
        self._used += height
        if self._used > room:
            overflowing = math.ceil(self._used / room) - 1  # the pages it runs onto
            self.begun += overflowing
            self._used -= overflowing * room
            self._blank = True


def _room(info: SectionInfo) -> float:
    """Height of text a page of the section holds: between the margins, in every column."""
    s = info.section
    height = (s.height or 0) - (s.margin_top or 0) - (s.margin_bottom or 0)
    return max(height, 1.0) * max(s.columns, 1)
