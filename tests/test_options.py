"""Every threshold the catalogue advertises changes the answer it says it changes."""

from __future__ import annotations

import pymupdf
import pytest
from modelkit import Alignment, doc, para, pdf_block, pdf_line, run_check, span

from clearprint import engine
from clearprint.config import OptionError, Options


def test_options_given_in_code_are_checked_too():
    with pytest.raises(OptionError, match="unknown option"):
        Options(no_such_threshold=3)


def test_cp05_weights_are_judged_against_the_options():
    light = doc(para(span(font="Calibri Light", weight=300)))
    assert run_check("CP05", light)[0] == "no"
    assert run_check("CP05", light, min_font_weight=250)[0] == "yes"
    black = doc(para(span(font="Arial Black", weight=900)))
    assert run_check("CP05", black)[0] == "manual"
    assert run_check("CP05", black, heavy_font_weight=950)[0] == "yes"


def test_cp06_acronym_length_decides_what_a_listed_abbreviation_is():
    listed = doc(para("Fit the systems APT, APS, SOUE, SKUD, CCTV SYSTEMS and the rest."))
    assert run_check("CP06", listed)[0] == "yes"
    assert run_check("CP06", listed, acronym_max_letters=2)[0] == "no"


def test_cp11_centred_min_lines():
    lines = [pdf_line("We open at nine", 250, 100), pdf_line("and shut at five", 248, 116)]
    two_short_lines = pdf_block(lines, alignment=Alignment.CENTER)
    document = doc(two_short_lines, fmt="pdf")
    assert run_check("CP11", document)[0] == "no"
    assert run_check("CP11", document, centred_min_lines=3)[0] == "manual"


def test_cp24_names_the_paper_weight_it_is_given():
    _, findings = run_check("CP24", doc(para("Text.")), min_paper_gsm=120)
    assert "120 gsm" in findings[0].message


def test_cp09_alignment_tolerance_reaches_the_layout_analysis(tmp_path):
    """Lines whose right edges stray by 2 pt are flush right only with a tolerance of 3 pt."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    text = ["A paragraph set flush right across lines", "of roughly similar lengths so that their",
            "right edges line up or nearly so today", "and the left edges are ragged instead",
            "which is what right alignment looks like"]
    for n, line in enumerate(text):
        width = pymupdf.get_text_length(line, fontsize=12)
        page.insert_text((500 - width + (2 if n % 2 else 0), 100 + 16 * n), line, fontsize=12)
    path = tmp_path / "right.pdf"
    pdf.save(path)
    items = [i for i in engine.plan(select=["CP09"])[0] if i.id == "CP09"]

    def alignment(**overrides: str) -> str:
        result = engine.audit_file(str(path), Options(overrides=overrides), items)
        assert result.items[0].error is None
        return str(result.items[0].answer)

    assert alignment() != "no"
    assert alignment(alignment_tolerance_pt="3") == "no"
