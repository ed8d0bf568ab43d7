"""CP03: if the type is reversed, does it contrast sufficiently and is it big enough?

Reversed type is text lighter than what lies behind it: its relative
luminance exceeds the background's by ``reversed_luminance_margin``. White
letters on a dark ground look smaller and thinner than black ones, so RNIB
asks for reversed type to be big and heavy enough as well as contrasting:
CP02's contrast limits, at least ``reversed_min_size`` (or
``reversed_min_bold_size`` in bold or semi-bold), and never a light weight.
Word's Automatic colour on dark shading prints white, so it is reversed too.

Light text on a picture or pattern is judged from the sampled pixels when
even the weak parts of the background contrast enough; otherwise a person
must look. No reversed text at all: n/a.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.analysis.background import Background, hex_colour, luminance
from clearprint.analysis.contrast import Measure, is_bold, measured_values, measures
from clearprint.analysis.text import spans_location
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Block, Document, Span
from clearprint.results import Finding

LIGHT_TEXT_LUMINANCE = 0.5  # light text over an unmeasured picture is probably reversed


@check("CP03")
def reversed_type(doc: Document, opts: Options) -> Iterator[Finding]:
    measured = measures(doc, opts).by_span
    margin = opts.reversed_luminance_margin
    judged = 0
    for block in doc.blocks:
        reversed_ = [m for s in block.spans if (m := measured.get(id(s))) and is_reversed(m, margin)]
        if reversed_:
            judged += 1
            yield from _block_findings(block, reversed_, opts)
    if not judged:
        yield Finding.na("No reversed text (light text on a darker background) was found.")
    else:
        yield Finding.info(f"{judged} paragraph(s) with reversed text were found.", count=judged)


def is_reversed(m: Measure, margin: float) -> bool:
    """Lighter than the background by more than ``margin`` (the option
    ``reversed_luminance_margin``); light text on an unmeasured picture counts too."""
    if m.fg is None:
        return False
    if m.background.colour is None:
        return m.background.over_image and luminance(m.fg) >= LIGHT_TEXT_LUMINANCE
    return luminance(m.fg) > luminance(m.background.colour) + margin


def _block_findings(block: Block, reversed_: list[Measure], opts: Options) -> Iterator[Finding]:
    """One finding per paragraph: every way its reversed text falls short, or why it needs a person."""
    unsure = [m for m in reversed_ if m.doubtful]
    measured = [m for m in reversed_ if not m.doubtful]
    low = [m for m in measured if m.fails]
    small = [m for m in measured if _too_small(m.span, opts)]
    light = [m for m in measured if _light(m.span, opts)]
    problems: list[str] = []
    if low:
        worst = min(low, key=lambda m: (m.ratio or 0) / m.needed)
        problems.append(f"contrast {worst.shown}:1 (needs {worst.needed:g}:1)")
    if small:
        smallest = min(small, key=lambda m: m.span.size or 0)
        weight = "bold" if is_bold(smallest.span) else "regular"
        problems.append(f"set in {smallest.span.size:g} pt {weight} (needs {opts.reversed_min_size:g} pt, "
                        f"or {opts.reversed_min_bold_size:g} pt in bold)")
    if light:
        problems.append(f"a light weight ({_fonts(light)})")
    if problems:
        hits = low + small + light
        example = min(low, key=lambda m: (m.ratio or 0) / m.needed) if low else hits[0]
        data = _data(example)
        data["size_pt"] = min((m.span.size for m in hits if m.span.size), default=None)
        data["problems"] = [name for name, found in (("contrast", low), ("size", small), ("weight", light))
                            if found]
        yield Finding.no(
            f"Reversed text ({hex_colour(example.fg)} on {hex_colour(example.background.colour)}, "
            f"{example.background.source}): {'; '.join(problems)}.",
            spans_location(block, list({id(m.span): m.span for m in hits}.values())), **data,
        )
        return
    unsized = [m for m in measured if m.span.size is None]
    if unsized:
        yield Finding.manual("The size of this reversed text could not be read.",
                             spans_location(block, [m.span for m in unsized]))
    if unsure:
        worst = unsure[0]
        sizes = sorted({m.span.size for m in unsure if m.span.size is not None})
        yield Finding.manual(
            f"Light text ({hex_colour(worst.fg)}) over {_behind(worst.background)}: its contrast "
            "could not be measured everywhere; check that it stands out and is big and heavy "
            f"enough{' (' + ', '.join(f'{s:g}' for s in sizes) + ' pt)' if sizes else ''}.",
            spans_location(block, [m.span for m in unsure]), **_data(worst),
        )


def _fonts(found: list[Measure]) -> str:
    return ", ".join(sorted({m.span.font for m in found if m.span.font})) or "unknown font"


def _too_small(span: Span, opts: Options) -> bool:
    """Below the reversed minimum; short superscript marks are left to CP01."""
    if span.size is None:
        return False
    if span.superscript and len(span.text.strip()) <= opts.superscript_marker_max_chars:
        return False
    minimum = opts.reversed_min_bold_size if is_bold(span) else opts.reversed_min_size
    return span.size < minimum - opts.type_size_tolerance


def _light(span: Span, opts: Options) -> bool:
    return span.weight is not None and span.weight < opts.min_font_weight


def _behind(background: Background) -> str:
    return "a picture" if background.over_image else f"a mixed background ({background.source})"


def _data(m: Measure) -> dict[str, object]:
    return {**measured_values(m), "bold": is_bold(m.span)}
