"""Item 20: after signing in each role lands on its own page (accounts.views.landing_page);
a safe `next` still wins, an unsafe one is ignored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role, User


def sign_in(client, username: str, password: str, **extra: str):  # noqa: ANN001, ANN201
    return client.post(reverse("sign-in"), {"username": username, "password": password, **extra})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("member", "meetings:member_home"),
        ("deputy", "meetings:member_home"),
        ("officer", "manage:dashboard"),
        ("administrator", "manage:dashboard"),
        ("scrutiny", "reports:dashboard"),
    ],
)
def test_each_role_lands_on_its_own_page(request, client, password, persona: str, landing: str) -> None:
    user: User = request.getfixturevalue(persona)

    response = sign_in(client, user.username, password)

    assert response.status_code == 302
    assert response["Location"] == reverse(landing)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_member_without_a_seat_lands_on_the_member_page_which_says_so(client, password) -> None:
    User.objects.create_user(username="newbie", password=password, role=Role.MEMBER)

    response = sign_in(client, "newbie", password)

    assert response["Location"] == reverse("meetings:member_home")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_superuser_lands_on_the_dashboard_whatever_the_role_field_says(client, password) -> None:
    User.objects.create_user(username="root", password=password, role=Role.MEMBER, is_superuser=True)

    assert sign_in(client, "root", password)["Location"] == reverse("manage:dashboard")


@pytest.mark.django_db
def test_a_safe_next_still_wins(client, member, password) -> None:
    response = sign_in(client, member.username, password, next="/decisions/")

    assert response["Location"] == "/decisions/"


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/steal", "//evil.example/", "/sign-in/"])
def test_an_unsafe_or_looping_next_is_ignored(client, officer, password, next_url: str) -> None:
    response = sign_in(client, officer.username, password, next=next_url)

    assert response["Location"] == reverse("manage:dashboard")


@pytest.mark.django_db
def test_a_signed_in_user_opening_the_sign_in_page_goes_to_their_page(client, member) -> None:
    client.force_login(member)

    assert client.get(reverse("sign-in"))["Location"] == reverse("meetings:member_home")
    # With a `next` back to the sign-in page itself: no redirect loop (Django raises a 500 there).
    assert client.get(reverse("sign-in"), {"next": "/sign-in/"})["Location"] == reverse("meetings:member_home")


@pytest.mark.django_db
def test_the_header_sign_in_link_comes_back_to_the_page_except_from_the_home_page(client, board) -> None:
    board_page = client.get(board.get_absolute_url()).content.decode()
    register = client.get(reverse("home")).content.decode()

    assert f'href="/sign-in/?next={board.get_absolute_url()}"' in board_page.replace("%2F", "/")
    assert 'href="/sign-in/"' in register
    assert "/sign-in/?next=/" not in register.replace("%2F", "/")
