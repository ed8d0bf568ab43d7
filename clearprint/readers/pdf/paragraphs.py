"""Lines into paragraphs: undoing MuPDF's block segmentation where it errs.

MuPDF splits very stretched lines into pieces (distributed last lines, spec
B.1.2), runs paragraphs and headings together when their spacing is close to
the leading, gives every line of loosely spaced text (1.5 line spacing, which
clear print asks for) a block of its own, and interleaves the lines of two
columns in one block when a producer wrote them row by row. These passes
repair all four.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter

from clearprint.readers.pdf.lines import LineDraft, add_word_gap

_COLUMN_LINES = 3  # a column of running text has at least this many lines...
_COLUMN_LINE_CHARS = 15  # ...of at least this many characters (median)
_LOOKBACK = 4  # paragraphs a block may continue: columns can interleave


def separate_columns(lines: list[LineDraft]) -> list[list[LineDraft]]:
    """Lines MuPDF put in one block although they stand in side-by-side columns.

    Lines are grouped by the horizontal span they share. The grouping is kept
    only when every group looks like a column of running text (3+ lines of
    15+ characters), so tables and the pieces of stretched lines stay together.
    """
    if len(lines) < 2 * _COLUMN_LINES or not all(_plain(line) for line in lines):
        return [lines]
    groups: list[tuple[float, float, list[LineDraft]]] = []
    for line in lines:
        x0, _, x1, _ = line.bbox()
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
    chars = sorted(sum(line.sizes.values()) for line in lines)
    return len(lines) >= _COLUMN_LINES and chars[len(chars) // 2] >= _COLUMN_LINE_CHARS


def merge_same_baseline(drafts: list[LineDraft]) -> list[LineDraft]:
    """Join lines MuPDF split on one baseline (stretched or distributed lines, B.1.2)."""
    merged: list[LineDraft] = []
    for draft in drafts:
        last = merged[-1] if merged else None
        if (last is not None and last.axis == draft.axis and last.sign == draft.sign
                and abs(last.baseline - draft.baseline) < 0.2 * max(last.size(), draft.size())
                and draft.first_start is not None
                and draft.first_start >= last.last_end - 0.5 * last.last_size):
            _append(last, draft)
        else:
            merged.append(draft)
    return merged


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
    if _plain(previous) and not _overlap(previous, line):
        return True  # side by side: another column or box
    step = line.baseline - previous.baseline
    if previous.axis == 0 and previous.sign > 0 and step < -0.5 * large:
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
    """The most common baseline step between successive lines, per type size."""
    steps: dict[float, Counter[float]] = {}
    for a, b in itertools.pairwise(lines):
        size = a.size()
        step = b.baseline - a.baseline
        if (_plain(a) and _plain(b) and size == b.size() and 0.8 * size < step < 3 * size
                and _overlap(a, b)):
            steps.setdefault(size, Counter())[round(step * 2) / 2] += 1
    return {size: counts.most_common(1)[0][0] for size, counts in steps.items()}


def _plain(line: LineDraft) -> bool:
    """Written left to right along x, the only direction paragraphs are joined in."""
    return line.axis == 0 and line.sign > 0


def _overlap(a: LineDraft, b: LineDraft) -> bool:
    """The lines share at least half the narrower one's width."""
    a0, _, a1, _ = a.bbox()
    b0, _, b1, _ = b.bbox()
    return min(a1, b1) - max(a0, b0) >= 0.5 * min(a1 - a0, b1 - b0)


def _pitches(paragraph: list[LineDraft]) -> list[float]:
    return [b.baseline - a.baseline for a, b in itertools.pairwise(paragraph)]


def _continues(above: list[LineDraft], below: list[LineDraft], leading: dict[float, float]) -> bool:
    a, b = above[-1], below[0]
    if not (_plain(a) and _plain(b)) or a.all_bold != b.all_bold or not _overlap(a, b):
        return False
    small, large = sorted((a.size(), b.size()))
    if large > 1.15 * small:
        return False
    pitches = _pitches(above) or _pitches(below)
    pitch = statistics.median(pitches) if pitches else leading.get(a.size())
    if pitch is None:
        return False
    step = b.baseline - a.baseline
    return 0.5 * pitch <= step <= pitch + max(0.5, 0.04 * pitch)
