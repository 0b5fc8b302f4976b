from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.disable_csrf = True  # the page's form carries the token
        self.helper.layout = Layout(Field.text("username", field_width=20), Field.text("password", field_width=20))

    def clean_username(self) -> str:
        """No longer than a username can be (AuthenticationForm sets the field's
        max_length after the field is made, so Django does not check it): a longer one
        is refused as a wrong username before anything is looked up or logged, where
        django-axes would write it to a column too short for it."""
        username: str = self.cleaned_data["username"]
        if len(username) > (getattr(self.fields["username"], "max_length", None) or 150):
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return username


def _gds(form: forms.Form, *fields: str) -> None:
    form.helper = FormHelper()  # type: ignore[attr-defined]
    form.helper.form_tag = False  # type: ignore[attr-defined]
    form.helper.label_size = Size.SMALL  # type: ignore[attr-defined]
    form.helper.disable_csrf = True  # type: ignore[attr-defined]  # the page's form carries the token
    form.helper.layout = Layout(*(Field.text(name, field_width=20) for name in fields))  # type: ignore[attr-defined]


class PasswordResetRequestForm(PasswordResetForm):
    """The email address to send a reset link to. Django's form sends nothing when no
    active account with a usable password has it; the page after is the same."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The address your Accord account uses."
        email.error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
                "max_length": "Email address must be 254 characters or fewer",
            }
        )
        _gds(self, "email")
        self.helper.layout = Layout(Field.text("email", field_width=30))  # type: ignore[attr-defined]


class SetNewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """A new password from a reset link, checked by AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.error_messages["password_mismatch"] = "The two passwords do not match"
        _gds(self, "new_password1", "new_password2")


class ChangePasswordForm(PasswordChangeForm):
    """The current password, then a new one checked by AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.error_messages["password_incorrect"] = "Your current password is not right. Enter it again."
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.error_messages["password_mismatch"] = "The two passwords do not match"
        _gds(self, "old_password", "new_password1", "new_password2")


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or a backup code (8 letters and
    digits). Spaces and hyphens are ignored."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        error_messages={
            "required": "Enter the code",
            "max_length": "Enter the code: it is 6 digits, or 8 characters for a backup code",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )

    def __init__(self, *args: Any, help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
        _gds(self, "code")
        self.helper.layout = Layout(Field.text("code", field_width=10))  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = "".join(ch for ch in self.cleaned_data["code"] if ch not in " -").lower()
        if not code.isalnum() or not code.isascii() or len(code) > 16:
            raise ValidationError("Enter the code: it is 6 digits, or 8 characters for a backup code", code="invalid")
        return code
