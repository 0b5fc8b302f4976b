"""Two-factor sign-in for officers and administrators (django-otp, issue 11 item 6):
after the password, a code from an authenticator app or a backup code; set-up with a
QR code and a key to type; the Django admin included; members are not asked."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, drift)).zfill(device.digits)


def authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def sign_in(client: Client, user, password: str):
    response = client.post(reverse("sign-in"), {"username": user.username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.mark.django_db
def test_an_officer_with_an_app_is_asked_for_a_code_after_the_password(client, officer, password):
    device = authenticator(officer)
    landing = sign_in(client, officer, password)["Location"]
    assert landing == reverse("manage:dashboard")
    asked = client.get(landing)
    assert asked.status_code == 302
    location = urlsplit(asked["Location"])
    assert location.path == reverse("two-factor-verify") and parse_qs(location.query)["next"] == [landing]
    # Every signed-in page waits for the code: the public ones and the account too.
    assert client.get(reverse("account")).status_code == 302
    assert client.get(reverse("home")).status_code == 302

    page = client.get(asked["Location"])
    assert page.status_code == 200 and "Enter your code" in page.content.decode()
    not_the_code = "000000" if code_for(device) != "000000" else "111111"
    wrong = client.post(reverse("two-factor-verify"), {"code": not_the_code, "next": landing})
    assert wrong.status_code == 400 and "govuk-error-summary" in wrong.content.decode()

    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code slowed the next try down
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(reverse("two-factor-verify"), {"code": code_for(device), "next": landing})
    assert right.status_code == 302 and right["Location"] == landing
    assert client.get(landing).status_code == 200


@pytest.mark.django_db
def test_an_officer_without_an_app_sets_one_up_with_a_real_code_and_sees_backup_codes_once(client, officer, password):
    landing = sign_in(client, officer, password)["Location"]
    asked = client.get(landing)
    assert urlsplit(asked["Location"]).path == reverse("two-factor-setup")

    page = client.get(asked["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'aria-label="QR code to scan with your authenticator app"' in html
    assert "<?xml" not in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", html)
    assert secret is not None
    typed = secret.group(1).replace(" ", "")
    assert base64.b32decode(typed + "=" * (-len(typed) % 8)) == device.bin_key
    # Reloading the page shows the same key (the app may already have it).
    client.get(asked["Location"])
    assert TOTPDevice.objects.filter(user=officer).count() == 1

    wrong = client.post(reverse("two-factor-setup"), {"code": "12345x", "next": landing})
    assert wrong.status_code == 400
    done = client.post(reverse("two-factor-setup"), {"code": code_for(device), "next": landing})
    assert done.status_code == 200
    html = done.content.decode()
    assert "Your backup codes" in html and "only time the codes are shown" in html
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(landing).status_code == 200  # verified by setting up

    # The account page says so and never shows the codes again.
    account = client.get(reverse("account")).content.decode()
    assert "10 backup codes left" in account and codes[0] not in account


@pytest.mark.django_db
def test_a_backup_code_works_once(officer, password):
    authenticator(officer)
    backup = StaticDevice.objects.create(user=officer, name="Backup codes", confirmed=True)
    backup.token_set.create(token="abcd2345")
    backup.token_set.create(token="wxyz6789")

    first = Client()
    sign_in(first, officer, password)
    used = first.post(reverse("two-factor-verify"), {"code": "ABCD 2345"}, follow=True)
    assert used.redirect_chain[0][0] == reverse("manage:dashboard")
    assert "You have 1 left" in used.content.decode()

    second = Client()
    sign_in(second, officer, password)
    again = second.post(reverse("two-factor-verify"), {"code": "abcd2345"})
    assert again.status_code == 400
    assert second.get(reverse("manage:dashboard")).status_code == 302


@pytest.mark.django_db
def test_the_set_up_page_cannot_replace_an_app_without_its_code(client, officer, password):
    authenticator(officer)
    sign_in(client, officer, password)
    response = client.get(reverse("two-factor-setup"))
    assert response.status_code == 302 and urlsplit(response["Location"]).path == reverse("two-factor-verify")
    assert TOTPDevice.objects.filter(user=officer, confirmed=False).count() == 0


@pytest.mark.django_db
def test_a_member_is_not_asked(client, member, password):
    sign_in(client, member, password)
    assert client.get(reverse("meetings:member_home")).status_code == 200
    assert client.get(reverse("account")).status_code == 200


@pytest.mark.django_db
def test_the_admin_site_requires_the_second_factor(client, administrator):
    device = authenticator(administrator)
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 302 and urlsplit(response["Location"]).path == reverse("two-factor-verify")
    assert client.get("/admin/accounts/user/").status_code == 302
    client.post(reverse("two-factor-verify"), {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_after_the_code_an_unsafe_next_lands_on_the_users_page(client, officer):
    device = authenticator(officer)
    client.force_login(officer)
    response = client.post(reverse("two-factor-verify"), {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("manage:dashboard")


@pytest.mark.django_db
def test_when_not_required_an_officer_is_not_asked_unless_they_set_up_an_app(client, officer, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(officer)
    assert client.get(reverse("manage:dashboard")).status_code == 200
    authenticator(officer)
    fresh = Client()
    fresh.force_login(officer)
    assert fresh.get(reverse("manage:dashboard")).status_code == 302


@pytest.mark.django_db
def test_signing_out_is_possible_before_the_code(client, officer):
    authenticator(officer)
    client.force_login(officer)
    assert client.post(reverse("sign-out")).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def verified_session(client: Client, user, device) -> None:
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.mark.django_db
def test_a_session_verified_with_the_officers_own_app_is_let_through_and_reads_the_device_when_used(
    client, officer, django_assert_num_queries
):
    device = authenticator(officer)
    verified_session(client, officer, device)
    response = client.get(reverse("account"))
    assert response.status_code == 200
    user = response.wsgi_request.user
    assert user.is_verified()
    with django_assert_num_queries(1):  # read when something uses it, not before
        assert user.otp_device.persistent_id == device.persistent_id


@pytest.mark.parametrize("case", ["unconfirmed", "another user's", "removed", "a backup device"])
@pytest.mark.django_db
def test_a_session_whose_device_is_not_the_users_confirmed_one_must_give_a_code_again(
    client, officer, administrator, case
):
    if case == "unconfirmed":
        device = TOTPDevice.objects.create(user=officer, name="App", confirmed=False)
    elif case == "another user's":
        device = authenticator(administrator)
    elif case == "removed":
        device = authenticator(officer)
    else:  # the officer's backup codes, confirmed, count as theirs
        device = StaticDevice.objects.create(user=officer, name="Backup codes", confirmed=True)
    verified_session(client, officer, device)
    if case == "removed":
        device.delete()
    response = client.get(reverse("account"))
    if case == "a backup device":
        assert response.status_code == 200 and response.wsgi_request.user.is_verified()
        return
    # Not verified: sent to set up an app (the officer has no confirmed one of their own).
    assert response.status_code == 302 and urlsplit(response["Location"]).path == reverse("two-factor-setup")
    assert DEVICE_ID_SESSION_KEY not in client.session


@pytest.mark.parametrize("spelling", ["django_otp.plugins.otp_totp.models.TOTPDevice/{pk}", "otp_totp.TOTPDevice/{pk}"])
@pytest.mark.django_db
def test_a_session_holding_another_spelling_of_the_users_device_is_verified_as_django_otp_reads_it(
    client, officer, spelling
):
    device = authenticator(officer)
    client.force_login(officer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = spelling.format(pk=device.pk)
    session.save()
    response = client.get(reverse("account"))
    assert response.status_code == 200 and response.wsgi_request.user.is_verified()
