"""Alerts on a search term: what the public search (search.queries.public_matches)
finds among the new publications. The subscribe form offers terms only once the search
app offers that reading; until then nothing breaks."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alerts.actions import alerts_send_due
from alerts.models import PublicationKind, Scope, Subscriber, Subscription
from alerts.queries import Publication, PublicationKey, terms_available
from tests.factories import make_item, make_meeting, make_paper

pytestmark = pytest.mark.django_db


def test_a_term_alert_lists_what_the_search_finds(board, subscribed, search_offered, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    subscription = subscribed("reader@example.net", Scope.TERM, term="  Youth   services ")
    assert (subscription.term, subscription.key) == ("Youth services", "term:youth services")
    meeting = make_meeting(board, title="Spring meeting", agenda_published_at=timezone.now())
    item = make_item(meeting, "Plans")
    make_paper(item, "Youth strategy", published_at=timezone.now())
    make_paper(item, "Budget", published_at=timezone.now())

    def match(term: str, publications: list[Publication]) -> set[PublicationKey]:
        assert term == "Youth services"
        return {p.key for p in publications if "Youth" in p.title}

    assert alerts_send_due(now=timezone.now(), match_term=match) == 1
    (alert,) = mail.outbox
    assert alert.subject == "Paper: Youth strategy, for the meeting on " + alert.subject.rsplit(" on ", 1)[1]
    assert "Budget" not in alert.body
    assert "Search term “Youth services”" in alert.body
    assert alerts_send_due(now=timezone.now(), match_term=match) == 0


def test_one_search_per_distinct_term(board, search_offered) -> None:
    for n in range(3):
        subscriber = Subscriber.objects.create(email=f"r{n}@example.net")
        Subscription.objects.create(
            subscriber=subscriber,
            scope=Scope.TERM,
            term="youth services",
            key="term:youth services",
            confirmed_at=timezone.now(),
        )
    make_meeting(board, title="Youth services review", agenda_published_at=timezone.now())
    searched: list[str] = []

    def match(term: str, publications: list[Publication]) -> set[PublicationKey]:
        searched.append(term)
        return {(PublicationKind.AGENDA, p.object_id) for p in publications}

    assert alerts_send_due(now=timezone.now(), match_term=match) == 3
    assert searched == ["youth services"]


@pytest.mark.skipif(terms_available(), reason="the search app offers public_matches")
def test_until_the_search_offers_terms_the_form_does_not_and_the_sweep_copes(client, board) -> None:
    page = client.get(reverse("alerts:subscribe") + "?term=youth")
    assert b"A search term" not in page.content
    assert page.context["form"].initial == {}
    refused = client.post(
        reverse("alerts:subscribe"), {"email": "a@example.net", "follow": Scope.TERM, "term": "youth"}
    )
    assert b"Select a valid choice" in refused.content
    # A term subscription made anyway matches nothing, and the other alerts still go.
    subscriber = Subscriber.objects.create(email="reader@example.net")
    Subscription.objects.create(
        subscriber=subscriber, scope=Scope.TERM, term="youth", key="term:youth", confirmed_at=timezone.now()
    )
    Subscription.objects.create(
        subscriber=subscriber, scope=Scope.BOARD, board=board, key=f"board:{board.pk}", confirmed_at=timezone.now()
    )
    make_meeting(board, title="Youth services review", agenda_published_at=timezone.now())
    assert alerts_send_due(now=timezone.now()) == 1
