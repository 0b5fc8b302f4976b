"""Figures as the report pages write them: ``{{ value|figure:unit }}`` and
``{{ counts|rag_count:"no data" }}``."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django import template

from reports.explain import number, share

register = template.Library()


@register.filter
def figure(value: Decimal | float | None, unit: str = "") -> str:
    return "" if value is None else number(value, unit)


@register.filter
def percent(value: float | None) -> str:
    return "" if value is None else share(value)


@register.filter
def rag_count(counts: Mapping[str, int], rating: str) -> int:
    return counts.get(rating, 0)
