"""Scrutiny reports: a partnership's basket of indicators and its risk register.

The people come from tests/conftest.py: ``officer`` (Olivia) services ``partnership``;
``other_officer`` (Oscar) services only ``other_partnership``, not this one;
``scrutiny`` (Cllr Sam) reads every report and writes none; ``administrator`` (Ada)
writes everywhere; ``member`` (Cllr Mary) is neither reader nor writer. Here:

- ``NOW`` is 14 November 2025 (Q3 2025/26): Q4 2025/26 has not begun, 2026/27 neither;
- ``theme`` of ``partnership``; ``other_theme`` of ``other_partnership``;
- ``indicator`` (NI 8, quarterly, higher is better, not public), ``yearly_indicator``
  (NI 39, yearly, lower is better), ``public_indicator`` (NI 1, public);
  ``other_indicator`` of ``other_partnership``;
- ``risk`` on ``theme``, opened on 1 June 2025 with one review then.

Rows are made directly, not through the actions, so a test can start anywhere; the
tests of the actions call the actions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Role, User
from partnerships.models import Partnership
from reports.models import Indicator, PeriodKind, Risk, RiskReview, Theme

NOW = timezone.make_aware(dt.datetime(2025, 11, 14, 10, 0))
TODAY = dt.date(2025, 11, 14)
OPENED = dt.date(2025, 6, 1)


def make_indicator(partnership: Partnership, code: str, *, theme: Theme | None = None, **extra: object) -> Indicator:
    """An indicator with its slug from its code (``NI 8`` -> ``ni-8``)."""
    extra.setdefault("title", f"Indicator {code}")
    extra.setdefault("unit", "%")
    return Indicator.objects.create(
        partnership=partnership, theme=theme, code=code, slug=code.lower().replace(" ", "-"), **extra
    )


def make_risk(theme: Theme, title: str = "Funding ends", *, opened_on: dt.date = OPENED, **extra: object) -> Risk:
    """A risk with its first review on the day it opened (likelihood 3, impact 4)."""
    risk = Risk.objects.create(
        theme=theme, title=title, owner="Director of Public Health", opened_on=opened_on, **extra
    )
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=opened_on,
        likelihood=3,
        impact=4,
        mitigation="Bid for the next round.",
        next_review_on=opened_on + dt.timedelta(days=90),
        recorded_at=timezone.make_aware(dt.datetime.combine(opened_on, dt.time(9))),
    )
    return risk


@pytest.fixture
def theme(partnership) -> Theme:
    return Theme.objects.create(partnership=partnership, name="Healthier communities")


@pytest.fixture
def other_theme(other_partnership) -> Theme:
    return Theme.objects.create(partnership=other_partnership, name="Independent living")


@pytest.fixture
def indicator(partnership, theme) -> Indicator:
    return make_indicator(partnership, "NI 8", theme=theme, title="Adult participation in sport")


@pytest.fixture
def yearly_indicator(partnership, theme) -> Indicator:
    return make_indicator(
        partnership,
        "NI 39",
        theme=theme,
        title="Alcohol-harm related hospital admission rates",
        unit="rate per 100,000",
        higher_is_better=False,
        period_kind=PeriodKind.YEAR,
        amber_tolerance=Decimal("0.1"),
    )


@pytest.fixture
def public_indicator(partnership, theme) -> Indicator:
    return make_indicator(partnership, "NI 1", theme=theme, title="People who feel they belong", public=True)


@pytest.fixture
def other_indicator(other_partnership, other_theme) -> Indicator:
    return make_indicator(other_partnership, "NI 141", theme=other_theme, title="Independent living")


@pytest.fixture
def risk(theme) -> Risk:
    return make_risk(theme)


@pytest.fixture
def inactive_officer(partnership) -> User:
    """Services the partnership, but the account is switched off."""
    user = User.objects.create_user(username="ivan", first_name="Ivan", role=Role.OFFICER, is_active=False)
    partnership.officers.add(user)
    return user


@pytest.fixture
def inactive_scrutiny(db) -> User:
    return User.objects.create_user(username="sid", first_name="Sid", role=Role.SCRUTINY, is_active=False)
