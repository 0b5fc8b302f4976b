"""A link that cannot be used gets a page saying what to do, never a 500: 410 when it
has expired, 400 when it was changed, cut short or made for another purpose."""

from __future__ import annotations

import pytest
from django.core import mail, signing
from django.urls import reverse

from alerts import tokens
from alerts.models import Scope, Subscription

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
    token = tokens.confirm_token(tokens.SubscribeRequest(email=READER, scope=Scope.BOARD, board_id=board.pk + 999))

    response = client.post(reverse("alerts:confirm", args=[token]))

    assert response.status_code == 410
    assert b"The board in this link no longer exists." in response.content
    assert not Subscription.objects.exists()
