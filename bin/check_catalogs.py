#!/usr/bin/env python
"""Fail when a translation catalog is stale, incomplete or not compiled.

1. Extraction (needs GNU gettext; mandatory under CI=true): the strings in the code and
   templates must be exactly the catalog's strings.
2. Every string is translated (not empty, not fuzzy) in every UI language, with the
   same %(placeholders)s as the source.
3. The committed .mo files say what the .po files say.
4. No Kreyòl translation is the English source copied over, except the few written the
   same in both (IDENTICAL_IN_HT).
5. The Kreyòl names of months, weekdays and countries (``infohub/formats/names``, the
   strings Django and django-countries translate but ship no Kreyòl for) cover every
   name those packages use, each once across the two catalogs, and are compiled.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.utils import dates
from django_countries import data as country_data
from django_countries.base import CountriesBase

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "infohub" / "locale"
NAMES = ROOT / "infohub" / "formats" / "names"
LANGUAGES = ("es", "fr", "ht")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
MAKEMESSAGES = [
    sys.executable,
    str(ROOT / "manage.py"),
    "makemessages",
    *[arg for lang in LANGUAGES for arg in ("-l", lang)],
    "--no-location",
    "--no-obsolete",
    "-i",
    "tests/*",
    "-i",
    "testing/*",
    "-v",
    "0",
]


# Kreyòl translations that may equal their English source, each for a reason.
IDENTICAL_IN_HT = {
    "infohub",  # the product's name
    "WhatsApp",  # names of messaging services
    "Telegram",
    "SMS",
}
# Countries (and a month abbreviation) written the same in Kreyòl as in English.
IDENTICAL_NAMES_IN_HT = {
    *("Angola", "Bahamas", "Botswana", "Burkina Faso", "Burundi", "Djibouti", "Eswatini"),
    *("Gabon", "Hong Kong", "Iran", "Kenya", "Kiribati", "Malawi", "Mali", "Nepal"),
    *("Pakistan", "Panama", "Rwanda", "Samoa", "Senegal", "Sri Lanka", "Togo", "Tonga"),
    *("Zimbabwe", "jan", "nov", "sep"),
}


def po_path(lang: str, locale: Path | None = None) -> Path:
    return (locale or LOCALE) / lang / "LC_MESSAGES" / "django.po"


def entry_key(entry: polib.POEntry | polib.MOEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def extracted_keys() -> set[tuple[str, str]] | None:
    """Regenerate the catalogs in place, read their keys, then restore the originals."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI", "").lower() == "true":
            sys.exit("GNU gettext (xgettext) is missing, and CI=true makes this check mandatory.")
        print("SKIPPED: extraction check (install GNU gettext to enable it).")
        return None
    saved = {lang: po_path(lang).read_bytes() for lang in LANGUAGES}
    try:
        subprocess.run(MAKEMESSAGES, cwd=ROOT / "infohub", check=True)
        return {entry_key(e) for e in polib.pofile(str(po_path(LANGUAGES[0])))}
    finally:
        for lang, content in saved.items():
            po_path(lang).write_bytes(content)


def problems_in(lang: str, expected: set[tuple[str, str]] | None) -> list[str]:
    po = polib.pofile(str(po_path(lang)))
    keys = {entry_key(e) for e in po}
    problems = []
    if expected is not None:
        problems += [
            f"{lang}: not in catalog (run make messages): {k[1]!r}" for k in expected - keys
        ]
        problems += [f"{lang}: no longer in code: {k[1]!r}" for k in keys - expected]
    for entry in po:
        if entry.fuzzy or not entry.translated():
            problems.append(f"{lang}: untranslated: {entry.msgid!r}")
            continue
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(entry.msgid)):
                problems.append(f"{lang}: placeholders differ in {entry.msgid!r}")
    if lang == "ht":
        problems += copied_from_english(po, IDENTICAL_IN_HT)
    return problems + compiled_problems(lang, po, po_path(lang))


def copied_from_english(po: polib.POFile, allowed: set[str]) -> list[str]:
    """Kreyòl entries whose translation is the English source itself."""
    return [
        f"ht: same as the English source: {entry.msgid!r}"
        for entry in po
        if entry.msgid not in allowed
        and entry.msgid
        and (
            entry.msgstr == entry.msgid
            or any(v in (entry.msgid, entry.msgid_plural) for v in entry.msgstr_plural.values())
        )
    ]


def compiled_problems(lang: str, po: polib.POFile, po_file: Path) -> list[str]:
    mo_file = po_file.with_suffix(".mo")
    if not mo_file.exists():
        return [f"{lang}: {mo_file.name} missing (run make messages)"]
    compiled = {entry_key(e): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo_file))}
    source = {
        entry_key(e): (e.msgstr, e.msgstr_plural)
        for e in po
        if e.translated() and not e.fuzzy and e.msgid
    }
    if {k: v for k, v in compiled.items() if k[1]} != source:
        return [f"{lang}: {mo_file.name} is stale (run make messages)"]
    return []


def _key_of(lazy: object) -> tuple[str, str]:
    """The (context, msgid) a gettext_lazy or pgettext_lazy string was made with."""
    args = lazy._args  # type: ignore[attr-defined]
    return (args[0], args[1]) if len(args) == 2 else ("", args[0])


def package_names() -> set[tuple[str, str]]:
    """Month, weekday and country names Django and django-countries translate."""
    tables = (dates.MONTHS, dates.MONTHS_ALT, dates.MONTHS_3, dates.MONTHS_AP)
    keys = {_key_of(name) for table in tables for name in table.values()}
    keys |= {
        _key_of(name) for table in (dates.WEEKDAYS, dates.WEEKDAYS_ABBR) for name in table.values()
    }
    countries = {**country_data.COUNTRIES, **CountriesBase.COMMON_NAMES}
    return keys | {_key_of(name) for name in countries.values()}


def names_problems(lang: str) -> list[str]:
    """The names catalog of ``lang``, with the UI catalog, translates every package name once."""
    path = po_path(lang, NAMES)
    po = polib.pofile(str(path))
    keys = {entry_key(e) for e in po}
    ui_keys = {entry_key(e) for e in polib.pofile(str(po_path(lang)))}
    expected = package_names()
    problems = [f"{lang} names: missing {k[1]!r}" for k in sorted(expected - keys - ui_keys)]
    problems += [f"{lang} names: not a package name: {k[1]!r}" for k in sorted(keys - expected)]
    problems += [f"{lang} names: also in the UI catalog: {k[1]!r}" for k in sorted(keys & ui_keys)]
    problems += [
        f"{lang} names: untranslated: {e.msgid!r}" for e in po if e.fuzzy or not e.translated()
    ]
    if lang == "ht":
        problems += [
            p.replace("ht:", "ht names:", 1) for p in copied_from_english(po, IDENTICAL_NAMES_IN_HT)
        ]
    return problems + compiled_problems(f"{lang} names", po, path)


def main() -> None:
    expected = extracted_keys()
    problems = [p for lang in LANGUAGES for p in problems_in(lang, expected)]
    problems += [
        p
        for lang in sorted(d.name for d in NAMES.iterdir() if d.is_dir())
        for p in names_problems(lang)
    ]
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(f"{len(problems)} catalog problem(s).")
    print(f"Catalogs complete and compiled for {', '.join(LANGUAGES)}.")


if __name__ == "__main__":
    main()
