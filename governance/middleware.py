"""Middleware of the project: Django's empty 405 becomes a page that says what to do; NUL
and control characters in what a request sends are refused or cleaned; only text is
compressed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from .downloads import StorageUnavailable
from .http import accepts_gzip
from .text import NUL, clean_text

logger = logging.getLogger(__name__)

# The methods CsrfViewMiddleware lets through unchecked (RFC 9110 "safe").
CSRF_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# The methods that can carry a form: a page that takes none of them only shows things.
FORM_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# What is worth compressing: text. A PDF, an office document (a zip) or an image is
# compressed already; gzipping each download again costs the server and gains nothing.
COMPRESSIBLE_TYPES = frozenset(
    {
        "application/json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/javascript",
        "application/vnd.oai.openapi+json",
        "image/svg+xml",
    }
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (a body padded at random against BREACH), for pages,
    feeds, calendars, CSV and JSON only, and for clients that accept gzip
    (governance.http.accepts_gzip): files of other types are sent as they are."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not (content_type.startswith("text/") or content_type in COMPRESSIBLE_TYPES):
            return response
        if not accepts_gzip(request):  # "gzip;q=0" refuses it (Django's would compress)
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)


class MethodNotAllowedPageMiddleware:
    """A GET (or any other wrong method) on an address that only takes a form's POST
    (publishing an agenda, signing out, marking an action done) gets Django's
    HttpResponseNotAllowed with an empty body. Render the GOV.UK error page in its
    place: what happened, that nothing changed, and a link back. The status (405) and
    the Allow header stay. Last in MIDDLEWARE, so the page passes through the other
    middleware (CSP, cookies) like any view's response.

    A POST (or PUT, PATCH, DELETE) to a page that only answers GET and HEAD (the home
    page, search) is answered 405 here, before the view middleware runs: otherwise
    CsrfViewMiddleware refuses it first with a 403 "CSRF verification failed", which
    says the wrong thing (hostile review F8). This changes nothing for a view that
    accepts the method: it is not answered here, so CSRF checks it as before. Only a
    view whose accepted methods its code states (Django's require_http_methods,
    require_safe, require_GET, require_POST, or a class-based view's handlers) is
    answered early; any other goes through as before."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = _refused_before_csrf(request) or self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or response.content:
            return response
        if not request.accepts("text/html"):
            return response
        allowed = response.get("Allow", "")
        if FORM_METHODS.isdisjoint(method.strip() for method in allowed.split(",")):
            # A page that only shows things: the "only works from a button" page would mislead.
            reason = (
                "This page only shows information: it does not take a form. Open it from a link or "
                "type its address. Nothing has been sent or changed."
            )
            page = render(request, "errors/400.html", {"reason": reason}, status=405)
        else:
            context = {"method": request.method, "back": _back(request), "allowed": allowed}
            page = render(request, "errors/405.html", context, status=405)
        page["Allow"] = response["Allow"]
        return page


def _refused_before_csrf(request: HttpRequest) -> HttpResponseNotAllowed | None:
    """The 405 of a view that would refuse this method anyway, when CSRF would otherwise
    check the request first (an unsafe method, a view that is not csrf_exempt)."""
    if request.method in CSRF_SAFE_METHODS:
        return None
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return None
    if getattr(match.func, "csrf_exempt", False):
        return None  # CSRF does not stand in the way: the view answers for itself
    allowed = allowed_methods(match.func)
    if allowed is None or request.method in allowed:
        return None
    return HttpResponseNotAllowed(allowed)


def allowed_methods(view: Callable[..., Any]) -> list[str] | None:
    """The methods a view accepts, as its code states them; None when it does not say.

    Each of its decorators is looked at, outermost first (functools.wraps links each to
    the one it wraps by __wrapped__): the list given to Django's require_http_methods
    (require_safe, require_GET and require_POST are made with it), and, at the bottom, a
    class-based view's handlers (HEAD with GET, as View.setup does). A method must pass
    every one of them."""
    stated: list[list[str]] = []
    func: Any = view
    for _ in range(20):  # decorators are few; never loop on a cycle
        code: Any = getattr(func, "__code__", None)
        qualname = str(getattr(code, "co_qualname", ""))
        if qualname.startswith("require_http_methods.") and func.__closure__:
            cells = dict(zip(code.co_freevars, func.__closure__, strict=True))
            if "request_method_list" in cells:
                stated.append([str(method) for method in cells["request_method_list"].cell_contents])
        elif qualname == "View.as_view.<locals>.view":
            view_class = func.view_class
            names = view_class.http_method_names
            stated.append(
                [
                    name.upper()
                    for name in names
                    if hasattr(view_class, name) or (name == "head" and hasattr(view_class, "get"))
                ]
            )
            break
        func = getattr(func, "__wrapped__", None)
        if func is None:
            break
    if not stated:
        return None
    allowed = stated[0]
    for methods in stated[1:]:
        allowed = [method for method in allowed if method in methods]
    return allowed


def _back(request: HttpRequest) -> str:
    """The page the visitor came from when it is on this site ("" otherwise: the page
    then links to the register)."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


# Bodies that Django parses into request.POST: the only ones cleaned here.
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NUL_IN_ADDRESS = (
    "The address holds a NUL character (%00), which no page of this site takes. Check the link, or type the "
    "address again."
)
NUL_IN_FORM = (
    "The form held a NUL character, which cannot be stored. Nothing has been saved: go back, type the text "
    "again rather than pasting it, and send the form again."
)


class RequestTextMiddleware:
    """Every query parameter and form field is checked before a view reads it (SPEC §8):
    NUL anywhere (address, parameter names or values, form fields) is a 400 that says
    why; other control characters are cleaned out of parameters and fields by
    governance.text.clean_text (Word's line breaks become line ends), so that nothing a
    person pastes can reach a feed, a spreadsheet or the database as a 500. Early in
    MIDDLEWARE: after the session and common middleware, before CSRF and the views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or _has_nul(request.GET):
            return render(request, "errors/400.html", {"reason": NUL_IN_ADDRESS}, status=400)
        request.GET = _cleaned(request.GET)  # type: ignore[assignment]  # immutable, as Django's
        if request.method not in CSRF_SAFE_METHODS and request.content_type in FORM_CONTENT_TYPES:
            if _has_nul(request.POST):
                return render(request, "errors/400.html", {"reason": NUL_IN_FORM}, status=400)
            request.POST = _cleaned(request.POST)  # type: ignore[assignment]
        return self.get_response(request)


def _has_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


def _cleaned(data: QueryDict) -> QueryDict:
    """``data`` itself when nothing needs cleaning (the common case), else a cleaned copy
    (immutable, like the original)."""
    if all(clean_text(key) == key and all(clean_text(v) == v for v in values) for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    cleaned._mutable = False
    return cleaned


class StorageUnavailableMiddleware:
    """A download whose storage is not answering (governance/downloads.py
    StorageUnavailable: a disk error, object storage down) gets a 503 page that says
    so and to try again, not the 500 page: the file is not missing, and nothing is lost."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, StorageUnavailable):
            return None
        logger.warning("Storage unavailable for %s: %s", request.path, exception.__cause__ or exception)
        reason = f"{exception} Try again in a few minutes."
        response = render(request, "errors/503.html", {"reason": reason}, status=503)
        response["Retry-After"] = "60"
        return response
