"""Uploaded documents as the portal serves them (SPEC §8: uploads served safely): papers,
delegation evidence and memoranda alike.

Files are read through the storage API only (``storage.open``, ``storage.size``), never
by a path on disk, so the same views serve from local disk and from S3-compatible object
storage (settings: "Static files and uploads")."""

from __future__ import annotations

from typing import IO, Any

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.http import content_disposition_header

# What reading or writing a stored file raises when the storage is away or refuses, as
# opposed to a bad file: OSError for a disk; for object storage, botocore's connection
# errors and the service's error answers (a missing object is FileNotFoundError).
STORAGE_AWAY: tuple[type[Exception], ...] = (OSError, BotoCoreError, ClientError)
STORE_FAILED = (
    "The file could not be stored: the document store is not answering. Nothing has been saved; "
    "try again in a few minutes."
)


class StorageUnavailable(Exception):
    """The storage did not answer (not a missing file): governance.middleware answers
    503 with a page that says so."""


def open_stored(storage: Storage, name: str, *, what: str = "document") -> IO[bytes]:
    """A stored file opened for reading: 404 when it is missing, StorageUnavailable
    when the storage is away (a disk error, object storage not answering)."""
    try:
        return storage.open(name, "rb")
    except (FileNotFoundError, ValueError, SuspiciousFileOperation) as error:
        raise Http404(f"The file of this {what} is missing.") from error
    except STORAGE_AWAY as error:
        raise StorageUnavailable(f"The file of this {what} cannot be read at the moment.") from error


def save_stored(field_file: FieldFile, name: str, content: File[Any], *, field: str = "file") -> None:
    """Store an upload under its fresh name; a storage that is away is the form's error
    for the field (the action's transaction then saves nothing), not a 500."""
    try:
        field_file.save(name, content, save=False)
    except STORAGE_AWAY as error:
        raise ValidationError({field: STORE_FAILED}) from error


def document_response(
    handle: IO[bytes], *, filename: str, content_type: str, etag: str, public: bool = True
) -> FileResponse:
    """An attachment typed from its checked content, never sniffed, run and loaded in
    nothing (a sandbox), and revalidated every time: a document withdrawn from the public
    must vanish at once, not linger in a shared cache. ``etag`` names the content."""
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-cache" if public else "private, no-cache"
    response["ETag"] = f'"{etag}"'
    if not public:
        response["Vary"] = "Cookie"
    return response


def signed_download(stored: FieldFile, *, filename: str, content_type: str) -> HttpResponseRedirect | None:
    """With S3_SIGNED_DOWNLOADS, a redirect to a presigned URL of the stored object,
    valid for S3_SIGNED_URL_SECONDS; None otherwise, and the view streams the file.
    Call it only after the view's access checks: the URL is the permission. The object
    storage answers with the same attachment name and checked type as the portal."""
    if not settings.S3_SIGNED_DOWNLOADS:
        return None
    from storages.backends.s3 import S3Storage  # boto3 is slow to import: only when used

    storage = stored.storage
    if not isinstance(storage, S3Storage):
        return None
    url = storage.url(
        stored.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        },
        expire=settings.S3_SIGNED_URL_SECONDS,
    )
    response = HttpResponseRedirect(url)
    # The address carries a credential: never cached, and never kept past its viewer.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
