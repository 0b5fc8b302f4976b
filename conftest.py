"""Project-wide pytest set-up (the fixtures live in tests/conftest.py)."""

import os
from collections.abc import Sequence
from typing import Any

from django.db.backends.sqlite3.base import DatabaseWrapper
from hypothesis import settings as hypothesis_settings

# Property tests: a quick pass locally, the full count in CI (CI=true).
hypothesis_settings.register_profile("dev", max_examples=40, deadline=None)
hypothesis_settings.register_profile("ci", max_examples=400, deadline=None, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")

DatabaseOperations = DatabaseWrapper.ops_class

_sql_flush = DatabaseOperations.sql_flush


def _sql_flush_keeping_append_only_triggers(
    self: Any, style: Any, tables: Sequence[str], *, reset_sequences: bool = False, allow_cascade: bool = False
) -> list[str]:
    """Transactional tests empty every table between tests. PostgreSQL does it with
    TRUNCATE, which row triggers ignore; SQLite does it with DELETE, which the
    append-only triggers on decisions (SPEC §8) rightly refuse. So, in tests only,
    lift those triggers for the flush and put them back in the same transaction."""
    statements = _sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    if not statements:
        return statements
    with self.connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%append-only%'")
        triggers = cursor.fetchall()
    drops = [f'DROP TRIGGER "{name}";' for name, _ in triggers]
    creates = [f"{sql};" for _, sql in triggers]
    return [*drops, *statements, *creates]


DatabaseOperations.sql_flush = _sql_flush_keeping_append_only_triggers  # type: ignore[method-assign]  # tests only
