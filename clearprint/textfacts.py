"""Plain facts of the model's text that readers and analysis both need.

A reader quotes a paragraph in its location, decides a paragraph's visual
role from its type size and estimates a Word paragraph's lines while it
builds the model; analysis and the checks ask the same questions later.
Kept below both, so that readers depend on the model and not on analysis.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from clearprint import fontmetrics
from clearprint.model import Block, Span

EXCERPT_CHARS = 60


def visible(span: Span) -> bool:
    """A span that prints something (whitespace-only spans carry no type to judge)."""
    return bool(span.text.strip())


def dominant_size(spans: Iterable[Span]) -> float | None:
    """The size that most characters are set in (None when no size is known).

    Sizes are taken to the half point; of equal weights, the first size met wins.
    """
    weights: dict[float, int] = {}
    for span in spans:
        if span.size is not None and (chars := len(span.text.strip())):
            size = round(span.size * 2) / 2
            weights[size] = weights.get(size, 0) + chars
    return max(weights, key=weights.__getitem__) if weights else None


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A one-line, shortened quotation of the text."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def line_count(block: Block) -> int | None:
    """Printed lines: counted in a PDF, estimated for DOCX (None when unknown)."""
    if block.lines:
        return len(block.lines)
    per_line = chars_per_line(block)
    if per_line is None:
        return None
    return max(1, -(-len(block.text.strip()) // max(1, int(per_line))))


def chars_per_line(block: Block) -> float | None:
    """Characters a full line of this DOCX paragraph holds, from its measure and font.

    cpl ~ 0.95 x measure / (average advance x size), where 0.95 allows for
    ragged-right breaking (measurement spec B.4.4, within 1-2 characters of
    LibreOffice's layout for Arial 12 pt on A4).
    """
    size = dominant_size(block.spans)
    if block.text_width is None or not size or block.text_width <= 0:
        return None
    font = dominant_font(block)
    advance = fontmetrics.font_metrics(font).avg_char_width
    return 0.95 * block.text_width / (advance * size)


def dominant_font(block: Block) -> str | None:
    weights: Counter[str] = Counter()
    for span in block.spans:
        if span.font and visible(span):
            weights[span.font] += len(span.text)
    return weights.most_common(1)[0][0] if weights else None
