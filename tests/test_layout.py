"""Layout inference on PDFs built here: body size, roles, alignment, line pitch."""

from __future__ import annotations

import itertools
from pathlib import Path

import pymupdf
import pytest
from modelkit import pdf_block, pdf_line, run_check, span

from clearprint.analysis import layout
from clearprint.analysis.forms import option_blocks
from clearprint.analysis.geometry import from_display, to_display
from clearprint.model import Alignment, Block, Document, Line, Page, Role
from clearprint.readers.pdf import read_pdf

PARAGRAPH = ("Clear print is a way of designing documents so that as many people as possible "
             "can read them, including people with sight loss. It asks for good contrast, "
             "a large type size, plain fonts and a layout that is easy to follow from one "
             "line to the next and from one page to the next.")


def build(tmp_path: Path, *draws, **page) -> object:
    """A PDF with one page per drawing function, read and analysed."""
    pdf = pymupdf.open()
    for draw in draws:
        draw(pdf.new_page(**page))
    path = tmp_path / "layout.pdf"
    pdf.save(path)
    doc = read_pdf(path)
    layout.infer(doc)
    return doc


def by_text(doc, start: str):
    return next(b for b in doc.blocks if b.text.startswith(start))


@pytest.mark.parametrize(("align", "expected"), [
    (pymupdf.TEXT_ALIGN_LEFT, Alignment.LEFT),
    (pymupdf.TEXT_ALIGN_CENTER, Alignment.CENTER),
    (pymupdf.TEXT_ALIGN_RIGHT, Alignment.RIGHT),
    (pymupdf.TEXT_ALIGN_JUSTIFY, Alignment.JUSTIFIED),
])
def test_paragraph_alignment(tmp_path, align, expected):
    doc = build(tmp_path, lambda p: p.insert_textbox((72, 72, 372, 400), PARAGRAPH, fontsize=12,
                                                     align=align))
    block = doc.blocks[0]
    assert len(block.lines) >= 4
    assert block.alignment is expected
    assert block.alignment_source == "geometry"


def test_ragged_lines_that_happen_to_fill_are_not_justified(tmp_path):
    # Short lines of equal length: left and right flush, but word gaps are nominal.
    text = "\n".join(["aaaa bbbb cccc dddd"] * 4)
    doc = build(tmp_path, lambda p: p.insert_textbox((72, 72, 400, 300), text, fontname="cour",
                                                     fontsize=12))
    assert doc.blocks[0].alignment is Alignment.LEFT


def test_short_blocks_are_undecided_unless_clearly_centred(tmp_path):
    def draw(page):
        page.insert_textbox((72, 72, 472, 300), PARAGRAPH, fontsize=12)
        page.insert_textbox((72, 320, 472, 360), "A centred line", fontsize=12,
                            align=pymupdf.TEXT_ALIGN_CENTER)
        page.insert_text((72, 400), "A short left line", fontsize=12)

    doc = build(tmp_path, draw)
    assert by_text(doc, "A centred").alignment is Alignment.CENTER
    assert by_text(doc, "A short left").alignment is None


def test_line_pitch_is_the_median_baseline_distance(tmp_path):
    def draw(page):
        page.insert_textbox((72, 72, 372, 400), PARAGRAPH, fontsize=12, lineheight=1.5)

    block = build(tmp_path, draw).blocks[0]
    pitches = [b.baseline - a.baseline for a, b in itertools.pairwise(block.lines)]
    assert block.line_pitch == pytest.approx(sorted(pitches)[len(pitches) // 2], abs=0.01)
    assert block.line_pitch > 1.5 * 12


def test_body_size_heading_and_title(tmp_path):
    def first(page):
        page.insert_text((72, 100), "Annual report", fontsize=28)
        page.insert_text((72, 160), "Introduction", fontsize=18)
        page.insert_textbox((72, 180, 500, 400), PARAGRAPH, fontsize=12)
        page.insert_text((72, 440), "Key points", fontname="hebo", fontsize=12)
        page.insert_textbox((72, 450, 500, 700), PARAGRAPH, fontsize=12)

    def second(page):
        page.insert_text((72, 100), "Next steps", fontsize=18)
        page.insert_textbox((72, 120, 500, 400), PARAGRAPH, fontsize=12)

    doc = build(tmp_path, first, second)
    assert doc.cache["body_size"] == 12
    roles = {b.text.strip()[:12]: b.role for b in doc.blocks}
    assert roles["Annual repor"] is Role.TITLE
    assert roles["Introduction"] is Role.HEADING
    assert roles["Key points"] is Role.HEADING
    assert roles["Next steps"] is Role.HEADING
    assert roles["Clear print "] is Role.BODY


def test_bold_does_not_mark_headings_when_everything_is_bold(tmp_path):
    def draw(page):
        page.insert_text((72, 100), "Who we are", fontname="hebo", fontsize=12)
        page.insert_textbox((72, 120, 500, 400), PARAGRAPH, fontname="hebo", fontsize=12)

    doc = build(tmp_path, draw)
    assert {b.role for b in doc.blocks} == {Role.BODY}


def test_running_heads_and_page_numbers_are_furniture(tmp_path):
    def page_with(number: int):
        def draw(page):
            page.insert_text((72, 300), "Report on services", fontsize=12)  # repeats mid-page
            page.insert_textbox((72, 330, 500, 700), PARAGRAPH, fontsize=12)
            page.insert_text((290, 820), str(number), fontsize=12)  # bottom zone
        return draw

    doc = build(tmp_path, *(page_with(n) for n in range(1, 5)))
    assert {b.role for b in doc.blocks if b.text.strip().isdigit()} == {Role.FURNITURE}
    assert {b.role for b in doc.blocks if b.text.startswith("Report on")} == {Role.FURNITURE}
    assert {b.role for b in doc.blocks if b.text.startswith("Clear print")} == {Role.BODY}


def test_contents_lines_with_dot_leaders(tmp_path):
    entries = "\n".join(f"Chapter {n} ........................ {n * 4}" for n in range(1, 6))
    doc = build(tmp_path, lambda p: p.insert_textbox((72, 72, 500, 400), entries, fontsize=12))
    assert doc.blocks[0].role is Role.CONTENTS


def test_caption_under_a_picture(tmp_path):
    def draw(page):
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 30, 20), False)
        pix.set_rect(pix.irect, (90, 120, 200))
        page.insert_image((72, 72, 372, 272), pixmap=pix)
        page.insert_text((72, 290), "Figure 1: the view from the hill", fontsize=10)
        page.insert_textbox((72, 400, 500, 700), PARAGRAPH, fontsize=12)

    doc = build(tmp_path, draw)
    assert by_text(doc, "Figure 1").role is Role.CAPTION


def test_vertical_text_has_no_alignment_and_rotated_pages_still_have_a_body_size(tmp_path):
    def draw(page):
        page.insert_textbox((72, 72, 372, 400), PARAGRAPH, fontsize=11)
        page.set_rotation(90)

    doc = build(tmp_path, draw)
    assert doc.cache["body_size"] == 11
    assert doc.blocks[0].alignment is None


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_display_geometry_matches_pymupdf(rotation):
    pdf = pymupdf.open()
    mu_page = pdf.new_page(width=300, height=500)
    mu_page.set_rotation(rotation)
    page = Page(number=1, width=mu_page.rect.width, height=mu_page.rect.height, rotation=rotation)
    box = (10.0, 20.0, 50.0, 80.0)
    expected = tuple(pymupdf.Rect(box) * mu_page.rotation_matrix)
    assert to_display(box, page) == pytest.approx(expected)
    assert from_display(to_display(box, page), page) == pytest.approx(box)


# Figures, tables, title matter, page body sizes (the PDF review of real documents) ----


def test_labels_inside_a_diagram_are_figure_text_and_not_centred_body(tmp_path):
    def draw(page):
        page.insert_textbox((72, 72, 500, 200), PARAGRAPH, fontsize=12)
        for x in (100, 250, 400):  # three boxes joined by arrows: a flow chart
            page.draw_rect((x, 300, x + 100, 340), color=(0, 0, 0))
            page.insert_textbox((x, 312, x + 100, 340), "Check the form", fontsize=8,
                                align=pymupdf.TEXT_ALIGN_CENTER)
        page.draw_line((200, 320), (250, 320))
        page.draw_line((350, 320), (400, 320))
        page.insert_textbox((72, 420, 500, 600), PARAGRAPH, fontsize=12)

    doc = build(tmp_path, draw)
    labels = [b for b in doc.blocks if b.text.startswith("Check the form")]
    assert labels and {b.role for b in labels} == {Role.FIGURE}
    assert {b.role for b in doc.blocks if b.text.startswith("Clear print")} == {Role.BODY}
    assert run_check("CP11", doc)[0] == "yes"  # CP11 leaves labels in drawings alone


def test_labels_beside_tick_boxes_are_not_figure_text(tmp_path):
    options = ["Single", "Married filing jointly", "Married filing separately", "Head of household"]

    def draw(page):
        page.insert_textbox((72, 72, 500, 200), PARAGRAPH, fontsize=12)
        for i, option in enumerate(options):  # a form's tick boxes (8 pt, about 3 mm) down a column
            y = 260 + 14 * i
            page.draw_rect((100, y, 108, y + 8), color=(0, 0, 0), fill=(1, 1, 1))
            page.insert_text((114, y + 7), option, fontsize=9)
        page.insert_textbox((72, 360, 500, 500), PARAGRAPH, fontsize=12)

    doc = build(tmp_path, draw)
    labels = [b for b in doc.blocks if b.text.startswith(tuple(options))]
    assert labels and Role.FIGURE not in {b.role for b in labels}


def test_a_ruled_table_is_table_text_and_its_filled_header_row_is_headings(tmp_path):
    def draw(page):
        page.insert_textbox((72, 60, 500, 200), PARAGRAPH, fontsize=12)
        left, right, top = 72, 472, 240
        columns = (72, 222, 347, 472)
        page.draw_rect((left, top, right, top + 30), color=None, fill=(0.8, 0.1, 0.1))
        for y in (top, top + 30, top + 55, top + 80, top + 105):
            page.draw_line((left, y), (right, y), color=(0.8, 0.1, 0.1))
        for x in columns:
            page.draw_line((x, top), (x, top + 105), color=(1, 1, 1))
        for x0, x1 in itertools.pairwise(columns):
            page.insert_textbox((x0, top + 6, x1, top + 30), "Specialist care", fontsize=10,
                                color=(1, 1, 1), align=pymupdf.TEXT_ALIGN_CENTER)
            for row in range(3):
                page.insert_text((x0 + 6, top + 48 + 25 * row), "93% (86-98)", fontsize=10)

    doc = build(tmp_path, draw)
    headers = [b for b in doc.blocks if b.text.startswith("Specialist")]
    cells = [b for b in doc.blocks if b.text.startswith("93%")]
    assert headers and all(b.role is Role.HEADING for b in headers)
    assert cells and all(b.in_table for b in cells)
    assert not any(b.in_table for b in doc.blocks if b.text.startswith("Clear print"))


def test_rows_of_names_and_times_are_a_table_without_rules(tmp_path):
    acts = ["Faith No More", "Korn", "Limp Bizkit", "Staind", "The Blackout"]

    def draw(page):
        for i, act in enumerate(acts):
            y = 100 + 14 * i
            page.insert_text((72, y), act, fontsize=9)
            page.insert_text((180, y), f"{13 + i}:00 - {13 + i}:45", fontsize=9)

    doc = build(tmp_path, draw)
    rows = [b for b in doc.blocks if b.text.strip()]
    assert rows and all(b.in_table for b in rows)


def test_figure_and_table_labels_are_captions(tmp_path):
    def draw(page):
        page.insert_textbox((72, 72, 500, 300), PARAGRAPH, fontsize=12)
        page.insert_textbox((72, 320, 500, 360), "Figure 13. Detailed trace recording statistics.",
                            fontsize=12, align=pymupdf.TEXT_ALIGN_CENTER)
        page.insert_textbox((72, 380, 500, 500), "Figure 7 shows basic trace tree compilation "
                            "applied to a nested loop, which we describe below.", fontsize=12)

    doc = build(tmp_path, draw)
    assert by_text(doc, "Figure 13.").role is Role.CAPTION
    assert by_text(doc, "Figure 7 shows").role is Role.BODY


def test_authors_under_the_title_are_title_matter(tmp_path):
    def draw(page):
        page.insert_textbox((72, 60, 540, 100), "Trace-based compilation for dynamic languages",
                            fontsize=18, align=pymupdf.TEXT_ALIGN_CENTER)
        page.insert_textbox((72, 110, 540, 160), "Andreas Gal, Brendan Eich, Mike Shaver, David "
                            "Anderson, David Mandelin, Mohammad Haghighat, Blake Kaplan",
                            fontsize=12, align=pymupdf.TEXT_ALIGN_CENTER)
        page.insert_textbox((72, 180, 540, 400), PARAGRAPH, fontsize=12)
        page.insert_textbox((72, 420, 540, 700), PARAGRAPH, fontsize=12)

    doc = build(tmp_path, draw)
    assert by_text(doc, "Andreas Gal").role is Role.TITLE
    assert by_text(doc, "Clear print").role is Role.BODY


def test_a_page_set_larger_than_the_document_judges_headings_by_its_own_body_size(tmp_path):
    dish = "Ensalada de verdes, con aderezo de yogurt de parchita y crocante de cereales."

    def menu(page):  # every line at 14 pt: the menu's running text, centred
        for i in range(8):
            page.insert_textbox((72, 80 + 60 * i, 540, 130 + 60 * i), dish, fontsize=14,
                                align=pymupdf.TEXT_ALIGN_CENTER)

    def back(page):  # more text in all at 12 pt: the document's body size
        page.insert_text((72, 60), "Booking", fontsize=14)
        for i in range(3):
            page.insert_textbox((72, 80 + 200 * i, 540, 270 + 200 * i), PARAGRAPH * 2, fontsize=12)

    doc = build(tmp_path, menu, back)
    assert doc.cache["body_size"] == 12
    assert {b.role for b in doc.blocks if b.text.startswith("Ensalada")} == {Role.BODY}
    assert by_text(doc, "Booking").role is Role.HEADING


def model_pdf(*blocks: Block) -> Document:
    """A one-page A4 PDF model of the given blocks, analysed (blocks the reader would merge
    stay apart)."""
    document = Document(path="model.pdf", format="pdf")
    page = Page(number=1, width=595.0, height=842.0)
    for index, block in enumerate(blocks):
        block.index = index
        block.location = block.location.but(page=1)
        page.blocks.append(block)
        document.blocks.append(block)
    document.pages = [page]
    layout.infer(document)
    return document


def test_large_text_stacked_under_large_text_is_not_a_heading():
    body = [pdf_block([pdf_line(PARAGRAPH[:80], 72, 100 + 15 * i, width=450)]) for i in range(20)]
    options = [pdf_block([pdf_line(f"Normal membership for {40 + i} pounds a year.", 120, 500 + 20 * i,
                                   size=14)]) for i in range(5)]
    single = pdf_block([pdf_line("Booking a seat", 72, 700, size=14)])
    model_pdf(*body, *options, single, pdf_block([pdf_line(PARAGRAPH[:80], 72, 730, width=450)]))
    assert {b.role for b in options} == {Role.BODY}  # five lines of 14 pt text: running text
    assert single.role in (Role.HEADING, Role.TITLE)  # one short line followed by smaller text
    assert all(b.alignment is not Alignment.CENTER for b in options)  # flush left, not centred


def test_a_list_item_with_nominal_word_gaps_is_not_justified(tmp_path):
    # Courier: every line after the number holds the same characters, so two lines end
    # level; the wide gap after "1." must not read as stretched word spacing.
    lines = ["aaaa bbbb cccc dddd eeee", "ffff gggg hhhh iiii jjjj", "kkkk llll"]

    def draw(page):
        page.insert_text((72, 100), "1.", fontname="cour", fontsize=12)
        for i, text in enumerate(lines):
            page.insert_text((108, 100 + 15 * i), text, fontname="cour", fontsize=12)

    block = next(b for b in build(tmp_path, draw).blocks if "aaaa" in b.text)
    assert len(block.lines) == 3
    assert block.alignment is not Alignment.JUSTIFIED


def test_blocks_opening_with_a_bullet_are_list_items():
    item = pdf_block([pdf_line("\u2022 Reduce the use of fossil fuels", 72, 100)])
    symbol = pdf_block([pdf_line("\uf0b7 Protect the climate", 72, 120)])
    numbered = pdf_block([pdf_line("13. The following procedures are coded", 72, 140)])
    model_pdf(item, symbol, numbered)
    assert item.list_item and symbol.list_item
    assert not numbered.list_item  # a numbered paragraph is often a paragraph of its own


def test_lines_opening_with_a_square_glyph_are_form_options():
    ticked = pdf_block([pdf_line("2 \u2610 Married filing jointly", 72, 100)])
    plain = pdf_block([pdf_line("Married people may file jointly.", 72, 120)])
    document = model_pdf(ticked, plain)
    assert option_blocks(document) == {ticked.index}


def _row(label: str, value: str, y: float) -> Line:
    """A spec sheet's row: a label at x 72 and its value ending at x 300."""
    left = span(label, 8.0, bbox=(72, y - 8, 72 + 4 * len(label), y + 2))
    right = span(value, 8.0, bbox=(300 - 4 * len(value), y - 8, 300, y + 2))
    return Line(spans=[left, right], bbox=(72, y - 8, 300, y + 2), baseline=y)


def test_lines_beside_a_drop_cap_do_not_make_a_justified_paragraph_right_aligned():
    # A journal's opening paragraph: a 30 pt "M", its first two lines set beside it.
    cap = pdf_block([pdf_line("M", 72, 124, size=30, width=26)])
    lines = [pdf_line(PARAGRAPH[:60], 100 if i < 2 else 72, 110 + 12 * i, size=10,
                      width=300 if i < 2 else 328, word_gaps=[3.4] * 8, space_width=2.8)
             for i in range(8)]
    paragraph = pdf_block(lines)
    model_pdf(cap, paragraph)
    assert paragraph.alignment is Alignment.JUSTIFIED
    # A large letter away from the first line is no drop cap: the indent stands.
    far = pdf_block([pdf_line("M", 72, 300, size=30, width=26)])
    again = pdf_block([pdf_line(ln.text, ln.bbox[0], ln.baseline, size=10, width=ln.bbox[2] - ln.bbox[0],
                                word_gaps=[3.4] * 8, space_width=2.8) for ln in lines])
    model_pdf(far, again)
    assert again.alignment is Alignment.RIGHT


def test_label_value_rows_and_columns_of_figures_have_no_paragraph_alignment():
    rows = pdf_block([_row("Main pumps:", "Variable displacement", 100),
                      pdf_line("axial piston pump", 300 - 68, 110, size=8, width=68),
                      _row("Max flow:", "2 x 15.3 gpm", 120)])
    figures = pdf_block([pdf_line(text, 400, 100 + 12 * i, size=8, width=70)
                         for i, text in enumerate(["21 ft 0 in (6 400 mm)", "20 ft 7 in (6 270 mm)",
                                                   "13 ft 4 in (4 060 mm)"])])
    body = [pdf_block([pdf_line(PARAGRAPH[:80], 72, 300 + 15 * i, width=450)]) for i in range(10)]
    model_pdf(rows, figures, *body)
    assert rows.alignment is None  # flush right by its values, not a right-aligned paragraph
    assert figures.alignment is None  # flush both sides by tabular figures, not justified
