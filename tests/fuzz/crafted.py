"""Hostile documents made by hand, one generator for each class of attack.

Each generator writes one small file and returns its path. The files are
built byte by byte (a PDF's objects and cross-reference table, a Word
package's zip entries) so they can hold what no well-behaved library would
write: numbers out of any range, nesting without end, parts that inflate to
gigabytes, names holding terminal escape sequences.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

# ---------------------------------------------------------------------------
# PDF, written object by object
# ---------------------------------------------------------------------------


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF whose object n (1-based) is ``objects[n - 1]``; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(content: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def one_page_pdf(content: bytes, *, size: tuple[float, float] = (595, 842), resources: bytes = b"",
                 more: list[bytes] = (), font: bytes | None = None) -> bytes:
    """Catalog, pages, one page drawing ``content``; font F1 is object 5 when given."""
    font_ref = b"/Font << /F1 5 0 R >>" if font is not None else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << %s %s >> /Contents 4 0 R >>"
        % (_number(size[0]), _number(size[1]), font_ref, resources),
        stream(content, compress=True),
    ]
    if font is not None:
        objects.append(font)
    return pdf_bytes(objects + list(more))


def _number(value: float) -> bytes:
    """A number as PDF writes it: no exponent (PDF has none)."""
    return b"%d" % value if float(value).is_integer() else b"%.4f" % value


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(text: bytes = b"Hello world", matrix: bytes = b"1 0 0 1 72 720",
             font: bytes = HELVETICA) -> bytes:
    return one_page_pdf(b"BT /F1 12 Tf %s Tm (%s) Tj ET" % (matrix, text), font=font)


def pdf_tall_matrix(folder: Path) -> Path:
    """One glyph a hundred million times taller than it is wide."""
    return _write(folder / "tall-matrix.pdf", text_pdf(b"A", b"1 0 0 100000000 72 100"))


def pdf_huge_matrix_values(folder: Path) -> Path:
    """Matrices with values no number type holds, and a zero-size one."""
    content = (b"BT /F1 12 Tf 99999999999999999999 0 0 99999999999999999999 72 100 Tm (Big) Tj ET "
               b"BT /F1 12 Tf 0 0 0 0 72 200 Tm (Flat) Tj ET "
               b"BT /F1 -0 Tf 1 0 0 1 72 300 Tm (Zero) Tj ET "
               b"BT /F1 12 Tf 1 0 0 1 -9999999999999 9999999999999 Tm (Far) Tj ET")
    return _write(folder / "huge-matrix.pdf", one_page_pdf(content, font=HELVETICA))


def pdf_unprintable_sizes(folder: Path) -> Path:
    """Paragraphs of several lines at a fifth of a point, and at a size past any number."""
    lines = b"".join(b"(Line %d of words in a paragraph) Tj 0 -0.3 Td " % n for n in range(6))
    huge = b"99999999999999999999"
    content = (b"BT /F1 0.2 Tf 72 700 Td " + lines + b"ET "
               b"BT /F1 12 Tf %s 0 0 %s 72 400 Tm 0 0 Td " % (huge, huge) + lines + b"ET "
               b"BT /F1 12 Tf 72 200 Td 14 TL (Readable text) Tj T* (on two lines) Tj ET")
    return _write(folder / "unprintable-sizes.pdf", one_page_pdf(content, font=HELVETICA))


def pdf_nested_forms(folder: Path, depth: int = 40) -> Path:
    """Form XObjects nested ``depth`` deep, each drawing the next twice: 2**depth draws."""
    first = 5
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"/X Do"),
    ]
    for level in range(depth):
        number = first + level
        if level == depth - 1:
            objects.append(stream(b"0 0 1 1 re f", b" /Type /XObject /Subtype /Form /BBox [0 0 10 10]"))
        else:
            objects.append(stream(
                b"/X Do /X Do",
                b" /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X %d 0 R >> >>"
                % (number + 1)))
    return _write(folder / "nested-forms.pdf", pdf_bytes(objects))


def pdf_big_page_fills(folder: Path, fills: int = 1500) -> Path:
    """A page 200 inches square covered by ``fills`` page-sized fills of changing colour."""
    side = 14400
    content = b"".join(b"%g 0 0 rg 0 0 %d %d re f\n" % ((i % 10) / 10, side, side) for i in range(fills))
    content += b"0 0 0 rg BT /F1 12 Tf 72 72 Td (Text over fills) Tj ET"
    return _write(folder / "big-page-fills.pdf", one_page_pdf(content, size=(side, side), font=HELVETICA))


def pdf_many_rectangles(folder: Path, count: int = 200_000) -> Path:
    """A page of ``count`` tiny rectangles, each filled on its own."""
    cells = b"".join(b"%d %d 1 1 re f\n" % (i % 500, (i // 500) % 800) for i in range(count))
    content = b"0 0 1 rg\n" + cells + b"BT /F1 12 Tf 72 800 Td (Many shapes) Tj ET"
    return _write(folder / "many-rectangles.pdf", one_page_pdf(content, font=HELVETICA))


def pdf_huge_picture(folder: Path, side: int = 12000) -> Path:
    """A grey picture of side x side pixels (144 MB decoded) in a few kilobytes."""
    pixels = zlib.compress(b"\x80" * (side * side), 9)
    picture = stream(pixels, b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace "
                             b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode" % (side, side))
    content = b"q 400 0 0 400 100 300 cm /Im Do Q BT /F1 12 Tf 72 72 Td (A big picture) Tj ET"
    data = one_page_pdf(content, resources=b"/XObject << /Im 6 0 R >>", more=[picture], font=HELVETICA)
    return _write(folder / "huge-picture.pdf", data)


def pdf_lying_picture(folder: Path) -> Path:
    """A picture that says it is 60000 x 60000 pixels but holds a few bytes."""
    picture = stream(zlib.compress(b"\x00" * 100), b" /Type /XObject /Subtype /Image /Width 60000 "
                     b"/Height 60000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode")
    content = b"q 400 0 0 400 100 300 cm /Im Do Q BT /F1 12 Tf 72 72 Td (A lying picture) Tj ET"
    data = one_page_pdf(content, resources=b"/XObject << /Im 6 0 R >>", more=[picture], font=HELVETICA)
    return _write(folder / "lying-picture.pdf", data)


def _cmap(pairs: bytes) -> bytes:
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00> <FF> endcodespacerange " + pairs +
            b" endcmap CMapName currentdict /CMap defineresource pop end end")


def pdf_surrogate_text(folder: Path) -> Path:
    """Glyphs mapped by ToUnicode to lone surrogates, a NUL and an escape character."""
    cmap = _cmap(b"4 beginbfchar <41> <D800> <42> <DFFF> <43> <0000> <44> <001B> endbfchar")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    content = b"BT /F1 12 Tf 72 720 Td (AABBCCDD some words) Tj ET"
    return _write(folder / "surrogates.pdf", one_page_pdf(content, font=font, more=[stream(cmap)]))


def pdf_escape_text(folder: Path) -> Path:
    """Text whose characters are terminal escape sequences (OSC 52 writes the clipboard)."""
    cmap = _cmap(b"3 beginbfchar <41> <001B> <42> <0007> <43> <009B> endbfchar")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    content = b"BT /F1 7 Tf 72 720 Td (A]52;c;aGk=B A]0;owned!B C31m tiny text) Tj ET"
    return _write(folder / "escape-text.pdf", one_page_pdf(content, font=font, more=[stream(cmap)]))


def pdf_escape_font_name(folder: Path) -> Path:
    """Small text in a font whose name holds OSC 52 and OSC 0 sequences."""
    font = (b"<< /Type /Font /Subtype /Type1 "
            b"/BaseFont /Evil#1B#5D52;c;aGk=#07#1B#5D0;owned#07#0A#0DFake-Italic >>")
    return _write(folder / "escape-font.pdf",
                  one_page_pdf(b"BT /F1 7 Tf 72 720 Td (Tiny text in an evil font) Tj ET", font=font))


def pdf_bad_page_tree(folder: Path) -> Path:
    """A page count that lies, a page tree that points to itself, and a negative media box."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 99999999999 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 -99999999999 0] /Contents 4 0 R >>",
        stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"),
    ]
    return _write(folder / "bad-page-tree.pdf", pdf_bytes(objects))


def pdf_huge_page(folder: Path) -> Path:
    """A page bigger than any printer: 14,400 pt (PDF's limit) on each side, then far beyond."""
    return _write(folder / "huge-page.pdf", one_page_pdf(
        b"BT /F1 12 Tf 72 72 Td (Big page) Tj ET", size=(1000000000, 1000000000), font=HELVETICA))


# ---------------------------------------------------------------------------
# DOCX, written entry by entry
# ---------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
    'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(body: str, sect: str = "") -> str:
    sect = sect or ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" '
                    'w:bottom="1440" w:left="1440"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{body}{sect}'
            '</w:body></w:document>')


def paragraph(text: str, run_props: str = "", para_props: str = "") -> str:
    return (f"<w:p><w:pPr>{para_props}</w:pPr><w:r><w:rPr>{run_props}</w:rPr>"
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def docx_bytes(document: str | bytes, extra: dict[str, bytes] | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


_BAD_NUMBERS = ("99999999999999999999", "inf", "-inf", "nan", "1e15", "-1e15", "-0", "1e308", "0x10", "")


def docx_bad_numbers(folder: Path) -> Path:
    """Every size, spacing, indent and page measure set to a number out of any range."""
    body = []
    for value in _BAD_NUMBERS:
        body.append(paragraph(
            f"Text with the value {value or 'empty'} set everywhere.",
            f'<w:sz w:val="{value}"/><w:spacing w:val="{value}"/><w:w w:val="{value}"/>'
            f'<w:position w:val="{value}"/><w:kern w:val="{value}"/>',
            f'<w:spacing w:before="{value}" w:after="{value}" w:line="{value}" w:lineRule="exact"/>'
            f'<w:ind w:left="{value}" w:right="{value}" w:firstLine="{value}"/>'
            f'<w:outlineLvl w:val="{value}"/>'))
    body.append('<w:tbl><w:tblGrid><w:gridCol w:w="1e15"/></w:tblGrid><w:tr><w:trPr>'
                '<w:trHeight w:val="inf"/><w:gridBefore w:val="99999999999"/></w:trPr>'
                '<w:tc><w:tcPr><w:gridSpan w:val="-5"/>'
                f'<w:tcW w:w="nan"/></w:tcPr>{paragraph("A cell")}</w:tc></w:tr></w:tbl>')
    sect = ('<w:sectPr><w:pgSz w:w="1e20" w:h="inf"/><w:pgMar w:top="-1e15" w:bottom="nan" w:left="1e15" '
            'w:right="-0"/><w:cols w:num="99999999999" w:space="inf"/></w:sectPr>')
    return _write(folder / "bad-numbers.docx", docx_bytes(document_xml("".join(body), sect)))


def docx_many_columns(folder: Path) -> Path:
    """A section that asks for a billion columns."""
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" '
            'w:bottom="1440" w:left="1440"/><w:cols w:num="1000000000"/></w:sectPr>')
    return _write(folder / "many-columns.docx", docx_bytes(document_xml(paragraph("Columns"), sect)))


def docx_tiny_page(folder: Path) -> Path:
    """A page whose margins leave no room, with paragraphs spaced a kilometre apart."""
    sect = ('<w:sectPr><w:pgSz w:w="100" w:h="100"/><w:pgMar w:top="90" w:right="90" w:bottom="90" '
            'w:left="90"/></w:sectPr>')
    body = "".join(paragraph("Spaced", para_props='<w:spacing w:before="31680" w:after="31680"/>')
                   for _ in range(50))
    return _write(folder / "tiny-page.docx", docx_bytes(document_xml(body, sect)))


def docx_many_paragraphs(folder: Path, count: int = 1_000_000) -> Path:
    """A million empty paragraphs: a hundred kilobytes zipped."""
    return _write(folder / "many-paragraphs.docx", docx_bytes(document_xml("<w:p/>" * count)))


def docx_deep_nesting(folder: Path, depth: int = 600) -> Path:
    """Content controls nested ``depth`` deep around one paragraph."""
    body = "<w:sdt><w:sdtContent>" * depth + paragraph("Deep") + "</w:sdtContent></w:sdt>" * depth
    return _write(folder / "deep-nesting.docx", docx_bytes(document_xml(body)))


def docx_very_deep_xml(folder: Path, depth: int = 100_000) -> Path:
    """XML elements nested far past what an XML parser allows."""
    body = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    return _write(folder / "very-deep-xml.docx", docx_bytes(document_xml(body)))


def docx_entities(folder: Path) -> Path:
    """Character and entity references inside the text, and a declared entity."""
    document = document_xml(paragraph("Fish &amp; chips &#169; &#x2014; and more after them")).replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY boom "BOOM">]>')
    document = document.replace("and more", "&boom; and more")
    return _write(folder / "entities.docx", docx_bytes(document))


def docx_billion_laughs(folder: Path) -> Path:
    """Entities that expand to a billion copies if a parser expands them."""
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    document = document_xml(paragraph("Laughs &j;")).replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [{entities}]>')
    return _write(folder / "billion-laughs.docx", docx_bytes(document))


def docx_unused_big_part(folder: Path, size: int = 3 << 30) -> Path:
    """A part of ``size`` zero bytes, referenced by nothing, deflated to a few megabytes."""
    path = folder / "unused-big-part.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/document.xml", document_xml(paragraph("A small document")))
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as entry:
            block = b"\0" * (1 << 24)
            for _ in range(size // len(block)):
                entry.write(block)
    return path


def docx_inflating_document(folder: Path, size: int = 1 << 30) -> Path:
    """A document.xml that inflates to ``size`` bytes of whitespace."""
    path = folder / "inflating-document.docx"
    head = document_xml(paragraph("Inflating")).encode()
    cut = head.index(b"</w:body>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            entry.write(head[:cut])
            block = b" " * (1 << 24)
            for _ in range(size // len(block)):
                entry.write(block)
            entry.write(head[cut:])
    return path


def docx_escape_text(folder: Path) -> Path:
    """Small text that holds a terminal escape in its font name and in its words."""
    props = '<w:rFonts w:ascii="Evil&#x9b;31m" w:hAnsi="Evil&#x9b;31m"/><w:sz w:val="14"/>'
    return _write(folder / "escape-text.docx", docx_bytes(document_xml(
        paragraph("Tiny text \u2028 with a line separator and \u202e reversed", props))))


def docx_named_pdf(folder: Path) -> Path:
    """A PDF named .docx."""
    return _write(folder / "really-a-pdf.docx", text_pdf())


def pdf_named_docx(folder: Path) -> Path:
    """A Word file named .pdf."""
    return _write(folder / "really-a-docx.pdf", docx_bytes(document_xml(paragraph("Hello"))))


def docx_broken_zip(folder: Path) -> Path:
    """A zip whose central directory points past the end of the file."""
    data = bytearray(docx_bytes(document_xml(paragraph("Hello"))))
    data[-6:-2] = (len(data) * 7).to_bytes(4, "little")
    return _write(folder / "broken-zip.docx", bytes(data))


def hostile_names(folder: Path) -> list[Path]:
    """Small good documents whose names hold what a terminal obeys or cannot print:
    an OSC 0 title sequence, a newline and a carriage return, a name that is not
    UTF-8, and one that starts like an option."""
    good = text_pdf(b"A document with a hostile name")
    names = [b"title\x1b]0;owned\x07.pdf", b"two\nlines\rspoof.pdf", b"caf\xe9-latin1.pdf",
             b"-otarget.pdf", "\u202eevil-fdp.pdf".encode()]
    paths = []
    for name in names:
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
        paths.append(_write(path, good))
    return paths


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# Each generator with the most a correct reader may take for it, in seconds of wall
# time (the class is fixed when the audit ends well within it on a shared machine).
FAST = 20.0
GENERATORS: dict[str, Callable[[Path], Path]] = {
    "pdf_tall_matrix": pdf_tall_matrix,
    "pdf_huge_matrix_values": pdf_huge_matrix_values,
    "pdf_unprintable_sizes": pdf_unprintable_sizes,
    "pdf_big_page_fills": pdf_big_page_fills,
    "pdf_many_rectangles": pdf_many_rectangles,
    "pdf_huge_picture": pdf_huge_picture,
    "pdf_lying_picture": pdf_lying_picture,
    "pdf_surrogate_text": pdf_surrogate_text,
    "pdf_escape_text": pdf_escape_text,
    "pdf_escape_font_name": pdf_escape_font_name,
    "pdf_bad_page_tree": pdf_bad_page_tree,
    "pdf_huge_page": pdf_huge_page,
    "docx_bad_numbers": docx_bad_numbers,
    "docx_many_columns": docx_many_columns,
    "docx_tiny_page": docx_tiny_page,
    "docx_deep_nesting": docx_deep_nesting,
    "docx_very_deep_xml": docx_very_deep_xml,
    "docx_entities": docx_entities,
    "docx_billion_laughs": docx_billion_laughs,
    "docx_escape_text": docx_escape_text,
    "docx_named_pdf": docx_named_pdf,
    "pdf_named_docx": pdf_named_docx,
    "docx_broken_zip": docx_broken_zip,
}
# Slow to build or meant to hit a budget: the long run and their own tests use them.
HEAVY: dict[str, Callable[[Path], Path]] = {
    "pdf_nested_forms": pdf_nested_forms,
    "docx_many_paragraphs": docx_many_paragraphs,
    "docx_unused_big_part": docx_unused_big_part,
    "docx_inflating_document": docx_inflating_document,
}
