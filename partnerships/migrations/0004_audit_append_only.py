"""SPEC §8: the audit trail is append-only, enforced by the database on PostgreSQL and
SQLite alike (UPDATE and DELETE raise), like positions and proposal events."""

from django.db import migrations

TABLE = "partnerships_auditevent"


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION accord_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'append-only table %%: %% is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'restrict_violation';
            END;
            $$ LANGUAGE plpgsql;
            """
        )
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION accord_append_only();"
        )
    elif vendor == "sqlite":
        for operation in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {TABLE}_no_{operation.lower()} BEFORE {operation} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, 'append-only table {TABLE}: {operation} is not allowed'); END;"
            )
    else:
        raise RuntimeError(f"Append-only triggers are not written for {vendor}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};")
    elif vendor == "sqlite":
        for operation in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_{operation};")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_deputy_ledger_lead_seat_clear_days")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
