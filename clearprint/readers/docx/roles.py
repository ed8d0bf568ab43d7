"""Headings and titles that Word's styles do not name, told by how they look.

Styles name only some headings: a cover title typed in Normal at 28 pt bold,
a "Date" line at 20 pt, a centred bold heading set by hand, display text in a
text box are all "body" to ``paragraphs.role``. Like the PDF path (spec B.1.3
and the C.11 pitfall), a second pass over the whole document, once the body
size is known, promotes them:

- a short paragraph (at most ``MAX_CHARS`` characters and ``MAX_LINES``
  estimated lines, not ending like a sentence) whose dominant size is at least
  ``HEADING_RATIO`` times the body size is a heading;
- so is a short paragraph set entirely in bold, when bold is not what body
  text is set in, and plain body text follows it in the same place (the same
  story, cell or text box), other such headings between them aside;
- the largest such paragraph on the first page (when no paragraph is styled
  Title) is the title, and so is display text in a text box (at least
  ``DISPLAY_RATIO`` times the body size): WordArt and cover boxes.

A text box's line estimate is not used: boxes are narrow, and display text in
them wraps after a word or two. Display-size text may end with a full stop.
List items stay body text, and so do data table cells below the first row
(the first row holds a table's title and column headings).

Before that, a contents list typed by hand (no TOC field or styles) is told
by its lines: ``CONTENTS_RUN`` or more paragraphs in a row of "entry, tab,
page number" (or "N/A", or nothing), at least one with a number or "N/A".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from clearprint.model import Block, Part, Role
from clearprint.textfacts import dominant_size, line_count, visible

HEADING_RATIO = 1.15  # heading size over body size (as for PDF)
DISPLAY_RATIO = 1.5  # text-box text this large is display text: a title
MAX_CHARS = 100
MAX_LINES = 2
BOLD_SHARE = 0.95  # of letters and digits, for "entirely bold"
BLANK_SHARE = 0.4  # a paragraph more blank than this is a form line, not a heading
BODY_MIN_CHARS = 500  # body text outside tables needed to take the body size from it alone
SENTENCE_END = (".", ",", ";")
CONTENTS_RUN = 3
ENTRY_MAX_CHARS = 200  # a contents entry is one or two lines
_ENTRY = re.compile(r"^\s*\S.*[^\W\d_].*?\t[\s.·…_]*(\d{1,4}|[ivxlcdm]{1,7}|n/a)?\s*$", re.IGNORECASE)
_JUDGED_PARTS = (Part.BODY, Part.TEXTBOX)
_PLACE = tuple[Part, tuple[int, int, int] | None, int | None]  # story, cell, text box


@dataclass(slots=True)
class _Candidate:
    block: Block
    size: float
    large: bool  # by size; otherwise by bold


def assign_visual_roles(blocks: list[Block], first_page_end: int | None) -> None:
    """Promote body paragraphs that look like headings or titles (see the module docstring)."""
    body = _body_size(blocks)
    if body is None:
        return
    styled_title = any(b.role is Role.TITLE for b in blocks)
    _typed_contents(blocks)
    bold_marks = _bold_marks_headings(blocks, body)
    candidates = {}
    for block in blocks:
        found = _candidate(block, body, bold_marks)
        if found is not None:
            candidates[block.index] = found
    followed = _followed_by_body(blocks, candidates)
    promoted = [c for c in candidates.values() if c.large or c.block.index in followed]
    for candidate in promoted:
        display = candidate.block.part is Part.TEXTBOX and candidate.size >= DISPLAY_RATIO * body
        candidate.block.role = Role.TITLE if display else Role.HEADING
    if not styled_title:
        for block in _cover_titles(promoted, first_page_end):
            block.role = Role.TITLE


def _typed_contents(blocks: list[Block]) -> None:
    """Runs of "entry, tab, page number" body paragraphs become contents entries."""
    run: list[Block] = []
    for block in [*blocks, None]:
        match = _entry(block) if block is not None and block.role is Role.BODY else None
        if match and run and (_place(block) != _place(run[-1]) or block.index != run[-1].index + 1):
            _close_run(run)
            run = []
        if match:
            run.append(block)
        else:
            _close_run(run)
            run = []


def _entry(block: Block) -> re.Match[str] | None:
    text = block.text
    return _ENTRY.match(text) if "\t" in text and len(text) <= ENTRY_MAX_CHARS else None


def _close_run(run: list[Block]) -> None:
    numbered = any((m := _entry(b)) and m.group(1) and not m.group(1).isalpha() for b in run)
    if len(run) >= CONTENTS_RUN and numbered:
        for block in run:
            block.role = Role.CONTENTS


def _body_size(blocks: list[Block]) -> float | None:
    """The commonest size of body text in the main story, outside tables when there is enough
    of it there (a document of tables takes it from the tables)."""
    outside: Counter[float] = Counter()
    everywhere: Counter[float] = Counter()
    for block in blocks:
        if block.role is not Role.BODY or block.part is not Part.BODY:
            continue
        for span in block.spans:
            if span.size is not None and visible(span):
                chars = len(span.text.strip())
                everywhere[round(span.size * 2) / 2] += chars
                if not block.in_table:
                    outside[round(span.size * 2) / 2] += chars
    counts = outside if sum(outside.values()) >= BODY_MIN_CHARS else everywhere
    return counts.most_common(1)[0][0] if counts else None


def _bold_marks_headings(blocks: list[Block], body: float) -> bool:
    """Bold sets headings apart only when text at the body size is mostly not bold."""
    chars = bold = 0
    for block in blocks:
        if block.part is not Part.BODY:
            continue
        for span in block.spans:
            if span.size is not None and abs(span.size - body) <= 0.5:
                n = len(span.text.strip())
                chars += n
                bold += n if span.bold else 0
    return chars == 0 or bold < 0.5 * chars


def _candidate(block: Block, body: float, bold_marks: bool) -> _Candidate | None:
    if block.role is not Role.BODY or block.part not in _JUDGED_PARTS or block.list_item:
        return None
    cell = block.location.table_cell
    if block.in_table and cell is not None and cell[1] != 1:
        return None  # a table's data: only its first row holds titles and column headings
    raw = block.text
    if sum(c.isspace() for c in raw) > BLANK_SHARE * len(raw):
        return None  # mostly blanks: a line of a form to fill in, or spaced-out layout
    text = " ".join(raw.split())
    size = dominant_size(block.spans)
    if size is None or len(text) > MAX_CHARS or sum(c.isalpha() for c in text) < 2:
        return None
    display = size >= DISPLAY_RATIO * body
    if text.endswith(SENTENCE_END) and not display:
        return None
    if block.part is not Part.TEXTBOX:
        lines = line_count(block)
        if lines is not None and lines > MAX_LINES:
            return None
    if size >= HEADING_RATIO * body:
        return _Candidate(block, size, large=True)
    if bold_marks and _bold_share(block) >= BOLD_SHARE:
        return _Candidate(block, size, large=False)
    return None


def _bold_share(block: Block) -> float:
    chars = bold = 0
    for span in block.spans:
        n = sum(c.isalnum() for c in span.text)
        chars += n
        bold += n if span.bold else 0
    return bold / chars if chars else 0.0


def _place(block: Block) -> _PLACE:
    box = block.location.box[0] if block.location.box else None
    return (block.part, block.location.table_cell, box)


def _followed_by_body(blocks: list[Block], candidates: dict[int, _Candidate]) -> set[int]:
    """Bold candidates followed, in their own place, by plain body text (other candidates
    between them aside)."""
    waiting: dict[_PLACE, list[int]] = {}
    followed: set[int] = set()
    for block in blocks:
        place = _place(block)
        if block.index in candidates:
            waiting.setdefault(place, []).append(block.index)
        elif place in waiting:
            if block.role is Role.BODY:
                followed.update(waiting[place])
            del waiting[place]
    return followed


def _cover_titles(promoted: list[_Candidate], first_page_end: int | None) -> list[Block]:
    """The largest text on the first page; several at that size are a heading level, so only
    the first of them."""
    end = first_page_end if first_page_end is not None else float("inf")
    cover = [c for c in promoted if c.large and c.block.index < end]
    if not cover:
        return []
    largest = max(c.size for c in cover)
    top = [c.block for c in cover if c.size >= largest - 0.5]
    return top if len(top) <= 2 else top[:1]
