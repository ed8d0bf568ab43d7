"""How the reports for people name places, quote text and order findings.

The text and HTML reports both read the serialised result, so they share these
helpers: a finding on "page 3, at (72, 140)" in the terminal is on "page 3,
at (72, 140)" in the HTML report too.
"""

from __future__ import annotations

from typing import Any

# Worst first: what makes an answer "no" comes before what only informs.
_SEVERITY_RANK = {"no": 0, "manual": 1, "n/a": 2, "info": 3}


def worst_first(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings by severity, keeping the checks' own (document) order within each."""
    return sorted(findings, key=lambda f: _SEVERITY_RANK.get(f["severity"], len(_SEVERITY_RANK)))


def place(location: dict[str, Any] | None) -> str:
    """Where a finding is, in the words a person uses to find it; ``""`` if nowhere.

    PDF: "page 3, at (72, 140)" (the top-left corner of the box, in points).
    DOCX: "paragraph 12 (body, style Normal, from style Heading 1)", or for a text box
    "text box 2 (anchored at paragraph 7), paragraph 1 in the box". The excerpt
    is left to ``excerpt`` so each report can quote it in its own way.
    """
    if not location:
        return ""
    pieces = []
    if "page" in location:
        pieces.append(f"page {location['page']}")
        if "bbox" in location:
            x, y = location["bbox"][:2]
            pieces.append(f"at ({round(x)}, {round(y)})")
    if "box" in location:
        box, inner = location["box"]
        anchor = f" (anchored at paragraph {location['paragraph']})" if "paragraph" in location else ""
        pieces.append(f"text box {box}{anchor}, paragraph {inner} in the box")
    elif "paragraph" in location:
        pieces.append(f"paragraph {location['paragraph']}")
    elif "section" in location:
        pieces.append(f"section {location['section']}")
    if "table_cell" in location:
        table, row, column = location["table_cell"]
        pieces.append(f"table {table}, row {row}, column {column}")
        if "outer_cell" in location:
            table, row, column = location["outer_cell"]
            pieces.append(f"inside table {table}, row {row}, column {column}")

    details = []
    if "part" in location:
        details.append(str(location["part"]))
    if "style" in location:
        details.append(f"style {location['style']}")
    if "source" in location:
        details.append(_source(location["source"]))

    where = ", ".join(pieces)
    if not details:
        return where
    return f"{where} ({', '.join(details)})" if where else ", ".join(details)


def _source(source: str) -> str:
    """Where a property was set, as a phrase: "set directly", "from style Normal"."""
    if source == "direct":
        return "set directly"
    if source == "docDefaults":
        return "from the document defaults"
    if source.startswith("style:"):
        return f"from style {source.removeprefix('style:')}"
    return f"from {source}"


def excerpt(location: dict[str, Any] | None, width: int = 50) -> str:
    """The location's text excerpt on one line, cut to ``width``; ``""`` if none."""
    if not location or not location.get("excerpt"):
        return ""
    return shorten(location["excerpt"], width)


def shorten(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    # Prefer a word boundary unless that would throw most of the excerpt away.
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def plural(count: int, noun: str) -> str:
    """The count and its noun, plural unless the count is 1: "1 page", "12 pages"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def answered(counts: dict[str, int]) -> str:
    """How a document's questions were answered, zeros left out: "3 no, 5 manual, 17 yes"."""
    return ", ".join(f"{n} {answer}" for answer, n in counts.items() if n)


def summary(documents: list[dict[str, Any]]) -> str:
    """One line over all documents: "3 documents: 1 no, 1 yes, 1 could not be audited"."""
    tally = {"no": 0, "manual": 0, "yes": 0}
    errors = 0
    for doc in documents:
        if doc["error"]:
            errors += 1
        else:
            tally[doc["answer"]] += 1
    parts = [f"{n} {answer}" for answer, n in tally.items() if n]
    if errors:
        parts.append(f"{errors} could not be audited")
    total = plural(len(documents), "document")
    return f"{total}: {', '.join(parts)}" if parts else total
