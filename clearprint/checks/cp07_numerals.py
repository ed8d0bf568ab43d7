"""CP07: are the numerals clear?

Old-style (text) figures rise and fall like small letters: 3, 4, 5, 7 and 9
drop below the line and 0, 1 and 2 are x-height, so numbers are easily
misread. The readers mark a span "oldstyle-figures" when that is known: in a
PDF from the embedded font's digit outlines (two or more of 3 4 5 7 9 below
the baseline), in a Word file from ``w14:numForm oldStyle`` or from the font
table. A measured trait gives "no". Fonts on ``oldstyle_figure_fonts`` (old-
style by default, but a document may switch to lining figures, and the list
is partly unverified) and digits in script, decorative or condensed faces are
left to a person. Findings are grouped by font and reason over the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from clearprint.analysis.text import spans_location
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document, Span
from clearprint.results import Finding, Severity
from clearprint.textfacts import visible

DIGITS = re.compile(r"[0-9]")
NOT_LOWER_LETTER = re.compile(r"[^a-z]")
DOUBTFUL_TRAITS = {
    "script": "a script typeface",
    "decorative": "a decorative typeface",
    "condensed": "a condensed typeface",
}


@dataclass(slots=True)
class Group:
    severity: Severity
    message: str
    font: str | None
    places: list[tuple[Block, list[Span]]] = field(default_factory=list)


@check("CP07")
def numerals(doc: Document, opts: Options) -> Iterator[Finding]:
    listed = {_key(name) for name in opts.oldstyle_figure_fonts}
    # The verdict depends on the font and its traits only: judged once for each.
    verdicts: dict[tuple[str | None, frozenset[str]], tuple[Severity, str] | None] = {}
    groups: dict[tuple[str, str | None], Group] = {}
    found_digits = False
    for block in doc.blocks:
        by_reason: dict[tuple[str, str | None], list[Span]] = {}
        for span in block.spans:
            if not (visible(span) and DIGITS.search(span.text)):
                continue
            found_digits = True
            face = (span.font, span.traits)
            if face not in verdicts:
                verdicts[face] = _judge(span, doc.format, listed)
            judged = verdicts[face]
            if judged is None:
                continue
            severity, message = judged
            key = (message, span.font)
            by_reason.setdefault(key, []).append(span)
            groups.setdefault(key, Group(severity, message, span.font))
        for key, spans in by_reason.items():
            groups[key].places.append((block, spans))
    if not found_digits:
        if not doc.scanned_pages:
            yield Finding.na("The document has no digits.")
        return
    for group in groups.values():
        block, spans = group.places[0]
        count = len(group.places)
        where = spans_location(block, spans)
        text = f"{group.message} ({count} paragraphs)" if count > 1 else group.message
        yield Finding(group.severity, text + ".", where, {"font": group.font, "paragraphs": count}, count)


def _judge(span: Span, fmt: str, listed: set[str]) -> tuple[Severity, str] | None:
    font = span.font or "an unknown font"
    on_list = bool(span.font) and _key(span.font).startswith(tuple(listed))
    if "oldstyle-figures" in span.traits and (fmt == "pdf" or not on_list):
        return Severity.NO, f"Digits in {font} are old-style figures, which drop below the line"
    if on_list:
        return (Severity.MANUAL, f"Digits in {font}, whose figures are old-style unless lining "
                                 "figures are chosen: check they stand level on the line")
    for trait, phrase in DOUBTFUL_TRAITS.items():
        if trait in span.traits:
            return Severity.MANUAL, f"Digits in {font}, {phrase}: check 3, 5, 8 and 0 are easy to tell apart"
    return None


def _key(name: str) -> str:
    """A font name reduced to lower-case letters: "Georgia-Bold" and "Georgia,Bold" start alike."""
    return NOT_LOWER_LETTER.sub("", name.lower())
