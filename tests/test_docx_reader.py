"""The DOCX reader: effective formatting, stories, locations, drawings, fields, errors.

Documents are built here with python-docx, with lxml edits for what
python-docx cannot set (raw w:jc values, fields, text boxes, anchors).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from PIL import Image as PILImage

from clearprint.errors import DocumentError
from clearprint.fontmetrics import font_metrics
from clearprint.model import Alignment, Block, Document, Part, Role
from clearprint.readers.docx import read_docx

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docx"

Builder = Callable[[docx.document.Document], None]


def build(tmp_path: Path, builder: Builder, name: str = "test.docx") -> Path:
    """Save a python-docx document made by ``builder`` and return its path."""
    document = docx.Document()
    builder(document)
    path = tmp_path / name
    document.save(str(path))
    return path


def read(tmp_path: Path, builder: Builder) -> Document:
    return read_docx(build(tmp_path, builder))


def block_with(doc: Document, text: str) -> Block:
    return next(b for b in doc.blocks if text in b.text)


def add_xml(parent: object, xml: str) -> None:
    """Append WordprocessingML (namespaces declared in ``xml``) to an element."""
    parent.append(parse_xml(xml))  # type: ignore[attr-defined]


def add_runs(paragraph: object, *runs: str) -> None:
    """Append ``<w:r>`` fragments written without namespace declarations."""
    for xml in runs:
        add_xml(paragraph, xml.replace("<w:r>", f"<w:r {W_NS}>", 1))


def field_runs(instruction: str, result: str) -> list[str]:
    """The runs of a complex field: begin, instruction, separate, result, end."""
    return [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r><w:t>{result}</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]


W_NS = nsdecls("w")


# -- effective formatting ----------------------------------------------------


def test_size_only_from_normal_style(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.styles["Normal"].font.size = Pt(14)
        d.add_paragraph("Body text")

    span = read(tmp_path, make).blocks[0].spans[0]
    assert span.size == 14
    assert span.size_source == "style:Normal"


def test_size_only_from_doc_defaults(tmp_path: Path) -> None:
    doc = read(tmp_path, lambda d: d.add_paragraph("Body text"))
    span = doc.blocks[0].spans[0]
    assert span.size == 11  # python-docx's template: docDefaults w:sz=22
    assert span.size_source == "docDefaults"


def test_size_falls_back_to_application_default(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        defaults = d.styles.element.find(qn("w:docDefaults"))
        for sz in list(defaults.iter(qn("w:sz"), qn("w:szCs"))):
            sz.getparent().remove(sz)
        d.add_paragraph("Body text")

    span = read(tmp_path, make).blocks[0].spans[0]
    assert (span.size, span.size_source) == (10.0, "default")


def test_italic_through_character_style(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        style = d.styles.add_style("Quoted", 2)  # WD_STYLE_TYPE.CHARACTER
        style.font.italic = True
        p = d.add_paragraph("plain ")
        p.add_run("styled").style = style

    plain, styled = read(tmp_path, make).blocks[0].spans
    assert not plain.italic
    assert styled.italic and styled.text == "styled"


def test_bold_character_style_in_bold_paragraph_style_toggles_off(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        para_style = d.styles.add_style("Loud", 1)
        para_style.font.bold = True
        char_style = d.styles.add_style("Strong Words", 2)
        char_style.font.bold = True
        p = d.add_paragraph("bold ", style=para_style)
        p.add_run("toggled").style = char_style

    first, second = read(tmp_path, make).blocks[0].spans
    assert first.bold is True
    assert second.bold is False  # ECMA-376 toggle rule: style levels XOR


def test_caps_property_on_lower_case_text(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph().add_run("shouting quietly").font.all_caps = True

    span = read(tmp_path, make).blocks[0].spans[0]
    assert span.caps is True
    assert span.text == "shouting quietly"


def test_superscript_keeps_declared_size(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        run = d.add_paragraph("Note").add_run("1")
        run.font.superscript = True
        run.font.size = Pt(12)

    span = read(tmp_path, make).blocks[0].spans[1]
    assert span.superscript and span.size == 12


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        p = d.add_paragraph("shown")
        p.add_run(" hidden").font.hidden = True

    assert read(tmp_path, make).blocks[0].text == "shown"


def test_theme_fonts_resolve_through_theme_part(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph("minor font")
        run = d.add_paragraph().add_run("major font")
        add_xml(
            run._r.get_or_add_rPr(), f'<w:rFonts {W_NS} w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/>'
        )

    doc = read(tmp_path, make)
    minor = block_with(doc, "minor").spans[0]
    major = block_with(doc, "major").spans[0]
    assert (minor.font, minor.font_source) == ("Cambria", "docDefaults")
    assert (major.font, major.font_source) == ("Calibri", "direct")


def test_font_traits_and_old_style_figures(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph().add_run("light text").font.name = "Calibri Light"
        run = d.add_paragraph().add_run("1984")
        add_xml(run._r.get_or_add_rPr(), f'<w14:numForm {nsdecls("w14")} w14:val="oldStyle"/>')

    doc = read(tmp_path, make)
    light = block_with(doc, "light").spans[0]
    assert light.weight == 300
    assert "oldstyle-figures" in block_with(doc, "1984").spans[0].traits


def test_character_spacing_and_scale(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        rpr = d.add_paragraph().add_run("spaced out")._r.get_or_add_rPr()
        add_xml(rpr, f'<w:spacing {W_NS} w:val="40"/>')
        add_xml(rpr, f'<w:w {W_NS} w:val="80"/>')

    span = read(tmp_path, make).blocks[0].spans[0]
    assert (span.char_spacing, span.scale) == (2.0, 80.0)


def test_theme_colour_with_tint(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        rpr = d.add_paragraph().add_run("tinted")._r.get_or_add_rPr()
        add_xml(rpr, f'<w:color {W_NS} w:val="000000" w:themeColor="text1" w:themeTint="80"/>')

    span = read(tmp_path, make).blocks[0].spans[0]
    assert span.color == (127, 127, 127)  # text1 (black) at 50 % tint, not the stale w:val


@pytest.mark.parametrize(
    ("family", "traits"),
    [
        ("Calibri Light", set()),  # light by its weight (300), which CP05 judges against its option
        ("Segoe UI Light", set()),
        ("Arial Narrow", {"condensed"}),
        ("Brush Script MT", {"script"}),
        ("Lucida Handwriting", {"script"}),
        ("KFGQPC Uthmanic Script HAFS", set()),  # "script" as in writing system: a Quran face
        ("Segoe Script", {"script"}),
        ("Algerian", {"decorative"}),
        ("Arial Black", set()),  # black by its weight (900)
        ("Courier New", {"monospace"}),
        ("Georgia", {"oldstyle-figures"}),
        ("Constantia", {"oldstyle-figures"}),
        ("Arial", set()),
    ],
)
def test_font_traits_from_names(family: str, traits: set[str]) -> None:
    assert set(font_metrics(family).traits) == traits


def test_font_metrics_measured_and_fallback() -> None:
    arial = font_metrics("Arial")
    assert (arial.line_height, arial.space_width, arial.avg_char_width, arial.estimated) == (
        1.150,
        0.278,
        0.441,
        False,
    )
    assert font_metrics("Carlito") is font_metrics("Calibri")  # metric-compatible clone
    unknown = font_metrics("Nobody's Font Serif")
    assert (unknown.classification, unknown.line_height, unknown.weight) == ("serif", 1.17, None)
    assert font_metrics(None).estimated and font_metrics("").line_height == 1.17


# -- alignment and spacing ----------------------------------------------------


def test_justified_through_based_on_chain(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        base = d.styles.add_style("Body Base", 1)
        base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        derived = d.styles.add_style("Body Derived", 1)
        derived.base_style = base
        d.add_paragraph("Justified by inheritance", style=derived)

    block = read(tmp_path, make).blocks[0]
    assert block.alignment is Alignment.JUSTIFIED
    assert block.alignment_source == "style:Body Base"
    assert block.style == "Body Derived"


@pytest.mark.parametrize(
    ("jc", "bidi", "expected"),
    [
        ("start", False, Alignment.LEFT),
        ("end", False, Alignment.RIGHT),
        ("start", True, Alignment.RIGHT),
        ("left", True, Alignment.RIGHT),
        ("distribute", False, Alignment.DISTRIBUTED),
        ("lowKashida", False, Alignment.JUSTIFIED),
        ("thaiDistribute", False, Alignment.DISTRIBUTED),
    ],
)
def test_raw_jc_values(tmp_path: Path, jc: str, bidi: bool, expected: Alignment) -> None:
    def make(d: docx.document.Document) -> None:
        ppr = d.add_paragraph("Aligned")._p.get_or_add_pPr()
        if bidi:
            add_xml(ppr, f"<w:bidi {W_NS}/>")
        add_xml(ppr, f'<w:jc {W_NS} w:val="{jc}"/>')

    block = read(tmp_path, make).blocks[0]
    assert block.alignment is expected
    assert block.alignment_source == "direct"
    assert block.right_to_left is bidi


def test_spacing_attributes_inherit_one_by_one(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.styles["Normal"].paragraph_format.space_after = Pt(10)
        p = d.add_paragraph("Spaced")
        add_xml(p._p.get_or_add_pPr(), f'<w:spacing {W_NS} w:before="240"/>')

    block = read(tmp_path, make).blocks[0]
    assert block.space_before == 12.0  # direct
    assert block.space_after == 10.0  # style:Normal
    assert block.spacing_source == "before: direct; after: style:Normal"
    assert (block.line_rule, block.line_value) == ("auto", 1.15)  # docDefaults line=276
    # 1.15 lines × 11 pt × Cambria's line-height factor 1.15
    assert block.line_pitch == pytest.approx(1.15 * 11 * 1.15, abs=0.01)


def test_exact_line_spacing_and_autospacing(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        ppr = d.add_paragraph("Exact")._p.get_or_add_pPr()
        add_xml(ppr, f'<w:spacing {W_NS} w:line="280" w:lineRule="exact" w:beforeAutospacing="1"/>')

    block = read(tmp_path, make).blocks[0]
    assert (block.line_rule, block.line_value, block.line_pitch) == ("exact", 14.0, 14.0)
    assert block.space_before == 14.0


def test_empty_paragraphs_count_towards_next_block(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph("First")
        d.add_paragraph("")
        d.add_paragraph("   ")
        d.add_paragraph("Second")

    doc = read(tmp_path, make)
    assert [b.text for b in doc.blocks] == ["First", "Second"]
    assert doc.blocks[1].empty_before == 2
    assert doc.blocks[1].location.paragraph == 4


def test_headings_titles_and_lists(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_heading("The title", level=0)
        d.add_heading("A heading", level=2)
        d.add_paragraph("An item", style="List Bullet")

    doc = read(tmp_path, make)
    assert block_with(doc, "title").role is Role.TITLE
    heading = block_with(doc, "heading")
    assert (heading.role, heading.outline_level, heading.style) == (Role.HEADING, 1, "Heading 2")
    assert block_with(doc, "item").list_item


# -- stories and locations ----------------------------------------------------


def test_table_cell_paragraphs_are_numbered_in_place(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph("Before")
        table = d.add_table(rows=2, cols=2)
        for r in range(2):
            for c in range(2):
                table.cell(r, c).text = f"r{r + 1}c{c + 1}"
        table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "nested"
        d.add_paragraph("After")

    doc = read(tmp_path, make)
    found = {b.text: (b.location.paragraph, b.location.table_cell, b.in_table) for b in doc.blocks}
    assert found["Before"] == (1, None, False)
    assert found["r1c1"] == (2, (1, 1, 1), True)
    assert found["r2c2"] == (5, (1, 2, 2), True)
    assert found["nested"] == (6, (2, 1, 1), True)
    assert found["After"] == (8, None, False)  # the cell's paragraph after the nested table counts


def test_full_text_includes_fields_insertions_and_controls(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        p = d.add_paragraph("A")._p
        add_xml(p, f'<w:fldSimple {W_NS} w:instr=" DATE "><w:r><w:t>B</w:t></w:r></w:fldSimple>')
        add_xml(p, f'<w:ins {W_NS} w:id="1" w:author="x"><w:r><w:t>C</w:t></w:r></w:ins>')
        add_xml(p, f'<w:del {W_NS} w:id="2" w:author="x"><w:r><w:delText>gone</w:delText></w:r></w:del>')
        add_xml(p, f"<w:sdt {W_NS}><w:sdtContent><w:r><w:t>D</w:t></w:r></w:sdtContent></w:sdt>")
        add_xml(p, f"<w:r {W_NS}><w:tab/><w:t>E</w:t><w:softHyphen/><w:t>F</w:t><w:noBreakHyphen/></w:r>")

    block = read(tmp_path, make).blocks[0]
    assert block.text == "ABCD\tE\u00adF-"
    assert block.soft_hyphens == 1


def test_header_and_footer_page_fields(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph("Body")
        footer = d.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_xml(footer._p, f'<w:fldSimple {W_NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        header = d.sections[0].header.paragraphs[0]
        header.text = "Running head "
        add_runs(header._p, *field_runs(" NUMPAGES ", "9"))

    doc = read(tmp_path, make)
    entries = {(hf.kind, hf.variant): hf for hf in doc.sections[0].headers_footers}
    footer = entries[("footer", "default")]
    assert footer.has_page_number and footer.alignment is Alignment.RIGHT
    assert not entries[("header", "default")].has_page_number  # NUMPAGES is not PAGE
    head = block_with(doc, "Running head")
    assert (head.part, head.role, head.text) == (Part.HEADER, Role.FURNITURE, "Running head 9")


@pytest.mark.parametrize(("frame", "alignment", "place"), [
    ('w:xAlign="right" w:hAnchor="margin"', Alignment.RIGHT, None),
    ('w:xAlign="center" w:hAnchor="text"', Alignment.CENTER, None),
    ('w:xAlign="outside" w:hAnchor="margin"', Alignment.LEFT, "outside of the margins"),
    ('w:xAlign="right"', Alignment.LEFT, "right of the page"),
    ('w:x="1440" w:hAnchor="page"', Alignment.LEFT, "72 pt from the page"),
])
def test_page_number_in_a_frame_is_where_the_frame_is(tmp_path: Path, frame, alignment, place) -> None:
    def make(d: docx.document.Document) -> None:
        footer = d.sections[0].footer.paragraphs[0]
        add_xml(footer._p.get_or_add_pPr(), f'<w:framePr {W_NS} w:wrap="around" {frame}/>')
        add_xml(footer._p, f'<w:fldSimple {W_NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')

    footer = next(hf for hf in read(tmp_path, make).sections[0].headers_footers if hf.kind == "footer")
    assert footer.has_page_number and (footer.alignment, footer.frame) == (alignment, place)


def test_complex_page_field_in_footer(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        footer = d.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_runs(footer._p, *field_runs(" PAGE \\* MERGEFORMAT ", "2"))

    footer = next(hf for hf in read(tmp_path, make).sections[0].headers_footers if hf.kind == "footer")
    assert footer.has_page_number and footer.alignment is Alignment.CENTER
    assert footer.text == "2"


_TEXT_BOX = """
<w:r {ns}>
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor behindDoc="0" distT="0" distB="0" distL="114300" distR="114300" simplePos="0"
                   relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
          <wp:extent cx="1828800" cy="914400"/>
          <wp:wrapSquare wrapText="bothSides"/>
          <wp:docPr id="1" name="Text Box 1"/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:spPr>
                  <a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="914400"/></a:xfrm>
                  <a:solidFill><a:srgbClr val="002060"/></a:solidFill>
                </wps:spPr>
                <wps:txbx><w:txbxContent>
                  <w:p><w:r><w:t>Choice text</w:t></w:r></w:p>
                </w:txbxContent></wps:txbx>
                <wps:bodyPr vert="vert270"/>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Fallback text</w:t></w:r></w:p>
      </w:txbxContent></v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


TEXT_BOX_NS = nsdecls("w", "wp", "a") + (
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)


def test_text_box_text_comes_from_choice_only(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph("First")
        add_xml(d.add_paragraph("Anchor")._p, _TEXT_BOX.format(ns=TEXT_BOX_NS))

    doc = read(tmp_path, make)
    assert "Fallback text" not in [b.text for b in doc.blocks]
    assert doc.boxes[0].name == "Text Box 1"
    box = block_with(doc, "Choice text")
    assert box.part is Part.TEXTBOX
    assert box.location.paragraph == 2  # the anchoring paragraph
    assert box.text_direction == "vert270"
    span = box.spans[0]
    assert (span.background, span.background_source) == ((0, 32, 96), "text box fill")
    assert span.color == (255, 255, 255)  # automatic colour on a dark fill
    assert box.text_width == pytest.approx(144 - 14.4)  # 2 in less the default insets
    assert doc.text_boxes == 1


def test_text_box_without_one_fill_colour(tmp_path: Path) -> None:
    gradient = _TEXT_BOX.replace(
        '<a:solidFill><a:srgbClr val="002060"/></a:solidFill>',
        '<a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="002060"/></a:gs></a:gsLst></a:gradFill>',
    )

    def make(d: docx.document.Document) -> None:
        add_xml(d.add_paragraph("Anchor")._p, gradient.format(ns=TEXT_BOX_NS))

    span = block_with(read(tmp_path, make), "Choice text").spans[0]
    assert (span.background, span.background_source) == (None, "text box fill (gradient)")


# -- pictures -----------------------------------------------------------------


def _png(width: int, height: int) -> io.BytesIO:
    stream = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(stream, format="PNG")
    stream.seek(0)
    return stream


def test_inline_picture(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph("Text")
        d.add_picture(_png(300, 200), width=docx.shared.Inches(2))

    (image,) = read(tmp_path, make).images
    assert image.wrap == "inline"
    assert (image.pixel_width, image.pixel_height) == (300, 200)
    assert image.placed_width == pytest.approx(144)
    assert image.effective_ppi == pytest.approx(150)
    assert image.location.paragraph == 2
    assert image.load is not None and (image.load() or b"")[:4] == b"\x89PNG"


def test_anchored_picture_wrap(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        run = d.add_paragraph("Wrapped").add_run()
        inline = run.add_picture(_png(100, 100), width=docx.shared.Inches(1))._inline
        rid = inline.xpath(".//a:blip/@r:embed")[0]
        anchor = f"""
        <wp:anchor {nsdecls("wp", "a", "pic", "r")} behindDoc="1" distT="0" distB="0"
                   distL="127000" distR="254000" simplePos="0" relativeHeight="2" locked="0"
                   layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="margin"><wp:align>left</wp:align></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
          <wp:extent cx="914400" cy="914400"/>
          <wp:wrapTight wrapText="right"><wp:wrapPolygon edited="0"><wp:start x="0" y="0"/>
            <wp:lineTo x="0" y="21600"/></wp:wrapPolygon></wp:wrapTight>
          <wp:docPr id="5" name="Photo"/>
          <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
            <pic:pic><pic:nvPicPr><pic:cNvPr id="5" name="Photo"/><pic:cNvPicPr/></pic:nvPicPr>
              <pic:blipFill><a:blip r:embed="{rid}"/><a:srcRect l="10000" r="10000"/></pic:blipFill>
              <pic:spPr/></pic:pic>
          </a:graphicData></a:graphic>
        </wp:anchor>"""
        inline.getparent().replace(inline, parse_xml(anchor))

    (image,) = read(tmp_path, make).images
    assert (image.wrap, image.wrap_side, image.behind_text) == ("tight", "right", True)
    assert (image.h_align, image.h_relative, image.name) == ("left", "margin", "Photo")
    assert image.distance == (0.0, 0.0, 10.0, 20.0)
    assert image.crop == (0.1, 0.0, 0.1, 0.0)
    assert image.effective_ppi == pytest.approx(80)  # 100 px × 0.8 over 1 in


# -- document settings and backgrounds ----------------------------------------


def test_auto_hyphenation_setting(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        add_xml(d.settings.element, f"<w:autoHyphenation {W_NS}/>")
        d.add_paragraph("Hyphenated")
        p = d.add_paragraph("Not hyphenated")
        add_xml(p._p.get_or_add_pPr(), f"<w:suppressAutoHyphens {W_NS}/>")

    doc = read(tmp_path, make)
    assert doc.auto_hyphenation is True
    assert block_with(doc, "Hyphenated").hyphenate is True
    assert block_with(doc, "Not hyphenated").hyphenate is False


def test_page_background_only_when_displayed(tmp_path: Path) -> None:
    def make(displayed: bool) -> Builder:
        def builder(d: docx.document.Document) -> None:
            d.element.insert(0, parse_xml(f'<w:background {W_NS} w:color="FFFFCC"/>'))
            if displayed:
                add_xml(d.settings.element, f"<w:displayBackgroundShape {W_NS}/>")
            d.add_paragraph("On yellow")

        return builder

    shown = read_docx(build(tmp_path, make(True), "shown.docx"))
    assert shown.page_background == (255, 255, 204)
    span = shown.blocks[0].spans[0]
    assert (span.background, span.background_source) == ((255, 255, 204), "page")
    hidden = read_docx(build(tmp_path, make(False), "hidden.docx"))
    assert hidden.page_background is None
    assert hidden.blocks[0].spans[0].background is None


def test_cell_shading_with_white_text(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        cell = d.add_table(rows=1, cols=1).cell(0, 0)
        add_xml(cell._tc.get_or_add_tcPr(), f'<w:shd {W_NS} w:val="clear" w:color="auto" w:fill="1F3864"/>')
        cell.paragraphs[0].add_run("Reversed").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        cell.add_paragraph("Automatic")

    doc = read(tmp_path, make)
    span = block_with(doc, "Reversed").spans[0]
    assert span.color == (255, 255, 255)
    assert (span.background, span.background_source) == ((31, 56, 100), "cell shading")
    assert block_with(doc, "Automatic").spans[0].color == (255, 255, 255)  # "auto" on dark shading


def test_table_style_header_row_formatting(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        table = d.add_table(rows=2, cols=2, style="Medium Shading 1 Accent 1")  # tblLook: first row on
        table.cell(0, 1).text = "Head"
        table.cell(1, 1).text = "Body"

    doc = read(tmp_path, make)
    head = block_with(doc, "Head").spans[0]
    assert (head.bold, head.color) == (True, (255, 255, 255))
    assert (head.background, head.background_source) == ((79, 129, 189), "cell shading")  # accent1
    body = block_with(doc, "Body").spans[0]
    assert body.color == (0, 0, 0) and body.background != head.background


def test_paragraph_shading_and_highlight(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        p = d.add_paragraph("Shaded ")
        add_xml(p._p.get_or_add_pPr(), f'<w:shd {W_NS} w:val="clear" w:fill="D9D9D9"/>')
        p.add_run("marked").font.highlight_color = 7  # WD_COLOR_INDEX.YELLOW

    block = read(tmp_path, make).blocks[0]
    assert block.shading == (217, 217, 217)
    assert [(s.background, s.background_source) for s in block.spans] == [
        ((217, 217, 217), "paragraph shading"),
        ((255, 255, 0), "highlight"),
    ]


def test_patterned_shading_is_marked(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        p = d.add_paragraph("Dotted")
        add_xml(p._p.get_or_add_pPr(), f'<w:shd {W_NS} w:val="pct25" w:color="000000" w:fill="FFFFFF"/>')

    span = read(tmp_path, make).blocks[0].spans[0]
    assert span.background == (191, 191, 191)  # 25 % black over white
    assert span.background_source == "paragraph shading (pattern)"


def test_section_columns_and_text_width(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        cols = d.sections[0]._sectPr.find(qn("w:cols"))
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:sep"), "1")
        d.add_paragraph("In two columns")

    doc = read(tmp_path, make)
    section = doc.sections[0]
    assert (section.columns, section.column_space, section.column_rule) == (2, 36.0, True)
    measure = section.width - section.margin_left - section.margin_right
    block = doc.blocks[0]
    assert block.columns == 2
    assert block.text_width == pytest.approx((measure - 36) / 2)


# -- fields and contents -------------------------------------------------------


def test_stale_toc_field(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        add_runs(
            d.add_paragraph()._p, *field_runs(' TOC \\o "1-3" \\h ', "No table of contents entries found.")
        )

    (contents,) = read(tmp_path, make).contents
    assert (contents.kind, contents.stale, contents.location.paragraph) == ("field", True, 1)


def test_toc_field_spanning_paragraphs_counts_entries(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        begin, instruction, separate, _, end = field_runs(' TOC \\o "1-3" ', "")
        add_runs(d.add_paragraph()._p, begin, instruction, separate, "<w:r><w:t>Introduction 1</w:t></w:r>")
        add_runs(d.add_paragraph()._p, "<w:r><w:t>Method 2</w:t></w:r>", end)
        d.add_paragraph("Body")

    doc = read(tmp_path, make)
    (contents,) = doc.contents
    assert (contents.kind, contents.entries, contents.stale) == ("field", 2, False)
    assert block_with(doc, "Method").role is Role.CONTENTS
    assert block_with(doc, "Body").role is Role.BODY


def test_form_fields(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        p = d.add_paragraph("Name: ")._p
        add_runs(
            p,
            '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Name"/>'
            "<w:textInput/></w:ffData></w:fldChar></w:r>",
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        )
        add_xml(
            d.add_paragraph("Agree ")._p,
            f'<w:sdt {nsdecls("w", "w14")}><w:sdtPr><w:alias w:val="Agree"/><w14:checkbox/></w:sdtPr>'
            "<w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt>",
        )
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Address:"
        add_xml(table.rows[0]._tr.get_or_add_trPr(), f'<w:trHeight {W_NS} w:val="850"/>')

    fields = {f.kind: f for f in read(tmp_path, make).fields}
    assert fields["text"].name == "Name" and fields["text"].location.paragraph == 1
    assert fields["text"].origin == "legacy"
    assert (fields["checkbox"].name, fields["checkbox"].origin) == ("Agree", "content control")
    box = fields["box"]
    assert box.origin == "cell"
    assert box.height == pytest.approx(42.5)
    assert box.location.table_cell == (1, 1, 2)


# -- opening and errors ---------------------------------------------------------


def test_template_content_type_opens(tmp_path: Path) -> None:
    source = build(tmp_path, lambda d: d.add_paragraph("From a template"))
    template = tmp_path / "template.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(template, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    before = template.read_bytes()
    assert read_docx(template).blocks[0].text == "From a template"
    assert template.read_bytes() == before  # the user's file is never touched


def test_truncated_zip(tmp_path: Path) -> None:
    whole = build(tmp_path, lambda d: d.add_paragraph("x")).read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DocumentError, match="the zip archive is damaged or truncated"):
        read_docx(broken)


def test_broken_xml_names_the_part(tmp_path: Path) -> None:
    source = build(tmp_path, lambda d: d.add_paragraph("x"))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, data[:-40] if item.filename == "word/document.xml" else data)
    with pytest.raises(DocumentError, match=r"broken XML in word/document\.xml"):
        read_docx(broken)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocumentError, match="^not a Word document"):
        read_docx(path)


# -- roles told by their looks --------------------------------------------------


LONG_BODY = "This paragraph of running text is long enough to be body text on any page. " * 3


def _sized(d: docx.document.Document, text: str, size: float, bold: bool = False) -> object:
    paragraph = d.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    return paragraph


def test_large_and_bold_short_lines_become_headings_and_the_cover_title(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        _sized(d, "Trust Fund Budget", 28, bold=True).alignment = WD_ALIGN_PARAGRAPH.CENTER
        _sized(d, "Congressional Submission", 22, bold=True)
        d.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
        _sized(d, "Overview of the fund", 30, bold=True)  # larger, but not on the first page
        for _ in range(3):
            d.add_paragraph(LONG_BODY)
        _sized(d, "Background", 11, bold=True)
        _sized(d, "History", 11, bold=True)  # a run of bold lines, then body text
        d.add_paragraph(LONG_BODY)
        _sized(d, "A bold sentence that ends like one.", 11, bold=True)
        d.add_paragraph(LONG_BODY)
        _sized(d, "Bold but last", 11, bold=True)

    doc = read(tmp_path, make)
    assert block_with(doc, "Trust Fund").role is Role.TITLE
    assert block_with(doc, "Congressional").role is Role.HEADING
    assert block_with(doc, "Overview").role is Role.HEADING
    assert block_with(doc, "Background").role is Role.HEADING
    assert block_with(doc, "History").role is Role.HEADING
    assert block_with(doc, "ends like one").role is Role.BODY
    assert block_with(doc, "Bold but last").role is Role.BODY  # no body text follows it
    assert block_with(doc, "Overview").outline_level is None  # not a styled heading


def test_only_a_tables_first_row_holds_headings(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        for _ in range(3):
            d.add_paragraph(LONG_BODY)
        table = d.add_table(rows=2, cols=1)
        title = table.cell(0, 0).paragraphs[0].add_run("Claims Workload")
        title.bold = True
        table.cell(0, 0).add_paragraph("(Dollars in Thousands)")
        table.cell(1, 0).paragraphs[0].add_run("DELLYS").font.size = Pt(16)

    doc = read(tmp_path, make)
    assert block_with(doc, "Claims Workload").role is Role.HEADING
    assert block_with(doc, "DELLYS").role is Role.BODY


def test_a_styled_title_keeps_visual_titles_away(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_heading("Trip to Paris", level=0)
        d.add_paragraph(LONG_BODY)
        _sized(d, "June 17, 2014", 20, bold=True)
        d.add_paragraph(LONG_BODY)

    doc = read(tmp_path, make)
    assert block_with(doc, "June").role is Role.HEADING


def test_typed_contents_lines_are_contents(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        for entry in ("I.  Overview\t1", "II.  Summary of changes\tN/A", "III.  Exhibits\t5"):
            d.add_paragraph(entry)
        d.add_paragraph(LONG_BODY)
        for label in ("Name:\t", "Address:\t", "Phone:\t"):  # a form, not a contents list
            d.add_paragraph(label)

    doc = read(tmp_path, make)
    assert block_with(doc, "Overview").role is Role.CONTENTS
    assert block_with(doc, "Exhibits").role is Role.CONTENTS
    assert block_with(doc, "Address").role is Role.BODY


_VML_BOX = """
<w:r {ns}>
  <w:pict>
    <v:shape id="{id}" type="#_x0000_t202" {fill}
             style="position:absolute;margin-left:{x}pt;margin-top:20pt;width:200pt;height:100pt">
      {fill_el}
      <v:textbox style="mso-next-textbox:#{next}"><w:txbxContent>
        {paragraphs}
      </w:txbxContent></v:textbox>
    </v:shape>
  </w:pict>
</w:r>
"""
VML_NS = nsdecls("w") + ' xmlns:v="urn:schemas-microsoft-com:vml"'


def _vml_box(paragraph: object, *texts: str, shape_id: str = "_x0000_s1026", x: float = 10,
             fill: str = 'fillcolor="#069"', fill_el: str = "", next_box: str | None = None,
             size: float | None = None) -> None:
    sz = f'<w:rPr><w:sz w:val="{int(size * 2)}"/></w:rPr>' if size else ""
    paragraphs = "".join(f"<w:p><w:r>{sz}<w:t>{t}</w:t></w:r></w:p>" for t in texts)
    add_xml(paragraph._p, _VML_BOX.format(  # type: ignore[attr-defined]
        ns=VML_NS, id=shape_id, fill=fill, fill_el=fill_el, x=x, next=next_box or shape_id,
        paragraphs=paragraphs))


def test_display_text_in_a_text_box_is_a_title(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph(LONG_BODY)
        _vml_box(d.add_paragraph(), "Calendar of notable dates for 2017.", size=48)
        d.add_paragraph(LONG_BODY)

    box = block_with(read(tmp_path, make), "Calendar")
    assert (box.part, box.role) == (Part.TEXTBOX, Role.TITLE)


# -- text boxes: numbers, fills, links, places --------------------------------------


def test_text_box_paragraphs_say_which_box(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.add_paragraph("Anchor one")
        _vml_box(d.add_paragraph("Anchor two"), "First box, first line", "First box, second line")
        _vml_box(d.add_paragraph("Anchor three"), "Second box", shape_id="_x0000_s1027", x=300)

    doc = read(tmp_path, make)
    assert block_with(doc, "second line").location.box == (1, 2)
    assert block_with(doc, "second line").location.paragraph == 2  # the anchor
    assert block_with(doc, "Second box").location.box == (2, 1)
    assert block_with(doc, "Anchor two").location.box is None
    assert [b.number for b in doc.boxes] == [1, 2]
    assert (doc.boxes[1].x, doc.boxes[1].y, doc.boxes[1].width) == (300, 20, 200)
    assert doc.boxes[1].location.paragraph == 3
    assert doc.boxes[1].name is None  # "_x0000_s1027" is Word's internal id


@pytest.mark.parametrize(
    ("fill", "fill_el", "expected"),
    [
        ('fillcolor="#069"', "", ((0, 102, 153), "text box fill")),
        ('fillcolor="#006699"', "", ((0, 102, 153), "text box fill")),
        ('fillcolor="yellow"', "", ((255, 255, 0), "text box fill")),
        ("", "", ((255, 255, 255), "text box fill")),  # VML's default fill is white
        ('fillcolor="#069" filled="f"', "", (None, None)),
        ('fillcolor="#069"', '<v:fill type="gradient" color2="white"/>', (None, "text box fill (gradient)")),
        ('fillcolor="#069"', '<v:fill type="frame"/>', (None, "text box fill (picture)")),
    ],
)
def test_vml_text_box_fill(tmp_path: Path, fill: str, fill_el: str, expected: tuple) -> None:
    def make(d: docx.document.Document) -> None:
        _vml_box(d.add_paragraph("Anchor"), "Mission statement", fill=fill, fill_el=fill_el)

    span = block_with(read(tmp_path, make), "Mission").spans[0]
    assert (span.background, span.background_source) == expected


def test_linked_text_boxes(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        _vml_box(d.add_paragraph("Anchor"), "Runs on", next_box="_x0000_s1030")
        _vml_box(d.add_paragraph("Anchor"), "Stands alone", shape_id="_x0000_s1031")  # names itself
        linked = _TEXT_BOX.replace("<wps:txbx>", '<wps:txbx id="1">')
        add_xml(d.add_paragraph("Anchor")._p, linked.format(ns=TEXT_BOX_NS))
        follower = _TEXT_BOX.replace(
            "<wps:txbx><w:txbxContent>\n                  <w:p><w:r><w:t>Choice text</w:t></w:r></w:p>\n"
            "                </w:txbxContent></wps:txbx>",
            '<wps:linkedTxbx id="1" seq="1"/>')
        add_xml(d.add_paragraph("Anchor")._p, follower.format(ns=TEXT_BOX_NS))

    doc = read(tmp_path, make)
    assert [b.linked for b in doc.boxes] == [True, False, True]


# -- the page background ------------------------------------------------------------


def test_page_background_picture_is_a_texture(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        d.element.insert(0, parse_xml(
            f'<w:background {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"'
            ' xmlns:o="urn:schemas-microsoft-com:office:office" w:color="FFFFCC">'
            '<v:background id="_x0000_s1025" fillcolor="#ffc">'
            '<v:fill o:title="Parchment" type="tile"/></v:background></w:background>'))
        add_xml(d.settings.element, f"<w:displayBackgroundShape {W_NS}/>")
        d.add_paragraph("On parchment")

    doc = read(tmp_path, make)
    assert doc.page_background is None
    assert doc.page_texture == "tiled picture \u201cParchment\u201d"
    span = doc.blocks[0].spans[0]
    assert span.background is None
    assert span.background_source == "page background tiled picture \u201cParchment\u201d"


# -- tables, pictures and charts ---------------------------------------------------


def test_tables_are_numbered_per_part_and_nested_ones_name_their_cell(tmp_path: Path) -> None:
    def make(d: docx.document.Document) -> None:
        outer = d.add_table(rows=1, cols=1)
        outer.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "nested"
        d.add_table(rows=1, cols=1).cell(0, 0).text = "second top-level"
        header = d.sections[0].header
        header.add_table(rows=1, cols=1, width=docx.shared.Inches(2)).cell(0, 0).text = "in header"

    doc = read(tmp_path, make)
    nested = block_with(doc, "nested").location
    assert (nested.table_cell, nested.outer_cell) == ((2, 1, 1), (1, 1, 1))
    second = block_with(doc, "second top-level").location
    assert (second.table_cell, second.outer_cell) == ((3, 1, 1), None)
    assert block_with(doc, "in header").location.table_cell == (1, 1, 1)


def test_picture_names_never_use_internal_ids(tmp_path: Path) -> None:
    description = "A map of the United States with the downwind states coloured yellow and the mines green."

    def make(d: docx.document.Document) -> None:
        d.add_picture(_png(300, 200), width=docx.shared.Inches(2))
        d.add_picture(_png(300, 200), width=docx.shared.Inches(2))
        first, second = d.inline_shapes
        doc_pr = first._inline.docPr
        doc_pr.set("name", "")
        doc_pr.set("descr", description)
        second._inline.docPr.set("name", "_x0000_i1025")

    first, second = read(tmp_path, make).images
    assert first.name == description[:59].rstrip() + "\u2026"
    assert second.name == "picture 2"


def test_metafile_picture_is_a_drawing_without_pixels(tmp_path: Path) -> None:
    emf = bytes([1, 0, 0, 0, 88]) + bytes(35) + b" EMF" + bytes(44)

    def make(d: docx.document.Document) -> None:
        d.add_picture(_png(300, 200), width=docx.shared.Inches(2))
        rid = d.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
        d.part.related_parts[rid]._blob = emf

    (image,) = read(tmp_path, make).images
    assert image.kind == "drawing"
    assert (image.pixel_width, image.effective_ppi) == (None, None)
    assert image.load is not None and image.load() == emf


def test_chart_is_an_image_of_kind_chart(tmp_path: Path) -> None:
    chart = f"""
    <w:r {nsdecls("w", "wp", "a", "r")}><w:drawing>
      <wp:inline distT="0" distB="0" distL="0" distR="0">
        <wp:extent cx="5486400" cy="3200400"/>
        <wp:docPr id="3" name="Chart 3"/>
        <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">
          <c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId99"/>
        </a:graphicData></a:graphic>
      </wp:inline>
    </w:drawing></w:r>"""

    def make(d: docx.document.Document) -> None:
        add_xml(d.add_paragraph()._p, chart)

    (image,) = read(tmp_path, make).images
    assert (image.kind, image.name, image.wrap) == ("chart", "Chart 3", "inline")
    assert image.placed_width == pytest.approx(432)


_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_CHART_PART = f"""<c:chartSpace xmlns:c="{_C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
  <c:chart>
    <c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1600"/></a:pPr>
      <a:r><a:rPr lang="en-GB" sz="1400"/><a:t>Visits</a:t></a:r></a:p></c:rich></c:tx></c:title>
    <c:plotArea>
      <c:barChart><c:dLbls><c:showVal val="1"/></c:dLbls></c:barChart>
      <c:catAx><c:delete val="0"/>
        <c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr></a:p></c:txPr></c:catAx>
      <c:valAx><c:delete val="1"/>
        <c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="700"/></a:pPr></a:p></c:txPr></c:valAx>
    </c:plotArea>
  </c:chart>
  {{space}}
</c:chartSpace>"""


def _add_chart(d: docx.document.Document, space_text: str = "") -> None:
    """An in-line chart whose part (word/charts/chart1.xml) holds _CHART_PART."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart

    blob = _CHART_PART.replace("{space}", space_text).encode()
    chart = OpcPart(PackURI("/word/charts/chart1.xml"),
                    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", blob, d.part.package)
    rid = d.part.relate_to(chart, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart")
    add_xml(d.add_paragraph()._p, f"""
    <w:r {nsdecls("w", "wp", "a", "r")}><w:drawing>
      <wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="3" name="Chart 3"/>
        <a:graphic><a:graphicData uri="{_C}">
          <c:chart xmlns:c="{_C}" r:id="{rid}"/></a:graphicData></a:graphic>
      </wp:inline>
    </w:drawing></w:r>""")


def test_chart_text_sizes_from_the_chart_part(tmp_path: Path) -> None:
    space = '<c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1100"/></a:pPr></a:p></c:txPr>'
    (chart,) = read(tmp_path, lambda d: _add_chart(d, space)).images
    found = [(t.element, t.size, t.size_source) for t in chart.chart_text]
    # the deleted value axis prints nothing; data labels take the chart's own default
    assert found == [("title", 14.0, "the chart"), ("axis labels", 9.0, "the chart"),
                     ("data labels", 11.0, "the chart's default text size")]
    (chart,) = read(tmp_path, _add_chart).images
    assert chart.chart_text[-1].size == 10.0 and chart.chart_text[-1].size_source.startswith("Word's")


def test_landscape_page_laid_out_in_panels_by_a_table(tmp_path: Path) -> None:
    panel_text = "Running text of a leaflet panel, several lines long, as a folded leaflet has. " * 4

    def make(d: docx.document.Document) -> None:
        section = d.sections[0]
        section.orientation = docx.enum.section.WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = docx.shared.Inches(11), docx.shared.Inches(8.5)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, docx.shared.Inches(0.5))
        table = d.add_table(rows=1, cols=5)
        widths = [3840, 720, 3840, 720, 3840]  # twips: three panels and two spacers, 10 in in all
        for col, width in zip(table._tbl.tblGrid.iterchildren(), widths, strict=True):
            col.set(qn("w:w"), str(width))
        for i, width in enumerate(widths):
            cell = table.cell(0, i)
            cell.width = docx.shared.Twips(width)
            if width > 1000:
                cell.text = panel_text
        data = d.add_table(rows=2, cols=2)  # an ordinary table stays a table
        data.cell(0, 0).text = "Opening hours"

    doc = read(tmp_path, make)
    (section,) = doc.sections
    assert len(section.panels) == 3
    left, right = section.panels[0]
    assert left == pytest.approx(36 + 5.4) and right == pytest.approx(36 + 192 - 5.4)
    panel = next(b for b in doc.blocks if b.location.table_cell == (1, 1, 3))
    assert not panel.in_table  # running text, not data
    assert block_with(doc, "Opening hours").in_table


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.do*")) if CORPUS.is_dir() else [])
def test_corpus_reads_or_fails_clearly(name: str) -> None:
    from clearprint.readers import read as read_any

    try:
        doc = read_any(CORPUS / name)
    except DocumentError as exc:
        assert name.startswith(("encrypted", "malformed")), exc
        assert "\n" not in str(exc)
        if name == "malformed_truncated_zip.docx":
            assert str(exc) == "not a readable Word file: the zip archive is damaged or truncated"
        return
    assert doc.format == "docx" and doc.sections
