from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django.contrib.auth.forms import AuthenticationForm
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
