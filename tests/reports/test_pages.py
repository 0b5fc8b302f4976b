"""The report pages (SPEC §7): who sees what, figures and how each rating was reached,
and query counts that do not grow with the indicators or risks shown."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reports import actions
from reports.models import IndicatorTarget, IndicatorValue, RiskReview
from reports.periods import Period
from tests.pages import text_of

from .conftest import NOW, make_indicator, make_risk

Q1, Q2 = Period.quarter(2025, 1), Period.quarter(2025, 2)  # April–June, July–September 2025

pytestmark = pytest.mark.django_db


def figures(indicator, period: Period, actual: str | None, target: str | None, **extra) -> None:
    if actual is not None:
        IndicatorValue.objects.create(
            indicator=indicator, period_start=period.start, value=Decimal(actual), recorded_at=NOW, **extra
        )
    if target is not None:
        IndicatorTarget.objects.create(
            indicator=indicator, period_start=period.start, value=Decimal(target), recorded_at=NOW
        )


def text(response) -> str:
    return " ".join(text_of(response).split())


# ---------------------------------------------------------------------------
# Who reads


@pytest.mark.parametrize("name", ["reports:dashboard"])
def test_the_dashboard_is_for_scrutiny_and_officers(client, name, scrutiny, officer, member, administrator) -> None:
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(member)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Reports are for scrutiny councillors and partnership officers" in text(refused)
    for reader in (scrutiny, officer, administrator):
        client.force_login(reader)
        assert client.get(url).status_code == 200


def test_the_partnership_report_is_for_readers_only(client, partnership, scrutiny, member) -> None:
    url = reverse("reports:partnership", args=[partnership.slug])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(scrutiny)
    assert client.get(url).status_code == 200
    assert client.get(reverse("reports:partnership", args=["no-such-partnership"])).status_code == 404


def test_anonymous_sees_a_public_indicator_and_never_one_that_is_not(
    client, partnership, indicator, public_indicator
) -> None:
    figures(public_indicator, Q2, "81", "80")
    figures(indicator, Q2, "12.5", "20")
    listing = text(client.get(reverse("reports:indicators")))
    assert "People who feel they belong" in listing
    assert "Adult participation in sport" not in listing
    assert client.get(reverse("reports:indicator", args=[partnership.slug, public_indicator.slug])).status_code == 200
    hidden = client.get(reverse("reports:indicator", args=[partnership.slug, indicator.slug]))
    assert hidden.status_code == 404
    assert "12.5" not in hidden.content.decode()


def test_a_reader_sees_every_indicator_marked_when_it_is_not_published(
    client, partnership, indicator, public_indicator, scrutiny
) -> None:
    client.force_login(scrutiny)
    listing = text(client.get(reverse("reports:indicators")))
    assert "Adult participation in sport (not published)" in listing
    page = text(client.get(reverse("reports:indicator", args=[partnership.slug, indicator.slug])))
    assert "Not published" in page


def test_the_public_indicators_come_five_partnerships_a_page(client, partnership, public_indicator) -> None:
    from partnerships.models import Partnership
    from reports.models import Theme

    for number in range(6):  # six more publish; one more has only an unpublished indicator
        other = Partnership.objects.create(name=f"Zone {number} Partnership", slug=f"zone-{number}")
        make_indicator(other, "NI 1", theme=Theme.objects.create(partnership=other, name="Theme"), public=True)
    hidden = Partnership.objects.create(name="Zone 9 Partnership", slug="zone-9")
    make_indicator(hidden, "NI 2", title="Hidden measure")
    first = text(client.get(reverse("reports:indicators")))
    assert "Partnerships 1 to 5 of 7, by name." in first
    assert "Health and Well-Being Partnership" in first and "Zone 3 Partnership" in first
    assert "Zone 4 Partnership" not in first
    second = text(client.get(reverse("reports:indicators"), {"page": 2}))
    assert "Zone 4 Partnership" in second and "Zone 5 Partnership" in second
    assert "Zone 9" not in first + second and "Hidden measure" not in first + second


def test_the_indicator_pages_belong_to_the_reports_in_a_readers_navigation(client, public_indicator, scrutiny) -> None:
    reports_current = re.compile(rf'href="{reverse("reports:dashboard")}"\s+aria-current="page"')
    assert 'aria-current="page"' not in client.get(reverse("reports:indicators")).content.decode()  # no item is
    client.force_login(scrutiny)
    for url in (reverse("reports:indicators"), reverse("reports:dashboard")):
        assert reports_current.search(client.get(url).content.decode()), url


# ---------------------------------------------------------------------------
# Figures and how each rating was reached


def test_the_report_rates_each_indicator_and_says_how(client, partnership, theme, scrutiny) -> None:
    sport = make_indicator(partnership, "NI 8", theme=theme, title="Sport", tolerance_set_by="the Board, May 2024")
    alcohol = make_indicator(partnership, "NI 39", theme=theme, title="Alcohol", unit="rate", higher_is_better=False)
    homes = make_indicator(partnership, "NI 154", theme=theme, title="Homes", unit="number")
    figures(sport, Q1, "60", "60")
    figures(sport, Q2, "58", "60")  # 2 short of 60 = 3.3%, within 5%: amber, and worse than Q1
    figures(alcohol, Q1, "300", "280")
    figures(alcohol, Q2, "270", "280")  # below the target, lower is better: green, improving
    figures(homes, Q2, None, "500")  # no figure for Q2: no data
    client.force_login(scrutiny)

    page = text(client.get(reverse("reports:partnership", args=[partnership.slug]), {"period": Q2.slug}))

    assert (
        "Amber: 58% for Q2 2025/26 is 3.3% below the target of 60%, within the 5% tolerance "
        "(set by the Board, May 2024)." in page
    )
    assert "Green: 270 for Q2 2025/26 is below the target of 280." in page
    assert "No data: no figure has been recorded for Q2 2025/26." in page
    assert "Red 0, amber 1, green 1, no data 1: 3 in all." in page


def test_a_correction_counts_and_the_figure_it_replaced_stays(client, partnership, indicator, scrutiny) -> None:
    figures(indicator, Q2, "50", "60")
    IndicatorValue.objects.create(
        indicator=indicator, period_start=Q2.start, value=Decimal("61"), recorded_at=NOW + dt.timedelta(hours=1)
    )
    client.force_login(scrutiny)
    page = text(client.get(reverse("reports:indicator", args=[partnership.slug, indicator.slug])))
    assert "Green: 61% for Q2 2025/26 is above the target of 60%." in page
    assert "corrected; was 50%" in page


def test_a_period_that_cannot_be_read_is_a_400_with_the_reason(client, scrutiny) -> None:
    client.force_login(scrutiny)
    response = client.get(reverse("reports:dashboard"), {"period": "2025-27"})
    assert response.status_code == 400
    assert "There is no such period: choose one from the list." in text(response)
    future = client.get(reverse("reports:dashboard"), {"period": "2030-31"})
    assert future.status_code == 400
    assert "That period has not begun yet" in text(future)


def test_the_dashboard_lists_red_risks_and_overdue_reviews(client, theme, scrutiny) -> None:
    risk = make_risk(theme, "Funding for the service ends")  # 3 × 4 = 12, amber; due for review 30 Aug 2025
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=dt.date(2025, 9, 1),
        likelihood=4,
        impact=4,
        mitigation="Bid again.",
        next_review_on=dt.date(2025, 10, 1),
        recorded_at=NOW,
    )
    client.force_login(scrutiny)
    page = text(client.get(reverse("reports:dashboard")))
    assert "Funding for the service ends" in page
    assert "4 × 4 = 16" in page
    assert "Overdue" in page


def test_the_dashboard_is_read_once_until_something_changes(
    client, partnership, theme, indicator, scrutiny, officer, django_assert_max_num_queries
) -> None:
    """Its content is cached under the data's version: a second view reads nothing
    but the version, and a figure recorded through the action shows at once."""
    figures(indicator, Q2, "50", "60")
    client.force_login(scrutiny)
    first = text(client.get(reverse("reports:dashboard"), {"period": Q2.slug}))
    assert "Indicators by rating Red 1 Amber 0 Green 0" in first
    with django_assert_max_num_queries(6):  # what signing in reads, and the data's version
        again = client.get(reverse("reports:dashboard"), {"period": Q2.slug})
    assert text(again) == first

    actions.value_record(indicator, period=Q2, value=Decimal("65"), by=officer, now=NOW + dt.timedelta(hours=1))

    changed = text(client.get(reverse("reports:dashboard"), {"period": Q2.slug}))
    assert "Indicators by rating Red 0 Amber 0 Green 1" in changed


# ---------------------------------------------------------------------------
# Queries that do not grow


def _basket(partnership, theme, n: int) -> None:
    for number in range(n):
        indicator = make_indicator(partnership, f"X {number}", theme=theme, title=f"Measure {number}")
        figures(indicator, Q1, str(50 + number % 7), "55")
        figures(indicator, Q2, str(48 + number % 11), "55")
        make_risk(theme, f"Risk {number}")


@pytest.mark.parametrize("n", [10, 200])
def test_report_pages_use_a_bounded_number_of_queries(
    client, partnership, theme, scrutiny, n, django_assert_max_num_queries
) -> None:
    _basket(partnership, theme, n)
    client.force_login(scrutiny)
    with django_assert_max_num_queries(8):  # the user, 7 for the content (tests/reports/test_page_queries.py)
        assert client.get(reverse("reports:dashboard"), {"period": Q2.slug}).status_code == 200
    with django_assert_max_num_queries(8):  # the user, the partnership, 6 for the report
        assert (
            client.get(reverse("reports:partnership", args=[partnership.slug]), {"period": Q2.slug}).status_code == 200
        )
    with django_assert_max_num_queries(3):  # the user, the partnership, the register
        assert client.get(reverse("reports:risks", args=[partnership.slug])).status_code == 200
    with django_assert_max_num_queries(5):  # the user, two to paginate, the indicators, their figures
        assert client.get(reverse("reports:indicators")).status_code == 200


@pytest.mark.parametrize("n", [10, 200])
def test_governance_pages_use_a_bounded_number_of_queries(
    client, partnership, scrutiny, member, n, django_assert_max_num_queries
) -> None:
    from partnerships.models import Board

    Board.objects.bulk_create(
        Board(partnership=partnership, name=f"Group {number}", slug=f"group-{number}") for number in range(n)
    )
    url = reverse("reports:governance", args=[partnership.slug])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(scrutiny)
    with django_assert_max_num_queries(7):  # the user, the partnership, 2 for the health, 3 for the other tables
        page = client.get(url, {"period": Q2.slug})
    assert page.status_code == 200
    assert "Group 199" in text(page) or n == 10
    with django_assert_max_num_queries(8):
        assert (
            client.get(reverse("reports:partnership", args=[partnership.slug]), {"period": Q2.slug}).status_code == 200
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("reports:dashboard"), {"period": Q2.slug}).status_code == 200
