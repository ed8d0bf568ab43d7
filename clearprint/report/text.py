"""The terminal report: one compact table per document, 100 columns wide.

A row per question says its answer; a "no" row is followed by the worst few
places so a person can go straight to them, and the JSON or HTML report has the
rest. Colour is optional and only ever repeats the answer word, so the plain
output carries the same information.
"""

from __future__ import annotations

import textwrap
from typing import Any

from clearprint.report.serialise import for_people
from clearprint.report.wording import (
    answered,
    excerpt,
    place,
    plural,
    shorten,
    summary,
    worst_first,
)
from clearprint.results import AuditResult

WIDTH = 100
SHOWN_FINDINGS = 3  # under each "no": the worst few, then "… and N more"

_INDENT = "  "
_ANSWER_WIDTH = len("manual")
_MAX_TITLE_WIDTH = 30
_GAP = "  "

_COLOURS = {"no": "\033[31m", "manual": "\033[33m", "yes": "\033[32m", "error": "\033[31m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"


def render(result: AuditResult, *, color: bool = False) -> str:
    """Every document's table, then one summary line over them all."""
    report = for_people(result)
    blocks = [_document(doc, color) for doc in report["documents"]]
    blocks.append(summary(report["documents"]))
    return "\n\n".join(blocks) + "\n"


def _document(doc: dict[str, Any], color: bool) -> str:
    if doc["error"]:
        return f"{doc['path']}: {_paint('error', 'error', color)}: {doc['error']}"
    lines = [_header(doc, color)]
    for note in doc["notes"]:
        lines.extend(_wrap(f"note: {note}", _INDENT, _INDENT + "      "))
    items = doc["items"]
    if items:
        id_width = max(len(item["id"]) for item in items)
        title_width = min(
            max(len(item["title"] or item["question"]) for item in items), _MAX_TITLE_WIDTH
        )
        for item in items:
            lines.extend(_item(item, id_width, title_width, color))
    return "\n".join(lines)


def _header(doc: dict[str, Any], color: bool) -> str:
    """``path (PDF, 12 pages): no (questions: 3 no, 5 manual, 17 yes, 2 n/a)``."""
    facts = []
    if doc["format"]:
        facts.append(doc["format"].upper())
    if doc["pages"] is not None:
        facts.append(plural(doc["pages"], "page"))
    path = f"{_BOLD}{doc['path']}{_RESET}" if color else doc["path"]
    described = f"{path} ({', '.join(facts)})" if facts else path
    counts = answered(doc["counts"])
    answer = _paint(doc["answer"], doc["answer"], color)
    return f"{described}: {answer} (questions: {counts})" if counts else f"{described}: {answer}"


def _item(item: dict[str, Any], id_width: int, title_width: int, color: bool) -> list[str]:
    """The question's row, its reason wrapped in the last column, then its worst places."""
    answer = item["answer"]
    cell = _paint(f"{answer:<{_ANSWER_WIDTH}}", answer, color)
    lead = f"{_INDENT}{item['id']:<{id_width}}{_GAP}{cell}{_GAP}"
    title = shorten(item["title"] or item["question"], title_width)
    reason = _reason(item)
    if not reason:
        return [(lead + title).rstrip()]

    title_column = len(_INDENT) + id_width + len(_GAP) * 2 + _ANSWER_WIDTH
    reason_column = title_column + title_width + len(_GAP)
    reason_lines = textwrap.wrap(reason, WIDTH - reason_column, break_on_hyphens=False)
    lines = [f"{lead}{title:<{title_width}}{_GAP}{reason_lines[0]}"]
    lines += [" " * reason_column + line for line in reason_lines[1:]]
    if answer == "no":
        lines += _places(item, reason, " " * title_column)
    return lines


def _reason(item: dict[str, Any]) -> str:
    """Why a question is "no" or "manual": the check's error, else its worst finding."""
    if item["answer"] not in ("no", "manual"):
        return ""
    if item["error"]:
        reason = f"the check could not run: {item['error']}"
    else:
        findings = worst_first(item["findings"])
        reason = findings[0]["message"] if findings else ""
    return " ".join(reason.split())  # one table cell: no stray newlines or blank reasons


def _places(item: dict[str, Any], reason: str, indent: str) -> list[str]:
    """The worst few findings of a "no" question, each where it is and what it says.

    Only "no" and "manual" findings explain a "no"; notes are left to the fuller
    reports. A message the row already shows as its reason is not repeated.
    """
    findings = [f for f in worst_first(item["findings"]) if f["severity"] in ("no", "manual")]
    lines = []
    for finding in findings[:SHOWN_FINDINGS]:
        where = place(finding["location"])
        quoted = excerpt(finding["location"])
        if quoted:
            where = f'{where}, "{quoted}"' if where else f'"{quoted}"'
        said = finding["message"] if finding["message"] != reason or not where else ""
        line = f"{where}: {said}" if where and said else where or said
        if finding["count"] > 1:
            line += f" ({plural(finding['count'], 'place')})"
        lines.extend(_wrap(line, indent + "- ", indent + "  "))
    if len(findings) > SHOWN_FINDINGS:
        lines.append(f"{indent}… and {len(findings) - SHOWN_FINDINGS} more")
    return lines


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def _paint(text: str, answer: str, color: bool) -> str:
    """``text`` in the answer's colour when colour is on (n/a stays plain)."""
    if not color or answer not in _COLOURS:
        return text
    return f"{_COLOURS[answer]}{text}{_RESET}"
