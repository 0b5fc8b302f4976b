"""Store the search vectors and texts with lz4 compression on PostgreSQL (14 and later,
when the server was built with it): a phrase search rereads the vector of every entry
holding all its words, and lz4 reads back about a third faster than the default pglz
(scripts/benchmark_search.py). Nothing changes elsewhere; rows written before keep
their compression until they are next written (manage.py search_reindex)."""

from django.db import migrations

COLUMNS = ("search_vector", "body")


def _lz4_available(schema_editor) -> bool:
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
    return bool(row) and "lz4" in (row[0] or [])


def use_lz4(apps, schema_editor):
    if _lz4_available(schema_editor):
        for column in COLUMNS:
            schema_editor.execute(f"ALTER TABLE search_searchentry ALTER COLUMN {column} SET COMPRESSION lz4")


def use_default(apps, schema_editor):
    if _lz4_available(schema_editor):
        for column in COLUMNS:
            schema_editor.execute(f"ALTER TABLE search_searchentry ALTER COLUMN {column} SET COMPRESSION DEFAULT")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_gin_index_and_sweep_schedule")]

    operations = [migrations.RunPython(use_lz4, use_default)]
