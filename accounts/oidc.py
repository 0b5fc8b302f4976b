"""Sign-in with the councils' identity provider (OpenID Connect, mozilla-django-oidc),
on when OIDC_RP_CLIENT_ID is set (governance/settings.py).

The provider's email claim (from its user-info endpoint) is matched, ignoring case,
to exactly one active Accord account: no account is ever created, and an address that
two accounts share signs neither in. Everyone else gets the "not signed in" page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import load_backend
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import User
from .two_factor import OIDC_SESSION_KEY
from .views import landing_page

# The backend that reads the signed-in user for every page (settings.AUTHENTICATION_BACKENDS).
SIGNED_IN_USER = "partnerships.backends.SignedInUserBackend"


class OrganisationBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # mozilla-django-oidc ships no types
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not settings.OIDC_ENABLED or request is None or "code" not in request.GET:
            return None
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = str(claims.get("email") or "").strip()
        if not email:
            return User.objects.none()
        users = User.objects.filter(email__iexact=email, is_active=True)
        return users if users.count() == 1 else User.objects.none()

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user  # Accord's own record of the person stands

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user as for a password sign-in: active, read in one query with
        their Person and the partnerships they service."""
        user: User | None = load_backend(SIGNED_IN_USER).get_user(user_id)
        return user


class SignInRequest(OIDCAuthenticationRequestView):  # type: ignore[misc]  # mozilla-django-oidc ships no types
    """Off (404) unless the identity provider is configured."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404("Sign-in with an organisation's account is not set up")
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response


class SignInCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # mozilla-django-oidc ships no types
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404("Sign-in with an organisation's account is not set up")
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    @property
    def failure_url(self) -> str:
        return reverse("oidc-refused")

    @property
    def success_url(self) -> str:
        next_url = self.request.session.get("oidc_login_next")
        return str(next_url) if next_url else landing_page(self.user)

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        self.request.session[OIDC_SESSION_KEY] = True
        return response

    def login_failure(self) -> HttpResponse:
        return HttpResponseRedirect(self.failure_url)


sign_in_request = SignInRequest.as_view()
sign_in_callback = SignInCallback.as_view()
