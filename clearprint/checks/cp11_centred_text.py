"""CP11: have you avoided centre alignment except in titles?

Centred titles, headings, captions, labels inside diagrams and page furniture
are allowed. Centred
running text is a "no" when it runs over two lines or has at least
``centred_min_chars`` characters; a short centred line (a slogan, a signature)
is left to a person. Table cells count only when they hold a long text.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.analysis.text import line_count
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Alignment, Block, Document, Part, Role
from clearprint.results import Finding

EXEMPT_ROLES = (Role.HEADING, Role.TITLE, Role.CAPTION, Role.FURNITURE, Role.CONTENTS, Role.FIGURE)
EXEMPT_PARTS = (Part.HEADER, Part.FOOTER)


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
        yield from _centred_body(block, opts.centred_min_chars)
    if headings:
        yield Finding.info(f"{headings} centred heading(s): allowed, though RNIB prefers "
                           "headings aligned left.", headings=headings)
    if not judged and not doc.scanned_pages:
        yield Finding.na("No text to judge.")


def _centred_body(block: Block, min_chars: int) -> Iterator[Finding]:
    chars = len(block.text.strip())
    lines = line_count(block)
    location = block.location.but(source=block.alignment_source)
    if block.in_table:
        if chars >= min_chars:
            yield Finding.no(f"Centred text of {chars} characters in a table cell.", location,
                             chars=chars)
        return
    if (lines or 1) >= 2 or chars >= min_chars:
        yield Finding.no(f"Centred text ({chars} characters"
                         + (f", {lines} lines)." if lines else ")."), location, chars=chars, lines=lines)
    else:
        yield Finding.manual("Short centred line: fine if it is a title, otherwise align it left.",
                             location, chars=chars)
