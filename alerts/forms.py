"""The alert forms (crispy-forms-gds, GOV.UK Frontend)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crispy_forms_gds.layout import HTML, ConditionalQuestion, ConditionalRadios, Field, Layout, Size
from django import forms

from governance.forms import GdsFormMixin, IdChoiceField
from partnerships.models import Board, Partnership

from .models import Scope, SubscribeRequest, normalise_email, normalise_term
from .queries import subscription_choices

if TYPE_CHECKING:  # the stubs' generic classes; at run time Django's plain ones
    _PartnershipField = forms.ModelChoiceField[Partnership]
    _BoardField = forms.ModelChoiceField[Board]
else:
    _PartnershipField = IdChoiceField
    _BoardField = IdChoiceField


class BoardChoiceField(_BoardField):
    def label_from_instance(self, obj: Board) -> str:
        return f"{obj.name} ({obj.partnership.name})"


EMAIL_HELP = "We will send a link to this address. Your alerts start when you open it."


def email_field() -> forms.EmailField:
    field = forms.EmailField(label="Email address", max_length=254, help_text=EMAIL_HELP)
    field.error_messages["required"] = "Enter your email address"
    field.widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
    return field


class SubscribeForm(GdsFormMixin, forms.Form):
    submit_label = "Subscribe"

    email = email_field()
    follow = forms.ChoiceField(
        label="What do you want email alerts about?",
        choices=Scope.choices,
        widget=forms.RadioSelect,
        # An answer that is not one of the radios (a changed form) gets the GOV.UK
        # message too, never Django's "Select a valid choice. X is not one of…".
        error_messages={
            "required": "Select what you want email alerts about",
            "invalid_choice": "Select what you want email alerts about",
        },
    )
    partnership = _PartnershipField(
        queryset=Partnership.objects.none(),
        required=False,
        label="Partnership",
        help_text="Agendas, papers, minutes and decisions of all its boards.",
        error_messages={"invalid_choice": "Select a partnership from the list"},
    )
    board = BoardChoiceField(
        queryset=Board.objects.none(),
        required=False,
        label="Board",
        help_text="Agendas, papers, minutes and decisions of this board.",
        error_messages={"invalid_choice": "Select a board from the list"},
    )
    term = forms.CharField(
        label="Words to look for",
        max_length=100,
        required=False,
        help_text="For example, “homelessness” or “youth services”. You get an alert when something newly published matches.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnerships, boards = subscription_choices()
        partnership_field = self.fields["partnership"]
        board_field = self.fields["board"]
        assert isinstance(partnership_field, forms.ModelChoiceField)
        assert isinstance(board_field, forms.ModelChoiceField)
        partnership_field.queryset = partnerships
        board_field.queryset = boards
        choices: list[Any] = [
            ConditionalQuestion(Scope.PARTNERSHIP.label, Field.select("partnership")),
            ConditionalQuestion(Scope.BOARD.label, Field.select("board")),
            # Each choice reveals something: a bare one would point aria-controls at nothing.
            ConditionalQuestion(
                Scope.DECISIONS.label, HTML('<p class="govuk-body">Every decision the boards settle.</p>')
            ),
        ]
        choices.append(ConditionalQuestion(Scope.TERM.label, Field.text("term")))
        self.setup_helper()
        self.helper.layout = Layout(Field.text("email"), ConditionalRadios("follow", *choices))
        self.helper.disable_csrf = True  # the page's form has its token
        self.helper.legend_size = Size.MEDIUM

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_term(self) -> str:
        return normalise_term(self.cleaned_data.get("term") or "")[:100]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        follow = data.get("follow")
        if follow == Scope.PARTNERSHIP and not data.get("partnership"):
            if "partnership" not in self.errors:
                self.add_error("partnership", "Select a partnership")
        elif follow == Scope.BOARD and not data.get("board"):
            if "board" not in self.errors:
                self.add_error("board", "Select a board")
        elif follow == Scope.TERM and len(data.get("term") or "") < 2:
            self.add_error("term", "Enter the words to look for, at least 2 letters")
        return data

    def subscribe_request(self) -> SubscribeRequest:
        data = self.cleaned_data
        follow = data["follow"]
        return SubscribeRequest(
            email=data["email"],
            scope=follow,
            partnership_id=data["partnership"].pk if follow == Scope.PARTNERSHIP else None,
            board_id=data["board"].pk if follow == Scope.BOARD else None,
            term=data.get("term", "") if follow == Scope.TERM else "",
        )


class ManageLinkForm(GdsFormMixin, forms.Form):
    submit_label = "Send me a link"

    email = email_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "We will send a link to manage your alerts to this address."
        self.setup_helper()
        self.helper.disable_csrf = True  # the page's form has its token

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])
