"""Text runs from the paint log: painting order, fake bold and cut-off text.

The paint log (``painting``) lists everything a page paints, in order, with
its box and the clip it is painted through; an entry's index is the
``seqno`` that ``get_cdrawings()`` also reports, so it puts text, vectors and
pictures in one z-order (measurement spec B.1.1).

Each extracted span is matched to the run whose box holds its first glyph's
origin. Text cut off by a clip path or by the edge of the page (the crop
box) is counted, not kept: the extraction drops it. Only text that would
otherwise be seen counts; runs wholly outside the crop box are slug and
printer's marks (the IRS instructions carry a 1008 pt media box with the page
in the middle of it), not cut-off text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from clearprint.readers.pdf.painting import TEXT_KINDS, Rect, visible

_BUCKET = 16.0  # pt of page height per lookup bucket
_CORE = 0.3  # a run is suspected cut when the middle of its box (inset by this share) is not shown


class TextRuns:
    """The text runs of one page, indexed by position."""

    def __init__(self, entries: list[tuple[str, Rect, Rect | None]], page_box: Rect) -> None:
        self._runs: list[tuple[int, Rect]] = []  # (seqno, box)
        self._buckets: dict[int, list[int]] = defaultdict(list)
        self.fake_bold: set[int] = set()  # seqnos of filled runs also stroked (Tr 2)
        self.cut: dict[int, Rect | None] = {}  # seqno -> the part of the page it can show in
        self._page_box = page_box
        previous: tuple[int, Rect] | None = None
        for seqno, (kind, box, clip) in enumerate(entries):
            if kind not in TEXT_KINDS:
                previous = None
                continue
            if box[2] - box[0] < 0.5 or box[3] - box[1] < 0.5:
                continue  # runs of spaces have empty boxes: nothing to see or place
            if kind == "stroke-text" and previous is not None and _same_text(previous[1], box):
                self.fake_bold.add(previous[0])
                previous = None
                continue
            self._add(seqno, box)
            self._check_cut(seqno, box, clip, page_box)
            previous = (seqno, box) if kind == "fill-text" else None

    def _add(self, seqno: int, box: Rect) -> None:
        """Index the run by the bands of the page it crosses.

        Only bands within a page's height of the page are indexed: a glyph
        under a matrix of 1e8 has a box a hundred million points tall, and
        indexing all of it made one bucket per 16 pt of it (6 GB for a
        644-byte file). Nothing is looked up that far off the page.
        """
        number = len(self._runs)
        self._runs.append((seqno, box))
        reach = self._page_box[3] - self._page_box[1]
        top = max(box[1], self._page_box[1] - reach)
        bottom = min(box[3], self._page_box[3] + reach)
        if top > bottom:
            return
        for bucket in range(int(top // _BUCKET), int(bottom // _BUCKET) + 1):
            self._buckets[bucket].append(number)

    def _check_cut(self, seqno: int, box: Rect, clip: Rect | None, page_box: Rect) -> None:
        """Note runs on the page that a clip or the page edge may cut."""
        if visible(box, page_box) is None:
            return  # slug: wholly outside the crop box
        shown = visible(page_box, clip)
        inset = _CORE * min(box[2] - box[0], box[3] - box[1])
        core = (box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset)
        if shown is None or not _inside(core, shown):
            self.cut[seqno] = shown

    def seqno_at(self, x: float, y: float) -> int | None:
        """The painting order of the last run whose box holds the point."""
        found = None
        for number in self._buckets.get(int(y // _BUCKET), ()):
            seqno, (x0, y0, x1, y1) = self._runs[number]
            if x0 - 0.5 <= x <= x1 + 0.5 and y0 - 0.5 <= y <= y1 + 0.5:
                found = seqno
        return found

    def cut_chars(self, page: Any) -> int:
        """Non-space characters of printed lines that the clip or the page edge cuts off.

        A character counts when its middle lies outside the part of the page its
        run can show in, and its line (the characters on its baseline) reaches
        onto the page: a line wholly outside the crop box is slug, even when it
        shares a run with text on the page. The text trace gives each
        character's box, at a cost, so it is read only for pages with suspect runs.
        """
        if not self.cut:
            return 0
        count = 0
        for run in page.get_texttrace():
            if run["seqno"] not in self.cut:
                continue
            shown = self.cut[run["seqno"]]
            across = 1 if abs(run["dir"][0]) >= abs(run["dir"][1]) else 0  # baseline coordinate
            lines: dict[float, list[tuple[float, float]]] = defaultdict(list)
            for char in run["chars"]:
                if not chr(char[0]).isspace():
                    x0, y0, x1, y1 = char[3]
                    lines[round(char[2][across])].append(((x0 + x1) / 2, (y0 + y1) / 2))
            for middles in lines.values():
                if any(_holds(self._page_box, point) for point in middles):
                    count += sum(1 for point in middles if shown is None or not _holds(shown, point))
        return count


def _same_text(fill: Rect, stroke: Rect) -> bool:
    """A stroke run drawn over a fill run: the stroke box is the fill box grown by
    half the line width."""
    return all(abs(a - b) < 2.0 for a, b in zip(fill, stroke, strict=True))


def _holds(box: Rect, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _inside(inner: Rect, outer: Rect) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1]
            and inner[2] <= outer[2] and inner[3] <= outer[3])
