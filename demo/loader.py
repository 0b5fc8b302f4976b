"""``load_demo``: the whole Oxfordshire demo, replayed through the actions (the parts
are in demo/replay/), then the public documents rendered; and the summary the
command prints.

The replay runs under ``side_effects_paused()``: replaying years of history must not
email every member about agendas published long ago, nor queue some eighty renders.
The agenda packs and minutes the public may download are rendered afterwards, here,
once (``documents=False`` leaves them to the beat task's sweep). Loading twice
changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Model, Q
from django.utils import timezone

from accounts.models import Role, User
from decisions.models import Capacity, Position, Proposal, ProposalEvent, ProposalStatus, Ratification, Round, Route
from demo.data.partnerships import DEMO_PASSWORD, DEMO_USERS
from demo.replay import decisions, meetings, partnerships, reports
from governance.queue import side_effects_paused
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    Meeting,
    MeetingStatus,
    Paper,
    PaperVersion,
)
from meetings.pdf import renders_sweep
from partnerships.models import (
    Board,
    Delegation,
    Membership,
    MemorandumOfUnderstanding,
    MouSignature,
    Organisation,
    Partnership,
    Person,
)
from reports.models import Indicator, IndicatorTarget, IndicatorValue, Risk, RiskReview, Target, Theme
from search.actions import index_rebuild


def load_demo(*, documents: bool = True) -> dict[str, User]:
    """Load (or refresh) the whole demo in one transaction; returns the demo logins by
    username. ``documents``: render the public agenda packs and minutes too."""
    with transaction.atomic():
        with side_effects_paused():
            users = partnerships.load()
            ctx = meetings.DemoContext.create(users)
            meetings.load(ctx)
            decisions.load(ctx)
            reports.load(ctx)
        if documents:
            render_documents()
        # The replay ran with side effects paused, so the search index is built here.
        index_rebuild()
    return users


def render_documents() -> int:
    """Render every public document that is missing or out of date, here and now.
    Returns the number of meetings whose documents were rendered."""
    return renders_sweep(now=timezone.now(), grace=dt.timedelta(0), eager=True, everything=True)


def _counts(models: tuple[type[Model], ...]) -> dict[str, int]:
    return {str(model._meta.verbose_name_plural): model._default_manager.count() for model in models}


def model_counts() -> dict[str, int]:
    """Rows in each table the register part of the demo fills, by plural model name."""
    return _counts(
        (
            Organisation,
            Partnership,
            Board,
            Person,
            Membership,
            Delegation,
            MemorandumOfUnderstanding,
            MouSignature,
            User,
        )
    )


def meeting_counts() -> dict[str, int]:
    """Rows in each table the meetings part of the demo fills, by plural model name."""
    return _counts((Meeting, AgendaItem, Paper, PaperVersion, Attendance, Declaration, Action))


def register_summary_lines() -> list[str]:
    """What the register holds and how to sign in."""
    lines = ["Demo data loaded:"]
    lines += [f"  {name}: {count}" for name, count in model_counts().items()]
    lines += ["", "Demo logins (password for all: " + DEMO_PASSWORD + "):", ""]
    rows = [("username", "role", "what they can do")]
    rows += [(u.username, str(u.role), u.can) for u in DEMO_USERS]
    width_user = max(len(username) for username, _, _ in rows)
    width_role = max(len(role) for _, role, _ in rows)
    for username, role, can in rows:
        lines.append(f"  {username:<{width_user}}  {role:<{width_role}}  {can}")
    return lines


def meetings_summary_lines(today: dt.date | None = None) -> list[str]:
    """What the meetings part holds."""
    today = today or timezone.localdate()
    A = AttendanceStatus
    counts = Meeting.objects.aggregate(
        total=Count("pk"),
        held=Count(
            "pk",
            filter=Q(
                status__in=(
                    MeetingStatus.HELD,
                    MeetingStatus.MINUTES_DRAFT,
                    MeetingStatus.MINUTES_APPROVED,
                    MeetingStatus.MINUTES_PUBLISHED,
                )
            ),
        ),
        published=Count("pk", filter=Q(status=MeetingStatus.AGENDA_PUBLISHED)),
        scheduled=Count("pk", filter=Q(status=MeetingStatus.SCHEDULED)),
        minutes_public=Count("pk", filter=Q(minutes_published_at__isnull=False)),
    )
    papers = Paper.objects.aggregate(
        total=Count("pk"), late=Count("pk", filter=Q(late=True)), unpublished=Count("pk", filter=Q(published_at=None))
    )
    attendance = Attendance.objects.aggregate(
        total=Count("pk"),
        deputies=Count("pk", filter=Q(status=A.DEPUTY)),
        apologies=Count("pk", filter=Q(status=A.APOLOGIES)),
    )
    arising = Action.objects.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=ActionStatus.OPEN)),
        overdue=Count("pk", filter=Q(status=ActionStatus.OPEN, due_date__lt=today)),
    )
    return [
        "Meetings loaded:",
        f"  meetings: {counts['total']} (held {counts['held']}, agenda published {counts['published']}, "
        f"scheduled {counts['scheduled']}; minutes published for {counts['minutes_public']})",
        f"  agenda items: {AgendaItem.objects.count()} (exempt {AgendaItem.objects.filter(exempt=True).count()})",
        f"  papers: {papers['total']} (late {papers['late']}, not yet published {papers['unpublished']}); "
        f"paper versions: {PaperVersion.objects.count()}",
        f"  attendance: {attendance['total']} (by deputy {attendance['deputies']}, apologies {attendance['apologies']})",
        f"  declarations of interest: {Declaration.objects.count()} "
        f"(withdrew {Declaration.objects.filter(withdraws=True).count()})",
        f"  actions arising: {arising['total']} (open {arising['open']}, overdue {arising['overdue']})",
    ]


def decisions_summary_lines() -> list[str]:
    """What the decisions part holds."""
    by_status = dict(Proposal.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_route = dict(
        Proposal.objects.exclude(route="").values_list("route").annotate(n=Count("pk")).values_list("route", "n")
    )
    statuses = ", ".join(f"{ProposalStatus(s).label.lower()} {n}" for s, n in sorted(by_status.items()))
    routes = ", ".join(f"{Route(r).label.lower()} {n}" for r, n in sorted(by_route.items()))
    positions = Position.objects.aggregate(
        total=Count("pk"),
        officer=Count("pk", filter=Q(recorded_by__role__in=(Role.OFFICER, Role.ADMINISTRATOR))),
        deputy=Count("pk", filter=Q(capacity=Capacity.DEPUTY)),
        advisory=Count("pk", filter=Q(advisory=True)),
    )
    return [
        "Decisions loaded:",
        f"  proposals: {Proposal.objects.count()} ({statuses})",
        f"  routes: {routes}",
        f"  rounds: {Round.objects.count()}; positions: {positions['total']} (stated by a deputy "
        f"{positions['deputy']}, advisory {positions['advisory']}, recorded by the officer for who stated them "
        f"{positions['officer']}); events: {ProposalEvent.objects.count()}; "
        f"ratifications: {Ratification.objects.count()}",
    ]


def reports_summary_lines() -> list[str]:
    """What the scrutiny reports part holds."""
    counts = _counts((Theme, Indicator, IndicatorValue, IndicatorTarget, Target, Risk, RiskReview))
    return ["Scrutiny reports loaded:", *(f"  {name}: {count}" for name, count in counts.items())]


def summary_lines() -> list[str]:
    """What the demo holds and how to sign in, for the command's output."""
    return [
        *register_summary_lines(),
        "",
        *meetings_summary_lines(),
        "",
        *decisions_summary_lines(),
        "",
        *reports_summary_lines(),
    ]
