"""Lines into paragraphs: undoing MuPDF's block segmentation where it errs.

MuPDF splits very stretched lines into pieces (distributed last lines, spec
B.1.2), runs paragraphs and headings together when their spacing is close to
the leading, gives every line of loosely spaced text (1.5 line spacing, which
clear print asks for) a block of its own, interleaves the lines of two
columns in one block when a producer wrote them row by row, and puts pieces of
one printed row in blocks of their own (a bullet set a point higher than its
text, a price). These passes repair all five.

Lines are compared as the page is displayed: on a page turned by /Rotate the
lines a reader sees as horizontal run down the unrotated page, and they are
joined into paragraphs like any others (``LineDraft.forward`` and ``down``).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict

from clearprint.readers.pdf.lines import TAB_GAP_EM, LineDraft, add_word_gap

_COLUMN_LINES = 3  # a column of running text has at least this many lines...
_COLUMN_LINE_CHARS = 15  # ...of at least this many characters (median)
_LOOKBACK = 4  # paragraphs a block may continue: columns can interleave
_EDGE = 2.0  # pt; lines starting within this of each other share a left edge
_ROW_BASELINE = 0.3  # pieces of one row: baselines within this share of the type size...
_ROW_GAP_EM = 2.0  # ...and at most this many type sizes apart


def separate_columns(lines: list[LineDraft]) -> list[list[LineDraft]]:
    """Lines MuPDF put in one block although they stand in side-by-side columns.

    Lines are grouped by the horizontal span they share. The grouping is kept
    only when every group looks like a column of running text (3+ lines of
    15+ characters), so tables and the pieces of stretched lines stay together.
    Columns of running text make the block's median line 15+ characters long
    too, so blocks of short lines (tables, forms) are not grouped at all.
    """
    if (len(lines) < 2 * _COLUMN_LINES or not all(line.forward for line in lines)
            or _median_chars(lines) < _COLUMN_LINE_CHARS):
        return [lines]
    groups: list[tuple[float, float, list[LineDraft]]] = []
    for line in lines:
        x0, x1 = line.extent()
        for number, (g0, g1, members) in enumerate(groups):
            if min(x1, g1) - max(x0, g0) >= 0.5 * min(x1 - x0, g1 - g0):
                members.append(line)
                groups[number] = (min(g0, x0), max(g1, x1), members)
                break
        else:
            groups.append((x0, x1, [line]))
    columns = [members for _, _, members in groups]
    if len(columns) < 2 or not all(_running_text(c) for c in columns):
        return [lines]
    return columns


def _running_text(lines: list[LineDraft]) -> bool:
    return len(lines) >= _COLUMN_LINES and _median_chars(lines) >= _COLUMN_LINE_CHARS


def _median_chars(lines: list[LineDraft]) -> int:
    """The upper median of the lines' non-space character counts."""
    chars = sorted(sum(line.sizes.values()) for line in lines)
    return chars[len(chars) // 2]


def column_edges(lines: list[LineDraft]) -> set[int]:
    """Where columns of running text start on the page (in ``_EDGE`` pt steps).

    An edge is a position where at least 3 lines start whose median length is
    15 characters or more (as for ``separate_columns``): the left edge of a
    column of text, not of a table column, a contents page's numbers or a
    diagram's labels.
    """
    starts: dict[int, list[int]] = defaultdict(list)
    for line in lines:
        if line.forward:
            starts[round(line.extent()[0] / _EDGE)].append(sum(line.sizes.values()))
    return {edge for edge, chars in starts.items()
            if len(chars) >= _COLUMN_LINES and sorted(chars)[len(chars) // 2] >= _COLUMN_LINE_CHARS}


def merge_same_baseline(drafts: list[LineDraft], edges: set[int]) -> list[LineDraft]:
    """Join lines MuPDF split on one baseline (stretched or distributed lines, B.1.2).

    Not across the gutter between two columns written row by row: a gap wider
    than a tab (3 em) between lines that both start at column edges (see
    ``column_edges``). Other wide gaps are tab stops (a contents entry and its
    page number, the cells of a table row, a glossary's terms and meanings,
    labels set level in a diagram) and stay within the line.
    """
    merged: list[LineDraft] = []
    for draft in drafts:
        last = merged[-1] if merged else None
        if last is not None and _same_baseline(last, draft) and _follows(last, draft, edges):
            _append(last, draft)
        else:
            merged.append(draft)
    return merged


def _same_baseline(a: LineDraft, b: LineDraft) -> bool:
    return (a.axis == b.axis and a.sign == b.sign
            and abs(a.baseline - b.baseline) < 0.2 * max(a.size(), b.size()))


def _follows(last: LineDraft, draft: LineDraft, edges: set[int]) -> bool:
    """``draft`` continues ``last`` along the line, not across a column gutter."""
    if draft.first_start is None or draft.first_start < last.last_end - 0.5 * last.last_size:
        return False
    if draft.first_start - last.last_end <= TAB_GAP_EM * max(last.last_size, draft.size()):
        return True
    return not (draft.forward and _at_edge(last, edges) and _at_edge(draft, edges))


def _at_edge(line: LineDraft, edges: set[int]) -> bool:
    edge = round(line.extent()[0] / _EDGE)
    return bool({edge - 1, edge, edge + 1} & edges)


def join_row_fragments(paragraphs: list[list[LineDraft]]) -> list[list[LineDraft]]:
    """Join pieces of one printed row that MuPDF put in blocks of their own.

    A bullet set a point higher than its text, a dish and its price, a word in
    another font: each may come as a one-line block, and would otherwise join
    the paragraph above as a line of its own. A one-line paragraph that comes
    next in the content and continues the row of the line before it (baseline
    within 0.3 type sizes, at most 2 em after it) joins that line; a one-line
    paragraph that the next paragraph's first line continues joins it. Only
    neighbours in content order: cells of a table written column by column
    stand side by side too, but are not written one after the other.
    """
    joined: list[list[LineDraft]] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else None
        if previous is not None and len(paragraph) == 1 and _next_in_row(previous[-1], paragraph[0]):
            _append(previous[-1], paragraph[0])
        elif previous is not None and len(previous) == 1 and _next_in_row(previous[0], paragraph[0]):
            _append(previous[0], paragraph[0])
            joined[-1] = [previous[0], *paragraph[1:]]
        else:
            joined.append(paragraph)
    return joined


def _next_in_row(left: LineDraft, right: LineDraft) -> bool:
    """``right`` continues ``left``'s row: same baseline, just after it."""
    if not (left.forward and right.forward) or (left.axis, left.sign) != (right.axis, right.sign):
        return False
    size = max(left.size(), right.size())
    gap = right.extent()[0] - left.extent()[1]
    return (abs(right.baseline - left.baseline) <= _ROW_BASELINE * size
            and -0.5 * size <= gap <= _ROW_GAP_EM * size)


def _append(line: LineDraft, other: LineDraft) -> None:
    """Add ``other`` to the end of ``line``, keeping a space between the words."""
    if not line.trailing_space and not other.leading_space:
        line.spans[-1].text += " "
    add_word_gap(line, (other.first_start or 0.0) - line.last_end, line.last_size)
    line.word_gaps.extend(other.word_gaps)
    line.letter_sum += other.letter_sum
    line.letter_count += other.letter_count
    line.space_widths.extend(other.space_widths)
    line.spans.extend(other.spans)
    line.all_bold = line.all_bold and other.all_bold
    line.last_end, line.last_size = other.last_end, other.last_size
    line.trailing_space = other.trailing_space
    line.cross = (min(line.cross[0], other.cross[0]), max(line.cross[1], other.cross[1]))
    if sum(other.sizes.values()) > sum(line.sizes.values()):
        line.baseline = other.baseline
    for size, count in other.sizes.items():
        line.sizes[size] = line.sizes.get(size, 0) + count
    line.main_size = None
    for font, count in other.fonts.items():
        line.fonts[font] = line.fonts.get(font, 0) + count


def split_paragraphs(lines: list[LineDraft]) -> list[list[LineDraft]]:
    """Cut a MuPDF block where it has run two paragraphs together.

    MuPDF merges paragraphs whose spacing is close to the leading, and headings
    with the text below; a clear jump in baseline pitch or in type size, a
    change from bold lines to others, or a change of direction, starts a new
    paragraph.
    """
    if not lines:
        return []
    pitches = [abs(b.baseline - a.baseline) for a, b in itertools.pairwise(lines)
               if a.axis == b.axis]
    typical = statistics.median(pitches) if len(pitches) >= 2 else None
    groups = [[lines[0]]]
    for previous, line in itertools.pairwise(lines):
        if _starts_paragraph(previous, line, typical):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _starts_paragraph(previous: LineDraft, line: LineDraft, typical: float | None) -> bool:
    if previous.axis != line.axis or previous.sign != line.sign:
        return True
    small, large = sorted((previous.size(), line.size()))
    if large > 1.15 * small or previous.all_bold != line.all_bold:
        return True
    if previous.forward and not _overlap(previous, line):
        return True  # side by side: another column or box
    step = (line.baseline - previous.baseline) * previous.down
    if previous.forward and step < -0.5 * large:
        return True  # jumped back up the page: a new column or box
    pitch = abs(step)
    if typical is None:
        return pitch > 3.0 * large
    return pitch > 1.3 * typical and pitch - typical > 0.3 * large


def join_paragraphs(paragraphs: list[list[LineDraft]]) -> list[list[LineDraft]]:
    """Join consecutive MuPDF blocks that are one paragraph.

    MuPDF starts a new block for every line of loosely spaced text (1.5 line
    spacing, which clear print asks for, gives one block per line). A block
    continues the previous one when it sits under it in the same column, at
    the same size and weight, one line pitch lower: the pitch of either
    paragraph, or for single lines the page's usual pitch at that size. The
    last few paragraphs are candidates, not only the last, since blocks of
    two columns can alternate.
    """
    leading = _page_leading([line for paragraph in paragraphs for line in paragraph])
    joined: list[list[LineDraft]] = []
    for paragraph in paragraphs:
        above = next((p for p in reversed(joined[-_LOOKBACK:])
                      if _continues(p, paragraph, leading)), None)
        if above is None:
            joined.append(paragraph)
        else:
            above.extend(paragraph)
    return joined


def _page_leading(lines: list[LineDraft]) -> dict[float, float]:
    """The usual baseline step between successive lines, per type size."""
    steps: dict[float, Counter[float]] = {}
    for a, b in itertools.pairwise(lines):
        size = a.size()
        step = (b.baseline - a.baseline) * a.down
        if (a.forward and b.forward and size == b.size() and 0.8 * size < step < 3 * size
                and _overlap(a, b)):
            steps.setdefault(size, Counter())[round(step * 2) / 2] += 1
    return {size: _leading(counts) for size, counts in steps.items()}


def _leading(steps: Counter[float]) -> float:
    """The usual step; a smaller one nearly as common wins, since the space
    between paragraphs adds to the leading and never takes from it."""
    top = max(steps.values())
    return min(step for step, count in steps.items() if count >= 0.5 * top)


def _overlap(a: LineDraft, b: LineDraft) -> bool:
    """The lines share at least half the narrower one's width (along their direction)."""
    a0, a1 = a.extent()
    b0, b1 = b.extent()
    return min(a1, b1) - max(a0, b0) >= 0.5 * min(a1 - a0, b1 - b0)


def _pitches(paragraph: list[LineDraft]) -> list[float]:
    return [(b.baseline - a.baseline) * a.down for a, b in itertools.pairwise(paragraph)]


def _continues(above: list[LineDraft], below: list[LineDraft], leading: dict[float, float]) -> bool:
    a, b = above[-1], below[0]
    if not (a.forward and b.forward) or a.all_bold != b.all_bold or not _overlap(a, b):
        return False
    small, large = sorted((a.size(), b.size()))
    if large > 1.15 * small:
        return False
    pitches = _pitches(above) or _pitches(below)
    pitch = statistics.median(pitches) if pitches else leading.get(a.size())
    if pitch is None:
        return False
    step = (b.baseline - a.baseline) * a.down
    return 0.5 * pitch <= step <= pitch + max(0.5, 0.04 * pitch)
