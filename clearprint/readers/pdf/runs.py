"""Text runs from the bbox log: painting order, fake bold and cut-off text.

``page.get_bboxlog()`` lists everything a page paints, in order, with a box;
its index is the ``seqno`` that ``get_drawings()`` also reports, so it puts
text, vectors and pictures in one z-order (measurement spec B.1.1). It costs a
fraction of ``get_texttrace()``, which builds a Python tuple per character.

Each extracted span is matched to the run whose box holds its first glyph's
origin. Runs the extraction did not see at all are text cut off by a clip
path or the page edge, since the extraction drops clipped text. (A run cut
only in part is not noticed: run boxes include positioning gaps such as tabs,
so partial coverage cannot be told from layout. MuPDF 1.28.2 does not set the
CLIPPED character flag either way.)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

Rect = tuple[float, float, float, float]

_BUCKET = 16.0  # pt of page height per lookup bucket


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
            if box[2] - box[0] < 0.5 or box[3] - box[1] < 0.5:
                continue  # runs of spaces have empty boxes: nothing to see or place
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

    def unseen(self, seen: list[Rect]) -> set[int]:
        """Seqnos of runs that no extracted span box touches: text cut off whole
        by a clip path or the page edge (the extraction drops clipped text)."""
        buckets: dict[int, list[Rect]] = defaultdict(list)
        for box in seen:
            for bucket in range(int(box[1] // _BUCKET), int(box[3] // _BUCKET) + 1):
                buckets[bucket].append(box)
        found = set()
        for seqno, run in self._runs:
            near = (b for k in range(int(run[1] // _BUCKET), int(run[3] // _BUCKET) + 1)
                    for b in buckets.get(k, ()))
            if not any(_touches(run, box) for box in near):
                found.add(seqno)
        return found


def _same_text(fill: Rect, stroke: Rect) -> bool:
    """A stroke run drawn over a fill run: the stroke box is the fill box grown by
    half the line width."""
    return all(abs(a - b) < 2.0 for a, b in zip(fill, stroke, strict=True))


def _touches(a: Rect, b: Rect) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def count_chars(page: Any, seqnos: set[int]) -> int:
    """Non-space characters of the given runs, from the text trace (only called
    for the rare pages with cut-off runs: the trace is costly)."""
    return sum(1 for run in page.get_texttrace() if run["seqno"] in seqnos
               for char in run["chars"] if not chr(char[0]).isspace())
