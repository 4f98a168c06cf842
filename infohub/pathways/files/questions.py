"""Checking the ``questions:`` list of a pathways file."""

from typing import Any

from infohub.pathways.files.common import (
    NOT_A_RECORD,
    QUESTION_TYPES,
    Problems,
    QuestionData,
    is_text,
    languages_problem,
    valid_id,
)
from infohub.pathways.rules.language import BOOL, CHOICE, INT, QuestionSpec

QUESTION_KEYS = {"id", "type", "choices", "min", "max", "translations"}
TEXT_KEYS = {"text", "help", "label", "yes", "no", "choices"}


def _check_bounds(raw: dict[str, Any], kind: str, where: str, problems: Problems) -> None:
    for key in ("min", "max"):
        value = raw.get(key)
        if value is None:
            continue
        if kind != INT:
            problems.add(where, f"{key}: only whole-number questions have bounds")
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.add(where, f"{key}: expected a whole number")


def _check_choices(raw: dict[str, Any], kind: str, where: str, problems: Problems) -> list[str]:
    choices = raw.get("choices")
    if kind != CHOICE:
        if choices:
            problems.add(where, "choices: only choice questions have choices")
        return []
    if not isinstance(choices, list) or not choices or not all(map(valid_id, choices)):
        problems.add(where, "choices: a choice question needs a list of choice ids")
        return []
    if len(set(choices)) != len(choices):
        problems.add(where, "choices: a choice id is repeated")
    return [str(choice) for choice in choices]


def _check_text(
    texts: object, kind: str, choices: list[str], where: str, problems: Problems
) -> None:
    if not isinstance(texts, dict):
        problems.add(where, "expected a mapping with text and label")
        return
    for key in sorted(set(texts) - TEXT_KEYS, key=str):
        problems.add(where, f"unknown key {key!r}")
    required = ["text", "label"] + (["yes", "no"] if kind == BOOL else [])
    for key in required:
        if not is_text(texts.get(key)):
            problems.add(where, f"{key}: required")
    if not isinstance(texts.get("help", ""), str):
        problems.add(where, "help: expected text")
    for key in ("yes", "no"):
        if kind != BOOL and key in texts:
            problems.add(where, f"{key}: only yes-or-no questions have statements")
    if kind == CHOICE:
        labels = texts.get("choices")
        missing = [c for c in choices if not isinstance(labels, dict) or not is_text(labels.get(c))]
        if missing:
            problems.add(where, f"choices: no label for {', '.join(missing)}")


def declared_spec(raw: object) -> QuestionSpec | None:
    """What the rules may rely on in a question, even one whose texts have a problem.

    Rules are then checked against it, so a typo in a question's help does not also
    report every pathway that uses the question as referring to an unknown one.
    """
    if not isinstance(raw, dict) or not valid_id(raw.get("id")):
        return None
    kind, choices = raw.get("type"), raw.get("choices") or []
    if kind not in QUESTION_TYPES or not isinstance(choices, list):
        return None
    if kind == CHOICE and not all(map(valid_id, choices)):
        return None
    return QuestionSpec(str(raw["id"]), kind, tuple(map(str, choices)) if kind == CHOICE else ())


def check_question(
    raw: object, position: int, problems: Problems, seen: set[str]
) -> QuestionData | None:
    if not isinstance(raw, dict) or not valid_id(raw.get("id")):
        problems.add(f"questions[{position}]", NOT_A_RECORD)
        return None
    key = str(raw["id"])
    where = f"question {key!r}"
    before = len(problems.items)
    if key in seen:
        problems.add(where, "this id is used twice")
    seen.add(key)
    for unknown in sorted(set(raw) - QUESTION_KEYS, key=str):
        problems.add(where, f"unknown key {unknown!r}")
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        problems.add(where, f"type: expected one of {', '.join(QUESTION_TYPES)}")
        return None
    choices = _check_choices(raw, kind, where, problems)
    _check_bounds(raw, kind, where, problems)
    translations = raw.get("translations")
    language_problem = languages_problem(translations)
    if language_problem or not isinstance(translations, dict):
        problems.add(where, language_problem or "translations: expected a mapping")
        return None
    for lang, texts in translations.items():
        _check_text(texts, kind, choices, f"{where}: translations.{lang}", problems)
    if len(problems.items) > before:
        return None
    return QuestionData(
        key=key,
        type=kind,
        choices=choices,
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        translations={str(lang): dict(texts) for lang, texts in translations.items()},
    )
