"""Numerals, pictures, writing space and folds (CP07, CP20-CP23, CP26) over model documents."""

from __future__ import annotations

import io

from modelkit import Part, Role, doc, para, pdf_block, pdf_line, run_check, span
from PIL import Image as PILImage
from PIL import ImageDraw

from clearprint.analysis.images import content_box, decode, measure
from clearprint.model import Block, Document, FormField, Image, Location, Page, Section, Shape

A4 = (595.28, 841.89)
A4_LANDSCAPE = (841.89, 595.28)
MM = 72 / 25.4


# -- helpers ---------------------------------------------------------------------


def pdf_page(*blocks: Block, number: int = 1, size: tuple[float, float] = A4,
             images: tuple[Image, ...] = (), shapes: tuple[Shape, ...] = ()) -> Page:
    for block in blocks:
        block.location = block.location.but(page=number)
    return Page(number=number, width=size[0], height=size[1], blocks=list(blocks),
                images=list(images), shapes=list(shapes))


def pdf_doc(*pages: Page, fields: tuple[FormField, ...] = ()) -> Document:
    document = doc(*[b for p in pages for b in p.blocks], fmt="pdf")
    document.pages = list(pages)
    document.images = [i for p in pages for i in p.images]
    document.shapes = [s for p in pages for s in p.shapes]
    document.fields = list(fields)
    return document


def png(width: int = 600, height: int = 450, flat: bool = False, faint: bool = False) -> bytes:
    """A picture with hard edges and strong contrast, or a faint one, or one flat colour."""
    image = PILImage.new("RGB", (600, 450), (150, 200, 240) if not faint else (140, 140, 140))
    if not flat:
        draw = ImageDraw.Draw(image)
        colours = [(30, 90, 30), (200, 40, 40), (250, 230, 80)]
        if faint:
            colours = [(128, 128, 128), (150, 150, 150), (135, 135, 135)]
        draw.rectangle((0, 225, 600, 450), fill=colours[0])
        draw.rectangle((200, 150, 300, 340), fill=colours[1])
        draw.ellipse((450, 10, 590, 110), fill=colours[2])
    out = io.BytesIO()
    image.resize((width, height)).save(out, format="PNG")
    return out.getvalue()


def picture(box: tuple[float, float, float, float], pixels: tuple[int, int] | None = None,
            page: int = 1, data: bytes | None = None, order: int | None = 0) -> Image:
    """A PDF picture placed in ``box``, at 300 ppi unless ``pixels`` say otherwise."""
    width, height = box[2] - box[0], box[3] - box[1]
    pixels = pixels or (round(width / 72 * 300), round(height / 72 * 300))
    blob = data if data is not None else png(*pixels)
    return Image(location=Location(page=page, bbox=box), pixel_width=pixels[0], pixel_height=pixels[1],
                 placed_width=width, placed_height=height, order=order, load=lambda: blob)


def docx_picture(wrap: str = "inline", paragraph: int = 2, **props) -> Image:
    props.setdefault("pixel_width", 600)
    props.setdefault("pixel_height", 450)
    props.setdefault("placed_width", 144.0)
    props.setdefault("placed_height", 108.0)
    location = Location(paragraph=paragraph, part=Part.BODY, section=1)
    return Image(location=location, wrap=wrap, **props)


def a4_section(**props) -> Section:
    values = dict(number=1, width=A4[0], height=A4[1], margin_left=72.0, margin_right=72.0)
    values.update(props)
    return Section(**values)


def column(x0: float, top: float, count: int, width: float = 300.0, size: float = 12.0) -> list:
    """``count`` lines of text starting at x0, baselines 18 pt apart from ``top``."""
    return [pdf_line("plain words in a line of running text", x0, top + size + 18 * i, size, width)
            for i in range(count)]


# -- CP07 numerals ----------------------------------------------------------------------


def test_cp07_no_digits_is_na():
    assert run_check("CP07", doc(para("No numbers here at all.")))[0] == "n/a"


def test_cp07_lining_figures_in_arial_pass():
    assert run_check("CP07", doc(para(span("Call 0345 603 7631 today."))))[0] == "yes"


def test_cp07_oldstyle_trait_fails():
    digits = span("Call 0345 603 7631", font="Calibri", traits=frozenset({"oldstyle-figures"}))
    answer, findings = run_check("CP07", doc(para(digits)))
    assert answer == "no"
    assert findings[0].data["font"] == "Calibri"


def test_cp07_georgia_in_word_is_manual_and_grouped():
    georgia = frozenset({"oldstyle-figures"})  # from the font table, not measured
    document = doc(para(span("Room 12", font="Georgia", traits=georgia)),
                   para(span("Room 35", font="Georgia", traits=georgia)))
    answer, findings = run_check("CP07", document)
    assert answer == "manual"
    assert len(findings) == 1 and findings[0].count == 2


def test_cp07_georgia_measured_in_a_pdf_fails():
    line = pdf_line("Room 35", 72, 100)
    line.spans[0].font = "Georgia-Bold"
    line.spans[0].traits = frozenset({"oldstyle-figures"})
    assert run_check("CP07", pdf_doc(pdf_page(pdf_block([line]))))[0] == "no"


def test_cp07_georgia_without_trait_in_a_pdf_is_manual():
    line = pdf_line("Room 35", 72, 100)
    line.spans[0].font = "Georgia"
    assert run_check("CP07", pdf_doc(pdf_page(pdf_block([line]))))[0] == "manual"


def test_cp07_script_digits_are_manual():
    digits = span("Est. 1887", traits=frozenset({"script"}))
    assert run_check("CP07", doc(para(digits)))[0] == "manual"


def test_cp07_listed_fonts_are_an_option():
    digits = span("Room 35", font="Garamond")
    assert run_check("CP07", doc(para(digits)), oldstyle_figure_fonts=["Garamond"])[0] == "manual"


# -- CP20 text around illustrations -------------------------------------------------------------


def wrapped(side: str) -> Document:
    """Two lines above a 150 x 112 pt picture, six beside it, three below (text 12 pt)."""
    box = (72.0, 130.0, 222.0, 242.0) if side == "left" else (373.0, 130.0, 523.0, 242.0)
    above = column(72, 90, 2, width=451)
    beside = column(234 if side == "left" else 72, 130, 6, width=289)
    below = column(72, 250, 3, width=451)
    page = pdf_page(pdf_block(above + beside + below), images=(picture(box),))
    return pdf_doc(page)


def test_cp20_picture_left_with_text_pushed_right_fails():
    answer, findings = run_check("CP20", wrapped("left"))
    assert answer == "no"
    assert findings[0].data["lines_beside"] == 6
    assert findings[0].data["indent_em"] == 13.5
    assert findings[0].location.page == 1


def test_cp20_picture_right_passes_with_a_note():
    answer, findings = run_check("CP20", wrapped("right"))
    assert answer == "yes"
    assert findings[0].severity == "info"


def test_cp20_text_on_both_sides_fails():
    box = (250.0, 130.0, 350.0, 242.0)
    above = column(72, 90, 2, width=451)
    left = column(72, 130, 6, width=166)
    right = column(362, 130, 6, width=161)
    below = column(72, 250, 3, width=451)
    document = pdf_doc(pdf_page(pdf_block(above + left + right + below), images=(picture(box),)))
    answer, findings = run_check("CP20", document)
    assert answer == "no"
    assert "both sides" in findings[0].message


def test_cp20_picture_in_its_own_column_is_not_a_wrap():
    """A picture in a sidebar beside a text column that never passes over or under it."""
    text = column(234, 90, 20, width=289)
    document = pdf_doc(pdf_page(pdf_block(text), images=(picture((72.0, 130.0, 222.0, 242.0)),)))
    assert run_check("CP20", document)[0] == "yes"


def test_cp20_icons_and_backgrounds_are_not_pictures():
    icon = picture((72.0, 100.0, 84.0, 112.0))
    background = picture((0.0, 0.0, A4[0], A4[1]))
    document = pdf_doc(pdf_page(pdf_block(column(90, 90, 3)), images=(icon, background)))
    assert run_check("CP20", document)[0] == "n/a"


def test_cp20_docx_square_left_fails_and_right_passes():
    document = doc(para("Text beside a picture."), para("More text."), sections=[a4_section()])
    document.images = [docx_picture("square", wrap_side="bothSides", h_align="left", h_relative="column")]
    answer, findings = run_check("CP20", document)
    assert answer == "no"
    assert findings[0].location.paragraph == 2
    document.images = [docx_picture("square", wrap_side="bothSides", h_align="right", h_relative="margin")]
    assert run_check("CP20", document)[0] == "yes"


def test_cp20_docx_centred_picture_with_text_on_the_left_only_passes():
    document = doc(para("Text."), sections=[a4_section()])
    document.images = [docx_picture("tight", wrap_side="left", h_align="center", h_relative="margin")]
    assert run_check("CP20", document)[0] == "yes"
    document.images = [docx_picture("tight", wrap_side="largest", h_align="center", h_relative="margin")]
    assert run_check("CP20", document)[0] == "manual"


def test_cp20_docx_offset_at_the_right_edge_passes():
    # 451 pt column, picture 144 pt wide placed 300 pt in: 7 pt left on its right.
    document = doc(para("Text."), sections=[a4_section()])
    document.images = [docx_picture("square", wrap_side="bothSides", h_offset=300.0, h_relative="column")]
    assert run_check("CP20", document)[0] == "yes"
    document.images = [docx_picture("square", wrap_side="bothSides", h_offset=0.0, h_relative="column")]
    assert run_check("CP20", document)[0] == "no"


def test_cp20_docx_character_position_is_manual():
    document = doc(para("Text."), sections=[a4_section()])
    document.images = [docx_picture("square", h_offset=10.0, h_relative="character")]
    assert run_check("CP20", document)[0] == "manual"


def test_cp20_docx_inline_only_passes_and_no_pictures_is_na():
    document = doc(para("Text."), sections=[a4_section()])
    assert run_check("CP20", document)[0] == "n/a"
    document.images = [docx_picture("inline"), docx_picture("top-and-bottom", h_align="left")]
    assert run_check("CP20", document)[0] == "yes"


# -- CP21 writing space ---------------------------------------------------------------------------


def widget(kind: str, width_mm: float, height_mm: float, name: str = "field", y: float = 200.0,
           origin: str | None = "widget") -> FormField:
    box = (150.0, y, 150.0 + width_mm * MM, y + height_mm * MM)
    return FormField(Location(page=1, bbox=box), kind, width=width_mm * MM, height=height_mm * MM,
                     name=name, origin=origin)


def form(*fields: FormField) -> Document:
    return pdf_doc(pdf_page(pdf_block(column(72, 90, 2))), fields=fields)


def test_cp21_text_fields_measured():
    answer, findings = run_check("CP21", form(widget("text", 100, 6), widget("text", 100, 7, y=240)))
    assert answer == "no"
    assert findings[0].count == 2 and findings[0].data["value_mm"] == 6.0
    assert run_check("CP21", form(widget("text", 100, 12)))[0] == "yes"


def test_cp21_small_tick_box_and_narrow_name_field_fail():
    assert run_check("CP21", form(widget("checkbox", 3, 3)))[0] == "no"
    assert run_check("CP21", form(widget("checkbox", 6, 6)))[0] == "yes"
    answer, findings = run_check("CP21", form(widget("text", 30, 12, name="Surname")))
    assert answer == "no" and "wide" in findings[0].message


def test_cp21_nothing_to_fill_in_is_na_with_a_prompt():
    answer, findings = run_check("CP21", form())
    assert answer == "n/a"
    assert "check by eye" in findings[0].message


def test_cp21_content_controls_and_signatures_are_not_judged():
    control = FormField(Location(paragraph=1, part=Part.BODY), "text", height=14.0, origin="content control")
    document = doc(para("[Your name]"))
    document.fields = [control]
    assert run_check("CP21", document)[0] == "n/a"
    assert run_check("CP21", form(widget("signature", 60, 5)))[0] == "n/a"


def test_cp21_docx_fields_share_their_cell():
    def shared(count: int) -> Document:
        document = doc(para("Name"), para("Street"), para("Town"), para("Postcode"))
        document.fields = [FormField(Location(paragraph=n, part=Part.BODY, section=1, table_cell=(1, 1, 2)),
                                     "text", width=200.0, height=20 * MM, origin="legacy")
                           for n in range(2, 2 + count)]
        return document

    assert run_check("CP21", shared(2))[0] == "yes"  # 10 mm each
    answer, findings = run_check("CP21", shared(3))
    assert answer == "no" and findings[0].data["value_mm"] == 6.7


def test_cp21_docx_field_in_a_5mm_row_fails():
    document = doc(para("Your name"))
    document.fields = [FormField(Location(paragraph=2, part=Part.BODY, table_cell=(1, 1, 2)), "text",
                                 width=200.0, height=5 * MM, name="Field1", origin="legacy")]
    assert run_check("CP21", document)[0] == "no"


def test_cp21_empty_cells_count_only_in_forms():
    cell = FormField(Location(paragraph=3, part=Part.BODY, table_cell=(1, 1, 2)), "box",
                     width=200.0, height=14.0, name="Objectives", origin="cell")
    document = doc(para("Objectives:"))
    document.fields = [cell]
    assert run_check("CP21", document)[0] == "n/a"
    document.fields = [cell, FormField(Location(paragraph=5, part=Part.BODY), "checkbox", origin="legacy")]
    assert run_check("CP21", document)[0] == "no"


def test_cp21_underscores_and_dots():
    labelled = para("Name: ____________________", line_pitch=14.0)
    assert run_check("CP21", doc(labelled))[0] == "no"
    roomy = para("Name: ____________________", line_pitch=14.0, space_before=24.0)
    assert run_check("CP21", doc(roomy))[0] == "yes"
    dots = para("Name ..........", line_pitch=14.0)
    assert run_check("CP21", doc(dots))[0] == "manual"
    leader = para("Introduction ........ 12", line_pitch=14.0)
    assert run_check("CP21", doc(leader))[0] == "n/a"


def test_cp21_ballot_box_characters_are_tick_boxes():
    assert run_check("CP21", doc(para("\u2610 Yes  \u2610 No")))[0] == "no"
    assert run_check("CP21", doc(para(span("\u2610 Yes", size=24))))[0] == "yes"


def rule_form(spacing_mm: float, labelled: bool = True) -> Document:
    step = spacing_mm * MM
    lines, shapes = [], []
    for i in range(4):
        y = 150 + i * step
        if labelled:
            lines.append(pdf_line("Name:", 72, y, width=32))
        shapes.append(Shape(bbox=(110.0, y + 2, 520.0, y + 2.5), stroke=(0, 0, 0), kind="line", page=1))
    blocks = [pdf_block([line]) for line in lines] or [pdf_block(column(72, 60, 1))]
    return pdf_doc(pdf_page(*blocks, shapes=tuple(shapes)))


def test_cp21_drawn_writing_lines():
    answer, findings = run_check("CP21", rule_form(6))
    assert answer == "no"
    assert findings[0].data["value_mm"] < 6
    assert run_check("CP21", rule_form(14))[0] == "yes"
    assert run_check("CP21", rule_form(6, labelled=False))[0] == "no"  # stacked answer lines


def test_cp21_rules_under_text_are_not_writing_lines():
    lines = column(72, 90, 6, width=451)
    shapes = tuple(Shape(bbox=(72.0, line.baseline + 4, 523.0, line.baseline + 4.5), stroke=(0, 0, 0),
                         kind="line", page=1) for line in lines)
    assert run_check("CP21", pdf_doc(pdf_page(pdf_block(lines), shapes=shapes)))[0] == "n/a"


# -- CP22 image clarity -------------------------------------------------------------------------------


def one_picture(image: Image) -> Document:
    return pdf_doc(pdf_page(pdf_block(column(72, 90, 2)), images=(image,)))


def test_cp22_no_pictures_is_na():
    assert run_check("CP22", one_picture(picture((72, 100, 80, 108))))[0] == "n/a"  # an icon


def test_cp22_resolution_bands():
    box = (72.0, 200.0, 216.0, 308.0)  # 2 x 1.5 in
    answer, findings = run_check("CP22", one_picture(picture(box, (100, 75))))
    assert answer == "no" and findings[0].data["ppi"] == 50
    assert run_check("CP22", one_picture(picture(box, (300, 225))))[0] == "manual"  # 150 ppi


def test_cp22_good_picture_is_manual_unless_auto_pass():
    image = picture((72.0, 200.0, 216.0, 308.0))
    answer, findings = run_check("CP22", one_picture(image))
    assert answer == "manual"
    assert "check by eye" in findings[0].message
    assert run_check("CP22", one_picture(image), images_auto_pass=True)[0] == "yes"


def test_cp22_low_contrast_stays_manual_with_auto_pass():
    image = picture((72.0, 200.0, 216.0, 308.0), data=png(600, 450, faint=True))
    answer, findings = run_check("CP22", one_picture(image), images_auto_pass=True)
    assert answer == "manual"
    assert "low contrast" in findings[0].message


def test_cp22_unreadable_pixels_and_linked_pictures_are_manual():
    broken = picture((72.0, 200.0, 216.0, 308.0), data=b"not an image")
    assert run_check("CP22", one_picture(broken), images_auto_pass=True)[0] == "manual"
    document = doc(para("Text"))
    document.images = [docx_picture(linked=True, pixel_width=None, pixel_height=None)]
    assert run_check("CP22", document)[0] == "manual"


def test_cp22_and_cp23_docx_chart_is_a_picture_to_look_at():
    document = doc(para("Text before"), para("Text after", space_before=18.0))
    document.images = [docx_picture(kind="chart", name="Chart 3", pixel_width=None, pixel_height=None)]
    answer, findings = run_check("CP22", document)
    assert answer == "manual"
    assert findings[0].message.startswith("Chart \u201cChart 3\u201d")
    assert "labels" in findings[0].message
    answer, _ = run_check("CP23", document)
    assert answer != "n/a"


def test_cp22_metafile_drawing_is_manual_not_low_resolution():
    document = doc(para("Text"))
    document.images = [docx_picture(kind="drawing", name="Object 1", pixel_width=None, pixel_height=None)]
    answer, findings = run_check("CP22", document)
    assert answer == "manual"
    assert findings[0].message.startswith("Drawing \u201cObject 1\u201d is a vector drawing")


def test_cp22_docx_resolution_uses_the_crop():
    document = doc(para("Text"))
    document.images = [docx_picture(pixel_width=160, pixel_height=120)]  # 80 ppi
    assert run_check("CP22", document)[0] == "no"
    document.images = [docx_picture(pixel_width=600, pixel_height=450)]
    assert run_check("CP22", document)[0] == "manual"  # 300 ppi
    document.images = [docx_picture(pixel_width=600, pixel_height=450, crop=(0.4, 0.4, 0.4, 0.4))]
    assert run_check("CP22", document)[0] == "no"  # a fifth of the pixels across: 60 ppi


def test_cp22_one_pixel_fills_and_plain_colours_are_not_pictures():
    fill = picture((0.0, 100.0, 300.0, 400.0), (1, 1))
    assert run_check("CP22", one_picture(fill))[0] == "n/a"
    plain = picture((0.0, 100.0, 300.0, 400.0), data=png(600, 450, flat=True))
    assert run_check("CP22", one_picture(plain))[0] == "n/a"


def test_cp22_a_logo_on_every_page_is_one_finding():
    pages = [pdf_page(pdf_block(column(72, 90, 1)), number=n,
                      images=(picture((72.0, 700.0, 216.0, 760.0), (100, 42), page=n),)) for n in (1, 2, 3)]
    answer, findings = run_check("CP22", pdf_doc(*pages))
    assert answer == "no"
    assert len([f for f in findings if f.severity == "no"]) == 1 and findings[0].count == 3


# -- CP23 separation ----------------------------------------------------------------------------------


def near_picture(gap: float, role: Role = Role.BODY) -> Document:
    """A 12 pt line whose letters end ``gap`` pt above a picture."""
    line = pdf_line("A line of text above the picture.", 72, 100, width=300)
    box = (72.0, 100 + 0.2 * 12 + gap, 372.0, 300.0)
    return pdf_doc(pdf_page(pdf_block([line], role=role), images=(picture(box),)))


def test_cp23_clearance_bands():
    assert run_check("CP23", near_picture(20))[0] == "yes"
    assert run_check("CP23", near_picture(6))[0] == "manual"
    answer, findings = run_check("CP23", near_picture(1))
    assert answer == "no"
    assert findings[0].data["clearance_em"] < 0.25


def test_cp23_captions_may_sit_closer():
    assert run_check("CP23", near_picture(6, role=Role.CAPTION))[0] == "yes"
    assert run_check("CP23", near_picture(1, role=Role.CAPTION))[0] == "no"


def test_cp23_text_over_a_picture_fails():
    box = (72.0, 80.0, 400.0, 300.0)
    line = pdf_line("Words printed on the photograph.", 90, 197, width=250)  # across the skyline
    line.spans[0].order = 5
    document = pdf_doc(pdf_page(pdf_block([line]), images=(picture(box, order=2),)))
    answer, findings = run_check("CP23", document)
    assert answer == "no"
    assert "printed over a picture" in findings[0].message


def test_cp23_text_on_a_plain_part_of_a_picture_is_manual():
    box = (72.0, 80.0, 400.0, 300.0)
    line = pdf_line("Words in the sky.", 90, 140, width=150)  # the plain sky, left of the sun
    assert run_check("CP23", pdf_doc(pdf_page(pdf_block([line]), images=(picture(box),))))[0] == "manual"


def test_cp23_full_page_background_is_manual_and_flat_panel_is_skipped():
    line = pdf_line("Words on the page.", 90, 150, width=250)
    background = picture((0.0, 0.0, A4[0], A4[1]), (100, 140))
    assert run_check("CP23", pdf_doc(pdf_page(pdf_block([line]), images=(background,))))[0] == "manual"
    panel = picture((72.0, 80.0, 400.0, 300.0), data=png(300, 200, flat=True))
    assert run_check("CP23", pdf_doc(pdf_page(pdf_block([line]), images=(panel,))))[0] == "yes"


def test_cp23_white_margins_of_a_picture_are_paper():
    image = PILImage.new("RGB", (400, 300), (255, 255, 255))
    ImageDraw.Draw(image).rectangle((0, 150, 400, 300), fill=(20, 60, 20))  # ink in the lower half only
    out = io.BytesIO()
    image.save(out, format="PNG")
    box = (72.0, 80.0, 372.0, 305.0)
    line = pdf_line("A line in the white top of the picture box.", 90, 100, width=250)
    document = pdf_doc(pdf_page(pdf_block([line]), images=(picture(box, (400, 300), data=out.getvalue()),)))
    answer, _ = run_check("CP23", document)
    assert answer == "yes"
    assert content_box(document, document.images[0], document.pages[0])[1] > 190


def test_cp23_docx_floating_and_wrapped_pictures():
    document = doc(para("Text"), para("More text"), sections=[a4_section()])
    document.images = [docx_picture("none", behind_text=True)]
    assert run_check("CP23", document)[0] == "manual"
    document.images = [docx_picture("square", h_align="right", distance=(9.0, 9.0, 1.0, 9.0))]
    assert run_check("CP23", document)[0] == "no"
    document.images = [docx_picture("square", h_align="right", distance=(0.0, 0.0, 14.0, 0.0))]
    assert run_check("CP23", document)[0] == "manual"  # nothing above or below, at worst
    document.images = [docx_picture("square", h_align="right", distance=(14.0, 14.0, 14.0, 0.0))]
    assert run_check("CP23", document)[0] == "yes"


def test_cp23_docx_inline_picture_uses_the_paragraph_spacing():
    before = para("Text before", space_after=18.0)
    after = para("Text after", space_before=18.0)
    document = doc(before, after)
    after.location = after.location.but(paragraph=3)
    document.images = [docx_picture("inline", paragraph=2)]
    assert run_check("CP23", document)[0] == "yes"
    before.space_after = 0.0
    assert run_check("CP23", document)[0] == "manual"


# -- CP26 folds -----------------------------------------------------------------------------------------


def leaflet(inset_mm: float, across: bool = False) -> Document:
    """A4 landscape, three panels of text ``inset_mm`` from the panel edges."""
    panel = A4_LANDSCAPE[0] / 3
    inset = inset_mm * MM
    blocks = [pdf_block(column(k * panel + inset, 60, 8, width=panel - 2 * inset)) for k in range(3)]
    if across:
        blocks.append(pdf_block([pdf_line("A line across the first fold", 200, 500, width=200)]))
    return pdf_doc(pdf_page(*blocks, size=A4_LANDSCAPE))


def test_cp26_trifold_inferred_and_judged():
    answer, findings = run_check("CP26", leaflet(16))
    assert answer == "yes"
    assert "three equal panels" in findings[0].message
    assert run_check("CP26", leaflet(12))[0] == "manual"
    answer, findings = run_check("CP26", leaflet(5))
    assert answer == "no"
    assert findings[0].data["fold_mm"] == 99.0


def test_cp26_text_across_a_fold_fails():
    answer, findings = run_check("CP26", leaflet(16, across=True))
    assert answer == "no"
    assert findings[0].data["distance_mm"] == 0.0


def test_cp26_flat_portrait_sheet_is_na_and_user_folds_apply():
    document = pdf_doc(pdf_page(pdf_block(column(72, 90, 10, width=451))))
    assert run_check("CP26", document)[0] == "n/a"
    assert run_check("CP26", document, folds=[105.0])[0] == "no"
    assert run_check("CP26", document, folds=[5.0])[0] == "yes"  # 20 mm from the text


def spread(size: tuple[float, float], cross: bool = False) -> Page:
    """A landscape sheet holding two pages side by side (a booklet spread)."""
    half = size[0] / 2
    blocks = [pdf_block(column(x, 60, 10, width=half - 40 * MM)) for x in (20 * MM, half + 20 * MM)]
    if cross:
        blocks.append(pdf_block([pdf_line("A heading across the middle of the sheet", 100, 40, width=600)]))
    return pdf_page(*blocks, size=size)


def test_cp26_booklet_spread_folds_in_half_unless_text_crosses_the_middle():
    a3_landscape = (1190.55, 841.89)
    answer, findings = run_check("CP26", pdf_doc(spread(a3_landscape)))
    assert answer == "yes" and "folded in half" in findings[0].message
    assert run_check("CP26", pdf_doc(spread(a3_landscape, cross=True)))[0] == "n/a"
    other = spread(a3_landscape, cross=True)
    other.number = 2
    assert run_check("CP26", pdf_doc(spread(a3_landscape), other))[0] == "n/a"


def test_cp26_single_column_landscape_page_has_no_inferred_fold():
    document = pdf_doc(pdf_page(pdf_block(column(72, 60, 20, width=700)), size=A4_LANDSCAPE))
    assert run_check("CP26", document)[0] == "n/a"


def test_cp26_docx_landscape_columns():
    landscape = dict(width=A4_LANDSCAPE[0], height=A4_LANDSCAPE[1], margin_left=72.0, margin_right=72.0)
    document = doc(para("Text"), sections=[Section(number=1, columns=3, column_space=10 * MM, **landscape)])
    answer, findings = run_check("CP26", document)
    assert answer == "no" and findings[0].data["distance_mm"] == 5.0
    document.sections = [Section(number=1, columns=3, column_space=32 * MM, **landscape)]
    assert run_check("CP26", document)[0] == "yes"
    document.sections = [Section(number=1, columns=1, **landscape)]
    assert run_check("CP26", document)[0] == "n/a"
    assert run_check("CP26", document, folds=[148.5])[0] == "manual"


def test_cp26_docx_landscape_page_in_table_panels_folds_between_them():
    landscape = dict(width=A4_LANDSCAPE[0], height=A4_LANDSCAPE[1], margin_left=36.0, margin_right=36.0)
    third = A4_LANDSCAPE[0] / 3
    clear = [(36.0, third - 36), (third + 36, 2 * third - 36), (2 * third + 36, A4_LANDSCAPE[0] - 36)]
    document = doc(para("Text"), sections=[Section(number=1, panels=clear, **landscape)])
    answer, findings = run_check("CP26", document)
    assert answer == "manual"  # 36 pt is 12.7 mm from each fold
    assert findings[0].data["distance_mm"] == 12.7
    assert "panels" in findings[-1].message and findings[-1].severity == "info"
    tight = [(36.0, third - 10), (third + 10, 2 * third - 10), (2 * third + 10, A4_LANDSCAPE[0] - 36)]
    document.sections = [Section(number=1, panels=tight, **landscape)]
    assert run_check("CP26", document)[0] == "no"


def test_cp26_docx_book_fold_uses_the_inside_margin():
    document = doc(para("Text"), sections=[a4_section(margin_left=8 * MM)], book_fold=True)
    assert run_check("CP26", document)[0] == "no"
    document.sections = [a4_section(margin_left=20 * MM)]
    assert run_check("CP26", document)[0] == "yes"


# -- analysis.images --------------------------------------------------------------------------------------


def test_image_metrics_tell_sharp_from_flat():
    sharp = measure(decode(png()))
    faint = measure(decode(png(faint=True)))
    flat = measure(decode(png(flat=True)))
    assert sharp.tone_spread > 0.35 > faint.tone_spread
    assert not faint.plain and flat.plain and not sharp.plain
    assert flat.ink == (0.0, 0.0, 1.0, 1.0)
    assert decode(b"garbage") is None


# -- the PDF review of real documents ---------------------------------------------------


def test_cp21_pdf_field_excerpt_is_its_visible_label_and_data_keeps_the_name():
    field = widget("text", 60, 5, name="DropDown8", y=200.0)
    label = pdf_line("Title (Mr/Mrs/Miss/Dr etc)", 20, 212, size=10, width=120)
    document = pdf_doc(pdf_page(pdf_block([label]), pdf_block(column(72, 400, 2))), fields=(field,))
    answer, findings = run_check("CP21", document)
    assert answer == "no"
    assert findings[0].location.excerpt == "Title (Mr/Mrs/Miss/Dr etc)"
    assert findings[0].data["field"] == "DropDown8"


def shadow_png(size: tuple[int, int] = (180, 120)) -> bytes:
    """A drop shadow as layout programs flatten it: one grey shape fading softly to white."""
    from PIL import ImageFilter

    image = PILImage.new("L", size, 255)
    ImageDraw.Draw(image).ellipse((25, 20, size[0] - 25, size[1] - 20), fill=90)
    out = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(3)).save(out, format="PNG")
    return out.getvalue()


def test_cp22_drop_shadows_are_not_pictures():
    assert measure(decode(shadow_png())).shadow and not measure(decode(png())).shadow
    shadow = picture((72.0, 400.0, 252.0, 520.0), (180, 120), data=shadow_png())  # 72 ppi
    answer, findings = run_check("CP22", one_picture(shadow))
    assert answer == "n/a"
    assert "shadows" in findings[0].message


def seal_png(side: int = 300) -> bytes:
    """A round seal on white: the corners of its box are paper."""
    image = PILImage.new("RGB", (side, side), (255, 255, 255))
    ImageDraw.Draw(image).ellipse((0, 0, side - 1, side - 1), fill=(20, 40, 120))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_cp23_clearance_is_measured_to_the_ink_of_a_round_picture():
    box = (300.0, 100.0, 450.0, 250.0)  # 150 pt across: not a small logo
    line = pdf_line("Dragon Dispatch", 150, 112, width=148)  # ends 2 pt left of the box's corner
    document = pdf_doc(pdf_page(pdf_block([line]), images=(picture(box, (300, 300), data=seal_png()),)))
    assert run_check("CP23", document)[0] == "yes"
    level = pdf_line("Dragon Dispatch", 150, 180, width=148)  # beside the round edge: 2 pt
    document = pdf_doc(pdf_page(pdf_block([level]), images=(picture(box, (300, 300), data=seal_png()),)))
    assert run_check("CP23", document)[0] == "no"


def test_cp23_a_small_logo_close_to_text_is_manual():
    box = (300.0, 100.0, 360.0, 160.0)
    line = pdf_line("Dragon Dispatch", 150, 135, width=148)
    document = pdf_doc(pdf_page(pdf_block([line]), images=(picture(box, (200, 200), data=seal_png(200)),)))
    answer, findings = run_check("CP23", document)
    assert answer == "manual"
    assert "logo" in findings[0].message


def test_cp23_an_icon_painted_over_words_fails():
    line = pdf_line("Substitute information can be found at: www.example.org", 72, 200, width=320)
    line.spans[0].order = 3
    star = picture((150.0, 185.0, 174.0, 209.0), (48, 48), data=seal_png(48), order=9)
    answer, findings = run_check("CP23", pdf_doc(pdf_page(pdf_block([line]), images=(star,))))
    assert answer == "no"
    assert "on top of 1 line" in findings[0].message
    behind = picture((150.0, 185.0, 174.0, 209.0), (48, 48), data=seal_png(48), order=1)
    assert run_check("CP23", pdf_doc(pdf_page(pdf_block([line]), images=(behind,))))[0] == "n/a"


def test_cp21_outlines_round_chart_bars_are_not_tick_boxes():
    square = Shape(bbox=(120.0, 204.0, 124.5, 208.5), stroke=(0, 0, 0), kind="rect", page=1)
    page = pdf_page(pdf_block(column(72, 400, 2)), shapes=(square,))
    assert run_check("CP21", pdf_doc(page))[0] == "no"  # an empty square: a tick box
    bar = picture((120.0, 204.0, 124.5, 208.5), (9, 9), data=png(9, 9, flat=True))
    page = pdf_page(pdf_block(column(72, 400, 2)), shapes=(square,), images=(bar,))
    assert run_check("CP21", pdf_doc(page))[0] == "n/a"  # the outline of a bar of a chart
