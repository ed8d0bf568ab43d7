"""The PDF reader: PyMuPDF's view of a file turned into the format-neutral model.

Modules: ``source`` (opening, errors, picture bytes); ``text`` (visible spans
and blocks of a page), ``lines`` (glyph measurements of a line) and
``paragraphs`` (repairing MuPDF's block segmentation); ``painting`` (what
the page paints, in order, through which clip); ``runs`` (painting order,
fake bold and cut-off text of text runs); ``fonts`` (font
traits); ``graphics`` (pictures, shapes, form fields); ``background``
(text-free renders). Roles, alignment and columns are not stated
in a PDF; ``clearprint.analysis.layout`` infers them afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clearprint.model import Document, Page
from clearprint.readers.common import collector_paused
from clearprint.readers.pdf import painting
from clearprint.readers.pdf.background import BackgroundRenderer
from clearprint.readers.pdf.fonts import FontCatalog
from clearprint.readers.pdf.forms import FormCounter
from clearprint.readers.pdf.graphics import image_coverage, read_fields, read_images, read_shapes
from clearprint.readers.pdf.runs import TextRuns
from clearprint.readers.pdf.source import (
    MUPDF_ERRORS,
    PictureSource,
    drain_mupdf_messages,
    open_pdf,
    short_reason,
)
from clearprint.readers.pdf.text import PageTextReader

__all__ = ["read_pdf"]

SCANNED_COVERAGE = 0.85  # B.1.5: pictures cover this share of a page without text
MAX_PAGE_SIDE = 14400.0  # pt: 200 inches, the largest page PDF allows (ISO 32000-1, C.2)


def read_pdf(path: str | Path) -> Document:
    """Read every page of a PDF, or raise DocumentError with a one-line reason."""
    with collector_paused():
        return _read(Path(path))


def _read(path: Path) -> Document:
    drain_mupdf_messages()
    pdf = open_pdf(path)
    doc = Document(path=str(path), format="pdf", page_count=pdf.page_count)
    fonts = FontCatalog(pdf)
    forms = FormCounter(pdf)
    pictures = PictureSource(pdf)
    backgrounds = BackgroundRenderer(path)
    for index in range(pdf.page_count):
        page = _read_page(pdf, index, fonts, forms, pictures, doc)
        page.render_background = backgrounds.for_page(page.number)
        doc.pages.append(page)
    for block in (b for page in doc.pages for b in page.blocks):
        block.index = len(doc.blocks)
        doc.blocks.append(block)
    doc.outline = _outline(pdf)
    _add_notes(doc, fonts)
    return doc


def _read_page(pdf: Any, index: int, fonts: FontCatalog, forms: FormCounter,
               pictures: PictureSource, doc: Document) -> Page:
    """One page; a page MuPDF cannot interpret, or should not run, is kept empty and noted."""
    number = index + 1
    page = Page(number=number, width=0.0, height=0.0)
    try:
        mu_page = pdf[index]
        rect = mu_page.rect
        _check_size(rect)
        page = Page(number=number, width=rect.width, height=rect.height,
                    rotation=mu_page.rotation)
        forms.check_page(mu_page)
        crop = mu_page.cropbox
        page_box = (0.0, 0.0, crop.width, crop.height)  # unrotated, as every box in the model
        painted = painting.record(mu_page)
        page.shapes, page.path_count, rules = read_shapes(mu_page, number, painted, page_box)
        runs = TextRuns(painted.entries, page_box)
        text = PageTextReader(mu_page, number, fonts, runs, rules).read()
        page.blocks = text.blocks
        page.hidden_chars = text.hidden_chars
        page.clipped_chars = runs.cut_chars(mu_page)
        page.images = read_images(mu_page, number, painted, page_box, pictures)
        fields = read_fields(mu_page, number)
    except MUPDF_ERRORS as exc:
        doc.notes.append(f"page {number} could not be read: {short_reason(exc)}")
        return Page(number=number, width=page.width, height=page.height, rotation=page.rotation,
                    unread=True)
    if text.visible_chars == 0 and page.images:
        page.scanned = image_coverage(page.images, crop.width, crop.height) >= SCANNED_COVERAGE
    doc.images.extend(page.images)
    doc.shapes.extend(page.shapes)
    doc.fields.extend(fields)
    return page


def _check_size(rect: Any) -> None:
    """Refuse a page box no PDF may have: every structure sized from the page
    (grids, renders, cells) would grow with it."""
    if not (0 < rect.width <= MAX_PAGE_SIDE and 0 < rect.height <= MAX_PAGE_SIDE):
        raise ValueError(f"its page box of {rect.width:.0f} x {rect.height:.0f} pt is not a page "
                         f"(PDF allows up to {MAX_PAGE_SIDE:,.0f} pt a side)")


def _outline(pdf: Any) -> list[str]:
    try:
        return [entry[1] for entry in pdf.get_toc(simple=True)]
    except MUPDF_ERRORS:
        return []


def _add_notes(doc: Document, fonts: FontCatalog) -> None:
    messages = drain_mupdf_messages()
    if messages:
        doc.notes.append(f"MuPDF reported {messages} problems while reading; "
                         "the file may be damaged and some content may be missing")
    if fonts.failures:
        doc.notes.append(f"{fonts.failures} embedded fonts could not be examined; "
                         "their weight and style come from their names")
