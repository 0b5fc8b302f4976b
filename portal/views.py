"""The public portal's own pages (SPEC §6): anyone may read them."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from api import throttling
from governance.site import site_url
from partnerships import queries as partnership_queries
from partnerships.views.public import evidence_link

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
    context.update(queries.person_record(context["person"], context["seats"]))
    context["today"] = timezone.localdate()
    context["evidence_links"] = [(d, evidence_link(d, d.board)) for d in context["delegations"]]
    return render(request, "partnerships/person.html", context)


@require_safe
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner organisation's seats across all boards, attendance and positions."""
    return render(request, "portal/organisation.html", queries.organisation_page(pk))


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    """What the portal publishes as open data, its licence, the API, the CSV downloads
    and the feeds."""
    licence = {"name": settings.API_LICENCE_NAME, "url": settings.API_LICENCE_URL}
    return render(
        request,
        "portal/open_data.html",
        {"licence": licence, "site_url": site_url(request), "api_rate": throttling.rate_text()},
    )


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (GOV.UK's model statement, Public Sector Bodies
    Accessibility Regulations 2018)."""
    return render(request, "portal/accessibility.html")


def _duration(seconds: int) -> str:
    """A period in words, in the largest whole unit: "2 weeks", "3 days", "1 hour"."""
    for unit, size in (("week", 7 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice: what the portal keeps, for how long, and your rights. The
    periods are read from the settings that enforce them."""
    context = {
        "confirm_hours": settings.ALERTS_CONFIRM_MAX_AGE // 3600,  # as the confirmation email says
        "manage_days": settings.ALERTS_MANAGE_MAX_AGE // 86400,
        "rate_window": _duration(settings.ALERTS_RATE_WINDOW),
        "session_period": _duration(settings.SESSION_COOKIE_AGE),
        "session_ends_with_browser": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
        "csrf_period": _duration(settings.CSRF_COOKIE_AGE),
        "lockout_period": _duration(round(settings.AXES_COOLOFF_TIME * 3600)),
        "lockout_failures": settings.AXES_FAILURE_LIMIT,
        "uses_notify": bool(settings.GOVUK_NOTIFY_API_KEY),
        "api_rate_period": throttling.PERIODS.get(str(settings.API_ANON_RATE).partition("/")[2], "minute"),
    }
    return render(request, "portal/privacy.html", context)
