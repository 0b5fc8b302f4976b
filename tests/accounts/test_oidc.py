"""Sign-in with the councils' identity provider (OpenID Connect, issue 11 item 6):
off unless configured; an existing account matched by email address is signed in;
an unknown address, one two accounts share or an inactive account is refused with a
clear page; no account is created. The provider is mocked: the token exchange and the
ID token check (OrganisationBackend.get_token / verify_token) and the user-info call."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from accounts.oidc import OrganisationBackend

AUTHORIZE = "https://login.example/tenant/oauth2/v2.0/authorize"


@pytest.fixture
def oidc(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "accord-client"
    settings.OIDC_RP_CLIENT_SECRET = "accord-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = AUTHORIZE
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example/tenant/oauth2/v2.0/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://graph.example/oidc/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example/tenant/discovery/v2.0/keys"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "accounts.oidc.OrganisationBackend"]
    return settings


@pytest.fixture
def provider(monkeypatch):
    """The identity provider: whoever signs in there has ``provider["claims"]``."""
    state: dict[str, object] = {"claims": {}, "nonce": None, "calls": []}

    def get_token(self, payload):
        state["calls"].append(("token", payload["code"], payload["redirect_uri"]))
        return {"id_token": "id-token", "access_token": "access-token"}

    def verify_token(self, token, **kwargs):
        assert token == "id-token"
        return {"sub": "someone", "nonce": kwargs.get("nonce")}

    def get_userinfo(self, access_token, id_token, payload):
        assert access_token == "access-token"
        return dict(state["claims"])  # type: ignore[arg-type]

    monkeypatch.setattr(OrganisationBackend, "get_token", get_token)
    monkeypatch.setattr(OrganisationBackend, "verify_token", verify_token)
    monkeypatch.setattr(OrganisationBackend, "get_userinfo", get_userinfo)
    return state


def through_provider(client, claims: dict[str, str], provider, next_url: str = ""):
    """Start at Accord, come back from the provider with a code; the callback's answer."""
    provider["claims"] = claims
    start = client.get(reverse("oidc-sign-in") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(AUTHORIZE)
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["client_id"] == ["accord-client"] and query["response_type"] == ["code"]
    assert "code_challenge" in query  # PKCE
    return client.get(reverse("oidc-callback"), {"code": "the-code", "state": query["state"][0]})


@pytest.mark.django_db
def test_off_unless_configured(client):
    assert "Sign in with your organisation" not in client.get(reverse("sign-in")).content.decode()
    assert client.get(reverse("oidc-sign-in")).status_code == 404
    assert client.get(reverse("oidc-callback"), {"code": "x", "state": "y"}).status_code == 404


@pytest.mark.django_db
def test_the_sign_in_page_offers_the_organisations_account(client, oidc):
    html = client.get(reverse("sign-in") + "?next=/manage/").content.decode()
    assert "Sign in with your organisation&#x27;s account" in html or "Sign in with your organisation's account" in html
    assert f'href="{reverse("oidc-sign-in")}?next=/manage/"' in html


@pytest.mark.django_db
def test_an_existing_account_is_signed_in_by_its_email_address(client, oidc, provider, officer):
    response = through_provider(client, {"email": "OLIVIA@example.org", "sub": "x"}, provider)
    assert response.status_code == 302 and response["Location"] == reverse("manage:dashboard")
    assert client.session[SESSION_KEY] == str(officer.pk)
    assert provider["calls"] == [("token", "the-code", "http://testserver" + reverse("oidc-callback"))]
    assert client.get(reverse("manage:dashboard")).status_code == 200


@pytest.mark.django_db
def test_a_safe_next_is_followed(client, oidc, provider, member):
    response = through_provider(client, {"email": "mary@example.org"}, provider, next_url="/decisions/my/")
    assert response["Location"] == "/decisions/my/"


@pytest.mark.django_db
def test_an_unknown_address_is_refused_and_no_account_is_made(client, oidc, provider, officer):
    users = User.objects.count()
    response = through_provider(client, {"email": "stranger@example.org"}, provider)
    assert response.status_code == 302 and response["Location"] == reverse("oidc-refused")
    assert SESSION_KEY not in client.session
    assert User.objects.count() == users
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert "could not be matched to an Accord account" in page.content.decode()


@pytest.mark.django_db
def test_an_address_two_accounts_share_or_an_inactive_account_is_refused(client, oidc, provider, officer):
    User.objects.create_user("olivia2", email="olivia@example.org", password="x-long-pass-phrase", role=Role.MEMBER)
    assert through_provider(client, {"email": "olivia@example.org"}, provider)["Location"] == reverse("oidc-refused")
    User.objects.filter(username="olivia2").delete()
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert through_provider(client, {"email": "olivia@example.org"}, provider)["Location"] == reverse("oidc-refused")
    assert through_provider(client, {"sub": "no email"}, provider)["Location"] == reverse("oidc-refused")
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_two_factor_still_applies_unless_the_provider_counts_as_one(client, oidc, provider, officer):
    oidc.TWO_FACTOR_REQUIRED = True
    TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)
    through_provider(client, {"email": "olivia@example.org"}, provider)
    asked = client.get(reverse("manage:dashboard"))
    assert asked.status_code == 302 and urlsplit(asked["Location"]).path == reverse("two-factor-verify")
    oidc.OIDC_COUNTS_AS_TWO_FACTOR = True
    assert client.get(reverse("manage:dashboard")).status_code == 200
