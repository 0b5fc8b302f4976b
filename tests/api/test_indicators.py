"""The published indicators through the open data API: /api/v1/indicators/, its
detail and /api/v1/indicators.csv (SPEC §6, §7).

Only the indicators marked public (reports.access.visible_indicators for a visitor)
are served, to everyone alike. Each lists its periods oldest first with the figures
that count (the latest recorded for the period) and the rating the indicator's page
shows (reports.queries); the detail lists every actual as recorded, corrections
included. Here:

- ``sport`` (NI 8, quarterly, higher is better, 5% tolerance set by the board):
  Q1 2024/25 50 against 60 (red), Q2 58 corrected to 59 against 60 (amber, improving),
  Q3 61 against 60 (green), Q4 a target of 62 and no actual yet (no data);
- ``waiting`` (NI 39, yearly, lower is better, 10% tolerance, of ``other_partnership``):
  2023/24 100 against 95 (amber), 2024/25 80 with no target (no data, improving);
- ``secret`` (not public): its title and its figures' note carry a marker.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from governance.wsgi import application
from partnerships.models import Organisation, Partnership
from reports import rag
from reports.models import Indicator, IndicatorTarget, IndicatorValue, PeriodKind, Theme
from reports.queries import indicator_history

# Called through WSGI, nothing would undo a gzip body (GZipMiddleware): ask for none.
IDENTITY = {"Accept-Encoding": "identity"}

pytestmark = pytest.mark.django_db

SECRET = "UNPUBLISHED-INDICATOR-MARKER-a91f"
Q1, Q2, Q3, Q4 = dt.date(2024, 4, 1), dt.date(2024, 7, 1), dt.date(2024, 10, 1), dt.date(2025, 1, 1)
Y2023, Y2024 = dt.date(2023, 4, 1), dt.date(2024, 4, 1)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def value(indicator: Indicator, start: dt.date, figure: str, recorded: dt.datetime, **extra: object) -> IndicatorValue:
    return IndicatorValue.objects.create(
        indicator=indicator, period_start=start, value=Decimal(figure), recorded_at=recorded, **extra
    )


def target(indicator: Indicator, start: dt.date, figure: str, recorded: dt.datetime) -> IndicatorTarget:
    return IndicatorTarget.objects.create(
        indicator=indicator, period_start=start, value=Decimal(figure), recorded_at=recorded
    )


@pytest.fixture
def sport(partnership: Partnership, county: Organisation) -> Indicator:
    theme = Theme.objects.create(partnership=partnership, name="Healthier communities")
    indicator = Indicator.objects.create(
        partnership=partnership,
        theme=theme,
        code="NI 8",
        slug="ni-8",
        title="Adult participation in sport",
        description="Adults doing 30 minutes of sport three times a week.",
        unit="%",
        higher_is_better=True,
        period_kind=PeriodKind.QUARTER,
        baseline=Decimal("48.5"),
        baseline_period="2023/24",
        amber_tolerance=Decimal("0.05"),
        tolerance_set_by="the Partnership Board, April 2024",
        owner=county,
        public=True,
        illustrative=True,
        created_at=at(dt.date(2024, 3, 1)),
    )
    for start, figure in ((Q1, "60"), (Q2, "60"), (Q3, "60"), (Q4, "62")):
        target(indicator, start, figure, at(dt.date(2024, 3, 2)))
    value(indicator, Q1, "50", at(dt.date(2024, 7, 10)))
    value(indicator, Q2, "58", at(dt.date(2024, 10, 10)), provisional=True, note="Provisional survey figure.")
    value(indicator, Q2, "59", at(dt.date(2024, 11, 20)), note="Corrected: final survey figure.")
    value(indicator, Q3, "61", at(dt.date(2025, 1, 15)))
    return indicator


@pytest.fixture
def waiting(other_partnership: Partnership) -> Indicator:
    indicator = Indicator.objects.create(
        partnership=other_partnership,
        code="NI 39",
        slug="ni-39",
        title="Hospital admissions for alcohol-related harm",
        unit="rate per 100,000",
        higher_is_better=False,
        period_kind=PeriodKind.YEAR,
        amber_tolerance=Decimal("0.10"),
        public=True,
        created_at=at(dt.date(2023, 3, 1)),
    )
    target(indicator, Y2023, "95", at(dt.date(2023, 3, 2)))
    value(indicator, Y2023, "100", at(dt.date(2024, 5, 1)))
    value(indicator, Y2024, "80", at(dt.date(2025, 5, 1)))
    return indicator


@pytest.fixture
def secret(partnership: Partnership) -> Indicator:
    indicator = Indicator.objects.create(
        partnership=partnership,
        code="NI 99",
        slug="ni-99",
        title=f"Waiting times {SECRET}",
        unit="days",
        public=False,
    )
    target(indicator, Q1, "10", at(dt.date(2024, 3, 2)))
    value(indicator, Q1, "12", at(dt.date(2024, 7, 2)), note=f"Note {SECRET}")
    return indicator


@pytest.fixture
def basket(sport, waiting, secret) -> dict[str, Indicator]:
    return {"sport": sport, "waiting": waiting, "secret": secret}


def _list(client, **params: object) -> dict:
    response = client.get(reverse("api:indicator_list"), {"page_size": 200, **params})
    assert response.status_code == 200, response.content
    return response.json()


def _detail(client, indicator: Indicator):
    return client.get(reverse("api:indicator_detail", args=[f"indicator-{indicator.pk}"]))


def _csv(client) -> list[dict[str, str]]:
    response = client.get(reverse("api:indicators_csv"))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="indicators.csv"'
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


# ---------------------------------------------------------------------------
# Shapes


def test_an_indicator_says_what_it_measures_whose_it_is_and_its_rated_periods(client, basket, partnership, county):
    sport = basket["sport"]
    rows = {row["id"]: row for row in _list(client)["results"]}
    row = rows[f"indicator-{sport.pk}"]
    assert {key: row[key] for key in row if key not in ("values", "links")} == {
        "id": f"indicator-{sport.pk}",
        "code": "NI 8",
        "title": "Adult participation in sport",
        "description": "Adults doing 30 minutes of sport three times a week.",
        "unit": "%",
        "higher_is_better": True,
        "period_kind": "quarter",
        "period_kind_label": "Quarterly",
        "baseline": 48.5,
        "baseline_period": "2023/24",
        "amber_tolerance": 0.05,
        "tolerance_set_by": "the Partnership Board, April 2024",
        "illustrative": True,
        "organization_id": f"partnership-{partnership.pk}",
        "organization_name": partnership.name,
        "owner_id": f"body-{county.pk}",
        "owner_name": county.name,
        "theme": "Healthier communities",
        "updated_at": at(dt.date(2025, 1, 15)).isoformat().replace("+00:00", "Z"),
    }
    # The ids are those the other endpoints give the partnership and the body.
    assert client.get(reverse("api:organization_detail", args=[row["organization_id"]])).status_code == 200
    assert client.get(reverse("api:organization_detail", args=[row["owner_id"]])).json()["name"] == county.name
    assert row["links"][0] == {
        "url": "http://testserver" + reverse("reports:indicator", args=[partnership.slug, "ni-8"]),
        "note": "The indicator's page",
    }
    assert row["values"][0] == {
        "period": "Q1 2024/25",
        "period_slug": "2024-25-q1",
        "start_date": "2024-04-01",
        "end_date": "2024-06-30",
        "actual": 50.0,
        "provisional": False,
        "corrected": False,
        "target": 60.0,
        "rating": "red",
        "direction": "no data",
        "explanation": "Red: 50% for Q1 2024/25 is 16.7% below the target of 60%, outside the 5% tolerance "
        "(set by the Partnership Board, April 2024).",
    }
    assert [period["period"] for period in row["values"]] == ["Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25"]
    assert rows[f"indicator-{basket['waiting'].pk}"]["owner_id"] is None
    assert rows[f"indicator-{basket['waiting'].pk}"]["theme"] is None
    detail = _detail(client, sport).json()
    assert {key: value for key, value in detail.items() if key != "recorded_values"} == row


def test_ratings_are_those_of_reports_rag_for_the_hand_computed_figures(client, basket, partnership):
    """By hand: NI 8 (higher is better, amber within 5% of the target, 3 points of 60):
    50 is 10 short: red; 59 is 1 short: amber; 61 beats 60: green; no actual: no data.
    NI 39 (lower is better, amber within 10% of 95, 9.5): 100 is 5 over: amber; 80 has
    no target: no data, but lower than 100: improving."""
    rows = {row["id"]: row for row in _list(client)["results"]}
    sport = rows[f"indicator-{basket['sport'].pk}"]["values"]
    waiting = rows[f"indicator-{basket['waiting'].pk}"]["values"]
    by_hand = [
        (sport, ["red", "amber", "green", "no data"], ["no data", "improving", "improving", "no data"]),
        (waiting, ["amber", "no data"], ["no data", "improving"]),
    ]
    for periods, ratings, directions in by_hand:
        assert [period["rating"] for period in periods] == ratings
        assert [period["direction"] for period in periods] == directions
    assert [
        rag.indicator_rag(50, 60, amber_tolerance=0.05),
        rag.indicator_rag(59, 60, amber_tolerance=0.05),
        rag.indicator_rag(61, 60, amber_tolerance=0.05),
        rag.indicator_rag(None, 62, amber_tolerance=0.05),
        rag.indicator_rag(100, 95, higher_is_better=False, amber_tolerance=0.10),
    ] == ["red", "amber", "green", "no data", "amber"]
    assert rag.direction_of_travel(80, 100, higher_is_better=False) == "improving"
    assert sport[1]["explanation"] == (
        "Amber: 59% for Q2 2024/25 is 1.7% below the target of 60%, within the 5% tolerance "
        "(set by the Partnership Board, April 2024)."
    )
    assert waiting[1]["explanation"] == "No rating: 80 for 2024/25, but no target was set for it."
    assert sport[3] | {"explanation": ""} == sport[3] | {
        "actual": None,
        "provisional": None,
        "corrected": False,
        "target": 62.0,
        "explanation": "",
    }
    # The same as the indicator's page (reports.queries.indicator_history).
    for indicator, periods in ((basket["sport"], sport), (basket["waiting"], waiting)):
        page = indicator_history(indicator).rows
        assert [(p["period"], p["rating"], p["explanation"]) for p in periods] == [
            (row.period.label, row.rating, row.explanation) for row in page
        ]


def test_a_correction_shows_the_latest_value_and_both_recorded_rows(client, basket):
    sport = basket["sport"]
    listed = next(r for r in _list(client)["results"] if r["id"] == f"indicator-{sport.pk}")
    q2 = listed["values"][1]
    assert (q2["actual"], q2["provisional"], q2["corrected"], q2["rating"]) == (59.0, False, True, "amber")
    recorded = _detail(client, sport).json()["recorded_values"]
    assert [(r["period"], r["value"], r["counts"]) for r in recorded] == [
        ("Q1 2024/25", 50.0, True),
        ("Q2 2024/25", 58.0, False),
        ("Q2 2024/25", 59.0, True),
        ("Q3 2024/25", 61.0, True),
    ]
    assert recorded[1] == {
        "period": "Q2 2024/25",
        "start_date": "2024-07-01",
        "value": 58.0,
        "provisional": True,
        "note": "Provisional survey figure.",
        "recorded_at": at(dt.date(2024, 10, 10)).isoformat().replace("+00:00", "Z"),
        "counts": False,
    }
    assert recorded[2]["recorded_at"] == at(dt.date(2024, 11, 20)).isoformat().replace("+00:00", "Z")
    assert "recorded_by" not in recorded[0]  # who recorded a figure is not published
    # A correction recorded later still is the one that counts from then on.
    value(sport, Q2, "57", at(dt.date(2025, 2, 1)))
    listed = next(r for r in _list(client)["results"] if r["id"] == f"indicator-{sport.pk}")
    assert (listed["values"][1]["actual"], listed["values"][1]["rating"]) == (57.0, "amber")
    assert [r["value"] for r in _detail(client, sport).json()["recorded_values"] if r["period"] == "Q2 2024/25"] == [
        58.0,
        59.0,
        57.0,
    ]


# ---------------------------------------------------------------------------
# Only the public indicators, for everyone


@pytest.mark.parametrize("visitor", ["anonymous", "scrutiny councillor", "officer"])
def test_an_indicator_not_marked_public_never_appears(client, basket, visitor, request):
    if visitor != "anonymous":
        # Report readers see it on the report pages; the API is the same for everyone.
        client.force_login(request.getfixturevalue("scrutiny" if visitor == "scrutiny councillor" else "officer"))
    secret = basket["secret"]
    body = _list(client)
    assert {row["id"] for row in body["results"]} == {
        f"indicator-{basket['sport'].pk}",
        f"indicator-{basket['waiting'].pk}",
    }
    assert body["count"] == 2
    missing = _detail(client, secret)
    assert missing.status_code == 404
    assert missing.json() == {"detail": f"There is no published indicator with the id indicator-{secret.pk}."}
    assert _detail(client, basket["sport"]).status_code == 200
    rows = _csv(client)
    assert {row["id"] for row in rows} == {f"indicator-{basket['sport'].pk}", f"indicator-{basket['waiting'].pk}"}
    everything = [
        client.get(reverse("api:indicator_list")),
        client.get(reverse("api:indicator_list"), {"partnership": f"partnership-{secret.partnership_id}"}),
        client.get(reverse("api:indicator_list"), {"updated_since": "2000-01-01T00:00:00Z"}),
        missing,
        client.get(reverse("api:indicators_csv")),
        client.get(reverse("api:root")),
    ]
    for response in everything:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET.encode() not in content and b"NI 99" not in content
    # Once published, it is served.
    Indicator.objects.filter(pk=secret.pk).update(public=True)
    assert _detail(client, secret).status_code == 200


@pytest.mark.parametrize("given", ["indicator-x", "12", "event-1", "indicator-99999999", "indicator-"])
def test_an_id_that_is_no_published_indicator_is_a_404_with_the_reason(client, basket, given):
    response = client.get(reverse("api:indicator_detail", args=[given]))
    assert response.status_code == 404
    assert response.json()["detail"] == f"There is no published indicator with the id {given}."


# ---------------------------------------------------------------------------
# Filters and pages


def test_indicators_filter_by_partnership_and_updated_since(client, basket, partnership, other_partnership):
    sport, waiting = basket["sport"], basket["waiting"]
    ids = lambda **params: [row["id"] for row in _list(client, **params)["results"]]  # noqa: E731
    assert ids(partnership=f"partnership-{partnership.pk}") == [f"indicator-{sport.pk}"]
    assert ids(partnership=f"partnership-{other_partnership.pk}") == [f"indicator-{waiting.pk}"]
    # The latest actual or target recorded: NI 8's on 15 January 2025, NI 39's on 1 May 2025.
    assert set(ids(updated_since="2025-01-15T09:00:00Z")) == {f"indicator-{sport.pk}", f"indicator-{waiting.pk}"}
    assert ids(updated_since="2025-02-01T00:00:00Z") == [f"indicator-{waiting.pk}"]
    assert ids(updated_since="2025-06-01T00:00:00Z") == []
    target(sport, Q4, "63", timezone.now())  # a stretch target
    assert ids(updated_since="2025-06-01T00:00:00Z") == [f"indicator-{sport.pk}"]


@pytest.mark.parametrize(
    ("params", "name", "reason"),
    [
        ({"partnership": "board-1"}, "partnership", "Give an id of the form partnership-<number>"),
        ({"partnership": "partnership-99999"}, "partnership", "There is no partnership with the id partnership-99999."),
        ({"updated_since": "yesterday"}, "updated_since", "Give a real date and time in the ISO 8601 format"),
        ({"page_size": "0"}, "page_size", "Give a whole number of rows from 1 to 200."),
        ({"page": "x"}, "page", "Give a page number from 1."),
    ],
)
def test_a_bad_filter_is_a_400_that_names_it(client, basket, params, name, reason):
    response = client.get(reverse("api:indicator_list"), params)
    assert response.status_code == 400
    body = response.json()
    assert name in body["errors"] and reason in " ".join(body["errors"][name])
    assert body["detail"].startswith("The query was not understood.")


def test_the_list_is_paged(client, basket):
    first = client.get(reverse("api:indicator_list"), {"page_size": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["next"] is None and second["results"][0]["id"] != first["results"][0]["id"]
    assert client.get(reverse("api:indicator_list"), {"page": 3}).status_code == 404


# ---------------------------------------------------------------------------
# HTTP: ETags, CORS, the rate limit, the licence, the root


@pytest.mark.parametrize("name", ["api:indicator_list", "api:indicator_detail"])
def test_the_etag_answers_a_304_until_a_figure_is_recorded(client, basket, name):
    sport = basket["sport"]
    url = reverse(name, args=[f"indicator-{sport.pk}"] if name.endswith("detail") else [])
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('W/"') and first["Cache-Control"] == "no-cache"
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    value(sport, Q3, "62", timezone.now(), note="Corrected")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert client.head(url, headers={"If-None-Match": changed["ETag"]}).status_code == 304


def test_any_origin_may_read_the_indicators_and_each_response_states_its_licence(client, basket):
    origin = {"Origin": "https://data.example.org"}
    for url in (
        reverse("api:indicator_list"),
        reverse("api:indicator_detail", args=[f"indicator-{basket['sport'].pk}"]),
        reverse("api:indicators_csv"),
    ):
        response = client.get(url, headers=origin)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        assert response["Link"].endswith('rel="license"') and "open-government-licence" in response["Link"]


def test_the_indicators_are_rate_limited_like_the_rest(client, basket, settings):
    settings.API_ANON_RATE = "2/min"
    cache.clear()
    assert client.get(reverse("api:indicator_list")).status_code == 200
    assert client.get(reverse("api:indicator_detail", args=[f"indicator-{basket['sport'].pk}"])).status_code == 200
    for url in (reverse("api:indicator_list"), reverse("api:indicators_csv")):
        response = client.get(url)
        assert response.status_code == 429
        assert "anonymous clients may make 2 requests a minute" in response.json()["detail"]


def test_the_indicators_only_read_and_offer_json(client, basket):
    url = reverse("api:indicator_list")
    assert client.post(url, {}, content_type="application/json").status_code == 405
    response = client.get(url, {"format": "xml"})
    assert response.status_code == 406 and response.json()["formats"] == ["json"]


def test_the_root_lists_the_indicators_and_their_download(client):
    body = client.get(reverse("api:root")).json()
    endpoints = {entry["name"]: entry["url"] for entry in body["endpoints"]}
    downloads = {entry["name"]: entry["url"] for entry in body["downloads"]}
    assert endpoints["indicators"] == "http://testserver/api/v1/indicators/"
    assert downloads["indicators"] == "http://testserver/api/v1/indicators.csv"


# ---------------------------------------------------------------------------
# The CSV download


def test_the_csv_holds_one_row_per_public_indicator_and_period(client, basket, partnership):
    sport, waiting = basket["sport"], basket["waiting"]
    rows = _csv(client)
    # By partnership (Health and Well-Being, then Supporting People), then period.
    assert [(row["id"], row["period"]) for row in rows] == [
        *((f"indicator-{sport.pk}", p) for p in ("Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25")),
        *((f"indicator-{waiting.pk}", p) for p in ("2023/24", "2024/25")),
    ]
    q2 = next(row for row in rows if row["id"] == f"indicator-{sport.pk}" and row["period"] == "Q2 2024/25")
    assert q2 | {"explanation": "", "url": ""} == {
        "id": f"indicator-{sport.pk}",
        "partnership_id": f"partnership-{partnership.pk}",
        "partnership": partnership.name,
        "theme": "Healthier communities",
        "code": "NI 8",
        "title": "Adult participation in sport",
        "unit": "%",
        "higher_is_better": "yes",
        "period": "Q2 2024/25",
        "period_start": "2024-07-01",
        "period_end": "2024-09-30",
        "actual": "59",
        "provisional": "no",
        "corrected": "yes",
        "target": "60",
        "rating": "amber",
        "direction": "improving",
        "explanation": "",
        "amber_tolerance": "0.05",
        "tolerance_set_by": "the Partnership Board, April 2024",
        "owner_id": f"body-{sport.owner_id}",
        "owner": sport.owner.name,
        "illustrative": "yes",
        "url": "",
    }
    assert q2["explanation"].startswith("Amber: 59% for Q2 2024/25 is 1.7% below the target of 60%")
    assert q2["url"] == "http://testserver" + reverse("reports:indicator", args=[partnership.slug, "ni-8"])
    q4 = next(row for row in rows if row["id"] == f"indicator-{sport.pk}" and row["period"] == "Q4 2024/25")
    assert (q4["actual"], q4["provisional"], q4["target"], q4["rating"]) == ("", "", "62", "no data")


def test_a_csv_cell_a_spreadsheet_would_run_is_text_but_a_negative_figure_is_a_number(client, basket):
    sport = basket["sport"]
    Indicator.objects.filter(pk=sport.pk).update(
        title='=HYPERLINK("http://evil.example","Click")', tolerance_set_by="@SUM(A1)", unit="-"
    )
    target(sport, dt.date(2025, 4, 1), "-2.5", at(dt.date(2025, 3, 1)))
    value(sport, dt.date(2025, 4, 1), "-3.2500", at(dt.date(2025, 7, 1)))
    rows = [row for row in _csv(client) if row["id"] == f"indicator-{sport.pk}"]
    assert {row["title"] for row in rows} == {"'" + '=HYPERLINK("http://evil.example","Click")'}
    assert {row["tolerance_set_by"] for row in rows} == {"'@SUM(A1)"}
    assert {row["unit"] for row in rows} == {"'-"}
    last = rows[-1]
    assert (last["period"], last["actual"], last["target"]) == ("Q1 2025/26", "-3.25", "-2.5")


# ---------------------------------------------------------------------------
# Query counts: bounded, the same for 10 and for 200 indicators

LIMITS = {"api:indicator_list": 4, "api:indicators_csv": 3}


def build(n: int, partnership: Partnership, owner: Organisation) -> list[Indicator]:
    """n public indicators (and n hidden ones), each with a theme, an owner, four
    quarters of targets and actuals, one corrected."""
    themes = Theme.objects.bulk_create(Theme(partnership=partnership, name=f"Theme {i:04d}") for i in range(n))
    shown = Indicator.objects.bulk_create(
        Indicator(
            partnership=partnership,
            theme=themes[i],
            owner=owner,
            code=f"X {i:04d}",
            slug=f"x-{i:04d}",
            title=f"Indicator {i:04d}",
            unit="%",
            public=True,
        )
        for i in range(n)
    )
    Indicator.objects.bulk_create(
        Indicator(partnership=partnership, code=f"H {i:04d}", slug=f"h-{i:04d}", title="Hidden", unit="%")
        for i in range(n)
    )
    recorded = at(dt.date(2025, 2, 1))
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, period_start=start, value=60, recorded_at=recorded)
        for indicator in shown
        for start in (Q1, Q2, Q3, Q4)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, period_start=start, value=50 + k, recorded_at=recorded)
        for indicator in shown
        for k, start in enumerate((Q1, Q2, Q3, Q4, Q4))
    )
    return shown


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("name", list(LIMITS))
def test_the_indicators_take_a_fixed_number_of_queries(
    client, partnership, county, rows, name, django_assert_max_num_queries
):
    build(rows, partnership, county)
    with django_assert_max_num_queries(LIMITS[name]):
        response = client.get(reverse(name), {"page_size": 200})
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    if response.streaming:
        assert body.count(b"\n") == 1 + 4 * rows
    else:
        assert response.json()["count"] == rows and len(response.json()["results"]) == rows
        assert all(len(row["values"]) == 4 for row in response.json()["results"])


@pytest.mark.parametrize("rows", [10, 200])
def test_an_indicators_detail_takes_a_fixed_number_of_queries(
    client, partnership, county, rows, django_assert_max_num_queries
):
    """However many periods and corrections it holds."""
    (indicator,) = build(1, partnership, county)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, period_start=Q1, value=k, recorded_at=at(dt.date(2025, 3, 1)))
        for k in range(rows)
    )
    with django_assert_max_num_queries(4):
        response = client.get(reverse("api:indicator_detail", args=[f"indicator-{indicator.pk}"]))
    assert response.status_code == 200 and len(response.json()["recorded_values"]) == rows + 5


# ---------------------------------------------------------------------------
# The OpenAPI description

OPERATIONS = [
    ("/api/v1/indicators/", "GET"),
    ("/api/v1/indicators/{id}/", "GET"),
    ("/api/v1/indicators.csv", "GET"),
]


def test_the_description_is_valid_openapi_and_describes_the_indicators(client):
    schema = client.get(reverse("api:openapi")).json()
    validate_schema(schema)  # raises on a description that is not valid OpenAPI 3
    paths = schema["paths"]
    assert {path for path, _ in OPERATIONS} <= set(paths)
    listed = paths["/api/v1/indicators/"]["get"]
    assert listed["tags"] == ["indicators"] and "marked public" in listed["description"]
    parameters = {p["name"]: p for p in listed["parameters"]}
    assert {"partnership", "updated_since", "page", "page_size"} <= set(parameters)
    assert all(p.get("description") for p in parameters.values())
    detail = paths["/api/v1/indicators/{id}/"]["get"]
    assert detail["parameters"][0]["schema"]["pattern"] == "^indicator-[0-9]{1,18}$"
    assert set(detail["responses"]) == {"200", "404", "406", "429"}
    components = schema["components"]["schemas"]
    for name in ("Indicator", "IndicatorDetail", "IndicatorPeriod", "RecordedValue"):
        assert name in components, name
    period = components["IndicatorPeriod"]["properties"]
    assert period["rating"]["allOf"] == [{"$ref": "#/components/schemas/RatingEnum"}]
    assert components["RatingEnum"]["enum"] == ["green", "amber", "red", "no data"]
    assert components["DirectionEnum"]["enum"] == ["improving", "worsening", "no change", "no data"]
    for name in ("Indicator", "IndicatorDetail", "IndicatorPeriod", "RecordedValue"):
        undescribed = [field for field, spec in components[name]["properties"].items() if not spec.get("description")]
        assert not undescribed, f"{name}: {undescribed}"
    assert "text/csv" in paths["/api/v1/indicators.csv"]["get"]["responses"]["200"]["content"]


@pytest.fixture
def api_schema(settings, basket) -> Iterator[schemathesis.BaseSchema]:
    """As tests/api/demo/test_schemathesis.py, over this module's indicators: the
    description the app serves, called in-process through WSGI."""
    settings.API_ANON_RATE = "1000000/min"
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_indicator_operation_is_in_the_description():
    generated = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    found = sorted((path, method.upper()) for path, methods in generated.items() for method in methods)
    assert set(OPERATIONS) <= set(found)


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_the_indicators_answer_generated_requests_as_the_description_says(
    api_schema: schemathesis.BaseSchema, basket, path: str, method: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=15, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    def answers(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=[not_a_server_error, response_schema_conformance], headers=IDENTITY)

    answers()
    # And a real row, as the description says.
    sport = basket["sport"]
    case = operation.Case(path_parameters={"id": f"indicator-{sport.pk}"} if "{id}" in path else None)
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance], headers=IDENTITY)
