"""Reports: one module per output format, all over the same serialised result.

``render`` imports a format's module only when it is asked for, so a text or
JSON run never loads Jinja2.
"""

from __future__ import annotations

from clearprint.results import AuditResult

FORMATS = ("text", "json", "html")


def render(result: AuditResult, fmt: str, *, color: bool = False) -> str:
    """The report in ``fmt``; ``color`` adds ANSI colour to the text format only."""
    if fmt == "text":
        from clearprint.report import text

        return text.render(result, color=color)
    if fmt == "json":
        from clearprint.report import json

        return json.render(result)
    if fmt == "html":
        from clearprint.report import html

        return html.render(result)
    raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
