from urllib.parse import urlsplit

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from .forms import SignInForm
from .models import User


def landing_page(user: User) -> str:
    """Where a user lands after signing in when no safe `next` was given: the one place
    that decides it (item 20)."""
    if user.is_officer:  # administrators included
        return reverse("manage:dashboard")
    if user.is_scrutiny:
        return reverse("reports:dashboard")
    return reverse("meetings:member_home")  # a member or deputy: their meetings, papers and actions


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

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


sign_in = SignInView.as_view()
sign_out = require_POST(auth_views.LogoutView.as_view())
