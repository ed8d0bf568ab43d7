"""CP22: if there are images, are they clearly defined and easy to read?

Resolution as printed is measured: below ``min_image_ppi`` a picture looks
blocky or soft whatever it shows ("no"); up to ``good_image_ppi`` it may.
Tones and edges are measured from the pixels (analysis.images): a narrow
spread between dark and light, or very weak edges, is pointed out. Only a
person can say a picture is easy to read, so even good figures give "manual"
unless ``images_auto_pass`` is set (measurement spec D: resolution alone can
give "no"). Bullets, icons, rules, one-pixel colour fills, pictures of one
plain colour and drop shadows flattened into pixels (one flat tone fading to
paper, as InDesign exports them) are not judged.
Scanned pages are pictures too: their resolution is measured here, while the
engine flags their text for the text questions. A DOCX chart is drawn by Word
from data, and a Windows metafile (EMF/WMF) is a vector drawing, so neither
has a resolution: both are always left to a person.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from clearprint.analysis.images import ImageMetrics, is_decorative, metrics, pictures, visible_box
from clearprint.checks import check
from clearprint.checks.phrases import image_label
from clearprint.config import Options
from clearprint.model import Document, Image, Location, Page
from clearprint.results import Finding, Severity

MAX_MEASURED = 60  # distinct pictures decoded per document; the rest are left to a person
PLAIN = "plain"  # one flat colour (a panel, a shape cut out by a mask) or a drop shadow: not a picture


@dataclass(slots=True)
class Group:
    """The same picture placed in several places (a logo on every page)."""

    image: Image
    page: Page | None
    places: list[Location] = field(default_factory=list)


@check("CP22", needs_text=False)
def image_clarity(doc: Document, opts: Options) -> Iterator[Finding]:
    groups: dict[tuple[object, ...], Group] = {}
    skipped = 0
    for image, page in pictures(doc):
        if is_decorative(image, page):
            skipped += 1
            continue
        group = groups.setdefault(_identity(image, page), Group(image, page))
        group.places.append(_location(image, page))
    clear: list[Group] = []
    judged = measured = 0
    for group in groups.values():
        finding, decoded = _judge(doc, group, opts, may_decode=measured < MAX_MEASURED)
        measured += decoded
        if finding == PLAIN:
            skipped += len(group.places)
            continue
        judged += 1
        if finding is None:
            clear.append(group)
        elif isinstance(finding, Finding):
            yield finding
    if not judged:
        yield Finding.na("No pictures." if not skipped else
                         f"No pictures to judge ({skipped} icons, rules, plain colour fills "
                         "or shadows only).")
        return
    if clear and not opts.images_auto_pass:
        count = sum(len(g.places) for g in clear)
        yield Finding.manual(
            f"{count} picture(s) with good resolution and contrast: check by eye that each is "
            "clear, simple and easy to read (text inside pictures cannot be checked here).",
            clear[0].places[0], count=count,
        )
    if skipped:
        yield Finding.info(f"{skipped} icons, rules, plain colour fills or shadows were not judged.",
                           skipped=skipped)


def _judge(doc: Document, group: Group, opts: Options, may_decode: bool) -> tuple[Finding | str | None, int]:
    """A finding for one picture (None when its figures are all good, PLAIN for one flat
    colour), and whether it was decoded."""
    image, where, count = group.image, group.places[0], len(group.places)
    name = _name(image, count)
    if image.kind == "chart":
        return Finding.manual(f"{name} is drawn by Word from its data: check by eye that its labels "
                              "are large enough and its colours and lines easy to tell apart.",
                              where, count=count, kind="chart"), 0
    if image.kind == "drawing":
        return Finding.manual(f"{name} is a vector drawing (a Windows metafile), so it has no "
                              "resolution to measure: check by eye that its lines and any text in "
                              "it are clear.", where, count=count, kind="drawing"), 0
    if image.linked:
        return Finding.manual(f"{name} is linked, not stored in the file: check the printed "
                              "copy shows it sharply.", where, count=count), 0
    ppi = image.effective_ppi
    data: dict[str, object] = {"ppi": round(ppi) if ppi else None,
                               "pixels": [image.pixel_width, image.pixel_height]}
    if ppi is None:
        return Finding.manual(f"The resolution of {_lower_first(name)} could not be measured.",
                              where, count=count, **data), 0
    if round(ppi) < opts.good_image_ppi and may_decode:
        early = metrics(doc, image)  # low resolution matters only for a real picture
        if early is not None and (early.plain or early.shadow):
            return PLAIN, 1
    if round(ppi) < opts.min_image_ppi:
        return Finding.no(f"{name} is printed at {ppi:.0f} pixels per inch (needs at least "
                          f"{opts.min_image_ppi:g}): it will look blocky or blurred.",
                          where, count=count, **data), 0
    if round(ppi) < opts.good_image_ppi:
        return Finding.manual(f"{name} is printed at {ppi:.0f} pixels per inch (below "
                              f"{opts.good_image_ppi:g}): check it looks sharp.",
                              where, count=count, **data), 0
    if not may_decode:
        return Finding.manual(f"{name}: tones not measured (too many pictures); check by eye.",
                              where, count=count, **data), 0
    measured = metrics(doc, image)
    if measured is None:
        return Finding.manual(f"The pixels of {_lower_first(name)} could not be read: check it by eye.",
                              where, count=count, **data), 1
    data.update(tone_spread=measured.tone_spread, sharpness=measured.sharpness)
    if measured.plain or measured.shadow:
        return PLAIN, 1
    problem = _problem(measured, opts)
    if problem:
        return Finding(Severity.MANUAL, f"{name} {problem}: check it is easy to make out.",
                       where, data, count), 1
    return None, 1


def _problem(measured: ImageMetrics, opts: Options) -> str | None:
    least = opts.min_image_tone_spread
    if measured.tone_spread < least and measured.detail_spread < least:
        return f"has low contrast (tone spread {measured.tone_spread:.2f}, needs {least:g})"
    if measured.sharpness < opts.min_image_sharpness:
        return f"may be blurred (edge strength {measured.sharpness:.0f})"
    return None


def _identity(image: Image, page: Page | None) -> tuple[object, ...]:
    """Pictures with the same pixels and printed size are one picture placed again."""
    box = visible_box(image, page)
    size = (round(box[2] - box[0]), round(box[3] - box[1])) if box else (
        round(image.placed_width or 0), round(image.placed_height or 0))
    if image.pixel_width is None:
        return (id(image),)
    return (image.pixel_width, image.pixel_height, size, image.linked)


def _location(image: Image, page: Page | None) -> Location:
    box = visible_box(image, page)
    where = image.location.but(bbox=box) if box is not None else image.location
    if where.excerpt is None and image.name:
        where = where.but(excerpt=image.name)
    return where


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _name(image: Image, count: int) -> str:
    label = image_label(image)
    return f"{label} (placed {count} times)" if count > 1 else label
