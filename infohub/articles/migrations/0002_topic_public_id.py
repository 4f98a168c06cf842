# Topics get a public id so that the audit log can name them, as it names every object.
# Three migrations, as the Django documentation advises for a unique field on existing
# rows: PostgreSQL refuses to alter a table with updates pending in the same transaction.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
