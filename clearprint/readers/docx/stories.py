"""Walk every story of a document and emit model Blocks in reading order.

Stories: the body (tables and nested tables in place, content controls
opened), headers and footers, footnotes and endnotes, and text boxes (which
follow the paragraph that anchors them). Paragraph numbers follow the model's
Location rules: 1-based in document order within the body (table cells in
place), within the part for headers, footers and notes, and the anchoring
paragraph's number for text boxes, with the box's number and the paragraph's
within it. Tables are numbered within their story in the order they begin.

While walking the body the walker also pours it into estimated pages
(pagecount.py): the estimated page count, and where the first page ends, which
roles.py needs to tell a cover's title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clearprint import model
from clearprint.model import RGB, Block, Contents, FormField, Image, Location, Part, Role, Span
from clearprint.readers.docx import paragraphs as para
from clearprint.readers.docx.colors import shading_source
from clearprint.readers.docx.drawings import DrawingReader, TextBox
from clearprint.readers.docx.fields import (
    CELL,
    PAGE_FIELD,
    FieldSpec,
    FieldTracker,
    OpenField,
    content_control,
    gallery,
    is_contents_list,
    is_stale_toc,
)
from clearprint.readers.docx.formatting import Background, SpanFormatter
from clearprint.readers.docx.ooxml import MC_ALTERNATE, MC_CHOICE, W, attr, first_child
from clearprint.readers.docx.package import Package
from clearprint.readers.docx.pagecount import PageEstimator
from clearprint.readers.docx.properties import Shading, parse_ppr, parse_rpr, parse_shading
from clearprint.readers.docx.runs import SOFT_HYPHEN, InlineContent, collect
from clearprint.readers.docx.sections import SectionInfo
from clearprint.readers.docx.styles import StyleSheet
from clearprint.readers.docx.tables import (
    TableCell,
    TableKey,
    cell_text,
    iter_cells,
    layout_panels,
    table_indent,
)
from clearprint.readers.docx.theme import Theme
from clearprint.textfacts import line_count

_P = W + "p"
_TBL = W + "tbl"
_SDT = W + "sdt"
_SDT_CONTENT = W + "sdtContent"
_SDT_PR = W + "sdtPr"
_CUSTOM_XML = W + "customXml"
_PPR = W + "pPr"
_RPR = W + "rPr"
_SHD = W + "shd"
_ANY_DRAWING = f".//{W}drawing"
_HORIZONTAL = {None, "lrTb", "lr"}  # ECMA transitional and strict names for ordinary lines
_EXCERPT = 60
_IN_FLOW = ("inline", "top-and-bottom")  # pictures that push the text down


@dataclass(frozen=True, slots=True)
class Context:
    """Where the paragraphs being walked sit: story, frame and inherited backgrounds."""

    part: Part
    story: str  # counter key: "body", a header part name...
    part_name: str  # package part the XML comes from, for relationships (pictures)
    section: int | None = None  # fixed section; None means "the body's current section"
    anchor: int | None = None  # text boxes: the anchoring paragraph's number
    width: float | None = None  # measure available before paragraph indents, pt
    columns: int | None = None
    background: Background = None
    table_cell: tuple[int, int, int] | None = None
    outer_cell: tuple[int, int, int] | None = None  # the cell holding a nested table
    box: int | None = None  # the text box being walked
    panel: bool = False  # a cell of a page-layout grid (or a one-column table inside one)
    table_key: TableKey | None = None
    row_height: float | None = None
    text_direction: str | None = None


@dataclass(slots=True)
class PartSummary:
    """What a header or footer part shows, for the Section's HeaderFooter entries."""

    has_page_number: bool = False
    alignment: Any = None
    frame: str | None = None  # the page number's frame, when not aligned to the margins
    texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Paragraph:
    """One walked paragraph, whether or not it became a block."""

    location: Location
    content: InlineContent
    pitch: float
    block: Block | None
    breaks_section: bool  # its w:pPr ends a section
    page_break_before: bool  # w:pageBreakBefore
    spacing: para.Spacing


class StoryWalker:
    """Emits blocks, images, form fields and contents evidence for every story."""

    def __init__(
        self,
        package: Package,
        sheet: StyleSheet,
        theme: Theme,
        sections: list[SectionInfo],
        auto_hyphenation: bool,
        page_background: RGB | None,
        page_texture: str | None = None,
    ) -> None:
        self._sheet = sheet
        self._theme = theme
        self._sections = sections
        self._hyphenation = auto_hyphenation
        self._page: Background = (page_background, "page") if page_background else None
        if page_texture:
            self._page = (None, f"page background {page_texture}")
        self._formatter = SpanFormatter(sheet, theme)
        self._drawings = DrawingReader(theme, package)
        self.blocks: list[Block] = []
        self.images: list[Image] = []
        self.fields: list[FormField] = []
        self.contents: list[Contents] = []
        self.text_boxes = 0
        self.boxes: list[model.TextBox] = []
        self.first_page_end: int | None = None  # index of the first block past the body's first page
        self.pages = PageEstimator(sections)
        self._box_links: dict[str, model.TextBox] = {}  # DrawingML chain id → its first box
        self._continued: set[str] = set()  # chain ids that some empty linked box continues
        self._groups = 0
        self.note_sections: dict[tuple[str, str], int] = {}  # ("footnote", id) → section
        self.summaries: dict[str, PartSummary] = {}
        self._counters: dict[str, int] = {}
        self._trackers: dict[str, FieldTracker] = {}
        self._body_section = 1
        self._tables: dict[str, int] = {}  # per story
        self._toc_styled: list[Block] = []
        self._pending_controls: list[FieldSpec] = []  # block content controls, for their first paragraph
        self._last_pitch: float | None = None  # of the last paragraph walked (empty cells)
        self._formats: dict[tuple[Any, TableKey | None], para.ParagraphFormat] = {}
        self._spacings: dict[tuple[int, float, str | None], para.Spacing] = {}
        self._measures = [(info.section.columns, info.column_width) for info in sections]

    # -- stories -------------------------------------------------------------

    def walk_body(self, body: Any, part_name: str) -> None:
        self._blocks(body, Context(Part.BODY, "body", part_name, background=self._page), 0)
        self._finish_toc_styles()

    def finish(self) -> None:
        """After every story: mark text boxes whose text runs on into linked boxes; name pictures."""
        for chain, box in self._box_links.items():
            box.linked = box.linked or chain in self._continued
        for number_, image in enumerate(self.images, start=1):
            if image.name is None:
                image.name = f"picture {number_}"

    def walk_header_footer(self, root: Any, kind: Part, name: str, section: int) -> PartSummary:
        """One header or footer part (walked once however many sections show it)."""
        summary = self.summaries.setdefault(name, PartSummary())
        info = self._sections[section - 1]
        ctx = Context(kind, name, name, section=section, width=info.measure, columns=1, background=self._page)
        first = len(self.blocks)
        self._blocks(root, ctx, 0)
        summary.texts = [block.text for block in self.blocks[first:]]
        return summary

    def walk_notes(self, root: Any, kind: Part, part_name: str) -> None:
        """Footnotes or endnotes; separators are not notes. Each note takes its reference's section."""
        name = "footnote" if kind is Part.FOOTNOTE else "endnote"
        for note in root:
            if note.tag != W + name or attr(note, "type") not in (None, "normal"):
                continue
            section = self.note_sections.get((name, attr(note, "id") or ""), 1)
            info = self._sections[min(section, len(self._sections)) - 1]
            ctx = Context(
                kind,
                name,
                part_name,
                section=section,
                width=info.column_width,
                columns=1,
                background=self._page,
            )
            self._blocks(note, ctx, 0)

    # -- block containers ----------------------------------------------------

    def _blocks(self, container: Any, ctx: Context, pending: int) -> int:
        """Walk block-level content; ``pending`` counts empty paragraphs awaiting the next block."""
        for child in container:
            tag = child.tag
            if tag == _P:
                pending = self._paragraph(child, ctx, pending)
            elif tag == _TBL:
                self._table(child, ctx)
                pending = 0
            elif tag == _SDT:
                pending = self._block_sdt(child, ctx, pending)
            elif tag == _CUSTOM_XML:
                pending = self._blocks(child, ctx, pending)
            elif tag == MC_ALTERNATE:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    pending = self._blocks(choice, ctx, pending)
        return pending

    def _block_sdt(self, sdt: Any, ctx: Context, pending: int) -> int:
        """A block content control: a fill-in field, a contents gallery, or just a wrapper."""
        sdt_pr = sdt.find(_SDT_PR)
        control = content_control(sdt_pr)
        if control is not None:
            self._pending_controls.append(control)
        content = sdt.find(_SDT_CONTENT)
        if content is None:
            return pending
        if gallery(sdt_pr) != "Table of Contents":
            return self._blocks(content, ctx, pending)
        first_block, known = len(self.blocks), len(self.contents)
        pending = self._blocks(content, ctx, pending)
        if not any(c.kind == "field" for c in self.contents[known:]):
            entries = [b for b in self.blocks[first_block:] if b.role is Role.CONTENTS]
            where = (
                self.blocks[first_block].location
                if len(self.blocks) > first_block
                else Location(part=ctx.part)
            )
            self.contents.append(Contents(where, "gallery", entries=len(entries), stale=not entries))
            self._toc_styled = [b for b in self._toc_styled if b.index < first_block]  # counted here
        return pending

    # -- paragraphs ----------------------------------------------------------

    def _paragraph(self, p: Any, ctx: Context, pending: int) -> int:
        start, pictures = len(self.blocks), len(self.images)
        walked = self._read_paragraph(p, ctx, pending)
        self._last_pitch = walked.pitch
        self._pictures_and_boxes(walked, ctx)
        if ctx.part is Part.BODY and ctx.box is None:
            self._lay_out(walked, ctx, start, self.images[pictures:])
        self._form_fields(walked, ctx)
        for kind, note_id in walked.content.note_refs:
            self.note_sections.setdefault((kind, note_id), walked.location.section or 1)
        if walked.breaks_section and ctx.part is Part.BODY:
            self._body_section = min(self._body_section + 1, len(self._sections))
        if walked.block is not None:
            return 0
        return 0 if walked.content.drawings else pending + 1

    def _read_paragraph(self, p: Any, ctx: Context, pending: int) -> _Paragraph:
        number_ = ctx.anchor if ctx.anchor is not None else self._next_number(ctx.story)
        ppr = first_child(p, _PPR)
        fmt = self._format(ppr, ctx.table_key)
        location = Location(
            paragraph=number_,
            part=ctx.part,
            section=ctx.section or self._body_section,
            style=fmt.style_name,
            table_cell=ctx.table_cell,
            outer_cell=ctx.outer_cell,
            box=(ctx.box, self._next_number(f"text box {ctx.box}")) if ctx.box is not None else None,
        )
        tracker = self._trackers.get(ctx.story)
        if tracker is None:
            tracker = self._trackers[ctx.story] = FieldTracker()
        content = collect(p, tracker, location)
        background = self._paragraph_background(fmt.shading, ctx.background)
        spans = self._spans(content, fmt.style_id, ctx.table_key, background)
        text = "".join(s.text for s in spans)
        in_toc, finished_fields = tracker.end_paragraph()
        for instruction, result in content.simple_fields:
            self._simple_field(instruction, result, location, ctx, fmt)
        size, font = _dominant(spans) or self._mark_format(ppr, fmt.style_id, ctx.table_key)
        spacing = self._spacing(fmt, size, font)
        block = None
        if text.strip():
            location.excerpt = excerpt(text)
            block = self._block(spans, location, fmt, spacing, ctx, pending, in_toc)
            self.blocks.append(block)
        for finished in finished_fields:
            self._complex_field(finished, ctx, fmt)
        return _Paragraph(location, content, spacing.line_pitch, block, "sectPr" in fmt.props,
                          bool(para.value(fmt.props, "pageBreakBefore")), spacing)

    def _format(self, ppr: Any | None, table_key: TableKey | None) -> para.ParagraphFormat:
        """The paragraph's cached format, keyed by its direct properties and table context."""
        direct = parse_ppr(ppr)
        key = (tuple(direct.items()), table_key)
        fmt = self._formats.get(key)
        if fmt is None:
            style_id, props = self._sheet.paragraph_props(direct, table_key)
            fmt = para.paragraph_format(style_id, self._sheet.name(style_id), props)
            if fmt.shading is not None:
                fmt.shading_rgb = self._theme.shading_color(fmt.shading, None)
            self._formats[key] = fmt
        return fmt

    def _spacing(self, fmt: para.ParagraphFormat, size: float, font: str | None) -> para.Spacing:
        key = (id(fmt), size, font)  # formats stay cached, so their ids are stable
        found = self._spacings.get(key)
        if found is None:
            found = self._spacings[key] = para.spacing(fmt.props, size, font)
        return found

    def _block(
        self,
        spans: list[Span],
        location: Location,
        fmt: para.ParagraphFormat,
        spacing: para.Spacing,
        ctx: Context,
        pending: int,
        in_toc: bool,
    ) -> Block:
        role, level = fmt.role(ctx.part, in_toc)
        measure, columns = ctx.width, ctx.columns
        if ctx.part is Part.BODY:
            columns, column_width = self._measures[(location.section or 1) - 1]
            if ctx.table_cell is None:
                measure = column_width
        width = measure - fmt.indent_left - fmt.indent_right if measure is not None else None
        block = Block(
            index=len(self.blocks),
            spans=spans,
            location=location,
            role=role,
            part=ctx.part,
            alignment=fmt.alignment,
            alignment_source=fmt.alignment_source,
            style=fmt.style_name,
            outline_level=level,
            in_table=ctx.table_cell is not None and not ctx.panel,
            list_item=fmt.list_item,
            space_before=spacing.before,
            space_after=spacing.after,
            spacing_source=spacing.source,
            contextual_spacing=spacing.contextual,
            line_rule=spacing.line_rule,
            line_value=spacing.line_value,
            line_pitch=spacing.line_pitch,
            indent_left=fmt.indent_left,
            indent_right=fmt.indent_right,
            indent_first=fmt.indent_first,
            text_width=width if width is None or width > 0 else None,
            columns=columns,
            shading=fmt.shading_rgb,
            hyphenate=self._hyphenation and not fmt.suppress_hyphens,
            soft_hyphens=sum(s.text.count(SOFT_HYPHEN) for s in spans),
            right_to_left=fmt.right_to_left,
            text_direction=ctx.text_direction or _direction(fmt.text_direction),
            empty_before=pending,
        )
        if role is Role.CONTENTS and not in_toc:
            self._toc_styled.append(block)
        return block

    def _spans(
        self, content: InlineContent, pstyle: str | None, table_key: TableKey | None, background: Background
    ) -> list[Span]:
        """Spans of the visible runs, neighbours with identical formatting merged."""
        templates: list[Span] = []
        texts: list[str] = []
        last: Span | None = None
        for piece in content.pieces:
            template = self._formatter.template(
                piece.text, piece.key, piece.rpr, pstyle, table_key, background
            )
            if template is None:
                continue
            if template is last:
                texts[-1] += piece.text
            else:
                templates.append(template)
                texts.append(piece.text)
                last = template
        with_text = self._formatter.with_text
        return [with_text(template, text) for template, text in zip(templates, texts, strict=True)]

    def _mark_format(
        self, ppr: Any | None, pstyle: str | None, table_key: TableKey | None
    ) -> tuple[float, str | None]:
        """Size and font of the paragraph mark: what an empty paragraph's line is set in."""
        mark = parse_rpr(ppr.find(_RPR)) if ppr is not None else {}
        return self._formatter.size_and_font(mark, pstyle, table_key)

    def _paragraph_background(self, shd: Shading | None, below: Background) -> Background:
        if shd is None:
            return below
        rgb = self._theme.shading_color(shd, below[0] if below else None)
        return (rgb, shading_source(shd.pattern, "paragraph shading")) if rgb is not None else below

    def _next_number(self, story: str) -> int:
        self._counters[story] = self._counters.get(story, 0) + 1
        return self._counters[story]

    # -- pages ---------------------------------------------------------------

    def _lay_out(self, walked: _Paragraph, ctx: Context, start: int, pictures: list[Image]) -> None:
        """Pour a body paragraph into the estimated pages, and note where the first page ends:
        before the paragraph when a page break (typed or Word's) comes before its text, after
        it (its text boxes' blocks included) when it fills the page or holds a break."""
        pages, content = self.pages, walked.content
        if walked.page_break_before or 0 in content.page_breaks:
            pages.break_page()
        self._first_page_ends(start, content.page_break == 0)
        location = walked.location
        blank = walked.block is None and not pictures
        pages.add(_height(walked, pictures), location.section or 1, blank=blank,
                  cell=location.table_cell, outer=location.outer_cell, row_height=ctx.row_height)
        for _ in (n for n in content.page_breaks if n > 0):
            pages.break_page()
        number_ = location.section or 1
        following = self._sections[number_] if number_ < len(self._sections) else None
        new_page = walked.breaks_section and following is not None and following.starts_new_page
        if new_page:
            pages.break_page()
        self._first_page_ends(len(self.blocks), bool(content.page_break) or new_page)

    def _first_page_ends(self, index: int, broken: bool) -> None:
        """The first page ends at block ``index`` if the estimate has begun a second page or
        the text breaks the page there (Word's breaks only end the first page when it holds
        something)."""
        if self.first_page_end is None and (self.pages.begun > 1 or (broken and index > 0)):
            self.first_page_end = index

    # -- fields and contents -------------------------------------------------

    def _simple_field(
        self, instruction: str, result: str, location: Location, ctx: Context, fmt: para.ParagraphFormat
    ) -> None:
        if PAGE_FIELD.search(instruction):
            self._page_number(ctx, fmt)
        elif is_contents_list(instruction):
            entries = 1 if result.strip() else 0
            self.contents.append(Contents(location, "field", entries=entries, stale=is_stale_toc(result)))

    def _complex_field(self, finished: OpenField, ctx: Context, fmt: para.ParagraphFormat) -> None:
        if PAGE_FIELD.search(finished.code):
            self._page_number(ctx, fmt)
        elif finished.is_contents_list:
            result = "".join(finished.result)
            stale = is_stale_toc(result)
            self.contents.append(Contents(finished.anchor, "field", entries=finished.entries, stale=stale))

    def _page_number(self, ctx: Context, fmt: para.ParagraphFormat) -> None:
        """A PAGE field in a header or footer (or a text box in one): note where it is
        placed, by its paragraph's frame if it has one, else by its alignment."""
        summary = self.summaries.get(ctx.story)
        if summary is not None and not summary.has_page_number:
            summary.has_page_number = True
            summary.alignment = fmt.frame_alignment or fmt.alignment
            summary.frame = fmt.frame

    def _finish_toc_styles(self) -> None:
        """TOC-styled paragraphs outside any TOC field: a contents list typed or pasted by hand."""
        if self._toc_styled:
            first = self._toc_styled[0]
            self.contents.append(Contents(first.location, "styles", entries=len(self._toc_styled)))

    # -- tables --------------------------------------------------------------

    def _table(self, tbl: Any, ctx: Context) -> None:
        """A table, numbered within its story; a nested one names the cell holding it."""
        number_ = self._tables[ctx.story] = self._tables.get(ctx.story, 0) + 1
        cells = list(iter_cells(tbl, self._sheet))
        panel = self._layout_grid(tbl, cells, ctx) or (ctx.panel and all(c.column == 1 for c in cells))
        for cell in cells:
            cell_ctx = Context(
                ctx.part,
                ctx.story,
                ctx.part_name,
                section=ctx.section,
                anchor=ctx.anchor,
                width=cell.width,
                columns=ctx.columns,
                background=self._cell_background(cell, ctx.background),
                table_cell=(number_, cell.row, cell.column),
                outer_cell=ctx.table_cell,
                box=ctx.box,
                panel=panel,
                table_key=cell.table_key,
                row_height=cell.row_height,
                text_direction=_direction(cell.direction) or ctx.text_direction,
            )
            self._cell(cell, cell_ctx)

    def _layout_grid(self, tbl: Any, cells: list[TableCell], ctx: Context) -> bool:
        """A body table that lays a landscape page out in panels (a leaflet): note the panels
        on its section, and say its cells hold running text rather than data."""
        if ctx.part is not Part.BODY or ctx.table_cell is not None or ctx.box is not None:
            return False
        info = self._sections[(ctx.section or self._body_section) - 1]
        section = info.section
        measure = info.measure
        if measure is None or (section.width or 0) <= (section.height or 0):
            return False
        panels = layout_panels(cells, measure)
        if panels is None:
            return False
        if not section.panels:
            left = (section.margin_left or 0.0) + (section.gutter or 0.0) + table_indent(tbl)
            section.panels = [(left + a, left + b) for a, b in panels]
        return True

    def _cell_background(self, cell: TableCell, below: Background) -> Background:
        """Direct cell shading, else the table style's, over what the table sits on."""
        shd_el = cell.properties.get(_SHD)
        if shd_el is not None:
            shading: Shading | None = parse_shading(shd_el)
        else:
            styled = self._sheet.table_shading(cell.table_key)
            shading = styled[0] if styled else None
        if shading is None:
            return below
        rgb = self._theme.shading_color(shading, below[0] if below else None)
        return (rgb, shading_source(shading.pattern, "cell shading")) if rgb is not None else below

    def _cell(self, cell: TableCell, ctx: Context) -> None:
        """Walk a cell; an empty cell right of a "Label:" cell is a box to write in."""
        before = len(self.blocks)
        paragraphs_before = self._counters.get(ctx.story, 0)
        self._blocks(cell.element, ctx, 0)
        if len(self.blocks) > before or cell.previous is None or cell.element.find(_ANY_DRAWING) is not None:
            return
        label = cell_text(cell.previous).strip()
        if not label.endswith((":", "?")):
            return
        location = Location(
            paragraph=paragraphs_before + 1, part=ctx.part, section=ctx.section or self._body_section,
            table_cell=ctx.table_cell, outer_cell=ctx.outer_cell, excerpt=excerpt(label),
        )  # fmt: skip
        height = ctx.row_height or self._last_pitch
        self.fields.append(
            FormField(location, "box", width=ctx.width, height=height, name=label.rstrip(":?"), origin=CELL)
        )

    # -- pictures, text boxes, form fields -----------------------------------

    def _pictures_and_boxes(self, walked: _Paragraph, ctx: Context) -> None:
        for drawing in walked.content.drawings:
            self.images.extend(self._drawings.images(drawing, ctx.part_name, walked.location))
            self._continued.update(self._drawings.continuations(drawing))
            boxes = self._drawings.text_boxes(drawing)
            group = None
            if any(box.grouped for box in boxes):
                self._groups += 1
                group = self._groups
            for box in boxes:
                self._text_box(box, walked.location, ctx, group if box.grouped else None)

    def _text_box(self, box: TextBox, anchor: Location, ctx: Context, group: int | None) -> None:
        self.text_boxes += 1
        record = model.TextBox(
            self.text_boxes, anchor, name=box.name, x=box.x, y=box.y,
            width=box.box_width, height=box.box_height, h_relative=box.h_relative,
            v_relative=box.v_relative, linked=box.linked, group=group,
        )  # fmt: skip
        self.boxes.append(record)
        if box.link_id:
            self._box_links.setdefault(box.link_id, record)
        box_ctx = Context(
            Part.TEXTBOX,
            ctx.story,  # shares the anchoring story's fields (page numbers in header text boxes)
            ctx.part_name,
            section=anchor.section,
            anchor=anchor.paragraph,
            width=box.width,
            columns=1,
            background=_box_background(box) or self._page,
            box=self.text_boxes,
            text_direction=box.direction,
        )
        self._blocks(box.content, box_ctx, 0)

    def _form_fields(self, walked: _Paragraph, ctx: Context) -> None:
        found = self._pending_controls + walked.content.form_fields
        self._pending_controls = []
        width = ctx.width if ctx.table_cell is not None else None
        height = ctx.row_height or walked.pitch
        for spec in found:
            self.fields.append(
                FormField(walked.location, spec.kind, width, height, name=spec.name, origin=spec.origin)
            )


def _box_background(box: TextBox) -> Background:
    """A text box's fill as a background; a fill of no single colour keeps only its kind."""
    if box.fill is not None:
        return box.fill, "text box fill"
    if box.fill_kind is not None:
        return None, f"text box fill ({box.fill_kind})"
    return None


def excerpt(text: str) -> str:
    """The first ~60 characters of a paragraph, whitespace collapsed."""
    flat = " ".join(text.replace(SOFT_HYPHEN, "").split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1].rstrip() + "…"


def _height(walked: _Paragraph, pictures: list[Image]) -> float:
    """A body paragraph's estimated height, pt: its lines, or its in-line pictures if taller,
    with the space before and after it."""
    lines = line_count(walked.block) if walked.block is not None else 1
    shown = sum(p.placed_height or 0 for p in pictures if p.wrap in _IN_FLOW)
    spacing = walked.spacing
    return max((lines or 1) * walked.pitch, shown) + spacing.before + spacing.after


def _dominant(spans: list[Span]) -> tuple[float, str | None] | None:
    """Size and font of most of the visible characters."""
    if len(spans) == 1:
        only = spans[0]
        return (only.size, only.font) if only.size is not None and only.text.strip() else None
    weights: dict[tuple[float, str | None], int] = {}
    for span in spans:
        count = len(span.text.strip())
        if count and span.size is not None:
            key = (span.size, span.font)
            weights[key] = weights.get(key, 0) + count
    return max(weights, key=weights.__getitem__) if weights else None


def _direction(value: str | None) -> str | None:
    return None if value in _HORIZONTAL else value
