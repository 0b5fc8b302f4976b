"""Two-factor sign-in: which device verified the session, and where a user who must
still give a code is sent.

VerifiedDeviceMiddleware is django-otp's OTPMiddleware, but for a user read by
partnerships.backends.SignedInUserBackend (which reads the ids of their confirmed
devices with them) it checks the session's device against those ids instead of reading
the device: one query less on every page of a verified session. The device itself is
read only if something uses it. Any other device id in the session is left to
django-otp's own reading.

TwoFactorMiddleware enforces it (accounts/two_factor.py decides who): a signed-in user
who must still give a code is sent to enter one, or to set up an authenticator app
first, from every page but those steps, signing out and the open data API (which
reads no session). The back office (Django admin) included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from . import two_factor

ALLOWED = {"two-factor-verify", "two-factor-setup", "sign-out"}
ALLOWED_NAMESPACES = {"api"}


class VerifiedDeviceMiddleware(OTPMiddleware):  # type: ignore[misc]  # django-otp ships no types
    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        confirmed = getattr(user, "confirmed_devices", None)
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY) if user.is_authenticated else None
        if confirmed is None or not persistent_id:
            return super()._verify_user_sync(request, user)  # another backend's user: django-otp's way
        persistent_id = self._normalize_persistent_id(persistent_id)
        if persistent_id not in confirmed:
            # Removed, unconfirmed, not theirs, or spelt otherwise than django-otp writes
            # it today: django-otp's own reading decides (and clears the session's key).
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        user.otp_device = SimpleLazyObject(lambda: Device.from_persistent_id(persistent_id))
        return user


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.url_name in ALLOWED or set(match.namespaces) & ALLOWED_NAMESPACES:
            return None
        if not two_factor.needs_code(request):
            return None
        step = "two-factor-verify" if two_factor.has_authenticator(request.user) else "two-factor-setup"  # type: ignore[arg-type]
        url = reverse(step)
        if request.method in ("GET", "HEAD"):
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)
