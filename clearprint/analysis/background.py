"""What lies directly behind each piece of text, resolved once per document.

Contrast (CP02), reversed type (CP03), busy layouts (CP15) and text over
pictures (CP23) all need to know what a span is printed on. This pass answers
it once and caches the answer in ``doc.cache``; :func:`backgrounds` maps
``id(span)`` to a :class:`Background`.

PDF (measurement spec B.2). The fast vector path looks at the filled shapes
painted before the span (``Shape.order < Span.order``) whose box contains the
span's glyph core: the band from the baseline up to the x-height, where the
ink is. The span's full box is not used because it reaches into the lines
above and below and into neighbouring boxes. The topmost covering shape wins,
translucent fills are composited over what lies beneath, and the page itself
is white. When a picture lies under the glyph core, or the shape on top is a
gradient, a path that may not cover the text, or only partly covers it, the
page is rendered without its text (``Page.render_background``) and the
pixels of the glyph core are sampled: the dominant colour, its share of the
pixels, and the low-percentile contrast against the text colour. Only the
regions around such cores are rendered (cores near each other share one), and
only on pages that need it.

DOCX. The reader states the background (``Span.background``) when Word does:
page colour, table-cell, paragraph and run shading, highlighting, a text box's
fill. Nothing stated means the white page, unless a picture anchored behind
the text is placed near the paragraph: then the background is unknown and the
text is "over an image". A source without a colour means a fill the reader
could not reduce to one colour (a gradient or a picture fill).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

import wcag_contrast_ratio

from clearprint.model import RGB, BBox, Block, Document, Image, Line, Page, Part, Shape, Span
from clearprint.textfacts import line_count, visible

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)

DEFAULT_UNIFORM_SHARE = 0.7  # CP02 option uniform_background_share
LOW_PERCENTILE = 0.10  # the "weak parts" of a mixed background: its 10th-percentile contrast
COLOUR_TOLERANCE = 24  # 0-255 channel difference still counted as the dominant colour
MAX_SAMPLE_PIXELS = 4096  # larger glyph cores are scaled down before counting colours
PARTIAL_COVER = 0.2  # a fill covering this share of a glyph core (but not all of it) mixes it
PATH_INSET = 0.15  # text this far inside a path's box is covered by any rounded or oval shape

# Glyph core as fractions of the type size above the baseline: from just above
# the baseline to a little under the x-height of common faces (0.45-0.53 em).
CORE_BOTTOM = 0.05
CORE_TOP = 0.45
# Where the baseline sits in a PyMuPDF span box (ascender 1.075 em over a box
# of 1.374 em for Helvetica), when the line does not say.
BASELINE_IN_BOX = 0.78
SPACE_EM = 0.25  # width of a space when the font does not say (measurement spec B.4.3 fallback)


@dataclass(frozen=True, slots=True)
class Background:
    """The colour behind one span and how sure we are of it."""

    colour: RGB | None  # the dominant colour; None when it could not be measured
    source: str  # "page", "shape #12", "image", "cell shading", "highlight", ...
    uniform: bool = True  # one colour (vector fill, or pixels mostly one colour)
    share: float | None = None  # pixels: share of the dominant colour
    low_contrast: float | None = None  # pixels: LOW_PERCENTILE contrast against the text colour
    over_image: bool = False  # a picture lies under the text
    sampled: bool = False  # measured from rendered pixels


PAGE = Background(WHITE, "page")  # nothing painted behind the text
PAGE_SOURCES = ("page", "page background")  # the page itself, not something printed on it


def backgrounds(doc: Document, uniform_share: float = DEFAULT_UNIFORM_SHARE) -> dict[int, Background]:
    """The background of every visible span, keyed by ``id(span)``.

    ``uniform_share``: the share of sampled pixels one colour must hold for the
    background to count as uniform. The expensive part (rendering and
    sampling) is done once; other shares only re-judge the stored shares.
    """
    resolved: dict[int, Background] | None = doc.cache.get("backgrounds")
    if resolved is None:
        resolved = dict(_pdf(doc) if doc.format == "pdf" else _docx(doc))
        doc.cache["backgrounds"] = resolved
    if uniform_share == DEFAULT_UNIFORM_SHARE:
        return resolved
    key = f"backgrounds@{uniform_share}"
    if key not in doc.cache:
        doc.cache[key] = {k: _judged(b, uniform_share) for k, b in resolved.items()}
    return doc.cache[key]


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = rgb
    return 0.2126 * _LINEAR[r] + 0.7152 * _LINEAR[g] + 0.0722 * _LINEAR[b]


@lru_cache(maxsize=4096)
def contrast(fg: RGB, bg: RGB) -> float:
    """WCAG contrast ratio, 1 to 21 (documents reuse few colour pairs: cached)."""
    return wcag_contrast_ratio.rgb(_unit(fg), _unit(bg))


def foreground(doc: Document, span: Span, background: Background,
               auto_dark_luminance: float) -> RGB | None:
    """The text colour as printed.

    A DOCX run with no stated colour is Word's Automatic colour: white on a
    background darker than ``auto_dark_luminance``, black otherwise (an
    approximation: Word's exact rule is unpublished). A PDF span always has a
    colour; None there means the reader could not tell.
    """
    if span.color is not None:
        return span.color
    if doc.format != "docx":
        return None
    if background.colour is not None and luminance(background.colour) < auto_dark_luminance:
        return WHITE
    return BLACK


def hex_colour(rgb: RGB | None) -> str | None:
    return None if rgb is None else "#{:02X}{:02X}{:02X}".format(*rgb)


def _judged(background: Background, uniform_share: float) -> Background:
    if background.share is None:
        return background
    return replace(background, uniform=background.share >= uniform_share)


def _unit(rgb: RGB) -> tuple[float, float, float]:
    return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)


def _linear(channel: int) -> float:
    s = channel / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


_LINEAR = [_linear(c) for c in range(256)]


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

def _pdf(doc: Document) -> Iterator[tuple[int, Background]]:
    pages = {page.number: page for page in doc.pages}
    shapes = _by_page(doc.shapes, lambda shape: shape.page)
    images = _by_page(doc.images, lambda image: image.location.page)
    by_page: dict[int | None, list[tuple[Span, Line | None]]] = {}
    for block in doc.blocks:
        by_page.setdefault(block.page, []).extend(_visible_spans(block))
    for number, spans in by_page.items():
        page = pages.get(number) if number is not None else None
        scene = _Scene(page, shapes.get(number, []), images.get(number, []))
        if not scene.layers:  # nothing painted on the page: all its text is on the paper
            yield from ((id(span), PAGE) for span, _ in spans)
            continue
        resolved = [(span, scene.resolve(span, glyph_core(span, line))) for span, line in spans]
        measured = scene.measure([r for _, r in resolved if isinstance(r, _Sample)])
        for span, found in resolved:
            yield id(span), measured[id(found)] if isinstance(found, _Sample) else found


_Placed = TypeVar("_Placed", Shape, Image)


def _by_page(items: list[_Placed],
             page_of: Callable[[_Placed], int | None]) -> dict[int | None, list[_Placed]]:
    """The document's shapes or images by page number, in the order listed."""
    grouped: dict[int | None, list[_Placed]] = {}
    for item in items:
        grouped.setdefault(page_of(item), []).append(item)
    return grouped


def _visible_spans(block: Block) -> Iterator[tuple[Span, Line | None]]:
    """Each visible span of a PDF block with its line (None for a span on no line)."""
    seen: set[int] = set()
    for line in block.lines:
        for span in line.spans:
            seen.add(id(span))
            if visible(span):
                yield span, line
    for span in block.spans:
        if id(span) not in seen and visible(span):
            yield span, None


def glyph_core(span: Span, line: Line | None) -> BBox | None:
    """The band of a span where its letters put ink: baseline to x-height, inset at the ends.

    Sampling the whole span box reads the neighbouring lines' backgrounds (a
    white-on-black heading gave a 10th-percentile contrast of 1.05 that way).
    Spaces at the ends of a span put no ink on the page: a line indented with
    spaces past a logo would otherwise be measured against the logo.
    Rotated or vertical text gets the middle of its box.
    """
    if span.bbox is None:
        return None
    x0, y0, x1, y1 = span.bbox
    if line is not None and (line.vertical or abs(line.angle) > 2):
        dx, dy = (x1 - x0) / 3, (y1 - y0) / 3
        return (x0 + dx, y0 + dy, x1 - dx, y1 - dy)
    height = y1 - y0
    size = span.size or height / 1.3
    baseline = line.baseline if line is not None and y0 <= line.baseline <= y1 else None
    if baseline is None or span.superscript:
        baseline = y0 + BASELINE_IN_BOX * height
    space = line.space_width if line is not None and line.space_width else SPACE_EM * size
    x0, x1 = _inked(span.text, x0, x1, space)
    inset = min(1.0, 0.25 * (x1 - x0))
    return (x0 + inset, baseline - CORE_TOP * size, x1 - inset, baseline - CORE_BOTTOM * size)


def _inked(text: str, x0: float, x1: float, space: float) -> tuple[float, float]:
    """The span's left and right edges without its leading and trailing spaces, each
    ``space`` wide (the line's measured word space, else SPACE_EM: spans carry no
    character boxes)."""
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    if lead + trail == 0 or lead == len(text):
        return x0, x1
    left = min(x0 + lead * space, x1)
    right = max(x1 - trail * space, left)
    return left, right


@dataclass(slots=True)
class _Sample:
    """A glyph core whose background must be measured from the rendered page."""

    span: Span
    core: BBox
    name: str  # the layer that sent it to the pixels
    over_image: bool


@dataclass(slots=True)
class _Layer:
    box: BBox
    order: float
    shape: Shape | None = None
    image: Image | None = None

    @property
    def name(self) -> str:
        if self.image is not None:
            return "image"
        assert self.shape is not None
        label = "shading" if self.shape.kind == "shading" else "shape"
        return label if self.shape.order is None else f"{label} #{self.shape.order}"


class _Scene:
    """The filled shapes and pictures of one page, in a grid of cells for quick lookup.

    Most pages have a handful of fills: those are simply scanned. Pages with
    many (forms, charts, timetables) are indexed by 36 pt cells.
    """

    CELL = 36.0  # pt
    MAX_CELLS_A_SIDE = 64  # larger pages get larger cells
    WIDE = 256  # a layer over more cells than this is kept out of the grid, and always looked at
    FEW = 16  # up to this many layers, scan them all
    UNKNOWN_PAGE = 14400.0  # pt, the largest page PDF allows, when the page size is not known

    def __init__(self, page: Page | None, shapes: list[Shape], images: list[Image]) -> None:
        """``shapes`` and ``images``: those the document places on the page, which the
        page itself normally lists too."""
        self.page = page
        self.layers = self._layers(page, shapes, images)
        self.grid: dict[tuple[int, int], list[_Layer]] = {}
        self.wide: list[_Layer] = []  # page-sized fills: in every cell, so in none
        self._render_failed = False
        self._vector: dict[tuple[int, ...], Background] = {}  # spans on the same fills share one
        # Shadings can report boxes of +-2**31 pt: index only the page.
        self.limit = max(page.width, page.height) if page and page.width else self.UNKNOWN_PAGE
        self.cell = max(self.CELL, self.limit / self.MAX_CELLS_A_SIDE)
        if len(self.layers) > self.FEW:
            for layer in self.layers:
                x0, y0, x1, y1 = self._span(layer.box)
                if (x1 - x0 + 1) * (y1 - y0 + 1) > self.WIDE:
                    self.wide.append(layer)
                    continue
                for cell in self._cells(layer.box):
                    self.grid.setdefault(cell, []).append(layer)

    def _span(self, box: BBox) -> tuple[int, int, int, int]:
        """The first and last cell columns and rows a box touches."""
        low, high, size = -self.cell, self.limit + self.cell, self.cell
        x0, y0, x1, y1 = (int(min(max(v, low), high) // size) for v in box)
        return x0, y0, x1, y1

    def _cells(self, box: BBox) -> Iterator[tuple[int, int]]:
        x0, y0, x1, y1 = self._span(box)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                yield x, y

    def _near(self, core: BBox) -> list[_Layer]:
        """Layers painted anywhere in the cells the core touches, each once."""
        if not self.grid and not self.wide:
            return self.layers
        found: dict[int, _Layer] = {id(layer): layer for layer in self.wide}
        for cell in self._cells(core):
            for layer in self.grid.get(cell, ()):
                found[id(layer)] = layer
        return list(found.values())

    @staticmethod
    def _layers(page: Page | None, placed_shapes: list[Shape], placed_images: list[Image]) -> list[_Layer]:
        shapes = list(page.shapes) if page else []
        listed = {id(s) for s in shapes}
        shapes += [s for s in placed_shapes if id(s) not in listed]
        images = list(page.images) if page else []
        listed = {id(i) for i in images}
        images += [i for i in placed_images if id(i) not in listed]
        layers: list[_Layer] = []
        # Unknown painting order: assume beneath the text, in the order listed.
        for index, shape in enumerate(shapes):
            painted = shape.fill is not None or shape.kind == "shading"
            if painted and shape.kind != "line" and _area(shape.bbox) > 0:
                layers.append(_Layer(shape.bbox, _order(shape.order, index), shape=shape))
        for index, image in enumerate(images):
            box = image.location.bbox
            if box is not None and _area(box) > 0:
                layers.append(_Layer(box, _order(image.order, index), image=image))
        return layers

    def resolve(self, span: Span, core: BBox | None) -> Background | _Sample:
        """The background from the vector layers, or a request to sample pixels."""
        if core is None or core[2] <= core[0] or core[3] <= core[1]:
            return PAGE
        top = math.inf if span.order is None else span.order
        cx0, cy0, cx1, cy1 = core
        beneath = [layer for layer in self._near(core)
                   if layer.order < top and layer.box[0] < cx1 and layer.box[2] > cx0
                   and layer.box[1] < cy1 and layer.box[3] > cy0]
        if not beneath:
            return PAGE
        beneath.sort(key=_painting_order, reverse=True)
        stack: list[_Layer] = []  # topmost first
        for layer in beneath:
            shape = layer.shape
            if layer.image is not None or shape is None:
                return self._sampled(span, core, layer, over_image=True)
            if not _contains(layer.box, core):
                if _overlap(layer.box, core) >= PARTIAL_COVER * _area(core):
                    return self._sampled(span, core, stack[0] if stack else layer)
                continue
            if shape.kind == "shading" or shape.fill is None or not _fully_covers(shape, core):
                return self._sampled(span, core, stack[0] if stack else layer)
            stack.append(layer)
            if shape.opacity >= 1.0:
                break
        if not stack:
            return PAGE
        key = tuple(id(layer) for layer in stack)
        if key not in self._vector:
            colour = WHITE
            for layer in reversed(stack):
                assert layer.shape is not None and layer.shape.fill is not None
                colour = _over(layer.shape.fill, layer.shape.opacity, colour)
            self._vector[key] = Background(colour, stack[0].name)
        return self._vector[key]

    def _sampled(self, span: Span, core: BBox, layer: _Layer, over_image: bool = False) -> _Sample:
        return _Sample(span, core, layer.name, over_image or self._image_beneath(span, core))

    def measure(self, samples: list[_Sample]) -> dict[int, Background]:
        """Sample the glyph cores from the page rendered without its text, keyed by
        ``id(sample)``. Only the regions around the cores are rendered."""
        measured: dict[int, Background] = {}
        for region, members in _regions(samples, self._page_box()):
            rendered = self._rendered(region)
            for sample in members:
                measured[id(sample)] = self._measured(sample, rendered)
        return measured

    def _measured(self, sample: _Sample, rendered: tuple[Any, float, int, int] | None) -> Background:
        unknown = Background(None, sample.name, uniform=False, over_image=sample.over_image)
        if rendered is None:
            return unknown
        image, scale, left, top = rendered
        pixels = _pixels(image, _to_image(sample.core, image.size, scale, left, top))
        if not pixels:
            return unknown
        dominant, share = _dominant(pixels)
        span = sample.span
        low = _low_contrast(pixels, span.color) if span.color is not None else None
        return Background(dominant, sample.name, uniform=share >= DEFAULT_UNIFORM_SHARE, share=share,
                          low_contrast=low, over_image=sample.over_image, sampled=True)

    def _image_beneath(self, span: Span, core: BBox) -> bool:
        top = math.inf if span.order is None else span.order
        return any(layer.image is not None and layer.order < top and _overlap(layer.box, core) > 0
                   for layer in self._near(core))

    def _page_box(self) -> BBox | None:
        """The page in unrotated space (where boxes are), None when its size is unknown."""
        if self.page is None or not self.page.width:
            return None
        if self.page.rotation % 180:
            return (0.0, 0.0, self.page.height, self.page.width)
        return (0.0, 0.0, self.page.width, self.page.height)

    def _rendered(self, region: BBox) -> tuple[Any, float, int, int] | None:
        """The region rendered without text: (image, scale, left, top), where
        (left, top) is the image's top-left pixel on the whole-page grid."""
        render = self.page.render_background if self.page else None
        if render is None or self._render_failed:
            return None
        try:
            image, scale = render(region)
        except Exception:  # a page MuPDF cannot draw leaves the background unknown
            self._render_failed = True
            return None
        return image, scale, math.floor(region[0] * scale), math.floor(region[1] * scale)


REGION_GAP = 36.0  # pt; glyph cores closer than this are rendered together


def _regions(samples: list[_Sample], page: BBox | None) -> list[tuple[BBox, list[_Sample]]]:
    """Group the cores into few boxes to render: cores near each other share one."""
    groups: list[tuple[BBox, list[_Sample]]] = []
    for sample in sorted(samples, key=lambda s: (s.core[1], s.core[0])):
        box = sample.core if page is None else _clamped(sample.core, page)
        for number, (region, members) in enumerate(groups):
            if _near_box(region, box, REGION_GAP):
                groups[number] = (_union(region, box), [*members, sample])
                break
        else:
            groups.append((box, [sample]))
    merged = True
    while merged:  # growing regions may now overlap one another
        merged = False
        for a, b in itertools.combinations(range(len(groups)), 2):
            if _near_box(groups[a][0], groups[b][0], 0.0):
                groups[a] = (_union(groups[a][0], groups[b][0]), groups[a][1] + groups[b][1])
                del groups[b]
                merged = True
                break
    return groups


def _clamped(box: BBox, page: BBox) -> BBox:
    x0, y0 = min(max(box[0], page[0]), page[2]), min(max(box[1], page[1]), page[3])
    x1, y1 = max(min(box[2], page[2]), x0), max(min(box[3], page[3]), y0)
    return (x0, y0, x1, y1)


def _near_box(a: BBox, b: BBox, gap: float) -> bool:
    return (a[0] - gap <= b[2] and b[0] <= a[2] + gap
            and a[1] - gap <= b[3] and b[1] <= a[3] + gap)


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _painting_order(layer: _Layer) -> float:
    return layer.order


def _order(order: int | None, index: int) -> float:
    """Painting order; unknown orders go beneath every known one, in the order listed."""
    return float(order) if order is not None else index - 1e9


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a: BBox, b: BBox) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _contains(outer: BBox, inner: BBox, tolerance: float = 0.5) -> bool:
    return (outer[0] <= inner[0] + tolerance and outer[1] <= inner[1] + tolerance
            and outer[2] >= inner[2] - tolerance and outer[3] >= inner[3] - tolerance)


def _fully_covers(shape: Shape, core: BBox) -> bool:
    """A rectangle covers what its box contains; another path only well inside its box.

    Inset by 15 % of each side, a box lies inside any ellipse or rounded
    rectangle drawn in it; near the edges the path may leave the text on
    whatever is beneath, so those are measured from pixels.
    """
    if shape.kind == "rect":
        return True
    x0, y0, x1, y1 = shape.bbox
    dx, dy = PATH_INSET * (x1 - x0), PATH_INSET * (y1 - y0)
    return _contains((x0 + dx, y0 + dy, x1 - dx, y1 - dy), core, tolerance=0.0)


def _over(fill: RGB, opacity: float, beneath: RGB) -> RGB:
    a = min(1.0, max(0.0, opacity))
    return tuple(round(a * f + (1 - a) * b) for f, b in zip(fill, beneath, strict=True))  # type: ignore[return-value]


PixelBox = tuple[int, int, int, int]


def _to_image(core: BBox, size: tuple[int, int], scale: float, left: int = 0, top: int = 0) -> PixelBox:
    """The glyph core in the pixels of a render whose top-left pixel is (left, top) of
    the whole-page grid (renders are in unrotated page space, like boxes)."""
    x0, y0, x1, y1 = core
    px0 = max(0, min(size[0] - 1, math.floor(x0 * scale) - left))
    py0 = max(0, min(size[1] - 1, math.floor(y0 * scale) - top))
    px1 = max(px0 + 1, min(size[0], math.ceil(x1 * scale) - left))
    py1 = max(py0 + 1, min(size[1], math.ceil(y1 * scale) - top))
    return px0, py0, px1, py1


def _pixels(image: Any, box: PixelBox) -> list[tuple[int, RGB]]:
    """(count, colour) of the pixels in the box, scaled down when large."""
    crop = image.crop(box)
    count = crop.width * crop.height
    if count > MAX_SAMPLE_PIXELS:
        factor = math.sqrt(MAX_SAMPLE_PIXELS / count)
        crop = crop.resize((max(1, round(crop.width * factor)), max(1, round(crop.height * factor))),
                           resample=0)  # nearest: keep real colours, no blending
        count = crop.width * crop.height
    if crop.mode != "RGB":
        crop = crop.convert("RGB")
    return crop.getcolors(count) or []


def _dominant(pixels: list[tuple[int, RGB]]) -> tuple[RGB, float]:
    """The most common colour (grouping near colours: anti-aliasing, JPEG noise) and its share."""
    buckets: Counter[tuple[int, int, int]] = Counter()
    for count, (r, g, b) in pixels:
        buckets[(r >> 4, g >> 4, b >> 4)] += count
    top = buckets.most_common(1)[0][0]
    members = [(count, c) for count, c in pixels if (c[0] >> 4, c[1] >> 4, c[2] >> 4) == top]
    weight = sum(count for count, _ in members)
    dominant: RGB = tuple(round(sum(count * c[i] for count, c in members) / weight)
                          for i in range(3))  # type: ignore[assignment]
    total = sum(count for count, _ in pixels)
    near = sum(count for count, c in pixels
               if max(abs(c[i] - dominant[i]) for i in range(3)) <= COLOUR_TOLERANCE)
    return dominant, near / total


def _low_contrast(pixels: list[tuple[int, RGB]], text: RGB) -> float:
    """The contrast that LOW_PERCENTILE of the sampled pixels fall below."""
    lt = luminance(text) + 0.05
    ratios = sorted((max(lt, luminance(c) + 0.05) / min(lt, luminance(c) + 0.05), count)
                    for count, c in pixels)
    total = sum(count for _, count in ratios)
    seen = 0
    for ratio, count in ratios:
        seen += count
        if seen >= LOW_PERCENTILE * total:
            return ratio
    return ratios[-1][0]


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

def _docx(doc: Document) -> Iterator[tuple[int, Background]]:
    under_pictures = _blocks_over_pictures(doc)
    for block in doc.blocks:
        for span in block.spans:
            if visible(span):
                yield id(span), _docx_background(doc, block, span, under_pictures.get(id(block)))


def _docx_background(doc: Document, block: Block, span: Span, picture: Image | None) -> Background:
    """The nearest layer Word states, else a picture behind the text, else the page."""
    page_level = span.background_source in PAGE_SOURCES
    if span.background is not None and not page_level:
        return Background(span.background, span.background_source or "shading")
    if span.background is None and span.background_source:  # a fill not reducible to one colour
        return Background(None, span.background_source, uniform=False,
                          over_image="picture" in span.background_source)
    if block.shading is not None:
        return Background(block.shading, "paragraph shading")
    if picture is not None:
        return Background(None, "image" + (f" {picture.name}" if picture.name else ""),
                          uniform=False, over_image=True)
    page = span.background if page_level else doc.page_background
    return PAGE if page is None else Background(page, "page background")


def _blocks_over_pictures(doc: Document) -> dict[int, Image]:
    """Paragraphs that may print over a picture placed behind the text.

    Without a layout engine the picture's place on the page is not known: it is
    taken to start at its anchor paragraph and to run down over the following
    paragraphs of the same part until their estimated height reaches the
    picture's. Pictures "in front of text" (no wrap, not behind) hide text
    rather than sit behind it, which is CP23's concern.
    """
    found: dict[int, Image] = {}
    behind = [image for image in doc.images
              if image.behind_text or (image.behind_text is None and image.wrap == "none")]
    if not behind:
        return found
    by_place: dict[tuple[Part | None, int], int] = {}
    for i, block in enumerate(doc.blocks):
        if block.location.paragraph is not None:
            by_place.setdefault((block.location.part, block.location.paragraph), i)
    for image in behind:
        start = by_place.get((image.location.part, image.location.paragraph or -1))
        if start is None:
            continue
        height = image.placed_height or 0.0
        covered = 0.0
        for block in doc.blocks[start:]:
            if block.location.part != image.location.part:
                break
            found.setdefault(id(block), image)
            covered += _estimated_height(block)
            if covered >= height:
                break
    return found


def _estimated_height(block: Block) -> float:
    size = max((s.size for s in block.spans if s.size), default=12.0)
    pitch = block.line_pitch or size * 1.2
    return (line_count(block) or 1) * pitch + (block.space_before or 0.0) + (block.space_after or 0.0)
