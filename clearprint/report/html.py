"""The HTML report: one self-contained page that itself follows Clear Print.

Its readers may have low vision, so the page holds itself to the checklist it
reports on: large sans-serif type, left-aligned text, generous line spacing,
black on white, answers in words rather than colour. The layout lives in
``templates/report.html.j2``; this module only prepares words for it.

The template is loaded through the package (not a file path) so the report
works from an installed wheel, and everything is autoescaped: excerpts and
paths come from the documents and must never become markup.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from clearprint.report.serialise import for_people
from clearprint.report.wording import answered, excerpt, place, plural, summary, worst_first
from clearprint.results import AuditResult

ANSWER_LABELS = {"yes": "Yes", "no": "No", "manual": "Manual", "n/a": "n/a"}
SEVERITY_LABELS = {**ANSWER_LABELS, "info": "Note"}
EXCERPT_WIDTH = 200  # the page has room to quote more than the terminal


def render(result: AuditResult) -> str:
    """The complete page, ``<!DOCTYPE html>`` to ``</html>``."""
    report = for_people(result)
    documents = report["documents"]
    if len(documents) == 1:
        title = f"Clear Print report: {documents[0]['path']}"
    else:
        title = f"Clear Print report: {plural(len(documents), 'document')}"
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, title=title, summary=summary(documents))


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("clearprint.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt key fails loudly instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        answer=ANSWER_LABELS.__getitem__,
        severity=SEVERITY_LABELS.__getitem__,
        place=place,
        excerpt=lambda location: excerpt(location, EXCERPT_WIDTH),
        worst_first=worst_first,
        answered=answered,
        measure=_measure,
        value=_value,
        paragraphs=_paragraphs,
    )
    return env


def _measure(key: str) -> str:
    """A data key as a label: ``min_size`` becomes "min size"."""
    return key.replace("_", " ")


def _value(value: Any) -> str:
    """A measured value in words: 12.0 as 12, lists joined, booleans as yes or no."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{_measure(k)} {_value(v)}" for k, v in value.items())
    return str(value)


def _paragraphs(text: str) -> list[str]:
    """A catalogue text split at blank lines, for one ``<p>`` each."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
