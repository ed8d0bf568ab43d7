"""CP06: have you avoided capital letters in whole sentences?

A word or two in capitals is fine (RNIB), acronyms too. A sentence of three or
more words all in capitals, or five capital words in a row, is a "no". Text
shown in capitals by a property (Word's "All caps" on lower-case letters)
counts exactly as typed capitals do, because that is what the reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from clearprint.analysis.text import excerpt, has_text
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document, Role
from clearprint.results import Finding

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
TITLE_ROLES = (Role.HEADING, Role.TITLE)


@check("CP06")
def capitals(doc: Document, opts: Options) -> Iterator[Finding]:
    if not has_text(doc):
        if not doc.scanned_pages:
            yield Finding.na("The document has no text.")
        return
    for block in doc.blocks:
        text = shown_text(block)
        if not text.strip():
            continue
        if block.role in TITLE_ROLES:
            judged = [w for w in _words(text) if _has_letter(w) and not _is_neutral(w)]
            if len(judged) > opts.caps_heading_max_words and all(_is_capital(w) for w in judged):
                yield Finding.manual("Heading of more than three words in capitals: "
                                     "sentence case is easier to read.",
                                     _location(block, text), words=len(judged))
            continue
        run = _capital_stretch(text, opts.caps_min_words, opts.caps_sentence_min_words)
        if run:
            yield Finding.no(f"{len(run.split())} words in a row in capitals.",
                             _location(block, run), words=len(run.split()),
                             caps_property=any(s.caps or s.small_caps for s in block.spans))


def shown_text(block: Block) -> str:
    """The paragraph as printed: spans with a capitals property are upper-cased."""
    return "".join(s.text.upper() if (s.caps or s.small_caps) else s.text for s in block.spans)


def _capital_stretch(text: str, run_words: int, sentence_words: int) -> str | None:
    """The first offending stretch: a whole capital sentence, or a long run of capital words."""
    for sentence in SENTENCE_END.split(text):
        words = [w for w in _words(sentence) if _has_letter(w)]
        judged = [w for w in words if not _is_neutral(w)]
        if len(judged) >= sentence_words and all(_is_capital(w) for w in judged):
            return sentence.strip()
        run: list[str] = []
        for word in words:
            if _is_capital(word) or (run and _is_neutral(word)):
                run.append(word)
                if sum(1 for w in run if _is_capital(w)) >= run_words:
                    return " ".join(run)
            else:
                run = []
    return None


def _words(text: str) -> list[str]:
    return text.split()


def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _is_neutral(word: str) -> bool:
    """One-letter words ("I", "A") say nothing about capitals."""
    return len(_letters(word)) < 2


def _is_capital(word: str) -> bool:
    letters = _letters(word)
    return len(letters) >= 2 and letters.upper() == letters and letters.lower() != letters


def _location(block: Block, text: str):
    return block.location.but(excerpt=excerpt(text))
