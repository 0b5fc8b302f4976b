"""The officer's pages (SPEC §5): the proposals of the partnerships they service, putting
a proposal from an agenda item, and one page per step of the state machine
(decisions.states), each with one form and one action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import User
from governance.forms import add_action_errors, apply_action
from governance.http import AuthenticatedHttpRequest
from governance.pagecache import private_page
from governance.pagination import paginate
from meetings.access import get_item_for_officer
from partnerships.access import partnerships_for_officer

from .. import access, actions, queries, states
from ..forms import (
    ConfirmForm,
    DeferForm,
    DeterminationForm,
    EscalationResultForm,
    ForthcomingForm,
    NoteForm,
    ProposalForm,
    RatificationForm,
    RoundOpenForm,
    StatedPositionsForm,
    WithdrawForm,
)
from ..models import SETTLED_STATUSES, Proposal, Round

PAGE_SIZE = 20


@private_page
@login_required
@require_safe
def manage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The proposals of the partnerships the officer services, those in progress first."""
    access.require_decisions_officer(request.user)
    proposals = queries.officer_proposals(partnerships_for_officer(request.user))
    page, page_links = paginate(
        request, proposals.filter(status__in=SETTLED_STATUSES), per_page=PAGE_SIZE, anchor="settled-proposals"
    )
    context = {
        "in_progress": list(proposals.exclude(status__in=SETTLED_STATUSES)),
        "settled": page,
        "pagination": page_links,
    }
    return render(request, "decisions/manage/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: AuthenticatedHttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """Put a proposal from an agenda item to the board; round 1 opens at the item's meeting."""
    item = get_item_for_officer(request.user, meeting_id, item_id)
    meeting = item.meeting
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        proposers=queries.proposers_for(meeting),
        initial={"title": item.title},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = actions.proposal_create(
                item,
                title=data["title"],
                text=data["text"],
                big_ticket=data["big_ticket"],
                proposer=data["proposer"],
                by=request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"'{proposal.title}' is put to the board: round 1 is open for positions.")
            return redirect("decisions:manage", pk=proposal.pk)
    context = {
        "form": form,
        "title": "Put a proposal to the board",
        "caption": f"{meeting.display_title}, {meeting.date:%-d %B %Y}: item {item.order}, {item.title}",
        "submit_label": "Put the proposal",
        "back": reverse("meetings:manage_meeting", args=[meeting.pk]),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/manage/action.html", context, status=status)


@dataclass(frozen=True)
class StepLink:
    """A step the officer's page offers: a button when there is nothing to fill in."""

    step: str
    label: str
    confirm_only: bool


@private_page
@login_required
@require_safe
def manage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The officer's page of a proposal: its status, the steps the state machine allows
    from it (states.allowed_steps), its rounds, positions and history."""
    access.get_proposal_for_officer(request.user, pk)
    proposal = queries.proposal_for_page(Proposal.objects.all(), pk)
    if proposal is None:  # deleted meanwhile; proposals are PROTECTed, so hardly ever
        raise Http404("There is no such proposal.")
    context = queries.proposal_context(proposal, public=False)
    open_round = next((r.round for r in context["rounds"] if r.round.is_open), None)
    rules = queries.rules_for(proposal)
    allowed, unavailable = [], []
    for step in states.allowed_steps(proposal.status):
        reason = states.missing_body(
            step, escalation_body=rules.escalation_body, lead_accountable_body=rules.lead_accountable_body
        )
        if reason is None:
            allowed.append(step)
        else:
            unavailable.append(reason)
    steps = [
        StepLink(
            step,
            f"Close round {open_round.number} and count the positions"
            if step == states.ROUND_CLOSE and open_round is not None
            else STEP_PAGES[step].title,
            confirm_only=STEP_PAGES[step].confirm_only,
        )
        for step in allowed
    ]
    recorded = {r.organisation_id for r in context["ratifications"]}
    to_ratify = (
        [org for org in queries.partners_to_ratify(proposal) if org.pk not in recorded]
        if states.RATIFY in allowed
        else []
    )
    context.update(
        {
            "steps": steps,
            "unavailable": unavailable,
            "today": timezone.localdate(),
            "open_round": open_round,
            "is_public": proposal.is_public,
            "to_ratify": to_ratify,
            "back": reverse("decisions:manage_list"),
        }
    )
    return render(request, "decisions/manage/proposal.html", context)


# ---------------------------------------------------------------------------
# The steps of the state machine: one form and one action each

FormFactory = Callable[[Proposal, Any], BaseForm]
Run = Callable[[Proposal, BaseForm, User, dt.datetime], object]


@dataclass(frozen=True)
class StepPage:
    title: str
    submit: str
    done: str
    form: FormFactory
    run: Run
    confirm_only: bool = False


def _round_to_close(proposal: Proposal) -> Round:
    """The latest round (round_close refuses it if it is already closed)."""
    round = queries.last_round(proposal)
    if round is None:
        raise ValidationError("The proposal has no round to close.")
    return round


def _round_open_form(proposal: Proposal, data: Any) -> BaseForm:
    last = queries.last_round(proposal)
    meetings = queries.later_meetings(proposal)
    later = meetings.exclude(pk=last.meeting_id).first() if last else meetings.first()
    initial = {"text": last.text if last else proposal.text, "meeting": later}
    return RoundOpenForm(data, meetings=meetings, initial=initial)


def _ratify(proposal: Proposal, form: BaseForm, by: User, now: dt.datetime) -> object:
    data = form.cleaned_data
    return actions.ratification_record(
        proposal,
        organisation=data["organisation"],
        ratified=data["ratified"],
        body=data["body"],
        decided_on=data["decided_on"],
        reference=data["reference"],
        by=by,
        now=now,
    )


STEP_PAGES: dict[str, StepPage] = {
    states.ROUND_CLOSE: StepPage(
        "Close the round and count the positions",
        "Close the round",
        "The round is closed",
        lambda proposal, data: ConfirmForm(data),
        lambda proposal, form, by, now: actions.round_close(_round_to_close(proposal), by=by, now=now),
        confirm_only=True,
    ),
    states.ROUND_OPEN: StepPage(
        "Open a new round at a later meeting",
        "Open the round",
        "A new round is open for positions",
        _round_open_form,
        lambda proposal, form, by, now: actions.round_open(
            proposal, meeting=form.cleaned_data["meeting"], text=form.cleaned_data["text"], by=by, now=now
        ),
    ),
    states.DEFER: StepPage(
        "Defer the decision",
        "Defer",
        "The decision is deferred",
        lambda proposal, data: DeferForm(data),
        lambda proposal, form, by, now: actions.proposal_defer(
            proposal, reason=form.cleaned_data["reason"], by=by, now=now
        ),
    ),
    states.ESCALATE: StepPage(
        "Escalate to the escalation body",
        "Escalate",
        "The proposal is escalated",
        lambda proposal, data: NoteForm(
            data, help_text="003 §13: for example, what the escalation body is asked to resolve."
        ),
        lambda proposal, form, by, now: actions.proposal_escalate(
            proposal, note=form.cleaned_data["note"], by=by, now=now
        ),
    ),
    states.ESCALATION_RESULT: StepPage(
        "Record the escalation result",
        "Record the result",
        "The escalation result is recorded",
        lambda proposal, data: EscalationResultForm(data),
        lambda proposal, form, by, now: actions.escalation_result_record(
            proposal, result=form.cleaned_data["result"], by=by, now=now
        ),
    ),
    states.REFER: StepPage(
        "Refer to the lead accountable body",
        "Refer",
        "The proposal is referred to the lead accountable body",
        lambda proposal, data: NoteForm(data, help_text="003 §17: the lead accountable body keeps the final decision."),
        lambda proposal, form, by, now: actions.proposal_refer(
            proposal, note=form.cleaned_data["note"], by=by, now=now
        ),
    ),
    states.DETERMINE: StepPage(
        "Record the lead accountable body's determination",
        "Record the determination",
        "The determination is recorded",
        lambda proposal, data: DeterminationForm(data),
        lambda proposal, form, by, now: actions.determination_record(
            proposal,
            agreed=form.cleaned_data["agreed"],
            text=form.cleaned_data["text"],
            decided_on=form.cleaned_data["decided_on"],
            by=by,
            now=now,
        ),
    ),
    states.RATIFY: StepPage(
        "Record a partner's ratification",
        "Record the ratification",
        "The ratification is recorded",
        lambda proposal, data: RatificationForm(data, organisations=queries.ratification_choices(proposal)),
        _ratify,
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def step(request: AuthenticatedHttpRequest, pk: int, verb: str) -> HttpResponse:
    """One step of the state machine: the form (GET) and the action (POST). A step the
    status does not allow, or any rule the action refuses, is a form error (400)."""
    if verb not in STEP_PAGES:
        raise Http404("There is no such step.")
    proposal = access.get_proposal_for_officer(request.user, pk)
    page = STEP_PAGES[verb]
    context: dict[str, Any] = {
        "proposal": proposal,
        "title": page.title,
        "caption": proposal.title,
        "submit_label": page.submit,
        "back": reverse("decisions:manage", args=[proposal.pk]),
    }
    refusal = states.refusal(verb, proposal.status, proposal.get_status_display())
    if refusal:
        context.update({"form": None, "errors": [refusal]})
        return render(request, "decisions/manage/action.html", context, status=400)
    form = page.form(proposal, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and apply_action(form, page.run, proposal, form, request.user, timezone.now()):
        proposal.refresh_from_db(fields=["status"])
        messages.success(request, f"{page.done}. Status: {proposal.get_status_display()}.")
        return redirect("decisions:manage", pk=proposal.pk)
    context.update({"form": form, "errors": []})
    failed = form.is_bound and bool(form.errors)
    return render(request, "decisions/manage/action.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def positions(request: AuthenticatedHttpRequest, pk: int, round_id: int) -> HttpResponse:
    """The positions stated at the meeting, recorded by the officer for every seat at
    once, with who stated each and in what capacity (actions.positions_record)."""
    proposal = access.get_proposal_for_officer(request.user, pk)
    round = get_object_or_404(
        Round.objects.select_related("meeting__board", "proposal__mou", "proposal__board__partnership"),
        pk=round_id,
        proposal=proposal,
    )
    rows = queries.stated_seat_rows(round)
    form = StatedPositionsForm(request.POST if request.method == "POST" else None, rows=rows)
    errors: list[str] = []
    if not round.is_open:
        errors.append(f"Round {round.number} is closed: positions can no longer be recorded.")
    elif form.is_bound and form.is_valid():
        people = {person.pk: person for row in rows for person, _ in row.speakers}
        entries = [
            actions.PositionEntry(row.seat, value, comment, people[stated_by])
            for row, value, stated_by, comment in form.changed_rows()
        ]
        try:
            recorded = actions.positions_record(round, entries, by=request.user, now=timezone.now())
        except actions.NothingChanged as unchanged:
            messages.info(request, " ".join(unchanged.messages))
            return redirect("decisions:manage", pk=proposal.pk)
        except ValidationError as error:
            _seat_errors(form, error)
        else:
            messages.success(request, f"{len(recorded)} position{'s' if len(recorded) != 1 else ''} recorded.")
            return redirect("decisions:manage", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "round": round,
        "form": form,
        "rows": form.bound_rows(),
        "errors": errors,
        "back": reverse("decisions:manage", args=[proposal.pk]),
    }
    failed = bool(errors) or (form.is_bound and bool(form.errors))
    return render(request, "decisions/manage/positions.html", context, status=400 if failed else 200)


def _seat_errors(form: StatedPositionsForm, error: ValidationError) -> None:
    """A refusal keyed ``seat_<id>`` goes on that seat's row: its "who stated it" field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages_ in error.message_dict.items():
        field = f"stated_by_{key.removeprefix('seat_')}" if key.startswith("seat_") else None
        form.add_error(field if field in form.fields else None, messages_)


# ---------------------------------------------------------------------------
# The forward plan (SPEC §6)


@login_required
@require_http_methods(["GET", "POST"])
def forward_plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The forward plan entries of the partnerships the officer services, and a form to
    enter one."""
    access.require_decisions_officer(request.user)
    partnerships = partnerships_for_officer(request.user)
    now = timezone.now()
    form = ForthcomingForm(
        request.POST if request.method == "POST" else None,
        meetings=queries.forthcoming_meeting_choices(partnerships, now),
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        meeting = data["expected_meeting"]
        try:
            entry = actions.forthcoming_add(meeting.board, by=request.user, now=now, **data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"'{entry.title}' is on the forward plan.")
            return redirect("decisions:manage_forward_plan")
    entries = list(queries.officer_forward_plan(partnerships))
    context = {
        "form": form,
        "listed": [e for e in entries if e.withdrawn_at is None and e.proposal_id is None],
        "done": [e for e in entries if e.withdrawn_at is not None or e.proposal_id is not None],
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/manage/forward_plan.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def forthcoming_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = access.get_forthcoming_for_officer(request.user, pk)
    now = timezone.now()
    fields = ("expected_meeting", "title", "summary", "needs_ratification", "contact")
    initial: dict[str, Any] = {name: getattr(entry, name) for name in fields}
    initial["needs_ratification"] = "yes" if entry.needs_ratification else "no"
    form = ForthcomingForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        meetings=queries.forthcoming_meeting_choices(partnerships_for_officer(request.user), now).filter(
            board=entry.board
        ),
    )
    if form.is_bound and form.is_valid():
        if apply_action(form, actions.forthcoming_update, entry, by=request.user, now=now, **form.cleaned_data):
            messages.success(request, f"'{entry.title}' is changed on the forward plan.")
            return redirect("decisions:manage_forward_plan")
    context = {
        "form": form,
        "title": "Change a forward plan entry",
        "caption": f"{entry.board.name}, {entry.board.partnership.name}",
        "submit_label": "Save the changes",
        "back": reverse("decisions:manage_forward_plan"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/manage/action.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def forthcoming_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = access.get_forthcoming_for_officer(request.user, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if apply_action(
            form,
            actions.forthcoming_withdraw,
            entry,
            reason=form.cleaned_data["reason"],
            by=request.user,
            now=timezone.now(),
        ):
            messages.success(request, f"'{entry.title}' is withdrawn from the forward plan.")
            return redirect("decisions:manage_forward_plan")
    context = {
        "form": form,
        "title": f"Withdraw '{entry.title}' from the forward plan",
        "caption": f"{entry.board.name}, {entry.board.partnership.name}",
        "submit_label": "Withdraw it",
        "back": reverse("decisions:manage_forward_plan"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/manage/action.html", context, status=status)
