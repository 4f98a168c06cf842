"""Import and export of articles as a folder of Markdown files with YAML front matter."""

import io
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Model
from django.test import override_settings

from infohub.articles.imports import articles_import
from infohub.articles.models import (
    Article,
    ArticlePublication,
    ArticleStatus,
    ArticleTranslation,
    ArticleTranslationVersion,
)
from infohub.articles.services import (
    article_create,
    article_publish,
    article_transition,
    translation_save,
)
from infohub.audit.models import AuditAction, AuditEvent
from infohub.search.models import SearchChange
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

VISAS = uuid.UUID("6a1f4a56-62b5-4a53-8c1e-3d5b2c0f7a10")
WORK = uuid.UUID("0b6f2f6e-3c1e-4a53-9a53-1f1b8f0f9d0e")
DEMO = Path(settings.BASE_DIR) / "infohub" / "demo" / "articles"

TABLE = "| Documento | Dónde |\n|---|---|\n| Pasaporte | Consulado |\n| Cédula | Registro civil |\n"


def front(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": str(VISAS),
        "lang": "es",
        "title": "Visas",
        "summary": "Lo básico.",
        "topics": ["documents"],
        "countries": ["CR"],
        "audience": ["current"],
        "sources": ["https://www.example.org/visas"],
        "status": "published",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def file_text(values: dict[str, Any], body: str = "Cuerpo del artículo.\n") -> str:
    return f"---\n{yaml.safe_dump(values, sort_keys=False, allow_unicode=True)}---\n\n{body}"


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def files_in(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def row_counts() -> dict[str, int]:
    models: list[type[Model]] = [
        Article,
        ArticleTranslation,
        ArticleTranslationVersion,
        ArticlePublication,
        AuditEvent,
        SearchChange,
    ]
    return {model.__name__: model._default_manager.count() for model in models}


def build_knowledge_base(world: World) -> None:
    """Articles in every status, with accents, Creole, tables and awkward metadata."""
    work = article_create(
        slug="work-permits",
        source_language="es",
        topics=["work", "documents"],
        countries=["DO", "CR", "NO"],  # "NO" is what YAML would read as false
        audience=["potential", "current"],
        sources=["https://www.example.org/work", "https://example.org/a?b=1&c=d#e"],
        actor=world.editor,
        public_id=WORK,
    )
    for lang, title, summary, body in [
        ("es", "Permiso de trabajo: lo básico", "Qué es y cómo se pide.", f"## Qué es\n\n{TABLE}"),
        (
            "ht",
            "Pèmi travay: sa pou w konnen",
            "Kisa li ye, ki jan pou w mande l. Ò, è, à.",
            "## Kisa li ye?\r\n\r\nYon pèmi travay se yon otorizasyon.\r\n\r\n" + TABLE,
        ),
        ("fr", "Permis de travail : l'essentiel", "", "Ce qu'il faut savoir — « bref ».\n\n\n"),
    ]:
        translation_save(
            article=work, lang=lang, title=title, summary=summary, body=body, author=world.editor
        )
    article_transition(article=work, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    article_publish(article=work, reviewer=world.admin)

    for slug, status in [
        ("visas", ArticleStatus.DRAFT),
        ("asylum", ArticleStatus.IN_REVIEW),
        ("old-rules", ArticleStatus.ARCHIVED),
    ]:
        article = article_create(slug=slug, source_language="en", actor=world.editor)
        translation_save(
            article=article,
            lang="en",
            title=f"{slug}: what to know",
            summary="Line one.\nLine two: with a colon.",
            body="  Indented first line stays.\n\n- a\n- b",
            author=world.editor,
        )
        if status != ArticleStatus.DRAFT:
            article_transition(article=article, to=status, actor=world.editor)


def test_export_import_export_gives_byte_identical_files_and_keeps_the_ids(
    world: World, tmp_path: Path
) -> None:
    build_knowledge_base(world)
    statuses = dict(Article.objects.values_list("public_id", "status"))
    run("export_articles", str(tmp_path / "first"))
    Article.objects.all().delete()

    run("import_articles", str(tmp_path / "first"))
    run("export_articles", str(tmp_path / "second"))

    first, second = files_in(tmp_path / "first"), files_in(tmp_path / "second")
    assert sorted(first) == [
        "asylum.en.md",
        "old-rules.en.md",
        "visas.en.md",
        "work-permits.es.md",
        "work-permits.fr.md",
        "work-permits.ht.md",
    ]
    assert first == second
    assert dict(Article.objects.values_list("public_id", "status")) == statuses
    creole = ArticleTranslation.objects.get(article__public_id=WORK, lang="ht")
    assert creole.title == "Pèmi travay: sa pou w konnen"
    assert "<table>" in creole.body_html


def test_an_exported_file_reads_as_front_matter_then_the_markdown_body(
    world: World, tmp_path: Path
) -> None:
    build_knowledge_base(world)
    run("export_articles", str(tmp_path))
    text = (tmp_path / "work-permits.es.md").read_text(encoding="utf-8")
    header, body = text.removeprefix("---\n").split("---\n\n", 1)
    assert list(yaml.safe_load(header)) == [
        "id",
        "lang",
        "title",
        "summary",
        "topics",
        "countries",
        "audience",
        "sources",
        "status",
    ]
    assert yaml.safe_load(header)["countries"] == ["CR", "DO", "NO"]
    assert body == f"## Qué es\n\n{TABLE}"


def test_importing_the_same_folder_again_changes_nothing(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    write(tmp_path, "visas.fr.md", file_text(front(lang="fr", title="Visas (fr)")))
    write(tmp_path, "work.en.md", file_text(front(id=str(WORK), lang="en", status="draft")))
    out, _ = run("import_articles", str(tmp_path))
    assert out.strip() == "Imported 3 files: 2 articles created, 0 updated, 0 unchanged."
    before = row_counts()

    out, _ = run("import_articles", str(tmp_path))

    assert out.strip() == "Imported 3 files: 0 articles created, 0 updated, 2 unchanged."
    assert row_counts() == before


def test_exporting_and_importing_into_the_same_database_changes_nothing(
    world: World, tmp_path: Path
) -> None:
    write(tmp_path / "in", "visas.es.md", file_text(front()))
    write(tmp_path / "in", "visas.ht.md", file_text(front(lang="ht", title="Viza")))
    run("import_articles", str(tmp_path / "in"))
    run("export_articles", str(tmp_path / "out"))
    before = row_counts()
    out, _ = run("import_articles", str(tmp_path / "out"))
    assert "1 unchanged" in out
    assert row_counts() == before


def test_text_differing_only_in_line_endings_is_not_a_change(world: World, tmp_path: Path) -> None:
    build_knowledge_base(world)
    run("export_articles", str(tmp_path))
    before = row_counts()
    out, _ = run("import_articles", str(tmp_path))
    assert out.strip() == "Imported 6 files: 0 articles created, 0 updated, 4 unchanged."
    assert row_counts() == before


def test_a_changed_file_updates_its_article_with_a_new_version(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    write(tmp_path, "visas.fr.md", file_text(front(lang="fr")))
    write(tmp_path, "work.es.md", file_text(front(id=str(WORK))))
    run("import_articles", str(tmp_path))
    write(tmp_path, "visas.es.md", file_text(front(), body="Nuevo cuerpo.\n"))

    out, _ = run("import_articles", str(tmp_path))

    assert out.strip() == "Imported 3 files: 0 articles created, 1 updated, 1 unchanged."
    spanish = ArticleTranslation.objects.get(article__public_id=VISAS, lang="es")
    assert [v.body for v in spanish.versions.order_by("number")] == [
        "Cuerpo del artículo.",
        "Nuevo cuerpo.",
    ]
    assert ArticleTranslation.objects.get(article__public_id=VISAS, lang="fr").needs_update


def test_the_source_is_saved_before_its_translations_so_none_stays_flagged(
    tmp_path: Path,
) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    write(tmp_path, "visas.fr.md", file_text(front(lang="fr")))
    run("import_articles", str(tmp_path))
    write(tmp_path, "visas.es.md", file_text(front(), body="Nuevo.\n"))
    write(tmp_path, "visas.fr.md", file_text(front(lang="fr"), body="Nouveau.\n"))

    run("import_articles", str(tmp_path))

    assert not ArticleTranslation.objects.filter(needs_update=True).exists()


def test_changed_metadata_is_updated_audited_and_sent_to_search(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    run("import_articles", str(tmp_path))
    changes = SearchChange.objects.count()
    write(
        tmp_path,
        "visas.es.md",
        file_text(front(topics=["work"], countries=["GT", "MX"], audience=[], sources=[])),
    )

    run("import_articles", str(tmp_path))

    article = Article.objects.get(public_id=VISAS)
    assert [t.slug for t in article.topics.all()] == ["work"]
    assert [c.code for c in article.countries] == ["GT", "MX"]
    assert (article.audience, article.sources) == ("", [])
    assert SearchChange.objects.count() == changes + 1


@pytest.mark.parametrize("status", ArticleStatus.values)
def test_the_status_in_the_files_is_given_to_the_article(tmp_path: Path, status: str) -> None:
    write(tmp_path, "visas.es.md", file_text(front(status=status)))
    run("import_articles", str(tmp_path))
    article = Article.objects.get(public_id=VISAS)
    assert article.status == status
    publications = [(p.imported, p.reviewer_id) for p in article.publications.all()]
    assert publications == ([(True, None)] if status == "published" else [])


def test_status_defaults_to_published(tmp_path: Path) -> None:
    values = front()
    del values["status"]
    write(tmp_path, "visas.es.md", file_text(values))
    run("import_articles", str(tmp_path))
    assert Article.objects.get(public_id=VISAS).status == ArticleStatus.PUBLISHED


def test_archiving_a_published_article_by_import_is_audited_and_removes_it_from_search(
    tmp_path: Path,
) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    run("import_articles", str(tmp_path))
    changes = SearchChange.objects.count()
    write(tmp_path, "visas.es.md", file_text(front(status="archived")))

    run("import_articles", str(tmp_path))

    assert Article.objects.get(public_id=VISAS).status == ArticleStatus.ARCHIVED
    assert SearchChange.objects.count() == changes + 1
    imports = AuditEvent.objects.filter(action=AuditAction.ARTICLE_IMPORT, object_id=VISAS)
    assert imports.count() == 2


@pytest.mark.parametrize(
    ("langs", "source"), [(("en", "es", "fr"), "es"), (("ht", "fr"), "fr"), (("ht",), "ht")]
)
def test_a_new_article_is_written_in_the_default_language_else_the_first_alphabetically(
    tmp_path: Path, langs: tuple[str, ...], source: str
) -> None:
    for lang in langs:
        write(tmp_path, f"visas.{lang}.md", file_text(front(lang=lang)))
    run("import_articles", str(tmp_path))
    assert Article.objects.get(public_id=VISAS).source_language == source


def test_a_dry_run_reports_what_would_change_and_saves_nothing(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    before = row_counts()
    out, _ = run("import_articles", str(tmp_path), "--dry-run")
    assert out.strip() == (
        "Dry run, nothing was saved. "
        "Would have imported 1 files: 1 articles created, 0 updated, 0 unchanged."
    )
    assert row_counts() == before


INVALID_FILES = [
    ("visas.md", file_text(front()), "The file name must look like slug.language.md"),
    ("visas.es.md", "# Visas\n\nCuerpo.\n", "must start with front matter"),
    ("visas.es.md", "---\nid: x\n\nCuerpo.\n", "no closing --- line"),
    (
        "visas.es.md",
        "---\nlang: es\ntitle: Visas: lo básico\n---\nCuerpo.\n",
        "not valid YAML (line 3): mapping values are not allowed here.",
    ),
    ("visas.es.md", "---\n- id\n- lang\n---\nCuerpo.\n", "list of keys and values"),
    (
        "visas.es.md",
        file_text(front()).replace("title: Visas\n", "title: Visas\ntitle: Otra\n"),
        "the key 'title' is given twice",
    ),
    ("visas.es.md", file_text(front(title=None)), "Missing keys: title."),
    ("visas.es.md", file_text(front(author="Ana")), "Unknown keys: author;"),
    ("visas.es.md", file_text(front(title=2024)), "title must be text."),
    ("visas.es.md", file_text(front(topics="documents")), "topics must be a list of text"),
    ("visas.es.md", file_text(front()).replace("- CR", "- NO"), "countries must be a list"),
    ("visas.es.md", file_text(front(topics=["a", "a"])), "topics lists a twice."),
    ("visas.es.md", file_text(front(topics=["not a slug"])), "not a slug is not a valid slug"),
    ("visas.es.md", file_text(front(id="123")), "123 is not a valid id"),
    ("visas.es.md", file_text(front(lang="fr")), "file name (es) is not the lang key (fr)"),
    ("visas.xx.md", file_text(front(lang="xx")), "xx is not an enabled content language"),
    ("visas.es.md", file_text(front(countries=["XX"])), "XX is not an ISO 3166 country"),
    ("visas.es.md", file_text(front(audience=["tourists"])), "Unknown audience tourists"),
    (
        "visas.es.md",
        file_text(front(sources=["javascript:alert(1)"])),
        "javascript:alert(1) is not a valid web address.",
    ),
    ("visas.es.md", file_text(front(status="deleted")), "Unknown status deleted"),
    ("visas.es.md", file_text(front(title="  ")), "The title is empty."),
    ("visas.es.md", file_text(front(title="x" * 201)), "longer than 200 characters"),
    ("visas.es.md", file_text(front(), body="\n  \n"), "The body is empty."),
]


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    INVALID_FILES,
    ids=[reason.split("(")[0].strip(" .;") for _, _, reason in INVALID_FILES],
)
def test_an_invalid_file_is_reported_with_its_name_and_reason_and_nothing_is_imported(
    tmp_path: Path, name: str, text: str, reason: str
) -> None:
    write(tmp_path, "work.es.md", file_text(front(id=str(WORK))))
    write(tmp_path, name, text)
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        run("import_articles", str(tmp_path))

    message = str(raised.value)
    assert message.startswith("Nothing was imported; 1 problem(s):")
    assert f"  {name}: " in message
    assert reason in message
    assert "work.es.md" not in message
    assert row_counts() == before


def test_every_invalid_file_is_listed_not_just_the_first(tmp_path: Path) -> None:
    write(tmp_path, "a.es.md", file_text(front(id="bad")))
    write(tmp_path, "b.es.md", file_text(front(id=str(WORK), status="gone")))
    with pytest.raises(CommandError) as raised:
        run("import_articles", str(tmp_path))
    lines = str(raised.value).splitlines()
    assert lines[0] == "Nothing was imported; 2 problem(s):"
    assert lines[1].startswith("  a.es.md: bad is not a valid id")
    assert lines[2].startswith("  b.es.md: Unknown status gone")


def test_one_id_under_two_slugs_is_refused_naming_both_files(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    write(tmp_path, "visados.fr.md", file_text(front(lang="fr")))
    with pytest.raises(CommandError, match=r"visas\.es\.md: visados\.fr\.md has the same id"):
        run("import_articles", str(tmp_path))
    assert not Article.objects.exists()


def test_one_slug_with_two_ids_is_refused_naming_both_files(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    write(tmp_path, "visas.fr.md", file_text(front(lang="fr", id=str(WORK))))
    with pytest.raises(CommandError, match=r"visas\.fr\.md: visas\.es\.md has the same slug"):
        run("import_articles", str(tmp_path))
    assert not Article.objects.exists()


def test_translations_that_disagree_on_metadata_are_refused_naming_both_files(
    tmp_path: Path,
) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    write(tmp_path, "visas.fr.md", file_text(front(lang="fr", topics=["work"], status="draft")))
    with pytest.raises(CommandError) as raised:
        run("import_articles", str(tmp_path))
    assert "visas.fr.md: visas.es.md is the same article but its topics, status differ" in str(
        raised.value
    )
    assert not Article.objects.exists()


def test_translations_may_list_topics_and_countries_in_any_order(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front(topics=["a", "b"], countries=["CR", "DO"])))
    write(
        tmp_path,
        "visas.fr.md",
        file_text(front(lang="fr", topics=["b", "a"], countries=["do", "CR"])),
    )
    run("import_articles", str(tmp_path))
    assert [c.code for c in Article.objects.get().countries] == ["CR", "DO"]


def test_a_slug_used_by_another_article_in_the_database_is_refused(tmp_path: Path) -> None:
    article_create(slug="visas", source_language="es")
    write(tmp_path, "visas.es.md", file_text(front()))
    with pytest.raises(CommandError, match=r"visas\.es\.md: The slug visas belongs to another"):
        run("import_articles", str(tmp_path))
    assert not Article.objects.filter(public_id=VISAS).exists()


def test_an_article_is_not_renamed_by_an_import(tmp_path: Path) -> None:
    article_create(slug="visas", source_language="es", public_id=VISAS)
    write(tmp_path, "visados.es.md", file_text(front()))
    with pytest.raises(CommandError, match=r"visados\.es\.md: .* has the slug visas"):
        run("import_articles", str(tmp_path))


@override_settings(INFOHUB_CONTENT_LANGUAGES=[*settings.INFOHUB_CONTENT_LANGUAGES, "de"])
def test_a_language_enabled_by_configuration_is_imported(tmp_path: Path) -> None:
    write(tmp_path, "visas.de.md", file_text(front(lang="de", title="Visa")))
    write(tmp_path, "visas.pt.md", file_text(front(lang="pt", title="Vistos")))
    with pytest.raises(CommandError, match=r"visas\.pt\.md: pt is not an enabled"):
        run("import_articles", str(tmp_path))
    (tmp_path / "visas.pt.md").unlink()

    run("import_articles", str(tmp_path))

    article = Article.objects.get(public_id=VISAS)
    assert (article.source_language, article.translations.get().title) == ("de", "Visa")


def test_a_language_that_is_not_enabled_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "visas.de.md", file_text(front(lang="de")))
    with pytest.raises(CommandError, match=r"visas\.de\.md: de is not an enabled content"):
        run("import_articles", str(tmp_path))


def test_a_large_folder_shows_a_progress_bar(tmp_path: Path) -> None:
    for number in range(15):
        values = front(id=str(uuid.uuid4()))
        write(tmp_path, f"article-{number:02}.es.md", file_text(values))
        write(tmp_path, f"article-{number:02}.en.md", file_text({**values, "lang": "en"}))

    out, err = run("import_articles", str(tmp_path))

    assert "Checking [#####...............] 8/30 files" in err
    assert err.splitlines()[-1] == "Importing [####################] 30/30 files"
    assert out.strip() == "Imported 30 files: 15 articles created, 0 updated, 0 unchanged."
    out, err = run("export_articles", str(tmp_path / "out"))
    assert "Exporting [####################] 30/30 files" in err


def test_a_small_folder_shows_no_progress_bar(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    _, err = run("import_articles", str(tmp_path))
    assert err == ""


def test_other_files_and_hidden_files_in_the_folder_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    write(tmp_path, "README.txt", "Notes")
    write(tmp_path, ".draft.es.md", "not even front matter")
    out, _ = run("import_articles", str(tmp_path))
    assert out.startswith("Imported 1 files")


def test_import_refuses_a_path_that_is_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not a folder"):
        run("import_articles", str(tmp_path / "missing"))


def test_export_refuses_a_folder_that_is_not_empty_unless_forced(
    world: World, tmp_path: Path
) -> None:
    build_knowledge_base(world)
    write(tmp_path, "notes.txt", "keep me")
    with pytest.raises(CommandError, match="is not empty; use --force"):
        run("export_articles", str(tmp_path))
    assert sorted(files_in(tmp_path)) == ["notes.txt"]

    out, _ = run("export_articles", str(tmp_path), "--force")

    assert out.startswith("Exported 6 files (4 articles) to ")
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_export_creates_the_folder_and_mentions_articles_without_translations(
    tmp_path: Path,
) -> None:
    article_create(slug="empty", source_language="es")
    out, err = run("export_articles", str(tmp_path / "new" / "folder"))
    assert out.startswith("Exported 0 files (0 articles)")
    assert "1 article(s) without any translation" in err
    assert (tmp_path / "new" / "folder").is_dir()


def test_the_import_service_reports_what_it_did(tmp_path: Path) -> None:
    write(tmp_path, "visas.es.md", file_text(front()))
    report = articles_import(directory=tmp_path)
    assert (report.created, report.updated, report.unchanged, report.files) == (1, 0, 0, 1)


@pytest.mark.skipif(not DEMO.is_dir(), reason="no demo articles")
def test_the_demo_articles_import_with_a_file_for_every_translation() -> None:
    report = articles_import(directory=DEMO)
    assert report.files == len(list(DEMO.glob("*.md"))) == ArticleTranslation.objects.count()
    assert report.created == Article.objects.count() > 0
    for article in Article.objects.prefetch_related("translations"):
        assert {"es", "en", "fr"} <= {t.lang for t in article.translations.all()}, article.slug
