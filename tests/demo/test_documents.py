"""The demo's paper files are real: pypdf reads the PDFs, Word's zip layout holds the
DOCX text, and ``filetype`` (which checks uploads) recognises both."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import filetype
from pypdf import PdfReader

from demo import content
from demo.documents import DOCX_TYPE, PDF_TYPE, Block, docx_document, pdf_document
from demo.specs import decision, information, paper

TITLE = "Supporting People Annual Plan 2026-27"


def _pdf() -> bytes:
    return pdf_document(
        TITLE,
        "Helen Forsyth",
        [
            [Block("Supporting People Commissioning Body", heading=True), Block("Older people £3.92m – sheltered")],
            [Block("Appendix A", heading=True), Block("Figures (draft) \\ revised")],
        ],
    )


def test_the_pdf_opens_with_pypdf_and_carries_its_title_and_text() -> None:
    reader = PdfReader(io.BytesIO(_pdf()))

    assert len(reader.pages) == 2
    assert reader.metadata is not None
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == "Helen Forsyth"
    first = reader.pages[0].extract_text()
    assert "Supporting People Commissioning Body" in first
    assert "Older people £3.92m – sheltered" in first  # WinAnsi covers £ and the dash
    assert f"{TITLE} - page 1 of 2" in first
    assert "Figures (draft) \\ revised" in reader.pages[1].extract_text()  # escaped brackets and backslash


def test_the_docx_is_a_word_zip_whose_document_holds_the_text() -> None:
    data = docx_document(TITLE, [Block("Key issues", heading=True), Block("Rent & service charges <2026>")])

    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist()[0] == "[Content_Types].xml"
    document = archive.read("word/document.xml").decode()
    assert TITLE in document
    assert "Key issues" in document
    assert "Rent &amp; service charges &lt;2026&gt;" in document


def test_filetype_recognises_both_as_the_upload_check_does() -> None:
    pdf_kind = filetype.guess(_pdf())
    docx_kind = filetype.guess(docx_document(TITLE, [Block("Text")]))

    assert pdf_kind is not None and pdf_kind.mime == PDF_TYPE
    assert docx_kind is not None and docx_kind.mime == DOCX_TYPE


def test_a_paper_has_the_pages_its_spec_asks_for_from_one_to_five() -> None:
    day = dt.date(2026, 3, 19)
    for pages in (1, 3, 5, 9):
        spec = paper("Supporting People Annual Plan 2026-27", pages)
        data = content.paper_file(
            spec,
            decision(spec.title, "Helen Forsyth", spec),
            board="Supporting People Commissioning Body",
            noun="The Commissioning Body",
            day=day,
            author="Helen Forsyth",
            job_title="Supporting People Programme Manager",
        )
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == min(pages, 5)
        first = reader.pages[0].extract_text()
        assert "19 March 2026" in first
        assert "Report of Helen Forsyth, Supporting People Programme Manager" in first
        assert "The Commissioning Body is RECOMMENDED to agree" in first


def test_an_exempt_paper_says_so_and_a_revision_shows_its_note() -> None:
    spec = paper("Floating support: tender evaluation and award", 1)
    item = decision("Floating support services: contract award", "Helen Forsyth", spec, exempt=True)
    data = content.paper_file(
        spec,
        item,
        board="Supporting People Commissioning Body",
        noun="The Commissioning Body",
        day=dt.date(2025, 7, 24),
        author="Helen Forsyth",
        job_title="Supporting People Programme Manager",
        revision="Corrected the scores",
    )

    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "NOT FOR PUBLICATION" in text
    assert "Revised version: Corrected the scores." in text


def test_a_docx_paper_holds_every_page_in_one_document() -> None:
    spec = paper("Outturn 2025-26", 2, docx=True)
    data = content.paper_file(
        spec,
        information("Programme outturn 2025-26", "Helen Forsyth", spec),
        board="Supporting People Commissioning Body",
        noun="The Commissioning Body",
        day=dt.date(2026, 5, 21),
        author="Helen Forsyth",
        job_title="Supporting People Programme Manager",
    )

    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "The Commissioning Body is asked to note the report." in document
    assert "Key issues" in document  # page 2


def test_the_draft_minutes_list_each_item_with_its_minute() -> None:
    data = content.minutes_file(
        "Health and Well-Being Partnership Board",
        dt.date(2025, 9, 25),
        [(1, "Apologies for absence", "There were no apologies."), (2, "Winter plan", "The Board noted the report.")],
        author="Matt Bramall",
    )

    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Draft minutes of the meeting held on 25 September 2025"
    text = reader.pages[0].extract_text()
    assert "2. Winter plan" in text and "The Board noted the report." in text
