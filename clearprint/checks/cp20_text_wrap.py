"""CP20: have you avoided setting text around illustrations?

Text set around a picture on its left (or on both sides) starts its lines in a
new place beside the picture, and readers lose the left edge they return to.
A picture on the right only shortens lines, which RNIB says is fine.

PDF: for each picture, the lines of running text beside it are compared with
the same column's lines just above or below it (within ``FLOW_EM`` type
sizes). If that column passes over or under the picture from further left and
its lines beside the picture start ``wrap_indent_em`` or more to the right,
the text wraps around a picture on its left: "no". Lines on both sides of a
picture, in a column that passes over it, also give "no". A picture beside a
column that never passes over or under it is a layout of columns, not a wrap.
Bullets, icons, colour fills, full-page backgrounds, pictures in the top or
bottom 8 % of the page (logos) and pictures with text printed on them (text
effects, backgrounds: CP23) are left out. Vector drawings are not considered.

DOCX: the wrapping of each floating picture is read. Square, tight or through
wrapping with text beside the picture's left edge gives "no"; a picture at the
right of the column with text on its left passes; in-line pictures and top-
and-bottom wrapping never wrap text. A position that cannot be worked out
(relative to a character, inside/outside margins) is manual.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from clearprint.analysis.images import (
    displayed,
    in_furniture_band,
    is_decorative,
    is_full_page,
    pictures,
    visible_box,
)
from clearprint.analysis.text import body_size
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Image, Line, Location, Page, Part, Role, Section
from clearprint.results import Finding
from clearprint.textfacts import excerpt

NEAR_EM = 3.0  # lines this close to a picture (in their type size) are beside it
FLOW_EM = 4.0  # the column's lines this far above or below a picture show where it starts
WRAPPING = ("square", "tight", "through")
DEFAULT_SIZE = 12.0


@check("CP20")
def text_wrap(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "pdf":
        yield from _pdf(doc, opts)
    else:
        yield from _docx(doc, opts)


# -- PDF -----------------------------------------------------------------------


@dataclass(slots=True)
class TextLine:
    """A horizontal line of running text as the page is shown."""

    x0: float
    x1: float
    top: float  # the band the letters fill (x-height to baseline, roughly)
    bottom: float
    size: float
    line: Line
    block: Block


def _pdf(doc: Document, opts: Options) -> Iterator[Finding]:
    judged = 0
    on_right = 0
    for page in doc.pages:
        if page.scanned:
            continue
        lines: list[TextLine] | None = None
        for image in page.images:
            box = visible_box(image, page)
            if box is None or is_decorative(image, page) or is_full_page(box, page) \
                    or in_furniture_band(box, page):
                continue
            judged += 1
            if lines is None:
                lines = _running_lines(page)
            verdict = _beside(displayed(box, page), lines, opts)
            if verdict == "right":
                on_right += 1
            elif verdict is not None:
                yield _pdf_finding(page, box, verdict, opts)
    if not judged:
        if not doc.scanned_pages:
            yield Finding.na("No pictures (bullets, icons, backgrounds and logos aside).")
        return
    if on_right:
        yield Finding.info(f"{on_right} picture(s) to the right of the text: line starts are "
                           "not disturbed, which is fine.", pictures=on_right)


def _running_lines(page: Page) -> list[TextLine]:
    found = []
    for block in page.blocks:
        if block.role is not Role.BODY or block.in_table:
            continue
        for line in block.lines:
            if line.vertical or abs(line.angle) > 2 or not line.text.strip():
                continue
            x0, y0, x1, y1 = displayed(line.bbox, page)
            height = y1 - y0
            size = max((s.size for s in line.spans if s.size), default=height / 1.2)
            found.append(TextLine(x0, x1, y0 + 0.2 * height, y1 - 0.25 * height, size, line, block))
    return found


@dataclass(slots=True)
class Verdict:
    kind: str  # "pushed" or "both"
    beside: list[TextLine]
    margin: float  # where the column's lines start above or below the picture
    indent: float  # how far right of that the lines beside the picture start, pt


def _beside(box: BBox, lines: list[TextLine], opts: Options) -> Verdict | str | None:
    """How the text sits around one picture: a Verdict (wraps), "right", or None."""
    x0, top, x1, bottom = box
    level = [t for t in lines if _overlap(t.top, t.bottom, top, bottom) >= 0.5 * (t.bottom - t.top)]
    right = [t for t in level if t.x0 >= x1 - 1 and t.x0 - x1 <= NEAR_EM * t.size]
    left = [t for t in level if t.x1 <= x0 + 1 and x0 - t.x1 <= NEAR_EM * t.size]
    flow = [t for t in lines if not _overlap(t.top, t.bottom, top, bottom)
            and min(abs(t.top - bottom), abs(top - t.bottom)) <= FLOW_EM * t.size
            and t.x0 < x1 and t.x1 > x0]
    if any(_overlap(t.x0, t.x1, x0, x1) > t.size for t in level):
        return None  # text on the picture: a background or a text effect (CP23's question)
    if right:
        start = statistics.median(t.x0 for t in right)
        passing = [t for t in flow if t.x1 > start and t.x0 <= x0 + t.size]
        if passing:
            margin = statistics.median(t.x0 for t in passing)
            same_flow = [t for t in left if abs(t.x0 - margin) <= t.size]
            if same_flow and any(t.x0 < x0 and t.x1 > x1 for t in passing):
                return Verdict("both", same_flow + right, margin, start - margin)
            if start - margin >= opts.wrap_indent_em * statistics.median(t.size for t in right):
                return Verdict("pushed", right, margin, start - margin)
    all_left = [t for t in level if t.x1 <= x0 + 1]
    if all_left and any(t.x1 > x0 for t in flow):
        return "right"
    return None


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _pdf_finding(page: Page, box: BBox, verdict: Verdict, opts: Options) -> Finding:
    first = verdict.beside[0]
    size = statistics.median(t.size for t in verdict.beside)
    where = first.block.location.but(page=page.number, bbox=box, rotation=page.rotation or None,
                                     excerpt=excerpt(first.line.text))
    data = {"lines_beside": len(verdict.beside), "indent_em": round(verdict.indent / size, 1)}
    if verdict.kind == "both":
        return Finding.no(f"Text runs down both sides of a picture ({len(verdict.beside)} lines).",
                          where, **data)
    return Finding.no(f"Text wraps around a picture on its left: {len(verdict.beside)} lines start "
                      f"{verdict.indent / size:.1f} em right of the margin beside it.", where, **data)


# -- DOCX ----------------------------------------------------------------------


def _docx(doc: Document, opts: Options) -> Iterator[Finding]:
    judged = 0
    for image, _ in pictures(doc):
        if is_decorative(image, None) or image.location.part in (Part.HEADER, Part.FOOTER):
            continue
        judged += 1
        if image.wrap in WRAPPING:
            finding = _docx_wrapped(doc, image, opts)
            if finding is not None:
                yield finding
        elif image.wrap is None:
            yield Finding.manual("How text is set around this picture could not be read.",
                                 _where(image), name=image.name)
    if not judged:
        yield Finding.na("No pictures (bullets, icons and header or footer logos aside).")


def _docx_wrapped(doc: Document, image: Image, opts: Options) -> Finding | None:
    side = _text_side(doc, image, opts)
    data = {"name": image.name, "wrap": image.wrap, "wrap_side": image.wrap_side,
            "align": image.h_align, "relative_to": image.h_relative}
    if side is None:
        return Finding.manual(f"{_label(image)} has {image.wrap} text wrapping and a position "
                              "that depends on the layout: check that no lines start beside it.",
                              _where(image), **data)
    if side in ("right", "both"):
        where = "on both sides of" if side == "both" else "to the right of"
        return Finding.no(f"{_label(image)} has {image.wrap} text wrapping with text {where} it, "
                          "so lines beside it start away from the margin.", _where(image), **data)
    return None


def _text_side(doc: Document, image: Image, opts: Options) -> str | None:
    """Where text flows beside the picture: "left", "right", "both", "none", or None (unknown)."""
    room = _room(doc, image)
    if room is None:
        return None
    least = opts.wrap_indent_em * (body_size(doc) or DEFAULT_SIZE)
    wanted = image.wrap_side or "bothSides"
    left = room[0] >= least and wanted in ("bothSides", "left", "largest")
    right = room[1] >= least and wanted in ("bothSides", "right", "largest")
    if wanted == "largest" and left and right:
        if not abs(room[0] - room[1]) >= least:  # also when both are unbounded
            return None  # Word picks the wider side; too close to call
        left, right = room[0] > room[1], room[1] > room[0]
    if left and right:
        return "both"
    return "right" if right else ("left" if left else "none")


def _room(doc: Document, image: Image) -> tuple[float, float] | None:
    """Space (pt) the column leaves on the picture's left and right, or None if unknown."""
    relative = image.h_relative or "column"
    if relative not in ("margin", "column", "page"):
        return None  # character, inside/outside margins: depends on the layout
    measure = _measure(doc, image, relative)
    width = image.placed_width
    if image.h_align in ("left", "right", "center"):
        spare = float("inf")
        if measure is not None and width is not None:
            spare = max(0.0, measure[1] - width)
        return {"left": (0.0, spare), "right": (spare, 0.0),
                "center": (spare / 2, spare / 2)}[image.h_align]
    if image.h_align is not None or image.h_offset is None or measure is None or width is None:
        return None
    left = image.h_offset - measure[0]
    return left, measure[1] - left - width


def _measure(doc: Document, image: Image, relative: str) -> tuple[float, float] | None:
    """Where the text column starts (from the offset's origin) and how wide it is, pt."""
    section = _section(doc, image)
    if section is None or section.width is None:
        return None
    start = section.margin_left or 0.0
    width = section.width - start - (section.margin_right or 0.0) - (section.gutter or 0.0)
    if relative == "column" and section.columns > 1:
        width = (width - (section.columns - 1) * (section.column_space or 0.0)) / section.columns
    return (start if relative == "page" else 0.0), width


def _section(doc: Document, image: Image) -> Section | None:
    number = image.location.section or 1
    return next((s for s in doc.sections if s.number == number), doc.sections[0] if doc.sections else None)


def _label(image: Image) -> str:
    return f"Picture \u201c{image.name}\u201d" if image.name else "A picture"


def _where(image: Image) -> Location:
    return image.location.but(excerpt=image.location.excerpt or image.name)
