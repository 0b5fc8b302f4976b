"""Checks on uploaded papers: the type is read from the content, not the name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

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
        raise ValidationError(f"The selected file must be smaller than {limit // (1024 * 1024)} MB")
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in ALLOWED_TYPES:
        # DOCX, XLSX and ODT are zip files: filetype looks inside for their markers.
        upload.seek(0)
        kind = filetype.guess(upload.read())
    if kind is None or kind.extension not in ALLOWED_TYPES:
        raise ValidationError("The selected file must be a PDF, DOCX, ODT or XLSX document")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(kind.extension, ALLOWED_TYPES[kind.extension], size, digest.hexdigest())
