"""One printed line being measured: glyph gaps, word spaces, underlines.

A :class:`LineDraft` collects a line's spans and, span by span, the glyph
measurements the checks need (items 9, 10, 12): word gaps glyph to glyph across
spaces (the space glyph keeps its nominal width under justification, spec
E.2 item 10), the mean gap between letters, and where the text ends.
Positions are taken along the writing direction ("start" < "end" in reading
order), so rotated and upside-down lines are measured the same way.

``baseline`` is the origin coordinate across the writing direction: y for
lines written along x (nearly all), x for lines written along y.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from clearprint.model import BBox, Line, Span

TAB_GAP_EM = 3.0  # wider gaps are tabs or column gutters, not word spaces
DEFAULT_SPACE_EM = 0.25
_UNDERLINE_DEPTH_EM = 0.35  # an underline sits this far below the baseline at most

# B.1.2: NBSP and PyMuPDF's TrueType quirks; every space character and tab
# becomes " " (so word gaps are found by one comparison); controls and
# zero-width characters are dropped.
_NORMALISE: dict[int, str | None] = {c: None for c in [*range(32), 127, 0x200B, 0x200C,
                                                        0x200D, 0x2060, 0xFEFF]}
_NORMALISE.update({c: " " for c in [0x09, 0x0A, 0x0D, 0xA0, *range(0x2000, 0x200B),
                                    0x202F, 0x205F, 0x3000]})
_NORMALISE.update({0xAD: "-", 0x2010: "-", 0x2011: "-"})
_SPACES = re.compile(" +")
_CHAR = itemgetter("c")
_BBOX = itemgetter("bbox")


@dataclass(slots=True)
class LineDraft:
    """A line being assembled: model spans plus running glyph measurements.

    Positions are measured along the writing direction ("start" < "end" in
    reading order), so the same code serves rotated and upside-down lines.
    """

    spans: list[Span]
    axis: int  # 0: written along x, 1: along y
    sign: int  # +1 when the writing direction runs with the axis
    angle: float
    vertical: bool
    # As the page is displayed (after /Rotate): the line reads left to right, and
    # the sign of the baseline's change from one line to the next down the page.
    forward: bool = False
    down: int = 1
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
    main_size: float | None = None  # size(), kept until ``sizes`` changes

    def size(self) -> float:
        """The type size most of the line's characters are set in."""
        if self.main_size is None:
            self.main_size = max(self.sizes, key=self.sizes.__getitem__)
        return self.main_size

    def extent(self) -> tuple[float, float]:
        """Where the line starts and ends along its writing direction."""
        return (self.first_start if self.first_start is not None else 0.0), self.last_end

    def bbox(self) -> BBox:
        """Union of the visible glyphs, in unrotated page space."""
        start = self.first_start if self.first_start is not None else 0.0
        lo, hi = (start, self.last_end) if self.sign > 0 else (-self.last_end, -start)
        c0, c1 = self.cross
        return (lo, c0, hi, c1) if self.axis == 0 else (c0, lo, c1, hi)

    def to_line(self, space_em: float | None, rules: Rules) -> Line:
        """The finished model line; ``space_em`` is the font's word space if known."""
        letter_gap = (round(self.letter_sum / self.letter_count, 3)
                      if self.letter_count else None)
        line = Line(
            spans=self.spans,
            bbox=self.bbox(),
            baseline=round(self.baseline, 3),
            angle=self.angle,
            vertical=self.vertical,
            word_gaps=self.word_gaps,
            space_width=self._space_width(space_em),
            letter_gap=letter_gap,
        )
        _mark_underlines(line, self, rules)
        return line

    def main_font(self) -> str:
        return max(self.fonts, key=self.fonts.__getitem__)

    def _space_width(self, space_em: float | None) -> float:
        """The nominal word space: the line's own space glyphs (they keep their
        width under justification), else the font's, else a quarter em."""
        if self.space_widths:
            return round(statistics.median(self.space_widths), 3)
        return round((space_em or DEFAULT_SPACE_EM) * self.size(), 3)


def measure_span(raw: dict[str, Any], draft: LineDraft) -> tuple[str, int, tuple[float, float]]:
    """Measure a span's glyphs into the draft; return its text, visible count, first origin.

    This is the reader's per-character work, so every character is only
    touched by ``map`` with an item getter (C loops): its text once, its box
    once, and each box's start and end once, in sums. Spaces and word ends,
    far fewer, are then looked up by index. (A plain loop here cost a third of
    the extraction time on a 155-page book; list comprehensions, a sixth.)
    """
    chars = raw["chars"]
    text = "".join(map(_CHAR, chars))
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
    boxes = list(map(_BBOX, chars))
    # Along the writing direction: start = sign * box[s], end = sign * box[e].
    sign = draft.sign
    s, e = ((0, 2) if sign > 0 else (2, 0)) if draft.axis == 0 else ((1, 3) if sign > 0 else (3, 1))
    advances = sign * (sum(map(itemgetter(e), boxes)) - sum(map(itemgetter(s), boxes)))
    if " " not in text:  # one word: most spans of tables and forms
        first, last, runs = 0, len(text) - 1, []
    else:
        first = len(text) - len(text.lstrip(" "))
        last = len(text.rstrip(" ")) - 1
        runs = [m.span() for m in _SPACES.finditer(text, first, last + 1)]  # inner spaces
    _join_previous(draft, sign * boxes[first][s], first, size)
    words = len(runs) + 1
    extents = sign * (boxes[last][e] - boxes[first][s])
    if len(text) > count:
        spaces = [*range(first), *(k for i, j in runs for k in range(i, j)),
                  *range(last + 1, len(text))]
        space_advances = [sign * (boxes[k][e] - boxes[k][s]) for k in spaces]
        advances -= sum(space_advances)
        draft.space_widths.extend([w for w, k in zip(space_advances, spaces, strict=True)
                                   if not chars[k]["synthetic"]])
        # Word gaps, glyph to glyph across each run of spaces.
        gaps = [sign * (boxes[j][s] - boxes[i - 1][e]) for i, j in runs]
        extents -= sum(gaps)
        low, high = -0.1 * size, TAB_GAP_EM * size
        draft.word_gaps.extend([g for g in gaps if low <= g <= high])
    # Within a word the letter gaps sum to its extent minus its glyph advances.
    if count > words:
        draft.letter_sum += extents - advances
        draft.letter_count += count - words
    draft.last_end = sign * boxes[last][e]
    draft.trailing_space = last < len(text) - 1
    # The line's tallies of sizes and fonts, and its extent across the writing direction.
    draft.last_size = size
    key = round(size, 2)
    draft.sizes[key] = draft.sizes.get(key, 0) + count
    draft.main_size = None
    font = raw["font"]
    draft.fonts[font] = draft.fonts.get(font, 0) + count
    box = raw["bbox"]
    low_side, high_side = (box[1], box[3]) if draft.axis == 0 else (box[0], box[2])
    cross = draft.cross
    if low_side < cross[0] or high_side > cross[1]:
        draft.cross = (min(cross[0], low_side), max(cross[1], high_side))
    return text, count, chars[first]["origin"]


def _join_previous(draft: LineDraft, first_start: float, first: int, size: float) -> None:
    """Measure the gap from the previous span's last glyph to this span's first."""
    if draft.first_start is None:
        draft.first_start = first_start
        draft.leading_space = draft.leading_space or first > 0
        return
    gap = first_start - draft.last_end
    if draft.trailing_space or first > 0:
        add_word_gap(draft, gap, draft.last_size)
    elif size == draft.last_size and -size <= gap <= size:
        draft.letter_sum += gap
        draft.letter_count += 1


def add_word_gap(draft: LineDraft, gap: float, size: float) -> None:
    """Keep a gap across spaces unless it is a tab or column gutter (> 3 em)."""
    if -0.1 * size <= gap <= TAB_GAP_EM * size:
        draft.word_gaps.append(gap)


class Rules:
    """The page's thin horizontal paths (underline candidates), sorted by their top."""

    def __init__(self, rules: list[BBox]) -> None:
        self._rules = sorted(rules, key=lambda r: r[1])
        self._tops = [r[1] for r in self._rules]

    def __bool__(self) -> bool:
        return bool(self._rules)

    def between(self, top: float, bottom: float) -> list[BBox]:
        """The rules whose top lies from ``top`` to ``bottom``."""
        return self._rules[bisect.bisect_left(self._tops, top):bisect.bisect_right(self._tops, bottom)]


def _mark_underlines(line: Line, draft: LineDraft, rules: Rules) -> None:
    """Underline = a thin rule just below the baseline under most of the span,
    no longer than the line it sits under (table borders run wider)."""
    if draft.axis != 0 or draft.sign < 0 or not rules:
        for span in line.spans:
            span.underline = None if draft.axis or draft.sign < 0 else False
        return
    x0, _, x1, _ = line.bbox
    size = draft.size()
    below = [r for r in rules.between(line.baseline, line.baseline + _UNDERLINE_DEPTH_EM * size)
             if r[0] >= x0 - size and r[2] <= x1 + size]
    for span in line.spans:
        sx0, _, sx1, _ = span.bbox or (0, 0, 0, 0)
        width = sx1 - sx0
        span.underline = width > 0 and any(
            min(r[2], sx1) - max(r[0], sx0) >= 0.8 * width for r in below)
