"""The text Word draws inside a chart (word/charts/chartN.xml), and its size.

A chart in a Word file is data, not a picture: Word draws its axis labels,
data labels, legend and titles at the sizes the chart part states, in
hundredths of a point (``c:txPr/a:p/a:pPr/a:defRPr/@sz`` on the element, else
on the whole chart space; titles may also size their own runs). Without any
size Word uses 10 pt. Only what the chart shows is read: deleted axes, hidden
data labels and an absent legend print nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clearprint.model import ChartText
from clearprint.readers.docx.ooxml import R_ID, number, qn
from clearprint.readers.docx.package import Package

DEFAULT_SIZE = 10.0  # pt: Word's chart text when nothing sets a size
_AXES = tuple(qn(f"c:{name}") for name in ("catAx", "valAx", "dateAx", "serAx"))
_SHOWN_LABELS = ("showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")
_DEF_RPR = f"{qn('a:p')}/{qn('a:pPr')}/{qn('a:defRPr')}"


def chart_text(package: Package, part: str, graphic_data: Any) -> list[ChartText]:
    """What text the chart in ``graphic_data`` (a:graphicData) prints, and at what size."""
    ref = graphic_data.find(qn("c:chart"))
    target = package.target(part, ref.get(R_ID, "")) if ref is not None else None
    space = package.xml(target) if target else None
    chart = space.find(qn("c:chart")) if space is not None else None
    if chart is None:
        return []
    default, default_source = _stated(space), "the chart's default text size"
    if default is None:
        default, default_source = DEFAULT_SIZE, "Word's default chart text size"
    found = []
    for element, el in _shown(chart):
        size = _stated(el)
        found.append(ChartText(element, size, "the chart") if size is not None
                     else ChartText(element, default, default_source))
    return found


def _shown(chart: Any) -> Iterator[tuple[str, Any]]:
    """The chart's printed text elements: (what it is, its element)."""
    title = chart.find(qn("c:title"))
    if title is not None and _sized_runs(title):  # an untitled chart's automatic title is large
        yield "title", title
    plot = chart.find(qn("c:plotArea"))
    for axis in plot.iter(*_AXES) if plot is not None else ():
        if not _on(axis.find(qn("c:delete"))):
            yield "axis labels", axis
            if axis.find(qn("c:title")) is not None:
                yield "axis title", axis.find(qn("c:title"))
    for labels in plot.iter(qn("c:dLbls")) if plot is not None else ():
        if not _on(labels.find(qn("c:delete"))) and any(
                _on(labels.find(qn(f"c:{show}"))) for show in _SHOWN_LABELS):
            yield "data labels", labels
    legend = chart.find(qn("c:legend"))
    if legend is not None:
        yield "legend", legend


def _stated(el: Any) -> float | None:
    """The size an element states for its text, pt: its own runs' (titles), else its
    c:txPr default; None when it states none."""
    sizes = _sized_runs(el) if el.tag != qn("c:chartSpace") else []
    if sizes:
        return min(sizes)
    txpr = el.find(qn("c:txPr"))
    default = txpr.find(_DEF_RPR) if txpr is not None else None
    size = number(default.get("sz")) if default is not None else None
    return size / 100 if size else None


def _sized_runs(el: Any) -> list[float]:
    """Sizes (pt) a title's own rich text sets on its runs: a run's a:rPr, else its
    paragraph's a:defRPr. Runs that set none are left out."""
    rich = el.find(f"{qn('c:tx')}/{qn('c:rich')}")
    sizes = []
    for paragraph in rich.iter(qn("a:p")) if rich is not None else ():
        default = paragraph.find(f"{qn('a:pPr')}/{qn('a:defRPr')}")
        fallback = number(default.get("sz")) if default is not None else None
        for run_pr in paragraph.iter(qn("a:rPr")):
            size = number(run_pr.get("sz")) or fallback
            if size:
                sizes.append(size / 100)
    return sizes


def _on(el: Any | None) -> bool:
    """A c: boolean element: present with val absent, "1" or "true"."""
    return el is not None and el.get("val", "1").lower() in ("1", "true")
