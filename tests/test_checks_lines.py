"""CP04, CP08, CP10, CP12 and CP19 (lines of type) over model documents built in Python."""

from modelkit import Alignment, Part, Role, doc, para, pdf_block, pdf_line, run_check, span

from clearprint.model import Image, Location, Page, Section


def lines(texts: list[str], pitch: float = 18.0, size: float = 12.0, x0: float = 72.0,
          y0: float = 100.0, **props) -> list:
    return [pdf_line(t, x0, y0 + i * pitch, size, **props) for i, t in enumerate(texts)]


def pdf_doc(*blocks, pages: int = 1):
    document = doc(*blocks, fmt="pdf")
    document.pages = [Page(number=n, width=595, height=842) for n in range(1, pages + 1)]
    for block in document.blocks:
        document.pages[block.page - 1].blocks.append(block)
    return document


THREE = ["The library home delivery service brings books to your door",
         "every three weeks, and it is free for anyone who cannot get",
         "to a library because of illness or caring duties."]


# CP04 line spacing
def test_cp04_pdf_one_and_a_half_spacing_is_yes():
    block = pdf_block(lines(THREE, pitch=18.0, space_width=3.34))
    assert run_check("CP04", pdf_doc(block))[0] == "yes"


def test_cp04_pdf_single_spacing_is_manual_and_solid_is_no():
    single = pdf_block(lines(THREE, pitch=14.4, space_width=3.34))
    answer, findings = run_check("CP04", pdf_doc(single))
    assert answer == "manual"
    assert findings[0].data["pitch_ratio"] == 1.2
    solid = pdf_block(lines(THREE, pitch=12.0, space_width=3.34))
    answer, findings = run_check("CP04", pdf_doc(solid))
    assert answer == "no"
    assert findings[0].location.page == 1


def test_cp04_pdf_word_space_from_font_table_when_the_pdf_has_none():
    block = pdf_block(lines(THREE, pitch=17.1))  # Arial: 1.5 x 0.278 x 12 = 5.0 pt of leading
    answer, findings = run_check("CP04", pdf_doc(block))
    assert answer == "yes"


def test_cp04_pdf_same_spacing_on_one_page_is_one_finding_with_a_count():
    blocks = [pdf_block(lines(THREE, pitch=12.0)) for _ in range(3)]
    answer, findings = run_check("CP04", pdf_doc(*blocks))
    assert answer == "no"
    assert len(findings) == 1 and findings[0].count == 3


def test_cp04_pdf_a_few_tight_blocks_among_good_text_are_manual():
    good = [pdf_block(lines(THREE, pitch=18.0, space_width=3.34, y0=100 + 80 * i)) for i in range(5)]
    tight = pdf_block(lines(THREE, pitch=12.0, y0=600))
    answer, findings = run_check("CP04", pdf_doc(*good, tight))
    assert answer == "manual"
    assert findings[0].data["pitch_ratio"] == 1.0


def test_cp04_pdf_grids_of_figures_are_not_judged():
    figures = pdf_block(lines(["11:00 11:05 11:10", "11:15 11:20 11:25"], pitch=12.0))
    assert run_check("CP04", pdf_doc(figures))[0] == "n/a"


def test_cp04_headings_and_single_lines_are_not_judged():
    heading = pdf_block(lines(THREE, pitch=12.0), role=Role.HEADING)
    short = pdf_block(lines(THREE[:1]))
    assert run_check("CP04", pdf_doc(heading, short))[0] == "n/a"


def test_cp04_pdf_overlapping_lines_are_manual():
    block = pdf_block(lines(THREE, pitch=6.0))
    assert run_check("CP04", pdf_doc(block))[0] == "manual"


def test_cp04_docx_one_and_a_half_lines_is_yes_single_is_manual():
    text = " ".join(THREE) * 2
    assert run_check("CP04", doc(para(text, line_rule="auto", line_value=1.5)))[0] == "yes"
    answer, findings = run_check("CP04", doc(para(text, line_rule="auto", line_value=1.0)))
    assert answer == "manual"
    assert findings[0].data["rule"] == "auto"


def test_cp04_docx_exact_below_the_type_size_is_no():
    text = " ".join(THREE) * 2
    block = para(text, line_rule="exact", line_value=11.0, line_pitch=11.0, style="Normal",
                 spacing_source="style:Normal")
    answer, findings = run_check("CP04", doc(block))
    assert answer == "no"
    assert "cut off" in findings[0].message
    assert findings[0].location.source == "style:Normal"


def test_cp04_docx_paragraphs_of_one_style_are_grouped():
    text = " ".join(THREE) * 2
    blocks = [para(text, line_rule="auto", line_value=0.9, style="Body") for _ in range(4)]
    answer, findings = run_check("CP04", doc(*blocks))
    assert answer == "no"
    assert [f.count for f in findings] == [4]


def test_cp04_display_type_is_not_judged():
    text = " ".join(THREE) * 2
    name = para(span("Alexandra Jane Montgomery-Smith", size=36), line_rule="exact", line_value=38.0)
    document = doc(name, *[para(text, line_rule="auto", line_value=1.5) for _ in range(3)])
    assert run_check("CP04", document)[0] == "yes"


def test_cp04_docx_loose_spacing_is_a_note():
    text = " ".join(THREE) * 2
    answer, findings = run_check("CP04", doc(para(text, line_rule="auto", line_value=3.0)))
    assert answer == "yes"
    assert findings[0].severity == "info"


# CP08 split words
def split_doc(first: str, second: str):
    return pdf_doc(pdf_block([pdf_line(first, 72, 100), pdf_line(second, 72, 118)]))


def test_cp08_hyphenated_split_word_is_no():
    answer, findings = run_check("CP08", split_doc("It is very impor-", "tant to book early."))
    assert answer == "no"
    assert findings[0].data["words"] == ["impor-tant"]
    assert findings[0].location.excerpt == "impor- / tant"


def test_cp08_compound_at_line_end_is_yes():
    assert run_check("CP08", split_doc("The author is well-", "known in the town."))[0] == "yes"
    assert run_check("CP08", split_doc("It helps your self-", "esteem a great deal."))[0] == "yes"


def test_cp08_ranges_dashes_and_capitals_are_not_splits():
    assert run_check("CP08", split_doc("Open in 2019-", "2020 and again."))[0] == "yes"
    assert run_check("CP08", split_doc("We met \u2013", "then we left."))[0] == "yes"
    assert run_check("CP08", split_doc("Speak to Anne-", "Marie at the desk."))[0] == "yes"


def test_cp08_soft_hyphen_and_british_spelling_count_as_splits():
    answer, _ = run_check("CP08", split_doc("the organi\u00ad", "sation of the day"))
    assert answer == "no"


def test_cp08_word_frequencies_settle_halves_that_are_words_too():
    assert run_check("CP08", split_doc("please arrange a follow-", "up visit soon"))[0] == "yes"
    assert run_check("CP08", split_doc("there is some-", "thing for everyone"))[0] == "no"
    assert run_check("CP08", split_doc("for more in-", "formation call us"))[0] == "no"
    assert run_check("CP08", split_doc("we will re-", "turn your books"))[0] == "manual"


def test_cp08_broken_web_address_is_manual_but_a_complete_one_is_not():
    answer, findings = run_check("CP08", split_doc("see www.example.org/", "library/timetable"))
    assert answer == "manual"
    assert findings[0].data["kinds"] == ["web or email address"]
    assert run_check("CP08", split_doc("see www.example.org/", "Then ring us."))[0] == "yes"


def test_cp08_unknown_or_ambiguous_words_are_manual():
    assert run_check("CP08", split_doc("die ver-", "schiedenen Bücher"))[0] == "manual"
    assert run_check("CP08", split_doc("send an e-", "mail to us"))[0] == "manual"
    assert run_check("CP08", split_doc("it was pre-", "existing already"))[0] == "manual"


def test_cp08_broken_phone_number_is_manual():
    answer, findings = run_check("CP08", split_doc("Call us on 0121", "496 0000 today."))
    assert answer == "manual"
    assert findings[0].data["kinds"] == ["phone number"]


def test_cp08_split_across_a_page_turn_is_found():
    first = pdf_block([pdf_line("We think it is very impor-", 72, 800)], page=1)
    footer = pdf_block([pdf_line("Page 1", 72, 830)], page=1, role=Role.FURNITURE)
    second = pdf_block([pdf_line("tant to book early.", 72, 100)], page=2)
    answer, findings = run_check("CP08", pdf_doc(first, footer, second, pages=2))
    assert answer == "no"
    assert findings[0].location.page == 1


def test_cp08_docx_auto_hyphenation_is_no_unless_suppressed():
    document = doc(para("Running text", hyphenate=True), auto_hyphenation=True)
    answer, findings = run_check("CP08", document)
    assert answer == "no"
    assert "settings" in findings[0].location.source
    suppressed = doc(para("Running text", hyphenate=False), auto_hyphenation=True)
    assert run_check("CP08", suppressed)[0] == "yes"
    arabic = doc(para("النسبة المئوية لمشاركة النساء", hyphenate=True, right_to_left=True),
                 auto_hyphenation=True)
    assert run_check("CP08", arabic)[0] == "yes"


def test_cp08_docx_soft_hyphens_are_manual_and_plain_text_yes():
    soft = para("opti\u00admal", soft_hyphens=1)
    assert run_check("CP08", doc(soft, auto_hyphenation=False))[0] == "manual"
    assert run_check("CP08", doc(para("Plain words"), auto_hyphenation=False))[0] == "yes"


# CP10 uneven gaps
def gapped(ratios: list[float], size: float = 12.0, space: float = 3.34, **props):
    made = []
    for i, ratio in enumerate(ratios):
        made.append(pdf_line(THREE[i % 3], 72, 100 + 18 * i, size, word_gaps=[ratio * space] * 8,
                             space_width=space, **props))
    return pdf_block(made)


def test_cp10_ragged_lines_with_normal_gaps_are_yes():
    assert run_check("CP10", pdf_doc(gapped([1.0, 1.02, 0.98, 1.0])))[0] == "yes"


def test_cp10_stretched_lines_are_no_and_last_line_is_ignored():
    answer, findings = run_check("CP10", pdf_doc(gapped([1.8, 1.9, 1.7, 1.0])))
    assert answer == "no"
    assert findings[0].data["gap_ratio_max"] == 1.9
    # only the last line is stretched: it is never judged
    assert run_check("CP10", pdf_doc(gapped([1.0, 1.0, 1.0, 2.5])))[0] == "yes"


def test_cp10_one_odd_line_or_the_review_band_is_manual():
    assert run_check("CP10", pdf_doc(gapped([1.0, 1.9, 1.0, 1.0])))[0] == "manual"
    assert run_check("CP10", pdf_doc(gapped([1.4, 1.4, 1.4, 1.0])))[0] == "manual"


def test_cp10_gaps_changing_from_line_to_line_are_no():
    assert run_check("CP10", pdf_doc(gapped([1.0, 1.5, 1.05, 1.45, 1.0])))[0] == "no"


def test_cp10_narrow_gaps_are_manual():
    # narrow gaps are more often a misread font space than squeezed text
    assert run_check("CP10", pdf_doc(gapped([0.4, 0.45, 0.5, 1.0])))[0] == "manual"
    assert run_check("CP10", pdf_doc(gapped([0.4, 1.0, 0.5, 1.0, 1.0])))[0] == "manual"


def test_cp10_table_rows_with_cell_wide_gaps_are_not_judged():
    assert run_check("CP10", pdf_doc(gapped([6.0, 6.1, 5.9, 6.0, 1.0])))[0] == "yes"


def test_cp10_wide_gaps_the_same_on_every_line_are_manual():
    answer, findings = run_check("CP10", pdf_doc(gapped([1.8, 1.8, 1.81, 1.79, 1.8])))
    assert answer == "manual"
    assert "same on every line" in findings[0].message


def test_cp10_tabbed_lines_and_misread_gaps_are_not_judged():
    tabbed = [pdf_line(THREE[0], 72, 100 + 18 * i, word_gaps=[10.6, 10.6, 3.3, 3.3],
                       space_width=3.34) for i in range(4)]
    assert run_check("CP10", pdf_doc(pdf_block(tabbed)))[0] == "yes"
    assert run_check("CP10", pdf_doc(gapped([0.05, 0.05, 0.05, 1.0])))[0] == "yes"


def test_cp10_pdf_letter_spacing():
    assert run_check("CP10", pdf_doc(gapped([1.0] * 4, letter_gap=1.5)))[0] == "no"
    assert run_check("CP10", pdf_doc(gapped([1.0] * 4, letter_gap=0.8)))[0] == "manual"
    # letters overlapping: more likely misread glyph widths than real tracking
    assert run_check("CP10", pdf_doc(gapped([1.0] * 4, letter_gap=-1.8)))[0] == "manual"


def test_cp10_docx_justified_running_text_is_no():
    text = " ".join(THREE) * 2
    blocks = [para(text, alignment=Alignment.JUSTIFIED, style="Body", alignment_source="style:Body")
              for _ in range(3)]
    answer, findings = run_check("CP10", doc(*blocks))
    assert answer == "no"
    assert findings[0].data["reason"] == "justified" and findings[0].count == 3


def test_cp10_docx_character_spacing_and_scale():
    expanded = para(span("Spaced out letters", char_spacing=3.0))
    answer, findings = run_check("CP10", doc(expanded))
    assert answer == "no"
    assert findings[0].data["letter_spacing_em"] == 0.25
    assert run_check("CP10", doc(para(span("Slightly open", char_spacing=0.8))))[0] == "manual"
    assert run_check("CP10", doc(para(span("Squeezed", scale=80))))[0] == "no"
    assert run_check("CP10", doc(para(span("Nearly normal", scale=95))))[0] == "manual"
    assert run_check("CP10", doc(para(span("Normal", scale=100, char_spacing=0.2))))[0] == "yes"


def test_cp10_docx_spaces_inside_a_sentence_are_manual():
    assert run_check("CP10", doc(para("Name  and address go here")))[0] == "manual"
    assert run_check("CP10", doc(para("A sentence.  Another one.")))[0] == "yes"
    assert run_check("CP10", doc(para("pushed\tapart in a sentence")))[0] == "manual"
    assert run_check("CP10", doc(para("Name:\tAnne Smith")))[0] == "yes"


# CP12 line length
def body_lines(chars: int, count: int = 10, x0: float = 72.0, width: float = 450.0,
               y0: float = 100.0) -> list:
    text = ("word " * chars)[:chars - 1] + "x"
    return [pdf_line(text, x0, y0 + 18 * i, width=width) for i in range(count)] + \
        [pdf_line("end.", x0, y0 + 18 * count, width=30)]


def test_cp12_pdf_sixty_five_characters_is_yes():
    answer, findings = run_check("CP12", pdf_doc(pdf_block(body_lines(65))))
    assert answer == "yes"
    assert findings[0].data["median_chars"] == 65


def test_cp12_pdf_long_and_review_band():
    assert run_check("CP12", pdf_doc(pdf_block(body_lines(100))))[0] == "no"
    assert run_check("CP12", pdf_doc(pdf_block(body_lines(78))))[0] == "manual"
    assert run_check("CP12", pdf_doc(pdf_block(body_lines(40))))[0] == "manual"


def test_cp12_pdf_columns_are_not_a_no():
    # Columns run longer than table cells, which the column finder leaves out.
    left = pdf_block(body_lines(40, count=14, width=230), page=1)
    right = pdf_block(body_lines(40, count=14, x0=320, width=230, y0=110), page=1)
    answer, findings = run_check("CP12", pdf_doc(left, right))
    assert answer == "n/a"
    narrow_left = pdf_block(body_lines(20, count=14, width=120), page=1)
    narrow_right = pdf_block(body_lines(20, count=14, x0=320, width=120, y0=110), page=1)
    assert run_check("CP12", pdf_doc(narrow_left, narrow_right))[0] == "manual"


def test_cp12_pdf_paragraph_far_outside_is_manual():
    good = [pdf_block(body_lines(65, y0=100 + 120 * i)) for i in range(4)]
    quote = pdf_block(body_lines(30, x0=150, width=200, y0=600))
    assert run_check("CP12", pdf_doc(*good, quote))[0] == "manual"


def test_cp12_no_running_text_is_na():
    assert run_check("CP12", pdf_doc(pdf_block(body_lines(65, count=0))))[0] == "n/a"
    assert run_check("CP12", pdf_doc(pdf_block(body_lines(65, count=5))))[0] == "n/a"


def test_cp12_short_lines_are_manual_not_no():
    # large type, panels or columns the layout pass did not pair: a person decides
    answer, findings = run_check("CP12", pdf_doc(pdf_block(body_lines(30))))
    assert answer == "manual"
    assert "large type" in findings[0].message


def test_cp12_pdf_tables_of_figures_are_not_counted():
    figures = pdf_block([pdf_line("2,170 lb (990 kg) 1,200 lb (544 kg) 3.5 ft (1.1 m)", 72, 100 + 18 * i)
                         for i in range(8)])
    assert run_check("CP12", pdf_doc(figures))[0] == "n/a"


LONG = " ".join(THREE) * 3


def test_cp12_docx_arial_12_on_a4_is_an_estimated_no():
    answer, findings = run_check("CP12", doc(para(LONG, text_width=453.5)))
    assert answer == "no"
    assert findings[0].data["estimated"] is True
    assert "estimated" in findings[0].message
    assert 80 < findings[0].data["median_chars"] < 83


def test_cp12_docx_code_listing_is_not_measured():
    code = para(span(LONG, font="Courier New"), text_width=453.5)
    assert run_check("CP12", doc(code))[0] == "n/a"


def test_cp12_docx_larger_type_or_indents_is_yes():
    assert run_check("CP12", doc(para(span(LONG, size=14), text_width=453.5)))[0] == "yes"
    assert run_check("CP12", doc(para(LONG, text_width=370)))[0] == "yes"


def test_cp12_docx_near_a_limit_is_manual():
    # 80.4 estimated characters: within the measured-font margin of 80
    assert run_check("CP12", doc(para(LONG, text_width=448)))[0] == "manual"
    # an unknown font is given a wider margin
    odd = span(LONG, font="Frutiger Next")
    assert run_check("CP12", doc(para(odd, text_width=420)))[0] == "manual"


def test_cp12_docx_multi_column_section_is_not_a_no():
    answer, _ = run_check("CP12", doc(para(LONG, text_width=220, columns=2)))
    assert answer == "n/a"


# CP19 horizontal text
def test_cp19_horizontal_text_is_yes():
    assert run_check("CP19", pdf_doc(pdf_block(lines(THREE))))[0] == "yes"


def turned(text: str, angle: float = 90.0, page: int = 1, **props):
    return pdf_block([pdf_line(text, 40, 700, angle=angle)], page=page, **props)


def test_cp19_rotated_sentence_is_no_and_label_manual():
    text = pdf_block(lines(THREE))
    answer, findings = run_check("CP19", pdf_doc(text, turned("This text runs up the page")))
    assert answer == "no"
    assert findings[0].data["angle_deg"] == 90.0
    assert run_check("CP19", pdf_doc(text, turned("Total cost")))[0] == "manual"
    assert run_check("CP19", pdf_doc(text, turned("A")))[0] == "yes"


def test_cp19_turned_axis_title_in_a_drawing_is_manual():
    text = pdf_block(lines(THREE))
    axis = turned("Percentage of Survey Respondents", role=Role.FIGURE)
    assert run_check("CP19", pdf_doc(text, axis))[0] == "manual"


def test_cp19_turned_label_on_a_picture_is_manual_and_beside_one_is_not():
    text = pdf_block(lines(THREE))
    river = turned("Little Wild Horse Creek")  # its box: about (40, 688) to (178, 703)

    def with_picture(box):
        document = pdf_doc(text, river)
        document.images = [Image(location=Location(page=1, bbox=box))]
        return document

    assert run_check("CP19", with_picture((20, 600, 400, 800)))[0] == "manual"  # a map under it
    assert run_check("CP19", with_picture((300, 600, 500, 800)))[0] == "no"  # a photo beside it
    assert run_check("CP19", with_picture((30, 680, 190, 710)))[0] == "no"  # no larger than it


def test_cp19_small_tilt_is_horizontal_and_vertical_writing_is_not():
    assert run_check("CP19", pdf_doc(pdf_block(lines(THREE, angle=1.5))))[0] == "yes"
    assert run_check("CP19", pdf_doc(pdf_block(lines(THREE, vertical=True))))[0] == "no"


def test_vertical_running_text_is_manual_for_line_spacing_length_and_paragraphs():
    """A page of Japanese set top to bottom, one line a block: measured along no line,
    but present, so not n/a."""
    columns = [pdf_block([pdf_line("わたくしといふ現象は", 72 + 17 * i, 100, vertical=True, angle=-90.0)])
               for i in range(3)]
    for check_id in ("CP04", "CP12", "CP18"):
        answer, findings = run_check(check_id, pdf_doc(*columns))
        assert answer == "manual" and "set vertically" in findings[0].message
        assert findings[0].data["lines"] == 3
    label = pdf_block([pdf_line("序", 72, 100, vertical=True, angle=-90.0)])  # a label, not a passage
    assert run_check("CP04", pdf_doc(label))[0] == "n/a"


def test_cp19_upside_down_panel_is_manual():
    upside_down = pdf_block(lines(THREE, angle=180.0, y0=400))
    assert run_check("CP19", pdf_doc(pdf_block(lines(THREE)), upside_down))[0] == "manual"


def test_cp19_page_set_sideways_is_manual():
    answer, findings = run_check("CP19", pdf_doc(pdf_block(lines(THREE, angle=-90.0))))
    assert answer == "manual"
    assert findings[0].data["kind"] == "sideways page"


def test_cp19_margin_strip_on_every_page_is_one_finding():
    blocks = []
    for page in (1, 2, 3):
        blocks += [pdf_block(lines(THREE), page=page), turned("Reproduced by kind permission", page=page)]
    answer, findings = run_check("CP19", pdf_doc(*blocks, pages=3))
    assert answer == "no"
    assert len(findings) == 1 and findings[0].count == 3
    assert findings[0].data["pages"] == [1, 2, 3]
    furniture = [pdf_block(lines(THREE)), turned("Reproduced by kind permission", role=Role.FURNITURE)]
    assert run_check("CP19", pdf_doc(*furniture))[0] == "manual"


def test_cp19_docx_vertical_table_cell_is_no():
    cell = para("Number of people asked", in_table=True, text_direction="btLr")
    document = doc(para("Plain text"), cell)
    cell.location = cell.location.but(table_cell=(1, 1, 2))
    answer, findings = run_check("CP19", document)
    assert answer == "no"
    assert findings[0].location.table_cell == (1, 1, 2)
    assert "btLr" in findings[0].location.source


def test_cp19_docx_rotated_box_unknown_direction_and_sections():
    box = para("Words in a turned box here", part=Part.TEXTBOX, text_direction="rotated 90")
    assert run_check("CP19", doc(box))[0] == "no"
    level = para("Words in a box", part=Part.TEXTBOX, text_direction="rotated 359")
    assert run_check("CP19", doc(level))[0] == "yes"
    odd = para("Words in a strange cell", in_table=True, text_direction="rlV")
    assert run_check("CP19", doc(odd))[0] == "manual"
    document = doc(para("Plain text"), sections=[Section(number=1, text_direction="tbRl")])
    assert run_check("CP19", document)[0] == "no"


def test_cp08_word_list_reads_the_same_frequencies_as_pyspellchecker():
    from spellchecker import SpellChecker

    from clearprint.checks import cp08_split_words

    reference = SpellChecker(language="en", distance=1).word_frequency.dictionary
    words = cp08_split_words._word_list()
    sample = [*sorted(reference)[::997], "information", "follow", "thing", "zzzqx", "organisation"]
    for word in sample:
        assert words.get(word) == reference.get(word), word


def test_cp08_word_list_is_searched_only_when_laid_out_sorted_one_entry_a_line():
    from clearprint.checks.cp08_split_words import _one_sorted_entry_a_line, _WordLines

    entries = [f'"{w}": {n}' for n, w in enumerate(["able", "apple", "bee", "zebra"], 1)]
    text = "{\n" + ",\n".join(entries) + "\n}"
    assert _one_sorted_entry_a_line(text)
    words = _WordLines(text)
    assert [words.get(w) for w in ("able", "apple", "bee", "zebra")] == [1, 2, 3, 4]
    assert words.get("app") is None and words.get("zz") is None and words.get("a") is None
    shuffled = "{\n" + ",\n".join(reversed(entries)) + "\n}"
    assert not _one_sorted_entry_a_line(shuffled)
    assert not _one_sorted_entry_a_line('{"able": 1, "apple": 2}')
    assert not _one_sorted_entry_a_line(text.replace('"bee"', '"Bee"'))
