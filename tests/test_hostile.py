"""Hostile and broken input: budgets, paths, signals, output that cannot be hijacked.

The crafted files come from tests/fuzz/crafted.py, one generator per class of
attack; the seeded mutation run is tests/fuzz/mutate.py. Each test states the
class it guards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from clearprint import engine, isolation
from clearprint.cli import main
from clearprint.readers.docx import package as docx_package
from clearprint.readers.docx.ooxml import number, twips
from clearprint.readers.docx.pagecount import PageEstimator
from clearprint.report.safe import printable, valid_path
from clearprint.results import DocumentResult
from tests.fuzz import crafted, mutate
from tests.fuzz.harness import audit_batch

needs_fork = pytest.mark.skipif(not isolation.ISOLATED, reason="budgets need fork (Linux)")
GOOD_PDF = Path(__file__).resolve().parents[1] / "fixtures" / "samples" / "leaflet.pdf"


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def audit_json(*args: str) -> tuple[int, dict, str]:
    done = subprocess.run([sys.executable, "-m", "clearprint", "audit", "--format", "json", *args],
                          capture_output=True, timeout=120, check=False)
    return done.returncode, json.loads(done.stdout.decode("utf-8")), done.stderr.decode("utf-8")


# --- budgets ------------------------------------------------------------------

def _result(path: str) -> DocumentResult:
    return DocumentResult(path=path, format="pdf")


@needs_fork
def test_a_document_past_its_time_is_refused_and_the_batch_goes_on():
    def audit_one(path: str) -> DocumentResult:
        if path == "slow":
            time.sleep(60)
        return _result(path)

    started = time.monotonic()
    results = list(isolation.run(["slow", "quick"], audit_one, isolation.Budget(seconds=1), jobs=1))
    assert time.monotonic() - started < 10
    assert [r.path for r in results] == ["slow", "quick"]
    assert results[0].error.startswith("refused: took longer than 1 s")
    assert results[1].error is None


@needs_fork
def test_a_document_past_its_memory_is_refused_and_the_batch_goes_on():
    def audit_one(path: str) -> DocumentResult:
        if path == "greedy":
            hoard = [bytearray(64 << 20) for _ in range(64)]  # 4 GB
            assert hoard
        return _result(path)

    results = list(isolation.run(["greedy", "modest"], audit_one, isolation.Budget(memory_mb=256), jobs=2))
    assert results[0].error.startswith("refused: needs more than 256 MB of memory")
    assert results[1].error is None


@needs_fork
def test_a_reader_that_crashes_is_one_line_and_the_batch_goes_on():
    def audit_one(path: str) -> DocumentResult:
        if path == "crashing":
            os.kill(os.getpid(), signal.SIGSEGV)
        return _result(path)

    results = list(isolation.run(["crashing", "fine"], audit_one, isolation.Budget()))
    assert "made the reader stop (SIGSEGV)" in results[0].error
    assert "\n" not in results[0].error
    assert results[1].error is None


@needs_fork
def test_results_come_in_the_order_given_whatever_finishes_first():
    def audit_one(path: str) -> DocumentResult:
        time.sleep(0.3 if path == "a" else 0.0)
        return _result(path)

    results = isolation.run(["a", "b", "c", "d"], audit_one, isolation.Budget(), jobs=3)
    assert [r.path for r in results] == ["a", "b", "c", "d"]


@needs_fork
def test_a_worker_audits_document_after_document_and_retires_when_grown(monkeypatch):
    def audit_one(path: str) -> DocumentResult:
        return DocumentResult(path=path, format=str(os.getpid()))

    kept = list(isolation.run(list("abcd"), audit_one, isolation.Budget(), jobs=1))
    assert len({r.format for r in kept}) == 1  # one worker, its caches kept for every document
    monkeypatch.setattr(isolation, "_RECYCLE_GROWTH", -1)  # every worker retires after one document
    retired = list(isolation.run(list("abcd"), audit_one, isolation.Budget(), jobs=2))
    assert [r.path for r in retired] == list("abcd") and all(r.error is None for r in retired)
    assert len({r.format for r in retired}) == 4


@needs_fork
def test_time_and_memory_limits_are_options_of_audit(tmp_path):
    nested = crafted.pdf_nested_forms(tmp_path)
    result = cli("audit", "--time-limit", "5", "--memory-limit", "512", "--format", "json", str(nested))
    assert result.exit_code in (0, 1), result.output
    help_text = cli("audit", "--help").output
    assert "--time-limit" in help_text and "--memory-limit" in help_text


# --- the crafted classes and a seeded mutation run ---------------------------------

def test_every_crafted_class_is_answered_or_refused_clearly_and_quickly(tmp_path):
    made = [generate(tmp_path) for generate in crafted.GENERATORS.values()] + crafted.hostile_names(tmp_path)
    report = audit_batch(made, time_limit=crafted.FAST)
    assert report.tried == len(made)
    assert not report.bad, "\n".join(report.bad)


def test_a_seeded_mutation_run_finds_nothing(tmp_path):
    made = [path for path, _ in mutate.mutants(seed=7, count=60, folder=tmp_path)]
    report = audit_batch(made, time_limit=crafted.FAST, text_report=False)
    assert report.tried == 60
    assert report.outcomes["answered"] + report.outcomes["refused"] == 60, "\n".join(report.bad)


def test_mutants_are_the_same_for_the_same_seed(tmp_path):
    first = [(p.read_bytes(), how) for p, how in mutate.mutants(3, 5, tmp_path)]
    again = [(p.read_bytes(), how) for p, how in mutate.mutants(3, 5, tmp_path)]
    assert first == again


def test_nested_forms_are_not_run(tmp_path):
    code, report, _ = audit_json(str(crafted.pdf_nested_forms(tmp_path)))
    document = report["documents"][0]
    assert any("nested forms would be drawn more than 1,000,000 times" in n for n in document["notes"])
    assert {item["answer"] for item in document["items"]} == {"manual"}  # nothing on the page was read


def test_shallow_forms_are_read(tmp_path):
    code, report, _ = audit_json(str(crafted.pdf_nested_forms(tmp_path, depth=5)))
    assert report["documents"][0]["notes"] == []


def test_a_page_box_larger_than_pdf_allows_is_not_sized_from(tmp_path):
    data = crafted.one_page_pdf(b"BT /F1 12 Tf 72 72 Td (Hi) Tj ET", size=(2147483648, 842),
                                font=crafted.HELVETICA)
    path = tmp_path / "wide.pdf"
    path.write_bytes(data)
    code, report, _ = audit_json(str(path))
    assert any("is not a page" in note for note in report["documents"][0]["notes"])


def test_a_huge_picture_is_decoded_at_a_reduction(tmp_path):
    from clearprint.readers.pdf import read_pdf

    doc = read_pdf(crafted.pdf_huge_picture(tmp_path, side=6000))
    (image,) = doc.images
    assert (image.pixel_width, image.pixel_height) == (6000, 6000)  # as stored: what CP22 judges
    data = image.load()
    header = data[:data.index(b"ENDHDR")].decode()
    width = int(header.split("WIDTH ")[1].split()[0])
    assert 2048 <= width < 6000


def test_text_runs_far_off_the_page_cost_nothing(tmp_path):
    import resource

    from clearprint.readers.pdf import read_pdf

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    read_pdf(crafted.pdf_tall_matrix(tmp_path))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KB


# --- DOCX numbers, zips and XML ---------------------------------------------------

@pytest.mark.parametrize("raw", ["inf", "-inf", "nan", "1e300", "99999999999999999999", "1e15"])
def test_numbers_no_producer_writes_are_ignored(raw):
    assert number(raw) is None
    assert twips(raw) is None


def test_plausible_numbers_are_kept():
    assert number("-0") == 0.0
    assert twips("31680") == 1584.0
    assert number("-720") == -720.0


def test_the_page_estimate_divides_instead_of_looping():
    from clearprint.model import Section
    from clearprint.readers.docx.sections import SectionInfo

    estimator = PageEstimator([SectionInfo(section=Section(number=1, width=595, height=842,
                                                           margin_top=72, margin_bottom=72))])
    started = time.monotonic()
    estimator.add(698.0 * 1_000_000 + 10, 1)
    assert time.monotonic() - started < 0.1
    assert estimator.pages == 1_000_001


def _docx(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_part_nothing_uses_is_never_inflated(tmp_path, monkeypatch):
    from clearprint.readers.docx import read_docx

    monkeypatch.setattr(docx_package, "MAX_PART_BYTES", 1 << 20)
    data = crafted.docx_bytes(crafted.document_xml(crafted.paragraph("Small")),
                              extra={"word/media/padding.bin": b"\0" * (8 << 20)})
    doc = read_docx(_docx(tmp_path, "padded.docx", data))
    assert doc.blocks[0].text == "Small"


def test_a_part_that_inflates_too_far_is_refused(tmp_path, monkeypatch):
    from clearprint.errors import DocumentError
    from clearprint.readers.docx import read_docx

    monkeypatch.setattr(docx_package, "MAX_PART_BYTES", 1 << 20)
    body = crafted.paragraph("Big") + " " * (4 << 20)
    path = _docx(tmp_path, "big.docx", crafted.docx_bytes(crafted.document_xml(body)))
    with pytest.raises(DocumentError, match="inflates to more than 1 MB"):
        read_docx(path)


def test_a_part_that_inflates_a_thousandfold_is_a_zip_bomb(tmp_path, monkeypatch):
    from clearprint.errors import DocumentError
    from clearprint.readers.docx import read_docx

    monkeypatch.setattr(docx_package, "RATIO_FREE_BYTES", 1 << 20)
    monkeypatch.setattr(docx_package, "MAX_RATIO", 100)
    body = crafted.paragraph("Bomb") + " " * (8 << 20)
    path = _docx(tmp_path, "bomb.docx", crafted.docx_bytes(crafted.document_xml(body)))
    with pytest.raises(DocumentError, match="inflates more than 100 times its stored size"):
        read_docx(path)


def test_text_after_an_entity_reference_is_kept(tmp_path):
    from clearprint.readers.docx import read_docx

    doc = read_docx(crafted.docx_entities(tmp_path))
    # The declared entity is not expanded (the file is untrusted); what follows it is kept.
    assert doc.blocks[0].text == "Fish & chips \u00a9 \u2014  and more after them"


def test_content_controls_nested_600_deep_are_read(tmp_path):
    from clearprint.readers.docx import read_docx

    doc = read_docx(crafted.docx_deep_nesting(tmp_path, depth=600))
    assert doc.blocks[0].text == "Deep"


@pytest.mark.parametrize(("generator", "reason"), [
    (crafted.docx_billion_laughs, "entities that expand without end"),
    (crafted.docx_very_deep_xml, "nested deeper than XML readers allow"),
    (crafted.docx_broken_zip, "the zip archive is damaged"),
    (crafted.docx_named_pdf, "not a Word file although named .docx: the file is a PDF"),
    (crafted.pdf_named_docx, "not a PDF although named .pdf: the file is a zip archive"),
    (crafted.pdf_bad_page_tree, "not a readable PDF: its page tree is damaged"),
])
def test_refusals_say_what_is_wrong(tmp_path, generator, reason):
    path = generator(tmp_path)
    result = cli("audit", str(path))
    assert result.exit_code == 2
    assert reason in result.output
    assert "Error" not in result.output and "Traceback" not in result.output


# --- paths ----------------------------------------------------------------------

@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/null"])
def test_paths_that_are_not_regular_files_are_refused_at_once(tmp_path, special):
    if special == "fifo":
        special = str(tmp_path / "pipe.pdf")
        os.mkfifo(special)
    elif not os.path.exists(special):
        pytest.skip(f"{special} does not exist here")
    started = time.monotonic()
    result = cli("audit", special)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert "is not a regular file" in result.output


def test_a_symlink_loop_is_said_plainly(tmp_path):
    loop = tmp_path / "loop.pdf"
    os.symlink(loop, loop)
    result = cli("audit", str(loop))
    assert result.exit_code == 2
    assert "loop of symbolic links" in result.output


def test_a_dangling_symlink_is_said_plainly(tmp_path):
    link = tmp_path / "gone.pdf"
    os.symlink(tmp_path / "missing.pdf", link)
    assert "a symbolic link to a file that does not exist" in cli("audit", str(link)).output


def test_an_over_long_name_is_one_line(tmp_path):
    result = cli("audit", str(tmp_path / ("x" * 300 + ".pdf")))
    assert result.exit_code == 2
    assert "the file name is too long" in result.output


def test_a_folder_that_cannot_be_searched_is_one_line_and_the_rest_is_audited(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "good.pdf").write_bytes(GOOD_PDF.read_bytes())
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = engine.discover([str(tmp_path)])
    assert [Path(f).name for f in files] == ["good.pdf"]
    assert [(Path(p.path).name, p.error) for p in problems] == [
        ("locked", "folder cannot be searched: permission denied")]


def test_a_name_that_is_not_utf8_is_audited_and_shown_escaped(tmp_path):
    name = os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9.pdf")
    Path(name).write_bytes(GOOD_PDF.read_bytes())
    code, report, stderr = audit_json(name)
    document = report["documents"][0]
    assert document["error"] is None and len(document["items"]) == 27
    assert document["path"].endswith("caf\\xe9.pdf")


def test_control_characters_in_a_name_do_not_reach_the_terminal(tmp_path):
    path = tmp_path / "evil\x1b]0;owned\x07\nclearprint: fake.pdf: all good.pdf"
    result = subprocess.run([sys.executable, "-m", "clearprint", "audit", "--format", "json", str(path)],
                            capture_output=True, timeout=60, check=False)
    err = result.stderr.decode()
    assert "\x1b" not in err and "\x07" not in err
    assert len(err.strip().splitlines()) == 1
    assert "\\e]0;owned\\x07\\n" in err


def test_printable_escapes_what_a_terminal_obeys():
    assert printable("a\x1b]52;c;aGk=\x07b\r\n\u202e\x9b") == "a\\e]52;c;aGk=\\x07b\\r\\n\\u202e\\x9b"
    assert printable("Plain text, caf\u00e9 \u2014 ok") == "Plain text, caf\u00e9 \u2014 ok"
    assert valid_path("caf\udce9.pdf") == "caf\\xe9.pdf"


# --- output -----------------------------------------------------------------------

@pytest.mark.parametrize("generator", [crafted.pdf_escape_font_name, crafted.pdf_escape_text,
                                       crafted.docx_escape_text, crafted.pdf_surrogate_text])
@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_a_documents_text_cannot_inject_control_sequences(tmp_path, generator, fmt):
    path = generator(tmp_path)
    done = subprocess.run([sys.executable, "-m", "clearprint", "audit", "--no-color", "--format", fmt,
                           str(path)], capture_output=True, timeout=60, check=False)
    assert done.returncode in (0, 1), done.stderr
    output = done.stdout.decode("utf-8")  # valid UTF-8, lone surrogates or not
    assert not any(char in output for char in "\x1b\x07\x9b\r\u202e\u2028"), output[:2000]
    if fmt == "json":
        json.loads(output)


def test_an_escaped_font_name_is_shown_as_visible_escapes(tmp_path):
    path = crafted.pdf_escape_font_name(tmp_path)
    done = subprocess.run([sys.executable, "-m", "clearprint", "audit", "--no-color", str(path)],
                          capture_output=True, timeout=60, check=False)
    assert "Evil\\e]52;c;aGk=\\x07\\e]0;owned\\x07\\n\\r" in done.stdout.decode()


def test_output_refuses_to_replace_an_input(tmp_path):
    target = tmp_path / "x.pdf"
    target.write_bytes(GOOD_PDF.read_bytes())
    before = target.read_bytes()
    for output in (str(target), str(tmp_path / "report.docx")):
        result = cli("audit", "--format", "html", str(target), "-o", output)
        assert result.exit_code == 2
        assert "document" in result.output
    assert target.read_bytes() == before


def test_output_into_a_missing_folder_is_refused_before_the_audit(tmp_path):
    result = cli("audit", str(GOOD_PDF), "-o", str(tmp_path / "missing" / "x.html"))
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output


def test_a_file_named_like_an_option_is_a_path_after_double_dash(tmp_path):
    odd = tmp_path / "-otarget.pdf"
    odd.write_bytes(GOOD_PDF.read_bytes())
    result = cli("audit", "--format", "json", "--", str(odd))
    assert result.exit_code in (0, 1)
    assert not (tmp_path / "target.pdf").exists()


def test_the_report_file_is_written_whole(tmp_path):
    output = tmp_path / "report.json"
    result = cli("audit", "--format", "json", str(GOOD_PDF), "-o", str(output))
    assert result.exit_code in (0, 1)
    assert json.loads(output.read_text())["documents"][0]["items"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


# --- signals ----------------------------------------------------------------------

_SLOW_BATCH = """
import sys, time
from clearprint import isolation
from clearprint.results import DocumentResult

def audit_one(path):
    open(sys.argv[1] + "/" + path, "w").write(str(__import__("os").getpid()))
    time.sleep(120)
    return DocumentResult(path=path, format=None)

try:
    list(isolation.run(["a", "b"], audit_one, isolation.Budget(seconds=300), jobs=2))
except isolation.Interrupted as stop:
    print("interrupted", flush=True)
    sys.exit(stop.exit_code)
"""


def _start_slow_batch(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    process = subprocess.Popen([sys.executable, "-c", _SLOW_BATCH, str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = [int(p.read_text()) for p in (tmp_path / "a", tmp_path / "b") if p.exists() and p.read_text()]
        if len(pids) == 2:
            return process, pids
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the workers did not start")


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(")")[-1].split()[0] == "Z":
                    return True  # a zombie: dead, waiting for its parent
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


@needs_fork
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_end_the_workers_and_exit_with_the_signal_code(tmp_path, signum, code):
    process, workers = _start_slow_batch(tmp_path)
    process.send_signal(signum)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == code
    assert out.decode().strip() == "interrupted"
    assert all(_gone(pid) for pid in workers)


@needs_fork
def test_sigkill_of_the_parent_ends_the_workers(tmp_path):
    process, workers = _start_slow_batch(tmp_path)
    process.kill()
    process.communicate(timeout=30)
    assert all(_gone(pid) for pid in workers)


_SLOW_AUDIT = """
import time
import clearprint.engine as engine
from clearprint.cli import main

real = engine.audit_file

def slow(*args, **kwargs):
    time.sleep(60)
    return real(*args, **kwargs)

engine.audit_file = slow
main()
"""


@needs_fork
def test_an_interrupted_audit_says_so_and_writes_no_report(tmp_path):
    output = tmp_path / "report.html"
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_AUDIT, "audit", "--format", "html", "-o", str(output), str(GOOD_PDF)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.decode().strip() == "clearprint: interrupted; no report was written"
    assert list(tmp_path.iterdir()) == []


def test_options_still_check_their_values():
    # Budgets take numbers, and a negative one is a usage error.
    result = cli("audit", "--time-limit", "-1", str(GOOD_PDF))
    assert result.exit_code == 2


def test_engine_budget_defaults_are_those_the_cli_documents():
    assert isolation.Budget(seconds=60.0, memory_mb=1536) == engine.DEFAULT_BUDGET
    help_text = cli("audit", "--help").output
    assert "[default: 60;" in help_text and "[default: 1536;" in help_text
