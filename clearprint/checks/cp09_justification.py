"""CP09: is text unjustified, aligned to the left margin?

Justified text opens uneven gaps between words; right-aligned text has no
steady place for the eye to return to. Only running text is judged: headings,
captions, tables, headers and footers are left out. A PDF block is judged from
its line edges and word gaps; a DOCX paragraph from its resolved ``w:jc``
(direct or through its style chain), when it is long enough to wrap.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.analysis.text import JUSTIFIED, running_text, wraps
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Alignment, Document
from clearprint.results import Finding
from clearprint.textfacts import line_count


@check("CP09")
def justification(doc: Document, opts: Options) -> Iterator[Finding]:
    judged = 0
    # A PDF classifier already asks for three lines; a DOCX paragraph shows
    # justification as soon as it wraps once.
    min_lines = opts.justified_min_lines if doc.format == "pdf" else 2
    for block in running_text(doc):
        judged += 1
        if block.alignment in JUSTIFIED:
            if wraps(block, min_lines):
                yield Finding.no(f"Paragraph is {block.alignment.value}.",
                                 block.location.but(source=block.alignment_source),
                                 alignment=str(block.alignment), lines=line_count(block))
        elif block.alignment is Alignment.RIGHT and not block.right_to_left:
            long = wraps(block, 2)
            if long:
                yield Finding.no("Paragraph is right-aligned.",
                                 block.location.but(source=block.alignment_source),
                                 alignment="right", lines=line_count(block))
            else:
                yield Finding.manual("Short right-aligned line (a date or address is fine).",
                                     block.location.but(source=block.alignment_source),
                                     alignment="right")
    if not judged and not doc.scanned_pages:
        yield Finding.na("No running text to judge.")
