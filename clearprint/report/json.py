"""The JSON report: the serialised result as it stands (see docs/json-format.md)."""

from __future__ import annotations

import json

from clearprint.report.safe import json_escapes
from clearprint.report.serialise import to_dict
from clearprint.results import AuditResult


def render(result: AuditResult) -> str:
    """Indented, UTF-8 as written (not \\u escapes) but for controls, ending with a newline."""
    return json_escapes(json.dumps(to_dict(result), indent=2, ensure_ascii=False)) + "\n"
