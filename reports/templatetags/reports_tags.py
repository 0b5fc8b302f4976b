"""The cells of a report ``Table`` as templates/reports/_table.html shows them:
``{% for row in table|table_rows %}{% for cell in row %}``. Pure formatting of the values
the table already holds: no queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats

from reports.explain import number, share
from reports.exports import NUMBER_KINDS, as_decimal, number_text
from reports.tables import Column, Table

register = template.Library()


@dataclass(frozen=True)
class Cell:
    """One cell of the page's table. ``empty``: no figure (shown as a dash, read as "no
    data"); ``numeric``: right-aligned; ``rating``: the word for a RAG or direction tag;
    ``datetime``: the ISO date for a <time> element."""

    text: str = ""
    numeric: bool = False
    empty: bool = False
    rating: str = ""
    datetime: str = ""


def display_cell(column: Column, value: Any) -> Cell:
    numeric = column.kind in NUMBER_KINDS
    if value is None:
        return Cell(numeric=numeric, empty=True)
    if numeric and as_decimal(value) is not None:
        if column.kind == "percent":
            return Cell(share(value), numeric=True)
        if column.places is not None:
            return Cell(number_text(value, column.places, grouping=True), numeric=True)
        return Cell(number(value), numeric=True)
    if numeric and isinstance(value, float | Decimal):
        return Cell(numeric=True, empty=True)  # NaN or infinity: no figure
    if column.kind in ("rag", "direction"):
        return Cell(rating=str(value))
    if isinstance(value, dt.datetime):
        return Cell(formats.date_format(value, "j F Y, H:i"), datetime=value.isoformat())
    if isinstance(value, dt.date):
        return Cell(formats.date_format(value, "j F Y"), datetime=value.isoformat())
    return Cell(str(value))


@register.filter
def table_rows(table: Table) -> list[list[Cell]]:
    columns = table.columns
    return [[display_cell(column, value) for column, value in zip(columns, row, strict=True)] for row in table.rows]


@register.filter
def numeric_column(column: Column) -> bool:
    return column.kind in NUMBER_KINDS
