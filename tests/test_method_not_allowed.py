"""Item 21: a GET (or another wrong method) on an address that only takes a form's POST
answers 405 with a GOV.UK page that says what to do, not an empty body; the Allow
header stays (governance.middleware.MethodNotAllowedPageMiddleware)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import HttpResponseNotAllowed
from django.test import Client, RequestFactory
from django.urls import reverse

from governance.middleware import MethodNotAllowedPageMiddleware, allowed_methods
from meetings.models import Action, Meeting


@pytest.fixture
def meeting(board) -> Meeting:
    return Meeting.objects.create(board=board, start=dt.datetime(2027, 3, 18, 10, tzinfo=dt.UTC), venue="County Hall")


def assert_the_405_page(response, allow: str = "POST") -> str:  # noqa: ANN001
    assert response.status_code == 405
    assert response["Allow"] == allow
    body = response.content.decode()
    assert "This page only works from a button" in body
    assert "Nothing has been changed." in body
    assert 'class="govuk-link"' in body
    return body


@pytest.mark.django_db
def test_get_on_sign_out_says_what_to_do_and_signs_nobody_out(client, member) -> None:
    client.force_login(member)

    response = client.get(reverse("sign-out"))

    body = assert_the_405_page(response)
    assert "Go to the partnership register" in body
    assert 'href="/"' in body
    assert client.session.get("_auth_user_id") == str(member.pk)


@pytest.mark.django_db
def test_get_on_a_meeting_step_links_back_to_the_page_it_came_from(officer_client, meeting) -> None:
    manage = reverse("meetings:manage_meeting", args=[meeting.pk])

    response = officer_client.get(
        reverse("meetings:manage_meeting_held", args=[meeting.pk]), HTTP_REFERER=f"http://testserver{manage}"
    )

    body = assert_the_405_page(response)
    assert f'href="http://testserver{manage}"' in body
    assert "Go back to the page you came from" in body
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


@pytest.mark.django_db
def test_a_referer_on_another_site_is_not_linked(officer_client, meeting) -> None:
    response = officer_client.get(
        reverse("meetings:manage_meeting_held", args=[meeting.pk]), HTTP_REFERER="https://evil.example/"
    )

    body = assert_the_405_page(response)
    assert "evil.example" not in body


@pytest.mark.django_db
def test_other_wrong_methods_get_the_page_too(officer_client, meeting, member) -> None:
    action = Action.objects.create(
        meeting=meeting, description="Report back", owner=member.person, due_date=dt.date(2027, 4, 1)
    )
    url = reverse("meetings:manage_action_done", args=[meeting.pk, action.pk])

    for method in ("get", "put", "delete", "patch"):
        assert_the_405_page(getattr(officer_client, method)(url))
    action.refresh_from_db()
    assert action.status == "open"


@pytest.mark.django_db
def test_get_on_signing_a_memorandum_says_what_to_do(officer_client, board) -> None:
    url = reverse("manage:mou_sign", args=[board.partnership.slug, board.slug, 1])

    assert_the_405_page(officer_client.get(url))


@pytest.mark.django_db
def test_the_405_page_has_the_security_headers_of_any_page(client, member) -> None:
    client.force_login(member)

    response = client.get(reverse("sign-out"))

    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


def test_a_405_with_its_own_body_or_for_a_non_html_client_is_left_alone(rf: RequestFactory) -> None:
    own = HttpResponseNotAllowed(["GET"], content=b"Use GET")
    middleware = MethodNotAllowedPageMiddleware(lambda request: own)
    assert middleware(rf.post("/feed/")) is own

    empty = HttpResponseNotAllowed(["POST"])
    middleware = MethodNotAllowedPageMiddleware(lambda request: empty)
    assert middleware(rf.get("/x/", HTTP_ACCEPT="application/json")) is empty


# ---------------------------------------------------------------------------
# Hostile review F8: a POST to a page that only shows things is a 405, not a CSRF 403.


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "search:search", "alerts:index", "decisions:forward_plan"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_form_method_on_a_page_that_only_shows_things_is_a_405(name, method) -> None:
    browser = Client(enforce_csrf_checks=True)  # as a real browser: CSRF is checked

    response = getattr(browser, method)(reverse(name))

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    body = response.content.decode()
    assert "This page only shows information" in body
    assert "Nothing has been sent or changed." in body
    assert "CSRF" not in body and "This page only works from a button" not in body
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_a_non_html_client_gets_the_bare_405(client) -> None:
    response = Client(enforce_csrf_checks=True).post(reverse("home"), HTTP_ACCEPT="application/json")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD" and response.content == b""


@pytest.mark.django_db
def test_a_view_that_takes_a_post_still_checks_csrf(member, board) -> None:
    """Only views that refuse the method anyway are answered early: every view that
    accepts a POST keeps its CSRF check."""
    browser = Client(enforce_csrf_checks=True)
    assert (
        browser.post(reverse("alerts:subscribe"), {"email": "a@example.net", "follow": "decisions"}).status_code == 403
    )
    assert browser.post(reverse("sign-in"), {"username": "x", "password": "y"}).status_code == 403
    browser.force_login(member)
    assert browser.post(reverse("sign-out")).status_code == 403
    assert browser.session.get("_auth_user_id") == str(member.pk)
    # A PUT to a POST-only address is still the "from a button" page.
    assert_the_405_page(browser.put(reverse("sign-out")))


def test_the_allowed_methods_are_read_from_the_view() -> None:
    from django.contrib.auth.decorators import login_required
    from django.views.decorators.http import require_http_methods, require_POST, require_safe
    from django.views.generic import TemplateView, View

    def view(request):  # noqa: ANN001, ANN202
        return None

    assert allowed_methods(require_safe(view)) == ["GET", "HEAD"]
    assert allowed_methods(login_required(require_POST(view))) == ["POST"]
    assert allowed_methods(login_required(require_http_methods(["GET", "POST"])(view))) == ["GET", "POST"]
    assert allowed_methods(view) is None  # it does not say: never answered early
    assert allowed_methods(login_required(view)) is None
    assert allowed_methods(TemplateView.as_view()) == ["GET", "HEAD", "OPTIONS"]

    class Form(View):
        def post(self, request):  # noqa: ANN001, ANN202
            return None

    assert allowed_methods(Form.as_view()) == ["POST", "OPTIONS"]
    assert allowed_methods(require_POST(Form.as_view())) == ["POST"]  # every layer must pass
    assert allowed_methods(require_safe(Form.as_view())) == []
