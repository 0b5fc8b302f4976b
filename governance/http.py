"""Typed requests: a view behind ``login_required`` takes an ``AuthenticatedHttpRequest``,
so ``request.user`` is an ``accounts.User`` to the type checker, not ``User | AnonymousUser``;
and what a request's headers accept."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.gzip import re_accepts_gzip

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def accepts_gzip(request: HttpRequest) -> bool:
    """Whether the client is sent gzip bodies (governance.middleware TextGZipMiddleware,
    and the page cache's and the API's kept compressed copies): Django's test, that the
    Accept-Encoding header names gzip, and not with a quality of 0 (RFC 9110), which
    refuses it: Django's test alone read "gzip;q=0" as asking for it."""
    header = request.headers.get("Accept-Encoding", "")
    if not re_accepts_gzip.search(header):
        return False
    for part in header.split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() not in ("gzip", "x-gzip"):
            continue
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False  # only a longer coding's name holds the word ("foo-gzip")
