"""API tokens gain an expiry and scopes; tokens issued before expire 90 days from now."""

from datetime import timedelta

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.utils import timezone

# Tokens issued before scopes existed keep what their roles allowed: every area, read and write.
_LEGACY_SCOPES = ["casework:write", "content:write", "directory:write", "indicators:write"]


def _expire_and_scope_existing(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    token_model = apps.get_model("accounts", "ApiToken")
    token_model.objects.update(
        expires_at=timezone.now() + timedelta(days=90), scopes=_LEGACY_SCOPES
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_hub_place_time_zone_active")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="expires at"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(default=list, editable=False, verbose_name="scopes"),
        ),
        migrations.RunPython(_expire_and_scope_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, verbose_name="expires at"),
        ),
    ]
