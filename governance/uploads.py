"""Checks on uploaded papers: the type is read from the content, not the name."""

from __future__ import annotations

import hashlib
import lzma
import struct
import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

# SPEC §4: PDF, DOCX, ODT and XLSX.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

NOT_A_PAPER = "The selected file must be a PDF, DOCX, ODT or XLSX document"

# Limits on a zip package (DOCX, ODT, XLSX), checked from its directory before any part
# is unpacked. Real papers sit far inside them: a long report with pictures has a few
# hundred parts and unpacks to tens of megabytes; a zip bomb (a small file that unpacks
# to gigabytes) or a zip of tiny entries meant to exhaust memory does not.
MAX_PARTS = 5_000  # entries in the package; a workbook has a few per sheet, a report one per picture
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024  # the zip's central directory, read to count the parts
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts together, as the directory declares them
MAX_RATIO = 100  # unpacked size / packed size of any one part (Apache POI's default) ...
RATIO_GRACE_BYTES = 100 * 1024  # ... once the part unpacks to more than this (so does POI)
MIMETYPE_READ_BYTES = 128  # an ODF mimetype part is 39 bytes: never more is unpacked
# What OOXML (ISO/IEC 29500-2) and ODF allow: stored or deflated. Anything else is refused.
READABLE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_ENCRYPTED = 0x01 | 0x40  # general purpose flags: encrypted, strongly encrypted
_PATCHED = 0x20  # compressed patched data (PKWARE): zipfile cannot read it
# What reading a hostile or damaged package can raise, from the directory or a part.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    struct.error,
    ValueError,
    OSError,
    KeyError,
)

PASSWORD_PROTECTED = "The selected file is password protected – remove the password and upload it again"
UNREADABLE_COMPRESSION = (
    "The selected file is compressed in a way that cannot be read – "
    "save it again from the program that made it and upload the new copy"
)
TOO_MANY_PARTS = f"The selected file has more than {MAX_PARTS:,} parts, which a real document does not"
TOO_COMPRESSED = f"The selected file unpacks to more than {MAX_RATIO} times its size, which a real document does not"
DAMAGED = "The selected file is damaged or is not a real {kind} document"
TOO_LARGE_UNPACKED = f"The selected file must be smaller than {filesizeformat(MAX_UNPACKED_BYTES)} when unpacked"


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Refuse empty, oversized or unrecognised files with a message the officer can act on."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError("The selected file is empty")
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError(f"The selected file must be smaller than {filesizeformat(limit)}")
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    extension = kind.extension if kind is not None else None
    if extension == "zip" or extension in ("docx", "xlsx", "odt"):
        # DOCX, XLSX and ODT are zip packages: look at what they contain, not only
        # the first few kilobytes (a thumbnail can come before the document part).
        extension = _office_type(upload, claimed=None if extension == "zip" else extension)
    if extension not in ALLOWED_TYPES:
        raise ValidationError(NOT_A_PAPER)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(extension, ALLOWED_TYPES[extension], size, digest.hexdigest())


def _office_type(upload: UploadedFile, claimed: str | None) -> str | None:
    """docx, xlsx or odt from the parts of a zip package; None if it is none of them.

    Only the package's directory is read, and at most MIMETYPE_READ_BYTES of one part:
    nothing is unpacked whole. A package that cannot be read safely is refused; ``claimed``
    is the type its first bytes suggest (None for a plain zip), named if it is damaged."""

    def damaged(kind: str | None) -> ValidationError:
        return ValidationError(DAMAGED.format(kind=kind.upper()) if kind else NOT_A_PAPER)

    try:
        _count_parts(upload, damaged(claimed))
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            parts = package.infolist()
            _check_parts(parts)
            names = {part.filename for part in parts}
            if "mimetype" in names:
                # An OpenDocument package: unreadable from here on, it is a damaged one.
                claimed = claimed or "odt"
                with package.open("mimetype") as part:
                    if part.read(MIMETYPE_READ_BYTES).strip() == ALLOWED_TYPES["odt"].encode():
                        return "odt"
    except _UNREADABLE as error:
        raise damaged(claimed) from error
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    return None


_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END_SIGNATURE = b"PK\x05\x06"
_LOCATOR = struct.Struct("<4sLQL")  # zip64 end of central directory locator
_LOCATOR_SIGNATURE = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")  # zip64 end of central directory record
_END64_SIGNATURE = b"PK\x06\x06"
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")  # central directory entry, before its name
_ENTRY_SIGNATURE = b"PK\x01\x02"


def _count_parts(upload: UploadedFile, damaged: ValidationError) -> None:
    """Refuse a package with too many parts before zipfile builds an object for each.

    The count is walked from the central directory itself, not taken from the end record
    (zipfile reads the whole directory whatever that says). Found as zipfile finds it:
    the end record in the last 64 KiB, the directory just before it. Reads at most
    64 KiB and MAX_DIRECTORY_BYTES."""
    size = upload.size or 0
    tail_start = max(0, size - _END.size - 0xFFFF)
    upload.seek(tail_start)
    tail = upload.read(size - tail_start)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or at + _END.size > len(tail):
        raise damaged
    *_, directory_bytes, _offset, _comment = _END.unpack_from(tail, at)
    end = tail_start + at
    if at >= _LOCATOR.size + _END64.size and tail[at - _LOCATOR.size :].startswith(_LOCATOR_SIGNATURE):
        record = _END64.unpack_from(tail, at - _LOCATOR.size - _END64.size)
        if record[0] == _END64_SIGNATURE:
            directory_bytes, end = record[-2], end - _LOCATOR.size - _END64.size
    if directory_bytes > end:
        raise damaged
    if directory_bytes > MAX_DIRECTORY_BYTES:
        raise ValidationError(TOO_MANY_PARTS)
    upload.seek(end - directory_bytes)
    directory = upload.read(directory_bytes)
    count = position = 0
    while position < len(directory):
        if position + _ENTRY.size > len(directory) or directory[position : position + 4] != _ENTRY_SIGNATURE:
            raise damaged
        *_, name, extra, comment, _disk, _internal, _external, _local = _ENTRY.unpack_from(directory, position)
        position += _ENTRY.size + name + extra + comment
        count += 1
        if count > MAX_PARTS:
            raise ValidationError(TOO_MANY_PARTS)


def _check_parts(parts: list[zipfile.ZipInfo]) -> None:
    """Refuse encrypted parts, compression zipfile or Office cannot read, and bombs:
    from what the directory declares, before anything is unpacked. zipfile never unpacks
    a part beyond its declared size, so the declared sizes bound what a reader gets."""
    if len(parts) > MAX_PARTS:
        raise ValidationError(TOO_MANY_PARTS)
    if any(part.flag_bits & _ENCRYPTED for part in parts):
        raise ValidationError(PASSWORD_PROTECTED)
    if any(part.compress_type not in READABLE_COMPRESSION or part.flag_bits & _PATCHED for part in parts):
        raise ValidationError(UNREADABLE_COMPRESSION)
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise ValidationError(TOO_LARGE_UNPACKED)
    if any(part.file_size > RATIO_GRACE_BYTES and part.file_size > MAX_RATIO * part.compress_size for part in parts):
        raise ValidationError(TOO_COMPRESSED)
