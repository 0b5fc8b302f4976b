"""The service navigation shows each role its pages and marks one as current."""

import re

import pytest


def current_items(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'aria-current="page">\s*<strong[^>]*>([^<]+)</strong>', html)


@pytest.mark.django_db
def test_anonymous_visitors_see_the_public_pages_only(client):
    html = client.get("/").content.decode()
    for label in ("Partnership register", "Meetings", "Decisions"):
        assert label in html
    assert "Manage partnerships" not in html and "Your meetings" not in html


@pytest.mark.django_db
def test_one_item_is_current_even_when_addresses_nest(client, member):
    client.force_login(member)
    assert current_items(client.get("/decisions/my/")) == ["Your positions"]
    assert current_items(client.get("/decisions/")) == ["Decisions"]


@pytest.mark.django_db
def test_a_partnership_page_belongs_to_the_register(client, partnership):
    assert current_items(client.get(partnership.get_absolute_url())) == ["Partnership register"]


@pytest.mark.django_db
def test_officers_see_the_manage_pages(client, officer):
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert "Manage partnerships" in html and "Manage decisions" in html


@pytest.mark.django_db
def test_scrutiny_councillors_see_the_reports_and_nothing_to_manage(client, scrutiny, member):
    client.force_login(scrutiny)
    html = client.get("/").content.decode()
    assert "Reports" in html and "Manage partnerships" not in html
    assert current_items(client.get("/reports/")) == ["Reports"]
    client.force_login(member)
    assert ">Reports<" not in client.get("/").content.decode()
