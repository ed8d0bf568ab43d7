"""Page counts as the checks use them: a Word file's count is saved by Word or estimated.

A PDF states its pages; a Word file has only the count Word saved at its
last layout, or the reader's estimate from the content when that is missing
or stale. Questions with a page threshold (CP16's contents list, CP17's page
numbers, CP27's binding) must not fail a document on a guess.
"""

from __future__ import annotations

import math

from clearprint.model import Document

# An estimated page count must pass a threshold by this factor (and a page) to count as past it.
ESTIMATE_MARGIN = 1.25
SPARSE_PAGE_WORDS = 100  # pages with fewer words are posters, cards or slides
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def docx_pages(doc: Document) -> tuple[int, bool]:
    """Pages of a Word file, and whether they are the reader's estimate from the content."""
    return doc.page_count or 1, doc.page_count_source == "estimate"


def docx_pages_reach(doc: Document, threshold: int) -> bool:
    """The Word file surely has ``threshold`` pages or more: by Word's saved count,
    or by an estimate well above it (an estimate near a threshold is a guess, and
    a guess must not fail a document)."""
    pages, estimated = docx_pages(doc)
    if not estimated:
        return pages >= threshold
    return pages >= max(threshold + 1, math.ceil(threshold * ESTIMATE_MARGIN))


def roman_value(text: str) -> int | None:
    """The value of a lower-case Roman numeral below 100 ("xiv" -> 14), or None."""
    total = 0
    for char, following in zip(text, text[1:] + " ", strict=True):
        value = ROMAN[char]
        total += -value if ROMAN.get(following, 0) > value else value
    return total if 0 < total < 100 else None
