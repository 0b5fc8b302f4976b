"""The officer's pages of the scrutiny reports (reports/views/manage.py): who may use
them, each form's happy path and its GOV.UK wording, corrections shown before they are
made, the CSV upload (every bad row listed, nothing imported), delivery chains with
many options, and query counts that do not grow with the rows shown.

People from tests/conftest.py: ``officer`` (Olivia) services ``partnership``;
``other_officer`` (Oscar) does not; ``scrutiny`` (Cllr Sam) reads reports but writes
none; ``administrator`` (Ada) writes everywhere. Periods are counted from today (the
pages use the real clock): ``current`` quarter, ``last`` quarter, ``next`` quarter.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action
from partnerships.models import AuditEvent, Board, Layer, Partnership, Person
from reports.models import Indicator, IndicatorTarget, IndicatorValue, Risk, RiskReview, Target, Theme
from reports.periods import Period
from tests.factories import make_item, make_meeting
from tests.pages import error_summary, text_of

from .conftest import make_indicator, make_risk

pytestmark = pytest.mark.django_db

SIGN_IN = "/sign-in/"
NOT_THEIRS = "You do not service this partnership, so you cannot change its indicators, targets or risks."
OFFICERS_ONLY = "Only partnership officers and administrators can change reports."
# The same for 10 rows as for 200. The index: the user, the partnership, its themes,
# indicators, their figures, the risk register, the targets and their chains' names.
INDEX_QUERIES = 8
# The user, the partnership, the target, its links (one UNION), the four kinds of choice.
CHAIN_QUERIES = 8
DJANGO_WORDS = ("This field is required", "Enter a valid", "Select a valid choice", "Ensure this value")


# ---------------------------------------------------------------------------
# Helpers


def today() -> dt.date:
    return timezone.localdate()


def current() -> Period:
    return Period.containing(today(), "quarter")


def last() -> Period:
    return current().previous()


def text(response) -> str:
    return html.unescape(" ".join(text_of(response).split()))


def url(name: str, partnership: Partnership, *args: Any) -> str:
    return reverse(f"reports:{name}", args=[partnership.slug, *args])


def summary(response) -> str:
    """The page's error summary as read (quotes unescaped)."""
    return html.unescape(error_summary(response)).strip()


def assert_gov_uk_words(response) -> None:
    body = text(response)
    for words in DJANGO_WORDS:
        assert words not in body, words


def date_parts(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def follow_banner(client: Client, response) -> str:
    """The success banner of the page a POST redirected to."""
    assert response.status_code == 302, text(response)
    page = client.get(response["Location"])
    assert "govuk-notification-banner--success" in page.content.decode()
    return text(page)


@pytest.fixture
def child(partnership) -> Partnership:
    """A delivery group's partnership under ``partnership``."""
    return Partnership.objects.create(
        name="Healthy Weight Group", slug="healthy-weight", purpose="Delivers the obesity strategy.", parent=partnership
    )


@pytest.fixture
def target(partnership) -> Target:
    return Target.objects.create(partnership=partnership, code="LAA NI 8", title="More adults take part in sport")


# ---------------------------------------------------------------------------
# Who may use the pages


PAGES = [
    ("manage_index", ()),
    ("theme_new", ()),
    ("indicator_new", ()),
    ("indicator_edit", ("indicator",)),
    ("value_record", ("indicator",)),
    ("target_record", ("indicator",)),
    ("values_upload", ()),
    ("values_template", ()),
    ("chain_target_new", ()),
    ("chain_target_edit", ("target",)),
    ("chain_links", ("target",)),
    ("risk_new", ()),
    ("risk_edit", ("risk",)),
    ("risk_review", ("risk",)),
    ("risk_close", ("risk",)),
]


@pytest.fixture
def addresses(partnership, indicator, target, risk) -> dict[str, str]:
    rows = {"indicator": indicator, "target": target, "risk": risk}
    return {name: url(name, partnership, *(rows[arg].pk for arg in args)) for name, args in PAGES}


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_officers_of_the_partnership_and_administrators_open_every_page(
    client, addresses, officer, administrator, name, args
) -> None:
    for user in (officer, administrator):
        client.force_login(user)
        assert client.get(addresses[name]).status_code == 200


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_everyone_else_is_refused_with_the_reason(
    client, addresses, other_officer, scrutiny, member, name, args
) -> None:
    address = addresses[name]
    anonymous = client.get(address)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(SIGN_IN)
    for user, reason in ((other_officer, NOT_THEIRS), (scrutiny, OFFICERS_ONLY), (member, OFFICERS_ONLY)):
        client.force_login(user)
        refused = client.get(address)
        assert refused.status_code == 403
        assert reason in text(refused)


def test_scrutiny_councillors_read_but_never_write(client, partnership, indicator, scrutiny) -> None:
    client.force_login(scrutiny)
    assert client.get(reverse("reports:partnership", args=[partnership.slug])).status_code == 200
    posted = client.post(url("value_record", partnership, indicator.pk), {"period": last().slug, "value": "61"})
    assert posted.status_code == 403
    posted = client.post(url("theme_new", partnership), {"name": "Safer streets"})
    assert posted.status_code == 403
    assert not IndicatorValue.objects.exists() and not Theme.objects.filter(name="Safer streets").exists()


def test_anonymous_posts_are_sent_to_sign_in(client, partnership) -> None:
    response = client.post(url("theme_new", partnership), {"name": "Safer streets"})
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    assert not Theme.objects.exists()


def test_another_partnerships_rows_are_not_found_through_this_one(
    officer_client, partnership, other_indicator, other_theme
) -> None:
    other_risk = make_risk(other_theme)
    assert officer_client.get(url("indicator_edit", partnership, other_indicator.pk)).status_code == 404
    assert officer_client.get(url("risk_review", partnership, other_risk.pk)).status_code == 404


def test_every_form_carries_a_csrf_token_and_a_post_without_one_is_refused(partnership, officer, addresses) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    for name, _ in PAGES:
        if name in ("manage_index", "values_template"):
            continue
        assert "csrfmiddlewaretoken" in client.get(addresses[name]).content.decode(), name
    assert client.post(addresses["theme_new"], {"name": "Safer streets"}).status_code == 403
    assert not Theme.objects.filter(name="Safer streets").exists()


# ---------------------------------------------------------------------------
# The partnership's page


def test_the_index_shows_themes_indicators_targets_and_risks_with_links_to_every_form(
    officer_client, partnership, theme, indicator, target, risk, board
) -> None:
    IndicatorValue.objects.create(
        indicator=indicator, period_start=last().start, value=Decimal("61.5"), provisional=True
    )
    IndicatorTarget.objects.create(indicator=indicator, period_start=last().start, value=Decimal("60"))
    target.indicators.add(indicator)
    target.delivery_groups.add(board)
    response = officer_client.get(url("manage_index", partnership))
    body = text(response)
    assert "Healthier communities" in body
    assert "NI 8 Adult participation in sport" in body
    assert f"{last().label} 61.5% (provisional) 60% Green" in body
    assert "LAA NI 8 More adults take part in sport Measured by: NI 8 Delivered by: Partnership Board" in body
    assert "Funding ends" in body and "3 × 4 = 12" in body and "Overdue" in body
    assert "1 risk review overdue" in body
    html = response.content.decode()
    for name, args in PAGES:
        if name == "manage_index":
            continue
        rows = {"indicator": indicator.pk, "target": target.pk, "risk": risk.pk}
        assert f'href="{url(name, partnership, *(rows[a] for a in args))}' in html, name


@pytest.mark.parametrize("n", [10, 200])
def test_the_index_reads_a_bounded_number_of_queries(
    officer_client, partnership, theme, board, n, django_assert_max_num_queries
) -> None:
    indicators = Indicator.objects.bulk_create(
        Indicator(partnership=partnership, theme=theme, code=f"X {i:03d}", slug=f"x-{i:03d}", title=f"I{i}", unit="%")
        for i in range(n)
    )
    start = last().start
    IndicatorValue.objects.bulk_create(IndicatorValue(indicator=i, period_start=start, value=50) for i in indicators)
    IndicatorTarget.objects.bulk_create(IndicatorTarget(indicator=i, period_start=start, value=55) for i in indicators)
    themes = Theme.objects.bulk_create(Theme(partnership=partnership, name=f"Theme {i}") for i in range(n // 10))
    for number, each in enumerate(themes):
        make_risk(each, f"Risk {number}")
    targets = Target.objects.bulk_create(
        Target(partnership=partnership, code=f"T{i}", title=f"T{i}") for i in range(n // 10)
    )
    for each in targets:
        each.indicators.add(*indicators[:3])
        each.delivery_groups.add(board)
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = officer_client.get(url("manage_index", partnership))
    assert response.status_code == 200
    assert text(response).count("Record an actual") == n


# ---------------------------------------------------------------------------
# Themes


def test_an_officer_adds_a_theme(officer_client, partnership) -> None:
    response = officer_client.post(
        url("theme_new", partnership),
        {"name": "Safer streets", "description": "Crime and fear of crime", "position": "2"},
    )
    assert "The theme 'Safer streets' has been added." in follow_banner(officer_client, response)
    theme = Theme.objects.get(name="Safer streets")
    assert (theme.partnership, theme.description, theme.position) == (partnership, "Crime and fear of crime", 2)
    assert AuditEvent.objects.filter(verb="theme_add").exists()


def test_theme_errors_are_gov_uk_sentences(officer_client, partnership, theme) -> None:
    blank = officer_client.post(url("theme_new", partnership), {"name": "", "position": "first"})
    assert blank.status_code == 400
    assert summary(blank) == ("There is a problem Enter the name of the theme Order must be a whole number, like 1")
    assert_gov_uk_words(blank)
    assert "Order must be a whole number from 0 to 999" in summary(
        officer_client.post(url("theme_new", partnership), {"name": "Safer streets", "position": "1000"})
    )
    twice = officer_client.post(url("theme_new", partnership), {"name": "Healthier communities"})
    assert "Health and Well-Being Partnership already has a theme called 'Healthier communities'" in summary(twice)


# ---------------------------------------------------------------------------
# Indicators


def indicator_data(theme: Theme, owner: Any, **changes: str) -> dict[str, Any]:
    data = {
        "theme": str(theme.pk),
        "code": "NI 50",
        "title": "Emotional health of children",
        "description": "Children with good relationships, from the TellUs survey.",
        "unit": "%",
        "higher_is_better": "yes",
        "period_kind": "year",
        "baseline": "62.5",
        "baseline_period": "2023-24",
        "amber_tolerance": "7.5",
        "tolerance_set_by": "Performance Board, 12 March 2025",
        "owner": str(owner.pk),
        "public": "yes",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_officer_adds_an_indicator_with_every_field(officer_client, partnership, theme, county) -> None:
    response = officer_client.post(url("indicator_new", partnership), indicator_data(theme, county, illustrative="on"))
    assert "The indicator NI 50 Emotional health of children has been added." in follow_banner(officer_client, response)
    added = Indicator.objects.get(code="NI 50")
    assert (added.partnership, added.theme, added.slug, added.owner) == (partnership, theme, "ni-50", county)
    assert (added.period_kind, added.higher_is_better, added.public, added.illustrative) == ("year", True, True, True)
    assert (added.baseline, added.baseline_period) == (Decimal("62.5"), "2023/24")
    assert added.amber_tolerance == Decimal("0.075")
    assert added.tolerance_set_by == "Performance Board, 12 March 2025"


def test_indicator_errors_are_gov_uk_sentences(officer_client, partnership, theme, county) -> None:
    empty = {"code": "", "title": "", "unit": "", "amber_tolerance": ""}
    response = officer_client.post(url("indicator_new", partnership), empty)
    assert response.status_code == 400
    found = summary(response)
    for message in (
        "Enter the code of the indicator",
        "Enter the title of the indicator",
        "Enter the unit, like % or number",
        "Select whether higher or lower figures are better",
        "Select how often figures are reported",
        "Enter the amber tolerance as a percentage, like 5",
        "Select yes if the indicator is published on the portal",
    ):
        assert message in found
    assert_gov_uk_words(response)
    bad = indicator_data(theme, county, baseline="about 60", baseline_period="last year", amber_tolerance="150")
    found = summary(officer_client.post(url("indicator_new", partnership), bad))
    assert "Enter the baseline as a number, like 67.5" in found
    assert "Enter the period of the baseline as a financial year like 2025/26 or a quarter like Q2 2025/26" in found
    assert "Amber tolerance must be between 0 and 100" in found
    places = officer_client.post(
        url("indicator_new", partnership), indicator_data(theme, county, amber_tolerance="2.555")
    )
    assert "Amber tolerance must have no more than 2 decimal places" in summary(places)


def test_an_indicator_takes_only_a_theme_of_its_partnership_and_a_code_of_its_own(
    officer_client, partnership, theme, other_theme, indicator, county
) -> None:
    response = officer_client.post(url("indicator_new", partnership), indicator_data(other_theme, county))
    assert "Choose one of the themes of Health and Well-Being Partnership" in summary(response)
    response = officer_client.post(url("indicator_new", partnership), indicator_data(theme, county, code="NI 8"))
    assert "Health and Well-Being Partnership already has an indicator with the code NI 8" in summary(response)
    assert Indicator.objects.filter(partnership=partnership).count() == 1


@pytest.mark.parametrize("code", ["ni 8", "NI  8", " Ni 8 "])
def test_a_code_alike_but_for_capitals_and_spaces_is_the_same_code(
    officer_client, partnership, theme, indicator, county, code
) -> None:
    response = officer_client.post(url("indicator_new", partnership), indicator_data(theme, county, code=code))
    assert "Health and Well-Being Partnership already has an indicator with the code NI 8" in summary(response)
    assert Indicator.objects.filter(partnership=partnership).count() == 1


def test_the_largest_figure_is_stored_and_read_back_exactly(officer_client, partnership, indicator) -> None:
    """15 significant digits: SQLite keeps decimals as binary floating point, and one
    more digit could not be read back (the dashboard and every page reading it failed)."""
    response = officer_client.post(
        url("value_record", partnership, indicator.pk), {"period": last().slug, "value": "99999999999.9999"}
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("99999999999.9999")
    refused = officer_client.post(
        url("value_record", partnership, indicator.pk), {"period": last().slug, "value": "999999999999.9999"}
    )
    assert "The value must be less than 100,000,000,000" in summary(refused)
    assert officer_client.get(reverse("reports:dashboard")).status_code == 200
    assert officer_client.get(url("value_record", partnership, indicator.pk)).status_code == 200


def test_a_year_typed_for_a_quarterly_indicator_is_refused_before_any_correction_is_offered(
    officer_client, partnership, indicator
) -> None:
    year = Period.year(current().first_year - 1)
    IndicatorValue.objects.create(indicator=indicator, period_start=year.start, value=Decimal("98.6"))  # its Q1
    response = officer_client.post(
        url("value_record", partnership, indicator.pk), {"period": "other", "other_period": year.label, "value": "61"}
    )
    assert response.status_code == 400
    assert "NI 8 is reported quarterly: give a quarter like Q2 2025/26." in summary(response)
    assert "already has the figure" not in text(response)


@pytest.mark.parametrize(
    ("public", "said"),
    [
        (True, "Shown to the public with the figure, on the indicator's page and in the open data."),
        (False, "Shown with the figure to everyone who may see this indicator."),
    ],
)
def test_the_note_field_says_who_will_read_the_note(officer_client, partnership, indicator, public, said) -> None:
    indicator.public = public
    indicator.save()
    assert said in text(officer_client.get(url("value_record", partnership, indicator.pk)))


def test_an_officer_changes_an_indicator(officer_client, partnership, theme, indicator, county) -> None:
    page = officer_client.get(url("indicator_edit", partnership, indicator.pk)).content.decode()
    assert 'value="Adult participation in sport"' in page and 'name="amber_tolerance" value="5"' in page
    data = indicator_data(
        theme,
        county,
        code="NI 8",
        title="Adults taking part in sport",
        period_kind="quarter",
        baseline="",
        baseline_period="",
        amber_tolerance="5",
    )
    response = officer_client.post(url("indicator_edit", partnership, indicator.pk), data)
    assert "has been changed" in follow_banner(officer_client, response)
    indicator.refresh_from_db()
    assert (indicator.title, indicator.public, indicator.owner) == ("Adults taking part in sport", True, county)
    assert AuditEvent.objects.filter(verb="indicator_update").exists()


def test_a_refusal_of_the_action_is_shown_on_the_form(officer_client, partnership, theme, indicator, county) -> None:
    IndicatorValue.objects.create(indicator=indicator, period_start=last().start, value=Decimal("60"))
    data = indicator_data(theme, county, code="NI 8", period_kind="year", baseline="", amber_tolerance="5")
    response = officer_client.post(url("indicator_edit", partnership, indicator.pk), data)
    assert response.status_code == 400
    assert "so how often it is reported cannot change" in summary(response)
    assert 'href="#id_period_kind_1"' in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.period_kind == "quarter"


def test_an_officer_changes_an_indicators_baseline_and_tolerance(
    officer_client, partnership, theme, indicator, county
) -> None:
    data = indicator_data(theme, county, code="NI 8", period_kind="quarter", baseline="62.5", amber_tolerance="7.5")
    response = officer_client.post(url("indicator_edit", partnership, indicator.pk), data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.baseline, indicator.amber_tolerance) == (Decimal("62.5"), Decimal("0.075"))


# ---------------------------------------------------------------------------
# Actuals


def test_an_officer_records_an_actual(officer_client, partnership, indicator) -> None:
    page = officer_client.get(url("value_record", partnership, indicator.pk))
    body = text(page)
    assert f"{current().label} No figure recorded yet." in body and "Another period" in body
    response = officer_client.post(
        url("value_record", partnership, indicator.pk),
        {"period": last().slug, "value": "61.5", "provisional": "on", "note": "Survey estimate"},
    )
    assert f"Recorded NI 8 for {last()}: 61.5." in follow_banner(officer_client, response)
    row = IndicatorValue.objects.get()
    assert (row.period_start, row.value, row.provisional, row.note) == (
        last().start,
        Decimal("61.5"),
        True,
        "Survey estimate",
    )


def test_a_figure_for_a_period_that_has_one_is_shown_as_a_correction_first(
    officer_client, partnership, indicator
) -> None:
    IndicatorValue.objects.create(indicator=indicator, period_start=last().start, value=Decimal("60"))
    page = text(officer_client.get(url("value_record", partnership, indicator.pk)))
    assert f"{last().label} Recorded: 60, on" in page
    assert "A new figure is a correction: it replaces this one, which is kept in the history." in page
    response = officer_client.post(
        url("value_record", partnership, indicator.pk), {"period": last().slug, "value": "62"}
    )
    assert f"Corrected NI 8 for {last()}: 62, in place of 60." in follow_banner(officer_client, response)
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [Decimal("60"), Decimal("62")]


def test_a_period_typed_in_that_has_a_figure_is_confirmed_before_it_is_corrected(
    officer_client, partnership, indicator
) -> None:
    old = Period.quarter(current().first_year - 3, 2)
    IndicatorValue.objects.create(indicator=indicator, period_start=old.start, value=Decimal("55.25"))
    address = url("value_record", partnership, indicator.pk)
    data = {"period": "other", "other_period": old.label, "value": "57"}
    asked = officer_client.post(address, data)
    assert asked.status_code == 200
    body = text(asked)
    assert f"{old.label} already has the figure 55.25" in body and "Record the correction" in body
    assert f'name="confirm" value="{old.slug}"' in asked.content.decode()
    assert IndicatorValue.objects.count() == 1
    done = officer_client.post(address, {**data, "confirm": old.slug})
    assert f"Corrected NI 8 for {old}: 57, in place of 55.25." in follow_banner(officer_client, done)
    assert IndicatorValue.objects.count() == 2


def test_the_period_in_the_address_is_chosen_in_advance(officer_client, partnership, indicator) -> None:
    page = officer_client.get(url("value_record", partnership, indicator.pk) + f"?period={last().slug}")
    assert f'value="{last().slug}" checked' in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": "61"}, "Select the period"),
        ({"period": "LAST", "value": "61"}, "Select one of the periods listed"),
        ({"period": "LAST", "value": ""}, "Enter the value as a number, like 67.5"),
        ({"period": "LAST", "value": "sixty"}, "Enter the value as a number, like 67.5"),
        ({"period": "LAST", "value": "1.23456"}, "The value must have no more than 4 decimal places"),
        ({"period": "other", "other_period": "", "value": "61"}, "Enter the period, like Q2 2025/26"),
        (
            {"period": "other", "other_period": "last spring", "value": "61"},
            "Enter the period as a financial year like 2025/26 or a quarter like Q2 2025/26",
        ),
        (
            {"period": "other", "other_period": "2024/25", "value": "61"},
            "NI 8 is reported quarterly: give a quarter like Q2 2025/26.",
        ),
        (
            {"period": "other", "other_period": "NEXT", "value": "61"},
            "has not begun yet, so it has no actual figure to record.",
        ),
    ],
)
def test_actual_errors_are_gov_uk_sentences(officer_client, partnership, indicator, data, message) -> None:
    data = dict(data)
    if data.get("period") == "LAST":
        data["period"] = last().slug if message != "Select one of the periods listed" else current().next().slug
    if data.get("other_period") == "NEXT":
        data["other_period"] = current().next().label
    response = officer_client.post(url("value_record", partnership, indicator.pk), data)
    assert response.status_code == 400
    assert message in summary(response)
    assert_gov_uk_words(response)
    assert not IndicatorValue.objects.exists()


def test_a_refusal_about_a_period_typed_in_links_to_that_input(officer_client, partnership, indicator) -> None:
    response = officer_client.post(
        url("value_record", partnership, indicator.pk), {"period": "other", "other_period": "2024/25", "value": "61"}
    )
    assert 'href="#id_other_period"' in response.content.decode()
    assert 'class="govuk-radios__conditional"' in response.content.decode()  # shown, not hidden


# ---------------------------------------------------------------------------
# Targets for a period


def test_an_officer_sets_and_changes_a_target(officer_client, partnership, indicator) -> None:
    ahead = current().next()
    address = url("target_record", partnership, indicator.pk)
    assert f"{ahead.label} No target set yet." in text(officer_client.get(address))
    response = officer_client.post(address, {"period": ahead.slug, "value": "64"})
    assert f"Set the target of NI 8 for {ahead}: 64." in follow_banner(officer_client, response)
    assert f"{ahead.label} Target: 64, set on" in text(officer_client.get(address))
    response = officer_client.post(address, {"period": ahead.slug, "value": "66", "note": "Stretch target"})
    assert f"Changed the target of NI 8 for {ahead}: 66, in place of 64." in follow_banner(officer_client, response)
    assert IndicatorTarget.objects.count() == 2


def test_target_errors_are_gov_uk_sentences(officer_client, partnership, yearly_indicator) -> None:
    address = url("target_record", partnership, yearly_indicator.pk)
    response = officer_client.post(address, {"period": "other", "other_period": "Q1 2026/27", "value": "lots"})
    found = summary(response)
    assert "Enter the target as a number, like 67.5" in found
    response = officer_client.post(address, {"period": "other", "other_period": "Q1 2026/27", "value": "5"})
    assert "NI 39 is reported yearly (financial year): give a financial year like 2025/26." in summary(response)
    assert not IndicatorTarget.objects.exists()


# ---------------------------------------------------------------------------
# CSV upload of actuals


def csv_file(body: str, *, bom: bool = False, header: str = "indicator_code,period,value,provisional,note") -> Any:
    data = f"{header}\n{body}".encode()
    return SimpleUploadedFile("figures.csv", (b"\xef\xbb\xbf" if bom else b"") + data, content_type="text/csv")


@pytest.fixture
def ten_indicators(partnership, theme) -> list[Indicator]:
    return [make_indicator(partnership, f"NI {n}", theme=theme) for n in range(100, 110)]


def good_rows(indicators: list[Indicator]) -> list[str]:
    return [f"{i.code},{last().label},{50 + n},{'yes' if n % 2 else 'no'},Row {n}" for n, i in enumerate(indicators)]


def test_a_file_with_three_bad_rows_among_ten_lists_all_three_and_imports_nothing(
    officer_client, partnership, ten_indicators
) -> None:
    rows = good_rows(ten_indicators)
    rows[1] = f"NI 999,{last().label},50,no,"  # row 3
    rows[4] = f"NI 104,{current().next().label},50,no,"  # row 6
    rows[7] = f"NI 107,{last().label},fifty,no,"  # row 9
    response = officer_client.post(url("values_upload", partnership), {"file": csv_file("\n".join(rows))})
    assert response.status_code == 400
    assert "The file has problems in 3 rows, so nothing has been imported" in summary(response)
    body = text(response)
    assert "Row 3: there is no indicator with the code 'NI 999' in Health and Well-Being Partnership" in body
    assert f"Row 6: {current().next()} has not begun yet, so it has no actual figure to record." in body
    assert "Row 9: the value 'fifty' is not a number: write it like 67.5" in body
    assert len(re.findall(r"Row \d+:", body)) == 3
    assert not IndicatorValue.objects.exists()


def test_a_good_file_imports_every_row(officer_client, partnership, ten_indicators) -> None:
    response = officer_client.post(
        url("values_upload", partnership), {"file": csv_file("\n".join(good_rows(ten_indicators)))}
    )
    assert "10 figures uploaded for Health and Well-Being Partnership." in follow_banner(officer_client, response)
    assert IndicatorValue.objects.count() == 10
    assert IndicatorValue.objects.filter(provisional=True).count() == 5
    assert AuditEvent.objects.filter(verb="values_import").get().details["rows"] == 10


def test_a_file_saved_with_a_byte_order_mark_is_read(officer_client, partnership, indicator) -> None:
    response = officer_client.post(
        url("values_upload", partnership), {"file": csv_file(f"NI 8,{last().label},61.5,no,", bom=True)}
    )
    assert "1 figure uploaded" in follow_banner(officer_client, response)
    assert IndicatorValue.objects.get().value == Decimal("61.5")


def test_a_file_over_2_mb_is_refused(officer_client, partnership, indicator) -> None:
    big = f"NI 8,{last().label},61.5,no,{'x' * 400}\n" * 5500
    response = officer_client.post(url("values_upload", partnership), {"file": csv_file(big)})
    assert response.status_code == 400
    assert "The selected file must be smaller than 2 MB" in summary(response)
    assert not IndicatorValue.objects.exists()


def test_a_wrong_header_is_refused(officer_client, partnership, indicator) -> None:
    response = officer_client.post(
        url("values_upload", partnership), {"file": csv_file(f"NI 8,{last().label},61.5", header="code,period,value")}
    )
    assert response.status_code == 400
    assert "The first row of the file must be the header indicator_code,period,value,provisional,note" in summary(
        response
    )


def test_no_file_is_a_gov_uk_sentence(officer_client, partnership) -> None:
    response = officer_client.post(url("values_upload", partnership), {})
    assert "Select a CSV file" in summary(response)
    assert_gov_uk_words(response)


def test_the_template_csv_downloads(officer_client, partnership, indicator, yearly_indicator) -> None:
    response = officer_client.get(url("values_template", partnership))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="health-and-well-being-actuals.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "indicator_code,period,value,provisional,note"
    assert lines[1:] == [f"NI 39,{Period.containing(today(), 'year').previous()},,no,", f"NI 8,{last()},,no,"]


# ---------------------------------------------------------------------------
# Targets and their delivery chains


def test_an_officer_adds_a_target_and_goes_on_to_its_delivery_chain(officer_client, partnership) -> None:
    response = officer_client.post(
        url("chain_target_new", partnership), {"code": "LAA NI 39", "title": "Fewer alcohol admissions"}
    )
    added = Target.objects.get(code="LAA NI 39")
    assert response["Location"] == url("chain_links", partnership, added.pk)
    assert "Now set its delivery chain." in follow_banner(officer_client, response)


def test_target_form_errors(officer_client, partnership, target) -> None:
    response = officer_client.post(url("chain_target_new", partnership), {"code": "", "title": ""})
    assert summary(response) == "There is a problem Enter the code of the target Enter the title of the target"
    response = officer_client.post(url("chain_target_new", partnership), {"code": "LAA NI 8", "title": "Again"})
    assert "Health and Well-Being Partnership already has a target with the code LAA NI 8" in summary(response)
    response = officer_client.post(
        url("chain_target_edit", partnership, target.pk), {"code": "LAA NI 8", "title": "Sport for all"}
    )
    assert "has been changed" in follow_banner(officer_client, response)
    target.refresh_from_db()
    assert target.title == "Sport for all"


def make_actions(board: Board, n: int) -> list[Action]:
    meeting = make_meeting(board, timezone.now() - dt.timedelta(days=20))
    owner = Person.objects.create(name="Dee Liverer")
    return Action.objects.bulk_create(
        Action(meeting=meeting, description=f"Action {i}", owner=owner, due_date=today()) for i in range(n)
    )


def test_an_officer_sets_the_delivery_chain(
    officer_client, partnership, child, board, other_board, indicator, target
) -> None:
    from decisions.models import Proposal

    group = Board.objects.create(partnership=child, name="Weight Task Group", slug="weight", layer=Layer.DELIVERY_GROUP)
    item = make_item(make_meeting(group, timezone.now() - dt.timedelta(days=10)), "Strategy")
    proposal = Proposal.objects.create(board=group, item=item, title="Adopt the obesity strategy", text="Agree it.")
    (action,) = make_actions(group, 1)
    page = officer_client.get(url("chain_links", partnership, target.pk))
    body = text(page)
    assert "Healthier communities" in body and "NI 8 Adult participation in sport" in body
    assert "Partnership Board" in body and "Weight Task Group" in body and "Commissioning Body" not in body
    assert "Adopt the obesity strategy" in body and "Action 0" in body
    response = officer_client.post(
        url("chain_links", partnership, target.pk),
        {
            "indicators": [indicator.pk],
            "delivery_groups": [board.pk, group.pk],
            "decisions": [proposal.pk],
            "actions": [action.pk],
        },
    )
    assert f"The delivery chain of {target} has been saved." in follow_banner(officer_client, response)
    assert list(target.indicators.all()) == [indicator]
    assert set(target.delivery_groups.all()) == {board, group}
    assert list(target.decisions.all()) == [proposal] and list(target.actions.all()) == [action]
    again = officer_client.get(url("chain_links", partnership, target.pk)).content.decode()
    assert f'value="{indicator.pk}" checked' in again and "1 chosen" in again


def test_a_board_outside_the_partnership_cannot_be_linked(officer_client, partnership, other_board, target) -> None:
    response = officer_client.post(url("chain_links", partnership, target.pk), {"delivery_groups": [other_board.pk]})
    assert response.status_code == 400
    assert "Choose the delivery groups from the list" in summary(response)
    assert not target.delivery_groups.exists()


@pytest.mark.parametrize("n", [10, 200])
def test_the_delivery_chain_page_reads_a_bounded_number_of_queries(
    officer_client, partnership, theme, board, target, n, django_assert_max_num_queries
) -> None:
    Indicator.objects.bulk_create(
        Indicator(partnership=partnership, theme=theme, code=f"X {i:03d}", slug=f"x-{i:03d}", title=f"I{i}", unit="%")
        for i in range(n)
    )
    make_actions(board, n)
    with django_assert_max_num_queries(CHAIN_QUERIES):
        response = officer_client.get(url("chain_links", partnership, target.pk))
    assert response.content.decode().count('type="checkbox"') == 2 * n + 1  # and the board


# ---------------------------------------------------------------------------
# Risks


def risk_data(theme: Theme, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "theme": theme.pk,
        "title": "Grant funding ends in March",
        "owner": "Director of Public Health",
        "likelihood": "4",
        "impact": "5",
        "mitigation": "Bid for the next round; plan an exit.",
        **date_parts("reviewed_on", today()),
        **date_parts("next_review_on", today() + dt.timedelta(days=90)),
    }
    data.update(changes)
    return data


def test_an_officer_adds_a_risk_with_its_first_rating(officer_client, partnership, theme) -> None:
    page = text(officer_client.get(url("risk_new", partnership)))
    for words in ("1 – Rare", "5 – Almost certain", "1 – Negligible", "5 – Severe"):
        assert words in page
    response = officer_client.post(url("risk_new", partnership), risk_data(theme))
    assert "The risk 'Grant funding ends in March' has been added to the register." in follow_banner(
        officer_client, response
    )
    risk = Risk.objects.get()
    review = risk.reviews.get()
    assert (risk.theme, risk.opened_on, review.likelihood, review.impact, review.score) == (theme, today(), 4, 5, 20)


def test_risk_errors_are_gov_uk_sentences(officer_client, partnership, theme) -> None:
    empty = {"theme": "", "title": "", "owner": "", "mitigation": ""}
    response = officer_client.post(url("risk_new", partnership), empty)
    assert response.status_code == 400
    found = summary(response)
    for message in (
        "Select the theme",
        "Enter the title of the risk",
        "Enter who owns the risk",
        "Select the likelihood",
        "Select the impact",
        "Enter the mitigation in place",
        "Enter the date of this rating",
        "Enter the next review date",
    ):
        assert message in found
    assert_gov_uk_words(response)
    earlier = risk_data(theme, **date_parts("next_review_on", today() - dt.timedelta(days=1)))
    assert "The next review must be on or after this review." in summary(
        officer_client.post(url("risk_new", partnership), earlier)
    )
    future = risk_data(theme, **date_parts("reviewed_on", today() + dt.timedelta(days=1)))
    assert "The review date cannot be in the future." in summary(
        officer_client.post(url("risk_new", partnership), future)
    )
    assert not Risk.objects.exists()


def test_an_officer_changes_reviews_and_closes_a_risk(officer_client, partnership, theme, risk) -> None:
    response = officer_client.post(
        url("risk_edit", partnership, risk.pk),
        {"theme": theme.pk, "title": "Funding ends in 2027", "owner": "Director"},
    )
    assert "The risk 'Funding ends in 2027' has been changed." in follow_banner(officer_client, response)
    page = text(officer_client.get(url("risk_review", partnership, risk.pk)))
    assert "Rating then Likelihood 3 × impact 4 = 12 (amber)" in page
    data = {
        "likelihood": "2",
        "impact": "4",
        "mitigation": "Bid won for one more year.",
        "note": "Reviewed at the board",
        **date_parts("reviewed_on", today()),
        **date_parts("next_review_on", today() + dt.timedelta(days=91)),
    }
    response = officer_client.post(url("risk_review", partnership, risk.pk), data)
    assert "likelihood 2 × impact 4 = 8" in follow_banner(officer_client, response)
    assert risk.reviews.count() == 2
    response = officer_client.post(url("risk_close", partnership, risk.pk), date_parts("closed_on", today()))
    assert "The risk 'Funding ends in 2027' is closed." in follow_banner(officer_client, response)
    risk.refresh_from_db()
    assert risk.closed_on == today()
    again = officer_client.post(url("risk_close", partnership, risk.pk), date_parts("closed_on", today()))
    assert again.status_code == 400 and "This risk is already closed." in summary(again)
    review = officer_client.post(url("risk_review", partnership, risk.pk), data)
    assert review.status_code == 400 and "is not reviewed" in summary(review)
    assert RiskReview.objects.count() == 2


def test_risk_review_errors(officer_client, partnership, risk) -> None:
    response = officer_client.post(url("risk_review", partnership, risk.pk), {"mitigation": ""})
    found = summary(response)
    for message in (
        "Enter the date of the review",
        "Select the likelihood",
        "Select the impact",
        "Enter the next review date",
    ):
        assert message in found
    before = {
        "likelihood": "2",
        "impact": "2",
        "mitigation": "x",
        **date_parts("reviewed_on", risk.opened_on - dt.timedelta(days=1)),
        **date_parts("next_review_on", today()),
    }
    assert "a new one cannot be earlier" in summary(
        officer_client.post(url("risk_review", partnership, risk.pk), before)
    )
    closing = officer_client.post(
        url("risk_close", partnership, risk.pk), date_parts("closed_on", risk.opened_on - dt.timedelta(days=1))
    )
    assert "A risk closes between its last review (" in summary(closing)
