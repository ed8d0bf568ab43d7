"""The DOCX page count: the count Word saved, or an estimate from the content.

python-docx's template saves <Pages>1</Pages> whatever the document holds,
like the programs that leave the saved count stale.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from clearprint.model import Section
from clearprint.readers.docx import read_docx
from clearprint.readers.docx.pagecount import PageEstimator, choose
from clearprint.readers.docx.sections import SectionInfo

TEXT = "Buses run every hour from the station to the hospital, the market and the library. " * 6


def _read(tmp_path: Path, document: docx.document.Document):
    path = tmp_path / "pages.docx"
    document.save(str(path))
    return read_docx(path)


def _estimator(height: float = 700.0, columns: int = 1) -> PageEstimator:
    section = Section(1, width=600.0, height=height + 100, margin_top=50.0, margin_bottom=50.0,
                      columns=columns)
    return PageEstimator([SectionInfo(section)])


def test_a_saved_count_stands_unless_the_content_plainly_outgrows_it() -> None:
    assert choose(4, 6).source == "saved"
    assert choose(4, 7).source == "saved"  # under twice as many: the estimate may be off
    stale = choose(4, 102)
    assert (stale.pages, stale.source, stale.saved) == (102, "estimate", 4)
    assert choose(1, 2).source == "saved"  # one page more is not plainly stale
    assert choose(1, 3).source == "estimate"
    assert choose(None, 1).source == "estimate"
    assert choose(46, 20).source == "saved"  # fewer pages estimated: pictures take room too


def test_paragraphs_fill_pages_and_breaks_begin_them() -> None:
    pages = _estimator()
    for _ in range(15):
        pages.add(100.0, 1)
    assert pages.pages == 3  # 1500 pt on pages of 700
    pages.break_page()
    pages.break_page()  # two breaks in a row begin one page
    assert pages.pages == 3  # and a page with nothing on it is not counted
    pages.add(10.0, 1)
    assert pages.pages == 4


def test_a_last_page_of_empty_paragraphs_is_not_counted() -> None:
    pages = _estimator()
    pages.add(695.0, 1)
    pages.add(12.0, 1, blank=True)
    assert pages.pages == 1


def test_columns_hold_more_text_a_page() -> None:
    pages = _estimator(columns=2)
    for _ in range(13):
        pages.add(100.0, 1)
    assert pages.pages == 1


def test_a_table_row_is_as_tall_as_its_tallest_cell() -> None:
    pages = _estimator()
    for row in (1, 2, 3):
        for column in (1, 2, 3):
            pages.add(100.0 * column, 1, cell=(1, row, column))
    assert pages.pages == 2  # three rows of 300 pt, not 1800 pt
    assert pages.begun == 2


def test_a_nested_table_grows_the_cell_holding_it() -> None:
    pages = _estimator()
    pages.add(200.0, 1, cell=(1, 1, 1))
    for row in (1, 2):
        pages.add(150.0, 1, cell=(2, row, 1), outer=(1, 1, 2))
        pages.add(150.0, 1, cell=(2, row, 2), outer=(1, 1, 2))
    pages.add(200.0, 1, cell=(1, 1, 3), row_height=250.0)
    assert pages.pages == 1  # the row is 300 pt: the nested table's two rows


def test_a_row_is_at_least_its_set_height() -> None:
    pages = _estimator()
    pages.add(20.0, 1, cell=(1, 1, 1), row_height=650.0)
    pages.add(20.0, 1, cell=(1, 2, 1), row_height=100.0)
    assert pages.pages == 2


def test_long_text_under_a_stale_saved_count_is_estimated(tmp_path: Path) -> None:
    document = docx.Document()  # US Letter, 1 in margins, 11 pt Calibri on the template's Normal
    for _ in range(120):
        document.add_paragraph(TEXT)
    doc = _read(tmp_path, document)
    assert (doc.page_count_source, doc.saved_page_count) == ("estimate", 1)
    assert 15 <= doc.page_count <= 30  # about 60,000 characters


def test_page_breaks_and_new_page_sections_begin_pages(tmp_path: Path) -> None:
    document = docx.Document()
    for n in range(3):
        document.add_paragraph(f"Part {n + 1}").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Part 4")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Part 5")
    document.add_section(WD_SECTION.CONTINUOUS)
    document.add_paragraph("Still part 5")
    doc = _read(tmp_path, document)
    assert (doc.page_count, doc.page_count_source) == (5, "estimate")


def test_a_plausible_saved_count_is_used(tmp_path: Path) -> None:
    document = docx.Document()
    for _ in range(3):
        paragraph = document.add_paragraph(TEXT)
        paragraph.runs[0].font.size = Pt(12)
    doc = _read(tmp_path, document)
    assert (doc.page_count, doc.page_count_source, doc.saved_page_count) == (1, "saved", 1)
