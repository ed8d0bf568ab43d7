"""CP17: are page numbers and headings consistent and in the same place on each page?

PDF page numbers are lines in the top or bottom ``FURNITURE_SHARE`` of a page
that read as a page number ("7", "vii", "Page 7 of 30", "- 7 -", "3-7") or
hold "Page 7"; in a running head or footer also a number in its own run or at
either end of the line ("Annual report | 7"). A candidate counts when its
value minus the page's position is shared by at least two pages, so years and
figures drop out; a number where the others are counts too, so numbering that
restarts (appendices) is still seen. Positions are compared in displayed
space as distances from the nearest edges, anchored left, centre or right
(whichever holds steadiest), within ``furniture_tolerance_pt`` or
``furniture_tolerance_share`` of the page, whichever is larger; odd and even
pages may mirror each other.

A number that moves is a "no", and so are more than
``max_missing_page_numbers`` unnumbered pages in the body of the document. The
first and last pages (covers) may lack one; unnumbered front matter and pages
that open a chapter (a book convention) are left to a person. No page numbers
at all is a "no" from three pages on, left to a person for two pages, for
pages of little text (posters, cards), and for documents too short to need a
contents list whose text is mostly short items (a menu, a price list). Running
heads that move, headings of one look (font, size, weight, colour) that are
left-aligned on some pages and centred on others, and a few headings that look
unlike the others of their size, are manual; title pages and front matter are
left out of the heading comparison, and only headings followed by a paragraph
count, since the layout pass also calls bold table headers headings.

DOCX: every section must show a PAGE field in its header or footer, its own or
inherited ("linked to previous"), on odd and, with different even pages, even
pages; a section after the first numbered one without it is a "no", sections
before it (cover, front matter) are left to a person. A page number in a frame
(w:framePr) is where its frame is, whatever its paragraph's alignment.
Different positions between sections, and headings of one style that look
different from each other, are manual. Single-page documents are n/a.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import median

from clearprint.analysis.geometry import from_display, to_display
from clearprint.analysis.pages import SPARSE_PAGE_WORDS, docx_pages, docx_pages_reach, roman_value
from clearprint.analysis.text import family
from clearprint.checks import check
from clearprint.checks.phrases import docx_pages_text, pages_text
from clearprint.config import Options
from clearprint.model import (
    Alignment,
    BBox,
    Block,
    Document,
    HeaderFooter,
    Location,
    Page,
    Part,
    Role,
    Section,
    Span,
)
from clearprint.results import Finding
from clearprint.textfacts import dominant_size, excerpt, line_count, visible

FURNITURE_SHARE = 0.12
NUMBERED_FROM_PAGES = 3  # a Word file this long needs page numbers
EDGE_SHARE = 0.08  # running heads and footers sit in this outer band (spec B.1.3)
PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:page\s*)?(?P<n>\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d+)?[-–—\s]*$", re.IGNORECASE)
CHAPTER_PAGE = re.compile(r"^[-–—\s]*(?:page\s*)?(?:[a-z]|\d{1,2})[-–](?P<n>\d{1,5})[-–—\s]*$",
                          re.IGNORECASE)
LEADING_NUMBER = re.compile(r"^[-–—\s]*(?:page\s*)?(?P<n>\d{1,5})[-–—]?\s*[|·•–—-]?\s+\S", re.IGNORECASE)
TRAILING_NUMBER = re.compile(r"\S\s*[|·•–—-]?\s+(?:page\s*)?(?P<n>\d{1,5})$", re.IGNORECASE)
DIVIDER_LINES = 3  # a page with this few lines of text divides parts of a document
RUNNING_TEXT_LINES = 3  # a paragraph this many lines long is running text, read through
# A document too short for a contents list with less of its words in running text
# than this is a set of short items (a menu, a price list) whose pages stand alone.
RUNNING_TEXT_SHARE = 0.25
# "Page 7" in a running head; not "continued on page 7" or "see page 7".
NAMED_NUMBER = re.compile(r"(?:^|[^\w\s]\s*|\b(?!(?:on|from|to|see|at|in)\b)\w+\s+)page\s+(?P<n>\d{1,5})\b"
                          r"(?!\s*(?:of|/)\s*\d)", re.IGNORECASE)
MIN_RUNNING_HEAD_PAGES = 3
RUNNING_HEAD_SHARE = 0.25
STRAGGLER_SHARE = 0.2  # a heading look used this rarely among headings of its size is a stray
MIN_HEADINGS_OF_A_SIZE = 5
MIN_HEADING_PAGES = 3  # headings compared across at least this many pages
NARROWER_SHARE = 0.8  # a heading this much narrower than its text shows its alignment
ANCHORS = ("left", "centre", "right")
@dataclass(slots=True)
class Mark:
    """Furniture on one page: a page number or a running head, in displayed space."""

    page: Page
    box: BBox
    text: str
    value: int | None = None
    key: tuple[str, int] | None = None  # ("arabic"|"roman", value - page number)
    whole: bool = True  # the line is only the number

    @property
    def zone(self) -> str:
        return "top" if self.box[1] < self.page.height / 2 else "bottom"

    def offset(self, anchor: str) -> float:
        x0, _, x1, _ = self.box
        if anchor == "left":
            return x0
        if anchor == "right":
            return self.page.width - x1
        return (x0 + x1) / 2 - self.page.width / 2

    @property
    def depth(self) -> float:
        return self.box[1] if self.zone == "top" else self.page.height - self.box[3]

    @property
    def place(self) -> str:
        middle = (self.box[0] + self.box[2]) / 2 / self.page.width
        side = "left" if middle < 0.38 else "right" if middle > 0.62 else "centre"
        return f"{self.zone} {side}"

    @property
    def location(self) -> Location:
        return Location(page=self.page.number, bbox=from_display(self.box, self.page),
                        rotation=self.page.rotation or None, excerpt=excerpt(self.text))


@check("CP17")
def page_furniture(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "docx":
        yield from _docx(doc, opts)
    else:
        yield from _pdf(doc, opts)


# PDF ------------------------------------------------------------------------

def _pdf(doc: Document, opts: Options) -> Iterator[Finding]:
    if len(doc.pages) <= 1:
        yield Finding.na("A single page needs no page numbers.")
        return
    by_page: dict[int, list[Block]] = {}
    for block in doc.blocks:
        if block.page is not None:
            by_page.setdefault(block.page, []).append(block)
    furniture = {p.number: list(_furniture_lines(p, by_page.get(p.number, []))) for p in doc.pages}
    numbers = _page_numbers(doc.pages, furniture)
    yield from _judge_numbers(doc, numbers, by_page, opts)
    chosen = {id(m) for m in numbers.values()}
    yield from _running_heads(doc, furniture, chosen, opts)
    yield from _headings(doc, min(numbers, default=1), opts)


def _furniture_lines(page: Page, blocks: list[Block]) -> Iterator[Mark]:
    band = FURNITURE_SHARE * page.height
    edge = EDGE_SHARE * page.height
    for block in blocks:
        for line in block.lines:
            if abs(line.angle) > 2:
                continue
            box = to_display(line.bbox, page)
            if box[3] > band and box[1] < page.height - band:
                continue
            text = " ".join(line.text.split())
            if text:
                # A number at the end of a longer line counts only in a running
                # head or footer: in the text it is a quantity ("10 seconds").
                furniture = block.role is Role.FURNITURE or box[3] <= edge or box[1] >= page.height - edge
                yield _as_number(Mark(page, box, text), line.spans, furniture)


def _as_number(mark: Mark, spans: list[Span], furniture: bool) -> Mark:
    """The mark with its page-number reading, if it has one."""
    reading = _reading(mark, [sp for sp in spans if visible(sp) and sp.bbox is not None], furniture)
    if reading is None:
        return mark
    raw, whole, box = reading
    value = int(raw) if raw.isdigit() else roman_value(raw.lower())
    if value is not None:
        mark.value, mark.whole, mark.box = value, whole, box
        mark.key = ("arabic" if raw.isdigit() else "roman", value - mark.page.number)
    return mark


def _reading(mark: Mark, spans: list[Span], furniture: bool) -> tuple[str, bool, BBox] | None:
    """The number a line shows as a page number, whether it is the whole line, and its box.

    A whole line ("7", "Page 7 of 30") or "Page 7" anywhere counts; a number
    in its own run or at either end of a longer line counts only in a running
    head or footer: in the text it is a quantity ("10 seconds").
    """
    for pattern in (PAGE_NUMBER, CHAPTER_PAGE):
        match = pattern.match(mark.text)
        if match:
            return match.group("n"), True, mark.box
    match = NAMED_NUMBER.search(mark.text)
    if match:
        named = next((sp for sp in spans if NAMED_NUMBER.search(sp.text)), None)
        return match.group("n"), False, to_display(named.bbox, mark.page) if named else mark.box
    if not furniture or not spans:
        return None
    for span in spans:
        match = PAGE_NUMBER.match(span.text.strip())
        if match:
            return match.group("n"), False, to_display(span.bbox, mark.page)
    for pattern, end in ((LEADING_NUMBER, spans[0]), (TRAILING_NUMBER, spans[-1])):
        match = pattern.search(mark.text)
        if match:
            box = to_display(end.bbox, mark.page)
            share = min(1.0, len(match.group("n")) / max(1, len(end.text.strip())))
            width = (box[2] - box[0]) * share
            leading = pattern is LEADING_NUMBER
            return match.group("n"), False, ((box[0], box[1], box[0] + width, box[3]) if leading
                                             else (box[2] - width, box[1], box[2], box[3]))
    return None


def _page_numbers(pages: list[Page], furniture: dict[int, list[Mark]]) -> dict[int, Mark]:
    """The page number chosen on each page that has one."""
    support: Counter[tuple[str, int]] = Counter()
    for marks in furniture.values():
        support.update({m.key for m in marks if m.key is not None})
    needed = min(2, len(pages) - 1)
    accepted = {key for key, count in support.items() if count >= needed}
    candidates = {n: [m for m in marks if m.key in accepted] for n, marks in furniture.items()}
    places: Counter[str] = Counter()
    for marks in candidates.values():
        places.update({m.place for m in marks})
    usual = places.most_common(1)[0][0] if places else None
    chosen = {}
    for number, marks in furniture.items():
        if candidates[number]:
            chosen[number] = max(candidates[number], key=lambda m: (m.whole, places[m.place], support[m.key]))
        else:
            # Numbering that restarts (appendices, a single numbered page) has no
            # shared offset; a number where the others are is still a page number.
            restarted = [m for m in marks if m.key is not None and m.place == usual]
            if restarted:
                chosen[number] = restarted[0]
    return chosen


def _judge_numbers(doc: Document, numbers: dict[int, Mark], by_page: dict[int, list[Block]],
                   opts: Options) -> Iterator[Finding]:
    pages = doc.pages
    if not numbers:
        yield _unnumbered(doc, by_page, opts)
        return
    first = min(numbers)
    unnumbered = [p for p in pages[1:-1] if p.number not in numbers and not p.scanned
                  and any(b.text.strip() for b in by_page.get(p.number, []))]
    front = [p.number for p in unnumbered if p.number < first]
    openers = [p.number for p in unnumbered if p.number > first and _opens_chapter(by_page.get(p.number, []))]
    missing = [p.number for p in unnumbered if p.number > first and p.number not in openers]
    if len(missing) > opts.max_missing_page_numbers:
        yield Finding.no(f"No page number on {len(missing)} pages ({pages_text(missing)}).",
                         Location(page=missing[0]), count=len(missing), pages=missing)
    elif missing:
        yield Finding.info(f"No page number on {pages_text(missing)}.", Location(page=missing[0]),
                           pages=missing)
    if openers:
        yield Finding.manual(f"{len(openers)} page(s) that open a chapter or section have no page "
                             f"number ({pages_text(openers)}): a book convention, but RNIB asks "
                             "for a number on every page.", Location(page=openers[0]),
                             count=len(openers), pages=openers)
    if len(front) > opts.max_missing_page_numbers:
        yield Finding.manual(f"The first {len(front) + 1} pages have no page number ({pages_text(front)} "
                             "after the cover): fine for a title page and its back, but check "
                             "the rest.", Location(page=front[0]), count=len(front), pages=front)
    marks = [m for n, m in sorted(numbers.items()) if n != 1]
    if len(marks) < 2:
        return
    steady, moved, how = _steady(marks, opts)
    if moved:
        usual = Counter(m.place for m in steady).most_common(1)[0][0]
        places = sorted({m.place for m in moved})
        elsewhere = " / ".join(places) if set(places) != {usual} else _shift(moved[0], steady)
        yield Finding.no(f"The page number moves: {usual} on {len(steady)} pages{how}, but "
                         f"{elsewhere} on {pages_text([m.page.number for m in moved])}.",
                         moved[0].location, count=len(moved),
                         pages=[m.page.number for m in moved], usual=usual)
    else:
        yield Finding.info(f"Page numbers {steady[0].place}{how} on {len(numbers)} pages.",
                           steady[0].location, pages=len(numbers))


def _unnumbered(doc: Document, by_page: dict[int, list[Block]], opts: Options) -> Finding:
    """No page numbers anywhere: a "no", unless the document may not need them.

    Two-page leaflets, sets of posters or cards (little text a page), and short
    documents of short items (a menu, a price list, a programme: too few pages
    for a contents list, and little running text) are left to a person: each
    page stands alone and is found by its headings, not read on from the one
    before. Short documents that are read through (a story, a letter) still fail.
    """
    pages = doc.pages
    message = f"No page numbers found on any of the {len(pages)} pages."
    words = median(sum(len(b.text.split()) for b in by_page.get(p.number, [])) for p in pages)
    if len(pages) < 3:
        return Finding.manual(message + " A two-page leaflet may not need them.", pages=len(pages))
    if words < SPARSE_PAGE_WORDS:
        return Finding.manual(message + f" The pages hold little text (about {words:.0f} words "
                              "each): if they are posters, cards or slides rather than one "
                              "document, they may not need them.", pages=len(pages))
    running, total = _running_words(doc.blocks)
    share = running / total if total else 0.0
    if len(pages) < opts.contents_min_pages and share < RUNNING_TEXT_SHARE:
        return Finding.manual(message + f" It is short and holds little running text ({share:.0%} of "
                              f"its {total} words in paragraphs of {RUNNING_TEXT_LINES} lines or more): "
                              "if its pages stand alone, like a menu or price list, found by their "
                              "headings, it may not need them.",
                              pages=len(pages), running_words=running, words=total)
    return Finding.no(message, pages=len(pages))


def _running_words(blocks: list[Block]) -> tuple[int, int]:
    """Words in paragraphs of RUNNING_TEXT_LINES printed lines or more, and words in all."""
    running = total = 0
    for block in blocks:
        words = len(block.text.split())
        total += words
        if (line_count(block) or 0) >= RUNNING_TEXT_LINES:
            running += words
    return running, total


def _steady(marks: list[Mark], opts: Options) -> tuple[list[Mark], list[Mark], str]:
    """The marks in one place (or mirrored on facing pages), the ones elsewhere, and how."""
    same = _fit(marks, opts)
    odd = _fit([m for m in marks if m.page.number % 2], opts)
    even = _fit([m for m in marks if not m.page.number % 2], opts)
    if odd[0] and even[0] and len(odd[0]) + len(even[0]) > len(same[0]):
        return odd[0] + even[0], odd[1] + even[1], " (mirrored on facing pages)"
    return same[0], same[1], ""


def _fit(marks: list[Mark], opts: Options) -> tuple[list[Mark], list[Mark]]:
    """Split marks into those in the most common place and the rest."""
    if not marks:
        return [], []
    zone = Counter(m.zone for m in marks).most_common(1)[0][0]
    best: tuple[list[Mark], list[Mark]] = ([], marks)
    in_zone = [m for m in marks if m.zone == zone]
    y = median(m.depth for m in in_zone)
    level = [m for m in in_zone if abs(m.depth - y) <= _tolerance(opts, m.page.height)]
    for anchor in ANCHORS:
        x = median(m.offset(anchor) for m in in_zone)
        inside = [m for m in level if abs(m.offset(anchor) - x) <= _tolerance(opts, m.page.width)]
        if len(inside) > len(best[0]):
            kept = {id(m) for m in inside}
            best = (inside, [m for m in marks if id(m) not in kept])
    return best


def _shift(mark: Mark, steady: list[Mark]) -> str:
    """How far a mark sits from the usual place: "16 pt to the left and 15 pt higher"."""
    near = min(steady, key=lambda m: abs(m.page.number - mark.page.number))
    dx = (mark.box[0] + mark.box[2] - near.box[0] - near.box[2]) / 2
    dy = (mark.box[1] + mark.box[3] - near.box[1] - near.box[3]) / 2
    parts = [f"{abs(dx):.0f} pt to the {'right' if dx > 0 else 'left'}" if abs(dx) >= 1 else "",
             f"{abs(dy):.0f} pt {'lower' if dy > 0 else 'higher'}" if abs(dy) >= 1 else ""]
    return " and ".join(p for p in parts if p) or "slightly moved"


def _opens_chapter(blocks: list[Block]) -> bool:
    """The page's first text is a heading, or it holds only a few short lines (a divider)."""
    text = [b for b in blocks if b.text.strip() and b.role is not Role.FURNITURE and b.bbox]
    if not text:
        return False
    top = min(text, key=lambda b: b.bbox[1])
    return top.role in (Role.HEADING, Role.TITLE) or sum(len(b.lines) for b in text) <= DIVIDER_LINES


def _tolerance(opts: Options, extent: float) -> float:
    return max(opts.furniture_tolerance_pt, opts.furniture_tolerance_share * extent)


def _running_heads(doc: Document, furniture: dict[int, list[Mark]], chosen: set[int],
                   opts: Options) -> Iterator[Finding]:
    repeated: dict[str, list[Mark]] = {}
    for marks in furniture.values():
        seen: set[str] = set()
        for mark in marks:
            key = re.sub(r"\d+", "#", mark.text.lower())
            if id(mark) in chosen or key in seen or sum(c.isalpha() for c in key) < 3:
                continue
            seen.add(key)
            repeated.setdefault(key, []).append(mark)
    need = max(MIN_RUNNING_HEAD_PAGES, RUNNING_HEAD_SHARE * len(doc.pages))
    for marks in repeated.values():
        if len(marks) < need:
            continue
        steady, moved, _ = _steady(marks, opts)
        if moved:
            yield Finding.manual(f"A running head or footer (\"{excerpt(marks[0].text, 40)}\") is "
                                 f"not in the same place on {pages_text([m.page.number for m in moved])}.",
                                 moved[0].location, count=len(moved),
                                 pages=[m.page.number for m in moved])


# Headings (PDF) ----------------------------------------------------------------

def _headings(doc: Document, first_numbered: int, opts: Options) -> Iterator[Finding]:
    """Headings after the front matter (title pages have a design of their own), by look.

    Only headings followed by a paragraph of text on their page are compared:
    the layout pass also calls bold table headers and labels headings.
    """
    looks: dict[tuple, list[tuple[Block, Block]]] = {}
    for block in doc.blocks:
        front = (block.page or 0) < max(2, first_numbered)
        if block.role is not Role.HEADING or not block.text.strip() or front:
            continue
        following = doc.blocks[block.index + 1] if block.index + 1 < len(doc.blocks) else None
        if following is None or following.page != block.page or following.role is not Role.BODY \
                or len(following.lines) < 2 or block.bbox is None or following.bbox is None:
            continue
        look = _look(block)
        if look is not None:
            looks.setdefault(look, []).append((block, following))
    yield from _misaligned(doc, looks, opts)
    yield from _stragglers({look: [h for h, _ in pairs] for look, pairs in looks.items()})


def _look(block: Block) -> tuple | None:
    spans = [s for s in block.spans if visible(s)]
    size = dominant_size(spans)
    if size is None:
        return None
    main = max(spans, key=lambda s: len(s.text))
    return (family(main.font or ""), size, bool(main.bold), main.color)


def _misaligned(doc: Document, looks: dict[tuple, list[tuple[Block, Block]]],
                opts: Options) -> Iterator[Finding]:
    """Headings of one look that sit left of their text on some pages and centred on others."""
    pages = {p.number: p for p in doc.pages}
    for look, pairs in looks.items():
        aligned: dict[str, list[Block]] = {}
        for heading, text in pairs:
            page = pages.get(heading.page or 0)
            if page is None:
                continue
            alignment = _aligned(to_display(heading.bbox, page), to_display(text.bbox, page),
                                 _tolerance(opts, page.width))
            if alignment is not None:
                aligned.setdefault(alignment, []).append(heading)
        spread = {b.page for group in aligned.values() for b in group}
        if len(aligned) < 2 or len(spread) < MIN_HEADING_PAGES:
            continue
        usual = max(aligned, key=lambda a: len(aligned[a]))
        odd = [b for a, group in aligned.items() if a != usual for b in group]
        yield Finding.manual(f"Headings in {look[1]:g} pt {'bold ' if look[2] else ''}{look[0]} "
                             f"are {usual} on {len(aligned[usual])} and "
                             f"{' or '.join(a for a in aligned if a != usual)} on {len(odd)}.",
                             odd[0].location.but(excerpt=excerpt(odd[0].text)), count=len(odd),
                             alignments={a: len(g) for a, g in aligned.items()})


def _aligned(heading: BBox, text: BBox, tolerance: float) -> str | None:
    """How a heading lines up with the text below it (None: neither clearly)."""
    if abs(heading[0] - text[0]) <= tolerance:
        return "left-aligned"
    if heading[2] - heading[0] > NARROWER_SHARE * (text[2] - text[0]):
        return None  # as wide as the text: its alignment cannot be told
    if abs((heading[0] + heading[2]) / 2 - (text[0] + text[2]) / 2) <= tolerance:
        return "centred"
    if abs(heading[2] - text[2]) <= tolerance:
        return "right-aligned"
    return None


def _stragglers(looks: dict[tuple, list[Block]]) -> Iterator[Finding]:
    """A few headings that look unlike the many others of the same size."""
    by_size: dict[float, list[tuple[tuple, list[Block]]]] = {}
    for look, blocks in looks.items():
        by_size.setdefault(look[1], []).append((look, blocks))
    for size, groups in by_size.items():
        total = sum(len(b) for _, b in groups)
        if len(groups) < 2 or total < MIN_HEADINGS_OF_A_SIZE:
            continue
        usual, common = max(groups, key=lambda g: len(g[1]))
        if len(common) <= STRAGGLER_SHARE * total:
            continue  # no look most headings of this size share: nothing to stray from
        strays = [(look, b) for look, blocks in groups if len(blocks) <= STRAGGLER_SHARE * total
                  for b in blocks]
        if strays:
            look, first = strays[0]
            yield Finding.manual(f"{len(strays)} heading(s) at {size:g} pt {_difference(look, usual)} "
                                 f"the other {total - len(strays)} of that size.",
                                 first.location.but(excerpt=excerpt(first.text)),
                                 count=len(strays), size_pt=size)


def _difference(look: tuple, usual: tuple) -> str:
    """How one heading look differs from the usual one: "are not bold, unlike"."""
    parts = []
    if look[0] != usual[0]:
        parts.append(f"are in {look[0] or 'another font'}")
    if look[2] != usual[2]:
        parts.append("are bold" if look[2] else "are not bold")
    if look[3] != usual[3]:
        parts.append("are in another colour")
    return (", ".join(parts) or "look different") + ", unlike"


# DOCX -----------------------------------------------------------------------

def _docx(doc: Document, opts: Options) -> Iterator[Finding]:
    pages, estimated = docx_pages(doc)
    if pages <= 1:
        yield Finding.na("A single page needs no page numbers" + (" (estimated from the content)."
                                                                  if estimated else "."))
        return
    yield from _docx_numbers(doc, pages, estimated)
    yield from _docx_headings(doc)


def _docx_numbers(doc: Document, pages: int, estimated: bool) -> Iterator[Finding]:
    if not any(hf.has_page_number for s in doc.sections for hf in s.headers_footers):
        message = ("No page number field in any header or footer of a document of "
                   f"{docx_pages_text(doc)} pages.")
        if docx_pages_reach(doc, NUMBERED_FROM_PAGES):
            yield Finding.no(message, pages=pages, estimated=estimated)
        elif pages >= NUMBERED_FROM_PAGES:
            yield Finding.manual(message + f" If it runs to {NUMBERED_FROM_PAGES} pages or more, "
                                 "it needs them.", pages=pages, estimated=estimated)
        else:
            yield Finding.manual(message + " A two-page document may not need them.",
                                 pages=pages, estimated=estimated)
        return
    variants = ["default"] + (["even"] if doc.even_odd_headers else [])
    effective: dict[tuple[str, str], HeaderFooter] = {}
    shows: dict[tuple[int, str], HeaderFooter | None] = {}  # (section, variant): where the number is
    for section in doc.sections:
        for hf in section.headers_footers:
            if not hf.linked_to_previous:
                effective[(hf.kind, hf.variant)] = hf
        for variant in variants:
            shown_here = [effective[(k, variant)] for k in ("header", "footer")
                          if (k, variant) in effective and effective[(k, variant)].has_page_number]
            shows[(section.number, variant)] = shown_here[0] if shown_here else None
    # Sections before the first numbered one are a cover and front matter.
    first = min((n for (n, v), hf in shows.items() if hf is not None and v == "default"), default=1)
    front = [s for s in doc.sections if s.number < first]
    if front:
        yield Finding.manual(f"The first {len(front)} section(s) show no page number: fine for a "
                             "cover and front matter, but check them.", front[0].location,
                             count=len(front), sections=[s.number for s in front])
    unnumbered: list[tuple[Section, str]] = []
    places: dict[str, list[tuple[Section, str]]] = {}
    for section in doc.sections:
        for variant in variants:
            hf = shows[(section.number, variant)]
            if hf is None:
                if section.number >= first:
                    unnumbered.append((section, variant))
                continue
            places.setdefault(variant, []).append((section, f"{hf.kind} ({_docx_place(hf)})"))
    for section, variant in unnumbered:
        which = "even pages" if variant == "even" else "pages"
        yield Finding.no(f"Section {section.number} shows no page number on its {which}.",
                         section.location, variant=variant)
    for variant, found in places.items():
        distinct = Counter(place for _, place in found)
        if len(distinct) > 1:
            usual = distinct.most_common(1)[0][0]
            odd = [s for s, place in found if place != usual]
            yield Finding.manual(f"Page numbers are not in the same place in every section: {usual} "
                                 f"in most, but {', '.join(sorted(set(distinct) - {usual}))} in "
                                 f"section(s) {', '.join(str(s.number) for s in odd)}.",
                                 odd[0].location, count=len(odd),
                                 places=dict(distinct), variant=variant)
        elif not unnumbered:
            where = "every section" if len(found) > 1 else "the document"
            yield Finding.info(f"Page numbers in the {found[0][1]} of {where}"
                               + (" on even pages." if variant == "even" else "."), variant=variant)


def _docx_place(hf: HeaderFooter) -> str:
    """Where a header or footer shows its page number across the page: its frame's
    place when a frame puts it somewhere an alignment cannot say, else its alignment."""
    if hf.frame:
        return f"frame {hf.frame}"
    return "centred" if hf.alignment is Alignment.CENTER else (hf.alignment or "left")


def _docx_headings(doc: Document) -> Iterator[Finding]:
    """Headings of one style that do not all look the same, usually from direct formatting.

    Only headings a style or outline level names: a heading told by its looks
    alone (bold Normal text) is not one of a set meant to look alike.
    """
    by_style: dict[str, dict[tuple, list[Block]]] = {}
    for block in doc.blocks:
        heading = block.outline_level is not None
        if heading and block.part is Part.BODY and block.text.strip() and block.style:
            look = _docx_look(block)
            if look is not None:
                by_style.setdefault(block.style, {}).setdefault(look, []).append(block)
    for style, looks in by_style.items():
        if len(looks) < 2:
            continue
        usual = max(looks, key=lambda k: len(looks[k]))
        odd = [b for look, blocks in looks.items() if look != usual for b in blocks]
        direct = sum(1 for b in odd if _has_direct_formatting(b))
        because = f"; {direct} through direct formatting" if direct else ""
        yield Finding.manual(f"{len(odd)} \"{style}\" heading(s) look different from the other "
                             f"{len(looks[usual])} (size, font, weight, colour or alignment{because}).",
                             odd[0].location.but(excerpt=excerpt(odd[0].text)), count=len(odd),
                             style=style, direct=direct)


def _docx_look(block: Block) -> tuple | None:
    spans = [s for s in block.spans if visible(s)]
    if not spans:
        return None
    main = max(spans, key=lambda s: len(s.text))
    return (dominant_size(spans), family(main.font or ""), bool(main.bold), main.color,
            block.alignment)


def _has_direct_formatting(block: Block) -> bool:
    return block.alignment_source == "direct" or any(
        s.size_source == "direct" or s.font_source == "direct" for s in block.spans if visible(s))
