"""The search form (GET): what to look for and the filters. Every bad value becomes a
GOV.UK error message on the page, never a 500 and never a 400 page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from crispy_forms_gds.layout import Field, Layout
from django import forms

from governance.forms import GdsFormMixin, date_field
from partnerships.models import Board, Partnership

from .models import EntryKind
from .queries import SearchFilters, Sort
from .syntax import MAX_QUERY_CHARS


class SearchForm(GdsFormMixin, forms.Form):
    q = forms.CharField(
        label="Search agendas, papers, minutes and decisions",
        required=False,
        max_length=MAX_QUERY_CHARS,
        help_text='Put a phrase in quotation marks ("health and wellbeing"), OR between alternatives, '
        "and a minus sign before a word to leave it out (-housing).",
        error_messages={"max_length": f"What you search for must be {MAX_QUERY_CHARS} characters or fewer"},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false", "autocomplete": "off"}),
    )
    partnership = forms.ChoiceField(
        label="Partnership",
        required=False,
        error_messages={"invalid_choice": "Select a partnership from the list"},
    )
    board = forms.ChoiceField(
        label="Board", required=False, error_messages={"invalid_choice": "Select a board from the list"}
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            ("", "Everything"),
            (EntryKind.PAPER, "Papers"),
            (EntryKind.ITEM, "Agenda items"),
            (EntryKind.MINUTES, "Minutes"),
            (EntryKind.DECISION, "Decisions"),
        ],
        error_messages={"invalid_choice": "Select what to show from the list"},
    )
    date_from = date_field("Meetings from", required=False, help_text="For example, 1 4 2024")
    date_to = date_field("Meetings up to", required=False, help_text="For example, 31 3 2025")
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=Sort.CHOICES,
        error_messages={"invalid_choice": "Select how to sort from the list"},
    )

    def __init__(self, *args: Any, partnerships: Sequence[Partnership], boards: Sequence[Board], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._partnerships = {p.slug: p for p in partnerships}
        self._boards = {str(b.pk): b for b in boards}
        cast(forms.ChoiceField, self.fields["partnership"]).choices = [
            ("", "All partnerships"),
            *[(p.slug, p.name) for p in partnerships],
        ]
        groups: dict[str, list[tuple[str, str]]] = {}
        for board in boards:
            groups.setdefault(board.partnership.name, []).append((str(board.pk), board.name))
        cast(forms.ChoiceField, self.fields["board"]).choices = [("", "All boards"), *groups.items()]
        self.setup_helper()
        self.helper.disable_csrf = True  # a GET form: nothing to protect
        # The search box is laid out by the page; the helper renders the filters.
        self.helper.layout = Layout(*[Field(name) for name in self.fields if name != "q"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("date_to", "Meetings up to must be the same as or after meetings from")
        return data

    @property
    def query(self) -> str:
        return " ".join(str(self.cleaned_data.get("q") or "").split())

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            partnership=self._partnerships.get(data.get("partnership") or ""),
            board=self._boards.get(data.get("board") or ""),
            kind=data.get("kind") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=data.get("sort") or Sort.RELEVANCE,
        )
