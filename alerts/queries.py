"""What the alerts read (SPEC §6 "email alerts"): the publications the public may see,
each found from the rows with the one publicity definition (meetings.models and
decisions), and, per confirmed subscription, those it has not yet been alerted to.

A publication is one of:

- an agenda: a public meeting (`Meeting.objects.public()`), when its agenda was published;
- a paper: a public paper (`Paper.objects.public()`), when it became public — published,
  on a published agenda;
- a supplement: a later public version of a paper (`PaperVersion.objects.public()`,
  number > 1, published after the paper itself: the version published with the paper
  is the paper);
- minutes: a meeting with public minutes (`Meeting.objects.with_public_minutes()`);
- a decision: a proposal in the public decisions register
  (`decisions.queries.register_proposals()`), when it was decided.

Only publications after a subscription was confirmed alert it, and only those of the
last ALERTS_LOOKBACK_DAYS days are looked at, so a sweep reads a bounded set however
many years of records there are. Everything an alert shows comes from these rows, so an
alert never carries anything the public may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone

from decisions.queries import register_proposals
from governance.site import site_url
from meetings.models import Meeting, MeetingStatus, Paper, PaperVersion
from partnerships.models import Board, Partnership
from search.queries import public_matches

from .models import (
    AlertDelivery,
    PendingSubscription,
    PublicationKind,
    Scope,
    Subscriber,
    SubscribeRequest,
    Subscription,
)

PublicationKey = tuple[str, int]  # (PublicationKind, object id)


@dataclass(frozen=True)
class Publication:
    """One thing made public, as an alert lists it."""

    kind: str
    object_id: int
    at: dt.datetime
    board_id: int
    partnership_id: int
    title: str
    where: str
    url: str

    @property
    def key(self) -> PublicationKey:
        return (self.kind, self.object_id)

    @property
    def kind_label(self) -> str:
        return PublicationKind(self.kind).label


def _where(board: Board) -> str:
    return f"{board.name}, {board.partnership.name}"


def _absolute(path: str) -> str:
    return site_url() + path


def _on(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}"


def _stamp(at: dt.datetime | None) -> dt.datetime:
    """The publication time of a row the public querysets returned: never missing there."""
    if at is None:
        raise ValueError("a public publication has a publication time")
    return at


def publications_since(since: dt.datetime) -> list[Publication]:
    """Every publication made public after `since`, oldest first (five queries)."""
    found: list[Publication] = []

    agendas = (
        Meeting.objects.public()
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(agenda_published_at__gt=since)
        .select_related("board__partnership")
    )
    for meeting in agendas:
        found.append(
            Publication(
                kind=PublicationKind.AGENDA,
                object_id=meeting.pk,
                at=_stamp(meeting.agenda_published_at),
                board_id=meeting.board_id,
                partnership_id=meeting.board.partnership_id,
                title=f"Agenda: {meeting.display_title}, meeting on {_on(meeting.start)}",
                where=_where(meeting.board),
                url=_absolute(meeting.get_absolute_url()),
            )
        )

    papers = (
        Paper.objects.public()
        .annotate(public_at=Greatest("published_at", "item__meeting__agenda_published_at"))
        .filter(public_at__gt=since)
        .select_related("item__meeting__board__partnership")
    )
    for paper in papers:
        meeting = paper.item.meeting
        found.append(
            Publication(
                kind=PublicationKind.PAPER,
                object_id=paper.pk,
                at=paper.public_at,  # type: ignore[attr-defined]  # the annotation above
                board_id=meeting.board_id,
                partnership_id=meeting.board.partnership_id,
                title=f"Paper: {paper.title}, for the meeting on {_on(meeting.start)}",
                where=_where(meeting.board),
                url=_absolute(meeting.get_absolute_url()),
            )
        )

    supplements = (
        PaperVersion.objects.public()
        .filter(number__gt=1, published_at__gt=F("paper__published_at"))
        .annotate(public_at=Greatest("published_at", "paper__item__meeting__agenda_published_at"))
        .filter(public_at__gt=since)
        .select_related("paper__item__meeting__board__partnership")
    )
    for version in supplements:
        meeting = version.paper.item.meeting
        note = f" ({version.change_note})" if version.change_note else ""
        found.append(
            Publication(
                kind=PublicationKind.SUPPLEMENT,
                object_id=version.pk,
                at=version.public_at,  # type: ignore[attr-defined]  # the annotation above
                board_id=meeting.board_id,
                partnership_id=meeting.board.partnership_id,
                title=f"Supplement: {version.paper.title}, version {version.number}{note}",
                where=_where(meeting.board),
                url=_absolute(reverse("meetings:paper_download", args=[meeting.pk, version.paper_id, version.number])),
            )
        )

    minutes = Meeting.objects.with_public_minutes().filter(minutes_published_at__gt=since)
    for meeting in minutes.select_related("board__partnership"):
        found.append(
            Publication(
                kind=PublicationKind.MINUTES,
                object_id=meeting.pk,
                at=_stamp(meeting.minutes_published_at),
                board_id=meeting.board_id,
                partnership_id=meeting.board.partnership_id,
                title=f"Minutes: {meeting.display_title}, meeting on {_on(meeting.start)}",
                where=_where(meeting.board),
                url=_absolute(meeting.get_absolute_url() + "#minutes"),
            )
        )

    decisions = (
        register_proposals()
        .filter(decided_at__isnull=False)
        .annotate(public_at=Greatest("decided_at", "item__meeting__agenda_published_at"))
        .filter(public_at__gt=since)
        .select_related("board__partnership")
    )
    for proposal in decisions:
        found.append(
            Publication(
                kind=PublicationKind.DECISION,
                object_id=proposal.pk,
                at=proposal.public_at,
                board_id=proposal.board_id,
                partnership_id=proposal.board.partnership_id,
                title=f"Decision: {proposal.title} ({proposal.get_status_display().lower()})",
                where=_where(proposal.board),
                url=_absolute(proposal.get_absolute_url()),
            )
        )

    found.sort(key=lambda p: (p.at, p.kind, p.object_id))
    return found


# ---------------------------------------------------------------------------
# Search terms


TermMatcher = Callable[[str, list[Publication]], set[PublicationKey]]


def term_matches(term: str, publications: list[Publication]) -> set[PublicationKey]:
    """The publications among `publications` that the public search finds for `term`
    (search.queries.public_matches: the same index and the same publicity)."""
    wanted = {p.key for p in publications}
    if not wanted:
        return set()
    papers = {p.object_id for p in publications if p.kind == PublicationKind.PAPER}
    versions = {p.object_id for p in publications if p.kind == PublicationKind.SUPPLEMENT}
    proposals = {p.object_id for p in publications if p.kind == PublicationKind.DECISION}
    meetings = {p.object_id for p in publications if p.kind in (PublicationKind.AGENDA, PublicationKind.MINUTES)}
    rows = public_matches(term).values_list(
        "kind", "paper_version_id", "paper_version__paper_id", "item__meeting_id", "proposal_id"
    )
    found: set[PublicationKey] = set()
    for kind, version_id, paper_id, meeting_id, proposal_id in rows:
        if version_id in versions:
            found.add((PublicationKind.SUPPLEMENT, version_id))
        if paper_id in papers:
            found.add((PublicationKind.PAPER, paper_id))
        if proposal_id in proposals:
            found.add((PublicationKind.DECISION, proposal_id))
        if meeting_id in meetings:
            found.add((PublicationKind.MINUTES if "minute" in str(kind) else PublicationKind.AGENDA, meeting_id))
    return found & wanted


# ---------------------------------------------------------------------------
# What is due


@dataclass
class Batch:
    """One email: everything new for one subscriber, listed once each, and the
    deliveries it records (a publication followed twice is recorded for both)."""

    subscriber: Subscriber
    sections: list[tuple[Subscription, list[Publication]]] = field(default_factory=list)
    deliveries: list[tuple[Subscription, Publication]] = field(default_factory=list)

    @property
    def subscriptions(self) -> list[Subscription]:
        return [subscription for subscription, _ in self.sections]

    @property
    def publications(self) -> list[Publication]:
        return [publication for _, publications in self.sections for publication in publications]


def active_subscriptions() -> list[Subscription]:
    return list(
        Subscription.objects.active()
        .select_related("subscriber", "partnership", "board__partnership")
        .order_by("subscriber_id", "confirmed_at", "pk")
    )


def _follows(subscription: Subscription, publication: Publication, term_hits: dict[str, set[PublicationKey]]) -> bool:
    if subscription.scope == Scope.PARTNERSHIP:
        return publication.partnership_id == subscription.partnership_id
    if subscription.scope == Scope.BOARD:
        return publication.board_id == subscription.board_id
    if subscription.scope == Scope.DECISIONS:
        return publication.kind == PublicationKind.DECISION
    if subscription.scope == Scope.TERM:
        return publication.key in term_hits.get(subscription.key, set())
    return False


def due_batches(now: dt.datetime, *, match_term: TermMatcher = term_matches) -> list[Batch]:
    """Per subscriber, what has been published since each of their subscriptions was
    confirmed and not yet alerted to it. A fixed number of queries, plus one per
    distinct search term followed."""
    subscriptions = active_subscriptions()
    if not subscriptions:
        return []
    horizon = now - dt.timedelta(days=settings.ALERTS_LOOKBACK_DAYS)
    earliest = min(s.confirmed_at for s in subscriptions if s.confirmed_at is not None)
    publications = publications_since(max(horizon, earliest))
    if not publications:
        return []
    term_hits: dict[str, set[PublicationKey]] = {}
    for subscription in subscriptions:
        if subscription.scope == Scope.TERM and subscription.key not in term_hits:
            term_hits[subscription.key] = match_term(subscription.term, publications)
    delivered = _delivered({s.pk for s in subscriptions}, publications)

    batches: dict[int, Batch] = {}
    for subscription in subscriptions:
        assert subscription.confirmed_at is not None  # active()
        new = [
            publication
            for publication in publications
            if publication.at > subscription.confirmed_at
            and (subscription.pk, *publication.key) not in delivered
            and _follows(subscription, publication, term_hits)
        ]
        if not new:
            continue
        batch = batches.setdefault(subscription.subscriber_id, Batch(subscriber=subscription.subscriber))
        listed = {publication.key for publication in batch.publications}
        batch.deliveries += [(subscription, publication) for publication in new]
        batch.sections.append((subscription, [p for p in new if p.key not in listed]))
    return list(batches.values())


def _delivered(subscription_ids: set[int], publications: Iterable[Publication]) -> set[tuple[int, str, int]]:
    object_ids = {publication.object_id for publication in publications}
    rows = AlertDelivery.objects.filter(subscription_id__in=subscription_ids, object_id__in=object_ids)
    return set(rows.values_list("subscription_id", "kind", "object_id"))


# ---------------------------------------------------------------------------
# The pages


def pending_subscription(pending_id: int) -> PendingSubscription | None:
    """The request a confirmation link names (None once it has been purged)."""
    return PendingSubscription.objects.filter(pk=pending_id).first()


def confirm_withdrawn(request: SubscribeRequest, issued_at: dt.datetime) -> bool:
    """Whether the address unsubscribed from what the request follows at or after the
    moment its confirmation link was issued: the link then no longer works."""
    return Subscription.objects.filter(
        subscriber__email=request.email, key=request.key, unsubscribed_at__gte=issued_at
    ).exists()


def subscriber_with_subscriptions(subscriber_id: int) -> Subscriber | None:
    """A subscriber with their active subscriptions (`active_list`) loaded."""
    active = Subscription.objects.active().select_related("partnership", "board__partnership").order_by("confirmed_at")
    return (
        Subscriber.objects.filter(pk=subscriber_id)
        .prefetch_related(Prefetch("subscriptions", queryset=active, to_attr="active_list"))
        .first()
    )


def subscription_choices() -> tuple[QuerySet[Partnership], QuerySet[Board]]:
    """What the subscribe form offers: every partnership and board of the register."""
    partnerships = Partnership.objects.only("name", "slug").order_by("name")
    boards = (
        Board.objects.select_related("partnership")
        .only("name", "slug", "partnership__name")
        .order_by("partnership__name", "name")
    )
    return partnerships, boards


def prefilled(params: Any) -> dict[str, Any]:
    """Initial form values from a "Get email alerts" link: ?partnership=<slug>,
    ?partnership=<slug>&board=<slug>, ?decisions, ?term=<words>."""
    partnership_slug = str(params.get("partnership", ""))[:200]
    board_slug = str(params.get("board", ""))[:200]
    if partnership_slug and board_slug:
        board = Board.objects.filter(partnership__slug=partnership_slug, slug=board_slug).only("pk").first()
        if board is not None:
            return {"follow": Scope.BOARD, "board": board.pk}
    if partnership_slug:
        partnership = Partnership.objects.filter(slug=partnership_slug).only("pk").first()
        if partnership is not None:
            return {"follow": Scope.PARTNERSHIP, "partnership": partnership.pk}
    if "decisions" in params:
        return {"follow": Scope.DECISIONS}
    term = " ".join(str(params.get("term", "")).split())[:100]
    if term:
        return {"follow": Scope.TERM, "term": term}
    return {}
