"""The alert pages are GOV.UK pages: they answer GET, every revealed choice of the
subscribe form exists (no aria-controls pointing at nothing), a form with errors says so
in the title, and a wrong method gets the 405 page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from alerts.models import Scope

pytestmark = pytest.mark.django_db


def test_the_pages_answer(client, board) -> None:
    for name in ("alerts:index", "alerts:subscribe", "alerts:manage_request"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert b'class="govuk-breadcrumbs"' in response.content
    assert reverse("alerts:subscribe").encode() in client.get(reverse("alerts:index")).content


def test_every_revealed_choice_of_the_subscribe_form_exists(client, board) -> None:
    html = client.get(reverse("alerts:subscribe")).content.decode()
    controlled = [name for name in re.findall(r'aria-controls="([^"]+)"', html) if name.startswith("conditional_")]
    assert len(controlled) == 4
    for target in controlled:
        assert f'id="{target}"' in html
    assert html.count("csrfmiddlewaretoken") == 1


def test_a_form_with_errors_says_so_in_its_title(client, board) -> None:
    response = client.post(reverse("alerts:subscribe"), {"email": "", "follow": Scope.DECISIONS})
    assert b"<title>Error: Get email alerts" in response.content


def test_the_index_and_the_forms_refuse_other_methods(client) -> None:
    assert client.post(reverse("alerts:index")).status_code == 405
    assert client.delete(reverse("alerts:subscribe")).status_code == 405


def test_the_alert_pages_answer_head_as_get(client, board) -> None:
    """HEAD is a safe GET without the body (found by the hostile review: it was a 405)."""
    for name in ("alerts:subscribe", "alerts:manage_request"):
        assert client.head(reverse(name)).status_code == 200, name
    for name in ("alerts:confirm", "alerts:manage", "alerts:unsubscribe"):
        assert client.head(reverse(name, args=["not-a-token"])).status_code == 400, name
