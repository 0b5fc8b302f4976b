"""Who declared an interest: the member, or the deputy attending for the seat (SPEC §4).
Existing declarations were the members' own."""

import django.db.models.deletion
from django.db import migrations, models


def members_declared(apps, schema_editor):
    Declaration = apps.get_model("meetings", "Declaration")
    Membership = apps.get_model("partnerships", "Membership")
    for seat_id, person_id in Membership.objects.filter(declarations__isnull=False).values_list("pk", "person_id"):
        Declaration.objects.filter(membership_id=seat_id).update(person_id=person_id)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_render_sweep_schedule"),
        ("partnerships", "0003_deputy_ledger_lead_seat_clear_days"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="declaration", name="declaration_once_per_item"),
        migrations.AddField(
            model_name="declaration",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="declarations",
                to="partnerships.person",
                help_text="Who declared: the member, or the deputy attending for the seat.",
            ),
        ),
        migrations.RunPython(members_declared, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="declaration",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="declarations",
                to="partnerships.person",
                help_text="Who declared: the member, or the deputy attending for the seat.",
            ),
        ),
        migrations.AddConstraint(
            model_name="declaration",
            constraint=models.UniqueConstraint(fields=("item", "membership", "person"), name="declaration_once_per_item"),
        ),
    ]
