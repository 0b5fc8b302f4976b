"""Two-factor sign-in enforced (accounts/two_factor.py decides who): a signed-in user
who must still give a code is sent to enter one, or to set up an authenticator app
first, from every page but those steps, signing out and the open data API (which
reads no session). The back office (Django admin) included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from . import two_factor

ALLOWED = {"two-factor-verify", "two-factor-setup", "sign-out"}
ALLOWED_NAMESPACES = {"api"}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.url_name in ALLOWED or set(match.namespaces) & ALLOWED_NAMESPACES:
            return None
        if not two_factor.needs_code(request):
            return None
        step = "two-factor-verify" if two_factor.has_authenticator(request.user) else "two-factor-setup"  # type: ignore[arg-type]
        url = reverse(step)
        if request.method in ("GET", "HEAD"):
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)
