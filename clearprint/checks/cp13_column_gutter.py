"""CP13: if using columns, is there enough space between columns?

The gutter *g* is measured in ems of the type in the columns (the body size in
ordinary documents): ``g >= gutter_min_em`` is enough; a vertical rule makes
``gutter_with_rule_min_em`` enough. Without a rule, a gutter between those
two is left to a person and a narrower one is a "no"; with a rule, a narrower
one is left to a person. RNIB gives no number, so these are clearprint's own
defaults.

PDF: gutters come from ``analysis.columns`` (blocks of lines side by side);
each gutter is judged by its narrowest place, and gutters with the same
verdict are reported together. DOCX: ``w:cols`` spacing and its "line
between" setting per section; tables whose cells hold long running text side
by side are columns too, but their gap (cell margins and borders) is not in
the model, so they are left to a person. The panels a one-row layout table
sets a landscape page in (``Section.panels``) are judged like columns, by the
narrowest gap between them. More columns than
``preferred_max_columns`` gets a note.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.analysis.columns import ColumnGap, page_columns, table_columns
from clearprint.analysis.geometry import from_display
from clearprint.analysis.text import body_size
from clearprint.checks import check
from clearprint.checks.phrases import pages_text
from clearprint.config import Options
from clearprint.model import Document, Location, Section
from clearprint.results import Finding, Severity
from clearprint.textfacts import excerpt


def verdict(em: float, rule: bool, opts: Options) -> Severity | None:
    """The answer one gutter gives: None when it is wide enough."""
    if em >= opts.gutter_min_em or (rule and em >= opts.gutter_with_rule_min_em):
        return None
    if em >= opts.gutter_with_rule_min_em or rule:
        return Severity.MANUAL
    return Severity.NO


def describe(em: float, rule: bool, opts: Options) -> str:
    if em >= opts.gutter_with_rule_min_em:
        return f"narrower than {opts.gutter_min_em:g} em with no vertical line between the columns"
    if rule:
        return (f"narrower than {opts.gutter_with_rule_min_em:g} em, though a vertical line "
                "separates the columns")
    return f"narrower than {opts.gutter_with_rule_min_em:g} em with no vertical line between the columns"


@check("CP13")
def column_gutter(doc: Document, opts: Options) -> Iterator[Finding]:
    if doc.format == "docx":
        yield from _docx(doc, opts)
    else:
        yield from _pdf(doc, opts)


def _pdf(doc: Document, opts: Options) -> Iterator[Finding]:
    pages = page_columns(doc)
    if not pages:
        if not doc.scanned_pages:
            yield Finding.na("No text set in columns.")
        return
    judged: dict[tuple[Severity, bool], list[ColumnGap]] = {}
    gutters = [g for page in pages for g in page.gutters]
    for gutter in gutters:
        narrowest = gutter.narrowest
        severity = verdict(narrowest.em, narrowest.rule, opts)
        if severity is not None:
            judged.setdefault((severity, narrowest.rule), []).append(gutter)
    for (severity, rule), found in judged.items():
        worst = min(found, key=lambda g: g.narrowest.em)
        pair = worst.narrowest
        page_list = sorted({g.page.number for g in found})
        where = f" on page {worst.page.number}" if len(page_list) > 1 else ""
        message = (f"{len(found)} column gap(s) {describe(pair.em, rule, opts)}, on "
                   f"{pages_text(page_list)}; the narrowest is {pair.width:.1f} pt "
                   f"({pair.em:.2f} em of {pair.size:g} pt type){where}.")
        location = Location(page=worst.page.number, bbox=from_display(pair.box, worst.page),
                            rotation=worst.page.rotation or None,
                            excerpt=excerpt(pair.right.pieces[0].text))
        yield Finding(severity, message, location, count=len(found),
                      data={"gutter_pt": round(pair.width, 1), "gutter_em": round(pair.em, 2),
                            "size_pt": pair.size, "rule": rule, "pages": page_list})
    narrowest = min(gutters, key=lambda g: g.narrowest.em).narrowest
    ruled = ", with a line between the columns" if narrowest.rule else ""
    yield Finding.info(f"{len(gutters)} column gap(s) measured on {len(pages)} page(s); the "
                       f"narrowest is {narrowest.em:.2f} em{ruled}.", gutters=len(gutters),
                       narrowest_em=round(narrowest.em, 2), rule=narrowest.rule)
    widest = max(pages, key=lambda p: p.count)
    if widest.count > opts.preferred_max_columns:
        many = [p.page.number for p in pages if p.count > opts.preferred_max_columns]
        yield Finding.info(f"{widest.count} columns side by side on {pages_text(many)}; RNIB and UKAAF "
                           "prefer fewer columns.", Location(page=widest.page.number),
                           columns=widest.count, pages=many)


def _docx(doc: Document, opts: Options) -> Iterator[Finding]:
    sections = [s for s in doc.sections if s.columns > 1]
    tables = table_columns(doc)
    panelled = [s for s in doc.sections if len(s.panels) > 1]
    if not sections and not tables and not panelled:
        yield Finding.na("No text set in columns.")
        return
    size = body_size(doc)
    for section in panelled:
        yield _panels(section, size, opts)
    for section in sections:
        space = section.column_space
        if space is None or size is None:
            yield Finding.manual(f"Section {section.number} has {section.columns} columns, but the "
                                 "space between them could not be read.", section.location)
            continue
        em = space / size
        severity = verdict(em, section.column_rule, opts)
        data = {"gutter_pt": round(space, 1), "gutter_em": round(em, 2), "size_pt": size,
                "rule": section.column_rule, "columns": section.columns}
        if severity is not None:
            yield Finding(severity, f"Section {section.number}: the {space:.1f} pt space between "
                          f"columns ({em:.2f} em of {size:g} pt type) is "
                          f"{describe(em, section.column_rule, opts)}.", section.location, data)
        else:
            ruled = ", with a line between them" if section.column_rule else ""
            yield Finding.info(f"Section {section.number}: {section.columns} columns {space:.1f} pt "
                               f"apart ({em:.2f} em of {size:g} pt type){ruled}.", section.location, **data)
        if section.columns > opts.preferred_max_columns:
            yield Finding.info(f"Section {section.number} has {section.columns} columns; RNIB and "
                               "UKAAF prefer fewer columns.", section.location, **data)
    for first, columns in tables:
        yield Finding.manual(f"A table sets long text in {columns} columns side by side; check by "
                             "eye that the gap between its cells clearly separates them.",
                             first.location, columns=columns)


def _panels(section: Section, size: float | None, opts: Options) -> Finding:
    """The narrowest gap between the panels a layout table sets a landscape page in."""
    space = min(b[0] - a[1] for a, b in zip(section.panels, section.panels[1:], strict=False))
    if size is None:
        return Finding.manual(f"Section {section.number} is laid out in {len(section.panels)} panels "
                              "by a table, but the size of its text is unknown.", section.location)
    em = space / size
    data = {"gutter_pt": round(space, 1), "gutter_em": round(em, 2), "size_pt": size,
            "panels": len(section.panels)}
    severity = verdict(em, False, opts)
    if severity is not None:
        return Finding(severity, f"Section {section.number}: the {space:.1f} pt space between the "
                       f"panels a table lays the page out in ({em:.2f} em of {size:g} pt type) is "
                       f"{describe(em, False, opts)}.", section.location, data)
    return Finding.info(f"Section {section.number}: {len(section.panels)} panels laid out by a table, "
                        f"{space:.1f} pt apart ({em:.2f} em of {size:g} pt type).", section.location, **data)


