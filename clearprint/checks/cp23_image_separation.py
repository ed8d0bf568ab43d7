"""CP23: are images clearly separated from the text?

Type run across a picture is hard to read, and text that runs right up to a
picture seems to merge with it (RNIB 1998: "do not run type across a
photograph or illustration").

PDF: every line of text is compared with every picture on its page. A line
whose letters overlap the picture gives "no" (the painting order says whether
the text is over the picture or the picture covers the text). Otherwise the
clearance is the gap between the picture's inked pixels (white or transparent
parts inside its box are paper, such as the corners of a round seal:
analysis.images.content_box and ink_gaps) and the letters (x-height band to
descenders) of lines level with them or above or below them, in the line's
type size: below ``image_clearance_fail_em`` is "no", below
``image_clearance_review_em`` manual. Next to a small picture (under
``LOGO_PAGE_SHARE`` of the page: a logo, a seal) a short gap is manual, never
"no". Captions may sit as close as
``caption_clearance_min_em``. Text on a full-page background, or on a faint
picture (tone spread under ``FAINT_SPREAD``), is manual: CP02 measures its
contrast, as is text only on plain parts of a picture (a white label box in a
photo). Plain single-colour images are colour panels, drop shadows are not
pictures, and text on an opaque shape painted over a picture is on that shape,
so none of them counts. Bullets, icons and colour fills are not judged for
clearance, but one painted on top of words hides letters: "no".

DOCX: without a layout engine only the stated distances can be judged. Floating
pictures behind or in front of text are manual; the wrap distances of wrapped
pictures are compared with the same limits (left and right distances can give
"no"; top and bottom ones depend on where lines fall, so at worst manual).
An in-line picture's gap above and below is the spacing of the paragraphs
around it plus any empty paragraphs; its own paragraph spacing is not known,
so a small gap is manual, never "no".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from clearprint.analysis.images import (
    ImageMetrics,
    content_box,
    ink_gaps,
    is_decorative,
    is_fill,
    is_full_page,
    metrics,
    page_share,
    pictures,
    plain_under,
    visible_box,
)
from clearprint.analysis.text import body_size
from clearprint.checks import check
from clearprint.checks.phrases import image_label
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Image, Line, Location, Page, Role
from clearprint.results import Finding, Severity
from clearprint.textfacts import dominant_size, excerpt

WRAPPING = ("square", "tight", "through")
FAINT_SPREAD = 0.35  # a picture with less tone spread is a faint background (CP22's limit)
DEFAULT_SIZE = 12.0
DEFAULT_PITCH = 1.2  # line pitch in type sizes when a paragraph does not say
COVER_REACH_PT = 0.5  # ink this close to letters covers them
COVER_MIN_EM2 = 0.25  # a picture covers letters when it lies on at least this much of them (em squared)
LOGO_PAGE_SHARE = 0.02  # pictures smaller than this share of the page (logos, seals): clearance is manual


@check("CP23")
def image_separation(doc: Document, opts: Options) -> Iterator[Finding]:
    judge = _pdf_image if doc.format == "pdf" else _docx_image
    judged = 0
    context = _Context(doc)
    covering_seen: set[tuple[object, ...]] = set()  # one star may be two images (colour and shape)
    for image, page in pictures(doc):
        if page is not None and page.scanned:
            continue
        if is_decorative(image, page):
            if page is None or is_fill(image) or image.location.bbox is None:
                continue
            key = (page.number, *(round(v) for v in image.location.bbox))
            covering = None if key in covering_seen else _covering(context, image, page)
            if covering is not None:
                covering_seen.add(key)
                yield covering
            continue
        judged += 1
        finding = judge(context, image, page, opts)
        if finding is not None:
            yield finding
    if not judged and not doc.scanned_pages:
        yield Finding.na("No pictures (bullets, icons and colour fills aside).")


class _Context:
    """Per-document lookups, built once: lines per page (PDF), paragraphs by number (DOCX)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._lines: dict[int, list[_TextLine]] = {}
        self._paragraphs: dict[tuple[object, ...], list[Block]] | None = None

    def lines(self, page: Page) -> list[_TextLine]:
        if page.number not in self._lines:
            self._lines[page.number] = [
                _TextLine.of(line, block) for block in page.blocks if block.role is not Role.FURNITURE
                for line in block.lines if line.text.strip()
            ]
        return self._lines[page.number]

    def story(self, location: Location) -> list[Block]:
        """The paragraphs (with text) of the story and table cell the location is in, in order."""
        if self._paragraphs is None:
            self._paragraphs = {}
            for block in self.doc.blocks:
                if block.location.paragraph is not None:
                    self._paragraphs.setdefault(_story_key(block.location), []).append(block)
        return self._paragraphs.get(_story_key(location), [])


def _story_key(location: Location) -> tuple[object, ...]:
    return (location.part, location.table_cell)


# -- PDF -----------------------------------------------------------------------


@dataclass(slots=True)
class _TextLine:
    """A line's letters: x-height band down to the descenders, where a gap can be seen."""

    box: BBox
    size: float
    line: Line
    block: Block

    @classmethod
    def of(cls, line: Line, block: Block) -> _TextLine:
        x0, y0, x1, y1 = line.bbox
        size = dominant_size(line.spans) or (y1 - y0) / 1.2
        if x1 - x0 > y1 - y0 and y0 <= line.baseline <= y1:  # written along x: trim the line box
            y0, y1 = max(y0, line.baseline - 0.72 * size), min(y1, line.baseline + 0.2 * size)
        return cls((x0, y0, x1, y1), size, line, block)


def _pdf_image(context: _Context, image: Image, page: Page | None, opts: Options) -> Finding | None:
    box = visible_box(image, page) if page is not None else None
    if box is None or page is None:
        return None
    lines = [t for t in context.lines(page) if _near(t, box, opts)]
    if not lines:
        return None  # nothing close enough to matter: no need to decode the picture
    full_page = is_full_page(box, page)
    measured = None if full_page else metrics(context.doc, image)
    if measured is not None and (measured.plain or measured.shadow):
        return None  # a colour panel or a flattened drop shadow: CP02 judges what lies on it
    inked = box if full_page else content_box(context.doc, image, page)
    if inked is None:
        return None  # a blank (white or transparent) image
    over = [t for t in lines if _overlaps(t.box, inked, t.size) and not _on_a_panel(t, image, page)]
    gaps = {id(t): gap for t in lines if (gap := _gap(t.box, inked)) is not None}
    if not full_page:
        _to_the_ink(context.doc, image, [t for t in lines if id(t) in gaps], gaps, opts)
        over = [t for t in over if gaps.get(id(t)) == 0]
    if over:
        return _text_over(context.doc, image, page, box, over, full_page, measured)
    if measured is not None and measured.tone_spread < FAINT_SPREAD and \
            any(_overlaps(t.box, box, t.size) for t in lines):
        return _faint(page, box, [t for t in lines if _overlaps(t.box, box, t.size)], measured)
    worst: tuple[float, _TextLine] | None = None
    close = 0
    for text in lines:
        gap = gaps.get(id(text))
        if gap is None:
            continue
        em = gap / text.size
        if em < _limit(text, opts)[1]:
            close += 1
            if worst is None or em < worst[0]:
                worst = (em, text)
    if worst is None:
        return None
    em, text = worst
    fail, review = _limit(text, opts)
    where = Location(page=page.number, bbox=box, rotation=page.rotation or None,
                     excerpt=excerpt(text.line.text))
    data = {"clearance_em": round(em, 2), "lines": close, "line_bbox": [round(v, 1) for v in text.box]}
    what = "A caption" if text.block.role is Role.CAPTION else "Text"
    small = page_share(box, page) < LOGO_PAGE_SHARE
    picture = "a small picture (a logo or seal)" if small else "a picture"
    message = f"{what} comes within {em:.2f} em of {picture} ({close} line(s) closer than {review:g} em)"
    if em < fail and not small:
        return Finding.no(message + f"; needs at least {fail:g} em.", where, **data)
    return Finding.manual(message + ": check the picture stands clear of the text.", where, **data)


def _to_the_ink(doc: Document, image: Image, lines: list[_TextLine], gaps: dict[int, float],
                opts: Options) -> None:
    """Measure the close lines to the picture's inked pixels rather than its box:
    the corners of a round seal's box are paper. Lines already clear stay as they are."""
    close = [t for t in lines if gaps[id(t)] < _limit(t, opts)[1] * t.size]
    if not close:
        return
    reach = max(_limit(t, opts)[1] * t.size for t in close)
    for text, gap in zip(close, ink_gaps(doc, image, [t.box for t in close], reach), strict=True):
        if gap is not None:
            gaps[id(text)] = max(gaps[id(text)], gap)


def _covering(context: _Context, image: Image, page: Page) -> Finding | None:
    """A small picture (a star, an icon) painted after the text it lies on, hiding letters.

    Icons are not judged for clearance, but one printed over words hides them
    whatever its size. It must lie on a fair part of the letters (a quarter of
    an em square), and its ink with them: a transparent corner over text hides
    nothing. A picture with text printed on it in turn is a glow or a patch
    behind that text, not a picture over the text it touches. When the pixels
    cannot be read, a person looks.
    """
    box = visible_box(image, page)
    if box is None or image.order is None:
        return None
    lines = [t for t in context.lines(page) if _overlaps(t.box, box, t.size)]
    if any(s.order is not None and s.order > image.order for t in lines for s in t.line.spans):
        return None  # text printed on it: a glow or patch behind text, not a picture over it
    under = [t for t in lines if any(
        s.order is not None and s.order < image.order and s.bbox is not None
        and _area(_clipped(s.bbox, box)) >= COVER_MIN_EM2 * t.size ** 2 for s in t.line.spans)]
    if not under:
        return None
    letters = [_clipped(t.box, box) for t in under]
    gaps = ink_gaps(context.doc, image, letters, COVER_REACH_PT)
    hidden = [t for t, gap in zip(under, gaps, strict=True) if gap is None or gap == 0]
    if not hidden:
        return None
    where = Location(page=page.number, bbox=box, rotation=page.rotation or None,
                     excerpt=excerpt(hidden[0].line.text))
    if any(gap is None for gap in gaps):
        return Finding.manual(f"A small picture is printed on top of {len(hidden)} line(s) of text: "
                              "check it does not hide any letters.", where, lines=len(hidden))
    return Finding.no(f"A picture is printed on top of {len(hidden)} line(s) of text and hides "
                      "letters.", where, lines=len(hidden))


def _clipped(a: BBox, b: BBox) -> BBox:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _near(text: _TextLine, box: BBox, opts: Options) -> bool:
    """Over the picture's box, or closer to it than the review clearance."""
    gap = _gap(text.box, box)
    return gap is not None and gap < _limit(text, opts)[1] * text.size


def _limit(text: _TextLine, opts: Options) -> tuple[float, float]:
    """Clearance below which a line gives "no", and below which it is looked at (em)."""
    if text.block.role is Role.CAPTION:
        return opts.caption_clearance_min_em, opts.caption_clearance_min_em
    return opts.image_clearance_fail_em, opts.image_clearance_review_em


def _overlaps(a: BBox, b: BBox, size: float) -> bool:
    """Letters over the picture: more than a sliver across and a quarter of the type size down."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width > 1.0 and height > 0.25 * size


def _gap(a: BBox, b: BBox) -> float | None:
    """The gap between two boxes side by side or one above the other (None: diagonal)."""
    dx = max(a[0] - b[2], b[0] - a[2])
    dy = max(a[1] - b[3], b[1] - a[3])
    if dx <= 0 and dy <= 0:
        return 0.0
    if dx <= 0:
        return dy
    if dy <= 0:
        return dx
    return None


def _faint(page: Page, box: BBox, over: list[_TextLine], measured: ImageMetrics) -> Finding:
    where = Location(page=page.number, bbox=box, rotation=page.rotation or None,
                     excerpt=excerpt(over[0].line.text))
    return Finding.manual(f"{len(over)} line(s) printed over a faint background picture: check "
                          "nothing in it gets in the way of the letters (CP02 measures contrast).",
                          where, lines=len(over), tone_spread=measured.tone_spread)


def _on_a_panel(text: _TextLine, image: Image, page: Page) -> bool:
    """Text on an opaque shape painted over the picture (a label box on a photo)."""
    orders = [s.order for s in text.line.spans if s.order is not None]
    if image.order is None or not orders:
        return False
    x0, y0, x1, y1 = text.box
    return any(
        shape.fill is not None and shape.opacity >= 0.9 and shape.order is not None
        and image.order < shape.order < min(orders)
        and shape.bbox[0] <= x0 + 1 and shape.bbox[1] <= y0 + 1 and shape.bbox[2] >= x1 - 1
        and shape.bbox[3] >= y1 - 1
        for shape in page.shapes
    )


def _text_over(doc: Document, image: Image, page: Page, box: BBox, over: list[_TextLine],
               full_page: bool, measured: ImageMetrics | None) -> Finding:
    first = over[0]
    where = Location(page=page.number, bbox=box, rotation=page.rotation or None,
                     excerpt=excerpt(first.line.text))
    data: dict[str, object] = {"lines": len(over)}
    if full_page:
        return Finding.manual(f"{len(over)} line(s) printed over a full-page background picture: "
                              "check the picture is plain behind the text (CP02 measures contrast).",
                              where, **data)
    if measured is not None and measured.tone_spread < FAINT_SPREAD:
        return _faint(page, box, over, measured)
    plain = plain_under(doc, image, [t.box for t in over])
    busy = [t for t, flat in zip(over, plain, strict=True) if not flat]
    if not busy:
        return Finding.manual(f"{len(over)} line(s) printed on a plain part of a picture (a label box, "
                              "an empty sky): check the letters stand clear of the picture.", where, **data)
    over = busy
    data["lines"] = len(over)
    where = where.but(excerpt=excerpt(over[0].line.text))
    orders = [s.order for t in over for s in t.line.spans if s.order is not None]
    if image.order is not None and orders and image.order > min(orders):
        return Finding.no(f"A picture is printed over {len(over)} line(s) of text.", where, **data)
    return Finding.no(f"{len(over)} line(s) of text printed over a picture.", where, **data)


# -- DOCX ----------------------------------------------------------------------


def _docx_image(context: _Context, image: Image, page: Page | None, opts: Options) -> Finding | None:
    size = body_size(context.doc) or DEFAULT_SIZE
    label = image_label(image)
    where = image.location.but(excerpt=image.location.excerpt or image.name)
    if image.wrap == "none" or image.behind_text:
        layer = "behind" if image.behind_text else "in front of"
        return Finding.manual(f"{label} floats {layer} the text: check no text runs over it "
                              "(clearprint cannot lay out the page).", where, name=image.name)
    if image.wrap in WRAPPING or image.wrap == "top-and-bottom":
        return _distances(image, label, where, size, opts)
    if image.wrap == "inline":
        return _inline(context, image, label, where, size, opts)
    return None


def _distances(image: Image, label: str, where: Location, size: float, opts: Options) -> Finding | None:
    """Wrap distances: left/right facing text can give "no"; top/bottom at worst manual."""
    if image.distance is None:
        return None
    top, bottom, left, right = image.distance
    sides = []
    if image.wrap in WRAPPING:
        facing = {"left": [right], "right": [left]}.get(image.h_align or "", [left, right])
        sides.append(("beside", min(facing)))
    sides.append(("above or below", min(top, bottom)))
    for side, distance in sides:
        em = distance / size
        if em >= opts.image_clearance_review_em:
            continue
        data = {"distance_pt": round(distance, 1), "distance_em": round(em, 2), "wrap": image.wrap}
        message = f"{label} keeps text only {distance:.1f} pt ({em:.2f} em) away {side} it"
        if side == "beside" and em < opts.image_clearance_fail_em:
            return Finding.no(message + f"; needs at least {opts.image_clearance_fail_em:g} em.",
                              where, **data)
        return Finding.manual(message + ": check it stands clear of the text.", where, **data)
    return None


def _inline(context: _Context, image: Image, label: str, where: Location, size: float,
            opts: Options) -> Finding | None:
    """The space above and below an in-line picture, from the paragraphs around it."""
    number = image.location.paragraph
    if number is None:
        return None
    story = context.story(image.location)
    numbers = [b.location.paragraph or 0 for b in story]
    at = bisect.bisect_left(numbers, number)
    if at < len(story) and numbers[at] == number:
        return Finding.manual(f"{label} sits in a line of text: check it stands clear of the words.",
                              where, name=image.name)
    before = story[at - 1] if at > 0 else None
    after = story[at] if at < len(story) else None
    gaps = []
    if before is not None:
        empty = number - (before.location.paragraph or 0) - 1
        gaps.append((before.space_after or 0.0) + empty * _pitch(before))
    if after is not None:
        empty = (after.location.paragraph or 0) - number - 1
        gaps.append((after.space_before or 0.0) + empty * _pitch(after))
    if not gaps or min(gaps) >= opts.image_clearance_review_em * size:
        return None
    gap = min(gaps)
    return Finding(Severity.MANUAL,
                   f"{label} has {gap:.0f} pt ({gap / size:.1f} em) of paragraph spacing between it "
                   "and the text next to it, not counting its own paragraph's: check it stands clear.",
                   where, {"gap_pt": round(gap, 1), "gap_em": round(gap / size, 2)})


def _pitch(block: Block) -> float:
    return block.line_pitch or (dominant_size(block.spans) or DEFAULT_SIZE) * DEFAULT_PITCH
