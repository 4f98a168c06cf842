"""Casework at scale: recording consultations and a counsellor's case list among 100,000.

A temporary database gets the test world (``build_world``: two hubs in two networks),
five more recorders (two counsellors in each hub, a community advisor in hub B), 12
topics, 200 person records made through ``person_create`` (encrypted, with consent,
audited), then 100,000 consultations written with bulk_create (fixed seed): 55% in hub
A, over the last three years, by nine recorders, with channels, statuses,
nationalities, sexes, age groups, languages and outcomes drawn with plausible weights,
0 to 3 topics each (about 135,000 links), 3% tied to a person of their hub, and
``created_at`` a working hour of their date (now and then a few days late). PostgreSQL
then gets VACUUM ANALYZE, as autovacuum would give it; SQLite gets nothing, as Django
never runs ANALYZE there.

Recording: consultations recorded one by one by counsellor A with ``consultation_record``
(the scoped hub check, the country check, the row, its topics, its audit row, in one
transaction each), against plain ``Consultation.objects.create`` with the same values
and a bulk insert of the same topic links, each in its own transaction, with no check
and no audit. The two take turns in blocks. Printed: records/s, p50 and p95 per record,
and the ratios.

Case list: counsellor A's first page as the API builds it, i.e.
``consultation_list_visible(...).select_related("hub", "person")`` ordered by
``-date, -created_at, -pk``, 50 rows evaluated plus ``count()`` as a paginator does;
the baseline is the same page of ``Consultation.objects`` unscoped (no join, every hub).
Both also at offset 5,000. For diagnosis only, the first page with the same scope but
the hub ids read first and passed as constants (not the app's query: what a change to
``consultation_list_visible`` would give). Printed: p50, p95 and mean of each, the
ratios, and an outline of the database's plan for the first page both ways.

Checked (a failure fails the benchmark): every scoped page holds only hub A's
consultations, the same rows as filtering on hub A directly, and its count is hub A's;
a community advisor sees only their own; counsellor B sees only hub B; four other roles
see none; each recording wrote exactly one audit row, the baseline none.
Timings are reported, never judged.

The database is a temporary SQLite file, or a throwaway PostgreSQL database when
DATABASE_URL points to PostgreSQL (bin/with-postgres). Sizes: BENCH_CASEWORK_CONSULTATIONS
(default 100000), BENCH_CASEWORK_CREATES (records each way, default 500),
BENCH_CASEWORK_REPEATS (case list queries each way, default 100), BENCH_CASEWORK_PEOPLE
(default 200).
"""

import datetime as dt
import os
import random
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.support import temporary_database
from bench.timing import latency_line, percentile, timed_together

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from infohub.accounts.models import Hub, User
    from infohub.articles.models import Topic
    from infohub.counselling.models import Consultation, Person
    from infohub.counselling.services import ConsultationInput
    from infohub.testing.personas import World

SEED = 20261214
DEFAULT_CONSULTATIONS = 100_000
DEFAULT_CREATES = 500
DEFAULT_REPEATS = 100
DEFAULT_PEOPLE = 200
PAGE = 50
DEEP_OFFSET = 5_000
WARM_UP = 5
ROUNDS = 10  # the timed runs take turns in blocks of total / ROUNDS calls
DAYS = 3 * 365
HUB_A_SHARE = 0.55
WITH_PERSON = 0.03
LATE = 0.1  # share of consultations entered one to three days after their date
BATCH = 2_000
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
ORDER = ("-date", "-created_at", "-pk")
TOPICS = [
    "work", "health", "education", "housing", "asylum", "regularisation", "documents",
    "family-reunification", "legal-aid", "violence", "children", "return",
]  # fmt: skip
TOPIC_COUNTS = ((0, 15), (1, 45), (2, 30), (3, 10))
CHANNELS = (("in_person", 55), ("phone", 22), ("messaging", 18), ("outreach", 5))
STATUSES = (("current", 50), ("transit", 25), ("returned", 15), ("potential", 10))
SEXES = (("female", 52), ("male", 42), ("other", 1), ("not_stated", 5))
AGES = (
    ("0-17", 6), ("18-24", 20), ("25-34", 32), ("35-49", 26), ("50-64", 10), ("65+", 3),
    ("unknown", 3),
)  # fmt: skip
OUTCOMES = (("informed", 50), ("referred", 30), ("follow_up", 15), ("other", 5))
NATIONALITIES = {
    "a": (("NI", 40), ("VE", 25), ("CO", 10), ("HT", 10), ("CU", 10), ("", 5)),
    "b": (("HT", 70), ("VE", 15), ("CU", 5), ("CO", 5), ("", 5)),
}
LANGUAGES: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {
    "a": ((("es",), 85), (("en", "es"), 10), (("es", "ht"), 5)),
    "b": ((("ht",), 45), (("es", "ht"), 35), (("fr", "ht"), 15), (("es",), 5)),
}
# Who records in each hub, by username, and their share of the hub's consultations.
RECORDERS = {
    "a": (
        ("counsellor-a", 30), ("counsellor-a2", 25), ("counsellor-a3", 20), ("manager-a", 10),
        ("advisor-a", 15),
    ),
    "b": (("counsellor-b", 40), ("counsellor-b2", 30), ("counsellor-b3", 20), ("advisor-b", 10)),
}  # fmt: skip
EXTRA_STAFF = (
    ("counsellor-a2", "counsellor", "a"),
    ("counsellor-a3", "counsellor", "a"),
    ("counsellor-b2", "counsellor", "b"),
    ("counsellor-b3", "counsellor", "b"),
    ("advisor-b", "community_advisor", "b"),
)
GIVEN_NAMES = ["María", "José", "Ana", "Jean", "Marie", "Luis", "Rosa", "Pierre", "Yolanda"]
FAMILY_NAMES = ["González", "Pérez", "Joseph", "Rodríguez", "Louis", "Martínez", "Charles"]


def wanted(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def pick(rng: random.Random, weighted: Sequence[tuple[Any, int]]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


@dataclass
class Setting:
    """What the run built, and what the scoped lists must find."""

    world: "World"
    hubs: dict[str, "Hub"]  # by "a" and "b"
    staff: dict[str, "User"]  # by username
    topics: list["Topic"]
    people: dict[str, list["Person"]]  # by hub, "a" and "b"
    per_hub: Counter[str]  # consultations written per hub ("a"/"b")
    per_recorder: Counter[str]  # consultations written per username


# --- building the data ------------------------------------------------------------


def build(rng: random.Random, people_wanted: int) -> Setting:
    """The world, five more recorders, the topics and the people; the consultations later."""
    from django.test import override_settings  # noqa: PLC0415 - needs django.setup()

    from infohub.accounts.services import staff_create  # noqa: PLC0415
    from infohub.articles.services import topics_ensure  # noqa: PLC0415
    from infohub.testing.personas import PASSWORD, build_world  # noqa: PLC0415

    # Nobody signs in here: a fast password hash saves seconds per account.
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        world = build_world()
        hubs = {"a": world.hub_a, "b": world.hub_b}
        staff = {
            user.username: user
            for user in (world.manager_a, world.counsellor_a, world.counsellor_b, world.advisor_a)
        }
        for username, role, hub in EXTRA_STAFF:
            staff[username], _ = staff_create(
                username=username, role=role, hub=hubs[hub], password=PASSWORD
            )
    topics = topics_ensure(TOPICS)
    people = make_people(rng, world, people_wanted)
    return Setting(world, hubs, staff, topics, people, Counter(), Counter())


def make_people(rng: random.Random, world: "World", count: int) -> dict[str, list["Person"]]:
    """Person records through ``person_create``, half in each hub, by its counsellor."""
    from infohub.counselling.models import Person  # noqa: PLC0415
    from infohub.counselling.services import (  # noqa: PLC0415
        ConsentInput,
        PersonInput,
        person_create,
    )

    people: dict[str, list[Person]] = {"a": [], "b": []}
    consent = ConsentInput("counselling_record", notice_version="2026-01", notice_language="es")
    workers = {"a": (world.counsellor_a, world.hub_a), "b": (world.counsellor_b, world.hub_b)}
    for n in range(count):
        hub = "a" if n % 2 == 0 else "b"
        user, hub_row = workers[hub]
        data = PersonInput(
            legal_basis="consent",
            given_names=rng.choice(GIVEN_NAMES),
            family_names=rng.choice(FAMILY_NAMES),
            date_of_birth=dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365)),
            nationality=pick(rng, NATIONALITIES[hub]),
            phone=f"+509 37{n:06d}",
        )
        people[hub].append(person_create(user=user, hub=hub_row, data=data, consents=[consent]))
    return people


@contextmanager
def created_at_as_given() -> Iterator[None]:
    """Let bulk_create keep the ``created_at`` values we set (auto_now_add overwrites them)."""
    from django.db import models  # noqa: PLC0415

    from infohub.counselling.models import Consultation  # noqa: PLC0415

    field = Consultation._meta.get_field("created_at")
    if not isinstance(field, models.DateTimeField):
        raise TypeError("Consultation.created_at is expected to be a DateTimeField")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def fill(rng: random.Random, setting: Setting, count: int) -> None:
    """The bulk of the consultations, with bulk_create: no checks, no audit."""
    from django.db import transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from infohub.counselling.models import Consultation  # noqa: PLC0415

    through = Consultation.topics.through
    now = timezone.now()
    today = now.date()
    rows, links = [], []
    for _ in range(count):
        hub = "a" if rng.random() < HUB_A_SHARE else "b"
        username = pick(rng, RECORDERS[hub])
        date = today - dt.timedelta(days=rng.randrange(DAYS))
        opened = dt.datetime.combine(date, dt.time(8), tzinfo=dt.UTC)
        created = opened + dt.timedelta(minutes=rng.randrange(10 * 60))
        if rng.random() < LATE:
            created += dt.timedelta(days=rng.randint(1, 3))
        people = setting.people[hub]
        advisor = username.startswith("advisor")
        rows.append(
            Consultation(
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                hub=setting.hubs[hub],
                recorded_by=setting.staff[username],
                date=date,
                channel="outreach" if advisor and rng.random() < 0.8 else pick(rng, CHANNELS),
                migrant_status=pick(rng, STATUSES),
                nationality=pick(rng, NATIONALITIES[hub]),
                sex=pick(rng, SEXES),
                age_group=pick(rng, AGES),
                languages=list(pick(rng, LANGUAGES[hub])),
                outcome=pick(rng, OUTCOMES),
                person=rng.choice(people) if people and rng.random() < WITH_PERSON else None,
                created_at=min(created, now),
            )
        )
        links.append(rng.sample(setting.topics, pick(rng, TOPIC_COUNTS)))
        setting.per_hub[hub] += 1
        setting.per_recorder[username] += 1
    with transaction.atomic(), created_at_as_given():
        Consultation.objects.bulk_create(rows, batch_size=BATCH)  # sets the ids on both vendors
        through.objects.bulk_create(
            [
                through(consultation_id=row.pk, topic_id=topic.pk)
                for row, topics in zip(rows, links, strict=True)
                for topic in topics
            ],
            batch_size=BATCH * 2,
        )


def settle() -> str:
    """PostgreSQL gets what autovacuum would give it after a bulk load; SQLite nothing."""
    from django.db import connection  # noqa: PLC0415

    if connection.vendor != "postgresql":
        return "no ANALYZE (Django never runs it on SQLite)"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return "VACUUM ANALYZE, as autovacuum would after the load"


# --- recording ----------------------------------------------------------------------


def record_inputs(rng: random.Random, setting: Setting, count: int) -> list["ConsultationInput"]:
    from django.utils import timezone  # noqa: PLC0415

    from infohub.counselling.services import ConsultationInput  # noqa: PLC0415

    today = timezone.localdate()
    return [
        ConsultationInput(
            date=today - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2))),
            channel=pick(rng, CHANNELS[:3]),
            migrant_status=pick(rng, STATUSES),
            outcome=pick(rng, OUTCOMES),
            nationality=pick(rng, NATIONALITIES["a"]),
            sex=pick(rng, SEXES),
            age_group=pick(rng, AGES),
            languages=pick(rng, LANGUAGES["a"]),
            topics=rng.sample(setting.topics, pick(rng, TOPIC_COUNTS)),
        )
        for _ in range(count)
    ]


class Recording:
    """Ours and the baseline, recording the same inputs for counsellor A in hub A."""

    def __init__(self, setting: Setting, inputs: list["ConsultationInput"]) -> None:
        self.user, self.hub = setting.world.counsellor_a, setting.world.hub_a
        self.inputs = inputs

    def ours(self, i: int) -> None:
        from infohub.counselling.services import consultation_record  # noqa: PLC0415

        consultation_record(user=self.user, hub=self.hub, data=self.inputs[i])

    def baseline(self, i: int) -> None:
        from django.db import transaction  # noqa: PLC0415

        from infohub.counselling.models import Consultation  # noqa: PLC0415

        data = self.inputs[i]
        through = Consultation.topics.through
        with transaction.atomic():
            consultation = Consultation.objects.create(
                hub=self.hub,
                recorded_by=self.user,
                date=data.date,
                channel=data.channel,
                migrant_status=data.migrant_status,
                nationality=data.nationality,
                sex=data.sex,
                age_group=data.age_group,
                languages=sorted(set(data.languages)),
                outcome=data.outcome,
            )
            if data.topics:
                through.objects.bulk_create(
                    [through(consultation_id=consultation.pk, topic_id=t.pk) for t in data.topics]
                )


# --- the case list ------------------------------------------------------------------


def scoped(user: "User") -> "QuerySet[Consultation]":
    """The case list as the API builds it (less the topics and pathways it prefetches)."""
    from infohub.counselling.access import consultation_list_visible  # noqa: PLC0415

    return consultation_list_visible(user=user).select_related("hub", "person").order_by(*ORDER)


def unscoped() -> "QuerySet[Consultation]":
    from infohub.counselling.models import Consultation  # noqa: PLC0415

    return Consultation.objects.order_by(*ORDER)


def resolved_first(user: "User") -> "QuerySet[Consultation]":
    """Diagnosis only, not the app's query: the same scope with the hub ids read first.

    Two small queries give the hubs, and the list filters on their ids as constants;
    the database can then walk the (hub, -date) index instead of sorting every row of
    the hub. Valid for users without a community advisor role (counsellor A).
    """
    from infohub.counselling.access import CASE_ROLES, hubs_where  # noqa: PLC0415
    from infohub.counselling.models import Consultation  # noqa: PLC0415

    hub_ids = list(hubs_where(user, CASE_ROLES).values_list("pk", flat=True))
    visible = Consultation.objects.filter(hub_id__in=hub_ids)
    return visible.select_related("hub", "person").order_by(*ORDER)


def page(queryset: "QuerySet[Consultation]", offset: int) -> tuple[list["Consultation"], int]:
    """One page as a paginator reads it: the rows, then the total."""
    return list(queryset[offset : offset + PAGE]), queryset.count()


def check_scopes(setting: Setting, created: int) -> list[str]:
    """What each scoped list shows; the problems found, if any."""
    from infohub.counselling.models import Consultation  # noqa: PLC0415

    world, problems = setting.world, []
    hub_a, hub_b = world.hub_a.pk, world.hub_b.pk
    expected_a = setting.per_hub["a"] + created
    for offset in (0, DEEP_OFFSET):
        rows, total = page(scoped(world.counsellor_a), offset)
        strangers = [row.public_id for row in rows if row.hub_id != hub_a]
        if strangers:
            problems.append(f"counsellor A's page at {offset} shows {len(strangers)} of hub B")
        direct = Consultation.objects.filter(hub_id=hub_a).order_by(*ORDER)[offset:][:PAGE]
        if [row.pk for row in rows] != [row.pk for row in direct] or len(rows) != PAGE:
            problems.append(f"counsellor A's page at {offset} is not hub A's page")
        if total != expected_a:
            problems.append(f"counsellor A counts {total}, hub A has {expected_a}")
        diagnosis, _ = page(resolved_first(world.counsellor_a), offset)
        if [row.pk for row in diagnosis] != [row.pk for row in rows]:
            problems.append(f"the hub ids read first give another page at {offset}")
    rows, total = page(scoped(world.advisor_a), 0)
    if any(row.recorded_by_id != world.advisor_a.pk or row.hub_id != hub_a for row in rows):
        problems.append("advisor A's page shows consultations they did not record")
    if total != setting.per_recorder["advisor-a"] or not rows:
        problems.append(f"advisor A counts {total}, recorded {setting.per_recorder['advisor-a']}")
    rows, total = page(scoped(world.counsellor_b), 0)
    if any(row.hub_id != hub_b for row in rows) or total != setting.per_hub["b"]:
        problems.append("counsellor B's page is not hub B's")
    for user in (world.dpo, world.analyst_a, world.provider_staff_a, world.admin):
        if scoped(user).exists():
            problems.append(f"{user.username} sees consultations")
    return problems


def plan_outline(queryset: "QuerySet[Consultation]") -> list[str]:
    """How the database reads the consultations for a page, and whether it sorts them."""
    from django.db import connection  # noqa: PLC0415

    lines = queryset.explain().splitlines()
    if connection.vendor == "sqlite":  # "id parent 0 DETAIL"
        details = [line.split(" ", 3)[-1] for line in lines]
        return [d for d in details if "counselling_consultation" in d or "ORDER BY" in d]
    outline = []
    for n, line in enumerate(lines):
        node = line.split("  (cost")[0].replace("->", "").strip()
        following = lines[n + 1].strip() if n + 1 < len(lines) else ""
        sorts = node in ("Sort", "Incremental Sort") and "counselling_consultation" in following
        if sorts or node.startswith("Presorted Key"):
            outline.append(node)
        elif "Scan" in node and "counselling_consultation" in node:
            outline.append(node)
            if following.startswith(("Filter:", "Index Cond:")):
                outline.append(following)
    return outline


# --- timing -------------------------------------------------------------------------


def print_latency(label: str, timings: list[float]) -> None:
    print(latency_line(label, timings))


def print_ratios(label: str, ours: list[float], base: list[float]) -> None:
    ratios = "   ".join(f"p{q} {percentile(ours, q) / percentile(base, q):6.2f}" for q in (50, 95))
    print(f"  ratio {label}:".ljust(54) + ratios)


def print_writes(writes: dict[str, list[float]], creates: int) -> None:
    print(
        f"\nrecording {creates} consultations each way (counsellor A, hub A), a transaction each:"
    )
    for label, timings in writes.items():
        rate = len(timings) / (sum(timings) / 1000)
        p50, p95 = percentile(timings, 50), percentile(timings, 95)
        print(f"  {label:<44} {rate:7.0f} records/s   p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")
    ours, base = writes.values()
    print("  ratio records/s ours / baseline:".ljust(54) + f"{sum(base) / sum(ours):6.2f}")
    print_ratios("time per record ours / baseline", ours, base)


def print_reads(reads: dict[str, list[float]], repeats: int) -> None:
    print(f"\ncounsellor A's case list, {PAGE} rows + count(), {repeats} times each:")
    for label, timings in reads.items():
        print_latency(label, timings)
    first, base_first, deep, base_deep, diagnosis = reads.values()
    print_ratios("first page ours / baseline", first, base_first)
    print_ratios(f"page at {DEEP_OFFSET:,} ours / baseline", deep, base_deep)
    print_ratios("first page, hub ids read first / baseline", diagnosis, base_first)


def main() -> int:
    import django  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infohub.settings")
    django.setup()
    from django.db import connection  # noqa: PLC0415

    from infohub.audit.models import AuditAction, AuditEvent  # noqa: PLC0415
    from infohub.counselling.models import Consultation  # noqa: PLC0415

    rng = random.Random(SEED)
    consultations = wanted("BENCH_CASEWORK_CONSULTATIONS", DEFAULT_CONSULTATIONS)
    creates = wanted("BENCH_CASEWORK_CREATES", DEFAULT_CREATES)
    repeats = wanted("BENCH_CASEWORK_REPEATS", DEFAULT_REPEATS)
    with temporary_database():
        started = time.perf_counter()
        setting = build(rng, wanted("BENCH_CASEWORK_PEOPLE", DEFAULT_PEOPLE))
        people = sum(len(p) for p in setting.people.values())
        print(
            f"{connection.vendor}: the world, {len(EXTRA_STAFF)} more recorders, "
            f"{len(TOPICS)} topics and {people} people through person_create in "
            f"{time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        fill(rng, setting, consultations)
        links = Consultation.topics.through.objects.count()
        print(
            f"  {consultations:,} consultations ({setting.per_hub['a']:,} in hub A, "
            f"{setting.per_hub['b']:,} in hub B) by {len(setting.per_recorder)} recorders, "
            f"{links:,} topic links, with bulk_create in {time.perf_counter() - started:.1f} s"
        )
        print(f"  {settle()}")

        recording = Recording(setting, record_inputs(rng, setting, WARM_UP + creates))
        audited = AuditEvent.objects.filter(action=AuditAction.CONSULTATION_RECORD)
        audited_before = audited.count()
        writes = timed_together(
            {
                "ours, consultation_record": recording.ours,
                "baseline, plain create + topic links": recording.baseline,
            },
            creates,
            warm_up=WARM_UP,
            rounds=ROUNDS,
            fresh_inputs=True,
        )
        problems = []
        if audited.count() - audited_before != WARM_UP + creates:
            problems.append(f"{audited.count() - audited_before} audit rows for {creates} records")

        counsellor = setting.world.counsellor_a
        reads = timed_together(
            {
                "ours, first page": lambda i: page(scoped(counsellor), 0),
                "baseline, first page": lambda i: page(unscoped(), 0),
                f"ours, page at {DEEP_OFFSET:,}": lambda i: page(scoped(counsellor), DEEP_OFFSET),
                f"baseline, page at {DEEP_OFFSET:,}": lambda i: page(unscoped(), DEEP_OFFSET),
                "(diagnosis) first page, hub ids read first": lambda i: page(
                    resolved_first(counsellor), 0
                ),
            },
            repeats,
        )
        problems += check_scopes(setting, 2 * (WARM_UP + creates))  # both ways, in hub A
        outlines = {
            "ours": plan_outline(scoped(counsellor)[:PAGE]),
            "hub ids read first": plan_outline(resolved_first(counsellor)[:PAGE]),
        }

    print_writes(writes, creates)
    print_reads(reads, repeats)
    for label, outline in outlines.items():
        print(f"plan of the first page, {label}: " + "; ".join(outline))
    if problems:
        print("SCOPE CHECK FAILED:\n  " + "\n  ".join(problems))
        return 1
    print(
        "scopes checked: pages and counts of counsellors A and B and advisor A, four roles "
        "that see none, one audit row per record"
    )
    return 0
