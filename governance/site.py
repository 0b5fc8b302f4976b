"""The portal's absolute address, for links that leave the page: emails, feeds, PDFs."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest | None = None) -> str:
    """``SITE_URL`` when it is set; otherwise the address this request was made to; with
    no request either, ``DEFAULT_SITE_URL`` (make run sets SITE_URL from its PORT). No
    trailing slash."""
    if settings.SITE_URL:
        return str(settings.SITE_URL).rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return str(settings.DEFAULT_SITE_URL).rstrip("/")
