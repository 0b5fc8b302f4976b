"""Checks on uploaded papers: the type is read from the content, not the name."""

from __future__ import annotations

import hashlib
import zipfile
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
        extension = _office_type(upload)
    if extension not in ALLOWED_TYPES:
        raise ValidationError("The selected file must be a PDF, DOCX, ODT or XLSX document")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(extension, ALLOWED_TYPES[extension], size, digest.hexdigest())


def _office_type(upload: UploadedFile) -> str | None:
    """docx, xlsx or odt from the parts of a zip package; None if it is none of them."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if "mimetype" in names and package.read("mimetype").strip() == ALLOWED_TYPES["odt"].encode():
                return "odt"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    return None
