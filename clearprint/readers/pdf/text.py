"""Visible text of a PDF page as spans, lines and paragraphs (measurement spec B.1).

One ``rawdict`` extraction per page (default flags, the cost every PDF checker
pays) gives every character with its box. From it we keep only what a reader
can see (invisible and clipped text is counted, not kept), normalise the
characters PDF producers map oddly, and measure each line's word and letter
gaps glyph to glyph, because the space glyph keeps its nominal width under
justification (B.1, E.2 item 10).

``TEXT_COLLECT_STYLES`` is not used: it made extraction 3.5 times slower on a
104-page handbook. Underlines are found from the page's rules instead, and fake
bold from the bbox log (``runs``).
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pymupdf

from clearprint.model import BBox, Block, Line, Location, Span
from clearprint.readers.pdf.fonts import FontCatalog, strip_subset
from clearprint.readers.pdf.runs import TextRuns, count_chars

TEXT_FLAGS = pymupdf.TEXTFLAGS_RAWDICT

# span["flags"] bits
_SUPERSCRIPT, _ITALIC, _MONOSPACED, _BOLD = 1, 2, 8, 16
# span["char_flags"] bits (FZ_STEXT_*)
_CF_BOLD, _CF_FILLED, _CF_STROKED = 8, 16, 32

_TAB_GAP_EM = 3.0  # wider gaps are tabs or column gutters, not word spaces
_DEFAULT_SPACE_EM = 0.25
_UNDERLINE_DEPTH_EM = 0.35  # an underline sits this far below the baseline at most
_EXCERPT_CHARS = 60

# B.1.2: NBSP and PyMuPDF's TrueType quirks; every space character and tab
# becomes " " (so word gaps are found by one comparison); controls and
# zero-width characters are dropped.
_NORMALISE: dict[int, str | None] = {c: None for c in [*range(32), 127, 0x200B, 0x200C,
                                                        0x200D, 0x2060, 0xFEFF]}
_NORMALISE.update({c: " " for c in [0x09, 0x0A, 0x0D, 0xA0, *range(0x2000, 0x200B),
                                    0x202F, 0x205F, 0x3000]})
_NORMALISE.update({0xAD: "-", 0x2010: "-", 0x2011: "-"})
_SPACES = re.compile(" +")


@dataclass(slots=True)
class PageText:
    """What the text pass found on one page."""

    blocks: list[Block]
    visible_chars: int  # non-space characters kept
    hidden_chars: int
    clipped_chars: int


@dataclass(slots=True)
class _Draft:
    """A line being assembled: model spans plus running glyph measurements.

    Positions are measured along the writing direction ("start" < "end" in
    reading order), so the same code serves rotated and upside-down lines.
    """

    spans: list[Span]
    axis: int  # 0: written along x, 1: along y
    sign: int  # +1 when the writing direction runs with the axis
    angle: float
    vertical: bool
    baseline: float = 0.0
    cross: tuple[float, float] = (math.inf, -math.inf)  # extent across the writing direction
    first_start: float | None = None
    last_end: float = 0.0
    last_size: float = 0.0
    leading_space: bool = False
    trailing_space: bool = False
    word_gaps: list[float] = field(default_factory=list)
    letter_sum: float = 0.0
    letter_count: int = 0
    space_widths: list[float] = field(default_factory=list)  # real space glyphs, pt
    all_bold: bool = False  # every span bold: a heading line, not a paragraph's
    sizes: dict[float, int] = field(default_factory=dict)  # size -> non-space chars
    fonts: dict[str, int] = field(default_factory=dict)  # raw font name -> non-space chars

    def size(self) -> float:
        return max(self.sizes, key=self.sizes.__getitem__)

    def bbox(self) -> BBox:
        """Union of the visible glyphs, in unrotated page space."""
        start = self.first_start if self.first_start is not None else 0.0
        lo, hi = (start, self.last_end) if self.sign > 0 else (-self.last_end, -start)
        c0, c1 = self.cross
        return (lo, c0, hi, c1) if self.axis == 0 else (c0, lo, c1, hi)


class PageTextReader:
    """Turns one page's ``rawdict`` into model blocks."""

    def __init__(self, page: Any, number: int, fonts: FontCatalog, runs: TextRuns,
                 rules: list[BBox]) -> None:
        self._page = page
        self._number = number
        self._fonts = fonts
        self._runs = runs
        self._rules = rules  # thin horizontal shapes, candidates for underlines
        self._rotation = page.rotation
        self._hidden = 0
        self._visible = 0
        self._seen: list[tuple[float, float, float, float]] = []  # every extracted span box

    def read(self) -> PageText:
        raw = self._page.get_text("rawdict", flags=TEXT_FLAGS)
        paragraphs: list[list[_Draft]] = []
        for raw_block in raw["blocks"]:
            if raw_block["type"] != 0:
                continue
            drafts = [d for d in map(self._draft, raw_block["lines"]) if d is not None]
            paragraphs.extend(_split_paragraphs(_merge_same_baseline(drafts)))
        blocks = [self._block(p) for p in _join_paragraphs(paragraphs)]
        unseen = self._runs.unseen(self._seen)
        clipped = count_chars(self._page, unseen) if unseen else 0
        return PageText(blocks, self._visible, self._hidden, clipped)

    def _draft(self, raw_line: dict[str, Any]) -> _Draft | None:
        dx, dy = raw_line["dir"]
        axis = 0 if abs(dx) >= abs(dy) else 1
        sign = 1 if (dx if axis == 0 else dy) >= 0 else -1
        draft = _Draft(spans=[], axis=axis, sign=sign,
                       angle=_displayed_angle(dx, dy, self._rotation),
                       vertical=raw_line["wmode"] == 1)
        pending_space = ""  # whitespace-only spans are folded into a neighbour
        best = 0
        for raw in raw_line["spans"]:
            self._seen.append(raw["bbox"])
            if not _is_visible(raw):
                self._hidden += sum(1 for c in raw["chars"] if not c["c"].isspace())
                continue
            text, count, origin = _measure(raw, draft)
            if not text:
                continue
            if count == 0:
                if draft.spans:
                    draft.spans[-1].text += text
                else:
                    pending_space += text
                continue
            self._visible += count
            draft.spans.append(self._span(raw, pending_space + text, origin))
            pending_space = ""
            if count > best:
                best = count
                draft.baseline = raw["origin"][1] if axis == 0 else raw["origin"][0]
        if not draft.spans:
            return None
        draft.all_bold = all(span.bold for span in draft.spans)
        return draft

    def _span(self, raw: dict[str, Any], text: str, origin: tuple[float, float]) -> Span:
        flags, char_flags = raw["flags"], raw["char_flags"]
        font = strip_subset(raw["font"])
        traits = self._fonts.traits(font, self._page)
        extra = set(traits.traits)
        bold, italic = traits.bold, traits.italic
        if "type3" not in extra:
            if bold is None:
                bold = bool(flags & _BOLD or char_flags & _CF_BOLD)
            if italic is None:
                italic = bool(flags & _ITALIC)
            if flags & _MONOSPACED:
                extra.add("monospace")
        seqno = self._runs.seqno_at(*origin)
        if seqno in self._runs.fake_bold:
            bold = True
            extra.add("synthetic-bold")
        color = raw["color"]
        return Span(
            text=text,
            size=round(raw["size"], 2),
            font=font,
            bold=bold,
            italic=italic,
            weight=traits.weight,
            traits=frozenset(extra),
            superscript=bool(flags & _SUPERSCRIPT),
            color=((color >> 16) & 255, (color >> 8) & 255, color & 255),
            bbox=tuple(raw["bbox"]),
            order=seqno,
        )

    def _block(self, drafts: list[_Draft]) -> Block:
        lines = [self._line(d) for d in drafts]
        spans = [s for line in lines for s in line.spans]
        bbox = (min(ln.bbox[0] for ln in lines), min(ln.bbox[1] for ln in lines),
                max(ln.bbox[2] for ln in lines), max(ln.bbox[3] for ln in lines))
        text = " ".join("".join(s.text for s in spans).split())
        location = Location(page=self._number, bbox=bbox, rotation=self._rotation,
                            excerpt=text[:_EXCERPT_CHARS])
        return Block(index=-1, spans=spans, location=location, lines=lines)

    def _line(self, draft: _Draft) -> Line:
        letter_gap = (round(draft.letter_sum / draft.letter_count, 3)
                      if draft.letter_count else None)
        line = Line(
            spans=draft.spans,
            bbox=draft.bbox(),
            baseline=round(draft.baseline, 3),
            angle=draft.angle,
            vertical=draft.vertical,
            word_gaps=draft.word_gaps,
            space_width=self._space_width(draft),
            letter_gap=letter_gap,
            text_end=draft.last_end * draft.sign,
        )
        _mark_underlines(line, draft, self._rules)
        return line

    def _space_width(self, draft: _Draft) -> float:
        """The nominal word space: the line's own space glyphs (they keep their
        width under justification), else the font's, else a quarter em."""
        if draft.space_widths:
            return round(statistics.median(draft.space_widths), 3)
        size = draft.size()
        em = self._fonts.space_em(strip_subset(max(draft.fonts, key=draft.fonts.__getitem__)))
        return round((em or _DEFAULT_SPACE_EM) * size, 3)


def _is_visible(raw: dict[str, Any]) -> bool:
    """Painted text: not render mode 3 or 7 (alpha 0, or neither filled nor stroked)."""
    return raw["alpha"] > 0 and bool(raw["char_flags"] & (_CF_FILLED | _CF_STROKED))


def _displayed_angle(dx: float, dy: float, rotation: int) -> float:
    """Writing direction in degrees as displayed, counter-clockwise (B.1.6).

    ``dir`` is in unrotated space with y down; /Rotate turns the page clockwise.
    """
    angle = math.degrees(math.atan2(-dy, dx)) - rotation
    angle = (angle + 180.0) % 360.0 - 180.0
    return 180.0 if angle == -180.0 else round(angle, 1) + 0.0


def _measure(raw: dict[str, Any], draft: _Draft) -> tuple[str, int, tuple[float, float]]:
    """Measure a span's glyphs into the draft; return its text, visible count, first origin.

    This is the reader's per-character work, so characters and spaces are only
    touched by list comprehensions (a plain loop here cost a third of the
    extraction time on a 155-page book).
    """
    chars = raw["chars"]
    text = "".join([c["c"] for c in chars])
    if not (text.isascii() and text.isprintable()):
        normalised = text.translate(_NORMALISE)
        if len(normalised) != len(text):  # dropped characters: drop their boxes too
            chars = [c for c in chars if c["c"].translate(_NORMALISE)]
            normalised = "".join(c["c"].translate(_NORMALISE) for c in chars)
        text = normalised
    count = len(text) - text.count(" ")
    if count == 0:
        if draft.first_start is None:
            draft.leading_space = draft.leading_space or bool(text)
        else:
            draft.trailing_space = draft.trailing_space or bool(text)
        return text, 0, (0.0, 0.0)
    size = raw["size"]
    lo, hi = (0, 2) if draft.axis == 0 else (1, 3)
    boxes = [c["bbox"] for c in chars]
    if draft.sign > 0:
        starts = [b[lo] for b in boxes]
        ends = [b[hi] for b in boxes]
    else:
        starts = [-b[hi] for b in boxes]
        ends = [-b[lo] for b in boxes]
    first = len(text) - len(text.lstrip(" "))
    last = len(text.rstrip(" ")) - 1
    _join_previous(draft, starts[first], first, size)
    runs = [m.span() for m in _SPACES.finditer(text, first, last + 1)]  # inner spaces
    spaces = [*range(first), *(k for i, j in runs for k in range(i, j)),
              *range(last + 1, len(text))]
    space_advances = [ends[k] - starts[k] for k in spaces]
    draft.space_widths.extend([w for w, k in zip(space_advances, spaces, strict=True)
                               if not chars[k]["synthetic"]])
    low, high = -0.1 * size, _TAB_GAP_EM * size
    draft.word_gaps.extend([g for g in [starts[j] - ends[i - 1] for i, j in runs]
                            if low <= g <= high])
    # Within a word the letter gaps sum to its extent minus its glyph advances.
    extents = (sum([ends[i - 1] for i, _ in runs]) + ends[last]
               - sum([starts[j] for _, j in runs]) - starts[first])
    advances = sum(ends) - sum(starts) - sum(space_advances)
    words = len(runs) + 1
    if count > words:
        draft.letter_sum += extents - advances
        draft.letter_count += count - words
    draft.last_end, draft.last_size = ends[last], size
    draft.trailing_space = last < len(text) - 1
    key = round(size, 2)
    draft.sizes[key] = draft.sizes.get(key, 0) + count
    font = raw["font"]
    draft.fonts[font] = draft.fonts.get(font, 0) + count
    box = raw["bbox"]
    c0, c1 = (box[1], box[3]) if draft.axis == 0 else (box[0], box[2])
    draft.cross = (min(draft.cross[0], c0), max(draft.cross[1], c1))
    return text, count, chars[first]["origin"]


def _join_previous(draft: _Draft, first_start: float, first: int, size: float) -> None:
    """Measure the gap from the previous span's last glyph to this span's first."""
    if draft.first_start is None:
        draft.first_start = first_start
        draft.leading_space = draft.leading_space or first > 0
        return
    gap = first_start - draft.last_end
    if draft.trailing_space or first > 0:
        _add_word_gap(draft, gap, draft.last_size)
    elif size == draft.last_size and -size <= gap <= size:
        draft.letter_sum += gap
        draft.letter_count += 1


def _add_word_gap(draft: _Draft, gap: float, size: float) -> None:
    """Keep a gap across spaces unless it is a tab or column gutter (> 3 em)."""
    if -0.1 * size <= gap <= _TAB_GAP_EM * size:
        draft.word_gaps.append(gap)


def _mark_underlines(line: Line, draft: _Draft, rules: list[BBox]) -> None:
    """Underline = a thin rule just below the baseline under most of the span,
    no longer than the line it sits under (table borders run wider)."""
    if draft.axis != 0 or draft.sign < 0 or not rules:
        for span in line.spans:
            span.underline = None if draft.axis or draft.sign < 0 else False
        return
    x0, _, x1, _ = line.bbox
    size = draft.size()
    below = [r for r in rules
             if 0 <= r[1] - line.baseline <= _UNDERLINE_DEPTH_EM * size
             and r[0] >= x0 - size and r[2] <= x1 + size]
    for span in line.spans:
        sx0, _, sx1, _ = span.bbox or (0, 0, 0, 0)
        width = sx1 - sx0
        span.underline = width > 0 and any(
            min(r[2], sx1) - max(r[0], sx0) >= 0.8 * width for r in below)


def _merge_same_baseline(drafts: list[_Draft]) -> list[_Draft]:
    """Join lines MuPDF split on one baseline (stretched or distributed lines, B.1.2)."""
    merged: list[_Draft] = []
    for draft in drafts:
        last = merged[-1] if merged else None
        if (last is not None and last.axis == draft.axis and last.sign == draft.sign
                and abs(last.baseline - draft.baseline) < 0.2 * max(last.size(), draft.size())
                and draft.first_start is not None
                and draft.first_start >= last.last_end - 0.5 * last.last_size):
            _append(last, draft)
        else:
            merged.append(draft)
    return merged


def _append(line: _Draft, other: _Draft) -> None:
    """Add ``other`` to the end of ``line``, keeping a space between the words."""
    if not line.trailing_space and not other.leading_space:
        line.spans[-1].text += " "
    _add_word_gap(line, (other.first_start or 0.0) - line.last_end, line.last_size)
    line.word_gaps.extend(other.word_gaps)
    line.letter_sum += other.letter_sum
    line.letter_count += other.letter_count
    line.space_widths.extend(other.space_widths)
    line.spans.extend(other.spans)
    line.all_bold = line.all_bold and other.all_bold
    line.last_end, line.last_size = other.last_end, other.last_size
    line.trailing_space = other.trailing_space
    line.cross = (min(line.cross[0], other.cross[0]), max(line.cross[1], other.cross[1]))
    if sum(other.sizes.values()) > sum(line.sizes.values()):
        line.baseline = other.baseline
    for size, count in other.sizes.items():
        line.sizes[size] = line.sizes.get(size, 0) + count
    for font, count in other.fonts.items():
        line.fonts[font] = line.fonts.get(font, 0) + count


def _split_paragraphs(lines: list[_Draft]) -> list[list[_Draft]]:
    """Cut a MuPDF block where it has run two paragraphs together.

    MuPDF merges paragraphs whose spacing is close to the leading, and headings
    with the text below; a clear jump in baseline pitch or in type size, a
    change from bold lines to others, or a change of direction, starts a new
    paragraph.
    """
    if not lines:
        return []
    pitches = [abs(b.baseline - a.baseline) for a, b in zip(lines, lines[1:])
               if a.axis == b.axis]
    typical = statistics.median(pitches) if len(pitches) >= 2 else None
    groups = [[lines[0]]]
    for previous, line in zip(lines, lines[1:]):
        if _starts_paragraph(previous, line, typical):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _starts_paragraph(previous: _Draft, line: _Draft, typical: float | None) -> bool:
    if previous.axis != line.axis or previous.sign != line.sign:
        return True
    small, large = sorted((previous.size(), line.size()))
    if large > 1.15 * small or previous.all_bold != line.all_bold:
        return True
    step = line.baseline - previous.baseline
    if previous.axis == 0 and previous.sign > 0 and step < -0.5 * large:
        return True  # jumped back up the page: a new column or box
    pitch = abs(step)
    if typical is None:
        return pitch > 3.0 * large
    return pitch > 1.3 * typical and pitch - typical > 0.3 * large


def _join_paragraphs(paragraphs: list[list[_Draft]]) -> list[list[_Draft]]:
    """Join consecutive MuPDF blocks that are one paragraph.

    MuPDF starts a new block for every line of loosely spaced text (1.5 line
    spacing, which clear print asks for, gives one block per line). A block
    continues the previous one when it sits under it in the same column, at
    the same size and weight, one line pitch lower: the pitch of either
    paragraph, or for single lines the page's usual pitch at that size.
    """
    leading = _page_leading([line for paragraph in paragraphs for line in paragraph])
    joined: list[list[_Draft]] = []
    for paragraph in paragraphs:
        if joined and _continues(joined[-1], paragraph, leading):
            joined[-1].extend(paragraph)
        else:
            joined.append(paragraph)
    return joined


def _page_leading(lines: list[_Draft]) -> dict[float, float]:
    """The most common baseline step between successive lines, per type size."""
    steps: dict[float, Counter[float]] = {}
    for a, b in itertools.pairwise(lines):
        size = a.size()
        step = b.baseline - a.baseline
        if (_plain(a) and _plain(b) and size == b.size() and 0.8 * size < step < 3 * size
                and _overlap(a, b)):
            steps.setdefault(size, Counter())[round(step * 2) / 2] += 1
    return {size: counts.most_common(1)[0][0] for size, counts in steps.items()}


def _plain(line: _Draft) -> bool:
    """Written left to right along x, the only direction paragraphs are joined in."""
    return line.axis == 0 and line.sign > 0


def _overlap(a: _Draft, b: _Draft) -> bool:
    """The lines share at least half the narrower one's width."""
    a0, _, a1, _ = a.bbox()
    b0, _, b1, _ = b.bbox()
    return min(a1, b1) - max(a0, b0) >= 0.5 * min(a1 - a0, b1 - b0)


def _pitches(paragraph: list[_Draft]) -> list[float]:
    return [b.baseline - a.baseline for a, b in itertools.pairwise(paragraph)]


def _continues(above: list[_Draft], below: list[_Draft], leading: dict[float, float]) -> bool:
    a, b = above[-1], below[0]
    if not (_plain(a) and _plain(b)) or a.all_bold != b.all_bold or not _overlap(a, b):
        return False
    small, large = sorted((a.size(), b.size()))
    if large > 1.15 * small:
        return False
    pitches = _pitches(above) or _pitches(below)
    pitch = statistics.median(pitches) if pitches else leading.get(a.size())
    if pitch is None:
        return False
    step = b.baseline - a.baseline
    return 0.5 * pitch <= step <= pitch + max(0.5, 0.04 * pitch)
