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

        For each run the length covered by extracted span boxes (spaces
        included) is subtracted from its length; what is missing, when longer
        than about two characters, is converted to characters with an average
        advance. Runs on the page are rarely longer than a line, so this stays
        cheap: span boxes are bucketed like the runs.
        """
        buckets: dict[int, list[Rect]] = defaultdict(list)
        for box in seen:
            for bucket in range(int(box[1] // _BUCKET), int(box[3] // _BUCKET) + 1):
                buckets[bucket].append(box)
        missing_chars = 0.0
        for _, (x0, y0, x1, y1) in self._runs:
            along, across = (x1 - x0, y1 - y0)
            vertical = across > along and across > 2 * along
            if vertical:
                along, across = across, along
            if along <= 0 or across <= 0:
                continue
            near = {b for k in range(int(y0 // _BUCKET), int(y1 // _BUCKET) + 1)
                    for b in buckets.get(k, ())}
            covered = _covered((x0, y0, x1, y1), near, vertical)
            missing = along - covered
            if missing > 2 * _CHAR_WIDTH * across:
                missing_chars += missing / (_CHAR_WIDTH * across)
        return round(missing_chars)


def _same_text(fill: Rect, stroke: Rect) -> bool:
    """A stroke run drawn over a fill run: the stroke box is the fill box grown by
    half the line width."""
    return all(abs(a - b) < 2.0 for a, b in zip(fill, stroke))


def _covered(run: Rect, boxes: set[Rect], vertical: bool) -> float:
    """Length of the run (along its writing direction) that the boxes overlap."""
    a, b = (1, 3) if vertical else (0, 2)
    c, d = (0, 2) if vertical else (1, 3)
    thickness = run[d] - run[c]
    spans = sorted(
        (max(run[a], box[a]), min(run[b], box[b])) for box in boxes
        if min(run[d], box[d]) - max(run[c], box[c]) >= 0.3 * thickness
        and min(run[b], box[b]) > max(run[a], box[a])
    )
    total = 0.0
    reach = run[a]
    for lo, hi in spans:
        lo = max(lo, reach)
        if hi > lo:
            total += hi - lo
            reach = hi
    return total
