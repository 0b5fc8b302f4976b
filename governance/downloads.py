"""Uploaded documents as the portal serves them (SPEC §8: uploads served safely): papers,
delegation evidence and memoranda alike."""

from __future__ import annotations

from typing import IO

from django.http import FileResponse


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
