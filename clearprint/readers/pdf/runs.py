"""Text runs from the bbox log: painting order, fake bold and cut-off text.

``page.get_bboxlog()`` lists everything a page paints, in order, with a box;
its index is the ``seqno`` that ``get_drawings()`` also reports, so it puts
text, vectors and pictures in one z-order (measurement spec B.1.1). It costs a
fraction of ``get_texttrace()``, which builds a Python tuple per character.

Each extracted span is matched to the run whose box holds its first glyph's
origin. Runs the extraction did not see (or saw only part of) are text cut off
by a clip path or the page edge, since the extraction drops clipped text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

Rect = tuple[float, float, float, float]

_BUCKET = 16.0  # pt of page height per lookup bucket
_CHAR_WIDTH = 0.47  # average glyph advance over the run's box height (Helvetica text)


class TextRuns:
    """The text runs of one page, indexed by position."""

    def __init__(self, bboxlog: list[tuple[str, Any]]) -> None:
        self._runs: list[tuple[int, Rect]] = []  # (seqno, box)
        self._buckets: dict[int, list[int]] = defaultdict(list)
        self.fake_bold: set[int] = set()  # seqnos of filled runs also stroked (Tr 2)
        previous: tuple[int, Rect] | None = None
        for seqno, (kind, rect) in enumerate(bboxlog):
            if kind not in ("fill-text", "stroke-text"):
                previous = None
                continue
            box = tuple(rect)
            if kind == "stroke-text" and previous is not None and _same_text(previous[1], box):
                self.fake_bold.add(previous[0])
                previous = None
                continue
            self._add(seqno, box)  # type: ignore[arg-type]
            previous = (seqno, box) if kind == "fill-text" else None  # type: ignore[assignment]

    def _add(self, seqno: int, box: Rect) -> None:
        number = len(self._runs)
        self._runs.append((seqno, box))
        for bucket in range(int(box[1] // _BUCKET), int(box[3] // _BUCKET) + 1):
            self._buckets[bucket].append(number)

    def seqno_at(self, x: float, y: float) -> int | None:
        """The painting order of the last run whose box holds the point."""
        found = None
        for number in self._buckets.get(int(y // _BUCKET), ()):
            seqno, (x0, y0, x1, y1) = self._runs[number]
            if x0 - 0.5 <= x <= x1 + 0.5 and y0 - 0.5 <= y <= y1 + 0.5:
                found = seqno
        return found

    def cut_off_chars(self, seen: list[Rect]) -> int:
        """Estimate the characters painted where no extracted span lies.

        A run no extracted span box touches was cut off whole; a one-line run
        that spans cover only in part was cut off at the side. The missing
        length becomes characters at an average advance. Runs holding several
        lines (one text object can) are only counted when wholly unseen.
        """
        buckets: dict[int, list[Rect]] = defaultdict(list)
        for box in seen:
            for bucket in range(int(box[1] // _BUCKET), int(box[3] // _BUCKET) + 1):
                buckets[bucket].append(box)
        missing_chars = 0.0
        for _, run in self._runs:
            near = {b for k in range(int(run[1] // _BUCKET), int(run[3] // _BUCKET) + 1)
                    for b in buckets.get(k, ())}
            missing_chars += _missing_chars(run, [_intersection(run, b) for b in near])
        return round(missing_chars)


def _same_text(fill: Rect, stroke: Rect) -> bool:
    """A stroke run drawn over a fill run: the stroke box is the fill box grown by
    half the line width."""
    return all(abs(a - b) < 2.0 for a, b in zip(fill, stroke, strict=True))


def _intersection(a: Rect, b: Rect) -> Rect | None:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _missing_chars(run: Rect, parts: list[Rect | None]) -> float:
    width, height = run[2] - run[0], run[3] - run[1]
    if width <= 0 or height <= 0:
        return 0.0
    along, across = (height, width) if height > 2 * width else (width, height)
    seen = [p for p in parts if p is not None]
    if not seen:
        return along / (_CHAR_WIDTH * across)
    if along == height or height > 1.5 * max(p[3] - p[1] for p in seen):
        return 0.0  # vertical or several lines: partly seen is seen
    missing = width - _covered_length(run[0], sorted((p[0], p[2]) for p in seen))
    return missing / (_CHAR_WIDTH * height) if missing > 2 * _CHAR_WIDTH * height else 0.0


def _covered_length(start: float, intervals: list[tuple[float, float]]) -> float:
    """Total length of the union of sorted intervals."""
    total = 0.0
    reach = start
    for lo, hi in intervals:
        lo = max(lo, reach)
        if hi > lo:
            total += hi - lo
            reach = hi
    return total
