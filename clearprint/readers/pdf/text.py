"""Visible text of a PDF page as spans, lines and paragraphs (measurement spec B.1).

One ``rawdict`` extraction per page (default flags, the cost every PDF checker
pays, less the encoding of pictures: see ``raw_text``) gives every character
with its box. From it we keep only what a reader can see: invisible text
(render mode 3, alpha 0) is counted, not kept; text cut off by a clip or the
page edge is dropped by MuPDF and counted in ``runs``. Lines are measured in
``lines`` and grouped in ``paragraphs``.

``TEXT_COLLECT_STYLES`` is not used: it made extraction 3.5 times slower on a
104-page handbook. Underlines are found from the page's rules instead, and fake
bold from the paint log (``runs``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import pymupdf

from clearprint.model import BBox, Block, Line, Location, Span
from clearprint.readers.pdf.fonts import FontCatalog, strip_subset
from clearprint.readers.pdf.lines import LineDraft, Rules, measure_span
from clearprint.readers.pdf.paragraphs import (
    column_edges,
    join_paragraphs,
    join_row_fragments,
    merge_same_baseline,
    separate_columns,
    split_paragraphs,
)
from clearprint.readers.pdf.runs import TextRuns
from clearprint.textfacts import excerpt

TEXT_FLAGS = pymupdf.TEXTFLAGS_RAWDICT

# span["flags"] bits
_SUPERSCRIPT, _ITALIC, _MONOSPACED, _BOLD = 1, 2, 8, 16
# span["char_flags"] bits (FZ_STEXT_*)
_CF_BOLD, _CF_FILLED, _CF_STROKED = 8, 16, 32

# Page rotation -> the writing direction (axis, sign) of text that reads left to
# right as displayed, and the sign of the baseline step down the displayed page.
_DISPLAYED = {0: (0, 1, 1), 90: (1, -1, 1), 180: (0, -1, -1), 270: (1, 1, -1)}

# font, bold, italic, weight, traits, superscript
_Style = tuple[str, bool | None, bool | None, int | None, frozenset[str], bool]


@dataclass(slots=True)
class PageText:
    """What the text pass found on one page."""

    blocks: list[Block]
    visible_chars: int  # non-space characters kept
    hidden_chars: int


class PageTextReader:
    """Turns one page's ``rawdict`` into model blocks."""

    def __init__(self, page: Any, number: int, fonts: FontCatalog, runs: TextRuns,
                 rules: list[BBox]) -> None:
        self._page = page
        self._number = number
        self._fonts = fonts
        self._runs = runs
        self._rules = Rules(rules)  # thin horizontal shapes, candidates for underlines
        self._rotation = page.rotation
        self._hidden = 0
        self._visible = 0
        self._styles: dict[tuple[str, int, int], _Style] = {}

    def read(self) -> PageText:
        raw = raw_text(self._page)
        blocks = [[d for d in map(self._draft, raw_block["lines"]) if d is not None]
                  for raw_block in raw["blocks"]]
        edges = column_edges([line for block in blocks for line in block])
        paragraphs: list[list[LineDraft]] = []
        for drafts in blocks:
            for column in separate_columns(drafts):
                paragraphs.extend(split_paragraphs(merge_same_baseline(column, edges)))
        joined = join_paragraphs(join_row_fragments(paragraphs))
        return PageText([self._block(p) for p in joined], self._visible, self._hidden)

    def _draft(self, raw_line: dict[str, Any]) -> LineDraft | None:
        dx, dy = raw_line["dir"]
        axis = 0 if abs(dx) >= abs(dy) else 1
        sign = 1 if (dx if axis == 0 else dy) >= 0 else -1
        forward_axis, forward_sign, down = _DISPLAYED.get(self._rotation, _DISPLAYED[0])
        draft = LineDraft(spans=[], axis=axis, sign=sign,
                          angle=_displayed_angle(dx, dy, self._rotation),
                          vertical=raw_line["wmode"] == 1,
                          forward=axis == forward_axis and sign == forward_sign, down=down)
        pending_space = ""  # whitespace-only spans are folded into a neighbour
        best = 0
        for raw in raw_line["spans"]:
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
        key = (raw["font"], raw["flags"], raw["char_flags"])
        font, bold, italic, weight, traits, superscript = self._styles.get(key) or self._style(*key)
        seqno = self._runs.seqno_at(*origin)
        if seqno in self._runs.fake_bold:
            bold = True
            traits = traits | {"synthetic-bold"}
        color = raw["color"]
        return Span(
            text=text,
            size=round(raw["size"], 2),
            font=font,
            bold=bold,
            italic=italic,
            weight=weight,
            traits=traits,
            superscript=superscript,
            color=((color >> 16) & 255, (color >> 8) & 255, color & 255),
            bbox=raw["bbox"],
            order=seqno,
        )

    def _style(self, raw_font: str, flags: int, char_flags: int) -> _Style:
        """Font name and traits of a span, worked out once per font and flags (``_styles``)."""
        font = strip_subset(raw_font)
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
        style = self._styles[raw_font, flags, char_flags] = (
            font, bold, italic, traits.weight, frozenset(extra), bool(flags & _SUPERSCRIPT))
        return style

    def _block(self, drafts: list[LineDraft]) -> Block:
        lines = [self._line(d) for d in drafts]
        spans = [s for line in lines for s in line.spans]
        bbox = (min(ln.bbox[0] for ln in lines), min(ln.bbox[1] for ln in lines),
                max(ln.bbox[2] for ln in lines), max(ln.bbox[3] for ln in lines))
        location = Location(page=self._number, bbox=bbox, rotation=self._rotation)
        block = Block(index=-1, spans=spans, location=location, lines=lines)
        location.excerpt = excerpt(block.text)  # printed lines joined by a space, as they read
        return block

    def _line(self, draft: LineDraft) -> Line:
        space_em = self._fonts.space_em(strip_subset(draft.main_font()))
        return draft.to_line(space_em, self._rules)


def raw_text(page: Any) -> dict[str, Any]:
    """The page's ``rawdict`` text blocks, without its pictures.

    Pictures stay in the text page, because MuPDF ends a block of text at a
    picture and our paragraph repairs are tuned to that; but they are unlinked
    from it before the dictionary is built, which would otherwise encode each
    one as PNG or JPEG (most of the extraction time on a poster with 40
    photos). The pictures are read from the paint log instead.
    """
    textpage = page.get_textpage(flags=TEXT_FLAGS)
    stext = textpage.this.m_internal
    block, previous = stext.first_block, None
    while block is not None:
        following = block.next
        if block.type == pymupdf.mupdf.FZ_STEXT_BLOCK_TEXT:
            previous = block
        else:  # unlink; the block's memory belongs to the text page's pool
            if previous is None:
                stext.first_block = following
            else:
                previous.next = following
            if following is None:
                stext.last_block = previous
            else:
                following.prev = previous
        block = following
    return textpage.extractRAWDICT()


def _is_visible(raw: dict[str, Any]) -> bool:
    """Painted text: not render mode 3 or 7 (alpha 0, or neither filled nor stroked), at a
    size that prints letters: from half a point (below it a glyph is a speck, and
    sizes are judged to the half point) to the largest page (an infinite size, from a
    matrix of 1e20, is no size at all)."""
    return (raw["alpha"] > 0 and bool(raw["char_flags"] & (_CF_FILLED | _CF_STROKED))
            and _MIN_PRINTED_SIZE <= raw["size"] <= _MAX_PRINTED_SIZE)


_MIN_PRINTED_SIZE = 0.5  # pt
_MAX_PRINTED_SIZE = 14400.0  # pt: PDF's largest page


@functools.lru_cache(maxsize=1024)
def _displayed_angle(dx: float, dy: float, rotation: int) -> float:
    """Writing direction in degrees as displayed, counter-clockwise (B.1.6).

    ``dir`` is in unrotated space with y down; /Rotate turns the page clockwise.
    """
    angle = math.degrees(math.atan2(-dy, dx)) - rotation
    angle = (angle + 180.0) % 360.0 - 180.0
    return 180.0 if angle == -180.0 else round(angle, 1) + 0.0
