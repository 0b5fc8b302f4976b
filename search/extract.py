"""The text inside a paper's file, for the search index (SPEC §6): PDF with pypdf, DOCX
with python-docx, ODT with odfpy, XLSX with openpyxl (read-only), plain text as it is.

``extract_text`` takes the file's bytes and what it is, and returns its text, at most
``max_chars`` of it. A file that cannot be read (malformed, encrypted, a package that
would unpack to far more than it weighs, a type we do not read) raises
``ExtractionError`` with a reason for the officer; nothing else escapes, whatever the
bytes. The task that calls it (search/tasks.py) adds the time limit.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Callable, Generator, Iterable
from typing import Any

from .highlight import strip_sentinels

# An office document is a zip package; one that unpacks to more than this is refused
# (a "zip bomb" would otherwise fill the worker's memory before the time limit).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "text/plain"
EXTENSIONS = {"pdf": PDF, "docx": DOCX, "odt": ODT, "xlsx": XLSX, "txt": TEXT}

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# NUL cannot be stored in a PostgreSQL text column; other control characters are noise.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ExtractionError(Exception):
    """The file's text cannot be read. Not worth trying again: the file will not change."""


def kind_of(name: str, content_type: str) -> str:
    """The content type we read the file as: the stored type (read from the content at
    upload, governance/uploads.py), or failing that the name's extension."""
    if content_type in EXTENSIONS.values():
        return content_type
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return EXTENSIONS.get(extension, content_type)


def clean(text: str, max_chars: int) -> str:
    """One space between words, one blank line between paragraphs, no control
    characters, at most ``max_chars``."""
    text = _CONTROL.sub(" ", strip_sentinels(text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:max_chars]


def extract_text(data: bytes, *, name: str, content_type: str, max_chars: int) -> str:
    """The text of the file, cleaned and at most ``max_chars`` long."""
    kind = kind_of(name, content_type)
    reader = _READERS.get(kind)
    if reader is None:
        raise ExtractionError(f"Files of type {content_type or 'unknown'} are not read for search.")
    if not data:
        raise ExtractionError("The file is empty.")
    try:
        pieces = reader(data)
        try:
            parts = _bounded(pieces, max_chars)
        finally:
            pieces.close()  # a reader stopped early closes what it opened
    except ExtractionError:
        raise
    except (MemoryError, RecursionError) as error:
        raise ExtractionError(f"The file is too complex to read ({type(error).__name__}).") from error
    except Exception as error:  # any library's error on bad bytes: the file is malformed
        raise ExtractionError(f"The file could not be read: {_describe(error)}") from error
    return clean("\n".join(parts), max_chars)


def _describe(error: Exception) -> str:
    message = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _bounded(parts: Iterable[str], max_chars: int) -> list[str]:
    """The parts until about ``max_chars`` were read (a huge file stops early)."""
    kept: list[str] = []
    total = 0
    for part in parts:
        if not part:
            continue
        kept.append(part)
        total += len(part) + 1
        if total >= max_chars:
            break
    return kept


def _check_package(data: bytes) -> None:
    """Refuse a zip package that is not one, or that would unpack to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise ExtractionError(f"The file is not a valid document package: {_describe(error)}") from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExtractionError(f"The file unpacks to {unpacked // (1024 * 1024)} MB, more than search reads.")


# ---------------------------------------------------------------------------
# One reader per type: bytes in, pieces of text out (lazily, so reading stops early).


def _pdf(data: bytes) -> Generator[str, None, None]:
    from pypdf import PdfReader

    # pypdf reports every recoverable flaw of a malformed file as a warning in its log.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            unlocked = reader.decrypt("")
        except Exception as error:
            raise ExtractionError("The PDF is encrypted, so its text cannot be read.") from error
        if not unlocked:
            raise ExtractionError("The PDF is protected by a password, so its text cannot be read.")
    for page in reader.pages:
        yield page.extract_text() or ""


def _docx(data: bytes) -> Generator[str, None, None]:
    import docx

    _check_package(data)
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        yield from _table_text(table)
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                yield paragraph.text


def _table_text(table: Any) -> Generator[str, None, None]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if not cells or cells[-1] != cell.text:  # a merged cell repeats its text
                cells.append(cell.text)
        yield " | ".join(cell for cell in cells if cell)


def _odt(data: bytes) -> Generator[str, None, None]:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    _check_package(data)
    document = load(io.BytesIO(data))
    # Headings and paragraphs in document order (a walk with a stack: no recursion limit).
    stack: list[Any] = [document.text]
    while stack:
        node = stack.pop()
        if getattr(node, "qname", None) in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield teletype.extractText(node)
            continue
        stack.extend(reversed(getattr(node, "childNodes", [])))


def _xlsx(data: bytes) -> Generator[str, None, None]:
    import openpyxl

    _check_package(data)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                values = [str(value) for value in row if value is not None and str(value).strip()]
                if values:
                    yield " ".join(values)
    finally:
        workbook.close()


def _text(data: bytes) -> Generator[str, None, None]:
    yield data.decode("utf-8", errors="replace")


_READERS: dict[str, Callable[[bytes], Generator[str, None, None]]] = {
    PDF: _pdf,
    DOCX: _docx,
    ODT: _odt,
    XLSX: _xlsx,
    TEXT: _text,
}
