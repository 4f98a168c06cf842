"""Alerts get translations, topics and the editorial workflow.

Every existing alert was shown as soon as it was created, so it becomes a published,
live alert whose one translation (its language, title and body) is live.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def texts_to_translations(apps, schema_editor):
    Alert = apps.get_model("news", "Alert")
    AlertTranslation = apps.get_model("news", "AlertTranslation")
    for alert in Alert.objects.all():
        AlertTranslation.objects.create(
            alert=alert,
            lang=alert.source_language,
            title=alert.title,
            body=alert.body,
            live_title=alert.title,
            live_body=alert.body,
            is_live=True,
        )
        alert.status = "published"
        alert.live = True
        alert.published_at = alert.created_at
        alert.save(update_fields=["status", "live", "published_at"])


def translations_to_texts(apps, schema_editor):
    Alert = apps.get_model("news", "Alert")
    for alert in Alert.objects.all():
        translation = (
            alert.translations.filter(lang=alert.source_language).first()
            or alert.translations.first()
        )
        if translation is not None:
            alert.title = translation.live_title or translation.title
            alert.body = translation.live_body if translation.is_live else translation.body
            alert.save(update_fields=["title", "body"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_live_revisions"),
        ("news", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="alert", old_name="lang", new_name="source_language"),
        migrations.AlterField(
            model_name="alert",
            name="source_language",
            field=models.CharField(db_index=True, max_length=16, verbose_name="source language"),
        ),
        # Kept until the texts are copied into translations, then removed below.
        migrations.AlterField(
            model_name="alert",
            name="title",
            field=models.CharField(blank=True, max_length=200, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="alert",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("published", "Published"),
                    ("archived", "Archived"),
                ],
                default="draft",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="alert",
            name="live",
            field=models.BooleanField(
                db_index=True, default=False, editable=False, verbose_name="live"
            ),
        ),
        migrations.AddField(
            model_name="alert",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="alert",
            name="last_reviewed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="alert",
            name="last_reviewed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="alert",
            name="review_due",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="review due"
            ),
        ),
        migrations.AddField(
            model_name="alert",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="alert",
            name="topics",
            field=models.ManyToManyField(
                blank=True, related_name="alerts", to="articles.topic", verbose_name="topics"
            ),
        ),
        migrations.CreateModel(
            name="AlertTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("lang", models.CharField(max_length=16, verbose_name="language")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("body", models.TextField(blank=True, verbose_name="body")),
                ("live_title", models.CharField(blank=True, editable=False, max_length=200)),
                ("live_body", models.TextField(blank=True, editable=False)),
                ("is_live", models.BooleanField(default=False, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "alert",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="news.alert",
                    ),
                ),
                (
                    "last_author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "translation",
                "verbose_name_plural": "translations",
                "ordering": ["alert", "lang"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("alert", "lang"), name="one_alert_translation_per_language"
                    )
                ],
            },
        ),
        migrations.RunPython(texts_to_translations, translations_to_texts),
        migrations.RemoveField(model_name="alert", name="title"),
        migrations.RemoveField(model_name="alert", name="body"),
    ]
