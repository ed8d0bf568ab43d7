"""CP27: can the document be flattened under a scanner or magnifier?

Binding is physical, so a person answers; the file gives hints: a long
document is likely to be bound, and folded layouts must open flat.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.checks import check
from clearprint.checks.phrases import docx_pages_text
from clearprint.config import Options
from clearprint.model import Document
from clearprint.results import Finding


@check("CP27", needs_text=False)
def flattening(doc: Document, opts: Options) -> Iterator[Finding]:
    pages = len(doc.pages) if doc.format == "pdf" else doc.page_count
    hints = []
    if pages and pages > opts.binding_page_count:
        shown = docx_pages_text(doc) if doc.format == "docx" else f"{pages}"
        hints.append(f"at {shown} pages it is likely to be bound: use comb, wire or loose-leaf "
                     "binding so it lies flat")
    if doc.book_fold or doc.mirror_margins:
        hints.append("it is set up for booklet or facing-page printing: leave an inner margin "
                     f"of {opts.binding_margin_mm:g} mm or more")
    message = "Check the printed copy opens flat (no perfect binding, no tight folds)."
    if hints:
        message += " Hints: " + "; ".join(hints) + "."
    yield Finding.manual(message, pages=pages)
