import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_topic_public_id_values"),
    ]

    operations = [
        migrations.AlterField(
            model_name="topic",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
