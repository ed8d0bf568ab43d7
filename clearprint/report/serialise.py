"""The audit result as plain data: the machine contract every output format reads.

``to_dict`` is the only place that decides what a report contains. The JSON
output is this dictionary as it stands; the text and HTML reports present it
for people. Keeping one serialised form means the formats cannot disagree
about an answer, a count or the exit code. The format is documented in
``docs/json-format.md``: a change to the keys here is a change to
``SCHEMA_VERSION``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import Enum
from typing import Any

from clearprint import __version__
from clearprint.model import Location
from clearprint.report.safe import each_string, printable, valid, valid_path
from clearprint.results import Answer, AuditResult, DocumentResult, Finding, ItemResult

SCHEMA_VERSION = "1.0"


def to_dict(result: AuditResult) -> dict[str, Any]:
    """The whole result, keys in the documented order, every string valid Unicode."""
    return each_string(_result(result), valid)


def for_people(result: AuditResult) -> dict[str, Any]:
    """``to_dict`` with control characters written as visible escapes, for the reports
    people read (a terminal obeys them; HTML cannot hold most of them). One walk
    over the result does both."""
    return each_string(_result(result), lambda text: printable(valid(text)))


def _result(result: AuditResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "clearprint", "version": __version__},
        "profile": result.profile,
        "summary": {
            "documents": len(result.documents),
            "with_no": sum(1 for d in result.documents if d.answer is Answer.NO),
            "errors": sum(1 for d in result.documents if d.error),
            "exit_code": result.exit_code,
        },
        "documents": [_document(d) for d in result.documents],
    }


def _document(doc: DocumentResult) -> dict[str, Any]:
    return {
        "path": valid_path(doc.path),
        "format": doc.format,
        "error": doc.error,
        "answer": str(doc.answer),
        "pages": doc.pages,
        "counts": {str(answer): doc.count(answer) for answer in Answer},
        "notes": list(doc.notes),
        # A document that could not be read has no answers worth showing.
        "items": [] if doc.error else [_item(item) for item in doc.items],
    }


def _item(item: ItemResult) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "question": item.question,
        "answer": str(item.answer),
        "error": item.error,
        "fix": item.fix,
        "findings": [_finding(f) for f in item.findings],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "severity": str(finding.severity),
        "message": finding.message,
        "count": finding.count,
        "location": finding.location.as_dict() if finding.location else None,
        "data": {str(key): json_safe(value) for key, value in finding.data.items()},
    }


def json_safe(value: Any) -> Any:
    """A measured value as JSON can carry it, stable from run to run.

    Floats are rounded to 2 decimals so reports do not churn on the last bits of
    a measurement, and NaN or infinity (not valid JSON) become ``None``.
    Tuples become lists, sets become sorted lists, enums their value; anything
    else unknown becomes its ``str`` so a check's data can never break the
    report.
    """
    if isinstance(value, Enum):
        return json_safe(value.value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return round(value, 2) if math.isfinite(value) else None
    if isinstance(value, Location):
        return value.as_dict()
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((json_safe(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return str(value)
