#!/usr/bin/env python
"""Fail when a translation catalog is stale, incomplete or not compiled.

1. Extraction (needs GNU gettext; mandatory under CI=true): the strings in the code and
   templates must be exactly the catalog's strings.
2. Every string is translated (not empty, not fuzzy) in every UI language, with the
   same %(placeholders)s as the source.
3. The committed .mo files say what the .po files say.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "infohub" / "locale"
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


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


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
    mo_file = po_path(lang).with_suffix(".mo")
    if not mo_file.exists():
        return [*problems, f"{lang}: {mo_file.name} missing (run make messages)"]
    compiled = {entry_key(e): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo_file))}
    source = {
        entry_key(e): (e.msgstr, e.msgstr_plural)
        for e in po
        if e.translated() and not e.fuzzy and e.msgid
    }
    if {k: v for k, v in compiled.items() if k[1]} != source:
        problems.append(f"{lang}: {mo_file.name} is stale (run make messages)")
    return problems


def main() -> None:
    expected = extracted_keys()
    problems = [p for lang in LANGUAGES for p in problems_in(lang, expected)]
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(f"{len(problems)} catalog problem(s).")
    print(f"Catalogs complete and compiled for {', '.join(LANGUAGES)}.")


if __name__ == "__main__":
    main()
