"""Audit rows gain the actor's reason, for the actions that ask for one.

On SQLite, adding a NOT NULL column rebuilds the table, which drops its triggers; so the
append-only triggers of migration 0002 are dropped first and created again afterwards,
on SQLite and PostgreSQL alike. No row is updated: the new column starts empty.
"""

from importlib import import_module

from django.db import migrations, models

_triggers = import_module("infohub.audit.migrations.0002_append_only_triggers")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_editorial_actions"),
    ]

    operations = [
        migrations.RunPython(_triggers.drop_triggers, _triggers.create_triggers),
        migrations.AddField(
            model_name="auditevent",
            name="reason",
            field=models.TextField(blank=True, default="", verbose_name="reason"),
        ),
        migrations.RunPython(_triggers.create_triggers, _triggers.drop_triggers),
    ]
