"""The command line: help, catalogue commands, usage errors and exit codes."""

import json

from click.testing import CliRunner

from clearprint.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_help_explains_commands_and_exit_codes():
    result = run("--help")
    assert result.exit_code == 0
    assert "audit" in result.output and "explain" in result.output
    audit_help = run("audit", "--help").output
    for text in ("--format", "--profile", "--select", "--ignore", "--set", "--fold", "--jobs",
                 "Exit codes"):
        assert text in audit_help


def test_checks_lists_all_questions():
    result = run("checks")
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [line.split()[0] for line in lines] == [f"CP{n:02d}" for n in range(1, 28)]


def test_checks_options_lists_thresholds():
    output = run("checks", "--options").output
    assert "min_type_size = 12.0 pt  (number)" in output
    assert "Smallest size allowed for any text" in output  # the help is data, not a TOML comment
    assert "Smallest size allowed for any text" in run("explain", "CP01").output


def test_explain_prints_catalogue_entry():
    result = run("explain", "cp09")
    assert result.exit_code == 0
    assert "Is text unjustified, aligned to the left margin?" in result.output
    assert "How to fix it" in result.output


def test_explain_unknown_id_is_usage_error():
    result = run("explain", "CP99")
    assert result.exit_code == 2
    assert "CP01 to CP27" in result.output


def test_missing_file_is_one_line_error_and_exit_2(tmp_path):
    result = run("audit", str(tmp_path / "nowhere.pdf"))
    assert result.exit_code == 2
    assert "nowhere.pdf" in result.output and "file not found" in result.output
    assert "Traceback" not in result.output


def test_missing_file_in_json_has_error_field(tmp_path):
    result = run("audit", "--format", "json", str(tmp_path / "nowhere.docx"))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["documents"][0]["error"] == "file not found"
    assert data["documents"][0]["items"] == []


def test_unknown_option_and_bad_value_are_usage_errors(tmp_path):
    assert run("audit", "--set", "nonsense=1", "x.pdf").exit_code == 2
    assert run("audit", "--set", "min_type_size=big", "x.pdf").exit_code == 2
    assert run("audit", "--set", "novalue", "x.pdf").exit_code == 2
    assert run("audit", "--profile", "tiny", "x.pdf").exit_code == 2


def test_selection_that_leaves_nothing_is_usage_error():
    result = run("audit", "--select", "CP01", "--ignore", "CP0", "x.pdf")
    assert result.exit_code == 2
    assert "no questions" in result.output


def test_empty_folder_is_usage_error(tmp_path):
    result = run("audit", str(tmp_path))
    assert result.exit_code == 2
    assert "no PDF or Word files" in result.output


def test_unsupported_type_is_reported(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = run("audit", str(notes))
    assert result.exit_code == 2
    assert "unsupported file type '.txt'" in result.output


def test_parallel_batch_reports_the_same_in_the_same_order(tmp_path):
    from pathlib import Path

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    files = [str(fixtures / "samples" / "leaflet.docx"), str(tmp_path / "missing.pdf"),
             str(fixtures / "samples" / "leaflet.pdf")]
    one = run("audit", "--format", "json", *files)
    two = run("audit", "--format", "json", "--jobs", "2", *files)
    assert two.exit_code == one.exit_code == 2
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert [d["path"] for d in json.loads(two.stdout)["documents"]] == files
