"""Pages of the decisions app (SPEC §5, §6).

- Members: the rounds awaiting their organisation's position, and the page that records
  one (as member, designated deputy or delegate: actions.capacity_for decides).
- Officers: put a proposal from an agenda item, and run it through the state machine
  (actions.TRANSITIONS): each step is offered only from a status it may start from, and
  a refused step comes back as a form error with status 400.
- The public: the decisions register and the decision page, for proposals whose agenda
  item is public (not exempt, on a published agenda); anything else is a 404.

Every view has one shape: decorators → access → form → one action → redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import User
from governance.forms import add_action_errors
from governance.pagination import paginate
from meetings.access import get_item_for_officer
from meetings.models import Meeting, MeetingStatus
from partnerships.access import can_edit_partnership, partnerships_for_officer
from partnerships.models import Delegation, Membership, Organisation, Partnership, Person

from . import actions
from .forms import (
    ConfirmForm,
    DeferForm,
    DeterminationForm,
    EscalationResultForm,
    NoteForm,
    PositionForm,
    ProposalForm,
    RatificationForm,
    RoundOpenForm,
)
from .models import SETTLED_STATUSES, Capacity, Proposal, ProposalStatus, Ratification, Round, Route
from .queries import (
    event_rows,
    positions_prefetch,
    proposal_for_page,
    register_proposals,
    round_views,
    rules_summary,
    seat_voter,
    voting_unit,
)

PAGE_SIZE = 20


# ---------------------------------------------------------------------------
# Helpers


def _proposal_context(proposal: Proposal) -> dict[str, Any]:
    """What the decision page and the officer's page both show, from prefetched rows."""
    rounds = list(proposal.rounds.all())
    rules = actions.rules_for(proposal)
    return {
        "proposal": proposal,
        "board": proposal.board,
        "partnership": proposal.board.partnership,
        "rounds": round_views(proposal, rounds),
        "events": event_rows(proposal.events.all()),
        "ratifications": list(proposal.ratifications.all()),
        "rules": rules_summary(rules),
        "mou": proposal.mou,
        "deciding_round": rounds[-1] if rounds else None,
    }


# ---------------------------------------------------------------------------
# Members: rounds awaiting a position


def _delegations(person: Person) -> list[Delegation]:
    return list(Delegation.objects.filter(person=person))


def _seat_capacity(seat: Membership, person: Person, delegations: list[Delegation], on: Any) -> str | None:
    """How the person is connected to a seat on a date, before attendance is known."""
    if seat.person_id == person.pk:
        return Capacity.MEMBER
    if seat.deputy_id == person.pk:
        return Capacity.DEPUTY
    for delegation in delegations:
        if (
            delegation.board_id == seat.board_id
            and delegation.organisation_id == seat.organisation_id
            and delegation.is_valid_on(on)
        ):
            return Capacity.DELEGATE
    return None


@dataclass
class SeatRow:
    seat: Membership
    capacity: str
    capacity_label: str
    position: Any  # the latest Position for the seat's voter, or None


@dataclass
class AwaitingRow:
    round: Round
    seats: list[SeatRow]

    @property
    def recorded(self) -> bool:
        return all(row.position is not None for row in self.seats)


@login_required
@require_safe
def awaiting(request: HttpRequest) -> HttpResponse:
    """Open rounds on boards where the user holds a current seat, is a designated deputy
    or holds a valid delegation, with the position recorded for each seat so far.
    A fixed number of queries, however many boards and rounds."""
    person: Person | None = getattr(request.user, "person", None)
    if person is None:
        return render(request, "decisions/awaiting.html", {"person": None, "rows": []})
    delegations = _delegations(person)
    connected = Q(person=person) | Q(deputy=person)
    for delegation in delegations:
        connected |= Q(board_id=delegation.board_id, organisation_id=delegation.organisation_id)
    seats = list(
        Membership.objects.filter(connected)
        .select_related("person", "organisation", "deputy")
        .order_by("organisation__name", "person__name")
    )
    board_ids = {seat.board_id for seat in seats}
    rounds = list(
        Round.objects.filter(
            closed_at__isnull=True, proposal__status=ProposalStatus.OPEN, proposal__board_id__in=board_ids
        )
        .select_related("proposal__board__partnership", "proposal__mou", "proposal__item", "meeting__board")
        .prefetch_related(positions_prefetch())
        .order_by("meeting__start", "proposal__title", "pk")
    )
    rows = []
    for round in rounds:
        on = round.meeting.date
        unit = voting_unit(round.proposal)
        latest = {}
        for position in round.positions.all():  # oldest first: the last one counts
            latest[position.voter] = position
        seat_rows = []
        for seat in seats:
            if seat.board_id != round.proposal.board_id or not seat.is_current(on):
                continue
            capacity = _seat_capacity(seat, person, delegations, on)
            if capacity is None:
                continue
            seat_rows.append(
                SeatRow(
                    seat=seat,
                    capacity=capacity,
                    capacity_label=Capacity(capacity).label,
                    position=latest.get(seat_voter(seat, unit)),
                )
            )
        if seat_rows:
            rows.append(AwaitingRow(round=round, seats=seat_rows))
    return render(request, "decisions/awaiting.html", {"person": person, "rows": rows})


# ---------------------------------------------------------------------------
# Members: record a position


def _get_round(round_id: int) -> Round:
    return get_object_or_404(
        Round.objects.select_related(
            "meeting__board",
            "proposal__board__partnership__lead_accountable_body",
            "proposal__item__meeting",
            "proposal__mou__board__partnership__lead_accountable_body",
            "proposal__mou__rules_lead_accountable_body",
        ),
        pk=round_id,
    )


def _seats_for(user: User, round: Round) -> tuple[list[tuple[Membership, str]], list[str]]:
    """The seats on the board the user may record a position for in this round, with the
    capacity, and the reasons for the seats refused (actions.capacity_for decides)."""
    person: Person | None = getattr(user, "person", None)
    if person is None:
        return [], ["Your account is not linked to a seat on this board, so you cannot record a position."]
    on = round.meeting.date
    delegated = Delegation.objects.filter(person=person, board_id=round.proposal.board_id, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    candidates = (
        Membership.objects.current(on)
        .filter(board_id=round.proposal.board_id)
        .filter(Q(person=person) | Q(deputy=person) | Q(organisation_id__in=delegated.values("organisation_id")))
        .select_related("person", "organisation", "board__partnership", "deputy")
        .order_by("organisation__name", "person__name")
    )
    allowed, refused = [], []
    for seat in candidates:
        try:
            allowed.append((seat, actions.capacity_for(user, seat, round)))
        except PermissionDenied as reason:
            refused.append(str(reason))
    if not allowed and not refused:
        refused.append("You do not hold a seat on this board, so you cannot record a position on its proposals.")
    return allowed, refused


@login_required
@require_http_methods(["GET", "POST"])
def position(request: HttpRequest, round_id: int) -> HttpResponse:
    """Record the organisation's position in a round: consent, object or abstain (SPEC §5)."""
    round = _get_round(round_id)
    user: User = request.user  # type: ignore[assignment]
    seats, refused = _seats_for(user, round)
    if not seats:
        raise PermissionDenied(" ".join(refused))
    form = PositionForm(request.POST if request.method == "POST" else None, seats=seats)
    if form.is_bound and form.is_valid():
        seat = form.seat()
        try:
            actions.position_record(
                round, seat, form.cleaned_data["value"], by=user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            value = dict(form.fields["value"].choices)[form.cleaned_data["value"]]
            messages.success(
                request,
                f"{value} is recorded for {seat.organisation.name} on '{round.proposal.title}' (round {round.number}).",
            )
            return redirect("decisions:awaiting")
    proposal = round.proposal
    rounds = list(
        Round.objects.filter(pk=round.pk).select_related("meeting__board").prefetch_related(positions_prefetch())
    )
    context = {
        "form": form,
        "round": round,
        "proposal": proposal,
        "meeting": round.meeting,
        "seats": seats,
        "round_view": round_views(proposal, rounds)[0],
        "advisory_only": all(not seat.voting for seat, _ in seats),
        "back": reverse("decisions:awaiting"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/position.html", context, status=status)


# ---------------------------------------------------------------------------
# Officers


def _get_proposal_for_officer(user: User, pk: int) -> Proposal:
    """The proposal, or 404; 403 unless the user services its partnership (SPEC §1)."""
    proposal = get_object_or_404(Proposal.objects.select_related("board__partnership"), pk=pk)
    if not can_edit_partnership(user, proposal.board.partnership):
        raise PermissionDenied("You do not service this partnership, so you cannot run its decisions.")
    return proposal


@login_required
@require_safe
def manage_list(request: HttpRequest) -> HttpResponse:
    """The proposals of the partnerships the officer services, those in progress first."""
    if not request.user.is_officer and not request.user.is_administrator:  # type: ignore[union-attr]
        raise PermissionDenied("Only partnership officers can run decisions.")
    partnerships = partnerships_for_officer(request.user)  # type: ignore[arg-type]
    proposals = (
        Proposal.objects.filter(board__partnership__in=partnerships)
        .select_related("board__partnership", "item__meeting__board")
        .order_by("-created_at", "-pk")
    )
    in_progress = proposals.exclude(status__in=SETTLED_STATUSES)
    page, page_links = paginate(
        request, proposals.filter(status__in=SETTLED_STATUSES), per_page=PAGE_SIZE, anchor="settled-proposals"
    )
    context = {
        "in_progress": list(in_progress),
        "settled": page,
        "pagination": page_links,
    }
    return render(request, "decisions/manage/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """Put a proposal from an agenda item to the board; round 1 opens at the item's meeting."""
    item = get_item_for_officer(request.user, meeting_id, item_id)  # type: ignore[arg-type]
    meeting = item.meeting
    proposers = Person.objects.filter(
        pk__in=Membership.objects.current(meeting.date).filter(board_id=meeting.board_id).values("person_id")
    ).order_by("name")
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        instance=Proposal(item=item, board=meeting.board),
        proposers=proposers,
        initial={"title": item.title},
    )
    if form.is_bound and form.is_valid():
        proposal = form.save(commit=False)
        try:
            actions.proposal_create(proposal, by=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"'{proposal.title}' is put to the board: round 1 is open for positions.")
            return redirect("decisions:manage", pk=proposal.pk)
    back = reverse("meetings:manage_meeting", args=[meeting.pk])
    context = {
        "form": form,
        "title": "Put a proposal to the board",
        "caption": f"{meeting.display_title}, {meeting.start:%-d %B %Y}: item {item.order}, {item.title}",
        "submit_label": "Put the proposal",
        "back": back,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/manage/action.html", context, status=status)


@login_required
@require_safe
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's page of a proposal: its status, the steps valid from it, its rounds,
    positions and history."""
    _get_proposal_for_officer(request.user, pk)  # type: ignore[arg-type]
    proposal = proposal_for_page(Proposal.objects.all(), pk)
    if proposal is None:  # deleted meanwhile; proposals are PROTECTed, so hardly ever
        raise Http404("There is no such proposal.")
    context = _proposal_context(proposal)
    status = proposal.status
    steps = [(verb, STEPS[verb].title) for verb, starts in actions.TRANSITIONS.items() if status in starts]
    verbs = {verb for verb, _ in steps}
    open_round = next((r.round for r in context["rounds"] if r.round.is_open), None)
    recorded = {r.organisation_id for r in context["ratifications"]}
    context.update(
        {
            "steps": steps,
            "open_round": open_round,
            "is_public": proposal.is_public,
            "to_ratify": [org for org in actions.partners_to_ratify(proposal) if org.pk not in recorded]
            if "ratify" in verbs
            else [],
            "back": reverse("decisions:manage_list"),
        }
    )
    return render(request, "decisions/manage/proposal.html", context)


# The steps of the state machine, one form and one action each (actions.TRANSITIONS).


@dataclass(frozen=True)
class Step:
    title: str
    submit: str
    done: str
    form: Callable[[Proposal, Any], BaseForm]
    run: Callable[[Proposal, BaseForm, User], object]


def _last_round(proposal: Proposal) -> Round:
    """The round to close: the latest (round_close refuses it if it is already closed)."""
    round = proposal.rounds.order_by("-number").first()
    if round is None:
        raise ValidationError("The proposal has no round to close.")
    return round


def _later_meetings(proposal: Proposal) -> QuerySet[Meeting]:
    last = proposal.rounds.select_related("meeting").order_by("-number").first()
    meetings = Meeting.objects.filter(board_id=proposal.board_id).exclude(status=MeetingStatus.CANCELLED)
    if last is not None:
        meetings = meetings.filter(start__gte=last.meeting.start)
    return meetings.select_related("board").order_by("start")


def _round_open_form(proposal: Proposal, data: Any) -> BaseForm:
    last = proposal.rounds.order_by("-number").first()
    meetings = _later_meetings(proposal)
    later = meetings.exclude(pk=last.meeting_id).first() if last else meetings.first()
    initial = {"text": last.text if last else proposal.text, "meeting": later}
    return RoundOpenForm(data, meetings=meetings, initial=initial)


def _ratification_form(proposal: Proposal, data: Any) -> BaseForm:
    recorded = set(proposal.ratifications.values_list("organisation_id", flat=True))
    ids = [org.pk for org in actions.partners_to_ratify(proposal) if org.pk not in recorded]
    agreed_on = timezone.localtime(proposal.decided_at).date() if proposal.decided_at else None
    return RatificationForm(
        data, organisations=Organisation.objects.filter(pk__in=ids).order_by("name"), agreed_on=agreed_on
    )


def _ratify(proposal: Proposal, form: BaseForm, by: User) -> object:
    data = form.cleaned_data
    return actions.ratification_record(
        Ratification(
            proposal=proposal,
            organisation=data["organisation"],
            ratified=data["ratified"],
            body=data["body"].strip(),
            decided_on=data["decided_on"],
            reference=data["reference"].strip(),
        ),
        by=by,
    )


STEPS: dict[str, Step] = {
    "round_close": Step(
        "Close the round and count the positions",
        "Close the round",
        "The round is closed",
        lambda proposal, data: ConfirmForm(data),
        lambda proposal, form, by: actions.round_close(_last_round(proposal), by=by),
    ),
    "round_open": Step(
        "Open a new round at a later meeting",
        "Open the round",
        "A new round is open for positions",
        _round_open_form,
        lambda proposal, form, by: actions.round_open(
            proposal, form.cleaned_data["meeting"], by=by, text=form.cleaned_data["text"]
        ),
    ),
    "defer": Step(
        "Defer the decision",
        "Defer",
        "The decision is deferred",
        lambda proposal, data: DeferForm(data),
        lambda proposal, form, by: actions.proposal_defer(proposal, by=by, reason=form.cleaned_data["reason"]),
    ),
    "escalate": Step(
        "Escalate to the escalation body",
        "Escalate",
        "The proposal is escalated",
        lambda proposal, data: NoteForm(
            data, help_text="003 §13: for example, what the escalation body is asked to resolve."
        ),
        lambda proposal, form, by: actions.proposal_escalate(proposal, by=by, note=form.cleaned_data["note"]),
    ),
    "escalation_result": Step(
        "Record the escalation result",
        "Record the result",
        "The escalation result is recorded",
        lambda proposal, data: EscalationResultForm(data),
        lambda proposal, form, by: actions.escalation_result_record(
            proposal, by=by, result=form.cleaned_data["result"]
        ),
    ),
    "refer": Step(
        "Refer to the lead accountable body",
        "Refer",
        "The proposal is referred to the lead accountable body",
        lambda proposal, data: NoteForm(data, help_text="003 §17: the lead accountable body keeps the final decision."),
        lambda proposal, form, by: actions.proposal_refer(proposal, by=by, note=form.cleaned_data["note"]),
    ),
    "determine": Step(
        "Record the lead accountable body's determination",
        "Record the determination",
        "The determination is recorded",
        lambda proposal, data: DeterminationForm(data),
        lambda proposal, form, by: actions.determination_record(
            proposal, by=by, agreed=form.cleaned_data["agreed"], text=form.cleaned_data["text"]
        ),
    ),
    "ratify": Step(
        "Record a partner's ratification",
        "Record the ratification",
        "The ratification is recorded",
        _ratification_form,
        _ratify,
    ),
}


def _refusal(proposal: Proposal, verb: str) -> str | None:
    """Why a step cannot start from the proposal's status (the action says the same)."""
    if proposal.status in actions.TRANSITIONS[verb]:
        return None
    return f"You cannot {actions.VERB_LABELS[verb]} a proposal that is {proposal.get_status_display().lower()}."


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    """One step of the state machine: the form (GET) and the action (POST). A step the
    status does not allow, or any rule the action refuses, is a form error (400)."""
    if verb not in STEPS:
        raise Http404("There is no such step.")
    proposal = _get_proposal_for_officer(request.user, pk)  # type: ignore[arg-type]
    definition = STEPS[verb]
    context: dict[str, Any] = {
        "proposal": proposal,
        "title": definition.title,
        "caption": proposal.title,
        "submit_label": definition.submit,
        "back": reverse("decisions:manage", args=[proposal.pk]),
    }
    refusal = _refusal(proposal, verb)
    if refusal:
        context.update({"form": None, "errors": [refusal]})
        return render(request, "decisions/manage/action.html", context, status=400)
    form = definition.form(proposal, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            definition.run(proposal, form, request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            proposal.refresh_from_db(fields=["status"])
            messages.success(request, f"{definition.done}. Status: {proposal.get_status_display()}.")
            return redirect("decisions:manage", pk=proposal.pk)
    context.update({"form": form, "errors": []})
    failed = form.is_bound and bool(form.errors)
    return render(request, "decisions/manage/action.html", context, status=400 if failed else 200)


# ---------------------------------------------------------------------------
# The public: the decisions register and the decision page


@dataclass(frozen=True)
class RegisterRow:
    proposal: Proposal
    meeting: Meeting | None
    minutes_public: bool


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
    proposals = register_proposals()
    years = [d.year for d in proposals.datetimes("decided_at", "year", order="DESC")]
    partnerships = list(
        Partnership.objects.filter(pk__in=proposals.values("board__partnership_id"))
        .only("name", "slug")
        .order_by("name")
    )
    if partnership_slug:
        proposals = proposals.filter(board__partnership__slug=partnership_slug)
    if route in Route.values:
        proposals = proposals.filter(route=route)
    if year:
        proposals = proposals.filter(decided_at__year=year)
    rounds = Round.objects.select_related("meeting__board").order_by("number")
    page, page_links = paginate(
        request,
        proposals.select_related("board__partnership", "item__meeting")
        .prefetch_related(Prefetch("rounds", queryset=rounds))
        .order_by("-decided_at", "-pk"),
        per_page=PAGE_SIZE,
        anchor="decisions",
    )
    rows = []
    for proposal in page:
        rounds_of = list(proposal.rounds.all())
        meeting = rounds_of[-1].meeting if rounds_of else None
        if meeting is not None and not meeting.is_public:
            meeting = None  # never link to a meeting the public cannot see
        rows.append(RegisterRow(proposal, meeting, bool(meeting and meeting.minutes_published_at)))
    context = {
        "rows": rows,
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
    proposal = proposal_for_page(Proposal.objects.public(), pk)
    if proposal is None:
        raise Http404("No published decision here.")
    context = _proposal_context(proposal)
    context["can_manage"] = can_edit_partnership(request.user, proposal.board.partnership)  # type: ignore[arg-type]
    return render(request, "decisions/decision.html", context)
