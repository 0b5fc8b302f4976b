"""The tables of a report, as values: what the page shows, what CSV and XLSX export,
and what the PDF prints are the same ``Table``, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

ColumnKind = Literal["text", "number", "percent", "date", "rag", "direction"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"
    # For "number": decimal places shown and exported ("0.0" style); None = as stored.
    places: int | None = None


@dataclass(frozen=True)
class Table:
    """``rows`` hold plain values: str, int, Decimal or float, datetime.date, None
    (shown as a dash, exported empty). A "percent" cell is a share (0.8 is 80%); a
    "rag" or "direction" cell is the word reports/rag.py returns."""

    slug: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    summary: str = ""

    def __post_init__(self) -> None:
        width = len(self.columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(f"{self.slug}: row {number} has {len(row)} cells for {width} columns")

    @classmethod
    def build(
        cls, slug: str, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]], summary: str = ""
    ) -> Table:
        return cls(slug, title, tuple(columns), tuple(tuple(row) for row in rows), summary)

    def column(self, key: str) -> list[Any]:
        index = next(i for i, column in enumerate(self.columns) if column.key == key)
        return [row[index] for row in self.rows]
