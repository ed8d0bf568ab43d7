"""DOCX reader: a Word file (.docx, .dotx, .docm, .dotm) → the format-neutral model.

The package is opened by a small OPC layer (package.py) and everything is
read from the XML with lxml: styles and theme (styles.py, theme.py), sections
(sections.py), the stories and their paragraphs (stories.py, runs.py,
formatting.py, paragraphs.py), pictures and text boxes (drawings.py), fields
(fields.py), settings (settings.py) and the page count (pagecount.py). Headings and titles the styles do not
name are found last, once the body size is known (roles.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clearprint.model import RGB, Document, HeaderFooter, Part
from clearprint.readers.common import collector_paused, deep_nesting_allowed
from clearprint.readers.docx.ooxml import R_ID, W, hex_rgb, qn
from clearprint.readers.docx.package import Package, open_package
from clearprint.readers.docx.pagecount import choose
from clearprint.readers.docx.roles import assign_visual_roles
from clearprint.readers.docx.sections import SectionInfo, body_section_properties, parse_section
from clearprint.readers.docx.settings import Settings, read_settings, saved_page_count
from clearprint.readers.docx.stories import PartSummary, StoryWalker
from clearprint.readers.docx.styles import StyleSheet
from clearprint.readers.docx.theme import Theme, parse_theme

__all__ = ["read_docx"]


def read_docx(path: str | Path) -> Document:
    """Read a Word file into a Document, or raise DocumentError with a one-line reason."""
    with collector_paused(), deep_nesting_allowed():
        return _read(Path(path))


def _read(path: Path) -> Document:
    package, main = open_package(path)
    try:
        return _read_package(package, main, path)
    finally:
        package.close()  # every part the model needs has been read


def _read_package(package: Package, main: str, path: Path) -> Document:
    document = package.xml(main)
    body = document.find(W + "body")
    if body is None:
        body = document.makeelement(W + "body")  # an empty document is still a document
    theme = parse_theme(package.related_xml(main, "theme"))
    sheet = StyleSheet(package.related_xml(main, "styles"), package.related_xml(main, "numbering"))
    settings = read_settings(package.related_xml(main, "settings"))
    sections = [parse_section(i, el) for i, el in enumerate(body_section_properties(body), start=1)]
    background, texture = _page_background(document, theme, settings)

    walker = StoryWalker(package, sheet, theme, sections, settings.auto_hyphenation, background, texture)
    walker.walk_body(body, main)
    _headers_and_footers(walker, sections, package, main, settings)
    for kind, story in (("footnotes", Part.FOOTNOTE), ("endnotes", Part.ENDNOTE)):
        notes = package.related(main, kind)
        if notes is not None:
            walker.walk_notes(package.xml(notes), story, notes)
    walker.finish()
    assign_visual_roles(walker.blocks, walker.first_page_end)
    pages = choose(saved_page_count(package.related_xml("", "extended-properties")), walker.pages.pages)

    return Document(
        path=str(path),
        format="docx",
        blocks=walker.blocks,
        sections=[info.section for info in sections],
        images=walker.images,
        fields=walker.fields,
        contents=walker.contents,
        page_count=pages.pages,
        page_count_source=pages.source,
        saved_page_count=pages.saved,
        auto_hyphenation=settings.auto_hyphenation,
        mirror_margins=settings.mirror_margins,
        book_fold=settings.book_fold,
        even_odd_headers=settings.even_odd_headers,
        page_background=background,
        page_texture=texture,
        text_boxes=walker.text_boxes,
        boxes=walker.boxes,
    )


def _headers_and_footers(
    walker: StoryWalker, sections: list[SectionInfo], package: Package, main: str, settings: Settings
) -> None:
    """Walk each displayed header/footer part once and record what every section shows."""
    previous: dict[tuple[str, str], PartSummary | None] = {}
    for info in sections:
        variants = ["default"]
        if info.section.different_first_page:
            variants.append("first")
        if settings.even_odd_headers:
            variants.append("even")
        for kind in ("header", "footer"):
            for variant in variants:
                rid = info.references.get((kind, variant))
                part = package.target(main, rid) if rid else None
                root = package.xml(part) if part else None
                if root is not None and part is not None:
                    story = Part.HEADER if kind == "header" else Part.FOOTER
                    summary = walker.summaries.get(part) or walker.walk_header_footer(
                        root, story, part, info.section.number
                    )
                    previous[(kind, variant)] = summary
                else:
                    summary = previous.get((kind, variant))
                info.section.headers_footers.append(
                    HeaderFooter(
                        kind=kind,
                        variant=variant,
                        has_page_number=bool(summary and summary.has_page_number),
                        alignment=summary.alignment if summary else None,
                        frame=summary.frame if summary else None,
                        text="\n".join(summary.texts) if summary else "",
                        linked_to_previous=root is None and info.section.number > 1,
                    )
                )


def _page_background(document: Any, theme: Theme, settings: Settings) -> tuple[RGB | None, str | None]:
    """w:background's colour, or a description of its picture, texture or gradient fill,
    only when Word is set to display it."""
    if not settings.display_background:
        return None, None
    el = document.find(W + "background")
    if el is None:
        return None, None
    texture = _page_texture(el)
    if texture is not None:
        return None, texture
    theme_color = el.get(W + "themeColor")
    if theme_color:
        rgb = theme.word_color(theme_color, el.get(W + "themeTint"), el.get(W + "themeShade"))
        if rgb is not None:
            return rgb, None
    return hex_rgb(el.get(W + "color")), None


_FILL_WORDS = {"tile": "tiled picture", "frame": "picture", "pattern": "pattern",
               "gradient": "gradient", "gradientRadial": "gradient"}


def _page_texture(background: Any) -> str | None:
    """"tiled picture “Parchment”" for a v:background/v:fill that is not one colour."""
    fill = background.find(f"{qn('v:background')}/{qn('v:fill')}")
    if fill is None:
        return None
    kind = fill.get("type")
    if kind not in _FILL_WORDS and not fill.get(R_ID):
        return None
    words = _FILL_WORDS.get(kind or "", "picture")
    title = fill.get(qn("o:title"))
    return f"{words} \u201c{title}\u201d" if title else words
