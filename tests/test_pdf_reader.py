"""The PDF reader: PDFs built here with PyMuPDF, read back into the model."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pymupdf
import pytest

from clearprint.analysis.images import open_image, placement
from clearprint.errors import DocumentError
from clearprint.readers.pdf import read_pdf
from clearprint.readers.pdf.fonts import facts_from_name, facts_from_sfnt

HELLO = "The quick brown fox jumps over the lazy dog"
# A paragraph long enough to wrap into several lines in a 300 pt box.
PARAGRAPH = ("Clear print is a way of designing documents so that as many people as possible "
             "can read them, including people with sight loss. It asks for good contrast, "
             "a large type size, plain fonts and a layout that is easy to follow from one "
             "line to the next and from one page to the next.")
SYSTEM_FONTS = sorted(Path("/usr/share/fonts").glob("**/DejaVuSans-ExtraLight.ttf"))
CONDENSED_ITALIC = sorted(Path("/usr/share/fonts").glob("**/LiberationSansNarrow-Italic.ttf"))


def save(doc: pymupdf.Document, tmp_path: Path, name: str = "test.pdf", **options) -> Path:
    path = tmp_path / name
    doc.save(path, **options)
    return path


def one_page(tmp_path: Path, draw, **page) -> Path:
    doc = pymupdf.open()
    draw(doc.new_page(**page))
    return save(doc, tmp_path)


def spans(doc):
    return [s for _, s in doc.spans()]


# Errors --------------------------------------------------------------------


def test_encrypted_pdf_is_refused(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), HELLO)
    path = save(doc, tmp_path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret",
                owner_pw="owner")
    with pytest.raises(DocumentError, match=r"^encrypted: the PDF needs a password to open$"):
        read_pdf(path)


def test_file_that_is_not_a_pdf(tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_text("Dear reader,\nthis is plain text.\n")
    with pytest.raises(DocumentError, match=r"^not a readable PDF: "):
        read_pdf(path)


def test_truncated_pdf_has_no_pages(tmp_path):
    doc = pymupdf.open()
    for _ in range(3):
        doc.new_page().insert_text((72, 72), HELLO)
    data = doc.tobytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:200])
    with pytest.raises(DocumentError) as caught:
        read_pdf(path)
    assert str(caught.value) in ("the PDF has no readable pages (damaged page tree)",) or \
        str(caught.value).startswith("not a readable PDF: ")
    assert "\n" not in str(caught.value)


def test_damaged_file_is_read_quietly_with_a_note(tmp_path, capfd):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), HELLO)
    data = doc.tobytes()
    cut = data.rfind(b"xref")
    path = tmp_path / "noxref.pdf"
    path.write_bytes(data[:cut])  # no cross-reference table: MuPDF repairs it
    read = read_pdf(path)
    assert read.blocks[0].text.strip() == HELLO
    assert any("MuPDF reported" in note for note in read.notes)
    out, _ = capfd.readouterr()
    assert "MuPDF" not in out


def test_reading_does_not_change_the_file(tmp_path):
    path = one_page(tmp_path, lambda p: p.insert_text((72, 72), HELLO))
    before = path.read_bytes()
    doc = read_pdf(path)
    doc.pages[0].render_background()
    assert path.read_bytes() == before


# Pages and text --------------------------------------------------------------


def test_every_page_is_read(tmp_path):
    doc = pymupdf.open()
    for number in range(1, 13):
        doc.new_page(width=420, height=595).insert_text((72, 72), f"Page {number} text")
    read = read_pdf(save(doc, tmp_path))
    assert read.page_count == 12
    assert [p.number for p in read.pages] == list(range(1, 13))
    assert (read.pages[0].width, read.pages[0].height) == (420, 595)
    assert [b.index for b in read.blocks] == list(range(len(read.blocks)))
    assert [b.page for b in read.blocks] == list(range(1, 13))


def test_span_properties(tmp_path):
    def draw(page):
        page.insert_text((72, 100), "Regular text", fontname="helv", fontsize=12)
        page.insert_text((72, 140), "Bold text", fontname="hebo", fontsize=14, color=(1, 0, 0))
        page.insert_text((72, 180), "Italic text", fontname="tiit", fontsize=10)

    read = read_pdf(one_page(tmp_path, draw))
    regular, bold, italic = spans(read)
    assert (regular.text, regular.size, regular.font) == ("Regular text", 12, "Helvetica")
    assert (regular.bold, regular.italic, regular.weight) == (False, False, 400)
    assert (bold.bold, bold.weight, bold.color) == (True, 700, (255, 0, 0))
    assert (italic.italic, italic.bold, italic.font) == (True, False, "Times-Italic")
    assert regular.order is not None and regular.order < bold.order < italic.order
    block = read.blocks[0]
    assert block.location.page == 1
    assert block.location.excerpt == "Regular text"
    assert block.lines[0].baseline == pytest.approx(100, abs=0.01)


def test_a_block_is_quoted_with_its_printed_lines_apart(tmp_path):
    # A heading set on three lines, none ending in a space.
    read = read_pdf(one_page(tmp_path, lambda p: p.insert_textbox(
        (72, 72, 300, 200), "Before\nSecondhand\nSmoke", fontsize=14)))
    block = read.blocks[0]
    assert len(block.lines) == 3
    assert block.location.excerpt == "Before Secondhand Smoke"


def test_invisible_text_is_counted_not_kept(tmp_path):
    def draw(page):
        page.insert_text((72, 100), "Seen words", fontsize=12)
        page.insert_text((72, 140), "Hidden words", fontsize=12, render_mode=3)

    read = read_pdf(one_page(tmp_path, draw))
    assert [b.text for b in read.blocks] == ["Seen words"]
    assert read.pages[0].hidden_chars == len("Hiddenwords")


def test_text_cut_by_a_clip_or_the_page_edge_is_counted_not_kept(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()  # 595 pt wide
    page.insert_text((72, 100), "Seen words", fontsize=12)
    page.insert_text((595 - 3 * 7.2, 140), "ABCDEFGHIJ", fontname="cour", fontsize=12)  # 3 on the page
    page.insert_text((700, 180), "Wholly beyond the edge", fontsize=12)  # not cut off: never shown
    xref = page.get_contents()[0]
    clipped = b"q 72 300 100 20 re W n BT /helv 12 Tf 1 0 0 1 300 400 Tm (Outside clip) Tj ET Q\n"
    doc.update_stream(xref, doc.xref_stream(xref) + clipped)
    read = read_pdf(save(doc, tmp_path))
    assert [b.text for b in read.blocks] == ["Seen words", "ABC"]
    assert read.pages[0].clipped_chars == len("DEFGHIJ") + len("Outsideclip")


def test_slug_outside_the_crop_box_is_not_cut_off_text(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=1008)
    page.insert_text((72, 300), "On the page", fontsize=12)
    page.insert_text((72, 100), "Printer's slug line", fontsize=12)
    page.insert_text((72, 950), "Job 1234 plate K", fontsize=12)
    page.set_cropbox(pymupdf.Rect(0, 216, 612, 1008 - 216))
    read = read_pdf(save(doc, tmp_path))
    assert [b.text for b in read.blocks] == ["On the page"]
    assert read.pages[0].clipped_chars == 0


def test_characters_are_normalised(tmp_path):
    read = read_pdf(one_page(tmp_path, lambda p: p.insert_text(
        (72, 100), "non\u00a0breaking co\u00adoperate", fontsize=12)))
    assert read.blocks[0].text == "non breaking co-operate"


def test_whitespace_spans_fold_into_their_neighbours(tmp_path):
    def draw(page):
        page.insert_text((72, 100), "Word", fontsize=12)
        page.insert_text((98, 100), "   ", fontsize=60)  # a huge space span (MuPDF quirk)
        page.insert_text((140, 100), "after", fontsize=12)

    read = read_pdf(one_page(tmp_path, draw))
    assert all(s.text.strip() for s in spans(read))
    assert {s.size for s in spans(read)} == {12}


def test_rotated_page_and_text_angles(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "Runs down the screen", fontsize=12)
    page.insert_text((200, 700), "Reads across the screen", fontsize=12, rotate=90)
    page.set_rotation(90)
    upright = doc.new_page()
    upright.insert_text((100, 500), "Climbs the page", fontsize=12, rotate=90)
    read = read_pdf(save(doc, tmp_path))
    first = read.pages[0]
    assert (first.width, first.height, first.rotation) == (842, 595, 90)
    angles = {b.text: b.lines[0].angle for b in read.blocks}
    assert angles == {"Runs down the screen": -90.0, "Reads across the screen": 0.0,
                      "Climbs the page": 90.0}
    assert read.blocks[0].location.rotation == 90


def test_word_gaps_and_space_width(tmp_path):
    def draw(page):
        page.insert_textbox((72, 72, 372, 300), PARAGRAPH, fontsize=12,
                            align=pymupdf.TEXT_ALIGN_JUSTIFY)
        page.insert_textbox((72, 400, 372, 700), PARAGRAPH, fontsize=12)

    read = read_pdf(one_page(tmp_path, draw))
    justified, ragged = read.blocks
    line = ragged.lines[0]
    assert line.space_width == pytest.approx(12 * 0.278, abs=0.01)
    assert sum(line.word_gaps) / len(line.word_gaps) == pytest.approx(line.space_width, rel=0.05)
    assert line.letter_gap == pytest.approx(0, abs=0.05)
    stretched = [sum(ln.word_gaps) / len(ln.word_gaps) / ln.space_width
                 for ln in justified.lines[:-1]]
    assert max(stretched) > 1.1


def test_words_spread_along_one_baseline_make_one_line(tmp_path):
    def draw(page):
        x = 72.0
        for word in ["spread", "out", "over", "the", "whole", "line"]:
            page.insert_text((x, 100), word, fontsize=12)
            x += pymupdf.get_text_length(word, fontsize=12) + 28  # MuPDF splits lines here

    read = read_pdf(one_page(tmp_path, draw))
    assert [b.text for b in read.blocks] == ["spread out over the whole line"]
    line = read.blocks[0].lines[0]
    assert line.word_gaps == pytest.approx([28] * 5, abs=0.1)


def test_loosely_spaced_lines_make_one_paragraph(tmp_path):
    # MuPDF gives each line of 1.5-spaced text a block of its own.
    read = read_pdf(one_page(tmp_path, lambda p: p.insert_textbox(
        (72, 72, 372, 700), PARAGRAPH, fontsize=12, lineheight=1.5)))
    assert len(read.blocks) == 1
    assert len(read.blocks[0].lines) >= 4


def test_paragraphs_in_one_text_block_are_split(tmp_path):
    text = PARAGRAPH + "\n\n" + PARAGRAPH
    read = read_pdf(one_page(tmp_path, lambda p: p.insert_textbox(
        (72, 72, 372, 700), text, fontsize=12)))
    assert len(read.blocks) == 2
    assert all(len(b.lines) >= 3 for b in read.blocks)


def test_underline_from_a_rule_under_the_text(tmp_path):
    def draw(page):
        page.insert_text((72, 100), "Underlined", fontsize=12)
        page.draw_line((72, 102), (132, 102), width=0.7)
        page.insert_text((72, 140), "Plain words", fontsize=12)
        page.draw_line((40, 150), (560, 150), width=0.7)  # a rule, not an underline

    read = read_pdf(one_page(tmp_path, draw))
    assert [s.underline for s in spans(read)] == [True, False]


def test_fake_bold_counts_as_bold(tmp_path):
    read = read_pdf(one_page(tmp_path, lambda p: p.insert_text(
        (72, 100), "Stroked and filled", fontsize=12, render_mode=2)))
    span = spans(read)[0]
    assert span.bold is True
    assert "synthetic-bold" in span.traits


@pytest.mark.skipif(not SYSTEM_FONTS, reason="DejaVu fonts are not installed")
def test_weight_comes_from_the_font_program(tmp_path):
    def draw(page):
        page.insert_font(fontname="F0", fontfile=str(SYSTEM_FONTS[0]))
        page.insert_text((72, 100), "Very light text", fontname="F0", fontsize=12)

    span = spans(read_pdf(one_page(tmp_path, draw)))[0]
    assert span.weight == 200
    assert span.bold is False


@pytest.mark.parametrize(("name", "weight", "italic", "condensed", "traits"), [
    ("TradeGothicNextLTPro-LtIt", 300, True, None, set()),
    ("TradeGothicLTStd-Cn18", None, None, True, set()),
    ("TimesNewRomanPS-BoldItalicMT", 700, True, None, set()),
    ("HelveticaNeue-UltraLight", 200, None, None, set()),
    ("SegoeUI-Semibold", 600, None, None, set()),
    ("Arial Black", 900, None, None, set()),
    ("BlackChancery", None, None, None, set()),  # the family word is not a weight
    ("BrushScriptMT", None, None, None, {"script"}),
    ("CourierNewPSMT", None, None, None, {"monospace"}),
    ("Ryumin-Light", None, None, None, set()),  # Japanese body face: its "Light" is the plain weight
    ("STSong-Light-UniGB-UCS2-H", None, None, None, set()),
    ("Helvetica-Light", 300, None, None, set()),
])
def test_font_name_words(name, weight, italic, condensed, traits):
    facts = facts_from_name(name)
    assert (facts.weight, facts.italic, facts.condensed, set(facts.traits)) == \
        (weight, italic, condensed, traits)


@pytest.mark.skipif(not CONDENSED_ITALIC, reason="Liberation fonts are not installed")
def test_font_program_facts():
    facts = facts_from_sfnt(CONDENSED_ITALIC[0].read_bytes())
    assert (facts.weight, facts.italic, facts.condensed) == (400, True, True)
    assert facts.space_em == pytest.approx(0.228, abs=0.001)
    assert "oldstyle-figures" not in facts.traits


def text_figures_font() -> bytes:
    """A tiny TrueType font whose 3, 4, 5, 7 and 9 hang below the baseline."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box(bottom: int) -> object:
        pen = TTGlyphPen(None)
        pen.moveTo((50, bottom))
        pen.lineTo((450, bottom))
        pen.lineTo((450, bottom + 500))
        pen.lineTo((50, bottom + 500))
        pen.closePath()
        return pen.glyph()

    names = [".notdef", "space", *(f"d{d}" for d in range(10))]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", **{48 + d: f"d{d}" for d in range(10)}})
    glyphs = {name: box(0) for name in names}
    glyphs.update({f"d{d}": box(-200) for d in (3, 4, 5, 7, 9)})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (500, 50) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Figures", "styleName": "Regular"})
    builder.setupOS2(usWeightClass=400)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def test_old_style_figures_from_the_font_program(tmp_path):
    def draw(page):
        page.insert_font(fontname="F0", fontbuffer=text_figures_font())
        page.insert_text((72, 100), "0123456789", fontname="F0", fontsize=12)

    span = spans(read_pdf(one_page(tmp_path, draw)))[0]
    assert "oldstyle-figures" in span.traits
    assert span.weight == 400


# Pictures, shapes, fields ------------------------------------------------------


def png(width: int, height: int, color=(200, 40, 40)) -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pix.set_rect(pix.irect, color)
    return pix.tobytes("png")


def test_images_shapes_and_fields(tmp_path):
    def draw(page):
        page.draw_rect((50, 50, 300, 200), color=None, fill=(1, 1, 0.6))
        page.draw_line((50, 250), (500, 250), color=(0, 0, 1), width=1)
        page.insert_image((100, 300, 300, 450), stream=png(40, 30))
        widget = pymupdf.Widget()
        widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        widget.field_name = "name"
        widget.rect = pymupdf.Rect(72, 500, 300, 530)
        page.add_widget(widget)

    read = read_pdf(one_page(tmp_path, draw))
    page = read.pages[0]
    panel = next(s for s in page.shapes if s.fill == (255, 255, 153))
    assert (panel.kind, panel.bbox, panel.page) == ("rect", (50, 50, 300, 200), 1)
    rule = next(s for s in page.shapes if s.kind == "line")
    assert rule.stroke == (0, 0, 255)
    assert page.path_count >= 2
    image = read.images[0]
    assert (image.pixel_width, image.pixel_height) == (40, 30)
    assert (image.placed_width, image.placed_height) == (200, 150)
    assert image.effective_ppi == pytest.approx(14.4)
    assert image.order is not None and image.order > panel.order
    assert open_image(image.load()).size == (40, 30)
    field = read.fields[0]
    assert (field.kind, field.name, field.width, field.height) == ("text", "name", 228, 30)
    assert field.location.page == 1


def test_outline_is_the_bookmarks(tmp_path):
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_text((72, 72), HELLO)
    doc.set_toc([[1, "Introduction", 1], [2, "Details", 2]])
    assert read_pdf(save(doc, tmp_path)).outline == ["Introduction", "Details"]


def test_scanned_page_detection(tmp_path):
    doc = pymupdf.open()
    scan = doc.new_page()
    scan.insert_image(scan.rect, stream=png(60, 85, (240, 240, 240)))
    ocr = doc.new_page()
    ocr.insert_image(ocr.rect, stream=png(60, 85, (240, 240, 240)))
    ocr.insert_text((72, 100), "OCR layer text", fontsize=12, render_mode=3)
    text = doc.new_page()
    text.insert_image(text.rect, stream=png(60, 85, (240, 240, 240)))
    text.insert_text((72, 100), "Printed over a picture", fontsize=12)
    small = doc.new_page()
    small.insert_image((72, 72, 300, 300), stream=png(60, 60))
    read = read_pdf(save(doc, tmp_path))
    assert read.scanned_pages == [1, 2]
    assert read.pages[1].hidden_chars == len("OCRlayertext")


def test_background_render_has_no_text(tmp_path):
    def draw(page):
        page.draw_rect((50, 50, 560, 200), color=None, fill=(1, 1, 0))
        page.insert_text((60, 120), "BLACK TEXT ON YELLOW", fontsize=30)

    read = read_pdf(one_page(tmp_path, draw))
    image, scale = read.pages[0].render_background()
    assert image.mode == "RGB"
    assert image.size[0] == pytest.approx(595 * scale, abs=1)
    assert image.size[1] == pytest.approx(842 * scale, abs=1)
    x0, y0, x1, y1 = read.blocks[0].lines[0].bbox
    pixels = {image.getpixel((round(x * scale), round((y0 + y1) / 2 * scale)))
              for x in range(round(x0), round(x1), 2)}
    assert pixels == {(255, 255, 0)}
    assert read.pages[0].render_background()[0] is image  # cached


def test_background_render_of_a_clip_matches_the_page_render(tmp_path):
    def draw(page):
        page.draw_rect((50, 50, 560, 200), color=None, fill=(1, 1, 0))
        page.insert_image((100, 250, 300, 400), stream=png(40, 30))
        page.insert_text((60, 120), "BLACK TEXT ON YELLOW", fontsize=30)

    render = read_pdf(one_page(tmp_path, draw)).pages[0].render_background
    whole, scale = render()
    clip = (40.3, 180.6, 210.2, 300.1)
    part, part_scale = render(clip)
    box = (math.floor(clip[0] * scale), math.floor(clip[1] * scale),
           math.ceil(clip[2] * scale), math.ceil(clip[3] * scale))
    assert part_scale == scale
    assert part.size == (box[2] - box[0], box[3] - box[1])
    assert part.tobytes() == whole.crop(box).tobytes()


def test_picture_box_is_the_part_its_clip_shows(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image((100, 100, 500, 400), stream=png(80, 60))  # whole photo: 400 x 300 pt
    xref = page.get_contents()[0]
    # Crop the photo to its middle through a clip path, as a layout program frames it.
    stream = doc.xref_stream(xref)
    doc.update_stream(xref, b"q 200 392 200 100 re W n\n" + stream + b"\nQ\n")
    image = read_pdf(save(doc, tmp_path)).images[0]
    assert image.location.bbox == pytest.approx((200, 350, 400, 400))  # clip: y 350-450
    assert image.crop == pytest.approx((0.25, 0.8333, 0.25, 0.0), abs=1e-3)
    assert (image.placed_width, image.placed_height) == pytest.approx((200, 50))
    assert image.effective_ppi == pytest.approx(80 / (400 / 72))  # as placed, crop or not
    assert placement(image) == pytest.approx((100, 100, 500, 400), abs=0.1)  # the whole photo
    assert open_image(image.load()).size == (80, 60)


def test_picture_running_off_the_page_is_cut_to_it(tmp_path):
    read = read_pdf(one_page(tmp_path, lambda p: p.insert_image((-50, 700, 300, 900),
                                                                stream=png(70, 40))))
    image = read.images[0]
    assert image.location.bbox == pytest.approx((0, 700, 300, 842))


def test_gradients_are_shadings_not_pictures(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Text", fontsize=12)
    xref = page.get_contents()[0]
    shading = doc.get_new_xref()
    doc.update_object(shading, "<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] "
                               "/Function << /FunctionType 2 /Domain [0 1] /C0 [1 0 0] /C1 [0 0 1] "
                               "/N 1 >> /Extend [true true] >>")
    kind, resources = doc.xref_get_key(page.xref, "Resources")
    holder = int(resources.split()[0]) if kind == "xref" else page.xref
    doc.xref_set_key(holder, "Shading" if kind == "xref" else "Resources/Shading",
                     f"<< /Sh1 {shading} 0 R >>")
    doc.update_stream(xref, doc.xref_stream(xref) + b"\nq 100 500 200 100 re W n /Sh1 sh Q\n")
    read = read_pdf(save(doc, tmp_path))
    assert read.images == []
    gradient = next(s for s in read.pages[0].shapes if s.kind == "shading")
    assert gradient.bbox == pytest.approx((100, 242, 300, 342))  # its clip, not the page


def test_pieces_of_one_row_join_into_a_line(tmp_path):
    # A menu: each piece of the row is a block of its own (pictures between them
    # end MuPDF's blocks); the bullet sits a point higher than the dish.
    def draw(page):
        y = 100.0
        for dish, price in [("Margherita", "8$"), ("La appetitosa", "12$")]:
            page.insert_image((20, y - 30, 30, y - 20), stream=png(4, 4))
            page.insert_text((272, y - 1), "*", fontsize=12)
            page.insert_image((20, y - 30, 30, y - 20), stream=png(4, 4))
            page.insert_text((286, y), dish, fontsize=12)
            page.insert_image((20, y - 30, 30, y - 20), stream=png(4, 4))
            page.insert_text((290 + pymupdf.get_text_length(dish, fontsize=12), y), price, fontsize=12)
            page.insert_image((20, y - 30, 30, y - 20), stream=png(4, 4))
            page.insert_text((200, y + 14.4), "Salsa napole y queso mozzarella.", fontsize=12)
            y += 43.2

    read = read_pdf(one_page(tmp_path, draw))
    rows = [line.text.strip() for block in read.blocks for line in block.lines]
    assert "* Margherita 8$" in rows and "* La appetitosa 12$" in rows
    assert not any(line.text.strip() == "*" for block in read.blocks for line in block.lines)


def test_columns_written_row_by_row_stay_apart(tmp_path):
    # Three columns whose lines are written across the page, row by row (as the
    # IRS instructions are), one MuPDF block per row (a picture ends each block).
    words = PARAGRAPH.split()

    def draw(page):
        for row in range(8):
            for column, x in enumerate((42, 222, 402)):
                text = " ".join(words[(row * 3 + column) * 5 % 40:][:5])
                page.insert_text((x, 100 + 12 * row), text, fontsize=9.5)
            page.insert_image((20, 20, 24, 24), stream=png(4, 4))

    read = read_pdf(one_page(tmp_path, draw))
    assert all(line.bbox[2] - line.bbox[0] < 180 for block in read.blocks for line in block.lines)


def test_table_rows_and_contents_entries_keep_their_wide_gaps(tmp_path):
    def draw(page):
        for row, (entry, number) in enumerate([("Introduction to the survey", "1"),
                                               ("Methods used in each region", "7"),
                                               ("Results and what they mean", "12")]):
            page.insert_text((72, 100 + 16 * row), entry, fontsize=11)
            page.insert_text((500, 100 + 16 * row), number, fontsize=11)

    read = read_pdf(one_page(tmp_path, draw))
    assert [line.text.split()[-1] for block in read.blocks for line in block.lines] == ["1", "7", "12"]


def test_lines_of_a_turned_page_join_into_paragraphs(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.set_rotation(90)  # landscape as displayed; lines run down the unrotated page
    box = pymupdf.Rect(72, 72, 600, 300) * page.derotation_matrix
    page.insert_textbox(box, PARAGRAPH, fontsize=12, lineheight=1.5, rotate=90)
    read = read_pdf(save(doc, tmp_path))
    assert len(read.blocks) == 1
    assert len(read.blocks[0].lines) >= 2
    assert {line.angle for line in read.blocks[0].lines} == {0.0}


def test_small_outlined_squares_are_kept_as_tick_boxes(tmp_path):
    def draw(page):
        page.draw_rect((72, 100, 78, 106), color=(0, 0, 0), width=0.5)  # 6 pt tick box
        page.draw_rect((100, 100, 103, 103), color=(0, 0, 0), width=0.5)  # a glyph-sized speck
        page.draw_rect((120, 100, 126, 106), color=(0, 0, 0), fill=(0, 0, 0))  # a bullet

    shapes = read_pdf(one_page(tmp_path, draw)).pages[0].shapes
    assert [(s.kind, s.bbox) for s in shapes] == [("rect", (72, 100, 78, 106))]


def test_cut_out_picture_loads_as_printed(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image((100, 100, 300, 300), stream=png(100, 100, (20, 20, 200)))
    xref = page.get_contents()[0]
    # A round frame: a circle of radius 100 pt around the picture's middle (PDF y up).
    k = 100 * 0.5523
    circle = (f"q 300 642 m 300 {642 + k} {200 + k} 742 200 742 c {200 - k} 742 100 {642 + k} 100 642 c "
              f"100 {642 - k} {200 - k} 542 200 542 c {200 + k} 542 300 {642 - k} 300 642 c W n\n")
    doc.update_stream(xref, circle.encode() + doc.xref_stream(xref) + b"\nQ\n")
    read = read_pdf(save(doc, tmp_path))
    image = read.images[0]
    assert image.location.bbox == pytest.approx((100, 100, 300, 300), abs=0.5)
    assert open_image(image.load()).size == (100, 100)  # the picture as stored
    shown = open_image(image.load_shown()).convert("RGBA")
    corner = shown.getpixel((2, 2))
    middle = shown.getpixel((shown.width // 2, shown.height // 2))
    assert corner[3] == 0 and middle == (20, 20, 200, 255)  # the corners are cut away


def test_picture_cut_by_a_rectangle_has_no_cut_out_view(tmp_path):
    read = read_pdf(one_page(tmp_path, lambda p: p.insert_image((100, 100, 300, 300),
                                                                stream=png(40, 40))))
    assert read.images[0].load_shown is None


def test_pictures_load_as_extract_image_decodes_them(tmp_path):
    """Flate pictures and stencil masks are handed over without a PNG round trip,
    pixel for pixel as ``extract_image`` decodes them."""
    mask = bytes(range(0, 256, 16))  # 16 x 8 one-bit pixels
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</XObject<</M 5 0 R>>>>>>",
        b"<</Length 33>>stream\nq 160 0 0 80 100 400 cm /M Do Q\nendstream",
        b"<</Type/XObject/Subtype/Image/Width 16/Height 8/ImageMask true/BitsPerComponent 1"
        b"/Length 16>>stream\n" + mask + b"\nendstream",
    ]
    body = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, o) for n, o in enumerate(objects, 1))
    with pymupdf.open(stream=body + b"trailer<</Root 1 0 R>>\n%%EOF\n", filetype="pdf") as built:
        page = built[0]
        page.insert_image((100, 100, 300, 250), stream=png(40, 30))
        path = save(built, tmp_path)

    read = read_pdf(path)
    with pymupdf.open(path) as pdf:
        xrefs = {(i[2], i[3]): i[0] for i in pdf[0].get_images(full=True)}
        for image in read.images:
            stored = pdf.extract_image(xrefs[image.pixel_width, image.pixel_height])["image"]
            expected = open_image(stored).convert("L").tobytes()
            assert open_image(image.load()).convert("L").tobytes() == expected
    assert sorted((i.pixel_width, i.pixel_height) for i in read.images) == [(16, 8), (40, 30)]
