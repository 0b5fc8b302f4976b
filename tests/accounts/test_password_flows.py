"""Password reset and change (issue 11 item 6): one answer whether or not an account
has the address, throttled per address and per client, links that expire, Django's
password validators, and a change that keeps this session and ends the others."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

NEW_PASSWORD = "correct-horse-battery-staple-9"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def reset_link() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"https?://[^/\s]+(/password-reset/[^\s]+/[^\s]+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


@pytest.mark.django_db
def test_the_sign_in_page_links_to_the_password_reset(client):
    html = client.get(reverse("sign-in")).content.decode()
    assert f'href="{reverse("password_reset")}"' in html and "Forgotten your password?" in html


@pytest.mark.django_db
def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_an_email(client, officer):
    known = client.post(reverse("password_reset"), {"email": "OLIVIA@example.org"})
    assert known.status_code == 302 and known["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olivia@example.org"] and message.subject == "Reset your Accord password"
    assert "works for 2 hours" in message.body and "Hello Olivia Officer" in message.body
    reset_link()

    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1  # nothing sent to an address without an account

    done = client.get(reverse("password_reset_done")).content.decode()
    assert "If the address you entered belongs to an Accord account" in done


@pytest.mark.django_db
def test_an_address_not_in_the_right_form_is_shown_in_the_error_summary(client):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "Enter an email address in the correct format" in html
    assert client.post(reverse("password_reset"), {"email": ""}).status_code == 400


@pytest.mark.django_db
def test_the_link_sets_a_new_password_once(client, officer):
    client.post(reverse("password_reset"), {"email": "olivia@example.org"})
    link = reset_link()
    landing = client.get(link)
    assert landing.status_code == 302  # Django moves the token into the session
    form_url = landing["Location"]
    assert "Choose a new password" in client.get(form_url).content.decode()

    weak = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 400
    html = weak.content.decode()
    assert "govuk-error-summary" in html and "too common" in html

    mismatch = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})
    assert mismatch.status_code == 400 and "The two passwords do not match" in mismatch.content.decode()

    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert "Your password has been changed" in client.get(done["Location"]).content.decode()

    again = Client().get(link, follow=True)
    assert again.status_code == 404 and "This link does not work" in again.content.decode()


@pytest.mark.django_db
def test_an_expired_or_made_up_link_says_it_does_not_work(client, officer, monkeypatch, settings):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    client.post(reverse("password_reset"), {"email": "olivia@example.org"})
    link = reset_link()
    later = PasswordResetTokenGenerator._now(PasswordResetTokenGenerator()) + dt.timedelta(hours=2)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    expired = client.get(link, follow=True)
    assert expired.status_code == 404
    html = expired.content.decode()
    assert "This link does not work" in html and "works for 1 hour" in html
    assert f'href="{reverse("password_reset")}"' in html

    made_up = client.get(reverse("password_reset_confirm", args=["MQ", "not-a-token"]))
    assert made_up.status_code == 404 and "This link does not work" in made_up.content.decode()


@pytest.mark.django_db
def test_reset_requests_are_limited_per_address_whether_or_not_it_has_an_account(client, officer, settings):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = 3
    for address in ("olivia@example.org", "Olivia@Example.org", " olivia@example.org "):
        assert client.post(reverse("password_reset"), {"email": address}).status_code == 302
    refused = client.post(reverse("password_reset"), {"email": "OLIVIA@example.org"})
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "too many requests to reset the password for this email address" in refused.content.decode()
    assert len(mail.outbox) == 3

    for _ in range(3):
        client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert client.post(reverse("password_reset"), {"email": "nobody@example.org"}).status_code == 429


@pytest.mark.django_db
def test_reset_requests_are_limited_per_client_address(client, settings):
    settings.PASSWORD_RESET_RATE_PER_CLIENT = 2
    for n in range(2):
        assert client.post(reverse("password_reset"), {"email": f"person{n}@example.org"}).status_code == 302
    refused = client.post(reverse("password_reset"), {"email": "another@example.org"})
    assert refused.status_code == 429 and "from this connection" in refused.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(reverse("password_reset"), {"email": "another@example.org"}).status_code == 302


@pytest.mark.django_db
def test_a_signed_in_user_changes_their_password_and_their_other_sessions_end(client, officer, password):
    elsewhere = Client()
    elsewhere.force_login(officer)
    client.force_login(officer)
    account = client.get(reverse("account")).content.decode()
    assert f'href="{reverse("password_change")}"' in account
    assert "Your account" in client.get("/").content.decode()  # reached from every page's navigation

    wrong = client.post(
        reverse("password_change"),
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 400 and "Your current password is not right" in wrong.content.decode()

    changed = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302 and changed["Location"] == reverse("password_change_done")
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert client.get(reverse("account")).status_code == 200  # still signed in here
    assert elsewhere.get(reverse("account")).status_code == 302  # signed out there


@pytest.mark.django_db
def test_the_password_change_needs_a_signed_in_user(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("sign-in"))
