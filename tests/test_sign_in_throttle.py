"""Sign-in throttling behind the TLS proxy (issue 11 item 5): failures are counted per
client address, which is the one the proxy added to X-Forwarded-For, so five bad
passwords from one client do not lock a username out for everyone behind the proxy,
and a client cannot pick the address it is counted under."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from accounts.throttle import client_address

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.2"  # the proxy's address on the compose network


def through_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def fail_until_locked(client: Client, username: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/sign-in/", {"username": username, "password": "wrong"}).status_code == 400
    assert client.post("/sign-in/", {"username": username, "password": "wrong"}).status_code == 429


@pytest.mark.parametrize(
    ("behind_proxy", "meta", "expected"),
    [
        (False, {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "203.0.113.5"),
        (True, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "203.0.113.5"),
        (True, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.5"}, "203.0.113.5"),
        (True, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:db8::1"}, "2001:db8::1"),
        (True, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not an address"}, PROXY),
        (True, {"REMOTE_ADDR": PROXY}, PROXY),
    ],
)
def test_the_client_address(settings, behind_proxy, meta, expected) -> None:
    settings.BEHIND_PROXY = behind_proxy
    assert client_address(RequestFactory().get("/", **meta)) == expected


def test_behind_the_proxy_a_lockout_is_the_one_clients_alone(settings, officer, password) -> None:
    settings.BEHIND_PROXY = True
    attacker = through_proxy("203.0.113.5")
    fail_until_locked(attacker, "olivia")
    assert attacker.post("/sign-in/", {"username": "olivia", "password": password}).status_code == 429
    # Writing another address into the header does not get the attacker a fresh count.
    spoofing = through_proxy("198.51.100.7, 203.0.113.5")
    assert spoofing.post("/sign-in/", {"username": "olivia", "password": password}).status_code == 429
    # Olivia, from her own address through the same proxy, signs in.
    olivia = through_proxy("198.51.100.7")
    response = olivia.post("/sign-in/", {"username": "olivia", "password": password})
    assert response.status_code == 302 and response["Location"] == "/manage/"


def test_served_directly_the_header_is_not_believed(settings, officer, password) -> None:
    settings.BEHIND_PROXY = False
    fail_until_locked(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1"), "olivia")
    evading = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert evading.post("/sign-in/", {"username": "olivia", "password": password}).status_code == 429
