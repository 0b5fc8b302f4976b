"""No address is ever confirmed to a third party (SPEC §6): the subscribe and
manage-link forms answer the same page whether the address is unknown, subscribed or
already following the same thing, and their rate limits count requests, not
subscriptions. Only the address itself gets email."""

from __future__ import annotations

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from alerts.models import Scope

pytestmark = pytest.mark.django_db

KNOWN = "known@example.net"
UNKNOWN = "unknown@example.net"


def probe(url: str, data: dict[str, object], capture) -> HttpResponse:
    """A request from a third party: a browser of its own."""
    with capture(execute=True):
        return Client().post(url, data)


def test_the_subscribe_form_answers_the_same_whatever_the_address(
    board, subscribed, django_capture_on_commit_callbacks
) -> None:
    subscribed(KNOWN, Scope.BOARD, board=board.pk)
    mail.outbox.clear()
    url = reverse("alerts:subscribe")

    known = probe(url, {"email": KNOWN, "follow": Scope.BOARD, "board": board.pk}, django_capture_on_commit_callbacks)
    unknown = probe(
        url, {"email": UNKNOWN, "follow": Scope.BOARD, "board": board.pk}, django_capture_on_commit_callbacks
    )

    assert known.status_code == unknown.status_code == 200
    assert known.content.replace(KNOWN.encode(), b"ADDRESS") == unknown.content.replace(UNKNOWN.encode(), b"ADDRESS")
    # Each address gets its own confirmation email, and only that.
    assert [message.to for message in mail.outbox] == [[KNOWN], [UNKNOWN]]


def test_the_manage_link_form_answers_the_same_and_emails_only_a_subscriber(
    client, board, subscribed, django_capture_on_commit_callbacks
) -> None:
    subscribed(KNOWN, Scope.BOARD, board=board.pk)
    url = reverse("alerts:manage_request")

    known = probe(url, {"email": KNOWN.upper()}, django_capture_on_commit_callbacks)
    unknown = probe(url, {"email": UNKNOWN}, django_capture_on_commit_callbacks)

    assert known.status_code == unknown.status_code == 200
    assert known.content.replace(KNOWN.encode(), b"ADDRESS") == unknown.content.replace(UNKNOWN.encode(), b"ADDRESS")
    (sent,) = mail.outbox
    assert sent.to == [KNOWN]
    assert "/alerts/manage/" in sent.body


def test_too_many_requests_for_one_address_get_a_429_whatever_the_address(
    client, board, subscribe, subscribed, settings
) -> None:
    settings.ALERTS_RATE_PER_ADDRESS = 2
    subscribed(KNOWN, Scope.BOARD, board=board.pk)  # one request already counted for KNOWN
    subscribe(UNKNOWN, Scope.BOARD, board=board.pk)  # and one for UNKNOWN
    mail.outbox.clear()

    answers = {}
    for address in (KNOWN, UNKNOWN):
        assert subscribe(address, Scope.DECISIONS).status_code == 200
        refused = subscribe(address.upper(), Scope.DECISIONS)  # the same address, normalised
        assert refused.status_code == 429
        assert refused["Retry-After"] == str(settings.ALERTS_RATE_WINDOW)
        assert b"too many requests for this email address" in refused.content
        answers[address] = refused.content

    assert answers[KNOWN] == answers[UNKNOWN]
    assert [message.to for message in mail.outbox] == [[KNOWN], [UNKNOWN]]  # nothing more was sent


def test_too_many_requests_from_one_client_get_a_429(client, board, subscribe, settings) -> None:
    settings.ALERTS_RATE_PER_CLIENT = 3
    for n in range(3):
        assert subscribe(f"reader{n}@example.net", Scope.DECISIONS).status_code == 200

    refused = subscribe("reader9@example.net", Scope.DECISIONS)

    assert refused.status_code == 429
    assert b"too many times from this connection" in refused.content
    assert len(mail.outbox) == 3
    # Another client is not held up.
    other = client.post(
        reverse("alerts:subscribe"),
        {"email": "elsewhere@example.net", "follow": Scope.DECISIONS},
        REMOTE_ADDR="192.0.2.7",
    )
    assert other.status_code == 200


def test_a_bad_form_says_what_to_correct(client, board) -> None:
    cases = [
        ({"email": "", "follow": Scope.DECISIONS}, "Enter your email address"),
        ({"email": "not an address", "follow": Scope.DECISIONS}, "Enter an email address in the correct format"),
        ({"email": "a@example.net"}, "Select what you want email alerts about"),
        ({"email": "a@example.net", "follow": Scope.BOARD}, "Select a board"),
        ({"email": "a@example.net", "follow": Scope.PARTNERSHIP}, "Select a partnership"),
        ({"email": "a@example.net", "follow": Scope.TERM, "term": " x "}, "Enter the words to look for"),
        # Values no radio or list offers (a changed form) get GOV.UK messages too, never
        # Django's "Select a valid choice. … is not one of the available choices." (F6).
        ({"email": "a@example.net", "follow": "everything"}, "Select what you want email alerts about"),
        ({"email": "a@example.net", "follow": Scope.BOARD, "board": "99999"}, "Select a board from the list"),
        ({"email": "a@example.net", "follow": Scope.BOARD, "board": "x"}, "Select a board from the list"),
        (
            {"email": "a@example.net", "follow": Scope.PARTNERSHIP, "partnership": "99999"},
            "Select a partnership from the list",
        ),
        (
            {"email": "a@example.net", "follow": Scope.TERM, "term": "y" * 101},
            "Words to look for must be 100 characters or fewer",
        ),
        ({"email": "a" * 250 + "@example.net", "follow": Scope.DECISIONS}, "Email address must be 254 characters"),
    ]
    for data, message in cases:
        response = client.post(reverse("alerts:subscribe"), data)
        assert response.status_code == 200, data
        assert message.encode() in response.content, (data, message)
        assert b"There is a problem" in response.content
        assert b"valid choice" not in response.content, data
        assert b"Ensure this value" not in response.content, data
        # One message for a field: an unknown board is not also "Select a board".
        assert response.content.count(message.encode()) == 2, data  # the summary and the field
    assert mail.outbox == []


def test_a_get_email_alerts_link_prefills_the_form(client, board, partnership) -> None:
    url = reverse("alerts:subscribe")
    page = client.get(url, {"partnership": partnership.slug, "board": board.slug})
    assert page.context["form"].initial == {"follow": Scope.BOARD, "board": board.pk}
    page = client.get(url, {"partnership": partnership.slug})
    assert page.context["form"].initial == {"follow": Scope.PARTNERSHIP, "partnership": partnership.pk}
    assert client.get(url + "?decisions").context["form"].initial == {"follow": Scope.DECISIONS}
    assert client.get(url, {"term": "  youth   services "}).context["form"].initial == {
        "follow": Scope.TERM,
        "term": "youth services",
    }
    # Nonsense in the link is ignored, never a 500.
    assert client.get(url, {"partnership": "no-such", "board": "x" * 5000}).status_code == 200
