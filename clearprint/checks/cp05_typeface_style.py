"""CP05: is the typeface roman, semi-bold or bold?

Italic, light, script and decorative faces are harder to read with low vision.
A few italic words in a paragraph (a title of a work, say) are left to a
person; whole italic passages are a "no". Mathematical notation is not italic
text: variables set in one italic letter ("y = 2x") and symbols from fonts
that carry an italic angle (TeX's bullets and braces) are not counted as words.
Condensed and very heavy faces are asked about rather than failed.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.analysis.text import spans_location, spans_text
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document, Span
from clearprint.results import Finding
from clearprint.textfacts import visible

FAILING_TRAITS = {"light": "a light weight", "script": "a script face", "decorative": "a decorative face"}
DOUBTFUL_TRAITS = {"condensed": "a condensed face", "black": "a very heavy (black) weight",
                   "type3": "a Type 3 font whose style cannot be read"}


@check("CP05")
def typeface_style(doc: Document, opts: Options) -> Iterator[Finding]:
    underlined = 0
    for block in doc.blocks:
        spans = [s for s in block.spans if visible(s)]
        yield from _italic(block, spans, opts.allow_italic_words)
        yield from _traits(block, spans, opts.min_font_weight, opts.heavy_font_weight)
        underlined += len(spans_text(block, [s for s in spans if s.underline]).split())
    if underlined:
        yield Finding.info(f"{underlined} underlined word(s): RNIB advises against underlining.",
                           words=underlined)


def _italic(block: Block, spans: list[Span], allowed_words: int) -> Iterator[Finding]:
    italic = [s for s in spans if s.italic and not _notation(s)]
    words = len(spans_text(block, italic).split())
    if not words:
        return
    location = spans_location(block, italic, source=_font_names(italic))
    if words <= allowed_words and any(not s.italic and not _notation(s) for s in spans):
        yield Finding.manual(f"{words} italic word(s) in a paragraph: fine for a title of a work, "
                             "otherwise use bold for emphasis.", location, words=words)
    else:
        yield Finding.no(f"{words} words set in italic.", location, words=words,
                         fonts=_font_names(italic))


def _notation(span: Span) -> bool:
    """Whether a run holds no word of two letters: a variable ("y"), a sign or a bullet.

    Mathematics sets variables in italic one letter at a time, and TeX's symbol
    fonts carry an italic angle; neither is italic text to read. A word that
    Word split into runs ("J" + "ournal") still counts through its longer run.
    """
    return not any(sum(ch.isalpha() for ch in word) >= 2 for word in span.text.split())


def _traits(block: Block, spans: list[Span], min_weight: int, heavy_weight: int) -> Iterator[Finding]:
    """Light and black come from the weight class against the options; the other traits
    (script, decorative, condensed) from the font program or name as the reader found them."""
    failing: dict[str, list[Span]] = {}
    doubtful: dict[str, list[Span]] = {}
    for span in spans:
        traits = set(span.traits)
        if span.weight is not None and span.weight < min_weight:
            traits.add("light")
        if span.weight is not None and span.weight >= heavy_weight:
            traits.add("black")
        for trait in sorted(traits):  # sorted: a set's order changes from one run to the next
            if trait in FAILING_TRAITS:
                failing.setdefault(trait, []).append(span)
            elif trait in DOUBTFUL_TRAITS:
                doubtful.setdefault(trait, []).append(span)
    for trait, hits in failing.items():
        yield Finding.no(f"Text set in {FAILING_TRAITS[trait]} ({_font_names(hits)}).",
                         spans_location(block, hits), trait=trait, fonts=_font_names(hits))
    for trait, hits in doubtful.items():
        yield Finding.manual(f"Text set in {DOUBTFUL_TRAITS[trait]} ({_font_names(hits)}): "
                             "check it reads clearly.", spans_location(block, hits), trait=trait)


def _font_names(spans: list[Span]) -> str:
    return ", ".join(sorted({s.font for s in spans if s.font})) or "unknown font"
