"""CP02: does the text contrast clearly with the background?

Every visible span is measured against what lies directly behind it
(``clearprint.analysis.contrast``) with the WCAG contrast ratio: 4.5:1 for
normal text, 3:1 for large text (18 pt, or 14 pt bold). Pale grey, yellow and
pale-on-tint text fail through the ratio itself; text the colour of its
background (white on white) is reported as invisible. Text over a picture or
pattern is never assumed to sit on white: when its background was sampled
from pixels and even the weak parts of it (the 10th-percentile contrast) pass,
it passes with a note; otherwise a person must look. One finding per
paragraph, for its worst span.

A DOCX page background that is a picture, texture or gradient (Word's "Fill
Effects") is one finding for all the text on it: a person must look.

Two things a reader cannot see are left to a person rather than failed: white
DOCX text on a page nothing is known to cover (a VML text box's fill, a shape
behind the text), and PDF labels printed on icon-font glyphs (road numbers on
map shields). Text nobody reads for its words is not judged, only counted:
icon-font glyphs, the shadow copies of shadowed lettering, faint watermarks,
and runs of punctuation alone (a dot coloured to pad out a decorative band).
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.analysis.background import (
    Background,
    hex_colour,
)
from clearprint.analysis.contrast import HIDDEN_RATIO, TEXTURE_SOURCE, Measure, measured_values, measures
from clearprint.analysis.text import spans_location
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document
from clearprint.results import Finding

LEFT_OUT = {"icon": "icon glyph(s)", "shadow": "text shadow(s)", "watermark": "watermark(s)",
            "punctuation": "run(s) of punctuation alone"}


@check("CP02")
def text_contrast(doc: Document, opts: Options) -> Iterator[Finding]:
    measured = measures(doc, opts)
    normal_goal, large_goal = opts.recommended_contrast_ratio, opts.recommended_large_text_contrast_ratio
    mixed_pass: list[Block] = []
    on_texture: list[Block] = []
    below_recommended = 0
    for block in doc.blocks:
        found = [m for s in block.spans if (m := measured.by_span.get(id(s))) is not None]
        failing, doubtful = _failing_and_doubtful(found)
        if failing:
            yield _failure(block, failing)
        elif doubtful and all(m.background.source.startswith(TEXTURE_SOURCE) for m in doubtful):
            on_texture.append(block)
        elif doubtful:
            yield _doubt(block, doubtful)
        else:
            if any(m.mixed for m in found):
                mixed_pass.append(block)
            if any(m.ratio is not None and m.ratio < (large_goal if m.large else normal_goal)
                   for m in found):
                below_recommended += 1
    if on_texture:
        yield Finding.manual(
            f"The page background is a {doc.page_texture or 'picture'}: the contrast of "
            f"{len(on_texture)} paragraph(s) printed on it cannot be measured. Check by eye that "
            "the text stands out everywhere, or use a plain pale background.",
            on_texture[0].location, count=len(on_texture), bg_source="page background picture",
        )
    if mixed_pass:
        pages = sorted({b.page for b in mixed_pass if b.page is not None})
        yield Finding.info(
            f"{len(mixed_pass)} paragraph(s) sit on a picture or pattern; the contrast was measured "
            "from the page and is enough everywhere, but check they read easily"
            + (f" (pages {', '.join(map(str, pages[:10]))})." if pages else "."),
            count=len(mixed_pass), pages=pages,
        )
    if below_recommended:
        yield Finding.info(
            f"{below_recommended} paragraph(s) pass but are below the recommended contrast "
            f"({opts.recommended_contrast_ratio:g}:1, or {opts.recommended_large_text_contrast_ratio:g}:1 "
            "for large text).",
            count=below_recommended,
        )
    if measured.left_out:
        reasons = ", ".join(f"{n} {LEFT_OUT[r]}" for r, n in sorted(measured.left_out.items()))
        yield Finding.info(f"Not judged, as not text to read: {reasons}.", **dict(measured.left_out))
    hidden = sum(page.hidden_chars for page in doc.pages)
    if hidden:
        yield Finding.info(f"{hidden} characters of invisible text (such as a scan's OCR layer) "
                           "were left out.", hidden_chars=hidden)


def _failing_and_doubtful(found: list[Measure]) -> tuple[list[Measure], list[Measure]]:
    """The spans below their limit, and the others that a person must judge."""
    failing: list[Measure] = []
    doubtful: list[Measure] = []
    for m in found:
        if m.fails:
            failing.append(m)
        elif m.doubtful:
            doubtful.append(m)
    return failing, doubtful


def _failure(block: Block, failing: list[Measure]) -> Finding:
    """A "no" for text a reader sees but cannot read well.

    Text the same colour as its background cannot be seen at all: it is often
    hidden on purpose (printer's slugs, notes to the typesetter), so a person
    decides rather than the report calling a good document a failure.
    """
    seen = [m for m in failing if m.ratio is None or m.ratio >= HIDDEN_RATIO]
    worst = min(seen or failing, key=lambda m: (m.ratio or 0) / m.needed)
    fg, bg = hex_colour(worst.fg), hex_colour(worst.background.colour)
    where = worst.background.source
    location = spans_location(block, [m.span for m in seen or failing])
    if not seen:
        return Finding.manual(
            f"Text is the same colour as its background ({fg} on {bg}, {where}): it cannot be "
            "seen. If it is meant to be read, give it a dark colour; if it is hidden on purpose "
            "(printer's marks, notes to the typesetter), remove it.",
            location, spans=len(failing), **measured_values(worst))
    message = (f"Text colour {fg} on {bg} ({where}) gives {worst.shown}:1; "
               f"it needs at least {worst.needed:g}:1.")
    return Finding.no(message, location, spans=len(seen), **measured_values(worst))


def _doubt(block: Block, doubtful: list[Measure]) -> Finding:
    worst = min(doubtful, key=lambda m: (m.low or m.ratio or 0) / m.needed)
    if worst.fg is None:
        message = "The colour of this text could not be read: check its contrast by eye."
    elif worst.page_coloured:
        message = (f"Text in {hex_colour(worst.fg)} would be invisible on the page "
                   f"({hex_colour(worst.background.colour)}) unless a shape or box fill that clearprint "
                   "cannot read lies behind it: check it by eye.")
    elif worst.background.colour is None:
        message = (f"Text ({hex_colour(worst.fg)}) over {_behind(worst.background)} whose colours "
                   "could not be measured: check its contrast by eye.")
    else:
        share = round(100 * (worst.background.share or 0))
        message = (f"Text ({hex_colour(worst.fg)}) over {_behind(worst.background)} of mixed colours "
                   f"(the commonest, {hex_colour(worst.background.colour)}, covers {share} % and gives "
                   f"{worst.shown}:1); the weakest parts give {worst.shown_low}:1 "
                   f"(needs {worst.needed:g}:1). Check it by eye.")
    return Finding.manual(message, spans_location(block, [m.span for m in doubtful]),
                          spans=len(doubtful), **measured_values(worst))


def _behind(background: Background) -> str:
    if background.over_image:
        return "a picture"
    if background.source.startswith("symbol"):
        return f"a {background.source}"
    return f"a pattern or shaped fill ({background.source})"


