"""Middleware of the project: Django's empty 405 becomes a page that says what to do."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


class MethodNotAllowedPageMiddleware:
    """A GET (or any other wrong method) on an address that only takes a form's POST
    (publishing an agenda, signing out, marking an action done) gets Django's
    HttpResponseNotAllowed with an empty body. Render the GOV.UK error page in its
    place: what happened, that nothing changed, and a link back. The status (405) and
    the Allow header stay. Last in MIDDLEWARE, so the page passes through the other
    middleware (CSP, cookies) like any view's response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or response.content:
            return response
        if not request.accepts("text/html"):
            return response
        page = render(
            request,
            "errors/405.html",
            {"method": request.method, "back": _back(request), "allowed": response.get("Allow", "")},
            status=405,
        )
        page["Allow"] = response["Allow"]
        return page


def _back(request: HttpRequest) -> str:
    """The page the visitor came from when it is on this site ("" otherwise: the page
    then links to the register)."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""
