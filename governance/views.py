"""The error pages (400, 403, 404, 500): GOV.UK styled, with the reason where it is
written for the reader."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Django's own messages here (a bad Host header, say) describe the server, not the
    # request as the visitor sees it: the page explains in general terms.
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", {"reason": _reason(exception)}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Our own Http404 messages are written for the reader ("The agenda pack is being
    # prepared"); the resolver's and get_object_or_404's describe the code, not the page.
    reason = ""
    if type(exception) is Http404 and not str(exception).endswith("matches the given query."):
        reason = _reason(exception)
    return render(request, "errors/404.html", {"reason": reason}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def _reason(exception: Exception | None) -> str:
    return str(exception) if exception is not None and str(exception) else ""


# ---------------------------------------------------------------------------
# Baselines for the load benchmark (scripts/benchmark_load.py): mounted only when
# BENCHMARK_VIEWS is set (governance/urls.py), never in normal production.


def benchmark_ok(request: HttpRequest) -> HttpResponse:
    """The least a request can cost: the middleware and a constant body, no query."""
    return HttpResponse("ok", content_type="text/plain")


BENCHMARK_TEMPLATE = (
    '{% extends "base.html" %}{% block page_title %}Baseline{% endblock %}'
    '{% block content %}<p class="govuk-body">ok</p>{% endblock %}'
)
_benchmark_compiled: Any = None


def benchmark_template(request: HttpRequest) -> HttpResponse:
    """The page layout (base.html, the navigation) around nothing: what every page pays
    for its chrome, with no query of its own."""
    global _benchmark_compiled
    if _benchmark_compiled is None:  # compiled once, as the cached template loader keeps the pages'
        from django.template import engines

        _benchmark_compiled = engines["django"].from_string(BENCHMARK_TEMPLATE)
    return HttpResponse(_benchmark_compiled.render({}, request))
