"""Build model documents in Python, so check tests need no files."""

from __future__ import annotations

from clearprint.checks import builtin_checks
from clearprint.config import Options
from clearprint.engine import PlannedItem, audit_document
from clearprint.model import Alignment, Block, Document, Line, Location, Part, Role, Span
from clearprint.results import Answer, Finding


def span(text: str = "Plain words in a sentence.", size: float | None = 12.0, **props) -> Span:
    return Span(text=text, size=size, font=props.pop("font", "Arial"), **props)


def para(*spans: Span | str, fmt: str = "docx", **props) -> Block:
    """A paragraph; strings become 12 pt spans. Index and location are set by doc()."""
    made = [span(s) if isinstance(s, str) else s for s in spans] or [span()]
    props.setdefault("text_width", 451.0)
    props.setdefault("alignment", Alignment.LEFT)
    return Block(index=0, spans=made, location=Location(), **props)


def pdf_line(text: str, x0: float, y: float, size: float = 12.0, width: float | None = None,
             **props) -> Line:
    width = width if width is not None else len(text) * size * 0.5
    s = span(text, size, bbox=(x0, y - size, x0 + width, y + size * 0.25))
    return Line(spans=[s], bbox=s.bbox, baseline=y, **props)


def pdf_block(lines: list[Line], page: int = 1, **props) -> Block:
    box = (min(ln.bbox[0] for ln in lines), min(ln.bbox[1] for ln in lines),
           max(ln.bbox[2] for ln in lines), max(ln.bbox[3] for ln in lines))
    block = Block(index=0, spans=[s for ln in lines for s in ln.spans], lines=lines,
                  location=Location(page=page, bbox=box), **props)
    if len(lines) > 1:
        block.line_pitch = lines[1].baseline - lines[0].baseline
    return block


def doc(*blocks: Block, fmt: str = "docx", **props) -> Document:
    document = Document(path=f"test.{fmt}", format=fmt, **props)
    for i, block in enumerate(blocks):
        block.index = i
        if fmt == "docx" and block.location.paragraph is None:
            block.location = block.location.but(paragraph=i + 1, part=Part.BODY,
                                                excerpt=block.text[:60])
        document.blocks.append(block)
    return document


def run_check(check_id: str, document: Document, **options) -> tuple[Answer, list[Finding]]:
    """Answer one question through the engine, as an audit would.

    A check that raised is answered "manual" by the engine, which a test
    expecting "manual" would take for a pass: so a crash fails the test here.
    """
    check = builtin_checks()[check_id]
    item = PlannedItem(check_id, "", "", "", check)
    result = audit_document(document, Options(**options), [item], debug=True)
    found = result.items[0]
    assert found.error is None, f"{check_id} could not run: {found.error}"
    return found.answer, found.findings


__all__ = ["Alignment", "Part", "Role", "doc", "para", "pdf_block", "pdf_line", "run_check", "span"]
