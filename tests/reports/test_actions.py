"""reports/actions.py and reports/access.py (SPEC §7): every write with its audit row and
its refusals; figures and reviews append-only in the database itself; who reads what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils import timezone

from partnerships.models import AuditEvent
from reports import access, actions
from reports.actions import ValueRow
from reports.models import Indicator, IndicatorTarget, IndicatorValue, Risk, RiskReview, Target, Theme
from reports.periods import Period

from .conftest import NOW, OPENED, TODAY, make_indicator, make_risk

pytestmark = pytest.mark.django_db

Q1, Q2, Q3, Q4 = (Period.quarter(2025, n) for n in (1, 2, 3, 4))  # NOW is in Q3; Q4 has not begun
FY, NEXT_FY = Period.year(2025), Period.year(2026)
LATER = NOW + dt.timedelta(hours=1)


def latest(model, indicator, period):
    """The row that counts for a period: the last recorded (as reports/queries.py picks it)."""
    rows = model.objects.filter(indicator=indicator, period_start=period.start)
    return rows.order_by("recorded_at", "pk").last()


def only_audit(verb: str) -> AuditEvent:
    return AuditEvent.objects.get(verb=verb)


def assert_audit(verb: str, *, by, partnership, at=NOW, **details) -> AuditEvent:
    event = only_audit(verb)
    assert event.actor == by
    assert event.partnership == partnership
    assert event.at == at
    for key, value in details.items():
        assert event.details[key] == value, key
    return event


@pytest.fixture(params=["other_officer", "scrutiny", "member"])
def refused(request):
    """Someone who may not write this partnership's reports: an officer of another
    partnership, a scrutiny councillor, a board member."""
    return request.getfixturevalue(request.param)


@pytest.fixture(params=["officer", "administrator"])
def writer(request):
    return request.getfixturevalue(request.param)


# ---------------------------------------------------------------------------
# Themes


def test_theme_add(writer, partnership):
    theme = actions.theme_add(partnership, name="  Safer communities ", position=2, by=writer, now=NOW)
    assert Theme.objects.get() == theme
    assert (theme.name, theme.position, theme.partnership) == ("Safer communities", 2, partnership)
    event = assert_audit("theme_add", by=writer, partnership=partnership, theme=theme.pk)
    assert "Safer communities" in event.summary


def test_theme_add_refused(refused, partnership):
    with pytest.raises(PermissionDenied):
        actions.theme_add(partnership, name="Safer communities", by=refused, now=NOW)
    assert not Theme.objects.exists() and not AuditEvent.objects.exists()


def test_theme_add_refuses_a_duplicate_name(officer, theme):
    with pytest.raises(ValidationError):
        actions.theme_add(theme.partnership, name=theme.name, by=officer, now=NOW)
    assert Theme.objects.count() == 1 and not AuditEvent.objects.exists()


# ---------------------------------------------------------------------------
# Indicators


def test_indicator_add(writer, partnership, theme):
    indicator = actions.indicator_add(
        partnership, by=writer, now=NOW, code=" NI 8 ", title="Adult participation in sport", unit="%", theme=theme
    )
    indicator.refresh_from_db()
    assert (indicator.code, indicator.slug, indicator.created_at) == ("NI 8", "ni-8", NOW)
    assert_audit("indicator_add", by=writer, partnership=partnership, indicator=indicator.pk)


def test_indicator_add_refused(refused, partnership):
    with pytest.raises(PermissionDenied):
        actions.indicator_add(partnership, by=refused, now=NOW, code="NI 8", title="Sport", unit="%")
    assert not Indicator.objects.exists() and not AuditEvent.objects.exists()


def test_indicator_add_refuses_a_duplicate_code(officer, indicator):
    with pytest.raises(ValidationError) as caught:
        actions.indicator_add(indicator.partnership, by=officer, now=NOW, code="NI 8", title="Again", unit="%")
    assert "code" in str(caught.value).lower() or "already exists" in str(caught.value)
    assert Indicator.objects.count() == 1 and not AuditEvent.objects.exists()


def test_the_same_code_in_another_partnership_is_fine(officer, other_officer, indicator, other_partnership):
    again = actions.indicator_add(other_partnership, by=other_officer, now=NOW, code="NI 8", title="Sport", unit="%")
    assert again.slug == indicator.slug == "ni-8"


def test_indicator_slugs_stay_unique(officer, partnership):
    made = [
        actions.indicator_add(partnership, by=officer, now=NOW, code=code, title=code, unit="%")
        for code in ("NI 8", "NI-8", "ni 8!", "NI 8 2")
    ]
    slugs = [indicator.slug for indicator in made]
    assert slugs == ["ni-8", "ni-8-2", "ni-8-3", "ni-8-2-2"]
    assert len(set(slugs)) == len(slugs)


def test_a_code_with_no_letters_for_a_slug_still_gets_one(officer, partnership):
    first = actions.indicator_add(partnership, by=officer, now=NOW, code="£%", title="Odd", unit="%")
    second = actions.indicator_add(partnership, by=officer, now=NOW, code="%£", title="Odd", unit="%")
    assert (first.slug, second.slug) == ("indicator", "indicator-2")


def test_indicator_add_refuses_another_partnerships_theme(officer, partnership, other_theme):
    with pytest.raises(ValidationError, match="own partnership"):
        actions.indicator_add(partnership, by=officer, now=NOW, code="NI 8", title="Sport", unit="%", theme=other_theme)
    assert not Indicator.objects.exists()


def test_indicator_add_refuses_unknown_fields(officer, partnership):
    with pytest.raises(TypeError, match="slug"):
        actions.indicator_add(partnership, by=officer, now=NOW, code="NI 8", title="Sport", unit="%", slug="x")


@pytest.mark.parametrize("tolerance", [Decimal("-0.01"), Decimal("1.01")])
def test_indicator_add_refuses_a_tolerance_outside_0_to_1(officer, partnership, tolerance):
    with pytest.raises(ValidationError):
        actions.indicator_add(
            partnership, by=officer, now=NOW, code="NI 8", title="Sport", unit="%", amber_tolerance=tolerance
        )


def test_indicator_update(writer, indicator):
    actions.indicator_update(indicator, {"title": "Sport", "public": True}, by=writer, now=NOW)
    indicator.refresh_from_db()
    assert (indicator.title, indicator.public, indicator.slug) == ("Sport", True, "ni-8")
    assert_audit(
        "indicator_update",
        by=writer,
        partnership=indicator.partnership,
        indicator=indicator.pk,
        changes={"title": ["Adult participation in sport", "Sport"], "public": [False, True]},
    )


def test_indicator_update_with_no_change_writes_nothing(officer, indicator):
    actions.indicator_update(indicator, {"title": indicator.title}, by=officer, now=NOW)
    assert not AuditEvent.objects.exists()


def test_indicator_update_of_the_code_moves_the_slug_keeping_it_unique(officer, indicator, partnership):
    make_indicator(partnership, "NI 9")
    actions.indicator_update(indicator, {"code": "NI-8"}, by=officer, now=NOW)
    assert Indicator.objects.get(pk=indicator.pk).slug == "ni-8"  # its own slug is not "taken"
    actions.indicator_update(indicator, {"code": "NI-9"}, by=officer, now=LATER)
    assert Indicator.objects.get(pk=indicator.pk).slug == "ni-9-2"
    assert sorted(Indicator.objects.values_list("slug", flat=True)) == ["ni-9", "ni-9-2"]
    assert AuditEvent.objects.filter(verb="indicator_update").count() == 2


def test_indicator_update_strips_the_code_like_indicator_add(officer, indicator, partnership):
    make_indicator(partnership, "NI 9")
    with pytest.raises(ValidationError):
        actions.indicator_update(indicator, {"code": "NI 9 "}, by=officer, now=NOW)


def test_indicator_update_refuses_a_duplicate_code(officer, indicator, partnership):
    make_indicator(partnership, "NI 9")
    with pytest.raises(ValidationError):
        actions.indicator_update(indicator, {"code": "NI 9"}, by=officer, now=NOW)
    assert Indicator.objects.get(pk=indicator.pk).code == "NI 8"
    assert not AuditEvent.objects.exists()


def test_indicator_update_refused(refused, indicator):
    with pytest.raises(PermissionDenied):
        actions.indicator_update(indicator, {"title": "Sport"}, by=refused, now=NOW)
    assert Indicator.objects.get(pk=indicator.pk).title == "Adult participation in sport"


# ---------------------------------------------------------------------------
# Actuals


def test_value_record(writer, indicator):
    row = actions.value_record(
        indicator, period=Q2, value=Decimal("41.5"), provisional=True, note=" first ", by=writer, now=NOW
    )
    assert IndicatorValue.objects.get() == row
    assert (row.period_start, row.value, row.provisional, row.note) == (Q2.start, Decimal("41.5"), True, "first")
    assert (row.recorded_by, row.recorded_at, row.period) == (writer, NOW, Q2)
    event = assert_audit(
        "value_record", by=writer, partnership=indicator.partnership, indicator=indicator.pk, value=row.pk
    )
    assert "Q2 2025/26" in event.summary and "provisional" in event.summary


def test_a_value_for_the_current_quarter_is_accepted(officer, indicator):
    actions.value_record(indicator, period=Q3, value=Decimal(40), by=officer, now=NOW)
    assert IndicatorValue.objects.get().period_start == Q3.start


def test_a_correction_appends_and_the_latest_counts(officer, indicator):
    first = actions.value_record(indicator, period=Q2, value=Decimal("41.5"), by=officer, now=NOW)
    second = actions.value_record(indicator, period=Q2, value=Decimal("42.0"), by=officer, now=LATER)
    assert IndicatorValue.objects.filter(indicator=indicator, period_start=Q2.start).count() == 2
    assert latest(IndicatorValue, indicator, Q2) == second
    first.refresh_from_db()
    assert first.value == Decimal("41.5")  # the earlier one stays as it was
    assert only_audit("value_record").details["value"] == first.pk
    assert_audit("value_correct", by=officer, partnership=indicator.partnership, at=LATER, value=second.pk)


def test_a_value_for_a_period_that_has_not_begun_is_refused(officer, indicator):
    with pytest.raises(ValidationError, match="has not begun"):
        actions.value_record(indicator, period=Q4, value=Decimal(1), by=officer, now=NOW)
    assert not IndicatorValue.objects.exists() and not AuditEvent.objects.exists()


def test_the_period_has_begun_by_the_local_date_not_utc(officer, indicator):
    """23:30 UTC on 30 September is 00:30 on 1 October in London (BST): Q3 has begun."""
    just_after_midnight = dt.datetime(2025, 9, 30, 23, 30, tzinfo=dt.UTC)
    actions.value_record(indicator, period=Q3, value=Decimal(1), by=officer, now=just_after_midnight)
    assert IndicatorValue.objects.get().period_start == Q3.start
    with pytest.raises(ValidationError, match="has not begun"):
        actions.value_record(
            indicator, period=Q3, value=Decimal(1), by=officer, now=just_after_midnight - dt.timedelta(hours=1)
        )


def test_a_yearly_indicator_takes_years(officer, yearly_indicator):
    actions.value_record(yearly_indicator, period=FY, value=Decimal(1500), by=officer, now=NOW)
    with pytest.raises(ValidationError, match="has not begun"):
        actions.value_record(yearly_indicator, period=NEXT_FY, value=Decimal(1), by=officer, now=NOW)
    with pytest.raises(ValidationError, match="is reported yearly .*give a financial year like 2025/26"):
        actions.value_record(yearly_indicator, period=Q2, value=Decimal(1), by=officer, now=NOW)
    assert IndicatorValue.objects.count() == 1


def test_a_quarterly_indicator_refuses_a_year(officer, indicator):
    with pytest.raises(ValidationError, match="is reported quarterly: give a quarter like Q2 2025/26"):
        actions.value_record(indicator, period=Period.year(2024), value=Decimal(1), by=officer, now=NOW)
    assert not IndicatorValue.objects.exists()


def test_a_value_with_too_many_digits_is_refused(officer, indicator):
    with pytest.raises(ValidationError):
        actions.value_record(indicator, period=Q2, value=Decimal("1e13"), by=officer, now=NOW)
    assert not IndicatorValue.objects.exists() and not AuditEvent.objects.exists()


def test_value_record_refused(refused, indicator):
    with pytest.raises(PermissionDenied):
        actions.value_record(indicator, period=Q2, value=Decimal(1), by=refused, now=NOW)
    assert not IndicatorValue.objects.exists() and not AuditEvent.objects.exists()


def test_an_inactive_officer_of_the_partnership_is_refused(inactive_officer, indicator):
    with pytest.raises(PermissionDenied):
        actions.value_record(indicator, period=Q2, value=Decimal(1), by=inactive_officer, now=NOW)


# ---------------------------------------------------------------------------
# Targets of indicators


def test_target_record_past_and_future(writer, indicator):
    past = actions.target_record(indicator, period=Q1, value=Decimal(40), note=" agreed ", by=writer, now=NOW)
    future = actions.target_record(indicator, period=Q4, value=Decimal(45), by=writer, now=NOW)
    assert (past.value, past.note, past.recorded_by, past.recorded_at) == (Decimal(40), "agreed", writer, NOW)
    assert future.period == Q4
    assert AuditEvent.objects.filter(verb="target_set").count() == 2
    event = AuditEvent.objects.filter(verb="target_set").get(details__target=past.pk)
    assert (event.actor, event.partnership, event.details["indicator"]) == (writer, indicator.partnership, indicator.pk)


def test_a_new_target_for_the_period_appends_and_the_old_one_stays(officer, indicator):
    old = actions.target_record(indicator, period=Q2, value=Decimal(40), by=officer, now=NOW)
    new = actions.target_record(indicator, period=Q2, value=Decimal(44), by=officer, now=LATER)
    assert IndicatorTarget.objects.filter(indicator=indicator, period_start=Q2.start).count() == 2
    assert latest(IndicatorTarget, indicator, Q2) == new
    old.refresh_from_db()
    assert old.value == Decimal(40)
    assert_audit("target_change", by=officer, partnership=indicator.partnership, at=LATER, target=new.pk)


def test_a_quarter_target_for_a_yearly_indicator_is_refused(officer, yearly_indicator):
    with pytest.raises(ValidationError, match="is reported yearly"):
        actions.target_record(yearly_indicator, period=Q2, value=Decimal(1), by=officer, now=NOW)
    actions.target_record(yearly_indicator, period=NEXT_FY, value=Decimal(1400), by=officer, now=NOW)
    assert IndicatorTarget.objects.get().period == NEXT_FY


def test_target_record_refused(refused, indicator):
    with pytest.raises(PermissionDenied):
        actions.target_record(indicator, period=Q2, value=Decimal(1), by=refused, now=NOW)
    assert not IndicatorTarget.objects.exists() and not AuditEvent.objects.exists()


# ---------------------------------------------------------------------------
# CSV upload of actuals: all or nothing


def rows_for(indicator, *specs):
    return [
        ValueRow(line=line, indicator=indicator, period=period, value=Decimal(value), provisional=False, note="")
        for line, period, value in specs
    ]


def test_values_import(writer, indicator, partnership):
    rows = rows_for(indicator, (2, Q1, "40"), (3, Q2, "41"), (4, Q3, "42"))
    assert actions.values_import(partnership, rows, by=writer, now=NOW) == 3
    assert list(IndicatorValue.objects.values_list("period_start", "value")) == [
        (Q1.start, Decimal(40)),
        (Q2.start, Decimal(41)),
        (Q3.start, Decimal(42)),
    ]
    assert_audit("values_import", by=writer, partnership=partnership, rows=3)
    assert AuditEvent.objects.filter(verb="value_record").count() == 3


def test_one_bad_row_among_good_ones_writes_nothing(officer, indicator, partnership):
    rows = rows_for(indicator, (2, Q1, "40"), (3, Q4, "41"), (4, Q2, "42"))
    with pytest.raises(ValidationError) as caught:
        actions.values_import(partnership, rows, by=officer, now=NOW)
    assert len(caught.value.messages) == 1
    assert caught.value.messages[0].startswith("Row 3: ")
    assert "has not begun" in caught.value.messages[0]
    assert not IndicatorValue.objects.exists() and not AuditEvent.objects.exists()


def test_every_bad_row_is_listed(officer, indicator, yearly_indicator, other_indicator, partnership):
    rows = [
        *rows_for(indicator, (2, Q1, "40")),
        *rows_for(yearly_indicator, (3, Q2, "1500")),
        *rows_for(other_indicator, (4, Q2, "7")),
        *rows_for(indicator, (5, Q4, "40")),
    ]
    with pytest.raises(ValidationError) as caught:
        actions.values_import(partnership, rows, by=officer, now=NOW)
    messages = caught.value.messages
    assert [message.split(":")[0] for message in messages] == ["Row 3", "Row 4", "Row 5"]
    assert "is reported yearly" in messages[0]
    assert messages[1] == "Row 4: NI 141 is not an indicator of Health and Well-Being Partnership."
    assert not IndicatorValue.objects.exists() and not AuditEvent.objects.exists()


def test_a_row_failing_the_models_checks_still_writes_nothing(officer, indicator, partnership):
    rows = rows_for(indicator, (2, Q1, "40"), (3, Q2, "1e13"))
    with pytest.raises(ValidationError):
        actions.values_import(partnership, rows, by=officer, now=NOW)
    assert not IndicatorValue.objects.exists() and not AuditEvent.objects.exists()


def test_a_row_failing_the_models_checks_is_named(officer, indicator, partnership):
    rows = rows_for(indicator, (2, Q1, "40"), (3, Q2, "1e13"))
    with pytest.raises(ValidationError) as caught:
        actions.values_import(partnership, rows, by=officer, now=NOW)
    assert caught.value.messages[0].startswith("Row 3: ")


def test_values_import_refused(refused, indicator, partnership):
    with pytest.raises(PermissionDenied):
        actions.values_import(partnership, rows_for(indicator, (2, Q1, "40")), by=refused, now=NOW)
    assert not IndicatorValue.objects.exists() and not AuditEvent.objects.exists()


# ---------------------------------------------------------------------------
# Append-only: the database refuses UPDATE and DELETE of figures and reviews


@pytest.fixture
def history(officer, indicator, risk):
    actions.value_record(indicator, period=Q2, value=Decimal(41), by=officer, now=NOW)
    actions.target_record(indicator, period=Q2, value=Decimal(40), by=officer, now=NOW)
    return {IndicatorValue: "value", IndicatorTarget: "value", RiskReview: "mitigation"}


APPEND_ONLY = [IndicatorValue, IndicatorTarget, RiskReview]


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda model: model.__name__)
def test_saving_a_changed_row_is_refused(history, model):
    row = model.objects.get()
    field = history[model]
    before = getattr(row, field)
    setattr(row, field, Decimal(99) if field == "value" else "Changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        row.save()
    assert getattr(model.objects.get(), field) == before


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda model: model.__name__)
def test_a_queryset_update_is_refused(history, model):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.update(recorded_at=LATER)
    assert model.objects.get().recorded_at != LATER


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda model: model.__name__)
def test_deleting_a_row_is_refused(history, model):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.get().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.all().delete()
    assert model.objects.count() == 1


# ---------------------------------------------------------------------------
# Targets the partnership is held to, and their delivery chains


def test_chain_target_add(writer, partnership):
    target = actions.chain_target_add(partnership, code=" LAA NI 8 ", title=" Sport ", by=writer, now=NOW)
    assert (target.code, target.title) == ("LAA NI 8", "Sport")
    assert_audit("chain_target_add", by=writer, partnership=partnership, target=target.pk)


def test_chain_target_add_refuses_a_duplicate_code(officer, partnership):
    actions.chain_target_add(partnership, code="LAA NI 8", title="Sport", by=officer, now=NOW)
    with pytest.raises(ValidationError):
        actions.chain_target_add(partnership, code="LAA NI 8", title="Again", by=officer, now=NOW)
    assert Target.objects.count() == 1


def test_chain_target_add_refused(refused, partnership):
    with pytest.raises(PermissionDenied):
        actions.chain_target_add(partnership, code="LAA NI 8", title="Sport", by=refused, now=NOW)
    assert not Target.objects.exists() and not AuditEvent.objects.exists()


@pytest.fixture
def chain_target(partnership) -> Target:
    return Target.objects.create(partnership=partnership, code="LAA NI 8", title="Sport")


def test_chain_target_update(writer, chain_target):
    actions.chain_target_update(chain_target, {"title": "More sport"}, by=writer, now=NOW)
    assert Target.objects.get().title == "More sport"
    assert_audit(
        "chain_target_update",
        by=writer,
        partnership=chain_target.partnership,
        changes={"title": ["Sport", "More sport"]},
    )
    actions.chain_target_update(chain_target, {"title": "More sport"}, by=writer, now=LATER)
    assert AuditEvent.objects.count() == 1  # no change, no audit row


def test_chain_target_update_refuses_other_fields(officer, chain_target, other_partnership):
    with pytest.raises(TypeError):
        actions.chain_target_update(chain_target, {"partnership": other_partnership}, by=officer, now=NOW)


def test_chain_target_update_refused(refused, chain_target):
    with pytest.raises(PermissionDenied):
        actions.chain_target_update(chain_target, {"title": "More sport"}, by=refused, now=NOW)
    assert Target.objects.get().title == "Sport"


def test_chain_link_sets_and_replaces_the_chain(writer, chain_target, indicator, public_indicator, board):
    actions.chain_link(
        chain_target, indicators=[indicator, public_indicator], delivery_groups=[board], by=writer, now=NOW
    )
    assert set(chain_target.indicators.all()) == {indicator, public_indicator}
    assert list(chain_target.delivery_groups.all()) == [board]
    assert_audit(
        "chain_link",
        by=writer,
        partnership=chain_target.partnership,
        target=chain_target.pk,
        indicators=sorted([indicator.pk, public_indicator.pk]),
        delivery_groups=[board.pk],
        decisions=[],
        actions=[],
    )
    actions.chain_link(chain_target, indicators=[public_indicator], by=writer, now=LATER)
    assert list(chain_target.indicators.all()) == [public_indicator]
    assert not chain_target.delivery_groups.exists()
    assert AuditEvent.objects.filter(verb="chain_link").count() == 2


def test_chain_link_refused(refused, chain_target, indicator):
    with pytest.raises(PermissionDenied):
        actions.chain_link(chain_target, indicators=[indicator], by=refused, now=NOW)
    assert not chain_target.indicators.exists() and not AuditEvent.objects.exists()


# ---------------------------------------------------------------------------
# Risks


def add_risk(theme, by, **overrides):
    arguments = {
        "title": " Funding ends ",
        "owner": " Director of Public Health ",
        "likelihood": 4,
        "impact": 5,
        "mitigation": " Bid for the next round. ",
        "next_review_on": TODAY + dt.timedelta(days=90),
    }
    arguments.update(overrides)
    return actions.risk_add(theme, by=by, now=NOW, **arguments)


def test_risk_add(writer, theme):
    risk = add_risk(theme, writer)
    assert (risk.title, risk.owner, risk.opened_on, risk.closed_on) == (
        "Funding ends",
        "Director of Public Health",
        TODAY,
        None,
    )
    review = RiskReview.objects.get()
    assert (review.risk, review.reviewed_on, review.likelihood, review.impact) == (risk, TODAY, 4, 5)
    assert (review.mitigation, review.recorded_by, review.recorded_at, review.rag) == (
        "Bid for the next round.",
        writer,
        NOW,
        "red",
    )
    assert_audit("risk_add", by=writer, partnership=theme.partnership, risk=risk.pk)


def test_risk_add_with_an_earlier_first_review(officer, theme):
    risk = add_risk(theme, officer, reviewed_on=OPENED)
    assert risk.opened_on == OPENED == RiskReview.objects.get().reviewed_on


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"reviewed_on": TODAY + dt.timedelta(days=1)}, "reviewed_on", id="review-in-the-future"),
        pytest.param({"next_review_on": TODAY - dt.timedelta(days=1)}, "next_review_on", id="next-review-before"),
        pytest.param({"likelihood": 6}, "likelihood", id="likelihood-6"),
        pytest.param({"impact": 0}, "impact", id="impact-0"),
        pytest.param({"mitigation": "   "}, "mitigation", id="no-mitigation"),
        pytest.param({"title": ""}, "title", id="no-title"),
    ],
)
def test_risk_add_refuses_bad_input_and_writes_nothing(officer, theme, overrides, field):
    with pytest.raises(ValidationError) as caught:
        add_risk(theme, officer, **overrides)
    assert field in caught.value.message_dict
    assert not Risk.objects.exists() and not RiskReview.objects.exists() and not AuditEvent.objects.exists()


def test_risk_add_refused(refused, theme):
    with pytest.raises(PermissionDenied):
        add_risk(theme, refused)
    assert not Risk.objects.exists() and not AuditEvent.objects.exists()


def test_risk_update(writer, risk):
    actions.risk_update(risk, {"owner": "Chief Executive"}, by=writer, now=NOW)
    assert Risk.objects.get().owner == "Chief Executive"
    assert_audit(
        "risk_update",
        by=writer,
        partnership=risk.theme.partnership,
        changes={"owner": ["Director of Public Health", "Chief Executive"]},
    )


def test_risk_update_moves_it_only_to_a_theme_of_the_same_partnership(officer, risk, partnership, other_theme):
    second = Theme.objects.create(partnership=partnership, name="Stronger communities")
    actions.risk_update(risk, {"theme": second}, by=officer, now=NOW)
    assert Risk.objects.get().theme == second
    with pytest.raises(ValidationError, match="same partnership"):
        actions.risk_update(risk, {"theme": other_theme}, by=officer, now=LATER)
    assert Risk.objects.get().theme == second
    assert AuditEvent.objects.count() == 1


def test_risk_update_refused(refused, risk):
    with pytest.raises(PermissionDenied):
        actions.risk_update(risk, {"owner": "Chief Executive"}, by=refused, now=NOW)


def review(risk, by, **overrides):
    arguments = {
        "reviewed_on": TODAY,
        "likelihood": 2,
        "impact": 3,
        "mitigation": "Bid won for one year.",
        "next_review_on": TODAY + dt.timedelta(days=90),
        "note": " better ",
    }
    arguments.update(overrides)
    return actions.risk_review(risk, by=by, now=NOW, **arguments)


def test_risk_review(writer, risk):
    row = review(risk, writer)
    assert risk.reviews.count() == 2
    assert risk.reviews.order_by("-reviewed_on").first() == row
    assert (row.score, row.rag, row.note, row.recorded_by) == (6, "amber", "better", writer)
    assert_audit("risk_review", by=writer, partnership=risk.theme.partnership, risk=risk.pk, review=row.pk)


def test_a_second_review_on_the_same_day_is_allowed(officer, risk):
    review(risk, officer, reviewed_on=OPENED, next_review_on=OPENED)
    assert risk.reviews.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param(
            {"reviewed_on": OPENED - dt.timedelta(days=1)}, "a new one cannot be earlier", id="before-the-last"
        ),
        pytest.param({"reviewed_on": TODAY + dt.timedelta(days=1)}, "cannot be in the future", id="in-the-future"),
        pytest.param({"next_review_on": TODAY - dt.timedelta(days=1)}, "on or after this review", id="next-before"),
        pytest.param({"likelihood": 0}, "greater than or equal to 1", id="likelihood-0"),
        pytest.param({"impact": 6}, "less than or equal to 5", id="impact-6"),
    ],
)
def test_risk_review_refuses(officer, risk, overrides, message):
    with pytest.raises(ValidationError, match=message):
        review(risk, officer, **overrides)
    assert risk.reviews.count() == 1 and not AuditEvent.objects.exists()


def test_a_review_before_the_latest_not_just_the_first_is_refused(officer, risk):
    review(risk, officer, reviewed_on=dt.date(2025, 9, 1))
    with pytest.raises(ValidationError, match="The last review was on 1 September 2025"):
        review(risk, officer, reviewed_on=dt.date(2025, 8, 31))
    assert risk.reviews.count() == 2


def test_a_closed_risk_is_not_reviewed(officer, risk):
    actions.risk_close(risk, closed_on=TODAY, by=officer, now=NOW)
    with pytest.raises(ValidationError, match="was closed on 14 November 2025"):
        review(risk, officer)
    assert risk.reviews.count() == 1


def test_risk_review_refused(refused, risk):
    with pytest.raises(PermissionDenied):
        review(risk, refused)
    assert risk.reviews.count() == 1 and not AuditEvent.objects.exists()


@pytest.mark.parametrize("closed_on", [OPENED, dt.date(2025, 9, 1), TODAY], ids=["day-opened", "between", "today"])
def test_risk_close_within_its_bounds(writer, risk, closed_on):
    actions.risk_close(risk, closed_on=closed_on, by=writer, now=NOW)
    assert Risk.objects.get().closed_on == closed_on
    assert_audit("risk_close", by=writer, partnership=risk.theme.partnership, risk=risk.pk)


@pytest.mark.parametrize(
    "closed_on", [OPENED - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)], ids=["before-opened", "tomorrow"]
)
def test_risk_close_outside_its_bounds_is_refused(officer, risk, closed_on):
    with pytest.raises(ValidationError, match="between its last review"):
        actions.risk_close(risk, closed_on=closed_on, by=officer, now=NOW)
    assert Risk.objects.get().closed_on is None and not AuditEvent.objects.exists()


def test_a_risk_does_not_close_before_its_latest_review(officer, risk):
    review(risk, officer, reviewed_on=dt.date(2025, 10, 1))
    with pytest.raises(ValidationError):
        actions.risk_close(risk, closed_on=dt.date(2025, 7, 1), by=officer, now=NOW)


def test_a_closed_risk_cannot_be_closed_again(officer, risk):
    actions.risk_close(risk, closed_on=TODAY, by=officer, now=NOW)
    with pytest.raises(ValidationError, match="already closed"):
        actions.risk_close(risk, closed_on=TODAY, by=officer, now=LATER)
    assert AuditEvent.objects.filter(verb="risk_close").count() == 1


def test_risk_close_refused(refused, risk):
    with pytest.raises(PermissionDenied):
        actions.risk_close(risk, closed_on=TODAY, by=refused, now=NOW)
    assert Risk.objects.get().closed_on is None


# ---------------------------------------------------------------------------
# reports/access.py: who reads the reports, who sees which indicators

READERS = [
    ("anonymous", False),
    ("member", False),
    ("scrutiny", True),
    ("officer", True),
    ("other_officer", True),
    ("administrator", True),
    ("inactive_officer", False),
    ("inactive_scrutiny", False),
]


def person(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize(("name", "reads"), READERS, ids=[name for name, _ in READERS])
def test_can_read_reports(request, name, reads, partnership):
    user = person(request, name)
    assert access.can_read_reports(user) is reads
    if reads:
        access.require_reader(user)
    else:
        with pytest.raises(PermissionDenied, match="Reports are for scrutiny councillors and partnership officers"):
            access.require_reader(user)


@pytest.mark.parametrize(("name", "reads"), READERS, ids=[name for name, _ in READERS])
def test_visible_indicators(request, name, reads, indicator, public_indicator, other_indicator):
    visible = set(access.visible_indicators(person(request, name)))
    assert visible == ({indicator, public_indicator, other_indicator} if reads else {public_indicator})


@pytest.mark.parametrize(("name", "reads"), READERS, ids=[name for name, _ in READERS])
def test_get_indicator(request, name, reads, indicator, public_indicator, partnership):
    user = person(request, name)
    assert access.get_indicator(user, partnership.slug, public_indicator.slug) == public_indicator
    if reads:
        assert access.get_indicator(user, partnership.slug, indicator.slug) == indicator
    else:
        with pytest.raises(Http404):
            access.get_indicator(user, partnership.slug, indicator.slug)


def test_get_indicator_is_404_for_a_missing_one_and_for_the_wrong_partnership(scrutiny, indicator, other_partnership):
    with pytest.raises(Http404):
        access.get_indicator(scrutiny, indicator.partnership.slug, "no-such-indicator")
    with pytest.raises(Http404):
        access.get_indicator(scrutiny, other_partnership.slug, indicator.slug)


def test_the_writer_lookups(
    officer, other_officer, administrator, indicator, other_indicator, theme, risk, partnership
):
    assert access.get_partnership_for_writer(officer, partnership.slug) == partnership
    assert access.get_indicator_for_writer(officer, partnership.slug, indicator.pk) == indicator
    assert access.get_theme_for_writer(administrator, partnership.slug, theme.pk) == theme
    assert access.get_risk_for_writer(officer, partnership.slug, risk.pk) == risk
    with pytest.raises(PermissionDenied):
        access.get_indicator_for_writer(other_officer, partnership.slug, indicator.pk)
    with pytest.raises(Http404):  # another partnership's indicator through this one's address
        access.get_indicator_for_writer(officer, partnership.slug, other_indicator.pk)
    with pytest.raises(Http404):
        access.get_partnership_for_writer(officer, "no-such-partnership")


def test_require_writer_names_the_reason(scrutiny, other_officer, partnership):
    with pytest.raises(PermissionDenied, match="Only partnership officers and administrators"):
        access.require_writer(scrutiny, partnership)
    with pytest.raises(PermissionDenied, match="You do not service this partnership"):
        access.require_writer(other_officer, partnership)


def test_an_illustrative_risk_is_still_a_risk(theme):
    """make_risk rows behave like the actions' rows (guards the fixtures themselves)."""
    risk = make_risk(theme, "Demo risk", illustrative=True)
    assert risk.reviews.get().rag == "amber"
    assert timezone.is_aware(risk.reviews.get().recorded_at)


def test_how_often_an_indicator_is_reported_cannot_change_once_it_has_figures(officer, indicator):
    actions.value_record(indicator, period=Q2, value=Decimal("5"), by=officer, now=NOW)
    with pytest.raises(ValidationError, match="cannot change"):
        actions.indicator_update(indicator, {"period_kind": "year"}, by=officer, now=NOW)
    indicator.refresh_from_db()
    assert indicator.period_kind == "quarter"


def test_an_upload_with_no_rows_is_refused_and_audits_nothing(officer, partnership):
    with pytest.raises(ValidationError, match="no figures"):
        actions.values_import(partnership, [], by=officer, now=NOW)
    assert not AuditEvent.objects.filter(verb="values_import").exists()


def test_an_anonymous_writer_is_refused_not_a_crash(partnership):
    with pytest.raises(PermissionDenied):
        access.require_writer(AnonymousUser(), partnership)  # type: ignore[arg-type]
