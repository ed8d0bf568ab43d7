"""Findings, answers and the result of an audit.

A check yields findings; the engine turns them into one answer per question.
The result object owns the exit code, so every output format agrees on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from clearprint.model import Location


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    MANUAL = "manual"
    NA = "n/a"


class Severity(StrEnum):
    """What a single finding says about its question."""

    NO = "no"  # measured, and it does not comply
    MANUAL = "manual"  # a person must decide
    NA = "n/a"  # the question does not arise
    INFO = "info"  # worth knowing; does not change the answer


@dataclass(slots=True)
class Finding:
    severity: Severity
    message: str
    location: Location | None = None
    data: dict[str, Any] = field(default_factory=dict)  # measured values
    count: int = 1  # places with the same problem folded into this finding

    @classmethod
    def no(cls, message: str, location: Location | None = None, *, count: int = 1,
           **data: Any) -> Finding:
        return cls(Severity.NO, message, location, data, count)

    @classmethod
    def manual(cls, message: str, location: Location | None = None, *, count: int = 1,
           **data: Any) -> Finding:
        return cls(Severity.MANUAL, message, location, data, count)

    @classmethod
    def na(cls, message: str, **data: Any) -> Finding:
        return cls(Severity.NA, message, None, data)

    @classmethod
    def info(cls, message: str, location: Location | None = None, *, count: int = 1,
           **data: Any) -> Finding:
        return cls(Severity.INFO, message, location, data, count)


def answer_for(findings: list[Finding]) -> Answer:
    """Any "no" finding: no. Otherwise any "manual": manual. Only "n/a": n/a. Else yes."""
    severities = {f.severity for f in findings}
    if Severity.NO in severities:
        return Answer.NO
    if Severity.MANUAL in severities:
        return Answer.MANUAL
    if Severity.NA in severities:
        return Answer.NA
    return Answer.YES


@dataclass(slots=True)
class ItemResult:
    """One checklist question answered for one document."""

    id: str
    question: str
    answer: Answer
    findings: list[Finding]
    title: str = ""
    fix: str = ""
    error: str | None = None  # the check itself failed; the answer is then manual


@dataclass(slots=True)
class DocumentResult:
    path: str
    format: str | None
    items: list[ItemResult] = field(default_factory=list)
    error: str | None = None  # one-line reason the document could not be audited
    pages: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def answer(self) -> Answer:
        """The document's overall answer: no, else manual, else yes."""
        if self.error:
            return Answer.MANUAL
        answers = {item.answer for item in self.items}
        if Answer.NO in answers:
            return Answer.NO
        if Answer.MANUAL in answers:
            return Answer.MANUAL
        return Answer.YES

    def count(self, answer: Answer) -> int:
        return sum(1 for item in self.items if item.answer is answer)


@dataclass(slots=True)
class AuditResult:
    documents: list[DocumentResult] = field(default_factory=list)
    profile: str = "clear-print"

    @property
    def exit_code(self) -> int:
        """0: no question answered "no"; 1: some "no"; 2: a document could not be audited."""
        if any(d.error for d in self.documents):
            return 2
        if any(item.answer is Answer.NO for d in self.documents for item in d.items):
            return 1
        return 0
