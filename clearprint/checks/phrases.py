"""Wording that several checks share: how findings name pages, pictures and page counts.

Kept apart from any one check so that no check imports another, and a
plugin author has the same phrases to hand.
"""

from __future__ import annotations

from clearprint.analysis.geometry import union
from clearprint.analysis.pages import docx_pages
from clearprint.analysis.text import vertical_text
from clearprint.model import Document, Image
from clearprint.results import Finding
from clearprint.textfacts import excerpt


def unmeasured_vertical(doc: Document, measure: str) -> Finding | None:
    """For the questions that measure along horizontal lines (CP04, CP12, CP18): running
    text set vertically is there but was not measured, so a person must judge its
    ``measure``. None when the document has no passage of vertical text."""
    blocks = vertical_text(doc)
    if not blocks:
        return None
    lines = sum(len(block.lines) for block in blocks)
    pages = sorted({block.page for block in blocks if block.page is not None})
    first = [block for block in blocks if block.page == blocks[0].page]
    location = blocks[0].location.but(bbox=union(block.bbox for block in first),
                                      excerpt=excerpt(blocks[0].text))
    return Finding.manual(f"{lines} lines of running text are set vertically and their {measure} "
                          "was not measured: check it by eye.", location, lines=lines, pages=pages)


def pages_text(numbers: list[int]) -> str:
    """'page 3' or 'pages 1-4, 7'."""
    values = sorted(set(numbers))
    if len(values) == 1:
        return f"page {values[0]}"
    parts: list[str] = []
    start = prev = values[0]
    for value in values[1:] + [None]:
        if value is not None and value == prev + 1:
            prev = value
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if value is not None:
            start = prev = value
    shown = ", ".join(parts[:8]) + (", ..." if len(parts) > 8 else "")
    return f"pages {shown}"


def image_label(image: Image) -> str:
    """How findings name a picture: 'Picture “Photo 2”', 'Chart “Chart 3”', 'A drawing'."""
    kind = {"chart": "Chart", "drawing": "Drawing"}.get(image.kind, "Picture")
    return f"{kind} \u201c{image.name}\u201d" if image.name else f"A {kind.lower()}"


def docx_pages_text(doc: Document) -> str:
    """"7", or "about 102 (estimated from the content; Word saved 4)": readers of the report
    should know when the count is a guess, and why the saved one was not used."""
    pages, estimated = docx_pages(doc)
    if not estimated:
        return f"{pages}"
    saved = f"Word saved {doc.saved_page_count}" if doc.saved_page_count else "Word saved no count"
    return f"about {pages} (estimated from the content; {saved})"
