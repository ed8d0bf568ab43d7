"""Run clearprint over hostile inputs as a user would, and judge what came back.

A batch of files is audited by the installed command line in a process of
its own, once to JSON and once to the text report, and every document's
outcome is sorted into one of:

- ``answered``: the questions were answered;
- ``refused``: a clear one-line reason in a user's words;
- ``crash``: a traceback, an exit code other than 0, 1 or 2, a check that
  could not run, or a reader stopped by something it did not expect;
- ``hang`` / ``over budget``: refused for time or memory (the budget worked,
  but a reader that bounds its own work should not need it);
- ``unclear``: a refusal that names a Python exception or spans lines;
- ``unsafe``: output that is not valid UTF-8, or that holds a control
  character a terminal would obey.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BAD_OUTCOMES = ("crash", "hang", "over budget", "unclear", "unsafe")

# The reasons a refusal may start with: each says what is wrong in a user's words.
CLEAR_REASONS = (
    "file not found", "cannot be read:", "cannot be opened:", "is a folder", "is not a regular file",
    "the file is empty", "not a readable PDF", "not a readable Word file", "not a PDF", "not a Word file",
    "not a Word document", "encrypted:", "not supported:", "the PDF has no readable pages",
    "unsupported file type", "could not be read: its structure is nested too deeply", "refused:",
)
# Refusals that mean the code met something it did not expect.
CRASH_REASONS = ("stopped the reader", "failed unexpectedly", "made the reader stop")
_EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Interrupt)\b|Traceback|code=\d")
# What a terminal obeys: C0 controls but newline and tab, DEL, C1, and line-reordering marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass
class Report:
    tried: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    bad: list[str] = field(default_factory=list)  # "path: outcome: detail"
    reasons: Counter[str] = field(default_factory=Counter)  # refusals, by their words before any detail
    seconds: float = 0.0

    def add(self, path: str, outcome: str, detail: str = "") -> None:
        self.outcomes[outcome] += 1
        if outcome == "refused":
            self.reasons[re.sub(r"\d[\d,.]*", "N", detail.split(" (")[0])] += 1
        if outcome in BAD_OUTCOMES:
            self.bad.append(f"{path}: {outcome}: {detail}"[:400])

    def merge(self, other: Report) -> None:
        self.tried += other.tried
        self.outcomes.update(other.outcomes)
        self.bad += other.bad
        self.reasons.update(other.reasons)
        self.seconds += other.seconds

    def summary(self) -> str:
        counts = ", ".join(f"{self.outcomes[name]} {name}" for name in ("answered", "refused", *BAD_OUTCOMES))
        return f"{self.tried} inputs in {self.seconds:.0f} s: {counts}"


def command() -> list[str]:
    """The command line under test: the installed ``clearprint`` beside this Python."""
    installed = Path(sys.executable).with_name("clearprint")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "clearprint"]


def audit_batch(paths: list[Path], *, time_limit: float = 20, memory_mb: int = 1024,
                jobs: int = 2, text_report: bool = True) -> Report:
    """Audit ``paths`` in one run and judge each document's outcome."""
    report = Report(tried=len(paths))
    started = time.monotonic()
    budget = ["--time-limit", str(time_limit), "--memory-limit", str(memory_mb), "--jobs", str(jobs)]
    wall = 30 + time_limit * len(paths) / max(1, jobs)
    as_json = _run([*command(), "audit", "--format", "json", *budget, "--", *map(str, paths)], wall)
    problems = _process_problems(as_json)
    try:
        documents = json.loads(as_json.stdout.decode("utf-8"))["documents"]
    except (UnicodeDecodeError, ValueError, KeyError) as exc:
        for path in paths:
            report.add(str(path), "unsafe" if isinstance(exc, UnicodeDecodeError) else "crash",
                       f"the JSON report cannot be read ({exc}); {problems}")
        report.seconds = time.monotonic() - started
        return report
    for document in documents:
        outcome, detail = _judge(document, problems)
        report.add(document["path"], outcome, detail or document.get("error") or "")
    if text_report:
        as_text = _run([*command(), "audit", "--no-color", *budget, "--", *map(str, paths)], wall)
        for name, stream in (("report", as_text.stdout), ("errors", as_text.stderr)):
            unsafe = _unsafe_text(stream)
            if unsafe:
                report.add("(text report)", "unsafe", f"the {name} {unsafe}")
        if _process_problems(as_text):
            report.add("(text report)", "crash", _process_problems(as_text))
    report.seconds = time.monotonic() - started
    return report


def _run(args: list[str], wall: float) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONFAULTHANDLER": "", "COLUMNS": "100"}
    try:
        return subprocess.run(args, capture_output=True, timeout=wall, env=environment,
                              stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(args, -9, exc.stdout or b"", b"the whole run timed out")


def _process_problems(done: subprocess.CompletedProcess[bytes]) -> str:
    """What is wrong with the run as a whole (empty when nothing)."""
    if done.returncode not in (0, 1, 2):
        return f"exit code {done.returncode}: {done.stderr[-300:]!r}"
    if b"Traceback" in done.stderr:
        return f"traceback: {done.stderr[-300:]!r}"
    return ""


def _judge(document: dict, problems: str) -> tuple[str, str]:
    if problems:
        return "crash", problems
    error = document.get("error")
    if error:
        if "took longer than" in error:
            return "hang", error
        if "needs more than" in error:
            return "over budget", error
        if any(reason in error for reason in CRASH_REASONS):
            return "crash", error
        if "\n" in error or _EXCEPTION_NAME.search(error) or not error.startswith(CLEAR_REASONS):
            return "unclear", error
        return "refused", error
    crashed = [item["id"] for item in document["items"] if item.get("error")]
    if crashed:
        return "crash", "checks that could not run: " + ", ".join(crashed)
    return "answered", ""


def _unsafe_text(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"is not valid UTF-8 ({exc})"
    found = _UNSAFE.search(text)
    return f"holds control character U+{ord(found.group()):04X}" if found else ""
