"""The public portal's own pages (SPEC §6): anyone may read them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import queries


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What is coming up and what was last published, and when each board last published."""
    return render(request, "portal/home.html", queries.home_page(timezone.now()))
