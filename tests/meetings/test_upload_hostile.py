"""Hostile and damaged zip packages (issue 11 item 3): an encrypted part, compression
nobody can read, a zip bomb, a truncated or corrupt package, 100,000 parts. Each is
refused with a sentence saying what is wrong, after reading only the package's directory
and a few bytes of one part: never a 500, never the whole bomb unpacked."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.uploads import (
    DAMAGED,
    NOT_A_PAPER,
    PASSWORD_PROTECTED,
    TOO_COMPRESSED,
    TOO_LARGE_UNPACKED,
    TOO_MANY_PARTS,
    UNREADABLE_COMPRESSION,
    check_upload,
)
from meetings import actions
from meetings.models import Meeting, Purpose
from tests.pages import error_summary

ODT_TYPE = b"application/vnd.oasis.opendocument.text"
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
MiB = 1024 * 1024


# ---------------------------------------------------------------------------
# Building packages, honest and otherwise


def part(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A package part with a fixed date, so that a file built twice is the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = compression
    return info


def docx(compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        package.writestr(part("[Content_Types].xml", compression), CONTENT_TYPES)
        package.writestr(part("word/document.xml", compression), "<w:document/>" * 50)
    return buffer.getvalue()


def odt(mimetype_compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(part("mimetype", mimetype_compression), ODT_TYPE)
        package.writestr(part("content.xml"), "<office:document-content/>")
    return buffer.getvalue()


def patch_headers(data: bytes, *, flags: int = 0, method: int | None = None) -> bytes:
    """Set general purpose ``flags`` and the compression ``method`` in every local and
    central header, as a hostile writer would."""
    out = bytearray(data)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = out.find(signature)
        while at >= 0:
            (old,) = struct.unpack_from("<H", out, at + flag_at)
            struct.pack_into("<H", out, at + flag_at, old | flags)
            if method is not None:
                struct.pack_into("<H", out, at + method_at, method)
            at = out.find(signature, at + 4)
    return bytes(out)


def raw_zip(members: list[tuple[bytes, int, int, int, int, bytes]], *, entries: int | None = None) -> bytes:
    """A zip written by hand: (name, method, crc, packed size, declared unpacked size, data)
    per member, so that the sizes can lie and 100,000 members take no time."""
    body, directory = [], []
    offset = 0
    for name, method, crc, packed, unpacked, data in members:
        # flags 0, method, time 0, date 1980-01-01, crc, sizes, name length, then no extra field
        common = (0, method, 0, 0x21, crc, packed, unpacked, len(name), 0)
        local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *common)
        # ... no comment, disk 0, no attributes, where the local header is
        central = struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, *common, 0, 0, 0, 0, offset)
        directory.append(central + name)
        body += [local, name, data]
        offset += len(local) + len(name) + len(data)
    whole = b"".join(directory)
    count = min(len(members) if entries is None else entries, 0xFFFF)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(whole), offset, 0)
    return b"".join(body) + whole + end


def zeros_deflated(mebibytes: int) -> tuple[bytes, int]:
    """``mebibytes`` MiB of zeros as a raw deflate stream and its CRC, built without
    compressing them all: after a full flush each further MiB deflates to the same bytes."""
    chunk = bytes(MiB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = first + again * (mebibytes - 1) + compressor.flush()
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


@pytest.fixture(scope="module")
def bomb_stream() -> tuple[bytes, int]:
    return zeros_deflated(512)


def bomb_odt(bomb_stream, *, declared: int = 512 * MiB) -> bytes:
    """0.5 MB: an ODT whose mimetype part inflates to 512 MiB (or says it is ``declared``)."""
    stream, crc = bomb_stream
    return raw_zip([(b"mimetype", zipfile.ZIP_DEFLATED, crc, len(stream), declared, stream)])


def upload(content: bytes, name: str = "paper.odt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(content: bytes, name: str = "paper.odt") -> str:
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(content, name))
    (message,) = refused.value.messages
    return message


def bounded(content: bytes) -> tuple[str, float, int]:
    """The refusal, the seconds and the peak bytes allocated while checking ``content``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refusal(content)
    finally:
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return message, seconds, peak


# ---------------------------------------------------------------------------
# Honest packages still pass


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (docx(), "docx"),
        (docx(zipfile.ZIP_STORED), "docx"),
        (odt(), "odt"),
        (odt(zipfile.ZIP_DEFLATED), "odt"),  # filetype sees a plain zip; the mimetype part says ODT
    ],
)
def test_real_packages_are_accepted(content, extension):
    assert check_upload(upload(content, f"paper.{extension}")).extension == extension


def test_an_honest_large_part_that_compresses_well_but_not_absurdly_is_accepted():
    text = b"".join(b"<w:p><w:r><w:t>Paragraph %d of the budget report.</w:t></w:r></w:p>" % i for i in range(40_000))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("word/document.xml", text)
    assert check_upload(upload(buffer.getvalue(), "long.docx")).extension == "docx"


# ---------------------------------------------------------------------------
# Encryption and compression


@pytest.mark.parametrize("flag", [0x01, 0x40], ids=["encrypted", "strongly-encrypted"])
@pytest.mark.parametrize("make", [docx, odt, lambda: odt(zipfile.ZIP_DEFLATED)], ids=["docx", "odt", "odt-deflated"])
def test_an_encrypted_part_is_refused_as_password_protected(make, flag):
    assert refusal(patch_headers(make(), flags=flag)) == PASSWORD_PROTECTED


@pytest.mark.parametrize(
    "content",
    [
        docx(zipfile.ZIP_LZMA),
        docx(zipfile.ZIP_BZIP2),
        patch_headers(docx(), method=99),
        patch_headers(odt(zipfile.ZIP_DEFLATED), method=99),
        patch_headers(odt(), flags=0x20),  # "compressed patched data"
    ],
    ids=["lzma", "bzip2", "docx-method-99", "odt-method-99", "patched-data"],
)
def test_compression_office_does_not_write_is_refused(content):
    assert refusal(content) == UNREADABLE_COMPRESSION


# ---------------------------------------------------------------------------
# Bombs


def test_a_zip_bomb_is_refused_from_its_directory_without_unpacking_it(bomb_stream):
    content = bomb_odt(bomb_stream)
    assert len(content) < 600 * 1024
    message, seconds, peak = bounded(content)
    assert message == TOO_LARGE_UNPACKED
    assert peak < 20 * MiB and seconds < 2


def test_a_bomb_that_lies_about_its_size_is_read_no_further_than_a_few_bytes(bomb_stream):
    message, seconds, peak = bounded(bomb_odt(bomb_stream, declared=40))
    assert message == DAMAGED.format(kind="ODT")  # its first 40 bytes fail the CRC of the whole
    assert peak < 20 * MiB and seconds < 2


def test_a_bomb_that_declares_nothing_at_all_is_not_unpacked(bomb_stream):
    message, seconds, peak = bounded(bomb_odt(bomb_stream, declared=0))
    assert message == DAMAGED.format(kind="ODT")
    assert peak < 20 * MiB and seconds < 2


def test_a_part_compressed_more_than_any_document_is_refused():
    stream, crc = zeros_deflated(50)  # 50 MiB: under the total, but a thousand to one
    content = raw_zip(
        [
            (
                b"[Content_Types].xml",
                zipfile.ZIP_STORED,
                zlib.crc32(CONTENT_TYPES),
                len(CONTENT_TYPES),
                len(CONTENT_TYPES),
                CONTENT_TYPES,
            ),
            (b"word/document.xml", zipfile.ZIP_DEFLATED, crc, len(stream), 50 * MiB, stream),
        ]
    )
    assert refusal(content, "paper.docx") == TOO_COMPRESSED


def test_a_hundred_thousand_parts_are_refused_before_zipfile_reads_them():
    members = [(b"%d" % i, zipfile.ZIP_STORED, 0, 0, 0, b"") for i in range(100_000)]
    for entries in (None, 1):  # the end record's count may lie; the directory is counted
        message, seconds, peak = bounded(raw_zip(members, entries=entries))
        assert message == TOO_MANY_PARTS
        assert peak < 20 * MiB and seconds < 2


# ---------------------------------------------------------------------------
# Damaged packages


def corrupt_mimetype() -> bytes:
    garbage = b"\xff" * 30
    return raw_zip([(b"mimetype", zipfile.ZIP_DEFLATED, 0, len(garbage), len(ODT_TYPE), garbage)])


def cut_mimetype() -> bytes:
    stream = zlib.compress(ODT_TYPE)[2:-4][:8]  # deflate data that ends too soon
    return raw_zip([(b"mimetype", zipfile.ZIP_DEFLATED, zlib.crc32(ODT_TYPE), len(stream), len(ODT_TYPE), stream)])


def misnamed_local_header() -> bytes:
    content = odt(zipfile.ZIP_DEFLATED)
    return content.replace(b"mimetype", b"mimetypf", 1)  # the local header only


def mimetype_past_the_end() -> bytes:
    content = bytearray(odt(zipfile.ZIP_DEFLATED))
    central = content.find(b"PK\x01\x02")
    struct.pack_into("<L", content, central + 42, 0x7FFFFFFF)  # its local header is beyond the file
    return bytes(content)


def directory_misplaced() -> bytes:
    content = bytearray(raw_zip([(b"a", zipfile.ZIP_STORED, 0, 0, 0, b"")]))
    (size,) = struct.unpack_from("<L", content, len(content) - 10)
    struct.pack_into("<L", content, len(content) - 10, size + 20)  # starts inside the local header
    return bytes(content)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (docx()[:-40], DAMAGED.format(kind="DOCX")),  # cut off: filetype still sees a DOCX
        (docx()[: len(docx()) // 2], DAMAGED.format(kind="DOCX")),
        (odt()[:-30], DAMAGED.format(kind="ODT")),
        (corrupt_mimetype(), DAMAGED.format(kind="ODT")),
        (cut_mimetype(), DAMAGED.format(kind="ODT")),
        (misnamed_local_header(), DAMAGED.format(kind="ODT")),
        (mimetype_past_the_end(), DAMAGED.format(kind="ODT")),
        (b"PK\x03\x04" + b"\x00" * 100, NOT_A_PAPER),  # a zip of nothing we know
        (patch_headers(raw_zip([(b"\xff\xfe", 0, 0, 0, 0, b"")]), flags=0x800), NOT_A_PAPER),  # a name not UTF-8
        (b"PK\x05\x06" + b"\xff" * 18, NOT_A_PAPER),  # an end record claiming a 4 GB directory
        (directory_misplaced(), NOT_A_PAPER),
    ],
    ids=[
        "docx-truncated",
        "docx-half",
        "odt-truncated",
        "odt-bad-deflate",
        "odt-deflate-ends-early",
        "odt-local-name-differs",
        "odt-local-header-missing",
        "zip-no-directory",
        "bad-utf8-name",
        "huge-directory",
        "directory-entry-cut",
    ],
)
def test_a_damaged_package_is_refused_with_what_is_wrong(content, message):
    assert refusal(content) == message


# ---------------------------------------------------------------------------
# Through the page an officer uses to upload a new version


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def paper(board, officer):
    meeting = Meeting.objects.create(
        board=board,
        start=timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=35), dt.time(10))),
        venue="Hall",
    )
    item = actions.item_add(meeting, title="Budget", purpose=Purpose.DECISION, by=officer)
    first = SimpleUploadedFile("budget.docx", docx())
    return actions.paper_add(item, first, title="Budget report", author_name="Fred Finance", by=officer)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda stream: bomb_odt(stream), TOO_LARGE_UNPACKED),
        (lambda stream: patch_headers(docx(), flags=0x01), PASSWORD_PROTECTED),
        (lambda stream: patch_headers(odt(zipfile.ZIP_DEFLATED), method=99), UNREADABLE_COMPRESSION),
        (lambda stream: odt()[:-30], DAMAGED.format(kind="ODT")),
    ],
    ids=["bomb", "encrypted", "method-99", "truncated"],
)
def test_the_upload_page_refuses_a_hostile_package_and_stores_nothing(
    officer_client, media, paper, bomb_stream, make, message
):
    stored = sorted(media.rglob("*"))
    response = officer_client.post(
        reverse("meetings:manage_paper_upload", args=[paper.item.meeting.pk, paper.pk]),
        {"file": SimpleUploadedFile("budget-v2.odt", make(bomb_stream)), "change_note": "Revised"},
    )
    assert response.status_code == 400
    assert message.replace("\xa0", " ") in error_summary(response)
    assert paper.versions.count() == 1
    assert sorted(media.rglob("*")) == stored
