"""Pictures as the picture questions (CP20, CP22, CP23) see them.

Not every placed image is a picture a reader looks at. PDF producers place
one-pixel images stretched into colour panels or gradients (the shape often
comes from a soft mask), slivers a few points wide, bullets and icons; they
are left out here so they cannot give a wrong "no". Sizes are tool defaults:

- a *fill*: at most ``FILL_MAX_PIXELS`` pixels on its short side. Its
  resolution says nothing about sharpness, and text on it is text on a
  colour, which CP02 judges.
- *tiny*: placed smaller than ``TINY_AREA_PT2`` (a 0.5 in / 12.7 mm square),
  or thinner than ``TINY_SIDE_PT`` (a rule). Bullets, icons, rules.

Picture metrics (measurement spec B.5) come from the encoded bytes, decoded
at reduced size for speed (JPEG draft mode, then a thumbnail): the spread
between dark and light tones, and the variance of the Laplacian as a
sharpness hint, plus the part of the picture that holds ink (not white or
transparent), which is what text must keep clear of (``content_box``). They
are worked out once per image and cached in ``doc.cache``, as are the decoded
grey pictures, up to ``GREY_CACHE_PIXELS`` (the least recently used go first).
A picture whose used grey levels span less than ``PLAIN_SPREAD`` is one plain
colour (a panel, or a shape whose outline is in a soft mask the model does not
carry) and is not judged as a picture, nor is a drop shadow or glow flattened
into pixels (one flat tone fading softly to paper: ``ImageMetrics.shadow``);
``plain_under`` tells whether text lies on a plain part of a picture (a white
label box on a photo) and ``ink_gaps`` how far text is from a picture's ink.
"""

from __future__ import annotations

import bisect
import io
import math
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from clearprint.model import BBox, Document, Image, Page

FILL_MAX_PIXELS = 8
TINY_AREA_PT2 = 36.0 * 36.0
TINY_SIDE_PT = 9.0
FULL_PAGE_SHARE = 0.85  # as for scanned pages (spec B.1.5)
FURNITURE_BAND = 0.08  # top and bottom share of the page: running heads, logos (spec B.1.3)
ANALYSIS_PPI = 150.0  # pictures are judged as printed, at about this resolution
ANALYSIS_MAX_SIDE = 768  # pixels: enough for tones and edges, fast to decode
DETAIL_SHARE = 0.001  # a grey level counts as used when this share of the pixels has it
PLAIN_SPREAD = 0.03  # a picture whose used levels span less than this is one plain colour
PLAIN_REGION_SHARE = 0.85  # part of a picture is plain when this share of its pixels ...
PLAIN_LEVELS = 16  # ... lie within this many grey levels of the commonest (borders and noise allowed)
INK_LEVEL = 235  # grey levels below this are ink; above, paper (JPEG noise included)
SHADOW_FLAT_SHARE = 0.7  # a shadow: this share of its ink at one tone...
SHADOW_FADE_SHARE = 0.1  # ...this share fading from it to paper...
SHADOW_DARKER_SHARE = 0.02  # ...and almost nothing darker
GREY_CACHE_PIXELS = 24 * 1024 * 1024  # decoded grey pixels kept per document (one byte each)
_CACHE_KEY = "image_metrics"
_GREY_CACHE_KEY = "image_greys"
_PAM_MODES = {b"GRAYSCALE": "L", b"GRAYSCALE_ALPHA": "LA", b"RGB": "RGB", b"RGB_ALPHA": "RGBA"}


@dataclass(frozen=True, slots=True)
class ImageMetrics:
    """Tone and edge figures of one picture, at analysis size."""

    tone_spread: float  # (95th - 5th percentile luminance) / 255
    detail_spread: float  # darkest to lightest level holding DETAIL_SHARE of the pixels, / 255
    sharpness: float  # variance of the Laplacian (grey levels squared)
    ink: tuple[float, float, float, float] | None  # inked part, fractions of width/height; None: blank
    # Shares of the inked pixels: within PLAIN_LEVELS of the commonest ink level,
    # lighter than that (fading to paper), and darker.
    flat_share: float = 0.0
    fade_share: float = 0.0
    darker_share: float = 1.0

    @property
    def plain(self) -> bool:
        """One flat colour: a panel, or a shape cut out by a mask the model does not carry."""
        return self.detail_spread < PLAIN_SPREAD

    @property
    def shadow(self) -> bool:
        """A drop shadow or glow flattened into pixels: one flat tone fading softly to
        paper, nothing darker (layout programs export these as separate images)."""
        return (self.flat_share >= SHADOW_FLAT_SHARE and self.fade_share >= SHADOW_FADE_SHARE
                and self.darker_share <= SHADOW_DARKER_SHARE)


def pictures(doc: Document) -> Iterator[tuple[Image, Page | None]]:
    """Every placed image with its PDF page (None for DOCX), in document order."""
    if doc.format == "pdf":
        for page in doc.pages:
            for image in page.images:
                yield image, page
    else:
        for image in doc.images:
            yield image, None


def page_box(page: Page) -> BBox:
    """The page in unrotated coordinates (where boxes are given)."""
    if page.rotation % 180:
        return (0.0, 0.0, page.height, page.width)
    return (0.0, 0.0, page.width, page.height)


def displayed(box: BBox, page: Page) -> BBox:
    """A box in unrotated page space turned as the page is shown (for left/right logic)."""
    x0, y0, x1, y1 = box
    rotation = page.rotation % 360
    if rotation == 90:
        return (page.width - y1, x0, page.width - y0, x1)
    if rotation == 180:
        return (page.width - x1, page.height - y1, page.width - x0, page.height - y0)
    if rotation == 270:
        return (y0, page.height - x1, y1, page.height - x0)
    return box


def visible_box(image: Image, page: Page | None) -> BBox | None:
    """The image's box cut to the page: what can actually be seen of it."""
    box = image.location.bbox
    if box is None or page is None:
        return box
    px0, py0, px1, py1 = page_box(page)
    x0, y0, x1, y1 = max(box[0], px0), max(box[1], py0), min(box[2], px1), min(box[3], py1)
    if x1 <= x0 or y1 <= y0:
        return None
    return (x0, y0, x1, y1)


def placement(image: Image) -> BBox | None:
    """The box the whole picture's pixels are spread over: its box grown by the
    shares its clip cut off (``Image.crop``, PDF pictures placed upright)."""
    box = image.location.bbox
    if box is None or image.crop is None:
        return box
    left, top, right, bottom = image.crop
    shown_x, shown_y = 1.0 - left - right, 1.0 - top - bottom
    if shown_x <= 0 or shown_y <= 0:
        return box
    width, height = (box[2] - box[0]) / shown_x, (box[3] - box[1]) / shown_y
    return (box[0] - left * width, box[1] - top * height,
            box[2] + right * width, box[3] + bottom * height)


def placed_size(image: Image, page: Page | None) -> tuple[float, float] | None:
    """Width and height as printed, pt (the visible box for PDF, the extent for DOCX)."""
    box = visible_box(image, page)
    if box is not None:
        return box[2] - box[0], box[3] - box[1]
    if image.placed_width and image.placed_height:
        return image.placed_width, image.placed_height
    return None


def is_fill(image: Image) -> bool:
    """A colour fill, gradient or mask carrier rather than a picture."""
    return any(side and side <= FILL_MAX_PIXELS for side in (image.pixel_width, image.pixel_height))


def is_tiny(image: Image, page: Page | None) -> bool:
    """A bullet, icon or rule (or an image off the page)."""
    size = placed_size(image, page)
    if size is None:
        return page is not None  # a PDF image wholly off the page
    width, height = size
    return width * height < TINY_AREA_PT2 or min(width, height) < TINY_SIDE_PT


def is_decorative(image: Image, page: Page | None) -> bool:
    return is_fill(image) or is_tiny(image, page)


def page_share(box: BBox, page: Page) -> float:
    """How much of the page the box covers, 0 to 1."""
    area = page.width * page.height
    return (box[2] - box[0]) * (box[3] - box[1]) / area if area > 0 else 0.0


def is_full_page(box: BBox, page: Page) -> bool:
    return page_share(box, page) >= FULL_PAGE_SHARE


def in_furniture_band(box: BBox, page: Page) -> bool:
    """Wholly in the top or bottom band of the page, where logos and running heads sit."""
    _, top, _, bottom = page_box(page)
    band = (bottom - top) * FURNITURE_BAND
    return box[3] <= top + band or box[1] >= bottom - band


def metrics(doc: Document, image: Image) -> ImageMetrics | None:
    """Tone spread and sharpness of a picture, or None when its pixels cannot be read."""
    return _analysed(doc, image)


def content_box(doc: Document, image: Image, page: Page) -> BBox | None:
    """The part of a PDF picture's visible box that holds ink (not white or transparent).

    Cut-out photos and pictures on a white ground leave blank margins inside
    their box; text there sits on paper, not on the picture. Returns the
    visible box when the pixels cannot be read, None when the picture is blank.
    """
    box = visible_box(image, page)
    placed = placement(image)
    measured = _analysed(doc, image)
    if box is None or placed is None or measured is None:
        return box
    if measured.ink is None:
        return None
    width, height = placed[2] - placed[0], placed[3] - placed[1]
    fx0, fy0, fx1, fy1 = measured.ink
    x0, x1 = placed[0] + fx0 * width, placed[0] + fx1 * width
    y0, y1 = placed[1] + fy0 * height, placed[1] + fy1 * height
    x0, y0, x1, y1 = max(x0, box[0]), max(y0, box[1]), min(x1, box[2]), min(y1, box[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def plain_under(doc: Document, image: Image, boxes: list[BBox]) -> list[bool | None]:
    """For each box on the page, whether the picture is one plain colour under it.

    Text on a plain part of a picture (a white label box in a photo, an empty
    sky) sits on a colour, not on the picture's detail. None: cannot tell.
    Call it only for the few pictures that have text on them.
    """
    placed = placement(image)
    grey = _grey(doc, image)
    if placed is None or grey is None:
        return [None] * len(boxes)
    width, height = placed[2] - placed[0], placed[3] - placed[1]
    found: list[bool | None] = []
    for box in boxes:
        left = max(0, int((box[0] - placed[0]) / width * grey.width))
        top = max(0, int((box[1] - placed[1]) / height * grey.height))
        right = min(grey.width, int((box[2] - placed[0]) / width * grey.width) + 1)
        bottom = min(grey.height, int((box[3] - placed[1]) / height * grey.height) + 1)
        if right - left < 1 or bottom - top < 1:
            found.append(None)
            continue
        histogram = grey.crop((left, top, right, bottom)).histogram()
        mode = max(range(256), key=histogram.__getitem__)
        near = sum(histogram[max(0, mode - PLAIN_LEVELS):mode + PLAIN_LEVELS + 1])
        found.append(near >= PLAIN_REGION_SHARE * sum(histogram))
    return found


def ink_gaps(doc: Document, image: Image, boxes: list[BBox], reach: float) -> list[float | None]:
    """For each box on the page, how far (pt) it is from the picture's nearest inked
    pixel beside, above or below it (ink off its corners is not level with it,
    as for boxes): 0 when ink lies under it, ``reach`` when none is that close.
    None: the pixels cannot be read.

    A round seal or a cut-out figure leaves its box's corners empty, so text
    beside a corner stands clear of the picture even when it nearly touches the
    box. Call it for the few pictures that have text close by.
    """
    placed = placement(image)
    grey = _grey(doc, image, shown=True)
    if placed is None or grey is None or placed[2] <= placed[0] or placed[3] <= placed[1]:
        return [None] * len(boxes)
    ink = _ink_mask(grey)
    per_x = grey.width / (placed[2] - placed[0])  # pixels per pt
    per_y = grey.height / (placed[3] - placed[1])
    # The pixels' centres on the page, in pt: where a pixel is measured from.
    xs = [placed[0] + (column + 0.5) / per_x for column in range(grey.width)]
    ys = [placed[1] + (row + 0.5) / per_y for row in range(grey.height)]
    found: list[float | None] = []
    for x0, y0, x1, y1 in boxes:
        left = max(0, math.floor((x0 - reach - placed[0]) * per_x))
        right = min(grey.width, math.ceil((x1 + reach - placed[0]) * per_x))
        top = max(0, math.floor((y0 - reach - placed[1]) * per_y))
        bottom = min(grey.height, math.ceil((y1 + reach - placed[1]) * per_y))
        level = range(bisect.bisect_left(ys, y0, top, bottom), bisect.bisect_right(ys, y1, top, bottom))
        beside = _nearest_ink(ink, xs, (x0, x1), (left, right), level, vertical=False)
        plumb = range(bisect.bisect_left(xs, x0, left, right), bisect.bisect_right(xs, x1, left, right))
        above_below = _nearest_ink(ink, ys, (y0, y1), (top, bottom), plumb, vertical=True)
        found.append(min(reach, beside, above_below))
    return found


def _nearest_ink(ink: Any, centres: list[float], extent: tuple[float, float], window: tuple[int, int],
                 level: range, vertical: bool) -> float:
    """The distance (pt) along one axis from a box's ``extent`` to the nearest inked
    pixel in ``window``, among the pixels ``level`` with the box: in its rows when
    measuring sideways, in its columns when ``vertical``. inf when there is none.

    The distance falls towards the middle of the extent and rises beyond it, so
    the nearest ink is the last inked pixel before the middle or the first after
    it: two bounding boxes of the ink, not a walk over every pixel.
    """
    if not level:
        return math.inf
    low, high = extent
    start, stop = window
    middle = bisect.bisect_right(centres, (low + high) / 2, start, stop)
    nearest = math.inf
    for first, last, before in ((start, middle, True), (middle, stop, False)):
        if last <= first:
            continue
        if vertical:
            inked = ink.crop((level.start, first, level.stop, last)).getbbox()
        else:
            inked = ink.crop((first, level.start, last, level.stop)).getbbox()
        if inked is None:
            continue
        ink_start, ink_stop = (inked[1], inked[3]) if vertical else (inked[0], inked[2])
        centre = centres[first + (ink_stop - 1 if before else ink_start)]
        nearest = min(nearest, max(low - centre, 0.0, centre - high))
    return nearest


def _ink_mask(grey: Any) -> Any:
    """The picture's inked pixels (darker than INK_LEVEL) set, the paper clear."""
    return grey.point(lambda v: 255 if v < INK_LEVEL else 0)


def _analysed(doc: Document, image: Image) -> ImageMetrics | None:
    """The picture's metrics, decoded once per document."""
    cache: dict[int, ImageMetrics | None] = doc.cache.setdefault(_CACHE_KEY, {})
    key = id(image)
    if key not in cache:
        cache[key] = _load(doc, image)
    return cache[key]


def _load(doc: Document, image: Image) -> ImageMetrics | None:
    grey = _grey(doc, image)
    return measure(grey) if grey is not None else None


def _grey(doc: Document, image: Image, shown: bool = False) -> Any | None:
    """The picture decoded in grey (``_load_grey``), kept in ``doc.cache`` while it
    fits: its metrics, then the text on and near it, look at the same pixels."""
    cache: OrderedDict[tuple[int, bool], Any | None] = doc.cache.setdefault(_GREY_CACHE_KEY, OrderedDict())
    key = (id(image), shown and image.load_shown is not None)  # no cut-out view: shown as loaded
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    grey = cache[key] = _load_grey(image, shown)
    total = sum(_pixels(kept) for kept in cache.values())
    while total > GREY_CACHE_PIXELS and len(cache) > 1:
        _, dropped = cache.popitem(last=False)
        total -= _pixels(dropped)
    return grey


def _pixels(grey: Any | None) -> int:
    return grey.width * grey.height if grey is not None else 0


def _load_grey(image: Image, shown: bool = False) -> Any | None:
    """The picture decoded in grey; ``shown``: as printed through a cut-out's clip,
    when the reader can draw it so (``Image.load_shown``)."""
    for load in (image.load_shown if shown else None, image.load):
        if load is None:
            continue
        try:
            data = load()
            if data:
                return decode(data, _target_side(image))
        except Exception:  # damaged or exotic image data must never stop the audit
            return None
    return None


def _target_side(image: Image) -> int:
    """The longest side, in pixels, the picture is analysed at: about ANALYSIS_PPI as printed."""
    placed = max(image.placed_width or 0.0, image.placed_height or 0.0)
    if not placed:
        return ANALYSIS_MAX_SIDE
    return max(32, min(ANALYSIS_MAX_SIDE, round(placed / 72 * ANALYSIS_PPI)))


def decode(data: bytes, max_side: int = ANALYSIS_MAX_SIDE) -> Any | None:
    """Encoded image bytes as a grey Pillow image no larger than ``max_side`` (None if unreadable)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # decompression-bomb and palette warnings
        try:
            with open_image(data) as picture:
                picture.draft("RGB", (max_side, max_side))  # JPEG: decode at reduced scale
                grey = _on_white(picture).convert("L")
        except Exception:  # any format or data Pillow cannot decode
            return None
    grey.thumbnail((max_side, max_side))
    return grey if grey.width >= 3 and grey.height >= 3 else None


def open_image(data: bytes) -> Any:
    """Encoded image bytes opened as a Pillow image: any format Pillow reads, and
    PAM (Netpbm with alpha, which it does not), in which readers hand over
    pictures they draw themselves. Raises on data it cannot read."""
    from PIL import Image as PILImage

    if not data.startswith(b"P7\n"):
        return PILImage.open(io.BytesIO(data))
    header, _, samples = data.partition(b"ENDHDR\n")
    fields = dict(line.split(b" ", 1) for line in header.splitlines()[1:])
    mode = _PAM_MODES[fields[b"TUPLTYPE"].strip()]
    return PILImage.frombytes(mode, (int(fields[b"WIDTH"]), int(fields[b"HEIGHT"])), samples)


def measure(grey: Any) -> ImageMetrics:
    """Tone spread and Laplacian variance of a grey Pillow image."""
    from PIL import ImageFilter, ImageStat

    histogram = grey.histogram()
    spread = (_percentile(histogram, 0.95) - _percentile(histogram, 0.05)) / 255
    # The darkest to the lightest level that holds a real share of the pixels:
    # line art and text on plain paper have little tone spread but full detail.
    enough = max(1, sum(histogram) * DETAIL_SHARE)
    used = [level for level, count in enumerate(histogram) if count >= enough]
    detail = (used[-1] - used[0]) / 255 if used else 0.0
    kernel = ImageFilter.Kernel((3, 3), [0, 1, 0, 1, -4, 1, 0, 1, 0], scale=1, offset=128)
    sharpness = ImageStat.Stat(grey.filter(kernel)).var[0]
    inked = _ink_mask(grey).getbbox()
    ink = None if inked is None else (inked[0] / grey.width, inked[1] / grey.height,
                                      inked[2] / grey.width, inked[3] / grey.height)
    return ImageMetrics(round(spread, 3), round(detail, 3), round(sharpness, 1), ink,
                        *_ink_tones(histogram))


def _ink_tones(histogram: list[int]) -> tuple[float, float, float]:
    """Shares of the inked pixels at the commonest ink level, lighter, and darker."""
    ink = histogram[:INK_LEVEL]
    total = sum(ink)
    if not total:
        return 0.0, 0.0, 0.0
    mode = max(range(INK_LEVEL), key=ink.__getitem__)
    low, high = max(0, mode - PLAIN_LEVELS), mode + PLAIN_LEVELS + 1
    flat = sum(ink[low:high])
    darker = sum(ink[:low])
    return (round(flat / total, 3), round((total - flat - darker) / total, 3), round(darker / total, 3))


def _on_white(picture: Any) -> Any:
    """Transparent parts shown as on white paper (how they print)."""
    from PIL import Image as PILImage

    if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        return PILImage.alpha_composite(paper, rgba)
    if picture.mode not in ("L", "RGB", "CMYK", "YCbCr", "I;16", "I", "F", "P", "1"):
        return picture.convert("RGB")
    return picture


def _percentile(histogram: list[int], share: float) -> int:
    total = sum(histogram)
    wanted = share * total
    running = 0
    for value, count in enumerate(histogram):
        running += count
        if running >= wanted:
            return value
    return len(histogram) - 1
