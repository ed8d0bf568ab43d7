"""The report formats, over results built by hand.

Three documents cover what every format must show: a PDF with a "no" finding
placed by page and box, a DOCX with a "manual" finding placed by paragraph,
part and style, and a document that could not be read.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from clearprint import __version__
from clearprint.model import Location, Part
from clearprint.report import FORMATS, render
from clearprint.report.serialise import SCHEMA_VERSION, json_safe, to_dict
from clearprint.report.wording import place
from clearprint.results import Answer, AuditResult, DocumentResult, Finding, ItemResult, Severity

SMALL_TEXT = "Terms and conditions apply <script>alert('x')</script> to every booking made by phone"


def _item(
    check: str, answer: Answer, findings: list[Finding] | None = None, **extra: str
) -> ItemResult:
    return ItemResult(
        id=check,
        question=f"Question {check}?",
        answer=answer,
        findings=findings or [],
        title=f"Title {check}",
        fix=f"Fix {check}.",
        **extra,
    )


@pytest.fixture
def result() -> AuditResult:
    small = Finding.no(
        "Text is smaller than 12 pt",
        Location(page=3, bbox=(72.04, 140.4, 300.0, 152.0), excerpt=SMALL_TEXT),
        size=10.5,
        minimum=12.0,
        sizes=(10.456, 9.0),
    )
    small.count = 4
    more = [
        Finding.no(
            f"Text is {size} pt", Location(page=page, bbox=(72.0, 500.0, 200.0, 510.0)), size=size
        )
        for page, size in ((5, 8.0), (6, 9.0), (7, 11.0))
    ]
    pdf = DocumentResult(
        path="leaflet.pdf",
        format="pdf",
        pages=12,
        notes=["2 pages have no text layer"],
        items=[
            _item("CP01", Answer.NO, [small, *more, Finding.info("Most text is 14 pt")]),
            _item("CP02", Answer.YES),
            _item("CP13", Answer.NA, [Finding.na("No columns")]),
        ],
    )
    shading = Finding.manual(
        "Text is over a picture; check the contrast by eye",
        Location(
            paragraph=12,
            part=Part.BODY,
            style="Normal",
            excerpt="Opening hours",
            source="style:Normal",
        ),
    )
    docx = DocumentResult(
        path="menu.docx",
        format="docx",
        items=[
            _item("CP01", Answer.YES),
            _item("CP02", Answer.MANUAL, [shading]),
            _item("CP24", Answer.MANUAL, error="paper cannot be measured"),
        ],
    )
    broken = DocumentResult(path="broken.pdf", format="pdf", error="the file is not a PDF")
    return AuditResult([pdf, docx, broken])


def test_json_round_trips_with_documented_keys_in_order(result: AuditResult) -> None:
    report = json.loads(render(result, "json"))

    assert list(report) == ["schema_version", "tool", "profile", "summary", "documents"]
    assert report["schema_version"] == SCHEMA_VERSION == "1.0"
    assert report["tool"] == {"name": "clearprint", "version": __version__}
    assert report["summary"] == {"documents": 3, "with_no": 1, "errors": 1, "exit_code": 2}

    pdf, docx, broken = report["documents"]
    assert list(pdf) == ["path", "format", "error", "answer", "pages", "counts", "notes", "items"]
    assert pdf["answer"] == "no" and pdf["pages"] == 12
    assert pdf["counts"] == {"yes": 1, "no": 1, "manual": 0, "n/a": 1}
    assert [item["id"] for item in pdf["items"]] == ["CP01", "CP02", "CP13"]

    item = pdf["items"][0]
    assert list(item) == ["id", "title", "question", "answer", "error", "fix", "findings"]
    finding = item["findings"][0]
    assert list(finding) == ["severity", "message", "count", "location", "data"]
    assert finding["severity"] == "no" and finding["count"] == 4
    assert finding["location"] == {
        "page": 3,
        "bbox": [72.0, 140.4, 300.0, 152.0],
        "excerpt": SMALL_TEXT,
    }
    assert finding["data"] == {"size": 10.5, "minimum": 12.0, "sizes": [10.46, 9.0]}

    assert docx["format"] == "docx" and docx["pages"] is None
    assert docx["items"][1]["findings"][0]["location"] == {
        "paragraph": 12,
        "part": "body",
        "style": "Normal",
        "excerpt": "Opening hours",
        "source": "style:Normal",
    }
    assert docx["items"][2]["error"] == "paper cannot be measured"

    assert broken["error"] == "the file is not a PDF"
    assert broken["items"] == []


def test_json_is_utf8_with_a_trailing_newline(result: AuditResult) -> None:
    result.documents[0].path = "dépliant.pdf"
    output = render(result, "json")
    assert "dépliant.pdf" in output
    assert output.endswith("}\n")


def test_json_safe_makes_measured_values_stable_and_valid() -> None:
    assert json_safe(
        {
            "ratio": 4.4999,
            "box": (1, 2.345),
            "fonts": {"b", "a"},
            "part": Part.FOOTER,
            "bad": float("nan"),
            "ok": True,
        }
    ) == {
        "ratio": 4.5,
        "box": [1, 2.35],
        "fonts": ["a", "b"],
        "part": "footer",
        "bad": None,
        "ok": True,
    }


def test_to_dict_matches_the_result_exit_code(result: AuditResult) -> None:
    assert to_dict(result)["summary"]["exit_code"] == result.exit_code == 2
    del result.documents[2]
    assert to_dict(result)["summary"]["exit_code"] == 1


def test_text_shows_rows_locations_and_the_error_line(result: AuditResult) -> None:
    output = render(result, "text")
    lines = output.splitlines()

    assert lines[0] == "leaflet.pdf (PDF, 12 pages): no (questions: 1 yes, 1 no, 1 n/a)"
    assert "note: 2 pages have no text layer" in output
    row = next(line for line in lines if line.lstrip().startswith("CP01") and "no" in line)
    assert "Title CP01" in row and "Text is smaller than 12 pt" in row
    # The worst three places, people's words for where they are, then the rest counted.
    assert 'page 3, at (72, 140), "Terms and conditions apply…" (4 places)' in output
    assert "page 5, at (72, 500): Text is 8.0 pt" in output
    assert "page 7" not in output
    assert "… and 1 more" in output
    assert "Most text is 14 pt" not in output  # notes do not explain a "no"

    assert "menu.docx (DOCX): manual" in output
    assert "Text is over a picture; check the contrast by eye" in output
    assert "the check could not run: paper cannot be measured" in output
    assert "broken.pdf: error: the file is not a PDF" in lines
    assert lines[-1] == "3 documents: 1 no, 1 manual, 1 could not be audited"
    assert "\033[" not in output
    assert all(len(line) <= 100 for line in lines)


def test_text_colour_marks_answers_only_when_asked(result: AuditResult) -> None:
    output = render(result, "text", color=True)
    assert "\033[31mno" in output
    assert "\033[33mmanual" in output
    assert "\033[32myes" in output


def test_text_places_docx_paragraphs_by_part_and_style(result: AuditResult) -> None:
    result.documents[1].items[1].answer = Answer.NO
    result.documents[1].items[1].findings[0].severity = Severity.NO
    output = render(result, "text")
    assert 'paragraph 12 (body, style Normal, from style Normal), "Opening hours"' in output


def test_places_name_text_boxes_and_nested_tables() -> None:
    boxed = {"paragraph": 66, "part": "text box", "box": [2, 1], "style": "Normal"}
    assert place(boxed) == ("text box 2 (anchored at paragraph 66), paragraph 1 in the box "
                            "(text box, style Normal)")
    nested = {"paragraph": 5, "part": "body", "table_cell": [2, 1, 1], "outer_cell": [1, 1, 1]}
    assert place(nested) == "paragraph 5, table 2, row 1, column 1, inside table 1, row 1, column 1 (body)"


class _Outline(HTMLParser):
    """Collects what the HTML tests look at, and checks tags are closed in order."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)


def _parse(page: str) -> _Outline:
    outline = _Outline()
    outline.feed(page)
    outline.close()
    assert outline.open == []
    return outline


def test_html_is_well_formed_and_structured(result: AuditResult) -> None:
    page = render(result, "html")
    outline = _parse(page)

    assert page.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "en"}) in outline.tags
    assert outline.count("title") == 1 and outline.count("h1") == 1
    assert outline.count("h2") == 3  # one per document
    assert outline.count("h3") == 3  # CP01 "no" in the PDF, two "manual" in the DOCX
    assert outline.count("caption") == 3  # the summary and one per audited document
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in outline.tags if tag == "th")
    assert ("a", {"class": "skip", "href": "#main"}) in outline.tags
    assert ("main", {"id": "main"}) in outline.tags


def test_html_shows_findings_fixes_and_errors(result: AuditResult) -> None:
    text = " ".join(" ".join(_parse(render(result, "html")).text).split())

    assert "page 3, at (72, 140)" in text
    assert "paragraph 12 (body, style Normal, from style Normal)" in text
    assert "size 10.5" in text and "sizes 10.46, 9" in text
    assert "Places like this 4" in text
    assert "How to fix Fix CP01." in text
    assert "The check could not run: paper cannot be measured" in text
    assert "This document could not be audited: the file is not a PDF" in text
    for word in ("Yes", "No", "Manual", "n/a"):
        assert word in text


def test_html_escapes_document_text(result: AuditResult) -> None:
    page = render(result, "html")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_html_follows_clear_print_itself(result: AuditResult) -> None:
    page = render(result, "html")
    style = page[page.index("<style>") : page.index("</style>")]
    assert "font-size: 1.25rem" in style
    assert "line-height: 1.5" in style
    assert "sans-serif" in style
    assert "max-width: 70ch" in style
    for banned in ("justify", "text-align: center", "italic", "uppercase", "<script"):
        assert banned not in page
    assert "px" not in style  # rem and em only, so the page follows the reader's zoom


def test_unknown_format_is_refused(result: AuditResult) -> None:
    assert FORMATS == ("text", "json", "html")
    with pytest.raises(ValueError, match="unknown report format"):
        render(result, "pdf")
