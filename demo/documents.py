"""The demo's paper files: a minimal PDF writer (Helvetica, WinAnsi) and a minimal DOCX.

Every demo paper and set of draft minutes is a real file built at load time: a few
kilobytes each and no WeasyPrint, so loading stays fast, yet the portal checks, stores
and serves them like any upload (pypdf and any viewer read the PDFs; ``filetype``
recognises the DOCX files). Pure: no Django.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LINE_CHARS = 92  # about what fits in 10 pt Helvetica between the margins
LINES_PER_PAGE = 50


@dataclass(frozen=True)
class Block:
    """A run of text on a page: a heading (bold) or a paragraph."""

    text: str
    heading: bool = False


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) encoding."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_info(text: str) -> bytes:
    """A document information string: UTF-16BE with a byte order mark, as PDF 1.4 allows."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def _page_stream(title: str, blocks: list[Block], number: int, total: int) -> bytes:
    """The content stream of one page: its blocks top-down, and a footer."""
    out = [b"BT"]
    y = PAGE_HEIGHT - MARGIN
    lines_left = LINES_PER_PAGE
    for block in blocks:
        size, leading, font = (12, 18, b"/F2") if block.heading else (10, 14, b"/F1")
        for line in textwrap.wrap(block.text, LINE_CHARS if not block.heading else 70) or [""]:
            if lines_left <= 0:
                break
            out.append(font + b" %d Tf 1 0 0 1 %d %d Tm " % (size, MARGIN, y) + _pdf_text(line) + b" Tj")
            y -= leading
            lines_left -= 1
        y -= 6
    footer = f"{title} - page {number} of {total}"
    out.append(b"/F1 8 Tf 1 0 0 1 %d %d Tm " % (MARGIN, 30) + _pdf_text(footer) + b" Tj")
    out.append(b"ET")
    return b"\n".join(out)


def pdf_document(title: str, author: str, pages: list[list[Block]]) -> bytes:
    """A small, valid PDF with one page per list of blocks (readable by pypdf and any viewer)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    page_tree = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    info = add(b"<< /Title " + _pdf_info(title) + b" /Author " + _pdf_info(author) + b" /Producer (Accord demo) >>")
    kids = []
    for number, blocks in enumerate(pages, start=1):
        stream = zlib.compress(_page_stream(title, blocks, number, len(pages)))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (page_tree, PAGE_WIDTH, PAGE_HEIGHT, content, regular, bold)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R /Lang (en-GB) >>" % page_tree
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    buffer = io.BytesIO()
    buffer.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(buffer.tell())
        buffer.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = buffer.tell()
    buffer.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        buffer.write(b"%010d 00000 n \n" % offset)
    buffer.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


def docx_document(title: str, blocks: list[Block]) -> bytes:
    """A minimal Word document. The entry order matters: filetype recognises a DOCX
    by a zip whose first entry is [Content_Types].xml, followed by one under word/."""

    def paragraph(text: str, heading: bool) -> str:
        run_props = '<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>' if heading else ""
        return f'<w:p><w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = paragraph(title, True) + "".join(paragraph(block.text, block.heading) for block in blocks)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()
