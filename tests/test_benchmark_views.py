"""The load benchmark's baselines (scripts/benchmark_load.py, issue 11 item 12): mounted
only when BENCHMARK_VIEWS is on, never otherwise; and ``manage.py seed_scale`` refuses a
database that already has partnerships."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

import governance.urls


def _reload_urls() -> None:
    importlib.reload(governance.urls)
    clear_url_caches()


@pytest.fixture
def benchmark_views() -> Iterator[None]:
    with override_settings(BENCHMARK_VIEWS=True):
        _reload_urls()
        yield
    _reload_urls()  # the setting off again: the routes gone for the other tests


def test_the_baselines_are_not_mounted_by_default(client, settings):
    assert settings.BENCHMARK_VIEWS is False
    for name in ("benchmark-ok", "benchmark-template"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    assert client.get("/_benchmark/ok").status_code == 404
    assert client.get("/_benchmark/template").status_code == 404


@pytest.mark.django_db
def test_the_baselines_answer_without_a_query_when_the_setting_is_on(
    benchmark_views, client, django_assert_num_queries
):
    assert reverse("benchmark-ok") == "/_benchmark/ok"
    with django_assert_num_queries(0):
        response = client.get("/_benchmark/ok")
    assert response.status_code == 200
    assert response.content == b"ok"
    with django_assert_num_queries(0):
        response = client.get("/_benchmark/template")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Baseline – Accord</title>" in body
    assert "Partnership register" in body  # base.html's navigation round it


@pytest.mark.django_db
def test_seed_scale_refuses_a_database_that_has_partnerships(partnership):
    with pytest.raises(CommandError, match="already has"):
        call_command("seed_scale", partnerships=1, years=1)


@pytest.mark.django_db
def test_seed_scale_fills_an_empty_database(tmp_path, settings):
    from meetings.models import Meeting
    from partnerships.models import Partnership
    from search.models import SearchEntry

    settings.MEDIA_ROOT = tmp_path
    call_command("seed_scale", partnerships=2, years=1)
    assert Partnership.objects.count() == 2
    assert Meeting.objects.exists()
    assert SearchEntry.objects.exists()
    assert (tmp_path / "papers" / "benchmark" / "paper.pdf").exists()
