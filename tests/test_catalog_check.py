"""The catalog check really fails on untranslated, fuzzy, mismatched or uncompiled catalogs."""

import importlib.util
import shutil
from collections.abc import Callable
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


@pytest.fixture
def names(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "infohub" / "formats" / "names", tmp_path / "names")
    return tmp_path / "names"


def load_names_checker(locale: Path, names: Path) -> ModuleType:
    checker = load_checker(locale)
    checker.NAMES = names  # type: ignore[attr-defined]
    return checker


def edit_names(names: Path, edit: Callable[[polib.POFile], None]) -> None:
    path = names / "ht" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    edit(po)
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))


def test_a_kreyol_translation_copied_from_the_english_source_fails(locale: Path) -> None:
    msgid = edit_first_entry(locale, "ht", msgstr="")
    path = locale / "ht" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    assert entry
    entry.msgstr = msgid
    po.save(str(path))
    problems = load_checker(locale).problems_in("ht", None)
    assert f"ht: same as the English source: {msgid!r}" in problems


def test_a_translation_the_same_as_its_source_in_french_or_spanish_is_not_flagged(
    locale: Path,
) -> None:
    msgid = edit_first_entry(locale, "fr", msgstr="")
    path = locale / "fr" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    assert entry
    entry.msgstr = msgid
    po.save(str(path))
    assert not [p for p in load_checker(locale).problems_in("fr", None) if "same as" in p]


def test_a_name_listed_as_written_the_same_in_kreyol_is_allowed() -> None:
    checker = load_checker(ROOT / "infohub" / "locale")
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Panama", msgstr="Panama"))
    po.append(polib.POEntry(msgid="Haiti", msgstr="Haiti"))
    problems = checker.copied_from_english(po, checker.IDENTICAL_NAMES_IN_HT)
    assert problems == ["ht: same as the English source: 'Haiti'"]


def test_the_committed_kreyol_names_of_months_weekdays_and_countries_pass(
    locale: Path, names: Path
) -> None:
    assert load_names_checker(locale, names).names_problems("ht") == []


def test_a_country_without_a_kreyol_name_fails(locale: Path, names: Path) -> None:
    edit_names(names, lambda po: po.remove(po.find("Haiti")))
    problems = load_names_checker(locale, names).names_problems("ht")
    assert "ht names: missing 'Haiti'" in problems


def test_a_month_without_a_kreyol_name_fails(locale: Path, names: Path) -> None:
    edit_names(names, lambda po: po.remove(po.find("March", msgctxt="abbrev. month")))
    problems = load_names_checker(locale, names).names_problems("ht")
    assert "ht names: missing 'March'" in problems


def test_a_kreyol_country_name_copied_from_english_fails(locale: Path, names: Path) -> None:
    def copy_english(po: polib.POFile) -> None:
        entry = po.find("Dominican Republic")
        assert entry
        entry.msgstr = "Dominican Republic"

    edit_names(names, copy_english)
    problems = load_names_checker(locale, names).names_problems("ht")
    assert "ht names: same as the English source: 'Dominican Republic'" in problems


def test_a_name_in_both_catalogs_fails(locale: Path, names: Path) -> None:
    edit_names(names, lambda po: po.append(polib.POEntry(msgid="Monday", msgstr="lendi")))
    problems = load_names_checker(locale, names).names_problems("ht")
    assert "ht names: also in the UI catalog: 'Monday'" in problems


def test_a_name_no_package_uses_fails(locale: Path, names: Path) -> None:
    edit_names(names, lambda po: po.append(polib.POEntry(msgid="Atlantis", msgstr="Atlantid")))
    problems = load_names_checker(locale, names).names_problems("ht")
    assert "ht names: not a package name: 'Atlantis'" in problems
