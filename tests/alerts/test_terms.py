"""Alerts on a search term: what the public search (search.queries.public_matches)
finds among the new publications."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from alerts.actions import alerts_send_due
from alerts.models import PublicationKind, Scope, Subscriber, Subscription
from alerts.queries import Publication, PublicationKey
from search.actions import index_rebuild, version_extract
from tests.factories import make_item, make_meeting, make_paper
from tests.search.conftest import docx_of, upload

pytestmark = pytest.mark.django_db


def test_a_term_alert_lists_what_the_search_finds(board, subscribed, settings, tmp_path) -> None:
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


def test_one_search_per_distinct_term(board) -> None:
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


def test_a_term_alert_with_the_real_search_finds_words_inside_a_paper(board, subscribed, settings, tmp_path) -> None:
    """The default matcher is the public search itself: a word only inside a published
    paper's file alerts the term's subscriber, once the file's text is indexed."""
    settings.MEDIA_ROOT = tmp_path
    subscribed("reader@example.net", Scope.TERM, term="hydrotherapy pool")
    meeting = make_meeting(board, title="Spring meeting", agenda_published_at=timezone.now())
    paper = make_paper(make_item(meeting, "Leisure"), "Leisure review", published_at=timezone.now(), versions=0)
    version = upload(paper, docx_of("The hydrotherapy pool at the leisure centre reopens in May."), "docx")
    make_paper(make_item(meeting, "Money"), "Budget", published_at=timezone.now())
    index_rebuild()
    version_extract(version.pk)

    assert alerts_send_due(now=timezone.now()) == 1
    (alert,) = mail.outbox
    assert "Leisure review" in alert.body
    assert "Budget" not in alert.body
