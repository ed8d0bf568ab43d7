"""Document-wide switches from word/settings.xml and docProps/app.xml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clearprint.readers.docx.ooxml import W, on_off, qn


@dataclass(slots=True)
class Settings:
    auto_hyphenation: bool = False
    mirror_margins: bool = False
    book_fold: bool = False
    even_odd_headers: bool = False
    display_background: bool = False


_FLAGS = {
    "autoHyphenation": "auto_hyphenation",
    "mirrorMargins": "mirror_margins",
    "bookFoldPrinting": "book_fold",
    "bookFoldRevPrinting": "book_fold",
    "printTwoOnOne": "book_fold",
    "evenAndOddHeaders": "even_odd_headers",
    "displayBackgroundShape": "display_background",
}


def read_settings(root: Any | None) -> Settings:
    """The settings part's switches; all off when the part is missing."""
    settings = Settings()
    if root is None:
        return settings
    for child in root:
        name = _FLAGS.get(child.tag[len(W) :]) if child.tag.startswith(W) else None
        if name is not None and on_off(child):
            setattr(settings, name, True)
    return settings


def saved_page_count(app_root: Any | None) -> int | None:
    """<Pages> from docProps/app.xml: the count Word saved (may be stale).

    Some producers (Google Docs, LibreOffice templates) write 0, which means
    "not counted", not an empty document.
    """
    if app_root is None:
        return None
    pages = app_root.find(qn("ep:Pages"))
    if pages is None or not (pages.text or "").strip().isdigit():
        return None
    return int(pages.text.strip()) or None
