"""Writes to the scrutiny reports (SPEC §7), each in a transaction with its audit row.

Officers of a partnership (and administrators) add its themes, indicators, targets
and risks; they record actuals and targets per period and review risks. Figures and
reviews are appended, never changed: a correction is recorded as a new figure for the
same period, and the page keeps the one it replaces. A CSV upload is checked row by
row before anything is written, and is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from decisions.models import Proposal
from meetings.models import Action
from partnerships.actions import apply_changes, audit_record
from partnerships.models import Board, Partnership

from . import access
from .models import Indicator, IndicatorTarget, IndicatorValue, Risk, RiskReview, Target, Theme
from .periods import Period

INDICATOR_FIELDS = frozenset(
    {
        "theme",
        "code",
        "title",
        "description",
        "unit",
        "higher_is_better",
        "period_kind",
        "baseline",
        "baseline_period",
        "amber_tolerance",
        "tolerance_set_by",
        "owner",
        "public",
        "illustrative",
    }
)
RISK_FIELDS = frozenset({"theme", "title", "description", "owner", "owner_organisation"})
TARGET_FIELDS = frozenset({"code", "title", "description"})


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


# ---------------------------------------------------------------------------
# Themes


def theme_add(
    partnership: Partnership, *, name: str, description: str = "", position: int = 0, by: User, now: dt.datetime
) -> Theme:
    access.require_writer(by, partnership)
    theme = Theme(partnership=partnership, name=name.strip(), description=description.strip(), position=position)
    theme.full_clean()
    with transaction.atomic():
        theme.save()
        audit_record(by, "theme_add", partnership, f"Added the strategy theme '{theme.name}'", at=now, theme=theme.pk)
    return theme


# ---------------------------------------------------------------------------
# Indicators


def _unique_slug(partnership: Partnership, code: str, exclude: int | None = None) -> str:
    base = slugify(code)[:50] or "indicator"
    others = Indicator.objects.filter(partnership=partnership, slug__startswith=base)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    taken = set(others.values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def indicator_add(partnership: Partnership, *, by: User, now: dt.datetime, **fields: Any) -> Indicator:
    """Add an indicator to the partnership's basket."""
    access.require_writer(by, partnership)
    unknown = set(fields) - INDICATOR_FIELDS
    if unknown:
        raise TypeError(f"indicator_add() got unexpected fields: {sorted(unknown)}")
    indicator = Indicator(partnership=partnership, created_at=now, **fields)
    indicator.code = indicator.code.strip()
    with transaction.atomic():
        indicator.slug = _unique_slug(partnership, indicator.code)
        indicator.full_clean()
        indicator.save()
        audit_record(
            by, "indicator_add", partnership, f"Added the indicator {indicator}", at=now, indicator=indicator.pk
        )
    return indicator


def indicator_update(indicator: Indicator, changes: dict[str, Any], *, by: User, now: dt.datetime) -> Indicator:
    """Change what an indicator is (its figures are recorded, never changed here)."""
    access.require_writer(by, indicator.partnership)
    changes = {**changes, **({"code": str(changes["code"]).strip()} if "code" in changes else {})}
    has_figures = indicator.values.exists() or indicator.targets.exists()
    if has_figures and changes.get("period_kind", indicator.period_kind) != indicator.period_kind:
        raise ValidationError(
            {
                "period_kind": "Figures are recorded for this indicator's periods, so how often it is reported cannot change."
            }
        )
    with transaction.atomic():
        changed = apply_changes(indicator, changes, INDICATOR_FIELDS)
        if not changed:
            return indicator
        if "code" in changed:
            indicator.slug = _unique_slug(indicator.partnership, indicator.code, exclude=indicator.pk)
        indicator.full_clean()
        indicator.save()
        audit_record(
            by,
            "indicator_update",
            indicator.partnership,
            f"Changed the indicator {indicator}",
            at=now,
            indicator=indicator.pk,
            changes=changed,
        )
    return indicator


def _check_period(indicator: Indicator, period: Period) -> None:
    if refusal := indicator.period_refusal(period):
        raise ValidationError({"period": refusal})


def value_record(
    indicator: Indicator,
    *,
    period: Period,
    value: Decimal,
    provisional: bool = False,
    note: str = "",
    by: User,
    now: dt.datetime,
) -> IndicatorValue:
    """Record the actual for a period that has begun. A second figure for the same
    period is a correction: it counts from now on and the earlier one is kept."""
    access.require_writer(by, indicator.partnership)
    check_value(indicator, period, now)
    with transaction.atomic():
        return _value_insert(indicator, period, value, provisional, note, by, now)


def check_value(indicator: Indicator, period: Period, now: dt.datetime) -> None:
    _check_period(indicator, period)
    if period.start > _today(now):
        raise ValidationError({"period": f"{period} has not begun yet, so it has no actual figure to record."})


def _value_insert(
    indicator: Indicator, period: Period, value: Decimal, provisional: bool, note: str, by: User, now: dt.datetime
) -> IndicatorValue:
    correcting = IndicatorValue.objects.filter(indicator=indicator, period_start=period.start).exists()
    row = IndicatorValue(
        indicator=indicator,
        period_start=period.start,
        value=value,
        provisional=provisional,
        note=note.strip(),
        recorded_by=by,
        recorded_at=now,
    )
    row.full_clean()
    row.save()
    verb = "value_correct" if correcting else "value_record"
    what = "Corrected" if correcting else "Recorded"
    audit_record(
        by,
        verb,
        indicator.partnership,
        f"{what} {indicator.code} for {period}: {value}{' (provisional)' if provisional else ''}",
        at=now,
        indicator=indicator.pk,
        value=row.pk,
    )
    return row


def target_record(
    indicator: Indicator, *, period: Period, value: Decimal, note: str = "", by: User, now: dt.datetime
) -> IndicatorTarget:
    """Set the target for a period (past or future). A new target for the same period
    replaces the old one from now on; the old one is kept."""
    access.require_writer(by, indicator.partnership)
    _check_period(indicator, period)
    with transaction.atomic():
        replacing = IndicatorTarget.objects.filter(indicator=indicator, period_start=period.start).exists()
        row = IndicatorTarget(
            indicator=indicator,
            period_start=period.start,
            value=value,
            note=note.strip(),
            recorded_by=by,
            recorded_at=now,
        )
        row.full_clean()
        row.save()
        audit_record(
            by,
            "target_change" if replacing else "target_set",
            indicator.partnership,
            f"{'Changed' if replacing else 'Set'} the target of {indicator.code} for {period}: {value}",
            at=now,
            indicator=indicator.pk,
            target=row.pk,
        )
    return row


@dataclass(frozen=True)
class ValueRow:
    """One checked row of a CSV upload of actuals (reports/imports.py)."""

    line: int
    indicator: Indicator
    period: Period
    value: Decimal
    provisional: bool
    note: str


def values_import(partnership: Partnership, rows: Sequence[ValueRow], *, by: User, now: dt.datetime) -> int:
    """Record every row of a checked upload, all or none. Returns the rows recorded."""
    access.require_writer(by, partnership)
    if not rows:
        raise ValidationError("The file has no figures in it.")
    errors: list[str] = []
    for row in rows:
        if row.indicator.partnership_id != partnership.pk:
            errors.append(f"Row {row.line}: {row.indicator.code} is not an indicator of {partnership.name}.")
            continue
        try:
            check_value(row.indicator, row.period, now)
            IndicatorValue(
                indicator=row.indicator, period_start=row.period.start, value=row.value, note=row.note.strip()
            ).full_clean(exclude=["recorded_by"])
        except ValidationError as error:
            errors.extend(f"Row {row.line}: {message}" for message in error.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for row in rows:
            _value_insert(row.indicator, row.period, row.value, row.provisional, row.note, by, now)
        audit_record(
            by, "values_import", partnership, f"Uploaded {len(rows)} indicator figures", at=now, rows=len(rows)
        )
    return len(rows)


# ---------------------------------------------------------------------------
# Targets and their delivery chains


def chain_target_add(
    partnership: Partnership, *, code: str, title: str, description: str = "", by: User, now: dt.datetime
) -> Target:
    access.require_writer(by, partnership)
    target = Target(partnership=partnership, code=code.strip(), title=title.strip(), description=description.strip())
    target.full_clean()
    with transaction.atomic():
        target.save()
        audit_record(by, "chain_target_add", partnership, f"Added the target {target}", at=now, target=target.pk)
    return target


def chain_target_update(target: Target, changes: dict[str, Any], *, by: User, now: dt.datetime) -> Target:
    access.require_writer(by, target.partnership)
    with transaction.atomic():
        changed = apply_changes(target, changes, TARGET_FIELDS)
        if changed:
            target.full_clean()
            target.save()
            audit_record(
                by, "chain_target_update", target.partnership, f"Changed the target {target}", at=now, changes=changed
            )
    return target


def chain_link(
    target: Target,
    *,
    indicators: Iterable[Indicator] = (),
    delivery_groups: Iterable[Board] = (),
    decisions: Iterable[Proposal] = (),
    actions: Iterable[Action] = (),
    by: User,
    now: dt.datetime,
) -> Target:
    """Set the delivery chain of a target: what measures it, who delivers it and which
    decisions and actions serve it. Replaces the links it had."""
    access.require_writer(by, target.partnership)
    chosen: dict[str, list[Any]] = {
        "indicators": list(indicators),
        "delivery_groups": list(delivery_groups),
        "decisions": list(decisions),
        "actions": list(actions),
    }
    with transaction.atomic():
        for name, rows in chosen.items():
            getattr(target, name).set(rows)
        audit_record(
            by,
            "chain_link",
            target.partnership,
            f"Set the delivery chain of {target}",
            at=now,
            target=target.pk,
            **{name: sorted(row.pk for row in rows) for name, rows in chosen.items()},
        )
    return target


# ---------------------------------------------------------------------------
# Risks


def _check_review(reviewed_on: dt.date, next_review_on: dt.date, now: dt.datetime) -> None:
    if reviewed_on > _today(now):
        raise ValidationError({"reviewed_on": "The review date cannot be in the future."})
    if next_review_on < reviewed_on:
        raise ValidationError({"next_review_on": "The next review must be on or after this review."})


def risk_add(
    theme: Theme,
    *,
    title: str,
    owner: str,
    likelihood: int,
    impact: int,
    mitigation: str,
    next_review_on: dt.date,
    reviewed_on: dt.date | None = None,
    description: str = "",
    owner_organisation: Any = None,
    illustrative: bool = False,
    by: User,
    now: dt.datetime,
) -> Risk:
    """Add a risk to a theme's register with its first rating."""
    access.require_writer(by, theme.partnership)
    reviewed_on = reviewed_on or _today(now)
    _check_review(reviewed_on, next_review_on, now)
    risk = Risk(
        theme=theme,
        title=title.strip(),
        description=description.strip(),
        owner=owner.strip(),
        owner_organisation=owner_organisation,
        opened_on=reviewed_on,
        illustrative=illustrative,
    )
    risk.full_clean()
    with transaction.atomic():
        risk.save()
        _review_insert(risk, reviewed_on, likelihood, impact, mitigation, next_review_on, "", by, now)
        audit_record(by, "risk_add", theme.partnership, f"Added the risk '{risk.title}'", at=now, risk=risk.pk)
    return risk


def risk_update(risk: Risk, changes: dict[str, Any], *, by: User, now: dt.datetime) -> Risk:
    partnership = risk.theme.partnership
    access.require_writer(by, partnership)
    with transaction.atomic():
        changed = apply_changes(risk, changes, RISK_FIELDS)
        if changed:
            if risk.theme.partnership_id != partnership.pk:
                raise ValidationError({"theme": "Choose a theme of the same partnership."})
            risk.full_clean()
            risk.save()
            audit_record(
                by, "risk_update", risk.theme.partnership, f"Changed the risk '{risk.title}'", at=now, changes=changed
            )
    return risk


def risk_review(
    risk: Risk,
    *,
    reviewed_on: dt.date,
    likelihood: int,
    impact: int,
    mitigation: str,
    next_review_on: dt.date,
    note: str = "",
    by: User,
    now: dt.datetime,
) -> RiskReview:
    """Record a review of a risk: its rating now and when it is next reviewed."""
    access.require_writer(by, risk.theme.partnership)
    if risk.closed_on is not None:
        raise ValidationError(f"The risk '{risk.title}' was closed on {risk.closed_on:%-d %B %Y}: it is not reviewed.")
    _check_review(reviewed_on, next_review_on, now)
    latest = risk.reviews.order_by("-reviewed_on", "-recorded_at").first()
    if latest is not None and reviewed_on < latest.reviewed_on:
        raise ValidationError(
            {"reviewed_on": f"The last review was on {latest.reviewed_on:%-d %B %Y}: a new one cannot be earlier."}
        )
    with transaction.atomic():
        review = _review_insert(risk, reviewed_on, likelihood, impact, mitigation, next_review_on, note, by, now)
        audit_record(
            by,
            "risk_review",
            risk.theme.partnership,
            f"Reviewed the risk '{risk.title}': likelihood {likelihood}, impact {impact}",
            at=now,
            risk=risk.pk,
            review=review.pk,
        )
    return review


def _review_insert(
    risk: Risk,
    reviewed_on: dt.date,
    likelihood: int,
    impact: int,
    mitigation: str,
    next_review_on: dt.date,
    note: str,
    by: User,
    now: dt.datetime,
) -> RiskReview:
    review = RiskReview(
        risk=risk,
        reviewed_on=reviewed_on,
        likelihood=likelihood,
        impact=impact,
        mitigation=mitigation.strip(),
        next_review_on=next_review_on,
        note=note.strip(),
        recorded_by=by,
        recorded_at=now,
    )
    review.full_clean()
    review.save()
    return review


def risk_close(risk: Risk, *, closed_on: dt.date, by: User, now: dt.datetime) -> Risk:
    access.require_writer(by, risk.theme.partnership)
    if risk.closed_on is not None:
        raise ValidationError("This risk is already closed.")
    latest = risk.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    earliest = max(filter(None, (risk.opened_on, latest)))
    if closed_on > _today(now) or closed_on < earliest:
        raise ValidationError({"closed_on": f"A risk closes between its last review ({earliest:%-d %B %Y}) and today."})
    with transaction.atomic():
        risk.closed_on = closed_on
        risk.save(update_fields=["closed_on"])
        audit_record(by, "risk_close", risk.theme.partnership, f"Closed the risk '{risk.title}'", at=now, risk=risk.pk)
    return risk
