"""CP19: is text set horizontally?

Every piece of text is judged as it appears on the page, with any turning of
the whole page taken into account: a line more than ``max_text_angle``
degrees from horizontal, or set in vertical writing, is rotated. Rotated text
of more than ``rotated_label_max_words`` words is "no"; shorter labels (chart
axes, table headings, a book spine) are left to a person, and text shorter
than ``rotated_text_min_chars`` characters is ignored.

Some turned text is left to a person rather than failed: text upside down
(it reads right once a folded leaflet is folded), a page whose text is nearly
all turned the same way (a wide table set sideways: the reader turns the
sheet), turned text in the page furniture (a copyright strip up the
margin), and turned labels inside a drawing or on a picture, whatever their
length (a chart's axis title, "Percentage of Survey Respondents"; a river's
name along it on a map).

PDF: each line's angle as displayed. DOCX: the text direction of table cells,
sections and text boxes, and the rotation of shapes holding text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from clearprint.analysis.geometry import union
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Line, Location, Role
from clearprint.results import Finding, Severity
from clearprint.textfacts import excerpt

# w:textDirection values (ECMA-376 transitional) for text that does not run
# left to right along the line; "lrTb" (and strict "lr") are horizontal.
HORIZONTAL_DIRECTIONS = {None, "", "lrTb", "lr"}
VERTICAL_DIRECTIONS = {"tbRl", "btLr", "lrTbV", "tbRlV", "tbLrV"}
# Text boxes: DrawingML bodyPr/@vert values, and the reader's "vertical" for VML.
VERTICAL_BOXES = {"vert", "vert270", "wordArtVert", "eaVert", "mongolianVert", "wordArtVertRtl",
                  "vertical"}
# A rotated shape holding text, as the reader states it: degrees clockwise.
ROTATION = re.compile(r"^(?:rot:|rotated )(-?\d+(?:\.\d+)?)$")
SIDEWAYS_SHARE = 0.8  # a page with this share of its characters turned one way is set sideways
PICTURE_LABEL_SHARE = 4.0  # a picture this many times a block's area, under it, is what it labels
DIGITS = re.compile(r"\d+")


@dataclass(slots=True)
class Turned:
    """Text that is not horizontal in one block (or one table cell, text box, section)."""

    severity: Severity
    kind: str  # "rotated", "vertical", "upside down", "sideways page", "margin", "unknown"
    angle: float | None
    text: str
    location: Location
    direction: str | None = None  # DOCX: the attribute value as written


@check("CP19")
def horizontal(doc: Document, opts: Options) -> Iterator[Finding]:
    found = list(_pdf_turned(doc, opts) if doc.format == "pdf" else _docx_turned(doc, opts))
    for members in _grouped(found):
        yield _finding(members)


def _grouped(found: list[Turned]) -> list[list[Turned]]:
    """The same text turned on several pages (a margin strip) is one finding, sideways
    pages are one finding, and the rest are grouped by page (or section, or part)."""
    by_text: dict[tuple[object, ...], list[Turned]] = {}
    for turned in found:
        text = "" if turned.kind == "sideways page" else DIGITS.sub("#", turned.text)
        by_text.setdefault((turned.severity, turned.kind, _rounded(turned.angle), text),
                           []).append(turned)
    groups = []
    by_place: dict[tuple[object, ...], list[Turned]] = {}
    for members in by_text.values():
        if len({t.location.page for t in members}) > 1:
            groups.append(members)
            continue
        for turned in members:
            where = turned.location
            place = where.page or where.section or where.table_cell or where.part
            by_place.setdefault((place, turned.severity, turned.kind, _rounded(turned.angle)),
                                []).append(turned)
    return groups + list(by_place.values())


def _rounded(angle: float | None) -> int | None:
    return None if angle is None else round(angle)


def _finding(members: list[Turned]) -> Finding:
    first = members[0]
    pages = sorted({t.location.page for t in members if t.location.page is not None})
    on = f" on {len(pages)} pages" if len(pages) > 1 else ""
    what = ("a piece of text" if len(members) == 1 else f"{len(members)} pieces of text") + on
    how = "set vertically" if first.kind == "vertical" else first.kind
    if first.angle is not None and first.kind in ("rotated", "margin", "sideways page"):
        how = f"turned {abs(first.angle):g}° {'anticlockwise' if first.angle > 0 else 'clockwise'}"
    quoted = excerpt(first.text, 40)
    if first.kind == "sideways page":
        sheets = "a page" if len(pages) <= 1 else f"{len(pages)} pages"
        message = (f"The text of {sheets} is {how}: the page has to be turned to read it. A "
                   "sideways table or a page meant to be shown landscape may be acceptable.")
    elif first.severity is Severity.NO:
        message = f"Text {how}: {what}, such as \"{quoted}\"."
    elif first.kind == "unknown":
        message = f"Text direction {first.direction!r} not recognised ({what}): check by eye."
    elif first.kind == "upside down":
        message = (f"Text upside down ({what}, such as \"{quoted}\"): fine on a panel that is "
                   "the right way up once folded, otherwise it has to be turned to read.")
    elif first.kind == "margin":
        message = f"Text {how} in the page margin ({what}, such as \"{quoted}\")."
    else:
        message = (f"Label {how} ({what}, such as \"{quoted}\"): horizontal labels are "
                   "easier to read.")
    data: dict[str, object] = {"kind": first.kind, "places": len(members)}
    if first.angle is not None:
        data["angle_deg"] = first.angle
    if first.direction:
        data["direction"] = first.direction
    if len(pages) > 1:
        data["pages"] = pages
    return Finding(first.severity, message, first.location, data, len(members))


def _judge_text(text: str, opts: Options) -> Severity | None:
    """How much turned text matters: a sentence is "no", a label manual, a mark nothing.

    Letters and digits are counted, so a dotted fold line is not text.
    """
    if sum(c.isalnum() for c in text) < opts.rotated_text_min_chars:
        return None
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    return Severity.MANUAL if len(words) <= opts.rotated_label_max_words else Severity.NO


def _kind(angle: float, vertical: bool, opts: Options) -> str | None:
    """"rotated", "upside down", "vertical" or None (horizontal) for a displayed angle."""
    if vertical:
        return "vertical"
    off = abs(_off_horizontal(angle))
    if off <= opts.max_text_angle:
        return None
    if off >= 180.0 - opts.max_text_angle:
        return "upside down"
    return "rotated"


def _off_horizontal(angle: float) -> float:
    """The angle folded into (-180, 180]."""
    folded = (angle + 180.0) % 360.0 - 180.0
    return 180.0 if folded == -180.0 else folded


# --- PDF --------------------------------------------------------------------


def _pdf_turned(doc: Document, opts: Options) -> Iterator[Turned]:
    on_page: dict[int | None, list[Block]] = {}
    for block in doc.blocks:
        if block.lines:
            on_page.setdefault(block.page, []).append(block)
    pictures: dict[int | None, list[BBox]] = {}
    for image in doc.images:
        if image.location.bbox is not None:
            pictures.setdefault(image.location.page, []).append(image.location.bbox)
    for page, blocks in on_page.items():
        sideways = _sideways(blocks, opts)
        for block in blocks:
            label = block.role is Role.FIGURE or _on_picture(block, pictures.get(page, []))
            yield from _block_turned(block, sideways, opts, label)


def _on_picture(block: Block, pictures: list[BBox]) -> bool:
    """The block stands on a picture much larger than itself: a label on a map or photo."""
    box = block.bbox
    if box is None:
        return False
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    area = (box[2] - box[0]) * (box[3] - box[1])
    return any(p[0] <= x <= p[2] and p[1] <= y <= p[3]
               and (p[2] - p[0]) * (p[3] - p[1]) >= PICTURE_LABEL_SHARE * area for p in pictures)


def _sideways(blocks: list[Block], opts: Options) -> int | None:
    """The angle (a multiple of 90) most of a page's text is turned by, if not 0."""
    chars: Counter[int] = Counter()
    for block in blocks:
        for line in block.lines:
            if not line.vertical:
                chars[round(_off_horizontal(line.angle) / 90) * 90 % 360] += len(line.text.strip())
    total = sum(chars.values())
    if not total:
        return None
    angle, most = chars.most_common(1)[0]
    return angle if angle and most >= SIDEWAYS_SHARE * total else None


def _block_turned(block: Block, sideways: int | None, opts: Options, label: bool) -> Iterator[Turned]:
    """The block's turned lines by kind; ``label``: it labels a drawing or a picture, so
    whatever its length a person judges it (a chart's axis title, a river on a map)."""
    turned: dict[str, list[Line]] = {}
    for line in block.lines:
        kind = _kind(line.angle, line.vertical, opts)
        if kind is None:
            continue
        if sideways is not None and not line.vertical \
                and abs(_off_horizontal(line.angle - sideways)) <= opts.max_text_angle:
            kind = "sideways page"
        elif block.role is Role.FURNITURE and kind != "vertical":
            kind = "margin"
        turned.setdefault(kind, []).append(line)
    for kind, lines in turned.items():
        text = " ".join(line.text.strip() for line in lines)
        severity = _judge_text(text, opts)
        if severity is None:
            continue
        if kind not in ("rotated", "vertical") or label:
            severity = Severity.MANUAL
        location = block.location.but(bbox=union(line.bbox for line in lines), excerpt=excerpt(text))
        yield Turned(severity, kind, lines[0].angle, text, location)


# --- DOCX -------------------------------------------------------------------


def _docx_turned(doc: Document, opts: Options) -> Iterator[Turned]:
    for block in doc.blocks:
        direction = block.text_direction
        if direction in HORIZONTAL_DIRECTIONS:
            continue
        severity = _judge_text(block.text.strip(), opts)
        kind, angle = _docx_kind(direction or "", opts)
        if severity is None or kind is None:
            continue
        if kind in ("unknown", "upside down"):
            severity = Severity.MANUAL
        where = block.location.but(source=f"text direction {direction}")
        yield Turned(severity, kind, angle, block.text.strip(), where, direction)
    for section in doc.sections:
        direction = section.text_direction
        if direction in HORIZONTAL_DIRECTIONS:
            continue
        kind, angle = _docx_kind(direction or "", opts)
        if kind is not None:
            severity = Severity.NO if kind == "vertical" else Severity.MANUAL
            where = section.location.but(source=f"text direction {direction}")
            yield Turned(severity, kind, angle, f"the text of section {section.number}", where,
                         direction)


def _docx_kind(direction: str, opts: Options) -> tuple[str | None, float | None]:
    """The kind of turn a DOCX direction names, and its angle when it has one."""
    if direction in VERTICAL_DIRECTIONS or direction in VERTICAL_BOXES:
        return "vertical", None
    rotation = ROTATION.match(direction)
    if rotation:
        angle = -float(rotation.group(1))  # DrawingML turns clockwise
        return _kind(angle, False, opts), angle
    return "unknown", None
