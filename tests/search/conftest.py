"""Fixtures for the search tests: real documents made in the test (a PDF rendered by
WeasyPrint, a DOCX by python-docx, an ODT by odfpy, an XLSX by openpyxl), papers
uploaded with them, and the index built from what is stored.

- ``media``: MEDIA_ROOT in a temporary folder;
- ``pdf_of(*paragraphs)``, ``docx_of``, ``odt_of``, ``xlsx_of(*rows)``: the bytes of a file;
- ``upload(paper, data, kind)``: a new version of ``paper`` holding ``data`` (kind is
  "pdf", "docx", "odt" or "xlsx"), published with its paper unless ``published=False``;
- ``indexed()``: index everything stored (search/actions.py index_rebuild), as the
  tasks would have done after each save.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import cache

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from governance.uploads import ALLOWED_TYPES
from meetings.models import Paper, PaperVersion
from search.actions import IndexSummary, index_rebuild


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@cache
def _pdf(paragraphs: tuple[str, ...]) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return HTML(string=f"<html><body>{html}</body></html>").write_pdf()


def pdf_of(*paragraphs: str) -> bytes:
    return _pdf(paragraphs)


def docx_of(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_of(*paragraphs: str, heading: str = "") -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    if heading:
        document.text.addElement(H(outlinelevel=1, text=heading))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def xlsx_of(*rows: list[object], title: str = "Budget") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(
    paper: Paper, data: bytes, kind: str = "pdf", *, published: bool | None = None, name: str | None = None
) -> PaperVersion:
    number = paper.versions.count() + 1
    stored = default_storage.save(f"papers/test/paper-{paper.pk}-v{number}.{kind}", ContentFile(data))
    if published is None:
        published = paper.published_at is not None
    return PaperVersion.objects.create(
        paper=paper,
        number=number,
        file=stored,
        original_name=name or f"{paper.title}.{kind}",
        content_type=ALLOWED_TYPES.get(kind, "application/octet-stream"),
        size=len(data),
        sha256="0" * 64,
        published_at=(paper.published_at or timezone.now() - dt.timedelta(days=10)) if published else None,
    )


@pytest.fixture
def indexed(db) -> Callable[[], IndexSummary]:
    return index_rebuild
