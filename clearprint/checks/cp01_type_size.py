"""CP01: is the typeface at least 12 points?

Every visible run counts, page numbers and labels included (UKAAF asks for
them at body size too). Short superscripts (footnote marks, trade marks) are
left to a person rather than failed. The labels, legend and titles Word draws
in a DOCX chart count too: the reader gives their sizes from the chart part.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.analysis.text import body_size, spans_location
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document, Image, Span
from clearprint.results import Finding
from clearprint.textfacts import visible


@check("CP01")
def type_size(doc: Document, opts: Options) -> Iterator[Finding]:
    limit = opts.min_type_size - opts.type_size_tolerance
    for block in doc.blocks:
        yield from _block_findings(block, limit, opts)
    for image in doc.images:
        yield from _chart_findings(image, limit, opts)
    size = body_size(doc)
    if size is not None and size < opts.recommended_type_size:
        yield Finding.info(
            f"The main text is {size:g} pt; RNIB recommends {opts.recommended_type_size:g} pt.",
            body_size_pt=size,
        )


def _block_findings(block: Block, limit: float, opts: Options) -> Iterator[Finding]:
    minimum = opts.min_type_size
    shown = [s for s in block.spans if visible(s)]
    small = [s for s in shown if s.size is not None and s.size < limit]
    marks = [s for s in small if _is_mark(s, opts)]
    small = [s for s in small if not _is_mark(s, opts)]
    if small:
        smallest = min(s.size for s in small if s.size is not None)
        yield Finding.no(
            f"{_role_text(block)} set in {smallest:g} pt (needs at least {minimum:g} pt).",
            spans_location(block, small, source=_source(small)),
            size_pt=smallest, minimum_pt=minimum, role=str(block.role),
        )
    elif marks:
        yield Finding.manual(
            "Small superscript mark(s) such as footnote numbers: UKAAF asks for body size.",
            spans_location(block, marks),
            size_pt=min(s.size for s in marks if s.size is not None),
        )
    unknown = [s for s in shown if s.size is None]
    if unknown:
        yield Finding.manual("The type size of this text could not be read.",
                             spans_location(block, unknown))


def _chart_findings(image: Image, limit: float, opts: Options) -> Iterator[Finding]:
    """One finding for a chart whose text Word draws below the minimum: its smallest size,
    and which parts of the chart are that small."""
    small = [t for t in image.chart_text if t.size < limit]
    if not small:
        return
    smallest = min(t.size for t in small)
    parts = sorted({t.element for t in small if t.size == smallest})
    name = f"Chart \u201c{image.name}\u201d" if image.name else "A chart"
    sources = sorted({t.size_source for t in small if t.size == smallest})
    yield Finding.no(
        f"{name}: {' and '.join(parts)} set in {smallest:g} pt (needs at least {opts.min_type_size:g} pt).",
        image.location.but(excerpt=image.location.excerpt or image.name, source=", ".join(sources)),
        size_pt=smallest, minimum_pt=opts.min_type_size, role="chart", chart_parts=parts,
    )


def _is_mark(span: Span, opts: Options) -> bool:
    """A short superscript: a footnote number or a trade mark."""
    return span.superscript and len(span.text.strip()) <= opts.superscript_marker_max_chars


def _role_text(block: Block) -> str:
    if block.role.value == "body":
        return "Text"
    return f"Text ({block.role.value})"


def _source(spans: list[Span]) -> str | None:
    sources = {s.size_source for s in spans if s.size_source}
    return ", ".join(sorted(sources)) or None
