"""Pathway matching: 500 pathways x 20 questions through the API, against plain booleans.

A synthetic set (fixed seed) is imported through the services (``question_save``,
``pathway_save_imported``) into a temporary database: 20 questions (yes/no, whole
numbers with bounds, countries, choices) and 500 published pathways, all in Costa Rica
so that every match evaluates all 500, each with a random rule of 3 to 8 conditions
nested 2 to 4 levels deep (all, any, not, every operator its question type allows) and
a Spanish title (half of them an English one too). Ours is a full match with a partial
set of answers (12 of the 20 given; 8 answer sets in turn): POST /api/v1/pathways/match
in process with Django's test client (validation, database reads, three-valued
evaluation with reasons in Spanish, next question, serialization). To show where its
time goes: ``pathway_match`` + ``next_question`` on pathways already in memory (no HTTP,
no database), ``evaluate()`` alone, and the database reads alone (the questions, the
500 pathways and their translations). The baseline evaluates the same 500 rules,
already in memory as dicts, with a plain two-valued recursive evaluator written here and
all 20 answers given. Each is timed per match (all 500 pathways), the five taking turns
in blocks. Printed: p50, p95 and mean of each and the ratios to the baseline.
Checked first: with every answer given, ``evaluate()`` agrees with the plain evaluator
on every rule and answer set (a mismatch fails the benchmark); and the API gives the
same statuses as ``pathway_match``. Timings are reported, never judged.

Repetitions: BENCH_PATHWAYS_REPEATS (default 150, after a warm-up of 5).
"""

import datetime as dt
import json
import os
import random
import statistics
import time
import warnings
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from bench.support import temporary_database
from bench.timing import latency_line, percentile, timed_together

SEED = 20261207
PATHWAYS = 500
COUNTRY = "CR"
LANG = "es"
ANSWER_SETS = 8
ANSWERED = 12  # of the 20 questions, in each partial answer set
DEFAULT_REPEATS = 150
WARM_UP = 5
ROUNDS = 10  # the runs take turns in blocks of repeats / ROUNDS calls
API_PATH = "/api/v1/pathways/match"
BASELINE = "plain booleans (baseline, in memory)"
CONDITIONS = (3, 8)
DEPTHS = (2, 4)  # levels, counting the root and the conditions (the validator's count)
PERMITS = ["temporal", "especial", "de trabajo", "de estudios"]
NATIONALITIES = ["NI", "VE", "HT", "CO", "CU", "SV", "HN", "PA", "DO", "GT"]

Rule = dict[str, Any]
Answers = dict[str, Any]

# (id, type, choices, minimum, maximum, Spanish label): 6 bool, 5 int, 3 country, 6 choice.
QUESTIONS: list[tuple[str, str, list[str], int | None, int | None, str]] = [
    ("nationality", "country", [], None, None, "tu nacionalidad"),
    ("residence", "country", [], None, None, "el país donde vives"),
    ("entry_from", "country", [], None, None, "el país desde el que entraste"),
    ("in_country", "bool", [], None, None, "si estás en el país"),
    ("has_passport", "bool", [], None, None, "si tienes pasaporte"),
    ("job_offer", "bool", [], None, None, "si tienes una oferta de trabajo"),
    ("family_there", "bool", [], None, None, "si tienes familia en el país"),
    ("record", "bool", [], None, None, "si tienes antecedentes penales"),
    ("funds", "bool", [], None, None, "si tienes medios económicos"),
    ("age", "int", [], 0, 120, "tu edad"),
    ("years_there", "int", [], 0, 60, "los años que llevas en el país"),
    ("income", "int", [], 0, 20000, "tu ingreso mensual en dólares"),
    ("dependants", "int", [], 0, 20, "cuántas personas dependen de ti"),
    ("months_since_entry", "int", [], 0, 600, "los meses desde tu entrada"),
    ("reason", "choice", ["work", "study", "family", "protection", "visit", "other"], None,
     None, "el motivo de tu viaje"),
    ("education", "choice", ["none", "primary", "secondary", "technical", "university"], None,
     None, "tu nivel de estudios"),
    ("marital", "choice", ["single", "married", "union", "divorced", "widowed"], None, None,
     "tu estado civil"),
    ("entry_mode", "choice", ["regular", "irregular", "transit", "unknown"], None, None,
     "cómo entraste al país"),
    ("employment", "choice", ["employed", "self_employed", "unemployed", "student"], None,
     None, "tu situación laboral"),
    ("spanish", "choice", ["none", "basic", "fluent"], None, None, "tu nivel de español"),
]  # fmt: skip
OPERATORS_BY_TYPE = {
    "bool": ("eq", "ne"),
    "int": ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte"),
    "country": ("eq", "ne", "in", "not_in"),
    "choice": ("eq", "ne", "in", "not_in"),
}
# Ages, years, incomes... near where real rules draw their lines.
TYPICAL_NUMBERS = {
    "age": (12, 18, 21, 25, 30, 45, 60, 65),
    "years_there": (1, 2, 3, 5, 7, 10),
    "income": (300, 600, 1000, 1500, 2500, 5000),
    "dependants": (0, 1, 2, 3, 4),
    "months_since_entry": (1, 3, 6, 12, 24, 36),
}


def repeats_wanted() -> int:
    return int(os.environ.get("BENCH_PATHWAYS_REPEATS", DEFAULT_REPEATS))


# --- synthetic questions, rules and answers -------------------------------------------


def answer_value(rng: random.Random, key: str, kind: str, choices: list[str]) -> Any:
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        typical = TYPICAL_NUMBERS[key]
        return max(0, rng.randint(typical[0] - 2, typical[-1] + 5))
    if kind == "country":
        return rng.choice(NATIONALITIES)
    return rng.choice(choices)


def condition(rng: random.Random) -> Rule:
    key, kind, choices, _minimum, _maximum, _label = rng.choice(QUESTIONS)
    operator = rng.choice(OPERATORS_BY_TYPE[kind])
    if kind == "int":
        pool: list[Any] = list(TYPICAL_NUMBERS[key])
    elif kind == "country":
        pool = NATIONALITIES
    elif kind == "choice":
        pool = choices
    else:
        pool = [True, False]
    if operator in ("in", "not_in"):
        value: Any = sorted(rng.sample(pool, rng.randint(2, min(4, len(pool) - 1))))
    else:
        value = rng.choice(pool)
    return {"field": key, operator: value}


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` conditions over ``parts`` children, at least one each."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def subtree(rng: random.Random, conditions: int, levels: int) -> Rule:
    """A node holding ``conditions`` conditions in at most ``levels`` levels."""
    if conditions == 1 or levels == 1:
        if levels >= 2 and rng.random() < 0.15:
            return {"not": condition(rng)}
        return condition(rng)
    if levels >= 3 and rng.random() < 0.12:
        return {"not": subtree(rng, conditions, levels - 1)}
    width = rng.randint(2, min(conditions, 4)) if levels > 2 else conditions
    return {
        rng.choice(("all", "all", "any")): [
            subtree(rng, part, levels - 1) for part in split(rng, conditions, width)
        ]
    }


def depth(node: Mapping[str, Any]) -> int:
    if "field" in node:
        return 1
    key, value = next(iter(node.items()))
    children = [value] if key == "not" else value
    return 1 + max(depth(child) for child in children)


def count_conditions(node: Mapping[str, Any]) -> int:
    if "field" in node:
        return 1
    key, value = next(iter(node.items()))
    children = [value] if key == "not" else value
    return sum(count_conditions(child) for child in children)


def random_rule(rng: random.Random) -> Rule:
    """A rule of 3 to 8 conditions, 2 to 4 levels deep; redrawn until it fits."""
    while True:
        conditions = rng.randint(*CONDITIONS)
        levels = rng.randint(*DEPTHS)
        width = rng.randint(2, min(conditions, 4)) if levels > 2 else conditions
        children = [subtree(rng, part, levels - 1) for part in split(rng, conditions, width)]
        rule = {rng.choice(("all", "all", "any")): children}
        if DEPTHS[0] <= depth(rule) <= DEPTHS[1]:
            return rule


def full_answer_sets(rng: random.Random) -> list[Answers]:
    return [
        {key: answer_value(rng, key, kind, choices) for key, kind, choices, *_ in QUESTIONS}
        for _ in range(ANSWER_SETS)
    ]


def partial(rng: random.Random, answers: Answers) -> Answers:
    kept = set(rng.sample(sorted(answers), ANSWERED))
    return {key: value for key, value in answers.items() if key in kept}


# --- the baseline: two-valued booleans, every answer given ------------------------------

PLAIN: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "in": lambda a, b: a in b,
    "not_in": lambda a, b: a not in b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


def plain(node: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    if "field" in node:
        operator = next(key for key in node if key != "field")
        return PLAIN[operator](answers[node["field"]], node[operator])
    key, value = next(iter(node.items()))
    if key == "not":
        return not plain(value, answers)
    if key == "all":
        return all(plain(child, answers) for child in value)
    return any(plain(child, answers) for child in value)


def plain_match(rules: list[Rule], answers: Answers) -> list[bool]:
    return [plain(rule, answers) for rule in rules]


# --- writing through the services ---------------------------------------------------


def store(rng: random.Random) -> list[Rule]:
    from infohub.pathways.files.common import (  # noqa: PLC0415 - needs django.setup()
        CATEGORIES,
        PathwayData,
        QuestionData,
    )
    from infohub.pathways.rules.language import QuestionSpec, validate_rule  # noqa: PLC0415
    from infohub.pathways.services import pathway_save_imported, question_save  # noqa: PLC0415

    specs = []
    for position, (key, kind, choices, minimum, maximum, label) in enumerate(QUESTIONS):
        texts: dict[str, Any] = {"text": f"¿{label.capitalize()}?", "help": "", "label": label}
        if kind == "bool":
            texts |= {"yes": label.removeprefix("si "), "no": "no " + label.removeprefix("si ")}
        if kind == "choice":
            texts["choices"] = {c: c.replace("_", " ").capitalize() for c in choices}
        english = dict(texts, text=f"{key.replace('_', ' ').capitalize()}?", label=key)
        question = QuestionData(key, kind, choices, minimum, maximum, {"es": texts, "en": english})
        question_save(data=question, position=position, actor=None)
        specs.append(QuestionSpec(key, kind, tuple(choices), minimum, maximum))
    rules = []
    for n in range(PATHWAYS):
        rule = random_rule(rng)
        validate_rule(rule, specs)
        translations = {
            "es": {
                "title": f"Vía {n:03d}: permiso {rng.choice(PERMITS)}",
                "summary": "Ejemplo de prueba de rendimiento.",
                "steps": ["Reúne los documentos.", "Presenta la solicitud."],
            }
        }
        if n % 2:
            translations["en"] = {
                "title": f"Pathway {n:03d}",
                "summary": "Benchmark example.",
                "steps": ["Gather the documents.", "Apply."],
            }
        pathway = PathwayData(
            slug=f"bench-{n:03d}",
            country=COUNTRY,
            category=rng.choice(CATEGORIES),
            status="published",
            source_language="es",
            last_verified=dt.date(2026, 1, 15),
            translations=translations,
            eligibility=rule,
            documents=[{"es": "Pasaporte vigente", "en": "Valid passport"}],
            fees=[{"amount": "50.00", "currency": "USD", "label": {"es": "Trámite"}}],
            processing_days=rng.choice([None, 30, 60, 90]),
            sources=[{"title": "Ejemplo", "url": f"https://example.org/{n}"}],
        )
        pathway_save_imported(data=pathway, actor=None)
        rules.append(rule)
    return rules


# --- timing -------------------------------------------------------------------------------


def print_latency(label: str, timings: list[float]) -> None:
    print(latency_line(label, timings, width=40, decimals=3))


def check_agreement(rules: list[Rule], full_sets: list[Answers]) -> list[str]:
    """With every answer given, three-valued evaluation must be plain booleans."""
    from infohub.pathways.rules.evaluation import Truth, evaluate  # noqa: PLC0415

    return [
        f"rule {i} with answer set {n}"
        for n, answers in enumerate(full_sets)
        for i, (rule, expected) in enumerate(zip(rules, plain_match(rules, answers), strict=True))
        if evaluate(rule, answers).truth is not (Truth.TRUE if expected else Truth.FALSE)
    ]


class Measured:
    """Our variants and the baseline, timed on the same pathways and answer sets."""

    def __init__(self, full_sets: list[Answers], partial_sets: list[Answers]) -> None:
        from django.test import Client  # noqa: PLC0415 - needs django.setup()

        from infohub.pathways.answers import checked_answers  # noqa: PLC0415
        from infohub.pathways.selectors import (  # noqa: PLC0415
            pathway_list_published,
            question_list,
            question_specs,
        )

        self.client = Client()
        self.questions = question_list()
        self.pathways = list(pathway_list_published(country=COUNTRY))
        self.rules: list[Rule] = [p.eligibility for p in self.pathways]  # as read back
        self.full_sets, self.partial_sets = full_sets, partial_sets
        specs = question_specs(self.questions)
        self.checked = [checked_answers(answers, specs) for answers in partial_sets]
        self.errors = 0
        self.api_statuses: list[Counter[str]] = []

    def api(self, i: int) -> None:
        answers = self.partial_sets[i % ANSWER_SETS]
        body = json.dumps({"country": COUNTRY, "lang": LANG, "answers": answers})
        response = self.client.post(API_PATH, body, content_type="application/json")
        if response.status_code != 200:
            self.errors += 1
        elif len(self.api_statuses) < ANSWER_SETS:
            self.api_statuses.append(Counter(r["status"] for r in response.json()["results"]))

    def in_memory(self, i: int) -> None:
        from infohub.pathways.selectors import next_question, pathway_match  # noqa: PLC0415

        answers = self.checked[i % ANSWER_SETS]
        pathways, questions = self.pathways, self.questions
        pathway_match(pathways=pathways, questions=questions, answers=answers, lang=LANG)
        next_question(pathways=pathways, questions=questions, answers=answers, skipped=())

    def evaluate_only(self, i: int) -> None:
        from infohub.pathways.rules.evaluation import evaluate  # noqa: PLC0415

        answers = self.checked[i % ANSWER_SETS]
        for rule in self.rules:
            evaluate(rule, answers)

    def reads(self, i: int) -> None:
        from infohub.pathways.selectors import (  # noqa: PLC0415
            pathway_list_published,
            question_list,
        )

        question_list()
        list(pathway_list_published(country=COUNTRY))

    def baseline(self, i: int) -> None:
        plain_match(self.rules, self.full_sets[i % ANSWER_SETS])

    def direct_statuses(self) -> Counter[str]:
        from infohub.pathways.selectors import pathway_match  # noqa: PLC0415

        matches = pathway_match(
            pathways=self.pathways, questions=self.questions, answers=self.checked[0], lang=LANG
        )
        return Counter(m.status for m in matches)


def print_results(timings: dict[str, list[float]], base_timings: list[float]) -> None:
    for label, values in timings.items():
        print_latency(label, values)
    print_latency(BASELINE, base_timings)
    for label, values in timings.items():
        ratios = "   ".join(
            f"p{q} {percentile(values, q) / percentile(base_timings, q):7.1f}" for q in (50, 95)
        )
        print(f"  ratio {label.removeprefix('ours, ')} / baseline:".ljust(52) + ratios)


def main() -> int:
    import django  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infohub.settings")
    django.setup()
    warnings.filterwarnings("ignore", message="No directory at")  # static files: not served
    from django.db import connection  # noqa: PLC0415

    rng = random.Random(SEED)
    repeats = repeats_wanted()
    with temporary_database():
        started = time.perf_counter()
        generated = store(rng)
        took = time.perf_counter() - started
        full_sets = full_answer_sets(rng)
        measured = Measured(full_sets, [partial(rng, answers) for answers in full_sets])
        sizes = [count_conditions(r) for r in generated]
        depths = Counter(depth(r) for r in generated)
        print(
            f"{connection.vendor}: {len(measured.questions)} questions and "
            f"{len(measured.pathways)} published pathways in {COUNTRY}, imported through "
            f"the services in {took:.1f} s"
        )
        print(
            f"  rules: {min(sizes)}-{max(sizes)} conditions (mean {statistics.fmean(sizes):.1f}),"
            " depth " + ", ".join(f"{d}: {depths[d]}" for d in sorted(depths))
        )
        mismatches = check_agreement(measured.rules, full_sets)
        checked = len(full_sets) * len(measured.rules)
        if mismatches:
            print(
                f"MISMATCH: evaluate() disagrees with plain booleans on {len(mismatches)}/"
                f"{checked} (rule, full answer set) pairs, e.g. {', '.join(mismatches[:5])}"
            )
            return 1
        print(f"  evaluate() agrees with plain booleans, every answer given: {checked}/{checked}")
        timings = timed_together(
            {
                "ours, POST /api/v1/pathways/match": measured.api,
                "ours, pathway_match + next_question": measured.in_memory,
                "ours, evaluate() alone": measured.evaluate_only,
                "ours, database reads alone": measured.reads,
                BASELINE: measured.baseline,
            },
            repeats,
        )
        base_timings = timings.pop(BASELINE)
        direct = measured.direct_statuses()
    print(
        f"\n{repeats} matches of all {len(measured.pathways)} pathways ({ANSWER_SETS} answer "
        f"sets in turn; ours with {ANSWERED} of {len(QUESTIONS)} answers, the baseline with all):"
    )
    print_results(timings, base_timings)
    mix = measured.api_statuses[0] if measured.api_statuses else Counter()
    print(
        "statuses for the first answer set (API): "
        + ", ".join(f"{s} {mix[s]}" for s in ("eligible", "unknown", "not_eligible"))
    )
    same = mix == direct
    print(f"API and pathway_match agree on those statuses: {'yes' if same else 'NO'}")
    print(f"request errors: {measured.errors}")
    return 1 if measured.errors or not same else 0
