"""The sweep and the alert pages use a number of queries that does not grow with the
rows (SPEC §8 "Fast at real scale"): checked at 10 and at 200."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alerts import tokens
from alerts.models import Scope, Subscriber, Subscription
from decisions.models import Proposal, ProposalStatus
from meetings.models import MeetingStatus
from partnerships.models import Board, Layer
from tests.factories import make_item, make_meeting

pytestmark = pytest.mark.django_db

SUBSCRIBERS = 3


def publish(board, n: int) -> None:
    """n publications: a quarter each agendas, minutes, papers and decisions."""
    now = timezone.now()
    for i in range(n // 4):
        meeting = make_meeting(
            board,
            title=f"Meeting {i}",
            agenda_published_at=now,
            status=MeetingStatus.MINUTES_PUBLISHED,
            minutes_published_at=now,
        )
        item = make_item(meeting, f"Item {i}")
        item.papers.create(title=f"Paper {i}", published_at=now)
        Proposal.objects.create(
            board=board,
            item=item,
            title=f"Decision {i}",
            text="Agree.",
            status=ProposalStatus.AGREED_BY_CONSENSUS,
            decided_at=now,
        )


@pytest.mark.parametrize("rows", [10, 200])
def test_the_sweep_needs_a_fixed_number_of_queries(board, partnership, rows, sweep, django_assert_max_num_queries):
    before = timezone.now()
    for n in range(SUBSCRIBERS):
        subscriber = Subscriber.objects.create(email=f"reader{n}@example.net")
        Subscription.objects.create(
            subscriber=subscriber, scope=Scope.BOARD, board=board, key=f"board:{board.pk}", confirmed_at=before
        )
        Subscription.objects.create(subscriber=subscriber, scope=Scope.DECISIONS, key="decisions", confirmed_at=before)
    publish(board, rows)

    # 1 subscriptions + 5 publications + 1 delivered, then per subscriber: savepoints,
    # the delivery rows (in batches of SQLite's parameter limit), the stamp.
    with django_assert_max_num_queries(7 + SUBSCRIBERS * 8):
        assert sweep() == SUBSCRIBERS
    assert len(mail.outbox) == SUBSCRIBERS
    with django_assert_max_num_queries(7):
        assert sweep() == 0


@pytest.mark.parametrize("rows", [10, 200])
def test_the_alert_pages_need_a_fixed_number_of_queries(client, partnership, rows, django_assert_max_num_queries):
    boards = Board.objects.bulk_create(
        Board(partnership=partnership, name=f"Board {n}", slug=f"board-{n}", layer=Layer.BOARD) for n in range(rows)
    )
    subscriber = Subscriber.objects.create(email="reader@example.net")
    subscriptions = Subscription.objects.bulk_create(
        Subscription(
            subscriber=subscriber, scope=Scope.BOARD, board=b, key=f"board:{b.pk}", confirmed_at=timezone.now()
        )
        for b in boards
    )
    ids = [s.pk for s in Subscription.objects.filter(subscriber=subscriber)]
    assert len(ids) == len(subscriptions)

    pages = [
        reverse("alerts:index"),
        reverse("alerts:subscribe"),
        reverse("alerts:subscribe") + f"?partnership={partnership.slug}&board=board-1",
        reverse("alerts:manage_request"),
        reverse("alerts:manage", args=[tokens.manage_token(subscriber.pk)]),
        reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(ids)]),
    ]
    for url in pages:
        with django_assert_max_num_queries(6):
            response = client.get(url)
        assert response.status_code == 200, url
    with django_assert_max_num_queries(6):
        assert client.post(reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(ids)])).status_code == 200
    assert not Subscription.objects.active().exists()
