"""Fixture documents with known answers (fixtures/expectations*.toml), and bad input.

The fixtures are made by fixtures/make_fixtures.py (which also runs the
generators in fixtures/generators/, each writing its own
expectations-GROUP.toml) and committed, so these tests need neither
LibreOffice nor Word. A fixture whose question has no registered check yet,
or whose format has no reader yet, is skipped with the reason rather than
failed.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from clearprint import engine
from clearprint.checks import builtin_checks
from clearprint.cli import main
from clearprint.config import Options

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PACKAGE = Path(__file__).resolve().parent.parent / "clearprint"
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".dotx")
GOOD = "CP01/yes.pdf"
# Questions whose fixtures are made by make_fixtures.py itself: yes and no in both formats.
CORE_QUESTIONS = ("CP01", "CP05", "CP06", "CP09", "CP11", "CP18", "CP25")
ANSWER_PREFIXES = {"yes": "yes", "no": "no", "manual": "manual", "na": "n/a"}
QUESTION_KEY = re.compile(r"CP\d\d")  # other keys in a table (note, ...) are comments


def _load_expectations() -> tuple[dict[str, dict], list[str]]:
    """All expectation files merged, and any file name listed in more than one."""
    merged: dict[str, dict] = {}
    clashes: list[str] = []
    for source in sorted(FIXTURES.glob("expectations*.toml")):
        for name, table in tomllib.loads(source.read_text(encoding="utf-8")).items():
            if name in merged:
                clashes.append(f"{name} ({source.name})")
            merged[name] = table
    return merged, clashes


EXPECTATIONS, CLASHES = _load_expectations()


def _cases() -> list:
    cases = []
    for name, table in EXPECTATIONS.items():
        for question, answer in table.items():
            if not QUESTION_KEY.fullmatch(question):
                continue
            cases.append(pytest.param(name, question, answer, table.get("note", ""),
                                      id=f"{name}:{question}={answer}"))
    return cases


def _reader_missing(path: Path) -> str | None:
    """Why the file's reader cannot run yet, or None when it is there."""
    kind = "pdf" if path.suffix.lower() == ".pdf" else "docx"
    if not (PACKAGE / "readers" / kind / "__init__.py").exists():
        return f"the {kind.upper()} reader (clearprint/readers/{kind}/) is not written yet"
    return None


def _skip_unless_readable(path: Path) -> None:
    reason = _reader_missing(path)
    if reason:
        pytest.skip(reason)


def _describe(item) -> str:
    lines = [f"{item.id} answered {item.answer}" + (f" (check error: {item.error})" if item.error else "")]
    for finding in item.findings:
        where = finding.location
        lines.append(f"  {finding.severity}: {finding.message}" + (f" @ {where}" if where else ""))
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "question", "expected", "note"), _cases())
def test_fixture_answer(name: str, question: str, expected: str, note: str) -> None:
    path = FIXTURES / name
    assert path.is_file(), f"{name} is listed in expectations.toml but missing: run make_fixtures.py"
    assert question in builtin_checks(), f"{name} expects an answer to {question}, which has no check"
    _skip_unless_readable(path)
    items, errors = engine.plan(select=[question])
    assert not errors
    items = [i for i in items if i.id == question]
    result = engine.audit_file(str(path), Options(), items)
    assert result.error is None, f"{name} could not be audited: {result.error}"
    item = result.items[0]
    assert item.error is None, f"{name}: {question} could not run: {item.error}"  # else "manual" passes
    assert str(item.answer) == expected, f"{name} ({note}): expected {expected}\n{_describe(item)}"


def test_expectations_list_every_fixture_document() -> None:
    documents = {
        p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*")
        if p.suffix.lower() in DOCUMENT_SUFFIXES and p.parent.name != "bad"
    }
    assert documents <= set(EXPECTATIONS), sorted(documents - set(EXPECTATIONS))
    for name, table in EXPECTATIONS.items():
        answers = {k: v for k, v in table.items() if QUESTION_KEY.fullmatch(k)}
        assert answers, f"{name} has no expected answer"
        assert set(answers.values()) <= {"yes", "no", "manual", "n/a"}, name


def test_no_file_is_listed_twice() -> None:
    assert not CLASHES


def test_file_names_say_the_expected_answer() -> None:
    """CP09/no-distribute.docx must expect "no" for CP09, and so on."""
    wrong = []
    for name, table in EXPECTATIONS.items():
        folder, _, filename = name.rpartition("/")
        prefix = filename.split(".")[0].split("-")[0]
        if folder in table and prefix in ANSWER_PREFIXES and table[folder] != ANSWER_PREFIXES[prefix]:
            wrong.append(f"{name}: {folder} = {table[folder]!r}")
    assert not wrong


def test_core_question_folders_have_yes_and_no_in_both_formats() -> None:
    for question in CORE_QUESTIONS:
        folder = FIXTURES / question
        names = {p.name for p in folder.iterdir()}
        for answer in ("yes", "no"):
            for suffix in (".pdf", ".docx"):
                assert any(n.startswith(answer) and n.endswith(suffix) for n in names), \
                    f"{folder.name} has no {answer}{suffix} fixture"


# ---------------------------------------------------------------------------
# Bad input: exit code 2, one line naming the file and the reason, no traceback
# ---------------------------------------------------------------------------

BAD = [
    pytest.param("empty.pdf", "empty", id="empty"),
    pytest.param("not-a-pdf.pdf", "not a readable PDF", id="not-a-pdf"),
    pytest.param("truncated.docx", "zip", id="truncated-docx"),
    pytest.param("encrypted.pdf", "encrypted", id="encrypted-pdf"),
    pytest.param("notes.txt", "unsupported", id="unsupported-type"),
]


def _audit(*args: str):
    return CliRunner().invoke(main, ["audit", *args], catch_exceptions=False)


@pytest.mark.parametrize(("name", "reason"), BAD)
def test_bad_input_is_refused_in_one_line(name: str, reason: str) -> None:
    path = FIXTURES / "bad" / name
    if path.suffix in DOCUMENT_SUFFIXES and path.stat().st_size:
        _skip_unless_readable(path)
    result = _audit(str(path))
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if name in line and reason.lower() in line.lower()]
    assert lines, f"no line names {name} and says {reason!r}:\n{output}"


def test_template_content_type_audits_normally() -> None:
    path = FIXTURES / "bad" / "template.dotx"
    _skip_unless_readable(path)
    result = _audit(str(path), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)["documents"][0]
    assert not document.get("error")
    assert len(document["items"]) == 27


def test_batch_with_a_bad_file_still_reports_the_good_one() -> None:
    good = FIXTURES / GOOD
    _skip_unless_readable(good)
    bad = FIXTURES / "bad" / "empty.pdf"
    result = _audit(str(bad), str(good), "--format", "json")
    assert result.exit_code == 2
    documents = json.loads(result.stdout)["documents"]
    by_name = {Path(d["path"]).name + ":" + Path(d["path"]).parent.name: d for d in documents}
    reported_good = by_name["yes.pdf:CP01"]
    reported_bad = by_name["empty.pdf:bad"]
    assert not reported_good.get("error")
    assert len(reported_good["items"]) == 27
    assert reported_bad["error"]
    assert "empty.pdf" in result.stderr and "Traceback" not in result.output


def _hashes() -> dict[str, str]:
    return {p.relative_to(FIXTURES).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(FIXTURES.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_auditing_leaves_the_files_unchanged() -> None:
    before = _hashes()
    result = _audit(str(FIXTURES), "--format", "json")
    assert result.exit_code == 2  # fixtures/bad holds unreadable files
    assert "Traceback" not in result.output
    assert _hashes() == before
