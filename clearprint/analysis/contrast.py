"""The contrast of every visible span with what lies behind it, measured once.

CP02 judges these measurements and CP03 reads them for reversed type, so
they are made here, once per document, and kept in ``doc.cache``. Each
visible span is measured against its background
(``clearprint.analysis.background``) with the WCAG contrast ratio; text
nobody reads for its words is counted instead of measured: icon-font
glyphs, the shadow copies of shadowed lettering, faint watermarks, and runs
of punctuation alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from clearprint.analysis.background import (
    PAGE_SOURCES,
    Background,
    backgrounds,
    contrast,
    foreground,
    hex_colour,
)
from clearprint.config import Options
from clearprint.model import RGB, BBox, Document, Span

INVISIBLE_RATIO = 1.25  # below this the text practically disappears into its background
HIDDEN_RATIO = 1.02  # the same colour as the background: hidden, perhaps on purpose
SAME_COLOUR = 16  # 0-255 channel difference within which text is the page's own colour
BOLD_WEIGHT = 600  # usWeightClass from which WCAG counts text as bold (semi-bold included)

# Icon and symbol fonts draw pictures, not words (WCAG's non-text contrast, not CP02).
ICON_FONTS = re.compile(r"awesome|icon|wingding|webding|dingbat|marlett|mdl2|symbol|esri",
                        re.IGNORECASE)  # ESRI fonts draw map markers and road shields

# A printed character outside the private-use area (U+E000-U+F8FF), where icon
# fonts put their glyphs: a span without one is an icon.
_PRINTED_NOT_PRIVATE = re.compile(r"[^\s\uE000-\uF8FF]")

# A letter or digit of any script: a span without one holds no words to read.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")

# Faint text this large, or turned and fairly large, is a watermark: part of the
# background (CP15 judges busy backgrounds), not text to read.
WATERMARK_RATIO = 1.5
WATERMARK_SIZE = 72.0  # pt
WATERMARK_TURNED_SIZE = 36.0  # pt
SHADOW_OVERLAP = 0.5  # copies of the same text sharing this much of their boxes are one lettering
TEXTURE_SOURCE = "page background "  # a DOCX page background that is a picture, texture or gradient

# Sampled pixels whose weakest tenth contrasts with the text less than this share of
# what the commonest colour gives are a texture (an aerial photo, a dithered
# map), however much of it is near that colour: its ratio does not describe the text.
TEXTURE_SPREAD = 0.85


@dataclass(slots=True)
class Measure:
    """One span's colours and contrast, and what it needs."""

    span: Span
    fg: RGB | None
    background: Background
    needed: float
    large: bool
    ratio: float | None = None
    # DOCX text in the very colour of a page nothing else is known to cover: a
    # fill clearprint cannot read (a VML box, a shape behind the text) may be there.
    page_coloured: bool = False

    @property
    def low(self) -> float | None:
        """The weak parts of a mixed background (None: not measured)."""
        return self.background.low_contrast

    @property
    def shown(self) -> float | None:
        return shown_ratio(self.ratio, self.needed)

    @property
    def shown_low(self) -> float | None:
        return shown_ratio(self.low, self.needed)

    @property
    def mixed(self) -> bool:
        """Printed over several colours rather than one.

        Either no colour covers enough of the glyph core, or the pixels near
        the commonest colour hide a texture: the colour tolerance that absorbs
        JPEG noise also absorbs the light and dark grain of a photo, so the
        weakest tenth of the pixels is compared with the commonest colour too.
        A uniform colour, noise and all, keeps the two ratios close.
        """
        if not self.background.uniform:
            return True
        return (self.background.sampled and self.low is not None and self.ratio is not None
                and self.low < TEXTURE_SPREAD * self.ratio)

    @property
    def invisible(self) -> bool:
        return self.ratio is not None and self.ratio < INVISIBLE_RATIO

    @property
    def fails(self) -> bool:
        """Measured on one colour, and below the limit.

        DOCX text in the colour of a page that only seems plain is not a
        failure: nobody sets white text on white on purpose, so a fill the
        reader could not see is more likely than hidden text.
        """
        if self.page_coloured:
            return False
        return not self.mixed and self.ratio is not None and self.ratio < self.needed

    @property
    def doubtful(self) -> bool:
        """Colour unknown, or a mixed background whose weak parts are below the limit."""
        if self.fg is None or self.ratio is None or self.page_coloured:
            return True
        return self.mixed and (self.low is None or self.low < self.needed)


@dataclass(frozen=True, slots=True)
class Limits:
    """The options a measurement depends on, read once rather than per span."""

    normal: float
    large: float
    large_size: float
    large_bold_size: float
    large_exception: bool
    uniform_share: float
    auto_dark: float

    @classmethod
    def of(cls, opts: Options) -> Limits:
        return cls(opts.min_contrast_ratio, opts.large_text_contrast_ratio, opts.large_text_size,
                   opts.large_bold_text_size, opts.wcag_large_text_exception,
                   opts.uniform_background_share, opts.auto_colour_dark_luminance)


@dataclass(slots=True)
class Measurements:
    """Every judged span's contrast by ``id(span)``, and how many spans were left out, by reason."""

    by_span: dict[int, Measure]
    left_out: Counter[str]


def measures(doc: Document, opts: Options) -> Measurements:
    """Measure every visible span once for CP02 and CP03 (cached per option values)."""
    limits = Limits.of(opts)
    key = f"contrast:{limits}"
    if key not in doc.cache:
        doc.cache[key] = _measure_all(doc, limits)
    return doc.cache[key]


def _measure_all(doc: Document, limits: Limits) -> Measurements:
    """Every visible span's contrast.

    Left out, as not text anyone reads for its content: icon-font glyphs,
    the shadow copies of shadowed lettering, faint watermarks (very large
    or turned text barely darker than its background), and spans of
    punctuation alone (their contrast is a decoration's, not the words').
    """
    found = backgrounds(doc, limits.uniform_share)
    by_span: dict[int, Measure] = {}
    left_out: Counter[str] = Counter()
    icons = {id(s) for block in doc.blocks for s in block.spans if id(s) in found and is_icon(s)}
    symbols = _symbols(doc, icons)
    copies: dict[tuple[int | None, str], list[Measure]] = {}  # the same text on the same page
    for block in doc.blocks:
        page = block.page
        turned = {id(s) for line in block.lines if line.vertical or abs(line.angle) > 2
                  for s in line.spans}
        glyphs = symbols.get(page)
        for span in block.spans:
            if id(span) not in found:
                continue
            if id(span) in icons:
                left_out["icon"] += 1
                continue
            if _LETTER_OR_DIGIT.search(span.text) is None:
                left_out["punctuation"] += 1
                continue
            background = (glyphs.under(span) if glyphs is not None else None) or found[id(span)]
            m = measure(doc, span, background, limits)
            if _watermark(m, id(span) in turned):
                left_out["watermark"] += 1
                continue
            by_span[id(span)] = m
            if span.bbox is not None:
                copies.setdefault((page, span.text.strip()), []).append(m)
    for shadow in _shadows(copies):
        del by_span[shadow]
        left_out["shadow"] += 1
    return Measurements(by_span, left_out)


def _shadows(copies: dict[tuple[int | None, str], list[Measure]]) -> Iterator[int]:
    """Copies of the same words painted over each other, but the most legible one.

    Shadowed, outlined or 3-D lettering is the same text painted two or three
    times, slightly offset. The reader sees the letters through the copy that
    stands out best; painting order cannot be trusted to say which is on top
    (a trace that merges text runs gives several copies one order).
    ``copies``: the measured spans by page and text.
    """
    for group in copies.values():
        if len(group) > 1:
            yield from _hidden_copies(group)


def _hidden_copies(group: list[Measure]) -> Iterator[int]:
    """Within the copies of one text on one page, those a more legible copy overprints.

    Sorted top to bottom, a copy can only overprint those that start above
    its bottom edge: a sweep, not every pair (a form repeats "$" hundreds of
    times on one page). The copies beside it in its row (dot leaders) are
    passed over on their left and right edges alone.
    """
    group.sort(key=lambda m: m.span.bbox[1])  # type: ignore[index]
    boxes: list[BBox] = [m.span.bbox for m in group]  # type: ignore[misc]
    taken: set[int] = set()
    for i, first in enumerate(boxes):
        if i in taken:
            continue
        cluster = [i]
        for j in range(i + 1, len(boxes)):
            other = boxes[j]
            if other[1] >= first[3]:
                break
            beside = other[0] >= first[2] or other[2] <= first[0]
            if not beside and j not in taken and _overprints(first, other):
                cluster.append(j)
        if len(cluster) > 1:
            taken.update(cluster)
            best = max(cluster, key=lambda k: group[k].ratio or 0.0)
            yield from (id(group[k].span) for k in cluster if k != best)


def _overprints(a: BBox, b: BBox) -> bool:
    """Two boxes sharing at least SHADOW_OVERLAP of the smaller one."""
    smaller = min(_box_area(a), _box_area(b))
    return smaller > 0 and _shared(a, b) >= SHADOW_OVERLAP * smaller


def _box_area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _shared(a: BBox, b: BBox) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


class _Symbols:
    """The icon-font glyphs of one page (map shields and markers that labels may be
    printed on), filed by the BAND-pt bands of the page's height they reach into."""

    BAND = 36.0  # pt
    # Coordinates are held to the largest page PDF allows (14400 pt) and a band
    # around it, so a wild box cannot reach into millions of bands.
    LOW, HIGH = -36.0, 14436.0

    def __init__(self, glyphs: list[Span]) -> None:
        self.glyphs = glyphs
        self.bands: dict[int, list[int]] = {}
        for index, glyph in enumerate(glyphs):
            assert glyph.bbox is not None
            for band in self._bands(glyph.bbox):
                self.bands.setdefault(band, []).append(index)

    def under(self, span: Span) -> Background | None:
        """Text printed on an icon glyph (a road number on its shield): its background is
        the glyph, which neither the shapes nor a text-free render show, so it is unknown."""
        box = span.bbox
        area = _box_area(box) if box is not None else 0.0
        if box is None or area <= 0:  # no box to lie on anything
            return None
        hits = [index for band in self._bands(box) for index in self.bands.get(band, ())
                if _shared(box, self.glyphs[index].bbox) >= SHADOW_OVERLAP * area]  # type: ignore[arg-type]
        if not hits:
            return None
        # Painting order between text runs is not reliable enough to use: the first listed wins.
        return Background(None, f"symbol glyph ({self.glyphs[min(hits)].font})", uniform=False)

    def _bands(self, box: BBox) -> range:
        first = int(min(max(box[1], self.LOW), self.HIGH) // self.BAND)
        last = int(min(max(box[3], self.LOW), self.HIGH) // self.BAND)
        return range(first, last + 1)


def _symbols(doc: Document, icons: set[int]) -> dict[int | None, _Symbols]:
    """The icon-font glyphs placed on each PDF page (DOCX has no places to compare)."""
    by_page: dict[int | None, list[Span]] = {}
    if doc.format == "pdf":
        for block in doc.blocks:
            for span in block.spans:
                if id(span) in icons and span.bbox is not None:
                    by_page.setdefault(block.page, []).append(span)
    return {page: _Symbols(glyphs) for page, glyphs in by_page.items()}


def is_icon(span: Span) -> bool:
    """A glyph from an icon or symbol font, or only private-use characters (icon fonts)."""
    return _icon_font(span.font) or _PRINTED_NOT_PRIVATE.search(span.text) is None


@lru_cache(maxsize=1024)
def _icon_font(font: str | None) -> bool:
    """An icon or symbol font (documents use few fonts, many times: cached)."""
    return bool(font) and ICON_FONTS.search(font) is not None


def _watermark(m: Measure, turned: bool) -> bool:
    size = m.span.size or 0.0
    faint = m.ratio is not None and m.ratio < WATERMARK_RATIO and not m.mixed
    return faint and (size >= WATERMARK_SIZE or (turned and size >= WATERMARK_TURNED_SIZE))


def measure(doc: Document, span: Span, background: Background, limits: Limits) -> Measure:
    """The contrast of one span against its background, and the ratio it needs."""
    fg = foreground(doc, span, background, limits.auto_dark)
    large = is_large(span, limits)
    needed = limits.large if large else limits.normal
    ratio = contrast(fg, background.colour) if fg is not None and background.colour is not None else None
    page_coloured = (doc.format == "docx" and background.source in PAGE_SOURCES
                     and _same_colour(fg, background.colour))
    return Measure(span, fg, background, needed, large, ratio, page_coloured)


def _same_colour(a: RGB | None, b: RGB | None) -> bool:
    """Two known colours within SAME_COLOUR of each other on every channel."""
    if a is None or b is None:
        return False
    return (abs(a[0] - b[0]) <= SAME_COLOUR and abs(a[1] - b[1]) <= SAME_COLOUR
            and abs(a[2] - b[2]) <= SAME_COLOUR)


def is_large(span: Span, limits: Limits) -> bool:
    """WCAG large text: 18 pt, or 14 pt in bold (semi-bold counts)."""
    if not limits.large_exception or span.size is None:
        return False
    size = round(span.size, 1)
    return size >= limits.large_size or (is_bold(span) and size >= limits.large_bold_size)


def is_bold(span: Span) -> bool:
    return bool(span.bold) or (span.weight or 0) >= BOLD_WEIGHT or "synthetic-bold" in span.traits


def measured_values(m: Measure) -> dict[str, object]:
    """The colours, ratio and source a finding reports (its ``data``)."""
    data: dict[str, object] = {
        "fg": hex_colour(m.fg), "bg": hex_colour(m.background.colour), "ratio": m.shown,
        "needed": m.needed, "bg_source": m.background.source, "size_pt": m.span.size, "large": m.large,
    }
    if m.background.sampled:
        data["bg_share"] = round(m.background.share or 0.0, 2)
        data["ratio_low"] = m.shown_low
    if m.background.over_image:
        data["over_image"] = True
    return data


def shown_ratio(ratio: float | None, needed: float | None = None) -> float | None:
    """Two decimals, rounded down when rounding would turn a failing 4.496 into 4.5."""
    if ratio is None:
        return None
    shown = round(ratio, 2)
    if needed is not None and ratio < needed <= shown:
        shown = math.floor(ratio * 100) / 100
    return shown
