"""The migrations to live revisions keep every version and keep public what was public."""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("articles", "0004_topic_public_id_unique"),
    ("news", "0001_initial"),
    ("pathways", "0001_initial"),
]
AFTER = [
    ("articles", "0005_live_revisions"),
    ("news", "0002_alert_translations_and_workflow"),
    ("pathways", "0002_live_pathways"),
]


def migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps() -> Iterator[StateApps]:
    yield migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_published_articles_stay_live_with_their_newest_version_and_every_version_kept(
    old_apps: StateApps,
) -> None:
    articles = old_apps.get_model("articles", "Article")
    translations = old_apps.get_model("articles", "ArticleTranslation")
    versions = old_apps.get_model("articles", "ArticleTranslationVersion")
    published = articles.objects.create(slug="live", status="published", source_language="es")
    in_review = articles.objects.create(slug="offline", status="in_review", source_language="es")
    for article in (published, in_review):
        translation = translations.objects.create(
            article=article, lang="es", title="T", body="B2", body_html="<p>B2</p>"
        )
        for number in (1, 2):
            versions.objects.create(
                translation=translation, number=number, title="T", body=f"B{number}"
            )

    new_apps = migrate(AFTER)

    articles = new_apps.get_model("articles", "Article")
    translations = new_apps.get_model("articles", "ArticleTranslation")
    assert articles.objects.get(slug="live").live is True
    assert articles.objects.get(slug="offline").live is False
    assert translations.objects.get(article__slug="live").live_number == 2
    assert translations.objects.get(article__slug="offline").live_number is None
    versions = new_apps.get_model("articles", "ArticleTranslationVersion")
    assert versions.objects.count() == 4


def test_published_pathways_stay_live(old_apps: StateApps) -> None:
    pathways = old_apps.get_model("pathways", "Pathway")
    for slug, status in (("live", "published"), ("draft", "draft")):
        pathways.objects.create(
            slug=slug, country="CR", category="work", status=status, source_language="es",
            eligibility={"all": []},
        )  # fmt: skip

    pathways = migrate(AFTER).get_model("pathways", "Pathway")

    assert set(pathways.objects.filter(live=True).values_list("slug", flat=True)) == {"live"}


def test_each_alert_keeps_its_text_as_a_live_translation(old_apps: StateApps) -> None:
    alerts = old_apps.get_model("news", "Alert")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    alerts.objects.create(
        title="Frontera cerrada", body="Use otro paso.", lang="es", countries="CR",
        starts_at=start, expires_at=start + dt.timedelta(days=2),
    )  # fmt: skip

    new_apps = migrate(AFTER)

    alert = new_apps.get_model("news", "Alert").objects.get()
    assert (alert.status, alert.live, alert.source_language) == ("published", True, "es")
    assert alert.published_at == alert.created_at
    translation = alert.translations.get()
    assert (translation.lang, translation.live_title, translation.live_body) == (
        "es",
        "Frontera cerrada",
        "Use otro paso.",
    )
    assert translation.is_live
