"""The member's pages (SPEC §5): the rounds awaiting a position, and recording one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from governance.forms import apply_action
from governance.http import AuthenticatedHttpRequest
from governance.pagecache import private_page

from .. import access, actions, queries
from ..forms import PositionForm
from ..models import PositionValue


@private_page
@login_required
@require_safe
def awaiting(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open rounds on boards where the user holds a seat, is a designated deputy or
    holds a delegation, with the position recorded for each seat so far."""
    person = access.person_of(request.user)
    rows = queries.awaiting_rows(person) if person is not None else []
    return render(request, "decisions/awaiting.html", {"person": person, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def position(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    """Record the organisation's position in a round: consent, object or abstain (SPEC §5)."""
    round, seats = access.get_round_for_member(request.user, round_id)
    form = PositionForm(request.POST if request.method == "POST" else None, seats=seats)
    if form.is_bound and form.is_valid():
        seat, value = form.seat(), form.cleaned_data["value"]
        recorded = apply_action(
            form,
            actions.position_record,
            round,
            seat,
            value=value,
            comment=form.cleaned_data["comment"],
            by=request.user,
            now=timezone.now(),
        )
        if recorded:
            messages.success(
                request,
                f"{PositionValue(value).label} is recorded for {seat.organisation.name} on '{round.proposal.title}' (round {round.number}).",
            )
            return redirect("decisions:awaiting")
    proposal = round.proposal
    context = {
        "form": form,
        "round": round,
        "proposal": proposal,
        "meeting": round.meeting,
        "seats": seats,
        "round_view": queries.position_round_view(proposal, round),
        "advisory_only": all(not seat.voting for seat, _ in seats),
        "back": reverse("decisions:awaiting"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/position.html", context, status=status)
