"""A link that cannot be used gets a page saying what to do, never a 500: 410 when it
has expired, 400 when it was changed, cut short or made for another purpose."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alerts import actions, tokens
from alerts.models import PendingSubscription, Scope, SubscribeRequest, Subscription
from alerts.tasks import send_due_alerts

from .conftest import links, local

pytestmark = pytest.mark.django_db

READER = "reader@example.net"


def confirmation_url(subscribe, board) -> str:
    subscribe(READER, Scope.BOARD, board=board.pk)
    (url,) = links(mail.outbox[-1].body, "/alerts/confirm/")
    return local(url)


def test_an_expired_confirmation_link_says_to_ask_again(client, board, subscribe, settings) -> None:
    url = confirmation_url(subscribe, board)
    settings.ALERTS_CONFIRM_MAX_AGE = -1  # any link is now too old

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert b"This link has expired" in response.content
        assert reverse("alerts:subscribe").encode() in response.content
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda url: url[:-10] + "/",  # cut short
        lambda url: url.replace("/confirm/", "/confirm/x"),  # changed
        lambda url: url[:-3] + ("A/" if url[-3] != "A" else "B/"),  # one character of the signature
    ],
)
def test_a_changed_confirmation_link_does_not_work(client, board, subscribe, damage) -> None:
    url = damage(confirmation_url(subscribe, board))

    response = client.post(url)

    assert response.status_code == 400
    assert b"This link does not work" in response.content
    assert not Subscription.objects.exists()


def test_a_link_signed_for_another_purpose_does_not_work(client, board, subscribed) -> None:
    subscription = subscribed(READER, board=board.pk)
    manage = tokens.manage_token(subscription.subscriber_id)
    unsubscribe = tokens.unsubscribe_token([subscription.pk])

    assert client.post(reverse("alerts:unsubscribe", args=[manage])).status_code == 400
    assert client.get(reverse("alerts:manage", args=[unsubscribe])).status_code == 400
    assert client.post(reverse("alerts:confirm", args=[manage])).status_code == 400
    subscription.refresh_from_db()
    assert subscription.is_active


def test_a_well_signed_link_with_a_wrong_payload_does_not_work(client) -> None:
    for salt, name in (
        (tokens.CONFIRM_SALT, "alerts:confirm"),
        (tokens.MANAGE_SALT, "alerts:manage"),
        (tokens.UNSUBSCRIBE_SALT, "alerts:unsubscribe"),
    ):
        for payload in ([1, 2], {"a": "x"}, {"s": ["1"]}, {"e": "a@example.net", "s": "nonsense"}, "text"):
            token = signing.dumps(payload, salt=salt)
            response = client.post(reverse(name, args=[token]))
            assert response.status_code == 400, (name, payload)


def test_an_expired_manage_link_says_how_to_get_a_new_one(client, board, subscribed, settings) -> None:
    subscription = subscribed(READER, board=board.pk)
    url = reverse("alerts:manage", args=[tokens.manage_token(subscription.subscriber_id)])
    settings.ALERTS_MANAGE_MAX_AGE = -1

    response = client.get(url)

    assert response.status_code == 410
    assert reverse("alerts:manage_request").encode() in response.content


def test_an_unsubscribe_link_never_expires(client, board, subscribed, settings) -> None:
    subscription = subscribed(READER, board=board.pk)
    url = reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token([subscription.pk])])
    settings.ALERTS_CONFIRM_MAX_AGE = settings.ALERTS_MANAGE_MAX_AGE = -1

    assert client.post(url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_a_confirmation_for_a_board_that_has_gone_says_so(client, board, subscribe) -> None:
    now = timezone.now()
    pending = actions.pending_subscription_create(
        request=SubscribeRequest(email=READER, scope=Scope.BOARD, board_id=board.pk + 999), now=now
    )
    token = tokens.confirm_token(pending.pk, now)

    response = client.post(reverse("alerts:confirm", args=[token]))

    assert response.status_code == 410
    assert b"The board in this link no longer exists." in response.content
    assert not Subscription.objects.exists()


# ---------------------------------------------------------------------------
# Hostile review F3, F4, F5


def test_the_unsubscribe_page_hands_out_no_manage_link(client, board, subscribed) -> None:
    """F3: the unsubscribe link never expires, so a manage link minted on its page would
    renew manage access for ever. The page points to the form that emails one instead."""
    subscription = subscribed(READER, board=board.pk)
    url = reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token([subscription.pk])])

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 200
        html = response.content.decode()
        assert not re.search(r"/alerts/manage/[^\"/]+/", html)  # no manage link itself
        assert f'href="{reverse("alerts:manage_request")}"' in html
        assert "ask for a link to manage them" in html


def test_the_confirmation_link_does_not_carry_the_address(board, subscribe) -> None:
    """F4: a signed value is only base64: the link names the pending request by id."""
    subscribe(READER, Scope.BOARD, board=board.pk)
    (url,) = links(mail.outbox[-1].body, "/alerts/confirm/")
    token = url.rstrip("/").rsplit("/", 1)[1]

    payload = token.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert READER.encode() not in decoded and b"reader" not in decoded and b"@" not in decoded
    assert READER.encode() not in url.encode()
    pending = PendingSubscription.objects.get()
    assert json.loads(decoded) == {"r": pending.pk, "i": tokens._microseconds(pending.created_at)}
    link = tokens.read_confirm_token(token)
    assert (link.pending_id, link.issued_at) == (pending.pk, pending.created_at)
    assert not Subscription.objects.exists()  # still nothing followed until it is confirmed


def test_the_pages_of_a_link_are_never_cached_and_send_no_referer(client, board, subscribe) -> None:
    """F4: the token in their address must not stay in a cache or leak in a Referer."""
    subscribe(READER, Scope.BOARD, board=board.pk)
    (url,) = links(mail.outbox[-1].body, "/alerts/confirm/")
    confirm_url = local(url)
    confirm_page = client.get(confirm_url)
    redirect = client.post(confirm_url)
    assert redirect.status_code == 302
    manage_url = redirect["Location"]
    subscription = Subscription.objects.get()
    unsubscribe_url = reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token([subscription.pk])])

    responses = {
        "confirm": confirm_page,
        "confirm POST": redirect,
        "manage": client.get(manage_url),
        "manage POST": client.post(manage_url, {"unsubscribe": "none"}),
        "unsubscribe": client.get(unsubscribe_url),
        "unsubscribe POST": client.post(unsubscribe_url),
        "bad confirm link": client.get(reverse("alerts:confirm", args=["nonsense"])),
        "bad manage link": client.get(reverse("alerts:manage", args=["nonsense"])),
        "bad unsubscribe link": client.head(reverse("alerts:unsubscribe", args=["nonsense"])),
    }
    for name, response in responses.items():
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "no-cache", "private"} <= cache_control, name
        assert response["Referrer-Policy"] == "no-referrer", name
    # The other pages keep the site's policy (same-origin): only the link pages change.
    assert client.get(reverse("alerts:subscribe"))["Referrer-Policy"] == "same-origin"


def test_a_request_never_confirmed_is_deleted_once_its_link_has_expired(board, subscribe, settings) -> None:
    subscribe(READER, Scope.BOARD, board=board.pk)
    pending = PendingSubscription.objects.get()

    now = pending.created_at + dt.timedelta(seconds=settings.ALERTS_CONFIRM_MAX_AGE - 1)
    assert actions.pending_subscriptions_purge(now=now) == 0
    assert actions.pending_subscriptions_purge(now=now + dt.timedelta(seconds=2)) == 1
    assert not PendingSubscription.objects.exists()


def test_the_sweep_task_deletes_expired_requests(board, subscribe, settings) -> None:
    subscribe(READER, Scope.BOARD, board=board.pk)
    PendingSubscription.objects.update(created_at=timezone.now() - dt.timedelta(days=30))

    send_due_alerts.delay()

    assert not PendingSubscription.objects.exists()


def test_a_link_whose_request_has_been_deleted_has_expired(client, board, subscribe) -> None:
    url = confirmation_url(subscribe, board)
    PendingSubscription.objects.all().delete()

    response = client.post(url)

    assert response.status_code == 410
    assert b"This link has expired" in response.content
    assert not Subscription.objects.exists()


def test_an_old_confirmation_link_does_not_undo_an_unsubscribe(client, board, subscribe) -> None:
    """F5: a confirmation link issued before the address unsubscribed from the same thing
    no longer works, whether or not it had been used."""
    url = confirmation_url(subscribe, board)  # issued now
    assert client.post(url).status_code == 302
    subscription = Subscription.objects.get()
    unused = confirmation_url(subscribe, board)  # a second request, before unsubscribing
    assert (
        client.post(reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token([subscription.pk])])).status_code
        == 200
    )

    for link in (url, unused):
        for response in (client.get(link), client.post(link)):
            assert response.status_code == 410
            page = response.content.decode()
            assert "This link is no longer valid" in page
            assert "You stopped these email alerts after this link was sent" in page
            assert "Partnership Board, Health and Well-Being Partnership" in page
            assert 'method="post"' not in page  # no button to confirm
    assert list(Subscription.objects.values_list("pk", flat=True)) == [subscription.pk]
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None

    # Asked for again after unsubscribing, a new link works.
    fresh = confirmation_url(subscribe, board)
    assert client.post(fresh).status_code == 302
    assert Subscription.objects.active().count() == 1


def test_an_unsubscribe_from_something_else_does_not_stop_a_confirmation_link(
    client, board, subscribed, subscribe
) -> None:
    decisions = subscribed(READER, Scope.DECISIONS)
    url = confirmation_url(subscribe, board)
    actions.subscriptions_unsubscribe(subscription_ids=[decisions.pk], now=timezone.now())

    assert client.post(url).status_code == 302
    assert Subscription.objects.active().get().board == board


def test_the_action_refuses_a_link_issued_before_the_unsubscribe(board, subscribed) -> None:
    subscription = subscribed(READER, board=board.pk)
    issued = timezone.now()
    actions.subscriptions_unsubscribe(subscription_ids=[subscription.pk], now=issued + dt.timedelta(microseconds=1))
    wanted = SubscribeRequest(email=READER, scope=Scope.BOARD, board_id=board.pk)

    with pytest.raises(ValidationError) as refused:
        actions.subscription_confirm(request=wanted, issued_at=issued, now=timezone.now())
    assert refused.value.code == "withdrawn"
    created, _ = actions.subscription_confirm(
        request=wanted, issued_at=issued + dt.timedelta(seconds=1), now=timezone.now()
    )
    assert created.is_active


@pytest.mark.django_db
def test_stopping_an_alert_that_is_not_listed_changes_nothing_and_says_so(client) -> None:
    from alerts import tokens
    from alerts.models import Subscriber

    subscriber = Subscriber.objects.create(email="reader@example.net")
    url = reverse("alerts:manage", args=[tokens.manage_token(subscriber.pk)])
    for choice in ("", "abc", "999999"):
        response = client.post(url, {"unsubscribe": choice})
        assert response.status_code == 400
        assert "nothing changed" in response.content.decode()
