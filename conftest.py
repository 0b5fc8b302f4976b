"""Project-wide pytest set-up (the fixtures live in tests/conftest.py)."""

from django.db.backends.sqlite3.base import DatabaseWrapper

DatabaseOperations = DatabaseWrapper.ops_class

_sql_flush = DatabaseOperations.sql_flush


def _sql_flush_keeping_append_only_triggers(self, style, tables, *, reset_sequences=False, allow_cascade=False):
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


DatabaseOperations.sql_flush = _sql_flush_keeping_append_only_triggers
