"""The public portal's own pages (SPEC §6): anyone may read them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from partnerships import queries as partnership_queries

from . import queries


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What is coming up and what was last published, and when each board last published."""
    return render(request, "portal/home.html", queries.home_page(timezone.now()))


@require_safe
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's seats over time with their deputies, the seats they deputised for, and
    their record in the published minutes and decisions."""
    context = partnership_queries.person_page(pk)
    context.update(queries.person_record(context["person"]))
    context["today"] = timezone.localdate()
    return render(request, "partnerships/person.html", context)


@require_safe
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner organisation's seats across all boards, attendance and positions."""
    return render(request, "portal/organisation.html", queries.organisation_page(pk))
