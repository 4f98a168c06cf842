"""Synonym groups: kept by editors through an audited service, used by the next search."""

import csv
import os
from pathlib import Path

import pytest
from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory

from infohub.audit.models import AuditAction, AuditEvent
from infohub.search.admin import SynonymAdmin, SynonymForm
from infohub.search.demo import demo_synonyms, load_demo_synonyms
from infohub.search.errors import SynonymError
from infohub.search.models import SearchChange, SearchDocumentKind, Synonym
from infohub.search.services import synonyms_save
from infohub.search.tests.conftest import WORK_PERMIT, find, found_ids
from infohub.search.text import fold
from infohub.testing.content import publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

# The shared data sits next to the repository.
TICO19 = Path(__file__).resolve().parents[3] / ".." / "shared" / "external" / "tico19-terminology"


def test_a_synonym_saved_through_the_service_is_used_by_the_next_search(world: World) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids("cédula") == []
    synonyms_save(lang="es", terms="cédula, documento de identidad, DNI", actor=world.editor)
    response = find("cédula")
    assert [r.id for r in response.results] == [article.public_id]
    assert "<mark>documento</mark> de <mark>identidad</mark>" in response.results[0].snippet


def test_a_multi_word_synonym_expands_a_phrase_in_the_query(world: World) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids("papeles para laborar") == []
    synonyms_save(lang="es", terms=["permisos de trabajo", "papeles para laborar"], actor=None)
    assert found_ids("papeles para laborar") == [article.public_id]


def test_saving_synonyms_is_audited_and_logged_for_every_process(world: World) -> None:
    group = synonyms_save(lang="fr", terms=" asile ,  Statut de réfugié ", actor=world.editor)
    assert group.terms == "asile, Statut de réfugié"
    event = AuditEvent.objects.get(object_id=group.public_id)
    assert (event.action, event.actor) == (AuditAction.SYNONYMS_SAVE, world.editor)
    change = SearchChange.objects.get(object_id=group.public_id)
    assert change.kind == SearchDocumentKind.SYNONYMS


def test_a_deactivated_group_no_longer_expands_queries(world: World) -> None:
    publish(world, "work-permit", WORK_PERMIT)
    group = synonyms_save(lang="es", terms="cédula, documento de identidad", actor=None)
    assert found_ids("cédula")
    synonyms_save(synonym=group, lang="es", terms=group.terms, active=False, actor=None)
    assert found_ids("cédula") == []


@pytest.mark.parametrize(
    ("lang", "terms", "message"),
    [
        ("es", "cédula", "at least two"),
        ("es", "cédula, Cedula", "at least two"),
        ("xx", "a, b", "not an enabled content language"),
        ("es", "cédula, de la", "not a searchable term"),
        ("es", ["cédula", "x" * 101], "not a searchable term"),
        ("es", ",".join(f"t{i}" for i in range(31)), "at most 30"),
    ],
)
def test_a_group_that_cannot_work_is_refused(lang: str, terms: str, message: str) -> None:
    with pytest.raises(SynonymError, match=message):
        synonyms_save(lang=lang, terms=terms, actor=None)
    assert not Synonym.objects.exists()


def test_the_admin_validates_and_saves_through_the_audited_service(world: World) -> None:
    form = SynonymForm(data={"lang": "es", "terms": "cédula, de", "active": True})
    assert not form.is_valid()
    form = SynonymForm(data={"lang": "es", "terms": "cédula ,DNI", "active": True})
    assert form.is_valid(), form.errors
    request = RequestFactory().post("/admin/")
    request.user = world.editor
    model_admin = SynonymAdmin(Synonym, AdminSite())
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, change=False)
    assert obj.pk is not None
    assert obj.terms == "cédula, DNI"
    assert AuditEvent.objects.get(object_id=obj.public_id).actor == world.editor
    assert not model_admin.has_delete_permission(request, obj)


def test_the_demo_synonyms_are_valid_and_load_once() -> None:
    assert load_demo_synonyms() == len(demo_synonyms())
    assert load_demo_synonyms() == 0


def _glossary(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            row["sourceString"].strip().casefold(): row["targetString"].strip()
            for row in csv.DictReader(handle)
        }


def tico19_groups(facebook: str, google: str) -> list[list[str]]:
    """Same-language synonyms: two glossaries translating one English term differently."""
    first, second = _glossary(TICO19 / facebook), _glossary(TICO19 / google)
    return [
        [first[term], second[term]]
        for term in sorted(first.keys() & second.keys())
        if fold(first[term]) != fold(second[term])
    ]


@pytest.fixture
def tico19() -> dict[str, list[list[str]]]:
    """Synonym groups from the TICO-19 COVID-19 glossaries (skipped when absent, not in CI)."""
    if not TICO19.is_dir():
        reason = f"the TICO-19 terminology is not in {TICO19.resolve()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return {
        "es": tico19_groups("facebook/en_es.csv", "google/en_es-419.csv"),
        "fr": tico19_groups("facebook/en_fr.csv", "google/en_fr-FR.csv"),
        "ht": tico19_groups("facebook/en_ht-HT.csv", "google/en_ht.csv"),
    }


@pytest.mark.parametrize(
    ("lang", "text", "query"),
    [
        ("es", "Use alcohol en gel al entrar al centro.", "desinfectante para manos"),
        ("fr", "Utilisez du gel hydroalcoolique à l'entrée.", "désinfectant pour les mains"),
        ("ht", "Maladi sa a trapan anpil.", "kontajye"),
    ],
)
def test_glossary_synonyms_from_tico19_find_a_text_that_uses_the_other_term(
    world: World, tico19: dict[str, list[list[str]]], lang: str, text: str, query: str
) -> None:
    article = publish(world, "health-advice", {lang: ("Salud", "", text)})
    assert found_ids(query, lang) == []
    for terms in tico19[lang]:
        synonyms_save(lang=lang, terms=terms, actor=None)
    assert found_ids(query, lang) == [article.public_id]
