"""CP21: if the reader needs to write on the page, is there enough space?

Many people with sight loss write large. Places to write are found and
measured against clearprint's defaults (RNIB gives no number):

- Form fields: PDF widgets, DOCX legacy form fields, and empty table cells
  after a label ("Name:" | empty). They need ``min_writing_height_mm`` of
  height, tick boxes ``min_checkbox_mm`` across, and name or address fields
  ``min_name_field_width_mm`` of width. A DOCX field's height is its table
  row's, shared between the paragraphs of a cell that holds several fields
  but never less than one line, or one line of text outside tables. Empty
  cells count only in a form (with other fields, or ``FORM_CELLS`` or more of
  them): elsewhere they are missing values. Word content controls are places
  to type for whoever edits the file (titles, names in templates) and digital
  signature fields are not written on, so neither is judged.
- Writing lines drawn on a PDF page: rules at least ``WRITING_LINE_MM`` long,
  outside the top and bottom bands, that are clearly meant to be written on,
  with a label standing on them to their left ("Name: ____") or stacked
  ``STACKED_LINES`` or more with only empty space between (answer lines, an
  empty table). The room is the gap up to the nearest text or rule above.
  Other rules (table borders, underlines, dividers) are not judged.
- Runs of underscores, and runs of dots ending a line ("Name .........."),
  with the line pitch (plus paragraph space) as the room. Labelled or stacked
  underscores give "no" when too tight; dots may be leaders, so at worst
  manual. Contents lists and runs under a form field are left out.
- Tick boxes drawn as small unfilled squares (PDF; not outlines round a
  picture or a colour fill, such as the bars of a chart) or typed as
  ballot-box characters (☐, about ``BOX_GLYPH_EM`` of the type size across).

With nothing to fill in the answer is n/a, with a reminder to look. A PDF
field is named by the printed label next to it (on its left, else above it),
not by its internal name ("Text48"), which the data keeps as ``field``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from clearprint.analysis.images import in_furniture_band
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, FormField, Line, Location, Page, Role, Shape, Span
from clearprint.results import Finding, Severity
from clearprint.textfacts import dominant_size, excerpt

MM_PER_PT = 25.4 / 72
WRITING_LINE_MM = 30.0  # a rule this long may be a line to write on (spec item 21)
BOX_GLYPH_EM = 0.75  # a ballot-box character is about this wide, in its type size
TICK_BOX_SIDES_PT = (4.0, 22.0)  # drawn squares this size are tick boxes
LABEL_GAP_EM = 1.0  # a label this close to the left of a writing line belongs to it
LABEL_MAX_CHARS = 40  # ... and this short (a longer line is running text in the next column)
LABEL_BASELINE_EM = 0.35  # ... with its baseline this close to the line
STACKED_LINES = 3  # similar rules one above another with empty space between: answer lines
FORM_CELLS = 3  # empty cells after labels that make a document a form on their own
MIN_GAP_MM = 3.0  # rules closer than this are double rules or borders, not writing lines
DEFAULT_PITCH = 1.2
SMALLEST_LINE = 12.0  # pt: a row holds at least a line of 10 pt text, whatever its stated height
CHECKBOX_KINDS = ("checkbox", "radio")
NAME_FIELD = re.compile(r"name|address|adresse|anschrift|endere[cç]o|nome|nombre|direcci[oó]n", re.I)
UNDERSCORES = re.compile(r"_{5,}")
LETTER = re.compile(r"[^\W\d_]")
DOTS_AT_END = re.compile(r"(?:\.{8,}|…{4,})\s*$")  # shorter runs end sentences ("...")
BOX_CHARS = "\u2610\u2611\u2612"  # ballot boxes
SQUARE_CHARS = "\u25a1\u25a2"  # white squares: tick boxes when two or more share a line
TYPED = "typed"  # what _fields gives for a content control: counted, not judged
LABEL_REACH_PT = 200.0  # a label on a field's left is at most this far from it
LABEL_ABOVE_LINES = 1.5  # a label above a field is within this many of its line heights
ABOVE_PENALTY_PT = 12.0  # a label on the left wins over one above unless this much further
STRETCH_GAP_EM = 1.5  # a wider gap inside a printed line separates two labels
T = TypeVar("T")


@dataclass(slots=True)
class Spot:
    """One place to write that is too small (or doubtful)."""

    what: str  # "text field", "tick box", ...
    dimension: str  # "high", "across", "wide", "of room above it"
    value_mm: float
    limit_mm: float
    severity: Severity
    location: Location
    field: str | None = None  # a form field's internal name, kept for the data


@check("CP21")
def writing_space(doc: Document, opts: Options) -> Iterator[Finding]:
    places = 0
    spots: list[Spot] = []
    typed = 0
    # Each source gives a Spot for a place that is too small, None for one that is fine.
    for found in (_fields(doc, opts), _static_pdf(doc, opts), _runs(doc, opts), _box_glyphs(doc, opts)):
        for item in found:
            if item is None:
                places += 1
            elif item == TYPED:
                typed += 1
            else:
                places += 1
                spots.append(item)
    if not places:
        if not doc.scanned_pages:
            yield Finding.na("No places to write were found; if readers must write on this "
                             "document, check by eye that there is enough space.")
        if typed:
            yield Finding.info(f"{typed} Word content control(s): places to type, not judged.",
                               content_controls=typed)
        return
    yield from _grouped(spots)


def _grouped(spots: list[Spot]) -> Iterator[Finding]:
    groups: dict[tuple[object, ...], list[Spot]] = {}
    for spot in spots:
        where = spot.location.page or spot.location.section
        groups.setdefault((spot.severity, spot.what, spot.dimension, where), []).append(spot)
    for (severity, what, dimension, _), group in groups.items():
        worst = min(group, key=lambda s: s.value_mm)
        if len(group) == 1:
            head = f"{what[:1].upper()}{what[1:]} {worst.value_mm:.1f} mm {dimension}"
        else:
            head = (f"{len(group)} {_plural(what)} under {worst.limit_mm:g} mm {dimension} "
                    f"(the smallest {worst.value_mm:.1f} mm)")
        tail = (f"; needs at least {worst.limit_mm:g} mm." if severity is Severity.NO
                else f": check there is room to write (at least {worst.limit_mm:g} mm).")
        data: dict[str, object] = {"value_mm": round(worst.value_mm, 1), "limit_mm": worst.limit_mm,
                                   "places": len(group)}
        if worst.field:
            data["field"] = worst.field
        yield Finding(severity, head + tail, worst.location, data, len(group))


def _plural(what: str) -> str:
    """ "tick box" -> "tick boxes", "line of dots" -> "lines of dots"."""
    head, _, tail = what.partition(" of ")
    head = head + ("es" if head.endswith(("x", "s")) else "s")
    return f"{head} of {tail}" if tail else head


# -- form fields -----------------------------------------------------------------


def _fields(doc: Document, opts: Options) -> Iterator[Spot | str | None]:
    sharing = _fields_per_cell(doc.fields)
    paragraphs = _paragraphs(doc) if doc.format == "docx" else {}
    cells = [f for f in doc.fields if _empty_cell(f)]
    # An empty cell after a label is a place to write only in a form; in a report
    # it is a missing value or a cell the author fills in.
    judge_cells = len(cells) >= FORM_CELLS or len(cells) < len(
        [f for f in doc.fields if f.origin != "content control"])
    for field in doc.fields:
        if field.origin == "content control":
            yield TYPED
        elif field.kind in ("signature", "button") or (_empty_cell(field) and not judge_cells):
            continue
        elif field.kind in CHECKBOX_KINDS:
            yield _named(_checkbox(field, paragraphs, opts), doc, field)
        else:
            yield _named(_field(field, _field_height(doc, field, sharing, paragraphs), opts), doc, field)


def _field(field: FormField, height: float | None, opts: Options) -> Spot | None:
    what = "writing box" if _empty_cell(field) else "text field"
    if height is not None and height * MM_PER_PT < opts.min_writing_height_mm:
        return Spot(what, "high", height * MM_PER_PT, opts.min_writing_height_mm, Severity.NO,
                    _field_location(field))
    if (field.width is not None and field.name and NAME_FIELD.search(field.name)
            and field.width * MM_PER_PT < opts.min_name_field_width_mm):
        return Spot("name or address field", "wide", field.width * MM_PER_PT,
                    opts.min_name_field_width_mm, Severity.NO, _field_location(field))
    return None


def _field_height(doc: Document, field: FormField, sharing: dict[tuple[object, ...], int],
                  paragraphs: dict[tuple[object, ...], Block]) -> float | None:
    """A DOCX field's share of its row when a cell holds several, but never less than a line."""
    height = field.height
    if height is None or doc.format != "docx" or field.location.table_cell is None:
        return height
    share = height / sharing.get(_cell(field.location), 1)
    block = paragraphs.get((field.location.part, field.location.paragraph))
    line = block.line_pitch if block is not None else None
    return max(share, line or SMALLEST_LINE)


def _empty_cell(field: FormField) -> bool:
    return field.origin == "cell" or (field.origin is None and field.kind == "box")


def _checkbox(field: FormField, paragraphs: dict[tuple[object, ...], Block], opts: Options) -> Spot | None:
    if field.width is not None and field.height is not None:
        side, estimated = min(field.width, field.height), False
    else:  # DOCX: a check box is drawn at the size of its text
        block = paragraphs.get((field.location.part, field.location.paragraph))
        size = dominant_size(block.spans) if block is not None else None
        if size is None and field.height is None:
            return None
        side, estimated = (size if size is not None else (field.height or 0) / DEFAULT_PITCH), True
    mm = side * MM_PER_PT
    if mm >= opts.min_checkbox_mm:
        return None
    doubtful = estimated and mm >= 0.85 * opts.min_checkbox_mm
    return Spot("tick box", "across", mm, opts.min_checkbox_mm,
                Severity.MANUAL if doubtful else Severity.NO, _field_location(field))


def _fields_per_cell(fields: list[FormField]) -> dict[tuple[object, ...], int]:
    """How many paragraphs with fields each table cell holds (they share the row's height)."""
    paragraphs: dict[tuple[object, ...], set[int | None]] = {}
    for field in fields:
        if field.location.table_cell is not None and field.kind not in CHECKBOX_KINDS:
            paragraphs.setdefault(_cell(field.location), set()).add(field.location.paragraph)
    return {cell: len(numbers) for cell, numbers in paragraphs.items()}


def _cell(location: Location) -> tuple[object, ...]:
    return (location.part, location.section, location.table_cell)


def _paragraphs(doc: Document) -> dict[tuple[object, ...], Block]:
    """DOCX paragraphs with text, by story and number."""
    return {(b.location.part, b.location.paragraph): b for b in doc.blocks}


def _field_location(field: FormField) -> Location:
    if field.location.excerpt or not field.name:
        return field.location
    return field.location.but(excerpt=field.name)


def _named(spot: Spot | None, doc: Document, field: FormField) -> Spot | None:
    """The spot with the field's visible label as its excerpt (a PDF field's name is
    the designer's, "Text48"), and the name kept for the data."""
    if spot is None or doc.format != "pdf" or field.location.page is None or field.location.bbox is None:
        return spot
    spot.field = field.name
    label = visible_label(doc.pages[field.location.page - 1], field.location.bbox)
    if label:
        spot.location = spot.location.but(excerpt=excerpt(label))
    return spot


def visible_label(page: Page, box: BBox) -> str | None:
    """The printed words nearest a PDF field: on its left on the same row, else just
    above it. Only the stretch of the line next to the field counts (a row of a form
    may hold several labels)."""
    x0, y0, x1, y1 = box
    best: tuple[float, str] | None = None
    for block in page.blocks:
        for line in block.lines:
            lx0, ly0, lx1, ly1 = line.bbox
            height = ly1 - ly0
            if height <= 0:
                continue
            row = min(ly1, y1) - max(ly0, y0) >= 0.5 * min(height, y1 - y0)
            if row and lx0 < x0:
                words = _stretch(line, lambda a, b: b <= x0 + 2.0, prefer_right=True)
                if words:
                    distance = max(0.0, x0 - words[0])
                    if distance <= LABEL_REACH_PT and (best is None or distance < best[0]):
                        best = (distance, words[1])
            elif ly1 <= y0 + 1.0 and y0 - ly1 <= LABEL_ABOVE_LINES * height \
                    and min(lx1, x1) - max(lx0, x0) > 0:
                words = _stretch(line, lambda a, b: b >= x0 - 1.0 and a <= x1, prefer_right=False)
                if words:
                    distance = (y0 - ly1) + ABOVE_PENALTY_PT
                    if best is None or distance < best[0]:
                        best = (distance, words[1])
    return best[1] if best else None


def _stretch(line: Line, fits: Callable[[float, float], bool],
             prefer_right: bool) -> tuple[float, str] | None:
    """The stretch of a line's spans (split where the gap is wider than a few spaces)
    that fits, nearest the field: (its right edge, or its left edge; its text)."""
    stretches: list[list[Span]] = []
    end: float | None = None
    for span in line.spans:
        if span.bbox is None or not span.text.strip():
            continue
        gap_limit = STRETCH_GAP_EM * (span.size or 10.0)
        if end is None or span.bbox[0] - end > gap_limit:
            stretches.append([])
        stretches[-1].append(span)
        end = span.bbox[2]
    fitting = [s for s in stretches if fits(s[0].bbox[0], s[-1].bbox[2])]
    if not fitting:
        return None
    chosen = fitting[-1] if prefer_right else fitting[0]
    text = " ".join("".join(s.text for s in chosen).split())
    if not LETTER.search(text):
        return None
    return (chosen[-1].bbox[2], text) if prefer_right else (chosen[0].bbox[0], text)


# -- lines and boxes drawn on a PDF page ---------------------------------------------


@dataclass(slots=True)
class _Text:
    box: BBox  # letters: x-height band to descenders
    size: float
    baseline: float
    text: str


class _Sorted(Generic[T]):
    """Items in order of one coordinate, to find those in a band of it without
    looking at them all (a page of a form has hundreds of rules and lines)."""

    def __init__(self, items: Iterable[T], key: Callable[[T], float]) -> None:
        self.items = sorted(items, key=key)
        self.keys = [key(item) for item in self.items]

    def within(self, low: float, high: float) -> list[T]:
        """The items whose coordinate is from ``low`` to ``high``."""
        return self.items[bisect.bisect_left(self.keys, low):bisect.bisect_right(self.keys, high)]

    def down_from(self, value: float, including: bool) -> Iterator[T]:
        """The items whose coordinate is below ``value`` (or equal, when ``including``),
        nearest first."""
        end = bisect.bisect_right(self.keys, value) if including else bisect.bisect_left(self.keys, value)
        return reversed(self.items[:end])


def _page_text(page: Page) -> list[_Text]:
    found = []
    for block in page.blocks:
        for line in block.lines:
            if not line.text.strip():
                continue
            x0, y0, x1, y1 = line.bbox
            size = dominant_size(line.spans) or (y1 - y0) / DEFAULT_PITCH
            if x1 - x0 > y1 - y0 and y0 <= line.baseline <= y1:
                y0, y1 = max(y0, line.baseline - 0.72 * size), min(y1, line.baseline + 0.2 * size)
            found.append(_Text((x0, y0, x1, y1), size, line.baseline, line.text))
    return found


def _static_pdf(doc: Document, opts: Options) -> Iterator[Spot | None]:
    for page in doc.pages:
        if page.scanned:
            continue
        rules = [s for s in page.shapes if _writing_line(s, page)]
        boxes = [s for s in page.shapes if _tick_box(s) and not _filled_in(s, page)]
        if not rules and not boxes:
            continue
        text = _page_text(page)
        widgets = _widgets(doc, page)
        rules = [r for r in rules if not any(_intersects(r.bbox, w, slack=2.0) for w in widgets)]
        yield from _rules(page, rules, text, opts)
        covered = [t.box for t in text] + widgets
        for box in boxes:
            if any(_intersects(box.bbox, other) for other in covered):
                continue
            side = min(box.bbox[2] - box.bbox[0], box.bbox[3] - box.bbox[1]) * MM_PER_PT
            yield (Spot("tick box", "across", side, opts.min_checkbox_mm, Severity.NO,
                        Location(page=page.number, bbox=box.bbox, rotation=page.rotation or None))
                   if side < opts.min_checkbox_mm else None)


def _widgets(doc: Document, page: Page) -> list[BBox]:
    return [f.location.bbox for f in doc.fields if f.location.page == page.number and f.location.bbox]


def _writing_line(shape: Shape, page: Page) -> bool:
    x0, y0, x1, y1 = shape.bbox
    width, height = x1 - x0, y1 - y0
    return (shape.kind == "line" and width * MM_PER_PT >= WRITING_LINE_MM and width > 10 * height
            and not in_furniture_band(shape.bbox, page))


def _tick_box(shape: Shape) -> bool:
    x0, y0, x1, y1 = shape.bbox
    width, height = x1 - x0, y1 - y0
    low, high = TICK_BOX_SIDES_PT
    plain = shape.fill is None or shape.fill == (255, 255, 255)
    return (shape.kind == "rect" and shape.stroke is not None and plain and low <= min(width, height)
            and max(width, height) <= high and max(width, height) <= 1.4 * min(width, height))


def _filled_in(square: Shape, page: Page) -> bool:
    """An outline drawn round a picture or a colour fill: a bar of a chart or a
    legend swatch, not an empty box to tick."""
    x0, y0, x1, y1 = square.bbox
    area = max((x1 - x0) * (y1 - y0), 1.0)
    fills = [i.location.bbox for i in page.images if i.location.bbox is not None]
    fills += [s.bbox for s in page.shapes if s.fill is not None and s.fill != (255, 255, 255)]
    for fx0, fy0, fx1, fy1 in fills:
        shared = max(0.0, min(x1, fx1) - max(x0, fx0)) * max(0.0, min(y1, fy1) - max(y0, fy0))
        if shared >= 0.5 * area:
            return True
    return False


def _rules(page: Page, rules: list[Shape], text: list[_Text], opts: Options) -> Iterator[Spot | None]:
    """Writing lines a reader is clearly meant to write on, and the room above each.

    A rule counts when a label of words sits on it to its left ("Name:
    ______"), or when it is one of ``STACKED_LINES`` or more similar rules one
    above the other with only empty space between (answer lines, an empty
    table). Rules that continue another rule end to end are cell borders; a
    space crossed by drawings or pictures, or a rule with a number at its left
    end, is a chart. Other rules (borders,
    underlines, dividers, chart grids) are not judged.
    """
    limit = opts.min_writing_line_spacing_mm
    by_baseline = _Sorted(text, key=lambda t: t.baseline)
    # A line beside a rule has its baseline within LABEL_BASELINE_EM of its type size
    # from the rule (a point more here, so that rounding cannot leave one out).
    reach = LABEL_BASELINE_EM * max((t.size for t in text), default=0.0) + 1.0
    by_top = _Sorted(rules, key=lambda r: r.bbox[1])
    rules = [r for r in rules if not _continued(r, by_top) and not any(
        _scale_for(t, r.bbox) for t in by_baseline.within(r.bbox[1] - reach, r.bbox[1] + reach))]
    busy = [s.bbox for s in page.shapes if not _horizontal_rule(s)] + \
        [b for image in page.images if (b := image.location.bbox) is not None]
    text_by_foot = _Sorted(text, key=lambda t: t.box[3])
    rules_by_foot = _Sorted(rules, key=lambda r: r.bbox[3])
    room = {id(rule): _room_above(rule, rules_by_foot, text_by_foot) for rule in rules}
    stacked = _stacked(rules, room)
    for rule in rules:
        gap, _ = room[id(rule)]
        labelled = any(_label_for(t, rule.bbox)
                       for t in by_baseline.within(rule.bbox[1] - reach, rule.bbox[1] + reach))
        if not labelled and id(rule) not in stacked:
            continue
        if gap is not None and _busy(rule, gap, busy):
            continue
        if gap is None:
            yield None
            continue
        if gap < MIN_GAP_MM / MM_PER_PT:
            continue  # text or a rule right over it: an underline or a border, not a writing line
        mm = gap * MM_PER_PT
        yield (Spot("writing line", "of room above it", mm, limit, Severity.NO,
                    Location(page=page.number, bbox=rule.bbox, rotation=page.rotation or None))
               if mm < limit else None)


def _horizontal_rule(shape: Shape) -> bool:
    """Rules across or down the page (table borders) do not make a space busy."""
    return shape.kind == "line"


def _continued(rule: Shape, by_top: _Sorted[Shape]) -> bool:
    """Another rule carries on from this one's end at the same height (a table's cell borders)."""
    x0, y0, x1, _ = rule.bbox
    return any(other is not rule and abs(other.bbox[1] - y0) < 1
               and (abs(other.bbox[0] - x1) < 1.5 or abs(other.bbox[2] - x0) < 1.5)
               for other in by_top.within(y0 - 2, y0 + 2))  # wider than the test: none is missed


def _room_above(rule: Shape, rules: _Sorted[Shape], text: _Sorted[_Text]) -> tuple[float | None, str]:
    """The gap up to the nearest text or rule over the rule's length, and which it was.

    ``rules`` and ``text`` are in order of their foot: the first one found over
    the rule, going up, leaves the smallest gap.
    """
    x0, y0, x1, _ = rule.bbox
    best: tuple[float | None, str] = (None, "")
    for t in text.down_from(y0 + 1, including=True):
        if t.box[0] < x1 and t.box[2] > x0 and not _label_for(t, rule.bbox):
            best = (max(0.0, y0 - t.box[3]), "text")
            break
    for other in rules.down_from(y0 - 1, including=False):
        if other is not rule and _spans_over(other.bbox, x0, x1):
            gap = y0 - other.bbox[3]
            if best[0] is None or gap < best[0]:
                best = (gap, "line")
            break
    return best


def _busy(rule: Shape, gap: float, busy: list[BBox]) -> bool:
    """Drawings or pictures in the space above the rule (a chart, not a place to write)."""
    x0, y0, x1, _ = rule.bbox
    if gap <= 1:
        return False
    space = (x0 + 1, y0 - gap + 0.5, x1 - 1, y0 - 0.5)
    return any(_intersects(space, box) and not _contains(box, space) for box in busy)


def _contains(outer: BBox, inner: BBox) -> bool:
    """A panel behind the whole space (a coloured form background) does not make it busy."""
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def _stacked(rules: list[Shape], room: dict[int, tuple[float | None, str]]) -> set[int]:
    """Rules in runs of ``STACKED_LINES`` or more alike, with only empty space between them."""
    alike: dict[tuple[int, int], list[Shape]] = {}
    for rule in rules:
        alike.setdefault((round(rule.bbox[0] / 4), round(rule.bbox[2] / 4)), []).append(rule)
    stacked: set[int] = set()
    for group in alike.values():
        group.sort(key=lambda r: r.bbox[1])
        run = [group[0]]
        for upper, lower in zip(group, group[1:], strict=False):
            gap, kind = room[id(lower)]
            if kind == "line" and gap is not None and gap >= MIN_GAP_MM / MM_PER_PT \
                    and abs(lower.bbox[1] - upper.bbox[3] - gap) < 1:
                run.append(lower)
                continue
            if len(run) >= STACKED_LINES:
                stacked.update(id(r) for r in run)
            run = [lower]
        if len(run) >= STACKED_LINES:
            stacked.update(id(r) for r in run)
    return stacked


def _label_for(text: _Text, rule: BBox) -> bool:
    """A few words standing on the line's level just left of it: "Name: ______"."""
    return (_beside(text, rule) and len(text.text.strip()) <= LABEL_MAX_CHARS
            and LETTER.search(text.text) is not None)


def _scale_for(text: _Text, rule: BBox) -> bool:
    """A number just left of the line, level with it: a chart's scale ("$120 ____")."""
    return _beside(text, rule) and LETTER.search(text.text) is None and any(c.isdigit() for c in text.text)


def _beside(text: _Text, rule: BBox) -> bool:
    return (text.box[2] <= rule[0] + 1 and rule[0] - text.box[2] <= LABEL_GAP_EM * text.size
            and abs(text.baseline - rule[1]) <= LABEL_BASELINE_EM * text.size)


def _spans_over(box: BBox, x0: float, x1: float) -> bool:
    """Horizontally over a good part (a third) of the span x0..x1."""
    return min(box[2], x1) - max(box[0], x0) >= (x1 - x0) / 3


def _intersects(a: BBox, b: BBox, slack: float = 0.0) -> bool:
    return a[0] < b[2] + slack and b[0] < a[2] + slack and a[1] < b[3] + slack and b[1] < a[3] + slack


# -- underscores and dots in the text ---------------------------------------------------


def _runs(doc: Document, opts: Options) -> Iterator[Spot | None]:
    limit = opts.min_writing_line_spacing_mm
    if doc.format == "pdf":
        for page in doc.pages:
            yield from _pdf_runs(page, limit, _widgets(doc, page))
        return
    previous: Block | None = None
    for block in doc.blocks:
        kind = _fill_in(block.text) if block.role is not Role.CONTENTS else None
        if kind is not None:
            size = dominant_size(block.spans) or 12.0
            pitch = block.line_pitch or size * DEFAULT_PITCH
            room = pitch + (block.space_before or 0.0) + block.empty_before * pitch
            follows = previous is not None and previous.index == block.index - 1
            if follows and previous is not None:
                room += previous.space_after or 0.0
            stacked = follows and previous is not None and _fill_in(previous.text) is not None
            yield _run_spot(room, limit, kind, _labelled(block.text) or stacked, block.location)
        previous = block


def _pdf_runs(page: Page, limit: float, widgets: list[BBox]) -> Iterator[Spot | None]:
    lines = [(line, block) for block in page.blocks if block.role is not Role.CONTENTS
             for line in block.lines]
    kinds = [_fill_in(line.text) for line, _ in lines]
    for (line, block), kind in zip(lines, kinds, strict=True):
        if kind is None or any(_intersects(line.bbox, w) for w in widgets):
            continue  # a field over the underscores is judged as a field
        x0, _, x1, _ = line.bbox
        above = [other for other, _ in lines if other is not line and other.baseline < line.baseline - 1
                 and min(other.bbox[2], x1) - max(other.bbox[0], x0) > 0]
        if not above:
            yield None
            continue
        nearest = max(above, key=lambda other: other.baseline)
        room = line.baseline - nearest.baseline
        stacked = _fill_in(nearest.text) is not None
        where = block.location.but(bbox=line.bbox, excerpt=excerpt(line.text))
        yield _run_spot(room, limit, kind, _labelled(line.text) or stacked, where)


def _run_spot(room: float, limit: float, kind: str, certain: bool, where: Location) -> Spot | None:
    """Underscores with a label or in a stack are certain; dots may be leaders, so manual."""
    mm = room * MM_PER_PT
    if mm >= limit:
        return None
    severity = Severity.NO if certain and kind == "underscores" else Severity.MANUAL
    return Spot(f"line of {kind}", "of room above it", mm, limit, severity, where)


def _fill_in(text: str) -> str | None:
    """"underscores" or "dots" when the text has a run to write on, else None.

    Dots count only at the end of the text (elsewhere they lead the eye to a
    value or a page number); spaced dots ". . . ." are always leaders.
    """
    if UNDERSCORES.search(text):
        return "underscores"
    # The search runs only where a run of dots could be: it is slow on every line of a book.
    if ("." * 8 in text or "…" * 4 in text) and DOTS_AT_END.search(text):
        return "dots"
    return None


def _labelled(text: str) -> bool:
    """Words beside the run: "Name: ______"."""
    return bool(re.search(r"[^\W_]", DOTS_AT_END.sub("", UNDERSCORES.sub("", text))))


# -- ballot-box characters ----------------------------------------------------------------


def _box_glyphs(doc: Document, opts: Options) -> Iterator[Spot | None]:
    widgets = [(f.location.page, f.location.bbox) for f in doc.fields if f.location.bbox]
    for block in doc.blocks:
        text = block.text
        squares = sum(text.count(c) for c in SQUARE_CHARS) >= 2
        if not (any(c in text for c in BOX_CHARS) or squares):
            continue
        for span in block.spans:
            count = sum(span.text.count(c) for c in BOX_CHARS + (SQUARE_CHARS if squares else ""))
            if not count or span.size is None:
                continue
            if span.bbox and any(page == block.page and _intersects(span.bbox, box) for page, box in widgets):
                continue  # a check box field's own appearance
            mm = span.size * BOX_GLYPH_EM * MM_PER_PT
            if mm >= opts.min_checkbox_mm:
                yield None
                continue
            where = block.location.but(bbox=span.bbox or block.location.bbox)
            yield Spot("tick box", "across", mm, opts.min_checkbox_mm, Severity.NO, where)
