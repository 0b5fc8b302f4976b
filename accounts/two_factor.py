"""Who must sign in with a second factor, and what they have set up (django-otp).

Officers, administrators and staff must when TWO_FACTOR_REQUIRED is on; anyone who
has set up an authenticator app is asked for a code whether or not it is required.
A session signed in through the councils' identity provider counts as verified when
OIDC_COUNTS_AS_TWO_FACTOR is on (the provider asked for the second factor).
"""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

# The session marks a sign-in through the identity provider (accounts/oidc.py).
OIDC_SESSION_KEY = "accord_signed_in_with_oidc"
# Whether a user not required to use two-factor sign-in has set it up (needs_code).
HAS_AUTHENTICATOR_KEY = "accord_has_authenticator"


def must_use_two_factor(user: User) -> bool:
    """Whether the user's role needs a second factor (whatever they have set up)."""
    return bool(settings.TWO_FACTOR_REQUIRED) and (user.is_officer or user.is_staff or user.is_superuser)


def has_authenticator(user: User) -> bool:
    return bool(user_has_device(user, confirmed=True))


def needs_code(request: HttpRequest) -> bool:
    """Whether this signed-in request must still pass a second factor."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if user.is_verified():  # type: ignore[attr-defined]  # set by django_otp's OTPMiddleware
        return False
    if settings.OIDC_COUNTS_AS_TWO_FACTOR and request.session.get(OIDC_SESSION_KEY):
        return False
    if must_use_two_factor(user):
        return True
    # Someone not required to use it may have chosen to: asked at sign-in and kept in the
    # session (remember_authenticator), so that pages do not read the devices every time.
    if (chosen := request.session.get(HAS_AUTHENTICATOR_KEY)) is None:
        chosen = request.session[HAS_AUTHENTICATOR_KEY] = has_authenticator(user)
    return bool(chosen)


def remember_authenticator(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    """On sign-in (Django's user_logged_in signal), whether the user has set up an
    authenticator app, for needs_code."""
    if request is not None and hasattr(request, "session") and not must_use_two_factor(user):
        request.session[HAS_AUTHENTICATOR_KEY] = has_authenticator(user)


def totp_device(user: User, *, confirmed: bool) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def static_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_codes_left(user: User) -> int:
    device = static_device(user)
    return device.token_set.count() if device else 0


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The app's set-up link as an inline SVG QR code (no script, no style: CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10)
    svg: str = image.to_string(encoding="unicode")
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" focusable="false" ', 1
    )
