"""Visible text of a PDF page as spans, lines and paragraphs (measurement spec B.1).

One ``rawdict`` extraction per page (default flags, the cost every PDF checker
pays) gives every character with its box. From it we keep only what a reader
can see: invisible text (render mode 3, alpha 0) and clipped text are counted,
not kept. Lines are measured in ``lines`` and grouped in ``paragraphs``.

``TEXT_COLLECT_STYLES`` is not used: it made extraction 3.5 times slower on a
104-page handbook. Underlines are found from the page's rules instead, and fake
bold from the bbox log (``runs``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pymupdf

from clearprint.model import BBox, Block, Line, Location, Span
from clearprint.readers.pdf.fonts import FontCatalog, strip_subset
from clearprint.readers.pdf.lines import LineDraft, measure_span
from clearprint.readers.pdf.paragraphs import (
    join_paragraphs,
    merge_same_baseline,
    separate_columns,
    split_paragraphs,
)
from clearprint.readers.pdf.runs import TextRuns, count_chars

TEXT_FLAGS = pymupdf.TEXTFLAGS_RAWDICT

# span["flags"] bits
_SUPERSCRIPT, _ITALIC, _MONOSPACED, _BOLD = 1, 2, 8, 16
# span["char_flags"] bits (FZ_STEXT_*)
_CF_BOLD, _CF_FILLED, _CF_STROKED = 8, 16, 32

_EXCERPT_CHARS = 60


@dataclass(slots=True)
class PageText:
    """What the text pass found on one page."""

    blocks: list[Block]
    visible_chars: int  # non-space characters kept
    hidden_chars: int
    clipped_chars: int


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
        paragraphs: list[list[LineDraft]] = []
        for raw_block in raw["blocks"]:
            if raw_block["type"] != 0:
                continue
            drafts = [d for d in map(self._draft, raw_block["lines"]) if d is not None]
            for column in separate_columns(drafts):
                paragraphs.extend(split_paragraphs(merge_same_baseline(column)))
        blocks = [self._block(p) for p in join_paragraphs(paragraphs)]
        unseen = self._runs.unseen(self._seen)
        clipped = count_chars(self._page, unseen) if unseen else 0
        return PageText(blocks, self._visible, self._hidden, clipped)

    def _draft(self, raw_line: dict[str, Any]) -> LineDraft | None:
        dx, dy = raw_line["dir"]
        axis = 0 if abs(dx) >= abs(dy) else 1
        sign = 1 if (dx if axis == 0 else dy) >= 0 else -1
        draft = LineDraft(spans=[], axis=axis, sign=sign,
                       angle=_displayed_angle(dx, dy, self._rotation),
                       vertical=raw_line["wmode"] == 1)
        pending_space = ""  # whitespace-only spans are folded into a neighbour
        best = 0
        for raw in raw_line["spans"]:
            self._seen.append(raw["bbox"])
            if not _is_visible(raw):
                self._hidden += sum(1 for c in raw["chars"] if not c["c"].isspace())
                continue
            text, count, origin = measure_span(raw, draft)
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

    def _block(self, drafts: list[LineDraft]) -> Block:
        lines = [self._line(d) for d in drafts]
        spans = [s for line in lines for s in line.spans]
        bbox = (min(ln.bbox[0] for ln in lines), min(ln.bbox[1] for ln in lines),
                max(ln.bbox[2] for ln in lines), max(ln.bbox[3] for ln in lines))
        text = " ".join("".join(s.text for s in spans).split())
        location = Location(page=self._number, bbox=bbox, rotation=self._rotation,
                            excerpt=text[:_EXCERPT_CHARS])
        return Block(index=-1, spans=spans, location=location, lines=lines)

    def _line(self, draft: LineDraft) -> Line:
        space_em = self._fonts.space_em(strip_subset(draft.main_font()))
        return draft.to_line(space_em, self._rules)


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
