"""CP11: have you avoided centre alignment except in titles?

Centred titles, headings, captions, labels inside diagrams and page furniture
are allowed. Centred running text is a "no" when it runs over two lines or has
at least ``centred_min_chars`` characters; a short centred line (a slogan, a
signature) is left to a person. So are two kinds of block the layout pass may
not call titles or labels: a few lines set wholly in bold and not ending in a
full stop (a chart's or a sidebar's title just under heading size) and a stack
of lines of a word or two each (the category labels under a chart's bars).
Table cells count only when they hold a long text.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Alignment, Block, Document, Part, Role
from clearprint.results import Finding
from clearprint.textfacts import line_count

EXEMPT_ROLES = (Role.HEADING, Role.TITLE, Role.CAPTION, Role.FURNITURE, Role.CONTENTS, Role.FIGURE)
EXEMPT_PARTS = (Part.HEADER, Part.FOOTER)
TITLE_MAX_LINES = 3  # a bold centred block this short may be a title
LABEL_MAX_LINES = 6  # a stack of this many short lines may be a label
LABEL_LINE_CHARS = 15  # characters on each line of a label: a word or two


@check("CP11")
def centred_text(doc: Document, opts: Options) -> Iterator[Finding]:
    headings = 0
    judged = 0
    for block in doc.blocks:
        if block.part in EXEMPT_PARTS or not block.text.strip():
            continue
        judged += 1
        if block.alignment is not Alignment.CENTER:
            continue
        if block.role in EXEMPT_ROLES:
            headings += block.role in (Role.HEADING, Role.TITLE)
            continue
        yield from _centred_body(block, opts.centred_min_chars, opts.centred_min_lines)
    if headings:
        yield Finding.info(f"{headings} centred heading(s): allowed, though RNIB prefers "
                           "headings aligned left.", headings=headings)
    if not judged and not doc.scanned_pages:
        yield Finding.na("No text to judge.")


def _centred_body(block: Block, min_chars: int, min_lines: int) -> Iterator[Finding]:
    chars = len(block.text.strip())
    lines = line_count(block)
    location = block.location.but(source=block.alignment_source)
    if block.in_table:
        if chars >= min_chars:
            yield Finding.no(f"Centred text of {chars} characters in a table cell.", location,
                             chars=chars)
        return
    if (lines or 1) < min_lines and chars < min_chars:
        yield Finding.manual("Short centred line: fine if it is a title, otherwise align it left.",
                             location, chars=chars)
    elif _title_like(block):
        yield Finding.manual("Centred lines set in bold or a word or two at a time: fine if they "
                             "are a title or a label, otherwise align them left.", location,
                             chars=chars, lines=lines)
    else:
        yield Finding.no(f"Centred text ({chars} characters"
                         + (f", {lines} lines)." if lines else ")."), location, chars=chars, lines=lines)


def _title_like(block: Block) -> bool:
    """Whether a centred block reads as a title or a label rather than running text.

    Only printed lines can show it: a Word paragraph's lines are not known. A
    bold block that ends in a full stop is a sentence (a notice), not a title.
    """
    if not block.lines:
        return False
    if _stacked(block):
        return True
    bold = all(s.bold for s in block.spans if s.text.strip())
    return bold and len(block.lines) <= TITLE_MAX_LINES and not block.text.rstrip().endswith(".")


def _stacked(block: Block) -> bool:
    """A few lines of a word or two each: labels, not sentences."""
    return (len(block.lines) <= LABEL_MAX_LINES
            and max(len(line.text.strip()) for line in block.lines) <= LABEL_LINE_CHARS)
