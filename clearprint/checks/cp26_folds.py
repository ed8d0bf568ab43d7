"""CP26: is the document laid out so that folds will not obscure the text?

Files do not say where they will be folded. Folds come from ``opts.folds``
(mm from the left edge of the page as shown, given with ``--fold``), or are
inferred:

- PDF: a landscape A4, Letter or Legal page whose text sits in three equal
  panels (at least ``PANEL_SHARE`` of its characters in lines that stay within
  one third, and two or more thirds with a column of aligned lines) is a
  leaflet folded in three: folds at W/3 and 2W/3. A landscape page twice a
  standard size (A4 = 2 x A5, A3 = 2 x A4, Tabloid = 2 x Letter...) whose text
  sits in two such panels is folded in half, unless a line on any landscape
  page of that size runs across the middle (then it is a landscape page in
  two columns, or a postcard). In a short document (a leaflet), other pages of
  the same size take the same folds.
- DOCX: a landscape section set in 2 or 3 columns is folded at the column
  gaps, and so is one laid out in 2 or 3 panels by a one-row table
  (``Section.panels``: the reader's page-layout grid), at the middle of the
  gaps between panels; book-fold printing folds each sheet at the pages'
  inside edge.

Text within ``fold_clearance_mm`` of a fold is "no", within ``fold_review_mm``
manual. In a PDF every visible line with a letter or digit counts (fold marks
made of dots do not); diagonal watermarks do not. A Word file's text is taken
to fill its columns, since there is no layout: a fold given by the user across
a single-column section is manual. No folds: n/a, with a reminder.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from clearprint.analysis.images import displayed
from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import BBox, Document, Line, Location, Page, Section
from clearprint.results import Finding
from clearprint.textfacts import excerpt

MM_PER_PT = 25.4 / 72
PANEL_SHARE = 0.8  # share of characters in lines that keep within one panel
PANEL_SLACK = 0.02  # a line may poke this share of the page width into the next panel
COLUMN_LINES = 3  # lines starting at one x that make a panel's column
SIZE_TOLERANCE_MM = 3.0
SHORT_DOCUMENT = 4  # pages; up to this, all pages of one size fold alike
TRIFOLD_SHEETS = {"A4": (297.0, 210.0), "US Letter": (279.4, 215.9), "US Legal": (355.6, 215.9)}
DOUBLE_SHEETS = {"A6": (148.0, 105.0), "A5": (210.0, 148.0), "A4": (297.0, 210.0), "A3": (420.0, 297.0),
                 "half Letter": (215.9, 139.7), "US Letter": (279.4, 215.9)}
LETTERS = re.compile(r"[^\W_]")
THIRDS = "inferred from three equal panels (a leaflet folded in three)"
HALVES = "inferred from two panels on a sheet twice a standard size (folded in half)"


@dataclass(slots=True)
class Plan:
    folds: list[float]  # x as displayed, pt
    reason: str


@check("CP26", needs_text=False)
def folds(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "pdf":
        yield from _pdf(doc, opts)
    else:
        yield from _docx(doc, opts)


def _no_folds() -> Finding:
    return Finding.na("No folds were found or given; if the document will be folded, give the "
                      "fold positions (--fold, in mm from the left edge) or check by eye.")


def _severity_finding(gap_mm: float, opts: Options, message: str, where: Location,
                      count: int, **data: object) -> Finding | None:
    if gap_mm < opts.fold_clearance_mm:
        return Finding.no(f"{message}; keep text at least {opts.fold_clearance_mm:g} mm from folds.",
                          where, count=count, **data)
    if gap_mm < opts.fold_review_mm:
        return Finding.manual(f"{message}: check it is not lost in the fold.", where, count=count, **data)
    return None


# -- PDF -----------------------------------------------------------------------


def _pdf(doc: Document, opts: Options) -> Iterator[Finding]:
    plans = _pdf_plans(doc, opts)
    if not plans:
        yield _no_folds()
        return
    reasons: dict[str, list[int]] = {}
    for page in doc.pages:
        plan = plans.get(page.number)
        if plan is None:
            continue
        reasons.setdefault(plan.reason, []).append(page.number)
        if page.scanned:
            yield Finding.manual("A scanned page: check by eye that no text lies in a fold.",
                                 Location(page=page.number))
            continue
        lines = _lines(page)
        for fold in plan.folds:
            finding = _pdf_fold(page, fold, lines, opts)
            if finding is not None:
                yield finding
    for reason, pages in reasons.items():
        yield Finding.info(f"Folds {reason} on page(s) {', '.join(map(str, pages))}.", pages=pages)


def _pdf_plans(doc: Document, opts: Options) -> dict[int, Plan]:
    if opts.folds:
        given = [mm / MM_PER_PT for mm in opts.folds]
        where = ", ".join(f"{mm:g}" for mm in opts.folds)
        return {p.number: Plan([x for x in given if 0 < x < p.width], f"given at {where} mm")
                for p in doc.pages if any(0 < x < p.width for x in given)}
    plans = {p.number: plan for p in doc.pages if (plan := _infer(p)) is not None}
    # A sheet folded in half has no text across its middle on any page of that size.
    crossed = [p for p in doc.pages if p.width > p.height and p.number not in plans and _crosses_middle(p)]
    for number, plan in list(plans.items()):
        page = doc.pages[number - 1]
        if plan.reason == HALVES and any(_same_size(page, other) for other in crossed):
            del plans[number]
    if plans and len(doc.pages) <= SHORT_DOCUMENT:
        for page in doc.pages:
            if page.number in plans or page.width <= page.height:
                continue
            same = [plans[p.number] for p in doc.pages if p.number in plans and _same_size(p, page)]
            if same:
                common = Counter(plan.reason for plan in same).most_common(1)[0][0]
                plans[page.number] = next(plan for plan in same if plan.reason == common)
    return plans


def _same_size(a: Page, b: Page) -> bool:
    return abs(a.width - b.width) * MM_PER_PT <= SIZE_TOLERANCE_MM and \
        abs(a.height - b.height) * MM_PER_PT <= SIZE_TOLERANCE_MM


def _infer(page: Page) -> Plan | None:
    if page.width <= page.height or page.scanned:
        return None
    size = (page.width * MM_PER_PT, page.height * MM_PER_PT)
    boxes = [(box, len(line.text.strip())) for box, line in _lines(page)]
    if not boxes:
        return None
    width = page.width
    if _matches(size, TRIFOLD_SHEETS.values()) and _panels(boxes, width, 3):
        return Plan([width / 3, 2 * width / 3], THIRDS)
    double = [(2 * h, w) for w, h in DOUBLE_SHEETS.values()]
    if _matches(size, double) and _panels(boxes, width, 2) and not _crosses_middle(page):
        return Plan([width / 2], HALVES)
    return None


def _crosses_middle(page: Page) -> bool:
    middle = page.width / 2
    return any(box[0] < middle < box[2] for box, _ in _lines(page))


def _matches(size: tuple[float, float], sheets: Iterable[tuple[float, float]]) -> bool:
    return any(abs(size[0] - w) <= SIZE_TOLERANCE_MM and abs(size[1] - h) <= SIZE_TOLERANCE_MM
               for w, h in sheets)


def _panels(boxes: list[tuple[BBox, int]], width: float, count: int) -> bool:
    """Text laid out in ``count`` equal panels: lines keep to a panel, and panels have columns."""
    slack = PANEL_SLACK * width
    panel_of = []
    for box, _ in boxes:
        inside = [k for k in range(count)
                  if box[0] >= k * width / count - slack and box[2] <= (k + 1) * width / count + slack]
        panel_of.append(inside[0] if inside else None)
    total = sum(chars for _, chars in boxes)
    kept = sum(chars for (_, chars), panel in zip(boxes, panel_of, strict=True) if panel is not None)
    if total == 0 or kept < PANEL_SHARE * total:
        return False
    columns = 0
    for k in range(count):
        starts = Counter(round(box[0] / 2) for (box, _), panel in zip(boxes, panel_of, strict=True)
                         if panel == k)
        if starts and starts.most_common(1)[0][1] >= COLUMN_LINES:
            columns += 1
    return columns >= 2


def _lines(page: Page) -> list[tuple[BBox, Line]]:
    """Visible lines with a letter or digit, level or upside down, in displayed coordinates."""
    found = []
    for block in page.blocks:
        for line in block.lines:
            if line.vertical or min(abs(line.angle) % 180, 180 - abs(line.angle) % 180) > 2:
                continue
            if LETTERS.search(line.text):
                found.append((displayed(line.bbox, page), line))
    return found


def _pdf_fold(page: Page, fold: float, lines: list[tuple[BBox, Line]], opts: Options) -> Finding | None:
    near = []
    for box, line in lines:
        distance = 0.0 if box[0] < fold < box[2] else min(abs(box[0] - fold), abs(box[2] - fold))
        if distance * MM_PER_PT < opts.fold_review_mm:
            near.append((distance * MM_PER_PT, line))
    if not near:
        return None
    distance, line = min(near, key=lambda item: item[0])
    fold_mm = fold * MM_PER_PT
    what = "runs across" if distance == 0 else f"is {distance:.1f} mm from"
    message = (f"Text {what} the fold at {fold_mm:.0f} mm ({len(near)} line(s) within "
               f"{opts.fold_review_mm:g} mm)")
    where = Location(page=page.number, bbox=line.bbox, rotation=page.rotation or None,
                     excerpt=excerpt(line.text))
    return _severity_finding(distance, opts, message, where, len(near), fold_mm=round(fold_mm, 1),
                             fold_x_pt=round(fold, 1), distance_mm=round(distance, 1))


# -- DOCX ----------------------------------------------------------------------


def _docx(doc: Document, opts: Options) -> Iterator[Finding]:
    found = False
    for section in doc.sections:
        if section.width is None or section.height is None:
            continue
        areas = _text_areas(section)
        folds, reason = _docx_folds(doc, section, opts)
        for fold in folds:
            found = True
            finding = _docx_fold(section, fold, areas, reason, opts)
            if finding is not None:
                yield finding
        if reason == "panel gap":
            where = ", ".join(f"{fold * MM_PER_PT:.0f}" for fold in folds)
            yield Finding.info(f"Folds at {where} mm in section {section.number}, inferred between the "
                               "panels a table lays the landscape page out in (a folded leaflet).",
                               section.location, folds_mm=[round(f * MM_PER_PT, 1) for f in folds])
    if not found:
        yield _no_folds()


def _text_areas(section: Section) -> list[tuple[float, float]]:
    """Where each column (or panel) of text runs across the page, pt from the left edge."""
    if section.panels:
        return list(section.panels)
    left = (section.margin_left or 0.0) + (section.gutter or 0.0)
    right = (section.width or 0.0) - (section.margin_right or 0.0)
    widths = section.column_widths
    if not widths:
        count = max(1, section.columns)
        space = section.column_space or 0.0
        widths = [(right - left - (count - 1) * space) / count] * count
    areas, x = [], left
    for width in widths:
        areas.append((x, x + width))
        x += width + (section.column_space or 0.0)
    return areas


def _docx_folds(doc: Document, section: Section, opts: Options) -> tuple[list[float], str]:
    if opts.folds:
        return [mm / MM_PER_PT for mm in opts.folds], "given"
    landscape = (section.width or 0) > (section.height or 0)
    if landscape and (section.columns in (2, 3) or len(section.panels) in (2, 3)):
        areas = _text_areas(section)
        reason = "panel gap" if section.panels else "column gap"
        return [(a[1] + b[0]) / 2 for a, b in zip(areas, areas[1:], strict=False)], reason
    if doc.book_fold:
        return [0.0], "book fold"
    return [], ""


def _docx_fold(section: Section, fold: float, areas: list[tuple[float, float]], reason: str,
               opts: Options) -> Finding | None:
    distance = min(0.0 if a <= fold <= b else min(abs(fold - a), abs(fold - b)) for a, b in areas)
    mm = distance * MM_PER_PT
    fold_mm = fold * MM_PER_PT
    where = section.location
    data = {"fold_mm": round(fold_mm, 1), "distance_mm": round(mm, 1), "columns": section.columns}
    if reason == "book fold":
        message = f"Booklet printing: text is {mm:.1f} mm from the fold at the inside edge"
    elif reason == "column gap":
        message = (f"Landscape section in {section.columns} columns: text is {mm:.1f} mm from "
                   f"the fold in the column gap at {fold_mm:.0f} mm")
    elif reason == "panel gap":
        message = (f"Landscape page laid out in {len(areas)} panels by a table: text is {mm:.1f} mm "
                   f"from the fold between panels at {fold_mm:.0f} mm")
    elif distance == 0 and len(areas) == 1:
        return Finding.manual(f"The fold at {fold_mm:.0f} mm crosses the text area of section "
                              f"{section.number}: check by eye that no text lies in it.", where, **data)
    else:
        what = "crosses a column of text" if distance == 0 else f"is {mm:.1f} mm from the text"
        message = f"The fold at {fold_mm:.0f} mm {what}"
    return _severity_finding(mm, opts, message, where, 1, **data)
