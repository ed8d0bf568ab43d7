"""CP02 (text contrast) and CP03 (reversed type), and the background analysis, over model documents."""

from __future__ import annotations

import math

import pytest
import wcag_contrast_ratio
from modelkit import Part, doc, para, pdf_block, pdf_line, run_check, span
from PIL import Image as PILImage
from PIL import ImageDraw

from clearprint.analysis.background import backgrounds, contrast, glyph_core, luminance
from clearprint.analysis.contrast import shown_ratio
from clearprint.model import Image, Location, Page, Shape

BLACK = (0, 0, 0)
WHITE = (255, 255, 255)
GREY_777 = (0x77, 0x77, 0x77)
DARK_BLUE = (0, 0x33, 0x66)


def pdf_text(text: str, color=BLACK, size: float = 12.0, order: int = 10, y: float = 100.0,
             x: float = 72.0, **props):
    line = pdf_line(text, x, y, size=size)
    line.spans[0].color = color
    line.spans[0].order = order
    for name, value in props.items():
        setattr(line.spans[0], name, value)
    return pdf_block([line])


def pdf_doc(*blocks, shapes=(), images=(), render=None):
    document = doc(*blocks, fmt="pdf")
    page = Page(number=1, width=595, height=842, shapes=list(shapes), images=list(images))
    page.render_background = render
    document.pages.append(page)
    return document


def box(x0=60.0, y0=80.0, x1=400.0, y1=110.0, fill=BLACK, order=5, **props) -> Shape:
    return Shape(bbox=(x0, y0, x1, y1), fill=fill, kind=props.pop("kind", "rect"), order=order, page=1,
                 **props)


def picture(x0=60.0, y0=60.0, x1=400.0, y1=130.0, order=3) -> Image:
    return Image(location=Location(page=1, bbox=(x0, y0, x1, y1)), order=order)


class Renderer:
    """A stand-in for the PDF reader's text-free page render, counting its calls."""

    def __init__(self, image: PILImage.Image, scale: float = 2.0) -> None:
        self.image, self.scale, self.calls = image, scale, 0

    def __call__(self, clip=None):
        self.calls += 1
        if clip is None:
            return self.image, self.scale
        s = self.scale  # the part the reader would draw: the clip grown to whole pixels
        box = (math.floor(clip[0] * s), math.floor(clip[1] * s),
               math.ceil(clip[2] * s), math.ceil(clip[3] * s))
        return self.image.crop(box), self.scale


def striped_page(scale: float = 2.0) -> PILImage.Image:
    """A page with a photo-like pattern of light and dark stripes across y 60-130 pt."""
    image = PILImage.new("RGB", (int(595 * scale), int(842 * scale)), WHITE)
    draw = ImageDraw.Draw(image)
    for i, x in enumerate(range(int(60 * scale), int(400 * scale), 6)):
        colour = (20, 60, 30) if i % 2 else (230, 220, 120)
        draw.rectangle((x, 60 * scale, x + 5, 130 * scale), fill=colour)
    return image


def flat_page(colour, scale: float = 2.0) -> PILImage.Image:
    image = PILImage.new("RGB", (int(595 * scale), int(842 * scale)), WHITE)
    ImageDraw.Draw(image).rectangle((60 * scale, 60 * scale, 400 * scale, 130 * scale), fill=colour)
    return image


def background_of(document, span):
    """The background analysis found for one span (None for whitespace)."""
    return backgrounds(document).get(id(span))


# The contrast arithmetic ------------------------------------------------------

def test_contrast_matches_the_wcag_package_and_spec_figures():
    assert contrast(GREY_777, WHITE) == pytest.approx(4.48, abs=0.005)
    assert contrast(WHITE, BLACK) == pytest.approx(21.0)
    for colour in [(0x77, 0x12, 0xAB), (255, 255, 0), (3, 200, 90)]:
        ratio = wcag_contrast_ratio.rgb([c / 255 for c in colour], (1, 1, 1))
        assert contrast(colour, WHITE) == pytest.approx(ratio)
        assert 1.05 / (luminance(colour) + 0.05) == pytest.approx(ratio)


# CP02 on Word files -------------------------------------------------------------

def test_cp02_black_on_white_is_yes():
    assert run_check("CP02", doc(para(span("Plain text", color=BLACK))))[0] == "yes"


def test_cp02_grey_777_on_white_is_no_with_measured_values():
    answer, findings = run_check("CP02", doc(para("Fine"), para(span("Grey words", color=GREY_777))))
    assert answer == "no"
    finding = findings[0]
    assert finding.location.paragraph == 2
    assert finding.data["fg"] == "#777777" and finding.data["bg"] == "#FFFFFF"
    assert finding.data["ratio"] == 4.48
    assert finding.data["needed"] == 4.5 and finding.data["bg_source"] == "page"


def test_cp02_one_finding_per_paragraph_for_its_worst_span():
    block = para(span("Grey ", color=GREY_777), span("paler", color=(0xAA, 0xAA, 0xAA)),
                 span(" fine", color=BLACK))
    findings = [f for f in run_check("CP02", doc(block))[1] if f.severity == "no"]
    assert len(findings) == 1
    assert findings[0].data["fg"] == "#AAAAAA" and findings[0].data["spans"] == 2


def test_cp02_punctuation_alone_is_left_out_but_a_digit_is_judged():
    teal = (0x00, 0x80, 0x80)
    padding = span(".", color=(0x95, 0x37, 0x35), background=teal, background_source="highlight")
    answer, findings = run_check("CP02", doc(para(span("Article ", color=WHITE, background=teal,
                                                       background_source="highlight"), padding)))
    assert answer == "yes"
    assert any(f.data.get("punctuation") == 1 for f in findings if f.severity == "info")
    digit = span("5.", color=(0x95, 0x37, 0x35), background=teal, background_source="highlight")
    assert run_check("CP02", doc(para(digit)))[0] == "no"


@pytest.mark.parametrize(("size", "bold", "answer"), [
    (18.0, False, "yes"), (14.0, True, "yes"), (14.0, False, "no"), (13.5, True, "no"),
])
def test_cp02_large_text_needs_only_three_to_one(size, bold, answer):
    grey = (0x88, 0x88, 0x88)  # 3.54:1 on white
    assert run_check("CP02", doc(para(span("Heading", size=size, bold=bold, color=grey))))[0] == answer


def test_cp02_large_text_exception_can_be_switched_off():
    document = doc(para(span("Heading", size=24, color=(0x88, 0x88, 0x88))))
    assert run_check("CP02", document, wcag_large_text_exception=False)[0] == "no"


def test_cp02_ratio_shown_never_rounds_up_to_the_limit():
    assert shown_ratio(4.496, 4.5) == 4.49 and shown_ratio(4.496) == 4.5 and shown_ratio(4.478) == 4.48


def test_cp02_yellow_text_on_white_fails():
    answer, findings = run_check("CP02", doc(para(span("Warning", color=(255, 255, 0)))))
    assert answer == "no" and findings[0].data["ratio"] < 1.1


def test_cp02_black_on_yellow_highlight_passes():
    highlighted = span("Note", color=BLACK, background=(255, 255, 0), background_source="highlight")
    assert run_check("CP02", doc(para(highlighted)))[0] == "yes"


def test_cp02_page_background_makes_grey_text_fail():
    document = doc(para(span("Dates", color=(0x76, 0x76, 0x76))), page_background=(0xFF, 0xFF, 0xCC))
    answer, findings = run_check("CP02", document)
    assert answer == "no"
    assert findings[0].data["bg"] == "#FFFFCC" and findings[0].data["bg_source"] == "page background"
    assert run_check("CP02", doc(para(span("Dates", color=(0x76, 0x76, 0x76)))))[0] == "yes"


def test_cp02_picture_as_page_background_is_one_manual_finding():
    source = "page background tiled picture \u201cParchment\u201d"
    on_texture = [para(span(f"Paragraph {i} of the calendar", color=BLACK, background_source=source))
                  for i in range(5)]
    document = doc(*on_texture, page_texture="tiled picture \u201cParchment\u201d")
    answer, findings = run_check("CP02", document)
    assert answer == "manual"
    (finding,) = [f for f in findings if f.severity == "manual"]
    assert finding.count == 5 and "Parchment" in finding.message
    assert finding.location.paragraph == 1


def test_cp02_white_on_stated_white_is_reported_as_hidden_for_a_person():
    hidden = span("Hidden words", color=WHITE, background=WHITE, background_source="cell shading")
    answer, findings = run_check("CP02", doc(para(hidden)))
    assert answer == "manual" and "cannot be seen" in findings[0].message


def test_cp02_hidden_text_does_not_mask_a_visible_failure():
    hidden = span("Hidden words", color=WHITE, background=WHITE, background_source="cell shading")
    grey = span(" grey words", color=(0x99, 0x99, 0x99))
    answer, findings = run_check("CP02", doc(para(hidden, grey)))
    assert answer == "no" and findings[0].data["fg"] == "#999999"


def test_cp02_white_text_on_a_page_that_only_seems_plain_is_manual():
    """A VML text box's fill or a shape behind the text may be invisible to the reader."""
    answer, findings = run_check("CP02", doc(para(span("Mission statement", color=WHITE)), fmt="docx"))
    assert answer == "manual" and "cannot read" in findings[0].message


def test_cp02_automatic_colour_turns_white_on_dark_shading():
    shaded = span("Mission", color=None, background=(0, 0, 0x80), background_source="cell shading")
    answer, _ = run_check("CP02", doc(para(shaded)))
    assert answer == "yes"
    pale = span("Mission", color=None, background=(0xDD, 0xEE, 0xFF), background_source="cell shading")
    assert run_check("CP02", doc(para(pale)))[0] == "yes"


def test_cp02_dark_paragraph_shading_from_the_block():
    assert run_check("CP02", doc(para(span("Dark on dark", color=BLACK), shading=(0x20, 0x20, 0x60))))[0] \
        == "no"


def test_cp02_text_over_a_picture_behind_text_is_manual():
    document = doc(para("Above"), para(span("Over the photo", color=BLACK)), para("Below"))
    photo = Image(location=Location(paragraph=2, part=Part.BODY), behind_text=True,
                  placed_height=10.0, name="Picture 1")
    document.images.append(photo)
    answer, findings = run_check("CP02", document)
    assert answer == "manual"
    assert findings[0].location.paragraph == 2 and findings[0].data["over_image"] is True
    assert background_of(document, document.blocks[1].spans[0]).over_image
    assert not background_of(document, document.blocks[0].spans[0]).over_image


def test_cp02_picture_in_front_of_text_is_not_a_background():
    document = doc(para(span("Beside the photo", color=BLACK)))
    document.images.append(Image(location=Location(paragraph=1, part=Part.BODY), behind_text=False,
                                 wrap="none", placed_height=50.0))
    assert run_check("CP02", document)[0] == "yes"


def test_cp02_gradient_text_box_fill_is_manual():
    filled = span("In a box", color=BLACK, background=None, background_source="text box (gradient fill)")
    assert run_check("CP02", doc(para(filled)))[0] == "manual"


def test_cp02_recommended_ratio_is_a_note():
    _, findings = run_check("CP02", doc(para(span("Mid grey", color=(0x66, 0x66, 0x66)))))
    assert [f.severity for f in findings] == ["info"]


# CP02 on PDF pages ----------------------------------------------------------------

def test_cp02_pdf_white_on_a_black_box_passes_and_box_painted_after_text_is_ignored():
    text = pdf_text("Reversed heading", color=WHITE, size=14, bold=True)
    assert run_check("CP02", pdf_doc(text, shapes=[box(order=5)]))[0] == "yes"
    text = pdf_text("Reversed heading", color=WHITE, size=14, bold=True)
    answer, findings = run_check("CP02", pdf_doc(text, shapes=[box(order=50)]))
    assert answer == "manual" and findings[0].data["bg_source"] == "page"


def test_cp02_pdf_names_the_shape_and_composites_opacity():
    text = pdf_text("Black on half black", color=BLACK)
    document = pdf_doc(text, shapes=[box(order=5, opacity=0.5)])
    found = background_of(document, text.spans[0])
    assert found.colour == (128, 128, 128) and found.source == "shape #5"


def test_cp02_pdf_topmost_covering_shape_wins():
    text = pdf_text("On yellow", color=BLACK)
    shapes = [box(order=2, fill=BLACK), box(order=4, fill=(0xFF, 0xFF, 0x99))]
    assert run_check("CP02", pdf_doc(text, shapes=shapes))[0] == "yes"


def test_cp02_pdf_glyph_core_ignores_a_box_that_only_touches_the_line_box():
    text = pdf_text("Black text under a dark band", color=BLACK, y=100.0)
    # The band covers the top of the span's box (y 88-92.5) but not its letters' core.
    band = box(y0=80.0, y1=92.5, fill=BLACK)
    document = pdf_doc(text, shapes=[band])
    assert background_of(document, text.spans[0]).colour == WHITE
    core = glyph_core(text.spans[0], text.lines[0])
    assert core[1] == pytest.approx(100 - 0.45 * 12) and core[3] == pytest.approx(100 - 0.05 * 12)


def test_cp02_pdf_text_over_a_striped_picture_is_manual_from_pixels():
    render = Renderer(striped_page())
    text = pdf_text("Red text over a photo", color=(200, 0, 0), size=14)
    document = pdf_doc(text, images=[picture()], render=render)
    answer, findings = run_check("CP02", document)
    assert answer == "manual"
    assert findings[0].data["over_image"] is True and findings[0].data["bg_share"] < 0.7
    assert render.calls == 1


def test_cp02_pdf_text_over_a_flat_picture_is_measured():
    text = pdf_text("White over a dark picture", color=WHITE, size=14)
    document = pdf_doc(text, images=[picture()], render=Renderer(flat_page(DARK_BLUE)))
    found = background_of(document, text.spans[0])
    assert found.sampled and found.uniform and found.over_image and found.colour == DARK_BLUE
    assert run_check("CP02", document)[0] == "yes"
    text = pdf_text("Grey over a mid picture", color=(0x90, 0x90, 0x90), size=12)
    document = pdf_doc(text, images=[picture()], render=Renderer(flat_page((0x70, 0x70, 0x70))))
    assert run_check("CP02", document)[0] == "no"


def grainy_page(base, grain, scale: float = 2.0) -> PILImage.Image:
    """A photo-like texture over y 60-130 pt: ``base`` with every fifth pixel ``grain``."""
    image = flat_page(base, scale)
    pixels = image.load()
    for x in range(int(60 * scale), int(400 * scale)):
        for y in range(int(60 * scale), int(130 * scale)):
            if (x + 2 * y) % 5 == 0:
                pixels[x, y] = grain
    return image


def test_cp02_pdf_text_over_a_texture_is_manual_even_when_one_colour_dominates():
    # 80 % of the pixels are one green (uniform by share), but a dark grain runs
    # through them: the commonest colour's 3.5:1 does not describe the text.
    text = pdf_text("DH-06-2", color=BLACK, size=8.4)
    render = Renderer(grainy_page((70, 106, 101), (20, 40, 40)))
    document = pdf_doc(text, images=[picture()], render=render)
    assert background_of(document, text.spans[0]).uniform
    answer, findings = run_check("CP02", document)
    assert answer == "manual" and "mixed colours" in findings[0].message
    assert findings[0].data["ratio_low"] < findings[0].data["ratio"] < 4.5


def test_cp02_pdf_text_over_a_flat_coloured_picture_below_the_ratio_stays_no():
    # A map's water: one blue with slight noise, behind black text at about 3.1:1.
    text = pdf_text("DH-06-1", color=BLACK, size=8.4)
    render = Renderer(grainy_page((12, 90, 175), (16, 94, 178)))
    answer, findings = run_check("CP02", pdf_doc(text, images=[picture()], render=render))
    assert answer == "no" and findings[0].data["ratio"] == pytest.approx(3.1, abs=0.05)


def test_cp02_pdf_leading_spaces_are_not_measured_against_what_lies_under_them():
    # A line indented with spaces past a dark logo: its letters are on white.
    logo = picture(x0=60, y0=60, x1=110, y1=130)
    image = PILImage.new("RGB", (int(595 * 2), int(842 * 2)), WHITE)
    ImageDraw.Draw(image).rectangle((60 * 2, 60 * 2, 110 * 2, 130 * 2), fill=(40, 40, 40))
    text = pdf_text(" " * 20 + "c/o the Squadron, 2490 Avenue", color=BLACK, x=72.0)
    text.spans[0].bbox = (72.0, 88.0, 72.0 + 20 * 3.0 + 180.0, 103.0)
    document = pdf_doc(text, images=[logo], render=Renderer(image))
    core = glyph_core(text.spans[0], text.lines[0])
    assert core[0] >= 72.0 + 20 * 0.25 * 12
    assert run_check("CP02", document)[0] == "yes"


def test_cp02_pdf_picture_without_a_renderer_is_manual_not_white():
    text = pdf_text("Black over a photo", color=BLACK)
    answer, findings = run_check("CP02", pdf_doc(text, images=[picture()]))
    assert answer == "manual" and "could not be measured" in findings[0].message


def test_cp02_pdf_box_above_the_picture_hides_it():
    render = Renderer(striped_page())
    text = pdf_text("Black on a white panel over a photo", color=BLACK)
    document = pdf_doc(text, images=[picture(order=3)], shapes=[box(order=5, fill=WHITE)], render=render)
    assert run_check("CP02", document)[0] == "yes"
    assert render.calls == 0


def test_cp02_pdf_pages_without_pictures_are_never_rendered():
    render = Renderer(flat_page(WHITE))
    document = pdf_doc(pdf_text("Plain", color=BLACK), pdf_text("Panel", color=WHITE, y=200),
                       shapes=[box(y0=180, y1=210)], render=render)
    assert run_check("CP02", document)[0] == "yes"
    assert render.calls == 0


def test_cp02_pdf_rounded_panel_uses_its_fill_well_inside_and_pixels_near_its_edge():
    panel = box(x0=50, y0=50, x1=450, y1=250, kind="path", fill=DARK_BLUE)
    inside = pdf_text("Inside", color=WHITE, size=14, y=150, x=150)
    render = Renderer(flat_page(WHITE))
    document = pdf_doc(inside, shapes=[panel], render=render)
    assert background_of(document, inside.spans[0]).colour == DARK_BLUE and render.calls == 0
    edge = pdf_text("Edge", color=WHITE, size=14, y=62, x=55)
    document = pdf_doc(edge, shapes=[panel], render=render)
    assert background_of(document, edge.spans[0]).sampled and render.calls == 1


def test_cp02_pdf_shading_is_measured_from_pixels():
    shading = Shape(bbox=(60, 60, 400, 130), kind="shading", order=2, page=1)
    text = pdf_text("Over a gradient", color=WHITE, size=14)
    document = pdf_doc(text, shapes=[shading], render=Renderer(flat_page((0, 0x40, 0x30))))
    found = background_of(document, text.spans[0])
    assert found.sampled and not found.over_image and found.source == "shading #2"


def test_cp02_hidden_text_is_a_note():
    document = pdf_doc(pdf_text("Visible", color=BLACK))
    document.pages[0].hidden_chars = 120
    _, findings = run_check("CP02", document)
    assert any(f.data.get("hidden_chars") == 120 for f in findings)


def test_backgrounds_are_computed_once_per_document():
    render = Renderer(striped_page())
    text = pdf_text("Over a photo", color=WHITE, size=14)
    document = pdf_doc(text, images=[picture()], render=render)
    first = backgrounds(document)
    assert backgrounds(document) is first
    strict = backgrounds(document, uniform_share=0.05)
    assert strict[id(text.spans[0])].uniform and not first[id(text.spans[0])].uniform
    assert render.calls == 1


# CP03 reversed type ----------------------------------------------------------------

def test_cp03_no_reversed_text_is_na():
    assert run_check("CP03", doc(para(span("Dark text", color=BLACK))))[0] == "n/a"


def test_cp03_white_14pt_bold_on_black_is_yes():
    text = pdf_text("Reversed heading", color=WHITE, size=14, bold=True)
    assert run_check("CP03", pdf_doc(text, shapes=[box()]))[0] == "yes"


def test_cp03_white_10pt_on_dark_blue_is_too_small():
    text = pdf_text("Small reversed text", color=WHITE, size=10)
    answer, findings = run_check("CP03", pdf_doc(text, shapes=[box(fill=DARK_BLUE)]))
    assert answer == "no"
    assert "10 pt regular" in findings[0].message and findings[0].data["bg"] == "#003366"


@pytest.mark.parametrize(("size", "bold", "answer"), [
    (12.0, True, "yes"), (12.0, False, "no"), (14.0, False, "yes"), (11.0, True, "no"), (13.8, False, "yes"),
])
def test_cp03_size_and_weight(size, bold, answer):
    shaded = span("Reversed", size=size, bold=bold, color=WHITE, background=BLACK,
                  background_source="paragraph shading")
    assert run_check("CP03", doc(para(shaded)))[0] == answer


def test_cp03_large_print_profile_raises_the_sizes():
    shaded = span("Reversed", size=14, bold=True, color=WHITE, background=BLACK, background_source="shading")
    assert run_check("CP03", doc(para(shaded)), reversed_min_bold_size=16.0)[0] == "no"


def test_cp03_light_weight_fails():
    light = span("Thin reversed", size=16, color=WHITE, weight=300, font="Lato Light",
                 background=BLACK, background_source="cell shading")
    answer, findings = run_check("CP03", doc(para(light)))
    assert answer == "no" and "light weight" in findings[0].message


def test_cp03_contrast_failure():
    pale = span("Reversed", size=16, color=WHITE, background=(0x99, 0x99, 0x99),
                background_source="cell shading")
    answer, findings = run_check("CP03", doc(para(pale)))
    assert answer == "no" and findings[0].data["ratio"] < 4.5


def test_cp03_automatic_colour_on_dark_cell_is_reversed():
    auto = span("Header cell", size=10, color=None, background=(0x1F, 0x3A, 0x60),
                background_source="cell shading")
    assert run_check("CP03", doc(para(auto)))[0] == "no"


def test_cp03_light_text_over_a_photo_is_manual():
    render = Renderer(striped_page())
    text = pdf_text("White over a photo", color=WHITE, size=20, bold=True)
    document = pdf_doc(text, images=[picture()], render=render)
    assert run_check("CP03", document)[0] == "manual"


def test_cp03_light_text_over_an_unmeasured_word_picture_is_manual():
    document = doc(para(span("Caption on the photo", color=WHITE)))
    document.images.append(Image(location=Location(paragraph=1, part=Part.BODY), behind_text=True,
                                 placed_height=100.0))
    assert run_check("CP03", document)[0] == "manual"
    assert run_check("CP02", document)[0] == "manual"


def test_cp03_reversed_on_a_dark_flat_picture_is_measured():
    text = pdf_text("White over a dark picture", color=WHITE, size=10)
    document = pdf_doc(text, images=[picture()], render=Renderer(flat_page(DARK_BLUE)))
    assert run_check("CP03", document)[0] == "no"


def test_cp03_one_finding_names_every_shortfall():
    text = pdf_text("Friday", color=(0xD7, 0x1A, 0x20), size=10, bold=True)
    answer, findings = run_check("CP03", pdf_doc(text, shapes=[box(fill=(0x20, 0x20, 0x20))]))
    problems = [f for f in findings if f.severity == "no"]
    assert answer == "no" and len(problems) == 1
    assert problems[0].data["problems"] == ["contrast", "size"]
    assert "3.15:1" in problems[0].message and "10 pt bold" in problems[0].message


def test_page_sized_shading_with_an_endless_box_is_cheap():
    endless = Shape(bbox=(-2.0**31, -2.0**31, 2.0**31, 2.0**31), kind="shading", order=0, page=1)
    text = pdf_text("Over a page shading", color=WHITE, size=14, order=5)
    document = pdf_doc(text, shapes=[endless], render=Renderer(flat_page(BLACK)))
    found = background_of(document, text.spans[0])
    assert found.sampled and found.source == "shading #0"


def test_cp02_icons_shadows_and_watermarks_are_not_judged():
    icon = pdf_text("!", color=(0xF8, 0x8B, 0x47), size=60, font="FontAwesome")
    private = pdf_text("\uf2a7", color=(0xF8, 0x8B, 0x47), size=60, y=200)
    shadow = pdf_text("Shadowed", color=(0xFF, 0xC9, 0x58), size=40, y=300, order=10)
    top = pdf_text("Shadowed", color=BLACK, size=40, y=302, order=11)
    watermark = pdf_text("DRAFT", color=(0xEE, 0xEE, 0xEE), size=96, y=500)
    answer, findings = run_check("CP02", pdf_doc(icon, private, shadow, top, watermark))
    assert answer == "yes"
    note = next(f for f in findings if "Not judged" in f.message)
    assert note.data == {"icon": 2, "shadow": 1, "watermark": 1}


def test_cp02_faint_small_text_is_no_watermark():
    assert run_check("CP02", pdf_doc(pdf_text("Faint", color=(0xEE, 0xEE, 0xEE), size=24)))[0] == "no"


def test_cp02_label_on_a_map_shield_glyph_is_manual():
    shield = pdf_text("\u00ff", color=(0, 0x7B, 0x5F), size=18, font="ESRIUSMUTCD1", order=20)
    label = pdf_text("99", color=WHITE, size=8, order=10, y=98, x=74)
    answer, findings = run_check("CP02", pdf_doc(shield, label))
    assert answer == "manual" and "symbol glyph" in findings[0].message


def test_cp02_picture_behind_text_on_a_coloured_page_is_still_manual():
    text = span("Over the photo", color=BLACK, background=(0xFF, 0xFF, 0xCC), background_source="page")
    document = doc(para(text), page_background=(0xFF, 0xFF, 0xCC))
    document.images.append(Image(location=Location(paragraph=1, part=Part.BODY), behind_text=True,
                                 placed_height=40.0))
    assert run_check("CP02", document)[0] == "manual"
    document.images.clear()
    document.cache.clear()
    assert run_check("CP02", document)[0] == "yes"
