"""The public decisions register and decision pages (SPEC §5, §6)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from governance.pagination import paginate
from partnerships.models import Partnership

from .. import access, queries
from ..models import Proposal, Route

PAGE_SIZE = 20


def _year(value: str | None) -> int | None:
    """A year to filter by, or None: anything else (a word, year 99999) is ignored,
    never a 500 from a date out of range."""
    if not value or not value.isdigit() or len(value) != 4:
        return None
    year = int(value)
    return year if 1900 <= year <= 9000 else None


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    """The public decisions register (SPEC §5): proposals agreed or not agreed, with the
    route, the date, the meeting that decided and its minutes. Filter by partnership,
    route and year; 20 a page, in a fixed number of queries."""
    partnership_slug = request.GET.get("partnership", "")
    route = request.GET.get("route", "")
    year = _year(request.GET.get("year"))
    proposals = queries.register_proposals()
    years, partnerships = queries.register_filters(proposals)
    page, page_links = paginate(
        request,
        queries.register_filtered(proposals, partnership_slug=partnership_slug, route=route, year=year),
        per_page=PAGE_SIZE,
        anchor="decisions",
    )
    context = {
        "rows": queries.register_rows(page),
        "page": page,
        "pagination": page_links,
        "partnerships": partnerships,
        "routes": Route.choices,
        "years": years,
        "filters": {"partnership": partnership_slug, "route": route if route in Route.values else "", "year": year},
        "filtered": bool(partnership_slug or route or year),
    }
    return render(request, "decisions/register.html", context)


@require_safe
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision's full route: rounds, positions by organisation with their history,
    advisory views, the rules applied and ratifications. 404 unless the agenda item is
    public (SPEC §6)."""
    proposal = queries.proposal_for_page(Proposal.objects.public(), pk)
    if proposal is None:
        raise Http404("No published decision here.")
    context = queries.proposal_context(proposal, public=True)
    context["can_manage"] = access.can_run_decisions(request.user, proposal.board.partnership)
    return render(request, "decisions/decision.html", context)


@require_safe
def forward_plan(request: HttpRequest) -> HttpResponse:
    """Decisions expected at future meetings and whose ratification each needs (SPEC §6);
    filter by partnership."""
    partnership_slug = request.GET.get("partnership", "")
    partnerships = list(Partnership.objects.filter(boards__isnull=False).distinct().order_by("name"))
    chosen = next((p for p in partnerships if p.slug == partnership_slug), None)
    context = {
        "rows": queries.forward_plan(timezone.now(), partnership=chosen),
        "partnerships": partnerships,
        "chosen": chosen,
        "unknown_partnership": bool(partnership_slug) and chosen is None,
    }
    return render(request, "decisions/forward_plan.html", context)
