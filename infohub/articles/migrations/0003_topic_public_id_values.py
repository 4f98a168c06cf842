import uuid

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def give_each_topic_an_id(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    topic_model = apps.get_model("articles", "Topic")
    for topic in topic_model.objects.filter(public_id__isnull=True):
        topic.public_id = uuid.uuid4()
        topic.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_topic_public_id"),
    ]

    operations = [
        migrations.RunPython(give_each_topic_an_id, migrations.RunPython.noop),
    ]
