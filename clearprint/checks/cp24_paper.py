"""CP24: is the paper matt? No file records the paper it will be printed on."""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Document
from clearprint.results import Finding


@check("CP24", needs_text=False)
def paper(doc: Document, opts: Options) -> Iterator[Finding]:
    yield Finding.manual(
        "Check the print order: matt or uncoated paper, not gloss, and not bright white; "
        f"paper heavy enough that print does not show through ({opts.min_paper_gsm:g} gsm or more is "
        "commonly cited).",
    )
