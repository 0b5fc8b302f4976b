from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import django_otp
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import actions, throttle, two_factor
from .forms import ChangePasswordForm, CodeForm, PasswordResetRequestForm, SetNewPasswordForm, SignInForm
from .models import User


def landing_page(user: User) -> str:
    """Where a user lands after signing in when no safe `next` was given: the one place
    that decides it (item 20)."""
    if user.is_officer:  # administrators included
        return reverse("manage:dashboard")
    if user.is_scrutiny:
        return reverse("reports:dashboard")
    return reverse("meetings:member_home")  # a member or deputy: their meetings, papers and actions


def _hours(seconds: int) -> str:
    if seconds < 3600:
        minutes = max(1, seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = seconds // 3600
    return f"{hours} hour{'s' if hours != 1 else ''}"


def _site_url(request: HttpRequest) -> str:
    """SITE_URL when set, or the address this request was made to (as governance.site)."""
    return str(settings.SITE_URL).rstrip("/") if settings.SITE_URL else request.build_absolute_uri("/").rstrip("/")


def _invalid(response: HttpResponse) -> HttpResponse:
    response.status_code = 400
    return response


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        """A safe `next` wins (LoginView checks url_has_allowed_host_and_scheme), except
        one back to the sign-in page itself, which would loop."""
        url = super().get_redirect_url()
        return "" if urlsplit(url).path == self.request.path else url

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        return landing_page(user) if isinstance(user, User) else super().get_default_redirect_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.OIDC_ENABLED}

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        return _invalid(super().form_invalid(form))


sign_in = SignInView.as_view()
sign_out = require_POST(auth_views.LogoutView.as_view())


# ---------------------------------------------------------------------------
# Password reset: one answer whether or not an account has the address; throttled


def _too_many(request: HttpRequest, reason: str) -> HttpResponse:
    response = render(request, "registration/too_many.html", {"reason": reason}, status=429)
    response["Retry-After"] = str(settings.PASSWORD_RESET_RATE_WINDOW)
    return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if refused := throttle.reset_client_refused(request):
            return _too_many(request, refused)
        response: HttpResponse = super().post(request, *args, **kwargs)
        return response

    def form_valid(self, form: PasswordResetRequestForm) -> HttpResponse:
        if refused := throttle.reset_address_refused(form.cleaned_data["email"]):
            return _too_many(self.request, refused)
        self.extra_email_context = {
            "site_url": _site_url(self.request),
            "expires_in": _hours(settings.PASSWORD_RESET_TIMEOUT),
        }
        return super().form_valid(form)

    def form_invalid(self, form: Form) -> HttpResponse:
        return _invalid(super().form_invalid(form))


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "expires_in": _hours(settings.PASSWORD_RESET_TIMEOUT)}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    form_class = SetNewPasswordForm
    success_url = reverse_lazy("password_reset_complete")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "expires_in": _hours(settings.PASSWORD_RESET_TIMEOUT)}

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if not context.get("validlink"):
            response.status_code = 404  # expired, used or never ours: the link leads nowhere
        return response

    def form_valid(self, form: SetNewPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())  # a lock-out from the forgotten password ends
        return response

    def form_invalid(self, form: Form) -> HttpResponse:
        return _invalid(super().form_invalid(form))


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


password_reset = PasswordResetView.as_view()
password_reset_done = PasswordResetDoneView.as_view()
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = PasswordResetCompleteView.as_view()


# ---------------------------------------------------------------------------
# The signed-in user's own account: password change, two-factor sign-in


@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = {
        "authenticator": two_factor.has_authenticator(user),
        "required": two_factor.must_use_two_factor(user),
        "backup_codes_left": two_factor.backup_codes_left(user),
    }
    return render(request, "accounts/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view keeps this session signed in (update_session_auth_hash); every other
    session of the user ends, since a session is tied to the password it began with."""

    template_name = "registration/password_change_form.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("password_change_done")

    def form_invalid(self, form: Form) -> HttpResponse:
        return _invalid(super().form_invalid(form))


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


password_change = PasswordChangeView.as_view()
password_change_done = PasswordChangeDoneView.as_view()


def _next(request: HttpRequest) -> str:
    """The safe page to go on to after the second factor, or the user's landing page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    assert isinstance(request.user, User)
    return landing_page(request.user)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a backup code."""
    user = request.user
    assert isinstance(user, User)
    if not two_factor.has_authenticator(user):
        return redirect(reverse("two-factor-setup") + ("?" + request.GET.urlencode() if request.GET else ""))
    if user.is_verified():  # type: ignore[attr-defined]
        return HttpResponseRedirect(_next(request))
    form = CodeForm(
        request.POST or None, help_text="The 6-digit code your authenticator app shows, or one of your backup codes."
    )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        device = two_factor.totp_device(user, confirmed=True) if code.isdigit() else two_factor.static_device(user)
        matched = device is not None and django_otp.verify_token(user, device.persistent_id, code)
        if matched:
            django_otp.login(request, matched)
            if not code.isdigit():
                left = two_factor.backup_codes_left(user)
                messages.success(request, f"Signed in with a backup code. You have {left} left: each works once.")
            return HttpResponseRedirect(_next(request))
        form.add_error("code", "The code is not right, or has expired. Enter the code your app shows now.")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), enter the code
    it shows. The backup codes are shown once, on the page that confirms it. Someone
    who already has an app must give its code first (this page then replaces it)."""
    user = request.user
    assert isinstance(user, User)
    if two_factor.needs_code(request) and two_factor.has_authenticator(user):
        return redirect(reverse("two-factor-verify") + "?" + request.GET.urlencode())
    device = actions.authenticator_start(user)
    form = CodeForm(request.POST or None, help_text="The 6-digit code the app shows after you add Accord.")
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if code.isdigit() and device.verify_token(code):
            codes = actions.authenticator_confirm(device)
            django_otp.login(request, device)
            request.session[two_factor.HAS_AUTHENTICATOR_KEY] = True
            shown = {"codes": codes, "next": _next(request)}
            return render(request, "accounts/two_factor_backup_codes.html", shown)
        form.add_error("code", "The code is not right, or has expired. Enter the code your app shows now.")
    context: dict[str, Any] = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_text(device),
        "next": _next(request),
        "replacing": two_factor.has_authenticator(user),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if request.method == "POST" else 200)


@require_safe
def oidc_refused(request: HttpRequest) -> HttpResponse:
    """After the identity provider: no single active Accord account has that address."""
    return render(request, "accounts/oidc_refused.html", status=403)
