"""The catalog check really fails on untranslated, fuzzy, mismatched or uncompiled catalogs."""

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_checker(locale: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_catalogs", ROOT / "bin" / "check_catalogs.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.LOCALE = locale  # type: ignore[attr-defined]
    return module


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "infohub" / "locale", tmp_path / "locale")
    return tmp_path / "locale"


def edit_first_entry(locale: Path, lang: str, **changes: str) -> str:
    path = locale / lang / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid and not e.msgid_plural)
    for name, value in changes.items():
        setattr(entry, name, value)
    po.save(str(path))
    return str(entry.msgid)


def test_the_committed_catalogs_pass(locale: Path) -> None:
    checker = load_checker(locale)
    assert [p for lang in checker.LANGUAGES for p in checker.problems_in(lang, None)] == []


def test_an_untranslated_string_fails(locale: Path) -> None:
    msgid = edit_first_entry(locale, "ht", msgstr="")
    problems = load_checker(locale).problems_in("ht", None)
    assert f"ht: untranslated: {msgid!r}" in problems


def test_a_changed_translation_without_recompiling_fails(locale: Path) -> None:
    edit_first_entry(locale, "fr", msgstr="autre chose")
    assert "fr: django.mo is stale (run make messages)" in load_checker(locale).problems_in(
        "fr", None
    )


def test_a_lost_placeholder_fails(locale: Path) -> None:
    path = locale / "es" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if "%(" in e.msgid)
    entry.msgstr = "sin marcador"
    po.save(str(path))
    problems = load_checker(locale).problems_in("es", None)
    assert f"es: placeholders differ in {entry.msgid!r}" in problems


def test_strings_missing_from_the_catalog_fail(locale: Path) -> None:
    expected = {("", "A brand new sentence")}
    problems = load_checker(locale).problems_in("es", expected)
    assert "es: not in catalog (run make messages): 'A brand new sentence'" in problems
