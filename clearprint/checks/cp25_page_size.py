"""CP25: is the page a size which is easy to handle?

A4, A5 and US Letter (either way round) are easy to hold and to place under a
magnifier. Other sizes up to A3 are left to a person (a menu or a card may be
fine); anything with a side over A3's 420 mm, or a short side under 99 mm, is
a "no". PDF pages are measured as displayed; DOCX sections from ``w:pgSz``.
"""

from __future__ import annotations

from collections.abc import Iterator

from clearprint.checks import check
from clearprint.config import Options
from clearprint.model import Document, Location
from clearprint.results import Finding

MM_PER_PT = 25.4 / 72
EASY_SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "US Letter": (215.9, 279.4)}


@check("CP25", needs_text=False)
def page_size(doc: Document, opts: Options) -> Iterator[Finding]:
    sizes: dict[tuple[int, int], list[Location]] = {}
    for width, height, location in _sheets(doc):
        key = (round(width * MM_PER_PT), round(height * MM_PER_PT))
        sizes.setdefault(key, []).append(location)
    if not sizes:
        yield Finding.manual("The page size could not be read.")
        return
    for (width, height), where in sizes.items():
        yield from _judge(width, height, where, opts)
    if len(sizes) > opts.max_page_sizes:
        yield Finding.manual(f"{len(sizes)} different page sizes in one document: check they "
                             "are meant.", sizes=len(sizes))
    elif len(sizes) > 1:
        yield Finding.info(f"{len(sizes)} different page sizes in one document.", sizes=len(sizes))


def _sheets(doc: Document) -> Iterator[tuple[float, float, Location]]:
    if doc.format == "pdf":
        for page in doc.pages:
            yield page.width, page.height, Location(page=page.number)
    else:
        for section in doc.sections:
            if section.width and section.height:
                yield section.width, section.height, section.location


def _judge(width: int, height: int, where: list[Location], opts: Options) -> Iterator[Finding]:
    short, long = sorted((width, height))
    name = _standard_name(short, long, opts.page_size_tolerance_mm)
    first = where[0]
    label = _places(where)
    data = {"width_mm": width, "height_mm": height, "places": len(where)}
    if name:
        if name != "A4":
            yield Finding.info(f"{name} ({width} x {height} mm) on {label}; UKAAF prefers A4.",
                               first, **data)
        return
    if long > opts.max_page_side_mm or short < opts.min_page_short_side_mm:
        too = "large" if long > opts.max_page_side_mm else "small"
        yield Finding.no(f"{width} x {height} mm on {label}: too {too} to handle easily.",
                         first, count=len(where), **data)
    else:
        yield Finding.manual(f"{width} x {height} mm on {label}: not A4, A5 or Letter; "
                             "check it is easy to hold and read.", first, count=len(where), **data)


def _standard_name(short: float, long: float, tolerance: float) -> str | None:
    for name, (a, b) in EASY_SIZES.items():
        if abs(short - a) <= tolerance and abs(long - b) <= tolerance:
            return name
    return None


def _places(where: list[Location]) -> str:
    if where[0].page is not None:
        pages = [loc.page for loc in where]
        return f"page {pages[0]}" if len(pages) == 1 else f"{len(pages)} pages ({_ranges(pages)})"
    sections = [loc.section for loc in where]
    return f"section {sections[0]}" if len(sections) == 1 else f"{len(sections)} sections"


def _ranges(numbers: list[int | None]) -> str:
    values = sorted(n for n in numbers if n is not None)
    parts, start = [], values[0]
    for prev, cur in zip(values, values[1:] + [None], strict=False):
        if cur != (prev or 0) + 1:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = cur
    return ", ".join(parts)
