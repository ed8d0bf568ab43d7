"""CP18: is there a space between paragraphs?

The extra space *e* between two consecutive paragraphs of running text, beyond
the normal line pitch, is compared with the body type size *s* of their story
(the commonest size of its running text, so a large paragraph does not raise
the bar): ``e >= 0.5 s`` is enough, ``0.25 s`` to ``0.5 s`` is doubtful, less is
none. The answer is "no" only when at least ``paragraph_space_fail_share`` of
the main text's pairs have no space, so one tight pair in a long document is
left to a person; pairs in footnotes, endnotes and text boxes are judged apart
and can only ask for a look. Pairs with the same spacing are reported once,
with a count. Code listings (monospaced lines) are not running text.

DOCX: ``e`` = space after the first + space before the second (Word adds
them), zero under contextual spacing between paragraphs of one style, plus one
line for each empty paragraph used as spacing. Not paragraph breaks: items of
one list, a list's end (an item followed by a paragraph), a short label line
leading into a list, and a run of short label lines (an address, contact
details). PDF: the gap between the last baseline of one block and the first of
the next, minus the line pitch, on the displayed page; inside a block a short
line ending a sentence followed by a full line is a paragraph break with no
space (a line ending in a colon is a label leading into its value or list, not
a paragraph's end). List items (blocks opening with a bullet) are judged as in
DOCX; a form's options (lines led by a tick box) are not paragraphs.
Running text set vertically is not measured; a passage of it is left to a
person (see ``cp19_horizontal.unmeasured_vertical``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from clearprint.analysis.forms import option_blocks
from clearprint.analysis.geometry import line_extent, to_display
from clearprint.analysis.regions import rule_between
from clearprint.analysis.text import running_text
from clearprint.checks import check
from clearprint.checks.phrases import unmeasured_vertical
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Line, Location, Page, Part
from clearprint.results import Finding, Severity
from clearprint.textfacts import dominant_size, line_count, visible

SENTENCE_ENDINGS = (".", "!", "?", ":", "\u201d", '"')
# A paragraph ends as a sentence does, but not at a colon: a short line ending in
# one ("Display includes:", "Cab operating weight:") leads into what follows.
PARAGRAPH_ENDINGS = tuple(e for e in SENTENCE_ENDINGS if e != ":")
LABEL_ENDINGS = (".", "!", "?")  # a line ending so is a sentence, not a label
LABEL_MAX_CHARS = 60  # a label line, when its line count is unknown
SHORT_LINE_SHARE = 0.85  # a line ending before this share of the measure ends a paragraph
DEFAULT_PITCH_FACTOR = 1.2


@dataclass(slots=True)
class Gap:
    space: float  # extra space, pt
    size: float  # type size, pt
    location: Location
    key: str  # pairs with the same key are reported together
    main: bool = True  # in the main text (not a footnote, endnote or text box)
    ruled: bool = False  # a rule parts the two: clearly separated, however close

    @property
    def judged_ratio(self) -> float:
        """The space as judged: a ruled break counts as spaced."""
        return float("inf") if self.ruled else self.ratio

    @property
    def ratio(self) -> float:
        return self.space / self.size


@check("CP18")
def paragraph_space(doc: Document, opts: Options) -> Iterator[Finding]:
    gaps = list(_docx_gaps(doc) if doc.format == "docx" else _pdf_gaps(doc))
    vertical = unmeasured_vertical(doc, "paragraph spacing")
    if vertical:
        yield vertical
    if not gaps:
        if not doc.scanned_pages and not vertical:
            yield Finding.na("Fewer than two paragraphs of running text follow each other.")
        return
    main = [g for g in gaps if g.main]
    yield from _judged(main, opts, may_fail=True)
    yield from _judged([g for g in gaps if not g.main], opts, may_fail=False)


def _judged(gaps: list[Gap], opts: Options, may_fail: bool) -> Iterator[Finding]:
    """Findings for one pool of pairs: the main text's, or the notes' and boxes'."""
    if not gaps:
        return
    tight = [g for g in gaps if g.judged_ratio < opts.paragraph_space_review]
    doubtful = [g for g in gaps if opts.paragraph_space_review <= g.judged_ratio < opts.paragraph_space_min]
    share = len(tight) / len(gaps)
    failing = may_fail and share >= opts.paragraph_space_fail_share
    for group in _grouped(tight):
        first = group[0]
        message = (f"{len(group)} paragraph break(s) with {first.space:.1f} pt of space "
                   f"(needs {opts.paragraph_space_min * first.size:.1f} pt for {first.size:g} pt type).")
        data = {"space_pt": round(first.space, 1), "size_pt": first.size, "pairs": len(group)}
        severity = Severity.NO if failing else Severity.MANUAL
        yield Finding(severity, message, first.location, data, count=len(group))
    for group in _grouped(doubtful):
        first = group[0]
        yield Finding.manual(f"{len(group)} paragraph break(s) with only {first.space:.1f} pt "
                             f"of space for {first.size:g} pt type.", first.location,
                             count=len(group), space_pt=round(first.space, 1), size_pt=first.size)
    if tight and may_fail and not failing:
        yield Finding.info(f"{len(tight)} of {len(gaps)} paragraph breaks have no space; "
                           "most do.", share=round(share, 2))


def _grouped(gaps: list[Gap]) -> list[list[Gap]]:
    groups: dict[str, list[Gap]] = {}
    for gap in gaps:
        groups.setdefault(gap.key, []).append(gap)
    return list(groups.values())


def _docx_gaps(doc: Document) -> Iterator[Gap]:
    blocks = list(running_text(doc))
    sizes = _story_sizes(blocks)
    previous: Block | None = None
    for block in blocks:
        if previous is not None and _consecutive(previous, block):
            gap = _docx_gap(previous, block, sizes.get(block.part))
            if gap is not None:
                yield gap
        previous = block


def _story_sizes(blocks: list[Block]) -> dict[Part, float]:
    """The commonest size of the running text in each story (body, footnotes...)."""
    counts: dict[Part, Counter[float]] = {}
    for block in blocks:
        for span in block.spans:
            if span.size is not None and visible(span):
                counts.setdefault(block.part, Counter())[span.size] += len(span.text.strip())
    return {part: found.most_common(1)[0][0] for part, found in counts.items()}


def _consecutive(first: Block, second: Block) -> bool:
    """Two paragraphs separated by a paragraph break, with nothing (a heading, a table) between.

    Not paragraph breaks: between items of a list, at a list's end, from a
    short label line into a list, and between two label lines (an address).
    """
    if second.index != first.index + 1 or first.part is not second.part:
        return False
    if _box(first) != _box(second):
        return False
    if first.list_item:
        return False
    if second.list_item:
        return not _label(first)
    return not (_label(first) and _label(second))


def _box(block: Block) -> int | None:
    return block.location.box[0] if block.location.box else None


def _label(block: Block) -> bool:
    """A single short line that is not a sentence: a label, an address line, a lead-in."""
    text = block.text.strip()
    if text.endswith(LABEL_ENDINGS):
        return False
    lines = line_count(block)
    return lines == 1 if lines is not None else len(text) <= LABEL_MAX_CHARS


def _docx_gap(first: Block, second: Block, body: float | None) -> Gap | None:
    size = body or dominant_size(second.spans)
    if size is None:
        return None
    if first.contextual_spacing and second.contextual_spacing and first.style == second.style:
        space = 0.0
    else:
        space = (first.space_after or 0.0) + (second.space_before or 0.0)
    space += second.empty_before * (second.line_pitch or size * DEFAULT_PITCH_FACTOR)
    key = f"{second.part}:{first.style}>{second.style}:{round(space, 1)}:{size}"
    return Gap(space, size, second.location.but(source=second.spacing_source), key,
               main=second.part is Part.BODY)


def _pdf_gaps(doc: Document) -> Iterator[Gap]:
    options = option_blocks(doc)  # a form's choices, set line by line: not paragraphs
    by_page: dict[int | None, list[Block]] = {}
    for block in running_text(doc):
        if block.lines and block.index not in options:
            by_page.setdefault(block.page, []).append(block)
    for number, blocks in by_page.items():
        page = doc.pages[number - 1] if number is not None else None
        for block in blocks:
            yield from _breaks_inside(block, page)
        for first, second in zip(blocks, blocks[1:], strict=False):
            gap = _pdf_gap(first, second, page)
            if gap is not None:
                yield gap


def _pdf_gap(first: Block, second: Block, page: Page | None) -> Gap | None:
    """The extra space between two blocks that follow each other in one column.

    Measured on the displayed page (a page turned by /Rotate reads across its
    unrotated height). A sentence running on into a one-line block (the last
    line of a paragraph the extraction split off, at a change of type) is no
    break. Blocks parted by a rule (rows of a form or a table) are separated
    however close they stand.
    """
    if first.list_item or (second.list_item and _label(first)):
        return None  # items of a list, its end, or a label leading into it (as in DOCX)
    a, b = first.lines[-1], second.lines[0]
    a_box, b_box = _shown(a.bbox, page), _shown(b.bbox, page)
    if not _same_column(a_box, b_box) or _depth(b, page) <= _depth(a, page):
        return None
    if len(second.lines) == 1 and _continues(a, b):
        return None
    size = dominant_size(second.spans)
    pitch = first.line_pitch or second.line_pitch
    if size is None or pitch is None:
        return None
    space = abs(b.baseline - a.baseline) - pitch
    if space > 4 * pitch:  # far apart: a different part of the page, not a paragraph break
        return None
    ruled = page is not None and rule_between(page, a_box, b_box)
    return Gap(max(space, 0.0), size, second.location, f"p{second.page}:{round(space)}:{size}",
               ruled=ruled)


def _breaks_inside(block: Block, page: Page | None) -> Iterator[Gap]:
    """Paragraph breaks with no space that the extraction merged into one block."""
    lines = block.lines
    if len(lines) < 3:
        return
    extents = [line_extent(line, page) for line in lines]
    left = min(x0 for x0, _ in extents)
    measure = max(x1 for _, x1 in extents) - left
    size = dominant_size(block.spans)
    if size is None or measure <= 0:
        return
    for i, line in enumerate(lines[:-2]):
        end, next_end = extents[i][1], extents[i + 1][1]
        short = (end - left) < SHORT_LINE_SHARE * measure
        if (short and line.text.rstrip().endswith(PARAGRAPH_ENDINGS)
                and (next_end - left) >= SHORT_LINE_SHARE * measure):
            yield Gap(0.0, size, block.location.but(bbox=lines[i + 1].bbox),
                          f"p{block.page}:inside:{size}")


def _shown(box: BBox, page: Page | None) -> BBox:
    return to_display(box, page) if page is not None else box


def _continues(a: Line, b: Line) -> bool:
    """Line ``b`` carries on the sentence line ``a`` leaves open."""
    end, start = a.text.rstrip(), b.text.lstrip()
    return bool(end and start) and not end.endswith(SENTENCE_ENDINGS) and start[0].islower()


def _depth(line: Line, page: Page | None) -> float:
    """The baseline's distance down the displayed page, up to a constant (a baseline
    is the unrotated y, or x on a page turned a quarter, which /Rotate may reverse)."""
    turned = page is not None and page.rotation % 360 in (180, 270)
    return -line.baseline if turned else line.baseline


def _same_column(a: BBox, b: BBox) -> bool:
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    return overlap > 0.5 * min(a[2] - a[0], b[2] - b[0])
