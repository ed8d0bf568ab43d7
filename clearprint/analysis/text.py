"""Measurements of text shared by many checks (the plainest, which readers need too, are in
``clearprint.textfacts``)."""

from __future__ import annotations

import re
from collections import Counter

from clearprint import fontmetrics
from clearprint.analysis.geometry import is_horizontal, union
from clearprint.model import Alignment, Block, Document, Location, Part, Role, Span
from clearprint.textfacts import dominant_size, excerpt, line_count, visible

RUNNING_TEXT_PARTS = (Part.BODY, Part.TEXTBOX, Part.FOOTNOTE, Part.ENDNOTE)
LONG_UNMEASURED_CHARS = 90  # longer than any line when the measure is unknown
VERTICAL_MIN_LINES = 3  # lines set vertically that make a passage of text, not a label
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
# Letters of scripts after Latin, Greek and Cyrillic (whose letters stand apart, left to right).
_JOINED_LETTER = re.compile(r"[^\W\d_\x00-\u052f]")
# The ASCII characters that are not letters, deleted from ASCII text to count its letters.
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def body_size(doc: Document) -> float | None:
    """The size of the running text, worked out once per document.

    A Word file marks its body paragraphs: their most used size (of all text when
    none is marked). A PDF marks nothing, and the layout analysis needs the size
    before it can tell body text from the rest: the modal size of its horizontal
    text (``_pdf_body_size``).
    """
    if "body_size" not in doc.cache:
        if doc.format == "pdf":
            doc.cache["body_size"] = _pdf_body_size(doc)
        else:
            size = dominant_size(s for b in doc.body_blocks() for s in b.spans)
            doc.cache["body_size"] = size or dominant_size(s for _, s in doc.spans())
    return doc.cache["body_size"]


def spans_location(block: Block, spans: list[Span], **changes: object) -> Location:
    """The block's location narrowed to the given spans (their box and text)."""
    box = union(s.bbox for s in spans) or block.location.bbox
    return block.location.but(bbox=box, excerpt=excerpt(spans_text(block, spans))
                              or block.location.excerpt, **changes)


def spans_text(block: Block, spans: list[Span]) -> str:
    """The text of some of a block's spans as printed.

    Runs of one line are joined as they stand (Word splits words into runs at
    any formatting change: "J" + "ournal"); separate printed lines, and gaps
    where unselected runs stood, are joined with a space.
    """
    if not spans:
        return ""
    chosen = {id(s) for s in spans}
    groups = [line.spans for line in block.lines] if block.lines else [block.spans]
    pieces: list[str] = []
    for group in groups:
        run: list[str] = []
        for span in group:
            if id(span) in chosen:
                run.append(span.text)
            elif run:
                pieces.append("".join(run))
                run = []
        if run:
            pieces.append("".join(run))
    return " ".join(" ".join(pieces).split())


def is_monospace(span: Span) -> bool:
    """Set in a fixed-pitch font (from the font's traits or its name's class)."""
    if "monospace" in span.traits:
        return True
    return fontmetrics.font_metrics(span.font).classification == fontmetrics.MONO if span.font else False


def is_code(block: Block) -> bool:
    """A line of a code listing: most of its characters are in a monospaced font.

    Code is laid out line by line on purpose, so it is not running text for
    paragraph spacing, justification or line length.
    """
    chars = mono = 0
    for span in block.spans:
        n = len(span.text.strip())
        chars += n
        if n and is_monospace(span):
            mono += n
    return chars > 0 and mono > 0.5 * chars


def has_text(doc: Document) -> bool:
    return any(visible(s) for _, s in doc.spans())


def mostly_letters(text: str, share: float) -> bool:
    """At least ``share`` of the printed characters are letters: sentences, not a grid of figures."""
    printed = len("".join(text.split()))
    return printed > 0 and letter_count(text) >= share * printed


def separate_letters(text: str) -> bool:
    """Mostly Latin, Greek or Cyrillic letters, which stand apart left to right.

    Joined and right-to-left scripts (Arabic, Hebrew) and scripts without word
    spaces (Chinese, Japanese, Thai) give glyph boxes that gap measures cannot read.
    """
    if text.isascii():  # the common case, answered without counting
        return _LETTER.search(text) is not None
    letters = letter_count(text)
    return letters > 0 and letters - len(_JOINED_LETTER.findall(text)) >= 0.9 * letters


def letter_count(text: str) -> int:
    """Letters of any script (digits and underscores are not letters)."""
    if text.isascii():  # the common case: deleting the other bytes is the fastest count
        return len(text.encode("ascii").translate(None, _ASCII_NOT_LETTERS))
    return len(_NOT_LETTERS.sub("", text))


def running_text(doc: Document) -> tuple[Block, ...]:
    """Paragraphs of running text wherever they are printed, tables and code listings aside.

    Found once per document: several questions judge the same paragraphs.
    """
    if "running_text" not in doc.cache:
        doc.cache["running_text"] = tuple(
            block for block in doc.blocks
            if block.role is Role.BODY and block.part in RUNNING_TEXT_PARTS and not block.in_table
            and not is_code(block))
    return doc.cache["running_text"]


def vertical_text(doc: Document) -> tuple[Block, ...]:
    """Running text set in vertical writing (Japanese or Chinese set top to bottom),
    when there is a passage of it (``VERTICAL_MIN_LINES`` lines or more).

    Line spacing, line length and paragraph spacing are measured along
    horizontal lines; vertical text is left to a person by those questions,
    which must not answer n/a as if it were not there.
    """
    if "vertical_text" not in doc.cache:
        found = tuple(block for block in running_text(doc)
                      if block.lines and all(line.vertical for line in block.lines))
        enough = sum(len(block.lines) for block in found) >= VERTICAL_MIN_LINES
        doc.cache["vertical_text"] = found if enough else ()
    return doc.cache["vertical_text"]


def wraps(block: Block, min_lines: int) -> bool | None:
    """Does the paragraph run over at least ``min_lines`` lines (None: cannot tell)?"""
    lines = line_count(block)
    if lines is None:
        return True if len(block.text) > LONG_UNMEASURED_CHARS else None
    return lines >= min_lines


JUSTIFIED = (Alignment.JUSTIFIED, Alignment.DISTRIBUTED)
STYLE_WORDS = re.compile(
    r"(bold|italic|oblique|regular|roman|light|medium|semibold|demibold|demi|black|heavy|"
    r"thin|book|condensed|narrow|extra|ultra|semi|cond|bd|it|mt|ps|psmt)$")


def family(font: str) -> str:
    """A font's family: subset tag, style words, optical sizes and separators removed, lower case."""
    name = font.split("+")[-1].split(",")[0].split("-")[0].lower().replace(" ", "").replace("_", "")
    name = name.rstrip("0123456789") or name  # TeX optical sizes: CMR9, CMR10
    previous = None
    while previous != name:
        previous = name
        stripped = STYLE_WORDS.sub("", name)
        name = stripped if stripped else name
    return name


def _pdf_body_size(doc: Document) -> float | None:
    """The modal size of horizontal visible text, weighted by characters, to 0.5 pt
    (B.1.3); of all text when none is horizontal (a page turned by /Rotate)."""
    for horizontal_only in (True, False):
        counts: Counter[float] = Counter()
        for block in doc.blocks:
            for line in block.lines:
                if horizontal_only and not is_horizontal(line):
                    continue
                for span in line.spans:
                    if span.size:
                        counts[round(span.size * 2) / 2] += len(span.text) - span.text.count(" ")
        if counts:
            return counts.most_common(1)[0][0]
    return None
