"""Alert emails never carry anything the public may not see (SPEC §6 "Nothing
unpublished or exempt is ever reachable anonymously, by ... alert"): the crawler's rich
site, with a marker planted in everything non-public, is swept for subscribers of every
kind; no marker is in any email, and exactly the public publications are alerted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from alerts.models import AlertDelivery, PublicationKind, Scope, Subscriber, Subscription
from decisions.models import Proposal, ProposalStatus
from meetings.models import Meeting, Paper, PaperVersion
from tests.meetings.test_anonymous_crawler import MARKERS, rich_site  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

EXEMPT_PROPOSAL = "EXEMPT-PROPOSAL-MARKER-3b8d"
ALL_MARKERS = [*MARKERS, EXEMPT_PROPOSAL]


def follow(email: str, scope: str, **target: object) -> Subscription:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    key = {"partnership": f"partnership:{target.get('partnership_id')}", "board": f"board:{target.get('board_id')}"}
    return Subscription.objects.create(
        subscriber=subscriber,
        scope=scope,
        key=key.get(scope, "decisions"),
        confirmed_at=timezone.now() - dt.timedelta(days=365),
        **target,
    )


def leaks(message: mail.EmailMessage) -> list[str]:
    text = message.message().as_string().lower()
    return [marker for marker in ALL_MARKERS if marker.lower() in text]


def test_no_alert_email_contains_anything_the_public_may_not_see(
    rich_site,  # noqa: F811
    board,
    other_board,
    partnership,
    sweep,
    settings,  # noqa: F811
) -> None:
    settings.ALERTS_LOOKBACK_DAYS = 400
    upcoming = rich_site["upcoming"]
    assert isinstance(upcoming, Meeting)
    public_item = upcoming.items.get(exempt=False)
    exempt_item = upcoming.items.get(exempt=True)
    decided_at = timezone.now() - dt.timedelta(hours=1)
    agreed = Proposal.objects.create(
        board=board,
        item=public_item,
        title="Adopt the annual plan",
        text="Adopt it.",
        status=ProposalStatus.AGREED_BY_CONSENSUS,
        decided_at=decided_at,
    )
    Proposal.objects.create(
        board=board,
        item=exempt_item,
        title=f"Buy the land {EXEMPT_PROPOSAL}",
        text=f"Pay {EXEMPT_PROPOSAL}",
        status=ProposalStatus.AGREED_BY_CONSENSUS,
        decided_at=decided_at,
    )
    follow("board@example.net", Scope.BOARD, board_id=board.pk)
    follow("partnership@example.net", Scope.PARTNERSHIP, partnership_id=partnership.pk)
    follow("register@example.net", Scope.DECISIONS)
    follow("other@example.net", Scope.BOARD, board_id=other_board.pk)  # its only meeting was never published

    assert sweep() == 3

    assert {m.to[0] for m in mail.outbox} == {"board@example.net", "partnership@example.net", "register@example.net"}
    assert {m.to[0]: leaks(m) for m in mail.outbox} == {m.to[0]: [] for m in mail.outbox}

    # Exactly the public publications, each from the one publicity definition.
    plan, figures = rich_site["plan"], rich_site["figures"]
    assert isinstance(plan, Paper) and isinstance(figures, Paper)
    expected = {
        *((PublicationKind.AGENDA, m.pk) for m in Meeting.objects.public()),
        (PublicationKind.PAPER, plan.pk),
        (PublicationKind.PAPER, figures.pk),
        *((PublicationKind.SUPPLEMENT, v.pk) for v in PaperVersion.objects.public().filter(number=2)),
        (PublicationKind.MINUTES, rich_site["minuted"].pk),  # type: ignore[union-attr]
        (PublicationKind.DECISION, agreed.pk),
    }
    board_keys = set(
        AlertDelivery.objects.filter(subscription__subscriber__email="board@example.net").values_list(
            "kind", "object_id"
        )
    )
    assert board_keys == expected
    assert len(Paper.objects.public()) == 2  # the exempt item's published valuation is not among them
    register_keys = set(
        AlertDelivery.objects.filter(subscription__subscriber__email="register@example.net").values_list(
            "kind", "object_id"
        )
    )
    assert register_keys == {(PublicationKind.DECISION, agreed.pk)}


def test_a_paper_becomes_an_alert_only_when_its_agenda_is_published(board, subscribed, sweep, settings, tmp_path):
    from tests.factories import make_item, make_meeting, make_paper

    settings.MEDIA_ROOT = tmp_path
    subscribed("reader@example.net", Scope.BOARD, board=board.pk)
    meeting = make_meeting(board, published=False, title="Not yet public")
    make_paper(make_item(meeting, "Plan"), "Early paper", published_at=timezone.now())
    exempt = make_item(meeting, "Land", exempt=True)
    make_paper(exempt, "Exempt valuation", published_at=timezone.now())

    assert sweep() == 0

    meeting.agenda_published_at = timezone.now()
    meeting.save()
    assert sweep() == 1
    body = mail.outbox[0].body
    assert "Early paper" in body and "Not yet public" in body
    assert "Exempt valuation" not in body and "Land" not in body
