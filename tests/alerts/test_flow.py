"""Issue 9 item 3, the must-show: subscribe → confirm → publish → exactly one email →
one-click unsubscribe → publish → no email. And around it: each publication alerts
each confirmed subscriber once, several at once come in one email, only what was
published after the confirmation, and each kind of thing that can be followed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.models import AlertDelivery, PublicationKind, Scope, Subscription
from decisions.models import Proposal, ProposalStatus
from meetings.models import MeetingStatus
from tests.factories import add_version, make_item, make_meeting, make_paper

from .conftest import SITE, links, local, unsubscribe_header_url

pytestmark = pytest.mark.django_db

READER = "reader@example.net"


def publish_agenda(board, title: str = "Spring meeting"):
    now = timezone.now()
    return make_meeting(board, title=title, agenda_published_at=now)


def test_subscribe_confirm_publish_one_email_unsubscribe_publish_no_email(
    client, board, subscribe, confirm, sweep
) -> None:
    response = subscribe(READER, Scope.BOARD, board=board.pk)
    assert response.status_code == 200
    assert b"Check your email" in response.content
    assert not Subscription.objects.exists()  # nothing is stored until the address confirms
    (confirmation,) = mail.outbox
    assert confirmation.to == [READER]
    assert "Partnership Board, Health and Well-Being Partnership" in confirmation.body

    subscription = confirm(confirmation)
    assert subscription.is_active and subscription.board == board
    mail.outbox.clear()

    meeting = publish_agenda(board)
    assert sweep() == 1
    (alert,) = mail.outbox
    assert alert.to == [READER]
    assert "Spring meeting" in alert.subject
    assert SITE + meeting.get_absolute_url() in alert.body
    assert sweep() == 0  # exactly one email
    assert len(mail.outbox) == 1

    # One-click unsubscribe, as a mail client does it (RFC 8058): a POST, no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        local(unsubscribe_header_url(alert)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None

    mail.outbox.clear()
    publish_agenda(board, "Summer meeting")
    assert sweep() == 0
    assert mail.outbox == []
    assert Subscription.objects.filter(pk=subscription.pk).exists()  # history is kept


def test_a_repeated_sweep_sends_each_publication_once(board, subscribed, sweep) -> None:
    subscribed(READER, board=board.pk)
    publish_agenda(board)

    assert [sweep(), sweep(), sweep()] == [1, 0, 0]

    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 1


def test_things_published_together_come_in_one_email(board, subscribed, sweep, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    subscribed(READER, board=board.pk)
    meeting = publish_agenda(board)
    item = make_item(meeting, "Annual plan")
    make_paper(item, "Annual plan 2030", published_at=timezone.now())
    make_paper(item, "Budget figures", published_at=timezone.now())

    assert sweep() == 1

    (alert,) = mail.outbox
    assert alert.subject == "3 new publications you follow"
    for text in ("Agenda: Spring meeting", "Paper: Annual plan 2030", "Paper: Budget figures"):
        assert text in alert.body
    kinds = sorted(AlertDelivery.objects.values_list("kind", flat=True))
    assert kinds == [PublicationKind.AGENDA, PublicationKind.PAPER, PublicationKind.PAPER]


def test_each_kind_of_publication_alerts(board, subscribed, sweep, settings, tmp_path) -> None:
    """Agenda, paper, supplement, minutes and decision: each alerts once, when it is out."""
    settings.MEDIA_ROOT = tmp_path
    subscribed(READER, board=board.pk)
    meeting = publish_agenda(board)
    item = make_item(meeting, "Annual plan")
    paper = make_paper(item, "Annual plan 2030", published_at=timezone.now())
    assert sweep() == 1

    supplement = add_version(paper, b"%PDF-1.4 revised", note="Revised figures", published_at=timezone.now())
    assert sweep() == 1
    assert "Supplement: Annual plan 2030, version 2 (Revised figures)" in mail.outbox[-1].body
    download = reverse("meetings:paper_download", args=[meeting.pk, paper.pk, supplement.number])
    assert SITE + download in mail.outbox[-1].body

    meeting.status = MeetingStatus.MINUTES_PUBLISHED
    meeting.minutes_published_at = timezone.now()
    meeting.save()
    assert sweep() == 1
    assert "Minutes: Spring meeting" in mail.outbox[-1].subject

    Proposal.objects.create(
        board=board,
        item=item,
        title="Adopt the annual plan",
        text="Adopt it.",
        status=ProposalStatus.AGREED_BY_CONSENSUS,
        decided_at=timezone.now(),
    )
    assert sweep() == 1
    assert mail.outbox[-1].subject == "Decision: Adopt the annual plan (agreed by consensus)"
    assert sweep() == 0
    assert len(mail.outbox) == 4


def test_only_what_is_published_after_the_confirmation_alerts(board, subscribe, confirm, sweep) -> None:
    earlier = make_meeting(board, title="Published before", agenda_published_at=timezone.now() - dt.timedelta(hours=1))
    subscribe(READER, Scope.BOARD, board=board.pk)
    # Published after asking, before confirming: not yet followed.
    make_meeting(board, title="Published while waiting", agenda_published_at=timezone.now())
    (confirmation,) = mail.outbox
    confirm(confirmation)
    mail.outbox.clear()

    assert sweep() == 0
    publish_agenda(board, "Published after")
    assert sweep() == 1
    assert "Published after" in mail.outbox[0].body
    assert earlier.title not in mail.outbox[0].body
    assert "Published while waiting" not in mail.outbox[0].body


def test_an_unconfirmed_request_gets_no_alerts(board, subscribe, sweep) -> None:
    subscribe(READER, Scope.BOARD, board=board.pk)
    mail.outbox.clear()
    publish_agenda(board)

    assert sweep() == 0
    assert mail.outbox == []


def test_each_scope_follows_its_own_publications(board, other_board, partnership, subscribed, sweep) -> None:
    subscribed("board@example.net", Scope.BOARD, board=board.pk)
    subscribed("partnership@example.net", Scope.PARTNERSHIP, partnership=partnership.pk)
    subscribed("register@example.net", Scope.DECISIONS)
    subscribed("other@example.net", Scope.BOARD, board=other_board.pk)

    meeting = publish_agenda(board)
    item = make_item(meeting, "Annual plan")
    Proposal.objects.create(
        board=board,
        item=item,
        title="Adopt the plan",
        text="Adopt it.",
        status=ProposalStatus.NOT_AGREED,
        decided_at=timezone.now(),
    )
    # Not yet settled: not in the register, so no alert.
    Proposal.objects.create(board=board, item=item, title="Still open", text="Open.")

    assert sweep() == 3

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["board@example.net", "partnership@example.net", "register@example.net"]
    assert "Agenda: Spring meeting" in by_address["board@example.net"].body
    assert "Decision: Adopt the plan" in by_address["partnership@example.net"].body
    register = by_address["register@example.net"]
    assert register.subject == "Decision: Adopt the plan (not agreed)"
    assert "Still open" not in "".join(m.body for m in mail.outbox)


def test_a_publication_followed_twice_is_listed_once_and_recorded_for_both(
    board, partnership, subscribed, sweep
) -> None:
    first = subscribed(READER, Scope.PARTNERSHIP, partnership=partnership.pk)
    second = subscribed(READER, Scope.BOARD, board=board.pk)
    publish_agenda(board)

    assert sweep() == 1

    (alert,) = mail.outbox
    assert alert.body.count("Agenda: Spring meeting") == 1
    assert sorted(AlertDelivery.objects.values_list("subscription_id", flat=True)) == sorted([first.pk, second.pk])
    # The one-click link stops both: it names the subscriptions the email was sent for.
    Client().post(local(unsubscribe_header_url(alert)))
    assert not Subscription.objects.active().exists()


def test_the_confirmation_page_confirms_only_when_the_button_is_pressed(client, board, subscribe) -> None:
    subscribe(READER, Scope.BOARD, board=board.pk)
    (url,) = links(mail.outbox[0].body, "/alerts/confirm/")

    response = client.get(local(url))  # a link scanner fetching the link

    assert response.status_code == 200
    assert b"Confirm your email alerts" in response.content
    assert not Subscription.objects.exists()


def test_confirming_twice_keeps_one_subscription(client, board, subscribe) -> None:
    subscribe(READER, Scope.BOARD, board=board.pk)
    (url,) = links(mail.outbox[0].body, "/alerts/confirm/")

    client.post(local(url))
    response = client.post(local(url), follow=True)

    assert Subscription.objects.count() == 1
    assert b"You already get email alerts about" in response.content


def test_the_manage_page_lists_and_stops_alerts(client, board, partnership, subscribed) -> None:
    first = subscribed(READER, Scope.BOARD, board=board.pk)
    second = subscribed(READER, Scope.DECISIONS)
    subscribed("someone-else@example.net", Scope.DECISIONS)
    from alerts.tokens import manage_token

    url = reverse("alerts:manage", args=[manage_token(first.subscriber_id)])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Partnership Board, Health and Well-Being Partnership" in page.content
    assert b"The decisions register" in page.content
    assert b"someone-else" not in page.content

    client.post(url, {"unsubscribe": str(first.pk)})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.unsubscribed_at is not None and second.unsubscribed_at is None

    # Another address's subscription cannot be stopped from this page.
    other = Subscription.objects.get(subscriber__email="someone-else@example.net")
    client.post(url, {"unsubscribe": str(other.pk)})
    other.refresh_from_db()
    assert other.unsubscribed_at is None

    response = client.post(url, {"unsubscribe": "all"}, follow=True)
    second.refresh_from_db()
    assert second.unsubscribed_at is not None
    assert b"You get no email alerts" in response.content


def test_the_get_of_the_one_click_link_asks_and_changes_nothing(client, board, subscribed, sweep) -> None:
    subscription = subscribed(READER, board=board.pk)
    publish_agenda(board)
    sweep()
    url = local(unsubscribe_header_url(mail.outbox[0]))

    response = client.get(url)

    assert response.status_code == 200
    assert b"Stop email alerts" in response.content
    assert b'method="post"' in response.content
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None


def test_the_alert_carries_the_one_click_headers(board, subscribed, sweep) -> None:
    subscription = subscribed(READER, board=board.pk)
    publish_agenda(board)
    sweep()

    (alert,) = mail.outbox
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = unsubscribe_header_url(alert)
    assert url.startswith(f"{SITE}/alerts/unsubscribe/")
    assert alert.extra_headers["Auto-Submitted"] == "auto-generated"
    rendered = alert.message()
    assert rendered["List-Unsubscribe"] == f"<{url}>"
    assert rendered["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The body has the same link for this subscription, and a manage link.
    assert url in alert.body
    assert links(alert.body, "/alerts/manage/")
    assert subscription.pk
