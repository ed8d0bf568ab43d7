"""CP06: have you avoided capital letters in whole sentences?

A word or two in capitals is fine (RNIB), acronyms too. A sentence of three or
more words all in capitals, or five capital words in a row, is a "no". Text
shown in capitals by a property (Word's "All caps" on lower-case letters)
counts exactly as typed capitals do, because that is what the reader sees.

Lists of codes are not sentences in capitals: a run of capital words ends at
``|`` or ``/``, at a comma in a list of single words ("DATE, TIME, PAGE"),
after a short capital word and its comma (abbreviations listed inside a
sentence: "systems APT, APS, SOUE, CCTV"), and at an identifier (a word with
a digit or an underscore: ``MAX_SIZE``, ``HTTP2``) or a model name (a capital
word before a number, and a short one after it: "RIP 12 RS"); text in a
monospaced font (code) is not read at all. Listed abbreviations and model
names are only left out of running text: a sentence all in capitals ("544
MOUNTAIN ROAD, WA, USA") is judged whole. A short word and its
full stop opening a remark in brackets ("(Fig.", "(Прим.", "note") is an
abbreviation, not a sentence end.

Text extracted as junk (a font without a usable character map gives
``N547>F/#``) is not judged: :func:`garbled`. Labels inside drawings are
judged as headings are. In a reference entry ("[20] ...", "(2024)") a short
run of capitals is an author or organisation: manual; five capital words in a
row still give "no". A PDF finding points at the lines that hold the capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from clearprint.analysis.geometry import union
from clearprint.analysis.text import is_monospace
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Role
from clearprint.results import Finding
from clearprint.textfacts import excerpt

_LETTER = re.compile(r"[^\W\d_]")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_DIGIT = re.compile(r"\d")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# "(Fig.", "(Tel.", "(Прим.": opening a remark in brackets, a word of two to four
# letters before a full stop is an abbreviation. Elsewhere ("Note. PLEASE READ
# THIS.") it may end a sentence, and the capitals after it must still be judged.
ABBREVIATION = re.compile(r"[(\[][^\W\d_]{2,4}\.$")
MODEL_SUFFIX_MAX_LETTERS = 3  # a capital word this short after a number is part of a model name
_NUMBER = re.compile(r"^\(?\d[\d.,]*\)?[.,;:)]*$")
SEPARATOR = re.compile(r"[|/]")
LIST_MIN_ITEMS = 3  # single words after commas, this many, make a list of codes
TITLE_ROLES = (Role.HEADING, Role.TITLE, Role.FIGURE)  # display text: long capital runs are manual
# A reference entry: "[20] ...", or a year in brackets "(2024)".
REFERENCE = re.compile(r"^\s*\[\d+\]|\((?:1[5-9]|20)\d\d[a-z]?\)")
# Characters that do not occur inside words: text extracted through a broken font map.
_GARBLE = "#$%&*+<=>@\\^`{|}~!?;:,/()[]\""
GARBLE_CHARS = frozenset(_GARBLE)
GARBLE_MARKS = re.compile(f"[{re.escape(_GARBLE)}]")
GARBLED_TOKEN_SHARE = 0.3  # a word with this share of stray marks and digits is garbled...
GARBLED_TEXT_SHARE = 0.3  # ...and text with this share of such words cannot be read


@check("CP06")
def capitals(doc: Document, opts: Options) -> Iterator[Finding]:
    unreadable = 0
    for block in doc.blocks:
        pieces = _pieces(block)
        text = " ".join(pieces)
        if not text.strip():
            continue
        if garbled(text):
            unreadable += 1
            continue
        if block.role in TITLE_ROLES:
            judged = [w for w in _words(text) if _has_letter(w) and not _is_neutral(w)]
            if len(judged) > opts.caps_heading_max_words and all(_is_capital(w) for w in judged):
                what = "Label in a drawing" if block.role is Role.FIGURE else "Heading"
                yield Finding.manual(f"{what} of more than three words in capitals: "
                                     "sentence case is easier to read.",
                                     _location(block, text), words=len(judged))
            continue
        found = next(((piece, run) for piece in pieces if (run := _capital_stretch(
            piece, opts.caps_min_words, opts.caps_sentence_min_words, opts.acronym_max_letters))), None)
        if found:
            piece, run = found
            words = sum(1 for w in _words(run) if _is_capital(w))
            if words < opts.caps_min_words and REFERENCE.search(piece):
                yield Finding.manual("A name in capitals in a reference: fine for an author or "
                                     "organisation, otherwise use sentence case.",
                                     _location(block, run), words=words)
                continue
            yield Finding.no(f"{words} words in a row in capitals.",
                             _location(block, run), words=words,
                             caps_property=any(s.caps or s.small_caps for s in block.spans))
    if unreadable:
        yield Finding.info(f"{unreadable} paragraph(s) not judged: their text comes out of the "
                           "file garbled (a font without a usable character map).",
                           paragraphs=unreadable)


def _pieces(block: Block) -> list[str]:
    """The printed text in stretches a run of capitals cannot cross: cut around code
    (monospaced text), at ``|`` and ``/``, and at the commas of a list of single words.
    Printed lines are joined with a space, as the words at their ends stand apart."""
    stretches: list[list[str]] = [[]]
    for line_spans in ([line.spans for line in block.lines] if block.lines else [block.spans]):
        for span in line_spans:
            if is_monospace(span) and span.text.strip():
                stretches.append([])
            else:
                stretches[-1].append(span.text.upper() if (span.caps or span.small_caps) else span.text)
        stretches[-1].append(" ")  # printed lines are apart: their end and start words too
    pieces = []
    for stretch in stretches:
        for piece in SEPARATOR.split("".join(stretch)):
            items = piece.split(",")  # a list of single words, perhaps after a lead-in ("Fields: A, B, C")
            listed = len(items) > LIST_MIN_ITEMS and all(_single_word(i) for i in items[1:])
            pieces.extend(items if listed else [piece])
    return [p for p in pieces if p.strip()]


def _single_word(text: str) -> bool:
    return len([w for w in _words(text) if _has_letter(w)]) == 1


def _capital_stretch(text: str, run_words: int, sentence_words: int, acronym_letters: int) -> str | None:
    """The first offending stretch: a whole capital sentence, or a long run of capital words
    (a run that listed abbreviations of up to ``acronym_letters`` letters break).

    Most text holds too few words in capitals for either, which is cheap to count.
    """
    fewest = min(run_words, sentence_words)
    if _all_capital_words(text) < fewest:
        return None
    for sentence in _sentences(text):
        capitals = _all_capital_words(sentence)
        if capitals < fewest:
            continue
        words = _judged_words(sentence)
        if _capital_sentence(words, sentence_words):
            return sentence.strip()
        run = _capital_run(words, run_words, acronym_letters) if capitals >= run_words else None
        if run:
            return run
    return None


def _sentences(text: str) -> list[str]:
    """The text cut at sentence ends: a full stop, ! or ? and a space, but not after a
    capitalised abbreviation opening a remark in brackets ("(Прим. РИП 12" goes on)."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[match.start() - 1] == "." and ABBREVIATION.search(text[start:match.start()]) \
                and _is_abbreviation(text[start:match.start()].split()[-1]):
            continue
        sentences.append(text[start:match.start()])
        start = match.end()
    sentences.append(text[start:])
    return sentences


def _is_abbreviation(word: str) -> bool:
    """"Fig.", "Прим.": a capital, then small letters only."""
    letters = _letters(word)
    return letters[:1].isupper() and letters[1:].islower()


def _judged_words(sentence: str) -> list[str]:
    """The sentence's words with letters; in running text (some words in small letters),
    model names left out: a capital word before a number ("RIP 12", "ISO 9001") and a short
    capital word after one ("12 RS"). A sentence all in capitals keeps them all: "SEE PAGE
    12 FOR DETAILS" is shouted."""
    words = _words(sentence)
    lettered = [w for w in words if _has_letter(w)]
    if all(_is_capital(w) or _is_neutral(w) or _is_identifier(w) for w in lettered):
        return lettered
    return [w for i, w in enumerate(words) if _has_letter(w) and not _in_model_name(words, i)]


def _in_model_name(words: list[str], i: int) -> bool:
    word = words[i]
    if not _is_capital(word):
        return False
    before_number = i + 1 < len(words) and _NUMBER.match(words[i + 1]) is not None
    after_number = (i > 0 and _NUMBER.match(words[i - 1]) is not None
                    and len(_letters(word)) <= MODEL_SUFFIX_MAX_LETTERS)
    return before_number or after_number


def _listed_abbreviation(word: str, max_letters: int) -> bool:
    """A short capital word and its comma: one of a list of abbreviations ("APT, APS, CCTV")."""
    return word.endswith(",") and _is_capital(word) and len(_letters(word)) <= max_letters


def _capital_sentence(words: list[str], min_words: int) -> bool:
    """At least ``min_words`` judged words, all in capitals (one-letter words and
    identifiers are not judged). Stops at the first judged word in small letters."""
    capitals = 0
    for word in words:
        if _is_capital(word):
            if not _is_identifier(word):
                capitals += 1
        elif not _is_neutral(word) and not _is_identifier(word):
            return False
    return capitals >= min_words


def _capital_run(words: list[str], min_capitals: int, acronym_letters: int) -> str | None:
    """The first run of ``min_capitals`` capital words in a row (one-letter words may
    stand inside a run; an identifier, a listed abbreviation or a word in small
    letters ends it)."""
    run: list[str] = []
    for word in words:
        if _listed_abbreviation(word, acronym_letters):
            run = []
        elif (_is_capital(word) or (run and _is_neutral(word))) and not _is_identifier(word):
            run.append(word)
            if sum(1 for w in run if _is_capital(w)) >= min_capitals:
                return " ".join(run)
        else:
            run = []
    return None


def _all_capital_words(text: str) -> int:
    """Words whose letters are all capitals, one-letter words included: a quick upper
    bound on the capital words a stretch of the text can hold."""
    return sum(map(str.isupper, _words(text)))


def _words(text: str) -> list[str]:
    return text.split()


def _has_letter(word: str) -> bool:
    return _LETTER.search(word) is not None


def _letters(word: str) -> str:
    return _NOT_LETTER.sub("", word)


def _is_identifier(word: str) -> bool:
    """A code name rather than a word: letters with digits or underscores (MAX_SIZE, HTTP2)."""
    core = word.strip(".,;:!?()[]{}\"'")
    return "_" in core or (_DIGIT.search(core) is not None and _LETTER.search(core) is not None)


def _is_neutral(word: str) -> bool:
    """One-letter words ("I", "A") say nothing about capitals."""
    return len(_letters(word)) < 2


def _is_capital(word: str) -> bool:
    # str.isupper: every cased character is a capital and there is at least one.
    return word.isupper() and len(_letters(word)) >= 2


def garbled(text: str) -> bool:
    """Text extracted as junk (``N547>F/# N:FF#O6:,/#``): many of its words mix
    letters with marks and digits that do not occur inside words."""
    words = _words(text)
    marked = [w for w in words if not GARBLE_CHARS.isdisjoint(w)]  # most words hold no mark
    junk = sum(1 for w in marked if _garbled_word(w))
    return junk >= 2 and junk >= GARBLED_TEXT_SHARE * sum(1 for w in words if _has_letter(w))


def _garbled_word(word: str) -> bool:
    if not _has_letter(word):
        return False
    core = word.strip(".,;:!?()[]{}\"'\u2018\u2019\u201c\u201d")
    if len(core) < 3:
        return False
    marks = len(GARBLE_MARKS.findall(core))
    digits = len(_DIGIT.findall(core))
    return marks >= 1 and marks + digits >= GARBLED_TOKEN_SHARE * len(core)


def _location(block: Block, text: str):
    """The lines that hold the text (PDF), or the paragraph, with the text as excerpt."""
    where = block.location.but(excerpt=excerpt(text))
    boxes = _line_boxes(block, text)
    return where.but(bbox=union(boxes)) if boxes else where


def _line_boxes(block: Block, text: str) -> list[BBox]:
    """Boxes of the printed lines from the one where the text starts to the one
    where it ends (empty when the block has no lines or the text is not found)."""
    words = _words(text)
    if not block.lines or not words:
        return []
    lines = [line.text.split() for line in block.lines]
    first = next((i for i, line in enumerate(lines) if _starts_at(words, lines, i)), None)
    if first is None:
        return []
    last = next((i for i in range(first, len(lines)) if words[-1] in lines[i]), first)
    return [line.bbox for line in block.lines[first:last + 1]]


def _starts_at(words: list[str], lines: list[list[str]], index: int) -> bool:
    """The text's first words follow one another on line ``index`` (or run onto the next)."""
    flow = lines[index] + (lines[index + 1] if index + 1 < len(lines) else [])
    head = words[:3]
    return any(flow[i:i + len(head)] == head for i in range(len(lines[index])))
