"""Demo data loads, is marked illustrative, and loading twice changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from infohub.accounts.models import Organisation
from infohub.articles.models import ArticleTranslation

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_loading_twice_changes_nothing() -> None:
    call_command("load_demo", stdout=io.StringIO())
    first = row_counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert row_counts() == first
    assert "0 accounts, organisations and hubs created" in out.getvalue()
    assert "Demo articles: 0 created, 0 updated" in out.getvalue()
    assert first["accounts.Hub"] >= 2
    assert first["articles.Article"] == 12


def test_every_demo_organisation_says_it_is_illustrative() -> None:
    call_command("load_demo", stdout=io.StringIO())
    assert all("(illustrative)" in o.name for o in Organisation.objects.all())


def test_every_demo_article_opens_with_its_demo_notice() -> None:
    call_command("load_demo", stdout=io.StringIO())
    bodies = ArticleTranslation.objects.values_list("body", flat=True)
    assert len(bodies) == 46
    assert all(body.startswith("*") for body in bodies)


@override_settings(PRODUCTION=True)
def test_it_refuses_to_run_in_production() -> None:
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Organisation.objects.exists()
