"""Layout inference on PDFs built here: body size, roles, alignment, line pitch."""

from __future__ import annotations

import itertools
from pathlib import Path

import pymupdf
import pytest

from clearprint.analysis import layout
from clearprint.analysis.geometry import from_display, to_display
from clearprint.model import Alignment, Page, Role
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
