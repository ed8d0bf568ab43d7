"""CP08: have you avoided splitting any words between lines?

PDF: wherever a line of text ends in a letter and a hyphen and the next line
(in the same paragraph, or the first line of the next one, across a column
or a page turn) starts with a small letter, the two halves are looked up in
an English word list with word frequencies. A word that only exists joined
("impor-tant") is a split word: "no". Two words that only exist apart
("well-known", "self-esteem") are a compound that happens to end a line:
fine. When the halves are words too, how common the joined form is decides,
and close cases, words the list does not know (other languages) and prefixes
often written with a hyphen are left to a person. Phone numbers, postcodes,
dates and web or email addresses broken over two lines are left to a person
too. Dashes are not hyphens.

DOCX has no line breaks to look at without a layout engine: automatic
hyphenation switched on in the settings (and not suppressed on the running
text) is "no", optional hyphens typed into the text are left to a person.
"""

from __future__ import annotations

import gzip
import pkgutil
import re
from collections.abc import Iterator
from functools import lru_cache

from clearprint.analysis.geometry import union
from clearprint.analysis.text import running_text
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document, Line, Location, Role
from clearprint.results import Finding
from clearprint.textfacts import excerpt

HYPHENS = "\u00ad\u2010\u2011"  # soft, hyphen, non-breaking hyphen: read as "-"
QUOTES = "\"'\u2018\u2019\u201c\u201d"
OPENING = "([{" + QUOTES
COMPOUND_RATIO = 0.03  # joined this rare against its rarer half: a hyphenated compound
SPLIT_RATIO = 1.5  # joined this common against its rarer half: one word split in two
# Prefixes often written with a hyphen ("co-operation", "pre-existing"): a
# break after them is a compound or left to a person, never called a split.
PREFIXES = frozenset({
    "anti", "co", "counter", "cross", "ex", "extra", "inter", "intra", "mid", "multi", "non",
    "post", "pre", "pro", "re", "self", "semi", "socio", "sub", "super", "trans", "ultra", "un",
    "well", "long", "short", "over", "under", "bio", "eco", "micro", "macro", "neo", "pseudo",
    "quasi", "vice", "all", "half",
})
MONTH = (r"(Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t(ember)?)?"
         r"|Oct(ober)?|Nov(ember)?|Dec(ember)?)\b")
# A single piece of information broken over two lines: (end of line, start of next).
INFORMATION = (
    ("phone number", re.compile(r"^(?=(\D*\d){3})(\+\d{1,3}|\(?0\d{0,5}\)?\d{0,5})$"),
     re.compile(r"^\d{3,}")),
    ("postcode", re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$"), re.compile(r"^\d[A-Z]{2}\b")),
    ("date", re.compile(r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$"), re.compile(rf"^{MONTH}")),
)
ADDRESS = re.compile(r"@|://|^www\.", re.I)
# The rest of an address on the next line: no space, and a dot or slash inside.
CONTINUED_ADDRESS = re.compile(r"^[\w%~-]*[./][\w%~-]")
# British spellings the (American) word list lacks, tried as their US forms.
BRITISH = ((re.compile(r"is(ation|ations|e|es|ed|ing|er|ers)$"), r"iz\1"),
           (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
           (re.compile(r"our(s|ed|ing|ite|ites|able|er|ers|ful)?$"), r"or\1"),
           (re.compile(r"tre(s)?$"), r"ter\1"),
           (re.compile(r"ogue(s)?$"), r"og\1"),
           (re.compile(r"ence(s)?$"), r"ense\1"),
           (re.compile(r"ae"), "e"),
           (re.compile(r"oe"), "e"))

# Two lines that follow each other, and the block the second one is in.
Pair = tuple[Line, Line, Block]


@check("CP08")
def split_words(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "pdf":
        yield from _pdf_splits(doc)
    else:
        yield from _docx_settings(doc)


# --- PDF -----------------------------------------------------------------


def _pdf_splits(doc: Document) -> Iterator[Finding]:
    for block, pairs in _line_pairs(doc):
        splits: list[tuple[Pair, str]] = []
        doubtful: list[tuple[Pair, str, str]] = []
        for pair in pairs:
            verdict, words = _classify(pair[0].text, pair[1].text, not block.in_table)
            if verdict == "split":
                splits.append((pair, words))
            elif verdict is not None:
                doubtful.append((pair, words, verdict))
        if splits:
            words = [w for _, w in splits]
            yield Finding.no(f"Word(s) split over two lines with a hyphen: {_listed(words)}.",
                             _where(block, splits[0][0]), count=len(splits), words=words)
        if doubtful:
            words = [w for _, w, _ in doubtful]
            kinds = sorted({k for _, _, k in doubtful})
            yield Finding.manual(
                f"Broken at the end of a line ({', '.join(kinds)}): {_listed(words)}; check "
                "whether a word or a piece of information is split.",
                _where(block, doubtful[0][0]), count=len(doubtful), words=words, kinds=kinds)


def _listed(words: list[str], shown: int = 5) -> str:
    return ", ".join(words[:shown]) + (" …" if len(words) > shown else "")


def _line_pairs(doc: Document) -> Iterator[tuple[Block, list[Pair]]]:
    """Consecutive lines of each block, and a block's last line with the next one's first.

    A paragraph continues in the next block of running text when only page
    furniture (running heads, page numbers) lies between them, so a word split
    over a column or a page turn is found too.
    """
    running = [b for b in running_text(doc) if b.lines]
    following = {a.index: b for a, b in zip(running, running[1:], strict=False)
                 if all(doc.blocks[i].role is Role.FURNITURE for i in range(a.index + 1, b.index))}
    tables = [b for b in doc.blocks if b.lines and b.in_table and b.role is not Role.FURNITURE]
    for block in running + tables:
        pairs = [(a, b, block) for a, b in zip(block.lines, block.lines[1:], strict=False)]
        after = following.get(block.index)
        if after is not None:
            pairs.append((block.lines[-1], after.lines[0], after))
        yield block, pairs


def _where(block: Block, pair: Pair) -> Location:
    """Both halves of the break when they are on one page, else the first."""
    first, second, second_block = pair
    box = union([first.bbox, second.bbox]) if second_block.page == block.page else first.bbox
    text = first.text.strip().split()[-1] + " / " + (second.text.strip().split() or [""])[0]
    return block.location.but(bbox=box, excerpt=excerpt(text))


def _classify(end_line: str, start_line: str, information: bool = True) -> tuple[str | None, str]:
    """What a line break between these two lines does to the word across it.

    Returns ("split" | "ambiguous" | "unknown word" | <kind of information> |
    None, the text across the break). None: nothing is split. ``information``
    False skips phone numbers, dates and addresses (table cells side by side
    would look like them).
    """
    left_tokens, right_tokens = _normalise(end_line).split(), start_line.split()
    if not left_tokens or not right_tokens:
        return None, ""
    left, right = left_tokens[-1], right_tokens[0]
    info = _information(left, right) if information else None
    if info:
        return info, f"{left} {right}"
    if len(left) < 2 or left[-1] != "-" or not left[-2].isalpha() or not right[0].islower():
        return None, ""
    before = left[:-1].split("-")[-1].lstrip(OPENING)
    tail = re.match(r"[^\W\d_]+", right)
    if not before or tail is None or before.isupper():
        return None, ""  # "HCV-infected": hyphenation never breaks an acronym
    head, tail_word = before.lower(), tail.group(0).lower()
    shown = f"{left}{right.rstrip('.,;:!?)]}' + QUOTES)}"
    return _verdict(head, tail_word), shown


def _verdict(head: str, tail: str) -> str | None:
    """Split word, compound, or undecided, from how common the halves are joined and apart.

    A word that exists only joined ("impor"+"tant") is split. When the halves
    are words too, the word list's frequencies decide: joined far rarer than
    its parts ("followup", "turnaround") is a compound; joined more common than
    the rarer part ("before", "something") is a split; in between, a person
    decides. After a prefix often written with a hyphen ("co-operation",
    "pre-existing") only the compound verdict is trusted.
    """
    joined = _frequency(head + tail)
    parts = [f for f in (_frequency(head), _frequency(tail)) if f]
    if not joined:
        compound = len(parts) == 2 or (head in PREFIXES and _frequency(tail) > 0)
        return None if compound else "unknown word"
    ratio = joined / min(parts) if parts else float("inf")
    if ratio < COMPOUND_RATIO:
        return None
    if head in PREFIXES:
        return "ambiguous"
    if len(parts) < 2 or ratio >= SPLIT_RATIO:
        return "split"
    return "ambiguous"


def _information(left: str, right: str) -> str | None:
    """The kind of information broken between ``left`` and ``right``, if any."""
    for kind, end, start in INFORMATION:
        if start.match(right) and end.match(left):  # the start fails fastest: tried first
            return kind
    if ADDRESS.search(left) and _unfinished_address(left, right):
        return "web or email address"
    return None


def _unfinished_address(left: str, right: str) -> bool:
    """The address on the line's end goes on at the start of the next line."""
    return left.endswith(("://", "@", "-", "_")) or CONTINUED_ADDRESS.match(right) is not None


def _hyphenating_script(text: str) -> bool:
    """Mostly Latin, Greek or Cyrillic letters: scripts that hyphenation breaks."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c < "\u0530" for c in letters) >= 0.5 * len(letters)


def _normalise(text: str) -> str:
    for hyphen in HYPHENS:
        text = text.replace(hyphen, "-")
    return text.replace("\u00a0", " ")


def _frequency(word: str) -> int:
    """How common an English word is in the word list (0: not a word), British spellings too."""
    words = _word_list()
    count = words.get(word)
    if count is not None:
        return count
    for pattern, american in BRITISH:
        variant = pattern.sub(american, word)
        if variant != word and (count := words.get(variant)) is not None:
            return count
    return 0


class _WordLines:
    """The word list as packaged, one ``"word": count,`` line per entry in sorted
    order, searched by bisection over the text itself.

    Decoding the whole list (160,000 words), or even splitting it into lines,
    would take longer than the rest of this question on a long book, which
    asks about a few hundred words; this costs one decompression.
    """

    def __init__(self, text: str) -> None:
        self._text = text  # "{\n" + entry lines + "}"

    def get(self, word: str) -> int | None:
        """The word's count, None when the list does not hold it."""
        key = f'"{word}": '
        text = self._text
        low, high = 2, len(text) - 1  # the first entry's start; the closing brace
        while low < high:  # the first line from ``low`` on that sorts at or after the key
            start = text.rfind("\n", low - 1, (low + high) // 2) + 1
            end = text.index("\n", start)
            if text[start:end] < key:
                low = end + 1
            else:
                high = start
        if low < len(text) - 1 and text.startswith(key, low):
            return int(text[low + len(key):text.index("\n", low)].rstrip(","))
        return None


@lru_cache(maxsize=1)
def _word_list() -> _WordLines | dict[str, int]:
    """English words and their frequencies (pyspellchecker's list, loaded once, when needed).

    The packaged list is searched as it stands when it is laid out one entry a
    line, in order; otherwise pyspellchecker decodes it.
    """
    packed = pkgutil.get_data("spellchecker", "resources/en.json.gz")
    text = gzip.decompress(packed).decode("utf-8") if packed else ""
    if _one_sorted_entry_a_line(text):
        return _WordLines(text)
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


_ENTRY = re.compile(r'"[^"\\A-Z]+": \d+,?')
_SAMPLED_LINES = 256


def _one_sorted_entry_a_line(text: str) -> bool:
    """A JSON object with one ``"word": count`` entry on each line between the
    braces, sorted, in lower case and without escapes (each word written as
    itself), judged from the ends and an even sample of lines: a full check
    would cost as much as splitting the list."""
    if not (text.startswith("{\n") and text.endswith("\n}")):
        return False
    lines = []
    for position in range(0, len(text), max(1, len(text) // _SAMPLED_LINES)):
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", start)
        if start >= 2 and end != -1 and end < len(text) - 1:
            lines.append(text[start:end])
    lines = list(dict.fromkeys(lines))
    return (bool(lines) and all(_ENTRY.fullmatch(line) for line in lines)
            and lines == sorted(lines))


# --- DOCX ----------------------------------------------------------------


def _docx_settings(doc: Document) -> Iterator[Finding]:
    settings = Location(source="document settings (w:autoHyphenation)")
    if doc.auto_hyphenation is None:
        yield Finding.manual("Whether automatic hyphenation is on could not be read.", settings)
    elif doc.auto_hyphenation:
        # Word hyphenates only scripts it has dictionaries for: not Arabic or Hebrew.
        hyphenated = [b for b in running_text(doc) if b.hyphenate is not False
                      and not b.right_to_left and _hyphenating_script(b.text)]
        if hyphenated:
            yield Finding.no(
                "Automatic hyphenation is switched on, so Word splits words at line ends "
                f"({len(hyphenated)} paragraph(s) of running text are hyphenated).",
                settings, paragraphs=len(hyphenated), measured_from="settings")
        else:
            yield Finding.info("Automatic hyphenation is on but does not apply to the running "
                               "text (turned off, or a script Word does not hyphenate).",
                               settings, measured_from="settings")
    by_style: dict[str | None, list[Block]] = {}
    for block in doc.blocks:
        if block.soft_hyphens:
            by_style.setdefault(block.style, []).append(block)
    for blocks in by_style.values():
        hyphens = sum(b.soft_hyphens for b in blocks)
        yield Finding.manual(
            f"{hyphens} optional hyphen(s) typed into {len(blocks)} paragraph(s): a word breaks "
            "there if the hyphen falls at the end of a line.",
            blocks[0].location, count=len(blocks), soft_hyphens=hyphens, measured_from="docx-xml")
