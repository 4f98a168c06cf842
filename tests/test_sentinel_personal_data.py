"""A person made of sentinel values: the values are found only where access allows them.

The scenario runs once for the module (``scenario``), through the real API, staff pages,
portal page and services, with mail on and every on-commit callback run:

- counsellor A creates the person through the API (names, date of birth, phone,
  address, a passport, consents to keep a record and to refer to providers A and B),
  records a consultation on the staff page, refers the person to provider A on the
  staff page (provider A's agreement shares given names and phone) and to provider B
  through the API (no agreement); provider B declines through the API;
- a household member is added with the ORM: no service, page or endpoint writes one;
- someone asks for a callback on the portal page with a sentinel name and phone;
- someone writes to hub A's WhatsApp channel (a signed webhook with a sentinel number,
  profile name and text) and the assistant answers through a stand-in provider;
- a screening and an ended consent are added through the services;
- then every persona without access, and provider A's staff, request every staff page
  and API endpoint of the permission matrix (``infohub.testing.matrix``), pointed at
  this person's records as hub A's variant; counsellor A opens the person's page.

Every log record of the whole scenario is kept, at DEBUG on the root logger and on
``infohub`` (pytest's ``caplog`` is per test and the scenario is per module, so a plain
handler on the root logger collects the same records), with SQL logging forced on so
that query parameters are searched too.

Who has access, and so is not searched: counsellor A and hub A's manager (their hub's
case), provider A's staff for the given names and phone only (their agreement), and
the data protection officer of network A only through the data-subject export and
printable copy, which answer with the values only after a fresh authenticator code
(never given here). Every other page is searched for the DPO, the privacy person page
included: it shows counts, not values.
"""

import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.test import Client, TestCase

from infohub.audit.models import AuditEvent
from infohub.callbacks.models import CallbackRequest
from infohub.core.logging import RedactingFormatter
from infohub.counselling.models import Consultation, HouseholdMember, Person
from infohub.messaging.outbox import run_once
from infohub.messaging.services import channel_create
from infohub.referrals.models import Referral
from infohub.search.index import reset_search_index
from infohub.testing.casework import NOTICE, build_places
from infohub.testing.clock import earliest_hub_today
from infohub.testing.fake_provider import fake_provider
from infohub.testing.matrix import (
    Call,
    Clients,
    build_casework,
    call_keys,
    calls,
    side,
    sign_in_everyone,
)
from infohub.testing.personas import World, build_world

pytestmark = pytest.mark.django_db

# Unusual values, ASCII letters and digits only, so no escaping can hide a copy.
GIVEN = "Zqvxkdgiven Ambrosine"
FAMILY = "Zqvxkdfamily Pierrelouis"
BORN = dt.date(1904, 2, 29)  # a date cannot be a sentinel: a rare one, found by its ISO text
PHONE = "+509 3719 0483"
ADDRESS = "17 Rue Zqvxkdaddress"
DOCUMENT = "ZQVXKD4417"
RELATIVE = "Zqvxkdrelative Tijean"
CALLBACK_NAME = "Zqvxkdcallback Manmie"
CALLBACK_PHONE = "+509 3719 0596"
# Someone writes to hub A on WhatsApp: their number, profile name and message.
MESSAGING_PHONE = "50937190711"
MESSAGING_PROFILE = "Zqvxkdprofile Wilnise"
MESSAGE_TEXT = "Zqvxkdmessage, ki dokiman mwen bezwen?"

WHATSAPP = {
    "token": "EAAG-sentinel",
    "app_secret": "sentinel-app-secret",
    "verify_token": "v",
    "phone_number_id": "1065403",
}

# What betrays each value, lower-cased: the texts are searched lower-cased.
NEEDLES: dict[str, tuple[str, ...]] = {
    "given names": ("zqvxkdgiven",),
    "family names": ("zqvxkdfamily",),
    "date of birth": ("1904-02-29", "19040229", "29/02/1904", "02/29/1904"),
    "phone": ("3719 0483", "37190483"),
    "address": ("zqvxkdaddress",),
    "document": ("zqvxkd4417",),
    "household member": ("zqvxkdrelative",),
    "callback name": ("zqvxkdcallback",),
    "callback phone": ("3719 0596", "37190596"),
    "messaging phone": ("3719 0711", "37190711"),
    "messaging profile": ("zqvxkdprofile",),
    "message text": ("zqvxkdmessage",),
    "any sentinel": ("zqvxkd",),  # a part of any of the names, address or document
}
PERSON_FIELDS = (
    "given names",
    "family names",
    "date of birth",
    "phone",
    "address",
    "document",
    "household member",
)
SHARED_WITH_PROVIDER_A = ("given names", "phone")

# Logged at DEBUG during the scenario: the root logger, ours, and Django's (whose default
# configuration stops at INFO), so that SQL with its parameters is logged too.
DEBUG_LOGGERS = ("", "infohub", "django")

# Personas with no access to the person or the callback request.
WITHOUT_ACCESS = (
    "anonymous",
    "admin",
    "counsellor_b",
    "advisor_a",  # the callback came from the portal, not from them
    "provider_staff_b",  # no agreement: nothing is shared
    "editor",
    "analyst_a",
    "dpo",
)
# The DPO's designed access: the data-subject copy, after a fresh code.
DPO_ACCESS = ("POST privacy:export[a]", "POST privacy:print[a]")
# Where provider A's staff see what their agreement shares.
PROVIDER_A_ACCESS = (
    "GET referrals:detail[a]",
    "POST referrals:detail[a]",
    "GET api-v1:referral_detail[a]",
)


def found(text: str, labels: tuple[str, ...] = tuple(NEEDLES)) -> list[str]:
    """The labels of the sentinels that ``text`` holds."""
    lowered = text.lower()
    return [label for label in labels if any(n in lowered for n in NEEDLES[label])]


def _byte_pattern(needle: str) -> re.Pattern[bytes]:
    """A needle as it would stand in a file's bytes.

    A needle made only of hexadecimal digits (a compact date, a phone number's digits)
    must not touch another hexadecimal digit: database files and the write-ahead log are
    full of digests, keyed hashes and UUIDs written in hex, where eight given digits turn
    up by chance in a long enough run.
    """
    escaped = re.escape(needle.encode())
    if re.fullmatch(r"[0-9a-f]+", needle):
        return re.compile(rb"(?<![0-9a-f])" + escaped + rb"(?![0-9a-f])")
    return re.compile(escaped)


BYTE_NEEDLES = {label: [_byte_pattern(n) for n in needles] for label, needles in NEEDLES.items()}


def found_in_bytes(data: bytes) -> list[str]:
    lowered = data.lower()
    return [
        label
        for label, patterns in BYTE_NEEDLES.items()
        if any(p.search(lowered) for p in patterns)
    ]


@dataclass
class Fetched:
    call: Call
    persona: str
    status: int
    text: str  # body, headers and cookies


@dataclass
class Scenario:
    world: World
    person: Person
    callback: CallbackRequest
    referral_a: Referral
    referral_b: Referral
    records: list[logging.LogRecord]
    mails: list[EmailMessage]
    fetched: list[Fetched]
    own_person_page: str
    own_callback_page: str


class Recording(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _ok(response: Any, *statuses: int) -> Any:
    assert response.status_code in statuses, (response.status_code, response.content[:500])
    return response


def _api(clients: Clients, persona: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {clients.tokens[persona]}")


def _page(clients: Clients, persona: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.SESSION_COOKIE_NAME] = clients.sessions[persona]
    return client


def _post_json(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def _create_person(clients: Clients, world: World) -> Person:
    consents = [
        {"purpose": "counselling_record", **NOTICE},
        {"purpose": "referral", "provider": str(world.provider_a.public_id), **NOTICE},
        {"purpose": "referral", "provider": str(world.provider_b.public_id), **NOTICE},
    ]
    body = {
        "legal_basis": "consent",
        "given_names": GIVEN,
        "family_names": FAMILY,
        "date_of_birth": BORN.isoformat(),
        "nationality": "HT",
        "phone": PHONE,
        "address": ADDRESS,
        "documents": [{"kind": "passport", "number": DOCUMENT, "issuing_country": "HT"}],
        "consents": consents,
    }
    response = _ok(_post_json(_api(clients, "counsellor_a"), "/api/v1/people", body), 201)
    person = Person.objects.get(public_id=response.json()["id"])
    # No service, page or endpoint records household members yet.
    HouseholdMember.objects.create(
        person=person, relation="child", name=RELATIVE, birth_year="2011"
    )
    return person


def _record_consultation(clients: Clients, person: Person) -> Consultation:
    form = {
        "date": earliest_hub_today().isoformat(),
        "channel": "in_person",
        "migrant_status": "returned",
        "nationality": "HT",
        "sex": "female",
        "age_group": "65+",
        "languages": ["fr"],
        "outcome": "referred",
    }
    path = f"/staff/consultations/new/?person={person.public_id}"
    _ok(_page(clients, "counsellor_a").post(path, form), 302)
    return Consultation.objects.get(person=person)


def _request_callback(world: World) -> CallbackRequest:
    form = {
        "hub": str(world.hub_a.public_id),
        "name_or_alias": CALLBACK_NAME,
        "phone": CALLBACK_PHONE,
        "language": "ht",
        "topic": "",
        "website": "",
    }
    _ok(Client().post("/en/callback/", form, REMOTE_ADDR="203.0.113.9"), 200)
    return CallbackRequest.objects.get(hub=world.hub_a, source="portal")


def _message_the_hub(world: World) -> None:
    """A signed WhatsApp message to hub A's channel, answered by ``send_outbox``'s work."""
    with fake_provider() as provider:
        channel = channel_create(
            actor=None,
            hub=world.hub_a,
            kind="whatsapp",
            name="WhatsApp A",
            api_base=provider.url,
            credentials=WHATSAPP,
        )
        value = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1065403"},
            "contacts": [{"profile": {"name": MESSAGING_PROFILE}, "wa_id": MESSAGING_PHONE}],
            "messages": [
                {
                    "from": MESSAGING_PHONE,
                    "id": "wamid.HBgLNTA5MzcxOTA3MTEVAgASGBQz",
                    "timestamp": "1765100000",
                    "type": "text",
                    "text": {"body": MESSAGE_TEXT},
                }
            ],
        }
        body = json.dumps(
            {
                "object": "whatsapp_business_account",
                "entry": [{"id": "1022", "changes": [{"value": value, "field": "messages"}]}],
            }
        ).encode()
        signature = hmac.new(WHATSAPP["app_secret"].encode(), body, hashlib.sha256).hexdigest()
        _ok(
            Client().post(
                f"/channels/{channel.public_id}/receive",
                body,
                content_type="application/json",
                HTTP_X_HUB_SIGNATURE_256=f"sha256={signature}",
            ),
            200,
        )
        run_once()
        assert provider.requests, "the assistant answered through the provider"


def _enable_mail(world: World) -> None:
    for user, address in (
        (world.counsellor_a, "counsellor@hub-a.example.org"),
        (world.provider_staff_a, "staff@provider-a.example.org"),
        (world.provider_staff_b, "staff@provider-b.example.org"),
    ):
        user.email = address
        user.save(update_fields=["email"])


def _fetch(clients: Clients, persona: str, every: list[Call]) -> list[Fetched]:
    fetched = []
    for call in every:
        response = call.send(clients.client_for(persona, call))
        text = "\n".join(
            [
                response.content.decode(errors="replace"),
                repr(dict(response.headers)),
                repr({k: v.value for k, v in response.cookies.items()}),
            ]
        )
        fetched.append(Fetched(call, persona, response.status_code, text))
    return fetched


def _run(world: World) -> Scenario:
    _enable_mail(world)
    places = build_places(world)
    casework = build_casework(world, places)
    clients = sign_in_everyone(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        person = _create_person(clients, world)
        consultation = _record_consultation(clients, person)
        refer = {"place": str(places.legal_a.id), "consultation": str(consultation.pk)}
        _ok(
            _page(clients, "counsellor_a").post(f"/staff/referrals/new/{person.public_id}/", refer),
            302,
        )
        referral_a = Referral.objects.get(person=person, provider=world.provider_a)
        sent = _post_json(
            _api(clients, "counsellor_a"),
            "/api/v1/referrals",
            {"person": str(person.public_id), "service_at_location": str(places.shelter_b.id)},
        )
        referral_b = Referral.objects.get(public_id=_ok(sent, 201).json()["id"])
        decline = {"to": "declined", "reason": "No place for a family tonight."}
        path = f"/api/v1/referrals/{referral_b.public_id}/transition"
        _ok(_post_json(_api(clients, "provider_staff_b"), path, decline), 200)
        callback = _request_callback(world)
        _message_the_hub(world)
        sentinel_side = side(
            hub=world.hub_a,
            counsellor=world.counsellor_a,
            person=person,
            consultation=consultation,
            referral=referral_a,
            callback=callback,
            service=places.legal_a.service,
        )
    mails = list(mail.outbox)
    every = calls(replace(casework, a=sentinel_side))
    fetched = [f for p in (*WITHOUT_ACCESS, "provider_staff_a") for f in _fetch(clients, p, every)]
    own = _page(clients, "counsellor_a")
    return Scenario(
        world=world,
        person=person,
        callback=callback,
        referral_a=referral_a,
        referral_b=referral_b,
        records=[],
        mails=mails,
        fetched=fetched,
        own_person_page=_ok(own.get(f"/staff/people/{person.public_id}/"), 200).content.decode(),
        own_callback_page=_ok(
            own.get(f"/staff/callbacks/{callback.public_id}/"), 200
        ).content.decode(),
    )


@pytest.fixture(scope="module")
def scenario(django_db_setup: None, django_db_blocker: Any) -> Iterator[Scenario]:
    """The scenario, once, in a transaction rolled back when the module ends."""
    recording = Recording()
    loggers = [logging.getLogger(name) for name in DEBUG_LOGGERS]
    levels = [logger.level for logger in loggers]
    loggers[0].addHandler(recording)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        connection.force_debug_cursor = True  # SQL and its parameters are logged at DEBUG
        try:
            ran = _run(build_world())
            ran.records = list(recording.records)
            yield ran
        finally:
            connection.force_debug_cursor = False
            loggers[0].removeHandler(recording)
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            reset_search_index()


# --- (f) Positive controls: the checks below can fail ------------------------------------


def test_the_counsellor_of_the_hub_sees_every_value_on_the_persons_page(
    scenario: Scenario,
) -> None:
    assert found(scenario.own_person_page, PERSON_FIELDS) == list(PERSON_FIELDS)
    assert found(scenario.own_callback_page, ("callback name", "callback phone")) == [
        "callback name",
        "callback phone",
    ]


def test_provider_a_sees_only_what_its_agreement_shares_and_only_on_the_referral(
    scenario: Scenario,
) -> None:
    mine = [f for f in scenario.fetched if f.persona == "provider_staff_a"]
    page = next(f for f in mine if f.call.key == "GET referrals:detail[a]")
    assert found(page.text, PERSON_FIELDS) == list(SHARED_WITH_PROVIDER_A)
    leaks = [
        f"{f.call.key} ({f.status}): {hits}"
        for f in mine
        if (hits := found(f.text, tuple(set(NEEDLES) - set(SHARED_WITH_PROVIDER_A))))
        and not (f.call.key in PROVIDER_A_ACCESS and hits == ["any sentinel"])
    ]
    elsewhere = [
        f"{f.call.key} ({f.status})"
        for f in mine
        if f.call.key not in PROVIDER_A_ACCESS and found(f.text, SHARED_WITH_PROVIDER_A)
    ]
    assert leaks == []
    assert elsewhere == []


# --- (a) The database: every table, and the database file ---------------------------------


def _as_text(value: Any) -> str:
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).decode("latin-1")
    return str(value)


def test_no_table_holds_a_sentinel_in_plaintext(scenario: Scenario) -> None:
    hits, rows = [], 0
    case_code_seen = False
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                rows += 1
                text = "\x1f".join(_as_text(v) for v in row)
                case_code_seen |= scenario.person.case_code in text
                hits += [f"{table}: {label}" for label in found(text)]
    assert rows > 0
    assert case_code_seen, "the scan reads the rows"
    assert hits == []


def test_no_session_holds_a_sentinel_once_decoded(scenario: Scenario) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        sessions = [SessionStore().decode(data) for (data,) in cursor.fetchall()]
    assert sessions, "the personas' sessions are there"
    assert [found(repr(s)) for s in sessions if found(repr(s))] == []


def _sqlite_file(case_code: str) -> bytes:
    """The bytes of a database file holding everything the scenario wrote.

    The test database lives in memory and the scenario in a transaction that stays open
    (it is rolled back at the end), where ``VACUUM INTO`` is refused and the backup API
    waits for the transaction forever. ``serialize()`` returns the bytes a backup to
    disk would write, this connection's uncommitted pages included; they are written to
    a temporary file, which is opened as a database to prove it is one, with the person.
    """
    raw = connection.connection
    assert raw is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.sqlite3"
        path.write_bytes(raw.serialize())
        copy = sqlite3.connect(path)
        try:
            query = "SELECT count(*) FROM counselling_person WHERE case_code = ?"
            assert copy.execute(query, [case_code]).fetchone() == (1,)
        finally:
            copy.close()
        return path.read_bytes()


def _postgres_files() -> list[Path]:
    """The database's heap files and the write-ahead log, after a checkpoint has written
    every dirty page (uncommitted rows included) to disk."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not row or not row[0]:
            pytest.skip("reading PostgreSQL's files needs a superuser (bin/with-postgres)")
        cursor.execute("CHECKPOINT")
        cursor.execute("SHOW data_directory")
        (data_directory,) = cursor.fetchone() or ("",)
        cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
        (oid,) = cursor.fetchone() or (0,)
    base = Path(data_directory) / "base" / str(oid)
    wal = Path(data_directory) / "pg_wal"
    return [p for p in (*base.iterdir(), *wal.iterdir()) if p.is_file()]


def test_the_database_files_hold_no_sentinel(scenario: Scenario) -> None:
    code = scenario.person.case_code.lower().encode()
    if connection.vendor == "sqlite":
        image = _sqlite_file(scenario.person.case_code)
        assert code in image.lower(), "the image holds the rows"
        assert found_in_bytes(image) == []
        return
    files = _postgres_files()
    datas = {path.name: path.read_bytes() for path in files}
    assert any(code in data.lower() for data in datas.values()), "the files hold the rows"
    assert {name: hits for name, data in datas.items() if (hits := found_in_bytes(data))} == {}


# --- (b) Logs, (c) audit rows, (d) mail -----------------------------------------------


def test_no_log_record_of_the_whole_scenario_holds_a_sentinel(scenario: Scenario) -> None:
    formatter = RedactingFormatter("%(levelname)s %(name)s %(message)s")
    texts = [f"{formatter.format(r)} {r.getMessage()} {r.args!r}" for r in scenario.records]
    assert any(scenario.person.case_code in t for t in texts), "SQL logging was on"
    assert any("Not Found" in t for t in texts), "refused requests were logged"
    assert [t[:300] for t in texts if found(t)] == []


def test_no_audit_row_holds_a_sentinel(scenario: Scenario) -> None:
    rows = list(AuditEvent.objects.values())
    person_rows = [r for r in rows if r["object_id"] == scenario.person.public_id]
    assert {r["action"] for r in person_rows} >= {"person.create", "person.read"}
    assert [r for r in rows if found(repr(r))] == []


def test_no_mail_holds_a_sentinel(scenario: Scenario) -> None:
    assert {tuple(m.to) for m in scenario.mails} >= {
        ("staff@provider-a.example.org",),
        ("staff@provider-b.example.org",),
        ("counsellor@hub-a.example.org",),
    }
    texts = [
        repr((m.subject, m.body, m.to, m.from_email, m.extra_headers, m.attachments))
        + str(m.message())
        for m in scenario.mails
    ]
    assert [t[:300] for t in texts if found(t)] == []


# --- (e) Every page and endpoint, for every persona without access -------------------------


@pytest.mark.parametrize("persona", WITHOUT_ACCESS)
def test_no_page_or_endpoint_shows_a_sentinel_to_a_persona_without_access(
    scenario: Scenario, persona: str
) -> None:
    mine = [f for f in scenario.fetched if f.persona == persona]
    assert len(mine) == len(call_keys()), "every request of the matrix was made"
    allowed = DPO_ACCESS if persona == "dpo" else ()
    leaks = [
        f"{f.call.key} ({f.status}): {hits}"
        for f in mine
        if f.call.key not in allowed and (hits := found(f.text))
    ]
    assert leaks == []
