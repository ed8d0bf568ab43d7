"""The format-neutral document model that every check reads.

Readers (``clearprint.readers``) build it from PDF or DOCX; nothing else touches
the file formats. A value a format cannot supply is ``None`` (unknown), never a
guess: checks treat ``None`` as "cannot measure" and answer "manual" rather than
"yes" or "no".

Units: points (1/72 in) everywhere. PDF boxes are ``(x0, y0, x1, y1)`` in
PyMuPDF's unrotated page space (origin top left, y down). Colours are sRGB
triples of 0-255 integers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

BBox = tuple[float, float, float, float]
RGB = tuple[int, int, int]


class Role(StrEnum):
    """What a paragraph is for, which decides the rules that apply to it."""

    BODY = "body"
    HEADING = "heading"
    TITLE = "title"
    CAPTION = "caption"
    FURNITURE = "furniture"  # running heads, footers, page numbers
    CONTENTS = "contents"  # entries of a contents list
    FIGURE = "figure"  # labels inside a diagram or chart (PDF layout analysis only)


class Alignment(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFIED = "justified"
    DISTRIBUTED = "distributed"


class Part(StrEnum):
    """The story a DOCX paragraph lives in (PDF text is always ``body``)."""

    BODY = "body"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"
    TEXTBOX = "text box"


@dataclass(slots=True)
class Location:
    """Where a finding is, in terms a person can use to find it.

    PDF: ``page`` (1-based) and ``bbox``. DOCX: ``paragraph`` (1-based among the
    body's paragraphs in document order, table-cell paragraphs in their place;
    for headers, footers and notes, 1-based within that part; for text boxes,
    the anchoring paragraph's number, with ``box`` saying which box and which
    paragraph in it), ``part``, ``style``. Both: an ``excerpt`` of the text and,
    when a property is at fault, ``source`` (where it came from: ``direct``,
    ``style:Normal``, ``docDefaults``...).

    DOCX tables are numbered 1-based within their story (the body, each header
    or footer part, the footnotes, the endnotes; a text box's tables count in
    the story of its anchor) in the order they begin, so a table nested in a
    cell comes right after the table holding it; ``outer_cell`` then names the
    cell it sits in.
    """

    page: int | None = None
    bbox: BBox | None = None
    rotation: int | None = None
    paragraph: int | None = None
    part: Part | None = None
    section: int | None = None
    style: str | None = None
    table_cell: tuple[int, int, int] | None = None  # (table, row, column), 1-based
    outer_cell: tuple[int, int, int] | None = None  # DOCX nested table: the cell holding it
    box: tuple[int, int] | None = None  # DOCX text box: (box, paragraph in the box), 1-based
    excerpt: str | None = None
    source: str | None = None

    def but(self, **changes: Any) -> Location:
        """A copy with some fields changed (locations are shared, never mutated).

        Field by field rather than ``dataclasses.replace``, which inspects the
        class on every call: checks make thousands of these on a long book.
        """
        copy = Location(*(getattr(self, name) for name in _LOCATION_FIELDS))
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy

    def as_dict(self) -> dict[str, Any]:
        """The non-empty fields, in declaration order, for JSON and templates."""
        out: dict[str, Any] = {}
        for name in _LOCATION_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if name == "bbox":
                value = [round(v, 1) for v in value]
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, StrEnum):
                value = str(value)
            out[name] = value
        return out


_LOCATION_FIELDS = tuple(f.name for f in fields(Location))


@dataclass(slots=True)
class Span:
    """A run of text sharing one set of properties."""

    text: str
    size: float | None = None
    font: str | None = None  # family or PostScript name, subset tag removed
    bold: bool | None = None
    italic: bool | None = None
    weight: int | None = None  # OS/2 usWeightClass, 100-900
    # Font traits from the font program or name: "script", "decorative",
    # "condensed", "monospace", "synthetic-bold", "oldstyle-figures", "type3".
    # Light and black are not traits: checks judge ``weight`` against their options.
    traits: frozenset[str] = frozenset()
    caps: bool = False  # shown in capitals by a property (DOCX w:caps)
    small_caps: bool = False
    underline: bool | None = None
    superscript: bool = False  # superscript or subscript
    color: RGB | None = None
    # What lies directly behind the text when the format states it (DOCX
    # shading, highlight, page background). PDF leaves it None: the analysis
    # resolves backgrounds from shapes, images and pixels.
    background: RGB | None = None
    background_source: str | None = None
    bbox: BBox | None = None
    order: int | None = None  # PDF painting order (seqno), for z-order
    char_spacing: float | None = None  # extra letter spacing in pt
    scale: float | None = None  # horizontal scale in percent
    size_source: str | None = None  # DOCX: where the size came from
    font_source: str | None = None  # DOCX: where the font came from


@dataclass(slots=True)
class Line:
    """One printed line (PDF). DOCX has no lines without a layout engine."""

    spans: list[Span]
    bbox: BBox
    baseline: float
    angle: float = 0.0  # degrees from horizontal as displayed, page rotation applied
    vertical: bool = False  # vertical writing mode
    word_gaps: list[float] = field(default_factory=list)  # pt, glyph to glyph across spaces
    space_width: float | None = None  # the font's nominal space at this size, pt
    letter_gap: float | None = None  # mean extra gap between letters of a word, pt
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self._text if self._text is not None else self._joined()

    def _joined(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(slots=True)
class Block:
    """A paragraph: the unit most checks judge and report."""

    index: int  # position in Document.blocks
    spans: list[Span]
    location: Location
    role: Role = Role.BODY
    lines: list[Line] = field(default_factory=list)  # PDF only
    part: Part = Part.BODY
    alignment: Alignment | None = None
    alignment_source: str | None = None
    style: str | None = None
    outline_level: int | None = None  # 0-8 for headings
    in_table: bool = False  # in a table of data (DOCX: not a panel of a page-layout grid)
    list_item: bool = False
    space_before: float | None = None  # pt (DOCX)
    space_after: float | None = None  # pt (DOCX)
    spacing_source: str | None = None
    contextual_spacing: bool | None = None
    line_rule: str | None = None  # DOCX: "auto", "exact" or "atLeast"
    line_value: float | None = None  # DOCX: multiple (auto) or points
    line_pitch: float | None = None  # baseline to baseline, pt (measured or computed)
    indent_left: float | None = None
    indent_right: float | None = None
    indent_first: float | None = None  # negative for a hanging indent
    text_width: float | None = None  # DOCX: the measure available to lines, pt
    columns: int | None = None  # DOCX: columns of the section it is in
    shading: RGB | None = None
    hyphenate: bool | None = None  # DOCX: automatic hyphenation applies here
    soft_hyphens: int = 0
    right_to_left: bool = False
    text_direction: str | None = None  # DOCX table cell or text box direction
    empty_before: int = 0  # DOCX: empty paragraphs used as spacing before it
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The paragraph's text; printed lines are joined with a space."""
        return self._text if self._text is not None else self._joined()

    def _joined(self) -> str:
        if self.lines:
            return " ".join(line.text.strip() for line in self.lines)
        return "".join(s.text for s in self.spans)

    def settle(self) -> None:
        """Keep the text from now on: the model is finished, and the checks
        read a paragraph's text tens of thousands of times in one audit."""
        for line in self.lines:
            line._text = line._joined()
        self._text = self._joined()

    @property
    def page(self) -> int | None:
        return self.location.page

    @property
    def bbox(self) -> BBox | None:
        return self.location.bbox


@dataclass(slots=True)
class ChartText:
    """Text Word draws in a DOCX chart from its data: what it is and its size."""

    element: str  # "title", "axis labels", "axis title", "data labels", "legend"
    size: float  # pt
    size_source: str  # "the chart" (on the element), "the chart's default text size", "Word's default..."


@dataclass(slots=True)
class Image:
    """A placed picture."""

    location: Location
    pixel_width: int | None = None
    pixel_height: int | None = None
    placed_width: float | None = None  # pt
    placed_height: float | None = None  # pt
    # DOCX wrapping: "inline", "square", "tight", "through", "top-and-bottom", "none"
    wrap: str | None = None
    wrap_side: str | None = None  # "bothSides", "left", "right", "largest"
    behind_text: bool | None = None
    h_align: str | None = None  # "left", "center", "right", "inside", "outside"
    h_offset: float | None = None  # pt from h_relative
    h_relative: str | None = None  # "margin", "column", "page", "character"...
    distance: tuple[float, float, float, float] | None = None  # wrap distance t, b, l, r (pt)
    name: str | None = None
    order: int | None = None  # PDF painting order
    linked: bool = False  # DOCX: picture not embedded
    crop: tuple[float, float, float, float] | None = None  # fractions cropped l, t, r, b
    load: Callable[[], bytes | None] | None = None  # encoded bytes, read lazily
    # PDF, a picture cut by a clip that is not a rectangle (a round photo, a
    # cut-out figure): the picture as printed, PAM (Netpbm, with alpha), transparent
    # where the clip hides it, over the same box as ``load``'s pixels. None: ``load``
    # shows it all.
    load_shown: Callable[[], bytes | None] | None = None
    # "picture"; "chart": drawn by Word from data; "drawing": a vector metafile
    # (EMF/WMF). Neither of the last two has pixels.
    kind: str = "picture"
    chart_text: list[ChartText] = field(default_factory=list)  # a chart's labels, titles, legend

    @property
    def effective_ppi(self) -> float | None:
        """Pixels per inch as printed: the picture's pixels over its placed size."""
        if not (self.pixel_width and self.pixel_height and self.placed_width and self.placed_height):
            return None
        cl, ct, cr, cb = self.crop or (0.0, 0.0, 0.0, 0.0)
        px_w = self.pixel_width * max(0.0, 1 - cl - cr)
        px_h = self.pixel_height * max(0.0, 1 - ct - cb)
        return min(px_w / (self.placed_width / 72), px_h / (self.placed_height / 72))


@dataclass(slots=True)
class Shape:
    """A vector drawing: background panel, rule, writing line or box."""

    bbox: BBox
    fill: RGB | None = None
    stroke: RGB | None = None
    opacity: float = 1.0
    kind: str = "path"  # "rect", "path", "line", "shading"
    order: int | None = None  # PDF painting order
    page: int | None = None


@dataclass(slots=True)
class FormField:
    """Somewhere the reader is asked to write."""

    location: Location
    kind: str  # "text", "checkbox", "choice", "date", "line", "box", ...
    width: float | None = None  # pt
    height: float | None = None  # pt
    name: str | None = None
    # What made it: "widget" (PDF form field), "legacy" (DOCX w:ffData),
    # "content control" (DOCX w:sdt: a place to type, usually for whoever
    # edits the file), "cell" (an empty table cell after a label). None: unknown.
    origin: str | None = None


@dataclass(slots=True)
class Page:
    """A PDF page as displayed (rotation applied to width and height)."""

    number: int  # 1-based
    width: float
    height: float
    rotation: int = 0
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    scanned: bool = False  # no text layer over a page-sized picture
    unread: bool = False  # its content could not be read (damaged, or not run: see its note)
    hidden_chars: int = 0  # invisible text (OCR layers, render mode 3)
    clipped_chars: int = 0  # text cut off by a clip path or the page edge
    # Every vector path drawn on the page; ``shapes`` keeps only the sizeable
    # ones, so many uncounted small paths mean outlined text or busy artwork.
    path_count: int = 0
    # Renders the page with its text removed, for sampling what lies behind
    # text that sits over pictures: ``render_background(clip=None)`` returns
    # (Pillow RGB image, pixels per pt), pixel = point x scale in unrotated page
    # space. With a clip (x0, y0, x1, y1) only that box is drawn, grown to whole
    # pixels: the image's top-left pixel is (floor(x0 x scale), floor(y0 x scale))
    # of the whole-page render.
    render_background: Callable[..., tuple[Any, float]] | None = None


@dataclass(slots=True)
class HeaderFooter:
    """A DOCX header or footer of one section."""

    kind: str  # "header" or "footer"
    variant: str  # "default", "first", "even"
    has_page_number: bool
    alignment: Alignment | None = None  # of the page number: its paragraph's, or its frame's
    # A page number in a frame placed other than left, centre or right of the
    # margins, in words: "outside of the margins", "right of the page", "72 pt from the page".
    frame: str | None = None
    text: str = ""
    linked_to_previous: bool = False


@dataclass(slots=True)
class Section:
    """A DOCX section: its page and the frame lines are set in."""

    number: int  # 1-based
    width: float | None = None  # pt
    height: float | None = None  # pt
    margin_left: float | None = None
    margin_right: float | None = None
    margin_top: float | None = None
    margin_bottom: float | None = None
    gutter: float | None = None
    columns: int = 1
    column_space: float | None = None  # pt between columns
    column_rule: bool = False
    column_widths: list[float] = field(default_factory=list)
    text_direction: str | None = None
    headers_footers: list[HeaderFooter] = field(default_factory=list)
    different_first_page: bool = False
    # Where the panels of a landscape page laid out by a one-row table run, pt
    # from the page's left edge (a leaflet's folds fall between them).
    panels: list[tuple[float, float]] = field(default_factory=list)

    @property
    def location(self) -> Location:
        return Location(section=self.number)


@dataclass(slots=True)
class TextBox:
    """A DOCX text box (or a shape holding text): where it sits and how its text flows.

    The position is the box's left and top edge, pt, from the frames Word
    states (``h_relative``/``v_relative``: "page", "margin", "column",
    "paragraph"...); None when the box sits in a line of text.
    """

    number: int  # 1-based in document order, as in Location.box
    location: Location  # the anchoring paragraph
    name: str | None = None  # "Text Box 3" (wp:docPr/@name), never an internal id
    x: float | None = None
    y: float | None = None
    width: float | None = None  # pt
    height: float | None = None  # pt
    h_relative: str | None = None
    v_relative: str | None = None
    linked: bool = False  # its text flows on into another box (a chain of linked boxes)
    group: int | None = None  # boxes drawn as one group (a call-out) share this number


@dataclass(slots=True)
class Contents:
    """Evidence of a contents list found by the reader (DOCX fields and styles)."""

    location: Location
    kind: str  # "field", "gallery", "styles", "heading"
    entries: int = 0
    stale: bool = False  # a field with no or placeholder result


@dataclass(slots=True)
class Document:
    """Everything the checks need to know about one file."""

    path: str
    format: str  # "pdf" or "docx"
    blocks: list[Block] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)  # PDF
    sections: list[Section] = field(default_factory=list)  # DOCX
    images: list[Image] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)  # PDF bookmarks (not a printed contents list)
    contents: list[Contents] = field(default_factory=list)  # DOCX contents evidence
    page_count: int | None = None  # PDF: pages; DOCX: see page_count_source
    # DOCX: "saved" (the count Word saved in docProps/app.xml) or "estimate"
    # (from the content, when the saved count is missing or plainly stale: it
    # errs low). PDF: None, the count is the file's.
    page_count_source: str | None = None
    saved_page_count: int | None = None  # DOCX: docProps/app.xml's count, even when not used
    auto_hyphenation: bool | None = None  # DOCX settings
    mirror_margins: bool | None = None
    book_fold: bool | None = None
    even_odd_headers: bool | None = None
    page_background: RGB | None = None  # DOCX background shown behind every page
    # DOCX: a picture, texture or pattern shown behind every page, described
    # ("tiled picture “Parchment”"); page_background is then None (no one colour).
    page_texture: str | None = None
    text_boxes: int = 0
    boxes: list[TextBox] = field(default_factory=list)  # DOCX text boxes, by number
    notes: list[str] = field(default_factory=list)  # reader remarks for the report
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # shared analysis results

    def settle(self) -> None:
        """The text is finished (layout only adds roles and alignment): keep it (see Block.settle)."""
        for block in self.blocks:
            block.settle()

    def spans(self) -> Iterator[tuple[Block, Span]]:
        """Every visible span with its block, in document order."""
        for block in self.blocks:
            for span in block.spans:
                yield block, span

    def body_blocks(self) -> Iterator[Block]:
        """Paragraphs of running text: body role, in the main story, outside tables."""
        for block in self.blocks:
            if block.role is Role.BODY and block.part is Part.BODY and not block.in_table:
                yield block

    @property
    def scanned_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.scanned]

    @property
    def unread_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.unread]
