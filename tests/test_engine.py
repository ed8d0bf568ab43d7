"""The engine: answers from findings, failing checks, selection, plugins, exit codes."""

from modelkit import doc, para

from clearprint import engine
from clearprint.checks import Check
from clearprint.config import Options
from clearprint.results import Answer, AuditResult, DocumentResult, Finding, ItemResult, answer_for


def test_answer_rules():
    assert answer_for([]) == Answer.YES
    assert answer_for([Finding.info("x")]) == Answer.YES
    assert answer_for([Finding.na("x")]) == Answer.NA
    assert answer_for([Finding.manual("x"), Finding.na("y")]) == Answer.MANUAL
    assert answer_for([Finding.manual("x"), Finding.no("y")]) == Answer.NO


def test_every_question_is_answered_in_order():
    items, errors = engine.plan()
    assert errors == []
    assert [i.id for i in items] == [f"CP{n:02d}" for n in range(1, 28)]
    result = engine.audit_document(doc(para("Hello there.")), Options(), items)
    assert [i.id for i in result.items] == [f"CP{n:02d}" for n in range(1, 28)]
    assert all(i.answer in set(Answer) for i in result.items)


def test_unwritten_check_answers_manual_not_automated():
    item = engine.PlannedItem("CP99", "t", "q", "f", None)
    result = engine.audit_document(doc(para("Hello.")), Options(), [item])
    assert result.items[0].answer == Answer.MANUAL
    assert "Not automated yet" in result.items[0].findings[0].message


def test_check_that_raises_becomes_manual_and_others_run():
    def broken(document, options):
        raise RuntimeError("boom")
        yield

    def fine(document, options):
        return iter(())

    items = [engine.PlannedItem("CPX1", "", "", "", Check("CPX1", broken)),
             engine.PlannedItem("CPX2", "", "", "", Check("CPX2", fine))]
    result = engine.audit_document(doc(para("Hello.")), Options(), items)
    assert result.items[0].answer == Answer.MANUAL
    assert "boom" in result.items[0].error and "RuntimeError" not in result.items[0].error
    assert result.items[1].answer == Answer.YES


def test_select_and_ignore_by_prefix():
    items, _ = engine.plan(select=["CP0"], ignore=["CP05"])
    assert [i.id for i in items] == ["CP01", "CP02", "CP03", "CP04", "CP06", "CP07", "CP08", "CP09"]


def test_findings_are_capped_with_a_count():
    def many(document, options):
        for n in range(engine.MAX_FINDINGS + 5):
            yield Finding.no(f"place {n}")

    item = engine.PlannedItem("CPX", "", "", "", Check("CPX", many, needs_text=False))
    findings = engine.audit_document(doc(), Options(), [item]).items[0].findings
    assert len(findings) == engine.MAX_FINDINGS + 1
    assert findings[-1].message.startswith("5 more places")


def test_exit_codes():
    no = ItemResult("CP01", "q", Answer.NO, [])
    yes = ItemResult("CP01", "q", Answer.YES, [])
    assert AuditResult([DocumentResult("a", "pdf", [yes])]).exit_code == 0
    good, bad = DocumentResult("a", "pdf", [yes]), DocumentResult("b", "pdf", [no])
    assert AuditResult([good, bad]).exit_code == 1
    assert AuditResult([bad, DocumentResult("c", None, error="x")]).exit_code == 2


def test_discover_searches_folders(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.DOCX").write_bytes(b"PK")
    (tmp_path / "sub" / "c.dotx").write_bytes(b"PK")
    (tmp_path / "~$lock.docx").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("x")
    found, problems = engine.discover([str(tmp_path)])
    assert [p.rsplit("/", 1)[1] for p in found] == ["a.pdf", "b.DOCX", "c.dotx"]
    assert problems == []


def test_options_reject_unknown_names_and_bad_values():
    import pytest

    from clearprint.config import OptionError

    with pytest.raises(OptionError, match="unknown option"):
        Options(overrides={"no_such_option": "1"})
    with pytest.raises(OptionError, match="needs a float"):
        Options(overrides={"min_type_size": "big"})
    assert Options(overrides={"min_type_size": "14"}).min_type_size == 14.0


def test_repeated_findings_fold_into_one_with_places():
    from clearprint.model import Location

    def repeats(document, options):
        for page in (1, 2, 2, 5):
            yield Finding.no("Text set in 9 pt.", Location(page=page))
        yield Finding.no("Text set in 8 pt.", Location(page=3))

    item = engine.PlannedItem("CPX", "", "", "", Check("CPX", repeats, needs_text=False))
    findings = engine.audit_document(doc(), Options(), [item]).items[0].findings
    assert [(f.message, f.count) for f in findings] == [("Text set in 9 pt.", 4), ("Text set in 8 pt.", 1)]
    assert findings[0].data["places"] == ["page 1", "page 2", "page 5"]
    assert findings[0].location.page == 1


def test_a_question_about_text_is_na_once_for_a_document_without_text():
    called = []

    def about_text(document, options):
        called.append(True)
        yield Finding.no("should not be asked")

    item = engine.PlannedItem("CPX", "", "", "", Check("CPX", about_text))
    result = engine.audit_document(doc(), Options(), [item]).items[0]
    assert str(result.answer) == "n/a"
    assert [f.message for f in result.findings] == ["The document has no text."]
    assert called == []
    with_text = engine.audit_document(doc(para("Some words.")), Options(), [item]).items[0]
    assert str(with_text.answer) == "no" and called == [True]
