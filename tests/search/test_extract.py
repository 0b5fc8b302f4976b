"""The text inside papers (search/extract.py), read from real files made here: a PDF
rendered by WeasyPrint, a DOCX, an ODT and an XLSX. A malformed, encrypted, oversized
or unknown file raises ExtractionError with a reason, and nothing else."""

from __future__ import annotations

import io
import zipfile

import pytest

from search.extract import (
    DOCX,
    ODT,
    PDF,
    XLSX,
    ExtractionError,
    clean,
    extract_text,
)
from search.highlight import START, STOP

from .conftest import docx_of, odt_of, pdf_of, xlsx_of

MAX = 500_000


def read(data: bytes, content_type: str, name: str = "paper", max_chars: int = MAX) -> str:
    return extract_text(data, name=name, content_type=content_type, max_chars=max_chars)


def test_the_text_of_a_pdf_is_read():
    text = read(pdf_of("The pooled budget for carers' breaks.", "A second paragraph on respite."), PDF)
    assert "pooled budget for carers' breaks" in text
    assert "respite" in text


def test_the_text_of_a_docx_is_read_with_its_tables():
    data = docx_of("Falls prevention in care homes.", table=[["Measure", "Target"], ["Admissions", "fewer"]])
    text = read(data, DOCX)
    assert "Falls prevention in care homes." in text
    assert "Admissions | fewer" in text


def test_the_text_of_an_odt_is_read_headings_and_paragraphs_in_order():
    text = read(odt_of("First the paragraph on smoking cessation.", heading="Tobacco control"), ODT)
    assert text.index("Tobacco control") < text.index("smoking cessation")


def test_the_cells_of_an_xlsx_are_read_sheet_by_sheet():
    text = read(xlsx_of(["Line", "Amount"], ["Domiciliary care", 125000], title="Pooled budget"), XLSX)
    assert "Pooled budget" in text
    assert "Domiciliary care 125000" in text


def test_the_type_comes_from_the_name_when_the_stored_type_is_unknown():
    assert "Safeguarding" in read(docx_of("Safeguarding adults"), "application/octet-stream", name="report.docx")


def test_plain_text_is_read_and_cleaned():
    raw = f"Line one\x00 with  spaces{START}\n\n\n\nLine\ttwo{STOP}".encode()
    assert read(raw, "text/plain") == "Line one with spaces\n\nLine two"


def test_reading_stops_at_the_character_limit():
    data = docx_of(*[f"Paragraph {n} about the joint strategic needs assessment." for n in range(2000)])
    text = read(data, DOCX, max_chars=5000)
    assert len(text) == 5000
    assert text.startswith("Paragraph 0")


@pytest.mark.parametrize(
    ("data", "content_type", "reason"),
    [
        (b"%PDF-1.4\nnot really a pdf at all", PDF, "could not be read"),
        (pdf_of("Cut short")[:400], PDF, "could not be read"),
        (b"PK\x03\x04 broken zip", DOCX, "not a valid document package"),
        (b"not a zip", ODT, "not a valid document package"),
        (b"not a zip", XLSX, "not a valid document package"),
        (b"", PDF, "empty"),
        (b"GIF89a", "image/gif", "not read for search"),
    ],
    ids=["garbage-pdf", "truncated-pdf", "broken-docx", "garbage-odt", "garbage-xlsx", "empty", "image"],
)
def test_a_malformed_or_unknown_file_fails_with_a_reason(data, content_type, reason):
    with pytest.raises(ExtractionError, match=reason):
        read(data, content_type)


def test_a_zip_that_is_not_the_document_it_claims_fails_cleanly():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("hello.txt", "not a word document")
    with pytest.raises(ExtractionError, match="could not be read"):
        read(out.getvalue(), DOCX)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr("search.extract.MAX_UNPACKED_BYTES", 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"0" * (5 * 1024 * 1024))
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ExtractionError, match="unpacks to 5 MB"):
        read(out.getvalue(), DOCX)


def test_an_encrypted_pdf_fails_with_that_reason():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_of("Secret pension figures"))).pages:
        writer.add_page(page)
    writer.encrypt("a password only the author knows")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ExtractionError, match="password"):
        read(out.getvalue(), PDF)


def test_clean_keeps_paragraphs_and_drops_control_characters():
    assert clean("a\x07b  c\n \n \nd", 100) == "a b c\n\nd"
