"""CP13-CP17 (columns, layout, contents, page numbers) over model documents built in Python."""

from modelkit import Alignment, Part, Role, doc, para, pdf_block, pdf_line, run_check, span

from clearprint.analysis.text import family
from clearprint.model import Contents, HeaderFooter, Image, Line, Location, Page, Section, Shape, TextBox

WORDS = "Drivers help you on and off the bus and carry your shopping to the door"


def text_lines(count: int, x0: float, y0: float = 100.0, pitch: float = 18.0, size: float = 12.0,
               chars: int = 36) -> list[Line]:
    """``count`` lines of about ``chars`` characters (0.5 em each) from (x0, y0)."""
    return [pdf_line(WORDS[:chars], x0, y0 + i * pitch, size) for i in range(count)]


def pdf_doc(*blocks, pages: int = 1, width: float = 595, height: float = 842, **props):
    document = doc(*blocks, fmt="pdf", **props)
    document.pages = [Page(number=n, width=width, height=height) for n in range(1, pages + 1)]
    for block in document.blocks:
        document.pages[block.page - 1].blocks.append(block)
    return document


def two_columns(gutter: float, size: float = 12.0, lines: int = 16, right_top: float = 100.0):
    """Left column at x 72 (36 characters = 216 pt at 12 pt), right column after the gutter."""
    left = pdf_block(text_lines(lines, 72, size=size))
    right = pdf_block(text_lines(lines, 72 + 18 * size + gutter, y0=right_top, size=size))
    return left, right


# CP13 column gutter ------------------------------------------------------------

def test_cp13_pdf_gutter_of_two_ems_is_yes():
    answer, findings = run_check("CP13", pdf_doc(*two_columns(24)))
    assert answer == "yes"
    assert findings[0].data["narrowest_em"] == 2.0


def test_cp13_pdf_gutter_between_one_and_two_ems_is_manual():
    answer, findings = run_check("CP13", pdf_doc(*two_columns(18)))
    assert answer == "manual"
    assert findings[0].data["gutter_em"] == 1.5
    assert findings[0].location.page == 1 and findings[0].location.bbox[0] == 288


def test_cp13_pdf_narrow_gutter_is_no_and_a_rule_makes_it_manual():
    assert run_check("CP13", pdf_doc(*two_columns(6)))[0] == "no"
    document = pdf_doc(*two_columns(6))
    document.pages[0].shapes.append(Shape(bbox=(290.5, 95, 291.0, 240), stroke=(0, 0, 0), kind="line"))
    assert run_check("CP13", document)[0] == "manual"


def test_cp13_pdf_rule_makes_a_one_em_gutter_yes():
    document = pdf_doc(*two_columns(14))
    document.pages[0].shapes.append(Shape(bbox=(294.7, 90, 295.3, 240), stroke=(0, 0, 0), kind="line"))
    answer, findings = run_check("CP13", document)
    assert answer == "yes"
    assert findings[0].data["rule"] is True


def test_cp13_pdf_columns_joined_into_one_line_are_split_and_measured():
    """Below three word spaces MuPDF joins both columns' lines: the inner span start gives it away."""
    lines = []
    for i in range(16):
        y = 100 + i * 18
        left = span(WORDS[:36], 12, bbox=(72, y - 12, 288, y + 3))
        right = span(WORDS[:36], 12, bbox=(294, y - 12, 510, y + 3))
        lines.append(Line(spans=[left, right], bbox=(72, y - 12, 510, y + 3), baseline=y))
    answer, findings = run_check("CP13", pdf_doc(pdf_block(lines)))
    assert answer == "no"
    assert findings[0].data["gutter_pt"] == 6.0


def test_cp13_pdf_single_column_and_table_cells_are_na():
    assert run_check("CP13", pdf_doc(pdf_block(text_lines(8, 72, chars=70))))[0] == "n/a"
    cells = [pdf_block(text_lines(3, x, y0=y)) for y in (100, 200) for x in (72, 294)]
    assert run_check("CP13", pdf_doc(*cells))[0] == "n/a"
    short = two_columns(6)
    for block in short:
        for line in block.lines:
            line.spans[0].text = "Name:"
    assert run_check("CP13", pdf_doc(*short))[0] == "n/a"


def link_rows(pitch: float, rows: int = 16, size: float = 9.0):
    """A table read as two groups: topics on every row, ``pitch`` apart, and a web address
    on every other row (too many lines for cells level at the top)."""
    topics = pdf_block([pdf_line(f"Name of a coding website {n}", 58, 100 + n * pitch, size)
                        for n in range(rows)])
    addresses = pdf_block([pdf_line(f"www.example.org/page{n}", 310, 100 + n * pitch, size)
                           for n in range(0, rows, 2)])
    return topics, addresses


def test_cp13_pdf_rows_on_shared_baselines_far_apart_are_a_table_not_columns():
    """Dashed row lines too faint to keep as a grid: each address sits on its topic's baseline."""
    assert run_check("CP13", pdf_doc(*link_rows(pitch=23)))[0] == "n/a"
    assert run_check("CP14", pdf_doc(*link_rows(pitch=23)))[0] == "n/a"


def test_cp13_pdf_lines_on_shared_baselines_at_text_spacing_stay_columns():
    assert run_check("CP13", pdf_doc(*link_rows(pitch=11)))[0] == "yes"
    double_spaced = [pdf_block(text_lines(12, x, pitch=28)) for x in (72, 72 + 18 * 12 + 24)]
    assert run_check("CP13", pdf_doc(*double_spaced))[0] == "yes"  # paragraphs: columns however spaced


def test_cp13_pdf_same_verdict_on_many_pages_is_one_finding():
    blocks = []
    for page in (1, 2, 3):
        for block in two_columns(18):
            block.location = block.location.but(page=page)
            blocks.append(block)
    answer, findings = run_check("CP13", pdf_doc(*blocks, pages=3))
    manual = [f for f in findings if f.severity == "manual"]
    assert answer == "manual" and len(manual) == 1 and manual[0].count == 3
    assert manual[0].data["pages"] == [1, 2, 3]


def test_page_gutters_gives_the_gap_in_page_space_for_other_checks():
    from clearprint.analysis.columns import page_gutters

    document = pdf_doc(*two_columns(24))
    gutters = page_gutters(document, document.pages[0])
    assert len(gutters) == 1 and gutters[0].width == 24 and gutters[0].rect[0] == 288
    assert gutters[0].pairs == [(document.blocks[0], document.blocks[1])]


def docx_columns(columns: int, space: float | None, rule: bool = False):
    document = doc(para("Some text in columns."))
    document.sections = [Section(number=1, columns=columns, column_space=space, column_rule=rule)]
    return document


def test_cp13_docx_reads_column_spacing_and_line_between():
    assert run_check("CP13", docx_columns(2, 24))[0] == "yes"
    answer, findings = run_check("CP13", docx_columns(2, 6))
    assert answer == "no" and findings[0].location.section == 1
    assert run_check("CP13", docx_columns(2, 18))[0] == "manual"
    assert run_check("CP13", docx_columns(2, 14, rule=True))[0] == "yes"
    assert run_check("CP13", docx_columns(1, None))[0] == "n/a"


def test_cp13_docx_three_columns_get_a_note():
    answer, findings = run_check("CP13", docx_columns(3, 36))
    assert answer == "yes"
    assert any(f.severity == "info" and f.data["columns"] == 3 for f in findings)


def test_cp13_docx_table_used_as_columns_is_manual():
    long = "A long paragraph of running text set in a table cell. " * 8
    left, right = para(long, in_table=True), para(long, in_table=True)
    left.location, right.location = Location(table_cell=(1, 1, 1)), Location(table_cell=(1, 1, 2))
    assert run_check("CP13", doc(left, right))[0] == "manual"


def test_cp13_and_cp14_docx_panels_of_a_layout_table_are_columns():
    panels = [(36.0, 228.0), (300.0, 492.0), (564.0, 756.0)]  # 72 pt apart
    document = doc(para("Panel text."), sections=[Section(number=1, width=792, height=612, panels=panels)])
    answer, findings = run_check("CP13", document)
    assert answer == "yes" and findings[0].data["gutter_pt"] == 72.0
    narrow = [(36.0, 258.0), (264.0, 522.0), (528.0, 756.0)]  # 6 pt apart
    document.sections = [Section(number=1, width=792, height=612, panels=narrow)]
    assert run_check("CP13", document)[0] == "no"
    answer, findings = run_check("CP14", document)
    assert answer == "manual" and "3 panels" in findings[0].message


# CP14 column flow ----------------------------------------------------------------

def test_cp14_pdf_level_columns_flow():
    answer, findings = run_check("CP14", pdf_doc(*two_columns(30)))
    assert answer == "yes"


def test_cp14_pdf_tops_out_of_line_are_manual_never_no():
    answer, findings = run_check("CP14", pdf_doc(*two_columns(30, right_top=160)))
    assert answer == "manual"
    assert "same height" in findings[0].message


def test_cp14_pdf_picture_inside_a_column_is_manual():
    top = pdf_block(text_lines(5, 72))
    below = pdf_block(text_lines(5, 72, y0=330))
    right = pdf_block(text_lines(18, 318))
    document = pdf_doc(top, below, right)
    document.pages[0].images.append(Image(location=Location(page=1, bbox=(72, 200, 288, 310))))
    answer, findings = run_check("CP14", document)
    assert answer == "manual"
    assert findings[0].location.bbox == (72, 200, 288, 310)


def test_cp14_pdf_continued_on_another_page_is_manual():
    jump = pdf_block([pdf_line("(Continued on page 4)", 318, 300)])
    assert run_check("CP14", pdf_doc(*two_columns(30), jump))[0] == "manual"


def test_cp14_pdf_single_column_is_na():
    assert run_check("CP14", pdf_doc(pdf_block(text_lines(8, 72, chars=70))))[0] == "n/a"


LINE = "the driver helps you on and off the bus and will"  # a full line, 216 pt wide set as 12 pt
OPENS = "Drivers help you on and off the bus and"  # a new sentence at the top of a column
FRESH = "Fares are low and a carer travels free with"
PICKUP = "the door of your home and wait for you there"  # mid-sentence at the top of a column
RUNS_ON = "carry your shopping all the way to"  # the foot of a column, mid-sentence
ENDS = "you can pay the driver in cash."
LAST = "the buses are all new this year."


def flow_column(x0: float, first: str, last: str, width: float = 216) -> object:
    """A column of twelve full lines at ``x0``: ``first`` opens it and ``last`` closes it."""
    texts = [first] + [LINE] * 10 + [last]
    return pdf_block([pdf_line(t, x0, 100 + i * 18, width=width) for i, t in enumerate(texts)])


def row_of_columns(*ends: tuple[str, str], width: float = 216, gutter: float = 30):
    """Columns side by side on a landscape page, each given as (first line, last line)."""
    return pdf_doc(*(flow_column(40 + n * (width + gutter), *end, width=width) for n, end in enumerate(ends)),
                   width=842, height=595)


def test_cp14_pdf_sentence_sent_past_the_next_column_is_no():
    answer, findings = run_check("CP14", row_of_columns((OPENS, RUNS_ON), (FRESH, ENDS), (PICKUP, LAST)))
    assert answer == "no"
    no = findings[0]
    assert no.location.page == 1 and no.location.bbox == (40, 88, 256, 301)
    assert no.data["from_column"] == 1 and no.data["to_column"] == 3
    assert no.data["to_box"] == [532, 88, 748, 301]
    assert "past the next column" in no.message


def test_cp14_pdf_sentence_sent_back_to_an_earlier_column_is_no():
    document = row_of_columns((OPENS, ENDS), (PICKUP, LAST), (FRESH, RUNS_ON), (OPENS, LAST),
                              width=180, gutter=16)
    answer, findings = run_check("CP14", document)
    assert answer == "no"
    assert findings[0].data["from_column"] == 3 and findings[0].data["to_column"] == 2
    assert "back to column 2" in findings[0].message


def test_cp14_pdf_sentence_picked_up_by_the_next_column_is_yes():
    assert run_check("CP14", row_of_columns((OPENS, RUNS_ON), (PICKUP, ENDS), (FRESH, LAST)))[0] == "yes"


def test_cp14_pdf_doubtful_loose_ends_are_never_no():
    # A lower-case start after a column that ran on is that column's sentence, not a stray.
    chained = row_of_columns((OPENS, RUNS_ON), (FRESH, "tickets from the office save you"), (PICKUP, LAST))
    assert run_check("CP14", chained)[0] != "no"
    # "iPhone" and "e.g." open sentences in lower case.
    for stray in ("iPhone users can book on the app if they", "e.g. a trip to the doctor or the bank and"):
        assert run_check("CP14", row_of_columns((OPENS, RUNS_ON), (FRESH, ENDS), (stray, LAST)))[0] != "no"
    # A short last line may be a list item or a label, not a sentence running on.
    short = row_of_columns((OPENS, "shopping"), (FRESH, ENDS), (PICKUP, LAST))
    line = short.blocks[0].lines[-1]
    line.bbox = line.spans[0].bbox = (40, 292, 90, 301)
    assert run_check("CP14", short)[0] != "no"


def test_cp14_pdf_text_above_a_column_leaves_its_top_unknown():
    """A line the columns left out above the stray start may be where the sentence went."""
    document = row_of_columns((OPENS, RUNS_ON), (FRESH, ENDS), (PICKUP, LAST))
    boxed = pdf_block([pdf_line("Box", 532, 24, width=40)])
    boxed.index = len(document.blocks)
    document.blocks.append(boxed)
    document.pages[0].blocks.append(boxed)
    assert run_check("CP14", document)[0] != "no"


def test_cp14_pdf_page_turns_are_not_loose_ends():
    """The first column may go on from the page before, the last onto the next page."""
    assert run_check("CP14", row_of_columns((PICKUP, ENDS), (FRESH, LAST), (OPENS, RUNS_ON)))[0] == "yes"
    # Column 2's sentence may go on at column 1's top, or over the page: a guess.
    assert run_check("CP14", row_of_columns((PICKUP, ENDS), (FRESH, RUNS_ON), (OPENS, LAST)))[0] != "no"


def test_cp14_docx_word_columns_flow_and_many_columns_are_manual():
    assert run_check("CP14", docx_columns(2, 24))[0] == "yes"
    assert run_check("CP14", docx_columns(4, 24))[0] == "manual"
    assert run_check("CP14", docx_columns(1, None))[0] == "n/a"


def boxed_doc(*boxes: TextBox, paragraphs: int = 3):
    """Each box holding ``paragraphs`` paragraphs of running text, anchored at paragraph 1."""
    blocks = []
    for box in boxes:
        for i in range(paragraphs):
            block = para("A paragraph of the story set in a text box, long enough to matter here.",
                         part=Part.TEXTBOX)
            block.location = Location(paragraph=1, part=Part.TEXTBOX, box=(box.number, i + 1))
            blocks.append(block)
    return doc(*blocks, text_boxes=len(boxes), boxes=list(boxes))


def text_box(number, x=None, y=None, linked=False, v_relative="paragraph"):
    return TextBox(number, Location(paragraph=1, part=Part.BODY), x=x, y=y, width=200.0,
                   height=300.0, h_relative="column", v_relative=v_relative, linked=linked)


def test_cp14_docx_linked_text_boxes_are_manual():
    answer, findings = run_check("CP14", boxed_doc(text_box(1, linked=True)))
    assert answer == "manual"
    assert findings[0].location.box == (1, 1)


def test_cp14_docx_text_boxes_side_by_side_are_manual():
    beside = boxed_doc(text_box(1, x=0, y=0), text_box(2, x=230, y=10))
    assert run_check("CP14", beside)[0] == "manual"
    stacked = boxed_doc(text_box(1, x=0, y=0), text_box(2, x=0, y=320))
    assert run_check("CP14", stacked)[0] == "n/a"


def test_cp14_docx_single_panel_or_pull_quote_is_not_a_column():
    answer, findings = run_check("CP14", boxed_doc(text_box(1, x=250, y=70)))
    assert answer == "n/a"
    assert "panels, not columns" in findings[0].message


# CP15 clear layout ---------------------------------------------------------------

def plain_page(*extra, **props):
    return pdf_doc(pdf_block(text_lines(8, 72, chars=70)), *extra, **props)


def test_cp15_plain_page_is_yes_with_a_note_or_manual_if_asked():
    answer, findings = run_check("CP15", plain_page())
    assert answer == "yes" and findings[0].severity == "info"
    assert run_check("CP15", plain_page(), layout_always_manual=True)[0] == "manual"


def test_cp15_font_family_names_ignore_styles_and_subsets():
    assert family("ABCDEF+Helvetica-Bold") == family("Helvetica") == "helvetica"
    assert family("TimesNewRomanPS-BoldItalicMT") == family("TimesNewRomanPSMT")
    assert family("Calibri Light") == family("Calibri")
    assert family("Arial,Bold") == "arial"


def test_cp15_many_fonts_and_sizes_are_manual():
    fonts = ["Arial", "Times", "Courier", "Georgia"]
    sizes = [9, 10, 12, 14, 18, 24]
    blocks = [pdf_block([pdf_line("Some words here", 72, 100 + 40 * i, size)], page=1)
              for i, size in enumerate(sizes)]
    for block, font in zip(blocks, fonts * 2, strict=False):
        block.spans[0].font = font
    answer, findings = run_check("CP15", pdf_doc(*blocks))
    assert answer == "manual"
    assert {f.data["sign"] for f in findings} == {"fonts", "sizes"}


def test_cp15_symbol_fonts_do_not_count_as_families():
    blocks = [pdf_block([pdf_line("Some words", 72, 100 + 30 * i)]) for i in range(5)]
    for block, font in zip(blocks, ["Arial", "Times", "Courier", "Symbol", "ZapfDingbats"], strict=True):
        block.spans[0].font = font
    assert run_check("CP15", pdf_doc(*blocks))[0] == "yes"


def test_cp15_text_over_a_picture_painted_first_is_manual():
    document = plain_page()
    document.pages[0].images.append(Image(location=Location(page=1, bbox=(60, 80, 500, 260)),
                                          pixel_width=800, pixel_height=400, order=0))
    for line in document.blocks[0].lines:
        line.spans[0].order = 5
    answer, findings = run_check("CP15", document)
    assert answer == "manual" and findings[0].data["sign"] == "over_pictures"
    for line in document.blocks[0].lines:
        line.spans[0].order = None
    document.pages[0].images[0].order = 9
    for line in document.blocks[0].lines:
        line.spans[0].order = 1
    assert run_check("CP15", document)[0] == "yes"  # the picture is painted over the text


def test_cp15_hidden_and_clipped_text_are_manual():
    document = plain_page()
    document.pages[0].hidden_chars = 40
    assert run_check("CP15", document)[0] == "manual"
    document = plain_page()
    document.pages[0].clipped_chars = 30
    answer, findings = run_check("CP15", document)
    assert answer == "manual" and findings[0].data["sign"] == "clipped"


def test_cp15_text_running_off_the_page_is_no_but_big_display_type_is_manual():
    document = plain_page(pdf_block([pdf_line("Phone the office to book", 420, 500, width=185)]))
    answer, findings = run_check("CP15", document)
    assert answer == "no" and findings[0].data["sign"] == "cut_off"
    assert "right edge" in findings[0].message
    display = plain_page(pdf_block([pdf_line("SALE", 400, 500, 72, width=230)]))
    answer, findings = run_check("CP15", display)
    assert answer == "manual" and findings[0].data["sign"] == "cut_off_display"


def test_cp15_headline_across_facing_pages_is_manual_not_no():
    left = pdf_block([pdf_line("Stress and Dr", 400, 100, 14, width=200)], page=1)
    right = pdf_block([pdf_line("rug Abuse", -20, 100, 14, width=200)], page=2)
    body = [pdf_block(text_lines(8, 72, y0=200, chars=70), page=n) for n in (1, 2)]
    answer, findings = run_check("CP15", pdf_doc(left, right, *body, pages=2))
    assert answer == "manual" and findings[0].data["sign"] == "spread"


def test_cp15_crowded_page_is_manual():
    blocks = [pdf_block([pdf_line(WORDS, 10, 30 + 18 * i, width=575) for i in range(45)])]
    answer, findings = run_check("CP15", pdf_doc(*blocks, width=595, height=842))
    assert answer == "manual" and findings[0].data["sign"] == "crowded"


def test_cp15_docx_fonts_text_boxes_and_pictures_behind_text():
    fonts = [para(span("Words", font=f)) for f in ("Arial", "Times New Roman", "Verdana", "Georgia")]
    answer, findings = run_check("CP15", doc(*fonts))
    assert answer == "manual" and findings[0].data["sign"] == "fonts"
    assert run_check("CP15", doc(para("Words"), text_boxes=2))[0] == "manual"
    behind = doc(para("Words"))
    behind.images.append(Image(location=Location(paragraph=1), behind_text=True))
    assert run_check("CP15", behind)[0] == "manual"
    assert run_check("CP15", doc(para("Words"), para("More words")))[0] == "yes"


def test_cp15_docx_picture_as_page_background_is_a_sign():
    document = doc(para("Words"), page_texture="tiled picture \u201cParchment\u201d")
    answer, findings = run_check("CP15", document)
    assert answer == "manual" and findings[0].data["sign"] == "texture"
    assert "Parchment" in findings[0].message


def test_cp15_docx_a_drawn_group_of_text_boxes_counts_once():
    grouped = [TextBox(1, Location(paragraph=1), group=1), TextBox(2, Location(paragraph=1), group=1),
               TextBox(3, Location(paragraph=2))]
    document = boxed_doc(*grouped, paragraphs=1)
    answer, findings = run_check("CP15", document)
    assert answer == "manual" and findings[-1].data == {"sign": "text_boxes", "worst": 2}


# CP16 contents list --------------------------------------------------------------

def report_pdf(pages: int, *extra, **props):
    blocks = [pdf_block(text_lines(10, 72, chars=70), page=n) for n in range(1, pages + 1)]
    return pdf_doc(*blocks, *extra, pages=pages, **props)


def test_cp16_pdf_contents_heading_is_yes():
    heading = pdf_block([pdf_line("Contents", 72, 60, 20)], page=2)
    answer, findings = run_check("CP16", report_pdf(6, heading))
    assert answer == "yes"
    assert findings[0].location.page == 2 and "Contents" in findings[0].message


def test_cp16_pdf_entries_with_page_numbers_in_separate_blocks_are_yes():
    entries = []
    for i, (title, number) in enumerate((("Introduction", 3), ("Booking", 5), ("Fares", 8))):
        y = 400 + 20 * i
        entries.append(pdf_block([pdf_line(title, 72, y)], page=2))
        entries.append(pdf_block([pdf_line(str(number), 500, y)], page=2))
    answer, findings = run_check("CP16", report_pdf(6, *entries))
    assert answer == "yes" and findings[0].data["entries"] == 3


def test_cp16_pdf_numbers_out_of_order_are_not_a_contents_list():
    entries = [pdf_block([pdf_line(f"Row of a price list ........ {n}", 72, 400 + 20 * i)], page=2)
               for i, n in enumerate((90, 12, 47, 3))]
    assert run_check("CP16", report_pdf(6, *entries))[0] == "no"


def test_cp16_pdf_bookmarks_alone_are_manual_and_nothing_is_no():
    answer, findings = run_check("CP16", report_pdf(6, outline=["Introduction", "Fares"]))
    assert answer == "manual" and findings[0].data["bookmarks"] == 2
    assert run_check("CP16", report_pdf(6))[0] == "no"


def test_cp16_pdf_short_document_is_na_and_a_late_contents_page_counts():
    assert run_check("CP16", report_pdf(4))[0] == "n/a"
    late = pdf_block([pdf_line("Table of contents", 72, 60, 20)], page=9)
    answer, findings = run_check("CP16", report_pdf(10, late))
    assert answer == "yes" and findings[0].data["page"] == 9


def test_cp16_pdf_index_at_the_back_is_manual():
    index = pdf_block([pdf_line("Index", 72, 60, 20)], page=12)
    answer, findings = run_check("CP16", report_pdf(12, index))
    assert answer == "manual" and findings[0].location.page == 12


def test_cp16_docx_contents_evidence():
    text = [para("word " * 400) for _ in range(5)]
    field = Contents(Location(paragraph=2), "field", entries=6)
    assert run_check("CP16", doc(*text, contents=[field], page_count=6))[0] == "yes"
    stale = Contents(Location(paragraph=2), "field", stale=True)
    assert run_check("CP16", doc(*text, contents=[stale], page_count=6))[0] == "manual"


def test_cp16_docx_estimated_page_count_is_said_to_be_one():
    text = [para("word " * 400) for _ in range(10)]
    long = doc(*text, page_count=11, page_count_source="estimate", saved_page_count=1)
    answer, findings = run_check("CP16", long)
    assert answer == "no" and findings[0].data["estimated"] is True
    assert "about 11 (estimated from the content; Word saved 1)" in findings[0].message
    answer, findings = run_check("CP16", doc(*text, page_count=11, page_count_source="saved"))
    assert answer == "no" and findings[0].data["estimated"] is False
    assert "of 11 pages" in findings[0].message


def test_cp16_docx_saved_page_count_and_main_headings_decide_the_need():
    assert run_check("CP16", doc(para("Short."), page_count=2))[0] == "n/a"
    assert run_check("CP16", doc(para("Short."), page_count=7))[0] == "no"
    headings = [para(f"Part {n}", role=Role.HEADING, outline_level=0) for n in range(4)]
    assert run_check("CP16", doc(*headings, page_count=2))[0] == "manual"
    typed = para("Contents")
    assert run_check("CP16", doc(typed, *headings, page_count=2))[0] == "yes"


# CP17 page numbers and headings ---------------------------------------------------

def numbered(places: dict[int, str], pages: int = 4, fmt: str = "{n}"):
    """A report whose page n carries its number at places[n] ('bottom centre', 'top right'...)."""
    blocks = [pdf_block(text_lines(10, 72, chars=70), page=n) for n in range(1, pages + 1)]
    for n, place in places.items():
        text = fmt.format(n=n)
        width = 6.0 * len(text)
        x = {"left": 72, "centre": 297.5 - width / 2, "right": 523 - width}[place.split()[1]]
        y = 60 if place.startswith("top") else 800
        blocks.append(pdf_block([pdf_line(text, x, y, width=width)], page=n))
    return pdf_doc(*blocks, pages=pages)


def test_cp17_pdf_numbers_in_one_place_are_yes():
    answer, findings = run_check("CP17", numbered({n: "bottom centre" for n in range(1, 5)}))
    assert answer == "yes"
    assert "bottom centre" in findings[0].message


def test_cp17_pdf_number_jumping_to_the_top_is_no():
    places = {1: "bottom centre", 2: "bottom centre", 3: "bottom centre", 4: "top right"}
    answer, findings = run_check("CP17", numbered(places))
    assert answer == "no"
    assert findings[0].location.page == 4 and findings[0].data["usual"] == "bottom centre"


def test_cp17_pdf_facing_pages_may_mirror():
    places = {n: "bottom right" if n % 2 else "bottom left" for n in range(1, 7)}
    answer, findings = run_check("CP17", numbered(places, pages=6))
    assert answer == "yes" and "mirrored" in findings[0].message


def test_cp17_pdf_page_of_format_and_a_cover_without_number():
    places = {n: "bottom right" for n in range(2, 5)}
    assert run_check("CP17", numbered(places, fmt="Page {n} of 4"))[0] == "yes"


def test_cp17_pdf_missing_numbers():
    one_missing = {1: "bottom centre", 2: "bottom centre", 4: "bottom centre"}
    assert run_check("CP17", numbered(one_missing))[0] == "yes"
    answer, findings = run_check("CP17", numbered({1: "bottom centre", 2: "bottom centre"}, pages=5))
    assert answer == "no" and findings[0].data["pages"] == [3, 4]  # the last page may be a back cover
    assert run_check("CP17", numbered({}))[0] == "no"
    assert run_check("CP17", numbered({}, pages=2))[0] == "manual"
    assert run_check("CP17", numbered({}, pages=1))[0] == "n/a"


def short_items(pages: int):
    """A menu: on each page a dozen two-line items (about 200 words), no page numbers."""
    blocks = [pdf_block(text_lines(2, 72, y0=100 + 50 * i), page=n)
              for n in range(1, pages + 1) for i in range(12)]
    return pdf_doc(*blocks, pages=pages)


def test_cp17_pdf_short_document_of_short_items_without_numbers_is_manual():
    answer, findings = run_check("CP17", short_items(4))
    assert answer == "manual" and "menu" in findings[0].message
    assert findings[0].data["running_words"] == 0
    assert run_check("CP17", short_items(5))[0] == "no"  # long enough to need a contents list
    assert run_check("CP17", numbered({}))[0] == "no"  # 4 pages of running text


def test_cp17_pdf_years_in_footers_are_not_page_numbers():
    answer, _ = run_check("CP17", numbered({n: "bottom left" for n in range(1, 5)}, fmt="2024"))
    assert answer == "no"


def test_cp17_pdf_heading_lining_up_differently_is_manual():
    blocks = []
    for n, x in enumerate((72, 72, 72, 246), start=1):
        heading = pdf_block([pdf_line("A heading", x, 100, 16)], page=n, role=Role.HEADING)
        heading.spans[0].bold = True
        blocks += [heading, pdf_block(text_lines(10, 72, y0=130, chars=70), page=n)]
        blocks.append(pdf_block([pdf_line(str(n), 290, 800)], page=n))
    answer, findings = run_check("CP17", pdf_doc(*blocks, pages=4))
    assert answer == "manual"
    assert findings[0].location.page == 4


def test_cp17_pdf_front_matter_and_chapter_openers_without_numbers_are_manual():
    places = {n: "bottom centre" for n in (4, 5, 7, 8)}
    document = numbered(places, pages=8)
    opener = pdf_block([pdf_line("Chapter 2", 72, 60, 24)], page=6, role=Role.HEADING)
    document.blocks.append(opener)
    document.pages[5].blocks.insert(0, opener)
    answer, findings = run_check("CP17", document)
    assert answer == "manual"
    assert {tuple(f.data["pages"]) for f in findings if f.severity == "manual"} == {(6,), (2, 3)}


def footer(has_number: bool, alignment=Alignment.CENTER, linked: bool = False):
    return HeaderFooter("footer", "default", has_number, alignment, linked_to_previous=linked)


def test_cp17_docx_page_field_in_every_section_is_yes():
    document = doc(para("Text"), page_count=3)
    document.sections = [Section(1, headers_footers=[footer(True)]),
                         Section(2, headers_footers=[footer(True, linked=True)])]
    assert run_check("CP17", document)[0] == "yes"


def test_cp17_docx_no_page_field_is_no_and_a_later_section_without_is_no():
    document = doc(para("Text"), page_count=3)
    document.sections = [Section(1, headers_footers=[footer(False)])]
    assert run_check("CP17", document)[0] == "no"
    document.sections = [Section(1, headers_footers=[footer(True)]),
                         Section(2, headers_footers=[footer(False)])]
    answer, findings = run_check("CP17", document)
    assert answer == "no" and findings[0].location.section == 2


def test_cp17_docx_unnumbered_cover_section_and_moved_numbers_are_manual():
    document = doc(para("Text"), page_count=6)
    document.sections = [Section(1, headers_footers=[footer(False)]),
                         Section(2, headers_footers=[footer(True)])]
    assert run_check("CP17", document)[0] == "manual"
    document.sections = [Section(1, headers_footers=[footer(True)]),
                         Section(2, headers_footers=[footer(True, Alignment.RIGHT)])]
    assert run_check("CP17", document)[0] == "manual"


def test_cp17_docx_page_number_frames_are_compared_by_where_they_put_the_number():
    framed = HeaderFooter("footer", "default", True, Alignment.LEFT, frame="outside of the margins")
    document = doc(para("Text"), page_count=6)
    document.sections = [Section(1, headers_footers=[framed]),
                         Section(2, headers_footers=[footer(True, Alignment.LEFT)])]
    answer, findings = run_check("CP17", document)
    assert answer == "manual" and "frame outside of the margins" in findings[0].message
    second = HeaderFooter("footer", "default", True, Alignment.CENTER, frame="outside of the margins")
    document.sections[1].headers_footers = [second]
    assert run_check("CP17", document)[0] == "yes"


def test_cp17_docx_headings_of_one_style_that_look_different_are_manual():
    plain = [para(span("Heading", size=16), style="Heading 1", outline_level=0) for _ in range(3)]
    odd = para(span("Heading", size=20, size_source="direct"), style="Heading 1", outline_level=0)
    document = doc(*plain, odd, page_count=3)
    document.sections = [Section(1, headers_footers=[footer(True)])]
    answer, findings = run_check("CP17", document)
    assert answer == "manual"
    assert findings[0].data["direct"] == 1 and findings[0].location.paragraph == 4


def test_cp17_docx_single_page_is_na():
    assert run_check("CP17", doc(para("Text"), page_count=1))[0] == "n/a"


# Paragraphs side by side (PDF review of real documents) ----------------------------

def test_cp13_pdf_paragraphs_level_at_the_top_are_columns_not_table_cells():
    """Postcard backs: two short paragraphs of full lines side by side, starting level."""
    left = pdf_block(text_lines(4, 72))
    right = pdf_block(text_lines(4, 72 + 18 * 12 + 18))
    answer, findings = run_check("CP13", pdf_doc(left, right))
    assert answer == "manual"
    assert findings[0].data["gutter_em"] == 1.5


def test_cp17_pdf_headings_with_no_common_look_are_not_strays():
    topics = ("Buses", "Trains", "Ferries", "Taxis", "Trams", "Bicycles")
    blocks = []
    for n, (font, topic) in enumerate(zip(("Arial", "Georgia", "Verdana", "Tahoma", "Calibri", "Cambria"),
                                          topics, strict=True), start=1):
        heading = pdf_block([pdf_line(topic, 72, 100, 28)], page=n, role=Role.HEADING)
        heading.spans[0].font = font
        blocks += [heading, pdf_block(text_lines(10, 72, y0=140, chars=70), page=n),
                   pdf_block([pdf_line(str(n), 290, 800)], page=n)]
    _, findings = run_check("CP17", pdf_doc(*blocks, pages=6))
    assert not any("unlike" in f.message for f in findings)


def test_an_estimated_page_count_near_a_threshold_asks_rather_than_fails():
    """A page count the reader estimated fails a Word file only well past the threshold."""
    body = [para(f"Paragraph {n} of the report, set in plain running text.") for n in range(3)]

    def answer(check: str, pages: int, source: str | None) -> str:
        return run_check(check, doc(*body, page_count=pages, page_count_source=source))[0]

    assert answer("CP17", 3, "saved") == "no"
    assert answer("CP17", 3, "estimate") == "manual"
    assert answer("CP17", 4, "estimate") == "no"
    assert answer("CP16", 5, "saved") == "no"
    assert answer("CP16", 6, "estimate") == "manual"
    assert answer("CP16", 7, "estimate") == "no"
