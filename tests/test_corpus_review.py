"""Answers on real documents that a review against their printed pages settled.

Each line is a place where the checker once said something a careful auditor
disputed (mostly a "no" the page does not bear out), and what the review found
the answer should be. They keep those mistakes from coming back. Skipped
without ``../shared/corpus``.
"""

from pathlib import Path

import pytest

from clearprint import engine
from clearprint.config import Options

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
NOT_NO = {"yes", "manual", "n/a"}

# file, question, the answers the review accepts, what the page shows
REVIEWED = [
    ("pdf/form_irs_1040_prefilled.pdf", "CP18", NOT_NO, "tick-box options are not paragraphs"),
    ("pdf/spec_sheet_case_cx57c_excavator.pdf", "CP09", NOT_NO, "spec rows, not justified text"),
    ("pdf/spec_sheet_case_cx57c_excavator.pdf", "CP18", NOT_NO, "label lines end in a colon"),
    ("pdf/handbook_va_coding_guidelines_toc.pdf", "CP13", {"n/a"}, "a table, not columns"),
    ("pdf/handbook_va_coding_guidelines_toc.pdf", "CP14", {"n/a"}, "a table, not columns"),
    ("pdf/vertical_text_japanese_jo.pdf", "CP04", {"manual"}, "vertical running text"),
    ("pdf/vertical_text_japanese_jo.pdf", "CP12", {"manual"}, "vertical running text"),
    ("pdf/vertical_text_japanese_jo.pdf", "CP05", NOT_NO, "Ryumin-Light is the plain body face"),
    ("pdf/journal_2col_rotated_margin_text.pdf", "CP05", NOT_NO, "italic maths variables"),
    ("pdf/magazine_heads_up_nida_damaged.pdf", "CP11", NOT_NO, "centred chart labels and titles"),
    ("pdf/poster_infographic_tdf_numbers.pdf", "CP19", NOT_NO, "a chart's slanted dates"),
    ("pdf/report_who_hcv_book_160x240.pdf", "CP19", NOT_NO, "a flow chart's turned labels"),
    ("pdf/report_reclamation_ea_tabloid_foldouts.pdf", "CP19", NOT_NO, "place names on a map"),
    ("pdf/poster_A2_homeoffice_research_tiny_text.pdf", "CP05", NOT_NO, "a lone italic slash"),
    ("docx/book_persian_140x210.docx", "CP05", NOT_NO, "a Quran face named 'Script'"),
    ("docx/journal_article_template_2col.docx", "CP02", NOT_NO, "dots padding a band"),
    ("docx/journal_jung_forum_de_justified_long.docx", "CP22", NOT_NO, "an EMF icon, not pixels"),
    ("docx/un_cedaw_report_arabic_rtl.docx", "CP22", NOT_NO, "an EMF drawing, not pixels"),
]

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


@pytest.fixture(scope="module")
def answers():
    items = engine.plan()[0]
    found: dict[str, dict[str, str]] = {}
    for name in sorted({name for name, *_ in REVIEWED}):
        result = engine.audit_file(str(CORPUS / name), Options(), items)
        found[name] = {item.id: item.answer for item in result.items}
    return found


@pytest.mark.parametrize(("name", "question", "accepted", "why"), REVIEWED,
                         ids=[f"{n.split('/')[-1]}:{q}" for n, q, *_ in REVIEWED])
def test_reviewed_answer_holds(answers, name, question, accepted, why):
    assert answers[name][question] in accepted, why
