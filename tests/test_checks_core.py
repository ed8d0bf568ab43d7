"""Issue-2 checks over model documents built in Python."""

from modelkit import Alignment, Part, Role, doc, para, pdf_block, pdf_line, run_check, span

from clearprint.model import ChartText, FormField, Image, Line, Location, Page, Section, Shape


# CP01 type size
def test_cp01_yes_at_twelve_points():
    answer, _ = run_check("CP01", doc(para(span(size=12)), para(span(size=14))))
    assert answer == "yes"


def test_cp01_no_below_twelve_points_names_size_and_source():
    small = span("Small print here", size=10, size_source="docDefaults")
    answer, findings = run_check("CP01", doc(para("Fine text"), para(small)))
    assert answer == "no"
    assert findings[0].data["size_pt"] == 10
    assert findings[0].location.paragraph == 2
    assert findings[0].location.source == "docDefaults"


def test_cp01_chart_labels_below_twelve_points_are_no():
    chart = Image(Location(paragraph=2, excerpt="Chart 3"), kind="chart", name="Chart 3", chart_text=[
        ChartText("title", 16.0, "the chart"), ChartText("axis labels", 9.0, "the chart"),
        ChartText("legend", 9.0, "Word's default chart text size")])
    document = doc(para(span(size=14)), para(""))
    document.images = [chart]
    answer, findings = run_check("CP01", document)
    assert answer == "no"
    assert findings[0].message == ("Chart \u201cChart 3\u201d: axis labels and legend set in 9 pt "
                                   "(needs at least 12 pt).")
    assert findings[0].location.paragraph == 2 and findings[0].data["role"] == "chart"
    chart.chart_text = [ChartText("axis labels", 12.0, "the chart")]
    assert run_check("CP01", document)[0] == "yes"


def test_cp01_tolerance_allows_rounding():
    assert run_check("CP01", doc(para(span(size=11.8))))[0] == "yes"


def test_cp01_large_print_profile_needs_sixteen():
    document = doc(para(span(size=14)))
    assert run_check("CP01", document, min_type_size=16.0)[0] == "no"


def test_cp01_short_superscript_is_manual():
    document = doc(para(span("Body text"), span("1", size=8, superscript=True)))
    assert run_check("CP01", document)[0] == "manual"


def test_cp01_unknown_size_is_manual_not_yes():
    assert run_check("CP01", doc(para(span(size=None))))[0] == "manual"


def test_cp01_no_text_is_na():
    assert run_check("CP01", doc())[0] == "n/a"


def test_cp01_scanned_page_is_manual():
    document = doc(fmt="pdf")
    document.pages.append(Page(number=1, width=595, height=842, scanned=True))
    assert run_check("CP01", document)[0] == "manual"


# CP05 roman, semi-bold or bold
def test_cp05_roman_and_bold_pass():
    document = doc(para(span("Regular text"), span(" bold text", bold=True, weight=700)))
    assert run_check("CP05", document)[0] == "yes"


def test_cp05_italic_paragraph_fails():
    document = doc(para(span("A whole paragraph set in italic type", italic=True)))
    answer, findings = run_check("CP05", document)
    assert answer == "no"
    assert findings[0].data["words"] == 7


def test_cp05_few_italic_words_are_manual():
    document = doc(para(span("We read "), span("Bleak House", italic=True), span(" last year.")))
    assert run_check("CP05", document)[0] == "manual"


def test_cp05_italic_variables_and_signs_are_not_italic_words():
    equation = para(span("STP "), span("y", italic=True), span(" = 0.0179"), span("x", italic=True),
                    span(" + 8.89"))
    bullet = para(span("\u2022 ", italic=True), span("We explain an algorithm for trace trees."))
    assert run_check("CP05", doc(equation, bullet))[0] == "yes"


def test_cp05_italic_words_beside_variables_still_count():
    document = doc(para(span("Festuca arundinacea", italic=True), span(" y", italic=True)))
    answer, findings = run_check("CP05", document)
    assert answer == "no"
    assert findings[0].data["words"] == 2  # "y" is a variable


def test_cp05_light_weight_fails():
    answer, findings = run_check("CP05", doc(para(span(font="Calibri Light", weight=300))))
    assert answer == "no"
    assert findings[0].data["trait"] == "light"


def test_cp05_script_face_fails_and_condensed_is_manual():
    assert run_check("CP05", doc(para(span(traits=frozenset({"script"})))))[0] == "no"
    assert run_check("CP05", doc(para(span(traits=frozenset({"condensed"})))))[0] == "manual"


# CP06 capitals
def test_cp06_sentence_case_passes_with_acronyms():
    document = doc(para("The NHS and RNIB publish guidance for the UK."))
    assert run_check("CP06", document)[0] == "yes"


def test_cp06_capital_sentence_fails():
    answer, findings = run_check("CP06", doc(para("PLEASE READ THIS NOTICE CAREFULLY.")))
    assert answer == "no"
    assert "PLEASE READ" in findings[0].location.excerpt


def test_cp06_words_either_side_of_a_line_end_stand_apart():
    """The last word of a printed line and the first of the next are two words."""
    block = pdf_block([pdf_line("We are open every day. SEE", 40, 100), pdf_line("US SOON.", 40, 116)])
    answer, findings = run_check("CP06", doc(block, fmt="pdf"))
    assert answer == "no"
    assert findings[0].data["words"] == 3


def test_cp06_caps_property_on_lower_case_text_fails():
    document = doc(para(span("please read this notice carefully before you sign", caps=True)))
    assert run_check("CP06", document)[0] == "no"


def test_cp06_five_capital_words_inside_a_sentence_fail():
    document = doc(para("Remember that YOU MUST NOT BRING ANY FOOD into the building."))
    assert run_check("CP06", document)[0] == "no"


def test_cp06_short_capital_heading_is_fine_long_one_manual():
    assert run_check("CP06", doc(para("OUR SERVICES", role=Role.HEADING)))[0] == "yes"
    long_heading = para("HOW TO APPLY FOR A BLUE BADGE", role=Role.HEADING)
    assert run_check("CP06", doc(long_heading))[0] == "manual"


def test_cp06_lists_of_codes_are_not_capital_sentences():
    piped = para("date-and-time: CREATEDATE | DATE | EDITTIME | PRINTDATE | SAVEDATE | TIME")
    assert run_check("CP06", doc(piped))[0] == "yes"
    slashed = para("Answer YES/NO/MAYBE/UNSURE/NEVER in the box.")
    assert run_check("CP06", doc(slashed))[0] == "yes"
    listed = para("Fields: AUTHOR, TITLE, SUBJECT, KEYWORDS, COMMENTS, TEMPLATE")
    assert run_check("CP06", doc(listed))[0] == "yes"
    identifiers = para("Set MAX_SIZE HTTP2 TLS_ON DEBUG_MODE LOG_LEVEL before you start.")
    assert run_check("CP06", doc(identifiers))[0] == "yes"
    shouted = para("Please note: ALL FORMS MUST BE RETURNED, SIGNED AND DATED, BY FRIDAY.")
    assert run_check("CP06", doc(shouted))[0] == "no"


def test_cp06_abbreviations_listed_in_a_sentence_are_not_capitals():
    listed = para("Equip the building with the systems APT, APS, SOUE, SKUD, CCTV, OS.")
    assert run_check("CP06", doc(listed))[0] == "yes"
    russian = para("включая системы АПТ, АПС, СОУЭ, СКУД, СВН, ОС.")
    assert run_check("CP06", doc(russian))[0] == "yes"
    shouted = para("Please note: STOP, DO NOT ENTER THE PLANT ROOM.")  # "STOP," ends no run
    assert run_check("CP06", doc(shouted))[0] == "no"
    address = para("544 MOUNTAIN ROAD, WA, USA")  # all in capitals: judged whole
    assert run_check("CP06", doc(address))[0] == "no"


def test_cp06_model_names_in_running_text_are_not_capitals():
    models = para("A power unit and monitor (Прим. РИП 12 RS, РИП 24)")
    assert run_check("CP06", doc(models))[0] == "yes"
    kit = para("We stock the ISO 9001 kit, the RIP 12 RS and the LED 24 V lamp.")
    assert run_check("CP06", doc(kit))[0] == "yes"
    answer, findings = run_check("CP06", doc(para("Thank you. SEE PAGE 12 FOR DETAILS.")))
    assert answer == "no" and "SEE PAGE 12" in findings[0].location.excerpt


def test_cp06_an_abbreviation_in_brackets_does_not_end_a_sentence_but_others_may():
    remark = para("Fit the alarm unit by the door (Ref. ABC DEF GHI)")
    assert run_check("CP06", doc(remark))[0] == "yes"
    assert run_check("CP06", doc(para("Note. PLEASE READ THIS NOW.")))[0] == "no"


def test_cp06_monospaced_code_is_not_read():
    code = para(span("Run "), span("SELECT NAME FROM USERS WHERE ACTIVE", font="Courier New"),
                span(" to list them."))
    assert run_check("CP06", doc(code))[0] == "yes"


# CP09 justification
LONG = "This sentence is long enough to wrap across several printed lines of text. " * 3


def test_cp09_left_aligned_passes():
    assert run_check("CP09", doc(para(LONG)))[0] == "yes"


def test_cp09_justified_paragraph_fails_with_source():
    document = doc(para(LONG, alignment=Alignment.JUSTIFIED, alignment_source="style:Body Text"))
    answer, findings = run_check("CP09", document)
    assert answer == "no"
    assert findings[0].location.source == "style:Body Text"


def test_cp09_justified_single_line_is_not_visible():
    assert run_check("CP09", doc(para("Short line.", alignment=Alignment.JUSTIFIED)))[0] == "yes"


def test_cp09_headings_and_tables_are_exempt():
    document = doc(para(LONG, alignment=Alignment.JUSTIFIED, role=Role.HEADING),
                   para(LONG, alignment=Alignment.JUSTIFIED, in_table=True), para(LONG))
    assert run_check("CP09", document)[0] == "yes"


def test_cp09_code_listing_is_not_running_text():
    code = para(span(LONG, font="Consolas"), alignment=Alignment.JUSTIFIED)
    assert run_check("CP09", doc(code, para(LONG)))[0] == "yes"


def test_cp09_short_right_aligned_line_is_manual():
    assert run_check("CP09", doc(para("1 May 2026", alignment=Alignment.RIGHT)))[0] == "manual"


# CP11 centred text
def test_cp11_centred_heading_allowed():
    document = doc(para("Welcome", role=Role.TITLE, alignment=Alignment.CENTER), para(LONG))
    answer, findings = run_check("CP11", document)
    assert answer == "yes"
    assert findings and findings[0].severity == "info"


def test_cp11_centred_body_paragraph_fails():
    assert run_check("CP11", doc(para(LONG, alignment=Alignment.CENTER)))[0] == "no"


def test_cp11_short_centred_line_is_manual_and_footer_exempt():
    assert run_check("CP11", doc(para("Thank you", alignment=Alignment.CENTER)))[0] == "manual"
    footer = para("Page 1", alignment=Alignment.CENTER, part=Part.FOOTER)
    assert run_check("CP11", doc(footer, para(LONG)))[0] == "yes"


# CP18 paragraph spacing
def test_cp18_space_after_passes():
    document = doc(para(LONG, space_after=8.0), para(LONG, space_after=8.0))
    assert run_check("CP18", document)[0] == "yes"


def test_cp18_no_space_fails_and_groups_pairs():
    document = doc(*(para(LONG, space_after=0.0, style="Normal") for _ in range(4)))
    answer, findings = run_check("CP18", document)
    assert answer == "no"
    assert len(findings) == 1 and findings[0].count == 3


def test_cp18_contextual_spacing_removes_space():
    document = doc(*(para(LONG, space_after=10.0, contextual_spacing=True, style="Normal")
                     for _ in range(3)))
    assert run_check("CP18", document)[0] == "no"


def test_cp18_empty_paragraph_counts_as_space():
    document = doc(para(LONG, space_after=0.0), para(LONG, space_after=0.0, empty_before=1))
    assert run_check("CP18", document)[0] == "yes"


def test_cp18_single_tight_pair_in_many_is_manual():
    blocks = [para(LONG, space_after=8.0) for _ in range(10)]
    blocks[4].space_after = 0.0
    assert run_check("CP18", doc(*blocks))[0] == "manual"


def test_cp18_pdf_blocks_measured_from_baselines():
    def block(top: float, gap_lines: int = 4):
        return pdf_block([pdf_line("word " * 12, 72, top + i * 15) for i in range(gap_lines)])
    spaced = doc(block(100), block(100 + 3 * 15 + 15 + 10), fmt="pdf")
    spaced.pages.append(Page(number=1, width=595, height=842))
    assert run_check("CP18", spaced)[0] == "yes"
    tight = doc(block(100), block(100 + 4 * 15), fmt="pdf")
    tight.pages.append(Page(number=1, width=595, height=842))
    assert run_check("CP18", tight)[0] == "no"


def _turned_block(top: float, lines: int = 4, pitch: float = 15.0):
    """A paragraph on a /Rotate 90 page (displayed 842 x 595): each line runs down the
    unrotated page, its baseline the unrotated x (the displayed y)."""
    made = []
    for i in range(lines):
        y = top + i * pitch
        s = span("word " * 12, 12.0, bbox=(y - 12, 842 - 500, y + 3, 842 - 72))
        made.append(Line(spans=[s], bbox=s.bbox, baseline=y, angle=0.0))
    return pdf_block(made)


def test_cp18_pdf_measured_on_the_displayed_page():
    turned = Page(number=1, width=842, height=595, rotation=90)
    spaced = doc(_turned_block(100), _turned_block(100 + 4 * 15 + 10), fmt="pdf")
    spaced.pages.append(turned)
    assert run_check("CP18", spaced)[0] == "yes"
    tight = doc(_turned_block(100), _turned_block(100 + 4 * 15), fmt="pdf")
    tight.pages.append(turned)
    assert run_check("CP18", tight)[0] == "no"


def test_cp18_pdf_list_items_and_run_on_lines_are_not_paragraph_breaks():
    def block(top: float, text: str = "word " * 12, lines: int = 3, **props):
        return pdf_block([pdf_line(text, 72, top + i * 15) for i in range(lines)], **props)
    page = Page(number=1, width=595, height=842)
    listed = doc(block(100), block(160, list_item=True), block(205, list_item=True),
                 block(250), fmt="pdf")
    listed.pages.append(page)
    assert run_check("CP18", listed)[0] == "yes"  # only the break before the list is measured
    run_on = doc(block(100), block(145, "and the sentence ends on this line.", lines=1), fmt="pdf")
    run_on.pages.append(page)
    assert run_check("CP18", run_on)[0] == "n/a"  # one paragraph, split by the extraction


def test_cp18_pdf_blocks_parted_by_a_rule_are_separated():
    def block(top: float):
        return pdf_block([pdf_line("Words of a form's row. " * 3, 72, top + i * 15) for i in range(3)])
    page = Page(number=1, width=595, height=842)
    page.shapes.append(Shape(bbox=(72, 133.0, 520, 133.2), stroke=(0, 0, 0), kind="line"))
    document = doc(block(100), block(145), fmt="pdf")  # no space, but a rule between them
    document.pages.append(page)
    assert run_check("CP18", document)[0] == "yes"


def test_cp18_pdf_form_options_led_by_tick_boxes_are_not_paragraphs():
    # "4 [ ] Head of household..." over "5 [ ] Qualifying widow(er)...", set with no
    # space: the first box is a check-box field, the second a drawn square.
    def option(number: str, top: float, lines: int = 2):
        return pdf_block([pdf_line(f"{number}    Choose this option when it describes you best, "
                                   "then go on to the next line.", 72, top + i * 11, size=8)
                          for i in range(lines)])
    page = Page(number=1, width=595, height=842)
    page.shapes.append(Shape(bbox=(84, 119, 92, 127), fill=(255, 255, 255), stroke=(0, 0, 0),
                             kind="rect"))
    document = doc(option("4", 100), option("5", 122, lines=1), fmt="pdf")
    document.fields.append(FormField(Location(page=1, bbox=(84, 91, 92, 99)), "checkbox"))
    document.pages.append(page)
    assert run_check("CP18", document)[0] == "n/a"
    document.fields.clear()
    page.shapes.clear()
    document.cache.clear()
    assert run_check("CP18", document)[0] == "no"  # without the boxes: two paragraphs, no space


def test_cp18_footnote_pairs_only_ask_for_a_look():
    body = [para(LONG, space_after=8.0) for _ in range(3)]
    notes = [para(LONG, space_after=0.0, part=Part.FOOTNOTE) for _ in range(2)]
    document = doc(*body, *notes)
    for i, note in enumerate(notes, start=1):
        note.location = note.location.but(part=Part.FOOTNOTE, paragraph=i)
    answer, findings = run_check("CP18", document)
    assert answer == "manual"
    assert findings[0].location.part is Part.FOOTNOTE


def test_cp18_code_listings_are_not_paragraphs():
    code = [para(span(f"  <line number='{i}'/> with some more code on it", font="Courier New"),
                 space_after=0.0) for i in range(6)]
    prose = [para(LONG, space_after=8.0) for _ in range(3)]
    assert run_check("CP18", doc(*prose, *code))[0] == "yes"


def test_cp18_labels_and_list_boundaries_are_not_paragraph_breaks():
    document = doc(
        para(LONG, space_after=8.0),
        para("[Position Held]", space_after=0.0),  # a label leading into a list
        para("First duty", list_item=True, space_after=0.0),
        para("Second duty", list_item=True, space_after=0.0),
        para(LONG, space_after=8.0),  # after the list's end
        para("[Telephone]", space_after=0.0), para("[Email]", space_after=0.0),  # an address block
        para("[Website]", space_after=8.0),
        para(LONG),
    )
    assert run_check("CP18", document)[0] == "yes"


def test_cp18_pdf_short_line_ending_in_a_colon_leads_in_and_ends_no_paragraph():
    """A spec sheet's "Display includes:" over the list of what it includes, in one block."""
    def block(first: str):
        lines = [pdf_line(first, 72, 100)] + [pdf_line("word " * 12, 77, 100 + i * 10) for i in (1, 2, 3)]
        return pdf_block(lines)
    for first, answer in (("Display includes:", "n/a"), ("The display is plain.", "no")):
        document = doc(block(first), fmt="pdf")
        document.pages.append(Page(number=1, width=595, height=842))
        assert run_check("CP18", document)[0] == answer


def test_cp18_needs_figure_comes_from_the_body_size():
    large = para(span(LONG, size=20.0), space_after=0.0)
    document = doc(*(para(LONG, space_after=0.0) for _ in range(4)), large)
    _, findings = run_check("CP18", document)
    assert all("needs 6.0 pt for 12 pt type" in f.message for f in findings if f.severity == "no")


def test_cp18_one_paragraph_is_na():
    assert run_check("CP18", doc(para(LONG)))[0] == "n/a"


# CP25 page size
def _sections(*sizes):
    return [Section(number=i + 1, width=w, height=h) for i, (w, h) in enumerate(sizes)]


def test_cp25_a4_and_landscape_letter_pass():
    assert run_check("CP25", doc(sections=_sections((595.3, 841.9), (792, 612))))[0] == "yes"


def test_cp25_a3_is_manual_a2_fails():
    assert run_check("CP25", doc(sections=_sections((841.9, 1190.6))))[0] == "manual"
    answer, findings = run_check("CP25", doc(sections=_sections((1190.6, 1683.8))))
    assert answer == "no" and findings[0].data["width_mm"] == 420


def test_cp25_tiny_sticker_fails_per_pdf_page():
    document = doc(fmt="pdf")
    document.pages.append(Page(number=1, width=175.7, height=175.7))
    answer, findings = run_check("CP25", document)
    assert answer == "no" and findings[0].location.page == 1


# CP24 and CP27 prompts
def test_cp24_and_cp27_are_manual_prompts():
    answer, findings = run_check("CP24", doc())
    assert answer == "manual" and "matt" in findings[0].message
    answer, findings = run_check("CP27", doc(page_count=60))
    assert answer == "manual" and "bound" in findings[0].message


def test_excerpt_joins_word_runs_without_inventing_spaces():
    from clearprint.analysis.text import spans_text

    runs = [span("J", italic=True), span("ournal of ", italic=True), span("Science"),
            span(" and ", italic=True), span("Art", italic=True)]
    block = para(*runs)
    assert spans_text(block, [s for s in runs if s.italic]) == "Journal of and Art"


# CP06: text that cannot be read, and names in reference lists (PDF review of real documents)
def test_cp06_garbled_text_is_not_judged():
    legend = para("N547>F/# N:FF#O6:,/# M-?#O6:,/# K?</676/<#")  # a chart legend in a font without a map
    answer, findings = run_check("CP06", doc(legend))
    assert answer == "yes"
    assert findings[0].data["paragraphs"] == 1


def test_cp06_capital_names_in_references_are_manual_but_long_runs_still_fail():
    hdf = para("[20] THE HDF GROUP (2024) HDF5. Available at https://www.hdfgroup.org/solutions/hdf5")
    answer, findings = run_check("CP06", doc(hdf))
    assert answer == "manual"
    assert findings[0].data["words"] == 4  # THE HDF GROUP HDF5: not "[20]" nor "(2024)"
    forum = para("[21] UNIFIED EXTENSIBLE FIRMWARE INTERFACE FORUM (2024) UEFI Specification.")
    assert run_check("CP06", doc(forum))[0] == "no"


def test_cp06_pdf_finding_points_at_the_line():
    lines = [pdf_line("A calendar of events for the whole year.", 72, 100),
             pdf_line("Note: THIS IS A CHANGE IN TIME for the", 72, 118),
             pdf_line("meeting on the first Monday of the month.", 72, 136)]
    document = doc(pdf_block(lines), fmt="pdf")
    document.pages = [Page(number=1, width=595, height=842, blocks=list(document.blocks))]
    answer, findings = run_check("CP06", document)
    assert answer == "no"
    assert findings[0].location.bbox == lines[1].bbox


def test_cp11_labels_inside_a_drawing_are_not_running_text():
    label = para("Use a rapid diagnostic test or a laboratory-based immunoassay", role=Role.FIGURE,
                 alignment=Alignment.CENTER)
    assert run_check("CP11", doc(label))[0] == "yes"


def test_cp11_centred_stack_of_chart_labels_is_manual():
    lines = [pdf_line(word, 114, 420 + 9 * i, size=8.6)
             for i, word in enumerate(["Before", "Secondhand", "Smoke", "(involuntary", "smoking)"])]
    label = pdf_block(lines, alignment=Alignment.CENTER)
    assert run_check("CP11", doc(label, fmt="pdf"))[0] == "manual"


def test_cp11_centred_bold_title_is_manual_and_centred_prose_fails():
    words = ["Percentages of Respondents Who", "Smoked Cigarettes, Consumed Alcohol,",
             "or Used Marijuana after 9/11"]
    title = [pdf_line(text, 316, 370 + 11 * i, size=10.4) for i, text in enumerate(words)]
    for line in title:
        line.spans[0].bold = True
    assert run_check("CP11", doc(pdf_block(title, alignment=Alignment.CENTER), fmt="pdf"))[0] == "manual"
    prose = [pdf_line(text, 130, 300 + 14 * i) for i, text in
             enumerate(["Pesca sellada, aromatizada con ajo romero, sobre cama", "de sofrito y papas."])]
    assert run_check("CP11", doc(pdf_block(prose, alignment=Alignment.CENTER), fmt="pdf"))[0] == "no"


def test_cp11_centred_bold_sentence_still_fails():
    notice = [pdf_line(text, 62, 220 + 14 * i) for i, text in
              enumerate(["Programs are only available during the classroom season",
                         "between January 19 and April 10, 2009."])]
    for line in notice:
        line.spans[0].bold = True
    assert run_check("CP11", doc(pdf_block(notice, alignment=Alignment.CENTER), fmt="pdf"))[0] == "no"
