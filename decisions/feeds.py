"""Feeds of the decisions register (SPEC §6, issue 9 item 6): RSS and Atom of the
decisions settled, overall and per partnership, and of one decision's public history.

Only what the public may see: the register (``queries.register_proposals``, public
proposals settled one way or the other) and, for one decision, the events the public
decision page shows (``queries.proposal_context(public=True)``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import SyndicationFeed
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from governance.feeds import XmlSafeAtomFeed, XmlSafeRssFeed
from governance.site import site_url
from partnerships.models import Partnership

from . import queries
from .models import Proposal

FEED_LENGTH = 50
PUBLIC_CACHE = "no-cache"  # revalidated every time: a withdrawn item leaves at once


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    guid: str
    at: dt.datetime
    description: str
    category: str


@dataclass(frozen=True)
class Scope:
    title: str
    link: str
    description: str
    entries: list[Entry]


if TYPE_CHECKING:  # Feed is generic only in django-stubs
    FeedBase = Feed[Entry, Scope]
else:
    FeedBase = Feed


def _decided(proposal: Proposal) -> dt.datetime:
    """When a register entry was settled (the register lists settled proposals; an old
    row without the time falls back to when it was tabled)."""
    return proposal.decided_at or proposal.created_at


def register_entries(partnership: Partnership | None, site: str) -> list[Entry]:
    proposals = queries.register_proposals().select_related("board__partnership")
    if partnership is not None:
        proposals = proposals.filter(board__partnership=partnership)
    entries = []
    for proposal in proposals.order_by("-decided_at", "-pk")[:FEED_LENGTH]:
        link = site + proposal.get_absolute_url()
        route = f" Route: {proposal.get_route_display().lower()}." if proposal.route else ""
        entries.append(
            Entry(
                title=f"{proposal.title}: {proposal.get_status_display()}",
                link=link,
                guid=f"{link}#decided",
                at=_decided(proposal),
                description=f"{proposal.board.name}, {proposal.board.partnership.name}.{route} {proposal.text}",
                category=proposal.get_status_display(),
            )
        )
    return entries


def decision_entries(proposal: Proposal, site: str) -> list[Entry]:
    """The decision's public history, newest first."""
    context = queries.proposal_context(proposal, public=True)
    link = site + proposal.get_absolute_url()
    entries = []
    for row in reversed(context["events"]):
        event = row.event
        change = f"{row.from_label} → {row.to_label}" if row.from_label else row.to_label
        note = f" {event.note}" if event.note else ""
        entries.append(
            Entry(
                title=f"{row.title}: {proposal.title}",
                link=f"{link}#route",
                guid=f"{link}#event-{event.pk}",
                at=event.at,
                description=f"{change}.{note}",
                category=row.title,
            )
        )
    return entries


class DecisionsRssFeed(FeedBase):
    """RSS 2.0 of the decisions register; per partnership when the URL names one."""

    feed_type: type[SyndicationFeed] = XmlSafeRssFeed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, partnership_slug: str | None = None) -> Scope:
        site = site_url(request)
        if partnership_slug is None:
            return Scope(
                title="Accord: decisions register",
                link=reverse("decisions:register"),
                description="Proposals the partnership boards have settled, agreed or not agreed.",
                entries=register_entries(None, site),
            )
        partnership = get_object_or_404(Partnership, slug=partnership_slug)
        return Scope(
            title=f"{partnership.name}: decisions",
            link=reverse("decisions:register") + f"?partnership={partnership.slug}",
            description=f"Proposals the boards of {partnership.name} have settled, agreed or not agreed.",
            entries=register_entries(partnership, site),
        )

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = PUBLIC_CACHE
        return response

    def title(self, obj: Scope) -> str:
        return obj.title

    def link(self, obj: Scope) -> str:
        return obj.link

    def description(self, obj: Scope) -> str:
        return obj.description

    def items(self, obj: Scope) -> list[Entry]:
        return obj.entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return item.at

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.at

    def item_categories(self, item: Entry) -> tuple[str, ...]:
        return (item.category,)


class DecisionsAtomFeed(DecisionsRssFeed):
    feed_type = XmlSafeAtomFeed

    def subtitle(self, obj: Scope) -> str:
        return obj.description


class DecisionHistoryRssFeed(DecisionsRssFeed):
    """RSS 2.0 of one public decision's history: each step of its route as it happens."""

    def get_object(self, request: HttpRequest, pk: int) -> Scope:  # type: ignore[override]
        proposal = queries.proposal_for_page(Proposal.objects.public(), pk)
        if proposal is None:
            raise Http404("No published decision here.")
        return Scope(
            title=f"{proposal.title}: the decision's history",
            link=proposal.get_absolute_url(),
            description=f"Each step of the route of “{proposal.title}” ({proposal.board.name}).",
            entries=decision_entries(proposal, site_url(request)),
        )


class DecisionHistoryAtomFeed(DecisionHistoryRssFeed):
    feed_type = XmlSafeAtomFeed

    def subtitle(self, obj: Scope) -> str:
        return obj.description


# ---------------------------------------------------------------------------
# The forward plan


def _forward_plan_entries(site: str) -> list[Entry]:
    entries = []
    for row in queries.forward_plan(timezone.now()):
        link = site + reverse("decisions:forward_plan") + f"#{row.key}"
        when = f"{row.board.name} ({row.board.partnership.name}), {timezone.localtime(row.meeting.start):%-d %B %Y}"
        ratify = (
            " Needs ratification by each partner's executive body: "
            + ", ".join(o.name for o in row.ratification_by)
            + "."
            if row.ratification_by
            else ""
        )
        entries.append(
            Entry(
                title=f"{row.title}: expected {timezone.localtime(row.meeting.start):%-d %B %Y}",
                link=link,
                guid=f"{link}@{row.meeting.pk}",
                at=row.entry.created_at if row.entry else row.proposal.created_at if row.proposal else timezone.now(),
                description=f"Expected at {when}. {row.summary}{ratify}",
                category="Forward plan",
            )
        )
    return entries


class ForwardPlanRssFeed(DecisionsRssFeed):
    """RSS 2.0 of the forward plan: decisions expected at future meetings."""

    def get_object(self, request: HttpRequest, partnership_slug: str | None = None) -> Scope:
        return Scope(
            title="Accord: forward plan",
            link=reverse("decisions:forward_plan"),
            description="Decisions the partnership boards expect to take at future meetings.",
            entries=_forward_plan_entries(site_url(request)),
        )


@require_safe
def forward_plan_ics(request: HttpRequest) -> HttpResponse:
    """The forward plan as an iCalendar: one all-day event per expected decision, on the
    day of its meeting (the meeting's own time is in the meetings calendar once its
    agenda is published)."""
    site = site_url(request)
    calendar = Calendar()
    calendar.add("prodid", "-//Accord//Forward plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Accord: forward plan")
    for row in queries.forward_plan(timezone.now()):
        event = Event()
        event.add("uid", f"forward-plan-{row.key}@{request.get_host()}")
        event.add("summary", f"Decision expected: {row.title}")
        day = timezone.localtime(row.meeting.start).date()
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("dtstamp", timezone.now())
        event.add("description", f"{row.board.name} ({row.board.partnership.name}). {row.summary}")
        event.add("url", site + reverse("decisions:forward_plan") + f"#{row.key}")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="forward-plan.ics"'
    response["Cache-Control"] = PUBLIC_CACHE
    return response
