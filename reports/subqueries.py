"""Counts read as scalar subqueries: a page reads many counts of a row in the one query
that reads the row, and no two multi-valued joins multiply each other's rows."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet[Any]) -> Coalesce:
    """How many ``rows`` there are (a queryset filtered on ``OuterRef``), 0 for none."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
