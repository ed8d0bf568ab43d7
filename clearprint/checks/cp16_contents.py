"""CP16: is there a contents list?

A contents list is needed from ``contents_min_pages`` pages on; shorter
documents are n/a. A Word file has no fixed pages: the reader gives the count
Word saved, or its own low estimate from the content when the saved count is
missing or plainly stale (files made by programs from a template that says
"1"), and the findings say which. A shorter Word file with
``contents_min_headings`` top-level headings is left to a person.

PDF: the first max(5, 10 %) pages are searched for a printed list: a line
that reads "Contents" (or "Table of contents", "In this issue" and the same in
a few other languages), at least three rows that end in a page number after
leader dots or a wide gap, with the numbers mostly in order, or paragraphs the
layout pass marked as contents entries. Title and page number often sit in
separate blocks, so rows are rebuilt from lines on one baseline. A contents
heading later in the document also counts. Bookmarks alone are not a printed
list, and pages of little text (posters, cards) may not need one: manual.
DOCX: the reader's evidence (a TOC field, a contents gallery, TOC styles, a
Contents heading); a field never updated is manual.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import median

from clearprint.analysis.geometry import is_horizontal, to_display, union
from clearprint.analysis.pages import SPARSE_PAGE_WORDS, docx_pages, docx_pages_reach, roman_value
from clearprint.checks import check
from clearprint.checks.phrases import docx_pages_text
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Location, Page, Part, Role
from clearprint.results import Finding
from clearprint.textfacts import excerpt

CONTENTS_HEADING = re.compile(
    r"^\s*(table\s+of\s+contents|contents(\s+page)?|(inside\s+)?this\s+issue|in\s+this\s+(issue|edition)|"
    r"what'?s\s+inside|inhalt|inhaltsverzeichnis|sommaire|table\s+des\s+mati[eè]res|[íi]ndice|"
    r"contenidos?|sumario|sommario|inhoud(sopgave)?|spis\s+tre[sś]ci|содержание|оглавление)\s*:?\s*$",
    re.IGNORECASE,
)
INDEX_HEADING = re.compile(r"^\s*(index|stichwortverzeichnis|register|índice alfabético)\s*$", re.IGNORECASE)
ENTRY = re.compile(r"^(.{3,}?)[\s.·…_]{2,}(\d{1,4}|[ivxlcdm]+)$", re.IGNORECASE)
MIN_ENTRIES = 3
ORDERED_SHARE = 0.6  # of entries whose page numbers run in order
WINDOW_PAGES = 5
WINDOW_SHARE = 0.1
WIDE_GAP_SIZES = 1.0  # a gap this wide between pieces of one row is a leader
SAME_BASELINE = 0.3  # box bottoms this close, in type sizes, are one row
@dataclass(slots=True)
class _Piece:
    bottom: float  # displayed bottom of the line's box: pieces of one row share it
    shown: BBox  # displayed space
    box: BBox  # stored space
    text: str
    size: float
    block: Block


@dataclass(slots=True)
class Row:
    """Text on one baseline of a page, pieces joined left to right."""

    text: str
    box: BBox  # stored space, for locations
    page: Page
    blocks: list[Block]


@check("CP16")
def contents(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "docx":
        yield from _docx(doc, opts)
    else:
        yield from _pdf(doc, opts)


# PDF ------------------------------------------------------------------------

def _pdf(doc: Document, opts: Options) -> Iterator[Finding]:
    pages = len(doc.pages)
    if pages < opts.contents_min_pages:
        yield Finding.na(f"{pages} page(s): shorter than the {opts.contents_min_pages} pages that "
                         "need a contents list.", pages=pages)
        return
    window = max(WINDOW_PAGES, math.ceil(WINDOW_SHARE * pages))
    blocks_by_page: dict[int, list[Block]] = {}
    for block in doc.blocks:
        if block.page is not None:
            blocks_by_page.setdefault(block.page, []).append(block)
    heading: Row | None = None
    entries: list[tuple[Row, int, bool]] = []  # row, page number, roman
    for page in doc.pages[:window]:
        for row in _rows(page, blocks_by_page.get(page.number, [])):
            if heading is None and CONTENTS_HEADING.match(row.text):
                heading = row
            entry = _entry(row.text)
            if entry is not None:
                entries.append((row, *entry))
    marked = [b for b in doc.blocks if b.role is Role.CONTENTS and (b.page or 0) <= window]
    listed = _ordered_entries(entries)
    if heading is not None or listed or marked:
        yield _found(heading, listed, marked)
        return
    later = _later_heading(doc, blocks_by_page, window, CONTENTS_HEADING)
    if later is not None:
        yield Finding.info(f"A contents list headed \"{excerpt(later.text)}\" on page "
                           f"{later.page.number}.", _row_location(later), page=later.page.number)
        return
    words = median(sum(len(b.text.split()) for b in blocks_by_page.get(p.number, [])) for p in doc.pages)
    if words < SPARSE_PAGE_WORDS:
        yield Finding.manual(f"No contents list, but the pages hold little text (about {words:.0f} "
                             "words each): if they are posters, cards or slides rather than one "
                             "document, they may not need one.", pages=pages)
        return
    index = _later_heading(doc, blocks_by_page, 0, INDEX_HEADING)
    if index is not None:
        yield Finding.manual(f"No contents list, but an index on page {index.page.number}: check "
                             "readers can find their way; a contents list at the start would help.",
                             _row_location(index), pages=pages)
        return
    if doc.outline:
        yield Finding.manual(f"No printed contents list in the first {window} pages; the PDF has "
                             f"{len(doc.outline)} bookmarks, but PDF bookmarks are not a printed "
                             "contents list.", bookmarks=len(doc.outline), pages=pages)
        return
    yield Finding.no(f"No contents list in the first {window} pages of a {pages}-page document.",
                     pages=pages, searched_pages=window)


def _rows(page: Page, blocks: list[Block]) -> list[Row]:
    """Lines of the page regrouped by baseline, so that titles meet their page numbers."""
    pieces: list[_Piece] = []
    for block in blocks:
        for line in block.lines:
            if line.text.strip() and is_horizontal(line):
                size = max((s.size or 0 for s in line.spans), default=0) or 10.0
                shown = to_display(line.bbox, page)
                pieces.append(_Piece(shown[3], shown, line.bbox, line.text.strip(), size, block))
    pieces.sort(key=lambda p: (p.bottom, p.shown[0]))
    rows: list[list[_Piece]] = []
    for piece in pieces:
        if rows and abs(piece.bottom - rows[-1][0].bottom) <= SAME_BASELINE * piece.size:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    out = []
    for row in rows:
        row.sort(key=lambda p: p.shown[0])
        text = row[0].text
        for before, after in zip(row, row[1:], strict=False):
            wide = after.shown[0] - before.shown[2] > WIDE_GAP_SIZES * after.size
            text += ("  " if wide else " ") + after.text
        out.append(Row(text, union(p.box for p in row) or row[0].box, page, [p.block for p in row]))
    return out


def _entry(text: str) -> tuple[int, bool] | None:
    match = ENTRY.match(text.strip())
    if match is None or not any(c.isalpha() for c in match.group(1)):
        return None
    number = match.group(2)
    if number.isdigit():
        return int(number), False
    value = roman_value(number.lower())
    return (value, True) if value else None


def _ordered_entries(entries: list[tuple[Row, int, bool]]) -> list[Row]:
    """Entries whose page numbers mostly run in order (arabic and roman apart)."""
    best: list[Row] = []
    for roman in (False, True):
        chosen = [(row, n) for row, n, r in entries if r is roman]
        if len(chosen) < MIN_ENTRIES:
            continue
        longest = _longest_non_decreasing([n for _, n in chosen])
        if longest >= MIN_ENTRIES and longest >= ORDERED_SHARE * len(chosen) and len(chosen) > len(best):
            best = [row for row, _ in chosen]
    return best


def _longest_non_decreasing(values: list[int]) -> int:
    tails: list[int] = []
    for value in values:
        at = bisect.bisect_right(tails, value)
        if at == len(tails):
            tails.append(value)
        else:
            tails[at] = value
    return len(tails)


def _found(heading: Row | None, listed: list[Row], marked: list[Block]) -> Finding:
    if heading is not None:
        where = _row_location(heading)
        what = f"A contents list headed \"{excerpt(heading.text)}\" on page {heading.page.number}"
    elif listed:
        where = _row_location(listed[0])
        what = f"A contents list of {len(listed)} entries from page {listed[0].page.number}"
    else:
        where = marked[0].location
        what = f"A contents list from page {marked[0].page}"
    extra = f" with {len(listed)} entries" if heading is not None and listed else ""
    return Finding.info(f"{what}{extra}.", where, entries=len(listed) or len(marked))


def _later_heading(doc: Document, blocks_by_page: dict[int, list[Block]], first: int,
                   pattern: re.Pattern[str]) -> Row | None:
    """The first short line from page ``first + 1`` on that reads as the given heading."""
    for page in doc.pages[first:]:
        for block in blocks_by_page.get(page.number, []):
            if len(block.text) < 40 and pattern.match(block.text):
                rows = _rows(page, [block])
                found = next((r for r in rows if pattern.match(r.text)), rows[0] if rows else None)
                if found is not None:
                    return found
    return None


def _row_location(row: Row) -> Location:
    return Location(page=row.page.number, bbox=row.box,
                    rotation=row.page.rotation or None, excerpt=excerpt(row.text))


# DOCX -----------------------------------------------------------------------

def _docx(doc: Document, opts: Options) -> Iterator[Finding]:
    pages, estimated = docx_pages(doc)
    headings = [b for b in doc.blocks if b.outline_level == 0 and b.part is Part.BODY
                and not b.in_table and b.text.strip()]
    shown = docx_pages_text(doc)
    if pages < opts.contents_min_pages and len(headings) < opts.contents_min_headings:
        yield Finding.na(f"A short document ({shown} page(s), {len(headings)} main heading(s)): no "
                         "contents list needed.", pages=pages, estimated=estimated,
                         headings=len(headings))
        return
    evidence = list(doc.contents)
    fresh = [c for c in evidence if not c.stale]
    if fresh:
        best = fresh[0]
        yield Finding.info(f"A contents list ({best.kind}"
                           + (f", {best.entries} entries" if best.entries else "") + ").",
                           best.location, kind=best.kind, entries=best.entries)
        return
    typed = next((b for b in doc.blocks if b.part is Part.BODY and len(b.text) < 40
                  and CONTENTS_HEADING.match(b.text)), None)
    if typed is not None:
        yield Finding.info("A contents list under a Contents heading.",
                           typed.location.but(excerpt=excerpt(typed.text)), kind="heading")
        return
    if evidence:
        yield Finding.manual("The table of contents has never been updated, so it shows no "
                             "entries: update it (right-click, Update Field) and check it.",
                             evidence[0].location, kind=evidence[0].kind)
        return
    data = {"pages": pages, "estimated": estimated, "headings": len(headings)}
    if docx_pages_reach(doc, opts.contents_min_pages):
        yield Finding.no(f"No contents list in a document of {shown} pages.", **data)
    elif pages >= opts.contents_min_pages:
        yield Finding.manual(f"No contents list in a document of {shown} pages: if it runs to "
                             f"{opts.contents_min_pages} pages or more, it needs one.", **data)
    else:
        yield Finding.manual(f"No contents list in a short document ({shown} page(s)) with "
                             f"{len(headings)} main headings: a contents list would help readers "
                             "find them.", headings[0].location.but(excerpt=excerpt(headings[0].text)),
                             **data)
