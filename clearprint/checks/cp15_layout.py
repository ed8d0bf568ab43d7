"""CP15: is the page layout clear and unfussy?

Clarity is a judgement, so this check gathers warning signs and asks a person
to look when any appear; with none it answers yes, noting that only automatic
signs were checked (or always manual, with ``layout_always_manual``).

PDF, per page: more than ``max_font_families`` font families (style words and
symbol fonts left out) or ``max_type_sizes`` sizes; text over pictures (a span
over an image painted before it, bullets and colour fills aside); more than
``max_reversed_panels`` dark panels carrying light text; more than
``max_decorative_shapes`` small shapes that are neither rules nor panels; less
than ``min_white_space_share`` of the page empty; rotated text; hidden or
clipped text; underlining for emphasis (links aside). The one clear "no" is
reading text running over the edge of the page: part of a line is printed
and the rest is lost. A line cut at the inner edges of two facing pages is a
spread, and big display type cropped by the edge may be meant: both manual.
Each sign is reported once, with the pages it appears on.

DOCX, across the document: fonts and sizes as above, text boxes, drawn
shapes, pictures behind text, a picture or texture as the page background,
patterned shading, rotated text directions and underlining.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from clearprint.analysis.background import luminance
from clearprint.analysis.geometry import is_horizontal, to_display
from clearprint.analysis.images import is_decorative, page_share
from clearprint.analysis.text import body_size, family
from clearprint.checks import check
from clearprint.checks.phrases import pages_text
from clearprint.config import Options
from clearprint.model import BBox, Block, Document, Line, Location, Page, Part, Role, Span
from clearprint.results import Finding, Severity
from clearprint.textfacts import dominant_size, excerpt, visible

# Symbol, dingbat and TeX maths fonts set signs, not reading text.
SYMBOL_FONTS = ("symbol", "zapfdingbats", "dingbats", "wingdings", "webdings", "mtextra",
                "opensymbol", "marlett", "mtsy", "cmsy", "cmmi", "cmex", "msam", "msbm", "eufm",
                "rsfs", "lmmath", "stixmath", "cambriamath", "fontawesome")
OPAQUE_FONT = re.compile(r"^(tte[0-9a-f]{4,}t\d+|[0-9a-f]{8,}|(f|t|ff|font)\d{1,4}|c\d_\d)$", re.IGNORECASE)
TEXT_OVER_PICTURE_MIN_CHARS = 10
PICTURE_COVER = 0.5  # share of a span's box a picture must cover
DARK_PANEL = 0.2  # luminance below which a fill is a dark panel
LIGHT_TEXT = 0.5  # luminance above which text on a dark panel is reversed
THIN_PT = 3.0  # shapes thinner than this are rules or borders
SMALL_SHARE = 0.01  # shapes under this share of the page are small
BACKGROUND_SHARE = 0.5  # fills and pictures over this share of the page are backgrounds
PALE_FILL = 0.9  # luminance above which a fill does not print as ink
GRID_PT = 2.0  # white-space grid resolution
CLIPPED_MIN_CHARS = 20  # text runs cut off whole by a clip: fewer characters are a stray mark
EDGE_PT = 1.0  # a line running this far over the side of the page is cut off
DISPLAY_SIZE_FACTOR = 2.0  # type this many times the body size (and DISPLAY_MIN_PT) is display type
DISPLAY_MIN_PT = 24.0
DEFAULT_BODY_SIZE = 12.0
UNDERLINE_MIN_CHARS = 3
# Links are underlined by convention, and often broken across lines ("gpu.html").
LINK_TEXT = re.compile(r"https?://|www\.|\S@\S|/\S|%[0-9a-f]{2}|#\S|\.(html?|pdf|aspx?|php|com|org|net|gov|edu|uk|int)\b",
                       re.IGNORECASE)
MAX_LISTED = 6
ROTATED_DIRECTIONS = ("btlr", "tbrl", "tbrlv", "lrtbv", "tblrv", "tblr", "lrbt", "rltb")


@dataclass(slots=True)
class Sign:
    """One kind of warning sign, gathered over the pages it appears on."""

    kind: str
    severity: Severity
    pages: list[int] = field(default_factory=list)
    worst: tuple[float, str, Location | None, int | None] | None = None  # value, detail, where, page

    def add(self, page: int | None, value: float, detail: str, location: Location | None) -> None:
        if page is not None:
            self.pages.append(page)
        if self.worst is None or value > self.worst[0]:
            self.worst = (value, detail, location, page)


MESSAGES = {
    "fonts": "More than {max_font_families} font families",
    "sizes": "More than {max_type_sizes} type sizes",
    "over_pictures": "Text printed over pictures",
    "reversed_panels": "More than {max_reversed_panels} reversed panels (light text on dark)",
    "decoration": "More than {max_decorative_shapes} small decorative shapes",
    "crowded": "Less than {min_white_space_share:.0%} of the page left empty",
    "rotated": "Text that is not horizontal",
    "hidden": "Invisible text (an OCR layer or hidden text)",
    "clipped": "Text cut off by a clip or the page edge",
    "cut_off": "Text runs off the edge of the page",
    "cut_off_display": "Large display type runs off the edge of the page (check it is meant)",
    "spread": "A line runs across two facing pages",
    "underline": "Underlining used for emphasis",
    "text_boxes": "Text boxes",
    "shapes": "More than {max_drawn_shapes} drawn shapes",
    "patterns": "Patterned shading behind text",
    "texture": "A picture or texture behind the text of every page",
}


@check("CP15")
def layout(doc: Document, opts: Options) -> Iterator[Finding]:
    signs: dict[str, Sign] = {}
    if doc.format == "pdf":
        by_page: dict[int, list[Block]] = {}
        for block in doc.blocks:
            if block.page is not None:
                by_page.setdefault(block.page, []).append(block)
        off_page = {page.number: _off_page(page, by_page.get(page.number, [])) for page in doc.pages}
        spreads = _spread_lines(doc.pages, off_page)
        body = body_size(doc) or DEFAULT_BODY_SIZE
        for page in doc.pages:
            if not page.scanned:
                _page_signs(page, by_page.get(page.number, []), opts, signs, spreads, body,
                            off_page[page.number])
    else:
        _docx_signs(doc, opts, signs)
    for sign in signs.values():
        yield _finding(sign, opts)
    if not signs:
        checked = "pages" if doc.format == "pdf" else "document"
        message = (f"No warning signs of a fussy layout in the {checked}; only automatic signs "
                   "were checked, so a glance by a person is still worthwhile.")
        if opts.layout_always_manual:
            yield Finding.manual(message)
        else:
            yield Finding.info(message)


def _finding(sign: Sign, opts: Options) -> Finding:
    title = MESSAGES[sign.kind].format(**opts.as_dict())
    value, detail, location, page = sign.worst or (0, "", None, None)
    pages = sorted(set(sign.pages))
    if len(pages) > 1:
        message = f"{title} on {pages_text(pages)}: at worst {detail} on page {page}."
    elif pages:
        message = f"{title} on page {pages[0]}: {detail}."
    else:
        message = f"{title}: {detail}."
    data: dict[str, object] = {"sign": sign.kind, "worst": round(value, 2)}
    if pages:
        data["pages"] = pages
    return Finding(sign.severity, message, location, data, count=max(1, len(pages)))


def _add(signs: dict[str, Sign], kind: str, page: int | None, value: float, detail: str,
         location: Location | None, severity: Severity = Severity.MANUAL) -> None:
    signs.setdefault(kind, Sign(kind, severity)).add(page, value, detail, location)


# PDF ------------------------------------------------------------------------

def _readable(span: Span) -> bool:
    """A span that sets letters or digits (bullets and rules of dots aside)."""
    return visible(span) and any(c.isalnum() for c in span.text)


def _families(readable: list[Span]) -> list[str]:
    """The font families used for letters and digits (in ``readable`` spans), each
    shown by its first font's name.

    Fonts embedded under made-up names (TTE1A2B3Ct00, a hash) say nothing of
    their family and are left out.
    """
    found: dict[str, str] = {}
    for font in dict.fromkeys(s.font for s in readable if s.font):  # each font once, in order of use
        name = font.split("+")[-1]
        if OPAQUE_FONT.match(name):
            continue
        family_name = family(font)
        if family_name and not family_name.startswith(SYMBOL_FONTS):
            found.setdefault(family_name, re.split(r"[-,]", name)[0])
    return list(found.values())


def _sizes(readable: list[Span]) -> list[float]:
    return sorted({round(s.size * 2) / 2 for s in readable if s.size and not s.superscript})


def _page_signs(page: Page, blocks: list[Block], opts: Options, signs: dict[str, Sign],
                spreads: set[int], body: float, off_page: list[_OffPage]) -> None:
    here = Location(page=page.number, rotation=page.rotation or None)
    readable = [s for b in blocks for s in b.spans if _readable(s)]
    families = _families(readable)
    if len(families) > opts.max_font_families:
        _add(signs, "fonts", page.number, len(families),
             f"{len(families)} ({_listed(families)})", here)
    sizes = _sizes(readable)
    if len(sizes) > opts.max_type_sizes:
        _add(signs, "sizes", page.number, len(sizes),
             f"{len(sizes)} ({', '.join(f'{s:g}' for s in sizes)} pt)", here)
    over = _over_pictures(page, blocks)
    if over:
        chars, first = over
        _add(signs, "over_pictures", page.number, chars,
             f"{chars} characters", first)
    panels = _reversed_panels(page, readable)
    if len(panels) > opts.max_reversed_panels:
        _add(signs, "reversed_panels", page.number, len(panels),
             f"{len(panels)} panels", here.but(bbox=panels[0]))
    decoration = _decorative_shapes(page, readable)
    if decoration > opts.max_decorative_shapes:
        _add(signs, "decoration", page.number, decoration,
             f"{decoration} shapes", here)
    white = _white_share(page, blocks)
    if white < opts.min_white_space_share:
        _add(signs, "crowded", page.number, 1 - white,
             f"only {white:.0%} empty", here)
    rotated = [b for b in blocks if not all(is_horizontal(ln) for ln in b.lines)]
    if rotated:
        _add(signs, "rotated", page.number, len(rotated),
             f"{len(rotated)} paragraph(s)",
             rotated[0].location.but(excerpt=excerpt(rotated[0].text)))
    if page.hidden_chars:
        _add(signs, "hidden", page.number, page.hidden_chars,
             f"{page.hidden_chars} characters", here)
    _cut_off_signs(page, off_page, spreads, body, signs)
    if page.clipped_chars >= CLIPPED_MIN_CHARS:
        _add(signs, "clipped", page.number, page.clipped_chars,
             f"{page.clipped_chars} characters", here)
    underlined = [(b, s) for b in blocks for s in b.spans if _emphasis_underline(b, s)]
    if underlined:
        block, span = underlined[0]
        _add(signs, "underline", page.number, len(underlined),
             f"{len(underlined)} underlined run(s)",
             block.location.but(bbox=span.bbox, excerpt=excerpt(span.text)))


def _listed(names: list[str]) -> str:
    return ", ".join(names[:MAX_LISTED]) + (", ..." if len(names) > MAX_LISTED else "")


def _over_pictures(page: Page, blocks: list[Block]) -> tuple[int, Location] | None:
    """Characters printed over a picture painted before them, and where the first is."""
    pictures = [i for i in page.images if i.location.bbox is not None and not is_decorative(i, page)]
    if not pictures:
        return None
    chars = 0
    first: Location | None = None
    for block in blocks:
        for span in block.spans:
            if span.bbox is None or not _readable(span):
                continue
            area = _area(span.bbox)
            for picture in pictures:
                if picture.order is not None and span.order is not None and picture.order > span.order:
                    continue  # painted over the text, not under it
                if area > 0 and _intersection(span.bbox, picture.location.bbox) >= PICTURE_COVER * area:
                    chars += len(span.text.strip())
                    if first is None:
                        first = block.location.but(bbox=span.bbox, excerpt=excerpt(span.text))
                    break
    if chars < TEXT_OVER_PICTURE_MIN_CHARS or first is None:
        return None
    return chars, first


def _reversed_panels(page: Page, readable: list[Span]) -> list[BBox]:
    """Dark filled shapes that carry light text (among the ``readable`` spans)."""
    dark = [shape for shape in page.shapes if shape.fill is not None
            and luminance(shape.fill) < DARK_PANEL and shape.opacity >= 0.5]
    if not dark:
        return []
    light = [s for s in readable if s.bbox is not None and s.color is not None
             and luminance(s.color) > LIGHT_TEXT]
    panels = []
    for shape in dark:
        if any(_centre_in(s.bbox, shape.bbox) and (shape.order is None or s.order is None
                                                   or shape.order < s.order) for s in light):
            panels.append(shape.bbox)
    return panels


def _decorative_shapes(page: Page, readable: list[Span]) -> int:
    """Small shapes that are neither rules nor panels behind (``readable``) text."""
    limit = SMALL_SHARE * page.width * page.height
    small = [s for s in page.shapes
             if min(s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]) >= THIN_PT and _area(s.bbox) < limit]
    if not small:
        return 0
    # Text centres from the top down, so each shape looks only at those level with it.
    centres = sorted(((b[1] + b[3]) / 2, (b[0] + b[2]) / 2) for s in readable if (b := s.bbox) is not None)
    heights = [y for y, _ in centres]
    return sum(1 for shape in small if not _holds_centre(shape.bbox, centres, heights))


def _holds_centre(box: BBox, centres: list[tuple[float, float]], heights: list[float]) -> bool:
    """One of the points ((y, x), from the top down; ``heights`` their y) lies in the box."""
    first, last = bisect.bisect_left(heights, box[1]), bisect.bisect_right(heights, box[3])
    return any(box[0] <= x <= box[2] for _, x in centres[first:last])


def _white_share(page: Page, blocks: list[Block]) -> float:
    """1 - the share of the page covered by text lines, pictures and inked fills.

    The page is a grid of ``GRID_PT`` cells; each box inks the cells it touches,
    painted on a small image so that overlapping boxes count once.
    """
    box = (0.0, 0.0, page.width, page.height)
    columns = max(1, int(page.width / GRID_PT) + 1)
    rows = max(1, int(page.height / GRID_PT) + 1)
    grid = Image.new("L", (columns, rows))
    draw = ImageDraw.Draw(grid)
    areas: list[BBox] = [to_display(ln.bbox, page) for b in blocks for ln in b.lines if ln.text.strip()]
    for image in page.images:
        if image.location.bbox is not None and not is_decorative(image, page):
            shown = to_display(image.location.bbox, page)
            if page_share(shown, page) < BACKGROUND_SHARE:
                areas.append(shown)
    for shape in page.shapes:
        if shape.fill is not None and luminance(shape.fill) < PALE_FILL:
            shown = to_display(shape.bbox, page)
            if page_share(shown, page) < BACKGROUND_SHARE:
                areas.append(shown)
    for area in areas:
        x0, y0, x1, y1 = (max(area[0], box[0]), max(area[1], box[1]),
                          min(area[2], box[2]), min(area[3], box[3]))
        if x1 <= x0 or y1 <= y0:
            continue
        # Both corners are inked: the cells from the one holding (x0, y0) to the one holding (x1, y1).
        draw.rectangle((int(x0 / GRID_PT), int(y0 / GRID_PT), int(x1 / GRID_PT), int(y1 / GRID_PT)), fill=1)
    return 1 - grid.histogram()[1] / (columns * rows)


@dataclass(slots=True)
class _OffPage:
    """A line of text running over the edges of its page."""

    block: Block
    line: Line
    box: BBox  # displayed
    sides: set[str]


def _off_page(page: Page, blocks: list[Block]) -> list[_OffPage]:
    """The page's horizontal lines that run over its edges, paragraph by paragraph."""
    found = []
    for block in blocks:
        for line in _horizontal(block):
            box = to_display(line.bbox, page)
            sides = _edge_sides(page, box)
            if sides:
                found.append(_OffPage(block, line, box, sides))
    return found


def _edge_sides(page: Page, box: BBox) -> set[str]:
    """The page edges a line of text (its displayed box) runs over.

    A glyph box is as wide as the glyph but as tall as the line, so a line
    runs off the side as soon as it crosses it, off the top or foot only when
    half its height is over.
    """
    x0, y0, x1, y1 = box
    over = 0.5 * (y1 - y0)
    sides = set()
    if x0 < -EDGE_PT:
        sides.add("left")
    if x1 > page.width + EDGE_PT:
        sides.add("right")
    if y0 < -over or y1 > page.height + over:
        sides.add("top or bottom")
    return sides


def _horizontal(block: Block) -> Iterator[Line]:
    # Credits and codes set up the margin are no sign that text was lost.
    return (ln for ln in block.lines if is_horizontal(ln))


def _cut_off_signs(page: Page, off_page: list[_OffPage], spreads: set[int], body: float,
                   signs: dict[str, Sign]) -> None:
    """Lines running off the page: a "no" for reading text, a person's call for display type."""
    for _, members in itertools.groupby(off_page, key=lambda off: id(off.block)):
        cut = list(members)
        block, first = cut[0].block, cut[0].line
        where = block.location.but(bbox=first.bbox, excerpt=excerpt(first.text))
        size = dominant_size(first.spans) or body
        if id(block) in spreads:
            _add(signs, "spread", page.number, len(cut), "it is cut at the inner edge of each page", where)
        elif size > max(DISPLAY_SIZE_FACTOR * body, DISPLAY_MIN_PT):
            _add(signs, "cut_off_display", page.number, size, f"{size:g} pt type", where)
        else:
            sides = sorted({side for off in cut for side in off.sides})
            _add(signs, "cut_off", page.number, len(cut),
                 f"{len(cut)} line(s) cut off at the {' and '.join(sides)} edge", where, Severity.NO)


def _spread_lines(pages: list[Page], off_page: dict[int, list[_OffPage]]) -> set[int]:
    """Blocks (by id) whose line runs off one page and on across the facing one, level with it.

    A headline set across a two-page spread is cut at the inner edge of each
    PDF page; that is a fold question (CP26), not lost text.
    """
    found: set[int] = set()
    for left, right in zip(pages, pages[1:], strict=False):
        outgoing = [(off.block, off.box) for off in off_page[left.number] if "right" in off.sides]
        incoming = [(off.block, off.box) for off in off_page[right.number] if "left" in off.sides]
        for a, box_a in outgoing:
            for b, box_b in incoming:
                if min(box_a[3], box_b[3]) - max(box_a[1], box_b[1]) > 0:
                    found.update((id(a), id(b)))
    return found


def _emphasis_underline(block: Block, span: Span) -> bool:
    """Underlined words that are not a link (links are underlined, and often blue)."""
    if not span.underline or not _readable(span) or len(span.text.strip()) < UNDERLINE_MIN_CHARS:
        return False
    if block.role is Role.CONTENTS or LINK_TEXT.search(span.text) or _link_blue(span.color):
        return False
    sources = (block.style, span.font_source, span.size_source)
    return not any("hyperlink" in (v or "").lower() for v in sources)


def _link_blue(colour: tuple[int, int, int] | None) -> bool:
    return colour is not None and colour[2] >= 150 and colour[0] <= 80 and colour[2] - colour[1] >= 40


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _intersection(a: BBox, b: BBox) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _centre_in(inner: BBox, outer: BBox) -> bool:
    x, y = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= x <= outer[2] and outer[1] <= y <= outer[3]


# DOCX -----------------------------------------------------------------------

def _visible_boxes(doc: Document) -> int:
    """Text boxes as the eye counts them: those holding text, a drawn group (a call-out)
    as one; all of them when the reader listed none or none holds text."""
    holding = {b.location.box[0] for b in doc.blocks if b.location.box and b.text.strip()}
    shown = [box for box in doc.boxes if box.number in holding]
    if not shown:
        return doc.text_boxes
    return len({box.group for box in shown if box.group is not None}) + sum(1 for box in shown
                                                                          if box.group is None)


def _docx_signs(doc: Document, opts: Options, signs: dict[str, Sign]) -> None:
    spans = [(b, s) for b in doc.blocks for s in b.spans]
    readable = [s for _, s in spans if _readable(s)]
    families = _families(readable)
    if len(families) > opts.max_font_families:
        _add(signs, "fonts", None, len(families), f"{len(families)} in the document ({_listed(families)})",
             None)
    sizes = _sizes(readable)
    if len(sizes) > opts.max_type_sizes:
        _add(signs, "sizes", None, len(sizes),
             f"{len(sizes)} in the document ({', '.join(f'{s:g}' for s in sizes)} pt)", None)
    if doc.page_texture:
        _add(signs, "texture", None, 1, f"the page background is a {doc.page_texture}", None)
    if doc.text_boxes:
        first = next((b for b in doc.blocks if b.part is Part.TEXTBOX), None)
        boxes = _visible_boxes(doc)
        _add(signs, "text_boxes", None, boxes, f"{boxes} in the document",
             first.location.but(excerpt=excerpt(first.text)) if first else None)
    if len(doc.shapes) > opts.max_drawn_shapes:
        _add(signs, "shapes", None, len(doc.shapes), f"{len(doc.shapes)} in the document", None)
    behind = [i for i in doc.images if i.behind_text]
    if behind:
        _add(signs, "over_pictures", None, len(behind),
             f"{len(behind)} picture(s) placed behind text", behind[0].location)
    patterned = [(b, s) for b, s in spans if s.background_source and "pattern" in s.background_source
                 and _readable(s)]
    if patterned:
        block, _ = patterned[0]
        _add(signs, "patterns", None, len(patterned), f"{len(patterned)} run(s) of text",
             block.location)
    turned = [b for b in doc.blocks if b.text_direction and b.text_direction.lower() in ROTATED_DIRECTIONS
              and b.text.strip()]
    if turned:
        _add(signs, "rotated", None, len(turned), f"{len(turned)} paragraph(s)",
             turned[0].location.but(excerpt=excerpt(turned[0].text)))
    underlined = [(b, s) for b, s in spans if _emphasis_underline(b, s)]
    if underlined:
        block, span = underlined[0]
        _add(signs, "underline", None, len(underlined), f"{len(underlined)} underlined run(s)",
             block.location.but(excerpt=excerpt(span.text)))

