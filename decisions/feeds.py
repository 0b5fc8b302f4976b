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
from django.utils.feedgenerator import Atom1Feed

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
    feed_type = Atom1Feed

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
    feed_type = Atom1Feed

    def subtitle(self, obj: Scope) -> str:
        return obj.description
