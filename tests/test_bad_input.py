"""Bad input never gives a 500 (SPEC §8; issue 11 items 1 and 2): NUL anywhere in an
address or a form is a 400 that says why; other control characters are cleaned out of
what a request sends (Word's line breaks become line ends); feeds drop what XML cannot
hold from rows stored before; an over-long username is a wrong username."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from governance.middleware import NUL_IN_ADDRESS, NUL_IN_FORM, RequestTextMiddleware
from governance.text import clean_text, xml_safe
from tests.factories import add_version, make_item, make_meeting, make_paper
from tests.pages import text_of
from tests.portal.test_feeds import decided

pytestmark = pytest.mark.django_db


def said(response) -> str:
    return " ".join(text_of(response).split())


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Board meeting", "Board meeting"),
        ("Line one\x0bline two", "Line one\nline two"),  # Word's line break
        ("Page\x0cbreak", "Page\nbreak"),
        ("Tab\tand\r\nline ends stay", "Tab\tand\r\nline ends stay"),
        ("Bell\x07 escape\x1b[0m delete\x7f", "Bell escape[0m delete"),
        ("Non-characters \ufffe\uffff gone", "Non-characters  gone"),
        ("Unicode stays: café – “quoted” 🙂", "Unicode stays: café – “quoted” 🙂"),
        ("\u200b", ""),  # a zero-width space alone is an empty field
        ("Zero\u200bwidth\u2060 and\ufeff BOM", "Zerowidth and BOM"),
        ("Joiners stay: 👩\u200d💻 می\u200cخواهم", "Joiners stay: 👩\u200d💻 می\u200cخواهم"),
    ],
)
def test_clean_text(text, cleaned) -> None:
    assert clean_text(text) == cleaned
    assert xml_safe(clean_text(text)) == clean_text(text)


@pytest.mark.parametrize(
    "url",
    [
        "/decisions/?partnership=%00",
        "/decisions/?year=2025%00",
        "/meetings/?board=%00x",
        "/search/?q=minutes%00",
        "/forward-plan/?partnership=%00",
        "/api/v1/decisions/?organization_id=%00",
        "/decisions/?%00=1",
        "/partnerships/a%00b/",
    ],
)
def test_nul_in_an_address_is_a_400_that_says_why(client, url) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert NUL_IN_ADDRESS in said(response)


def test_nul_in_a_form_is_a_400_and_nothing_is_looked_up(client) -> None:
    response = client.post(reverse("sign-in"), {"username": "officer\x00", "password": "x"})
    assert response.status_code == 400
    assert NUL_IN_FORM in said(response)


def test_control_characters_are_cleaned_before_the_view_reads_them() -> None:
    seen = {}

    def view(request):
        seen["get"], seen["post"] = request.GET.dict(), request.POST.dict()
        return HttpResponse("ok")

    middleware = RequestTextMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/", {"q": "a\x0bb\x01c", "page": "2"}))
    assert seen["get"] == {"q": "a\nbc", "page": "2"}
    middleware(factory.post("/", {"title": "Agenda\x0b item\x1b", "notes": "one\r\ntwo"}))
    assert seen["post"] == {"title": "Agenda\n item", "notes": "one\r\ntwo"}
    plain = factory.get("/", {"q": "plain"})
    middleware(plain)
    assert plain.GET.get("q") == "plain" and not plain.GET._mutable


def test_a_username_longer_than_any_is_a_wrong_username_not_a_500(client) -> None:
    response = client.post(reverse("sign-in"), {"username": "u" * 256, "password": "x"})
    assert response.status_code == 400
    assert "Enter a correct username and password" in said(response)
    assert not User.objects.filter(username="u" * 256).exists()


def test_a_control_character_stored_in_a_title_does_not_break_the_feeds(client, board) -> None:
    decided(board, "Agree the plan\x0bfor 2026\x01")  # stored before input was cleaned
    for name in ("decisions:register_rss", "decisions:register_atom"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "Agree the planfor 2026" in response.content.decode()
        ET.fromstring(response.content)  # well-formed XML


def test_a_control_character_stored_in_a_meeting_or_paper_does_not_break_the_document_feeds(client, board) -> None:
    meeting = make_meeting(board, days=-3, title="Board\x0bmeeting\x1b")
    make_paper(make_item(meeting, "Budget\x01 2026"), "Budget\x0breport")
    scope = [board.partnership.slug, board.slug]
    for name, args in [
        ("meetings:documents_rss", []),
        ("meetings:documents_atom", []),
        ("meetings:board_documents_rss", scope),
        ("meetings:board_documents_atom", scope),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert "Budgetreport" in response.content.decode(), name
        ET.fromstring(response.content)  # well-formed XML


def test_the_document_feed_names_a_files_type_from_its_checked_content_not_its_name(client, board) -> None:
    meeting = make_meeting(board, days=-3)
    paper = make_paper(make_item(meeting, "Budget"), "Budget report", versions=0)
    add_version(paper, b"%PDF-1.4 budget", original_name="budget.html")

    feed = client.get(reverse("meetings:documents_rss")).content.decode()

    assert "(PDF, " in feed
    assert "HTML" not in feed


@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), "99999999999999999999999"])
def test_a_choice_beyond_any_id_is_refused_before_the_database_is_asked(value) -> None:
    """SQLite raises OverflowError for such a number, which Django's choice fields let through."""
    from django import forms as django_forms

    from governance.forms import IdChoiceField, IdsChoiceField
    from partnerships.models import Organisation

    class Form(django_forms.Form):
        one = IdChoiceField(queryset=Organisation.objects.all(), required=False)
        many = IdsChoiceField(queryset=Organisation.objects.all(), required=False)

    form = Form({"one": value, "many": [value]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}
