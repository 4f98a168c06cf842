"""A sender killed half-way loses nothing; it sends twice only in the documented window.

Real processes on a SQLite file, against a stand-in for Telegram in this process. Senders
start warm (Django loaded, waiting for a line on standard input) so that a two-second
lease is not spent starting Python on a busy machine.
"""

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings

from infohub.testing.fake_provider import FakeProvider, RecordedRequest, default_response
from infohub.testing.live_server import ROOT, server_environment

pytestmark = [
    # Both tests share one migrated database file, made once per worker (`--dist loadgroup`).
    pytest.mark.xdist_group("outbox_kill"),
    # Its processes use a SQLite file of their own whatever the run's database: the SQLite
    # pass runs it, the PostgreSQL pass would only repeat it.
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="runs on its own SQLite file, in the SQLite pass",
    ),
]

LEASE_SECONDS = 2
AFTER_LEASE = LEASE_SECONDS + 0.5
CHAT_ID = 4242
TOKEN = "123456:kill-test-token"
SEND_PATH = f"/bot{TOKEN}/sendMessage"
TEXT = "Your appointment is on Monday at nine."
# A process may take seconds to start on a loaded machine; these only bound a hang.
START_TIMEOUT = 120.0

SETUP = """
import io, json
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from infohub.messaging.channels.base import OutboundMessage
from infohub.messaging.models import Channel, Conversation
from infohub.messaging.services import address_hash, queue

quiet = {{"stdout": io.StringIO()}}
call_command("migrate", "--noinput", verbosity=0)
call_command("create_org", slug="org-kill", name="Org", kind="hub_operator", **quiet)
call_command(
    "create_hub", slug="hub-kill", name="Hub", org="org-kill", country="DO",
    municipality="Town", **quiet,
)
credentials = json.dumps({{"token": {token!r}, "secret": "kill-test-secret"}})
call_command(
    "channel_create", kind="telegram", hub="hub-kill", name="Bot", api_base={api_base!r},
    stdin=io.StringIO(credentials), **quiet,
)
with transaction.atomic():
    conversation = Conversation.objects.create(
        channel=Channel.objects.get(), address={chat!r}, address_hash=address_hash({chat!r})
    )
    queue(conversation=conversation, message=OutboundMessage(text={text!r}), now=timezone.now())
"""
# Waits for a line, then does the work: a worker killed after its claim, before any call.
CLAIM_AND_DIE = """
import os, signal, sys
from django.utils import timezone
from infohub.messaging.outbox import claim
print("ready", flush=True)
sys.stdin.readline()
assert claim(now=timezone.now())
os.kill(os.getpid(), signal.SIGKILL)
"""
SEND_OUTBOX = """
import sys
from django.core.management import call_command
import infohub.messaging.outbox
print("ready", flush=True)
sys.stdin.readline()
call_command("send_outbox")
"""


def _manage(env: dict[str, str], *args: str, stdin: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )


def _warm(env: dict[str, str], snippet: str) -> subprocess.Popen[str]:
    """A process that has loaded Django and runs ``snippet``'s work on ``_go``."""
    return _manage(env, "shell", "--no-imports", "-c", snippet, stdin=True)


def _wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "ready":
            return
    raise AssertionError(f"the process exited with {process.wait()} before it was ready")


def _go(process: subprocess.Popen[str]) -> int:
    """Let a warm process do its work; its exit code."""
    process.communicate("\n", timeout=START_TIMEOUT)
    return process.returncode


def _outbound(database: Path) -> tuple[str, int]:
    """The queued message's status and recorded attempts, read as a bystander."""
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT status, attempts FROM messaging_message WHERE direction = 'out'"
        ).fetchall()
    assert len(rows) == 1
    return rows[0][0], rows[0][1]


def _sends(provider: FakeProvider) -> list[RecordedRequest]:
    return [
        request
        for request in provider.requests
        if request.path == SEND_PATH and request.json == {"chat_id": CHAT_ID, "text": TEXT}
    ]


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeProvider]:
    with FakeProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def migrated(telegram: FakeProvider, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with a hub, its Telegram channel and one queued message."""
    workdir = tmp_path_factory.mktemp("outbox-kill")
    snippet = SETUP.format(token=TOKEN, api_base=telegram.url, chat=str(CHAT_ID), text=TEXT)
    setup = _manage(server_environment(workdir), "shell", "--no-imports", "-c", snippet)
    setup.communicate(timeout=START_TIMEOUT)
    assert setup.returncode == 0
    return workdir


@pytest.fixture
def sender_env(migrated: Path, telegram: FakeProvider, tmp_path: Path) -> dict[str, str]:
    """The environment of processes on this test's own copy of the database."""
    for path in migrated.glob("db.sqlite3*"):
        shutil.copy(path, tmp_path / path.name)
    telegram.reset()
    return server_environment(tmp_path, {"INFOHUB_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS)})


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    """The test's processes; those still waiting when it ends (it failed) are killed."""
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def _database(env: dict[str, str]) -> Path:
    return Path(env["DATABASE_URL"].removeprefix("sqlite:///"))


def test_it_sends_a_message_once_after_the_lease_of_a_worker_killed_before_the_call(
    sender_env: dict[str, str], telegram: FakeProvider, started: list[subprocess.Popen[str]]
) -> None:
    database = _database(sender_env)
    victim = _warm(sender_env, CLAIM_AND_DIE)
    before, after, further = (_warm(sender_env, SEND_OUTBOX) for _ in range(3))
    started.extend([victim, before, after, further])
    for process in started:
        _wait_ready(process)

    assert _go(victim) == -signal.SIGKILL
    assert _outbound(database) == ("sending", 0)
    # The lease still holds: another sender leaves the row alone.
    assert _go(before) == 0
    assert _sends(telegram) == []
    assert _outbound(database) == ("sending", 0)

    time.sleep(AFTER_LEASE)
    assert _go(after) == 0
    assert len(_sends(telegram)) == 1
    assert _outbound(database) == ("sent", 1)
    assert _go(further) == 0
    assert len(_sends(telegram)) == 1


def test_it_sends_again_when_a_worker_dies_waiting_for_the_providers_answer(
    sender_env: dict[str, str], telegram: FakeProvider, started: list[subprocess.Popen[str]]
) -> None:
    """The duplicate window of at-least-once delivery: the provider got it, we never knew."""
    database = _database(sender_env)
    slow = replace(default_response(SEND_PATH, 1), delay=5.0)
    telegram.respond(SEND_PATH, slow, default_response(SEND_PATH, 2))
    victim = _manage(sender_env, "send_outbox")
    retry = _warm(sender_env, SEND_OUTBOX)
    started.extend([victim, retry])

    telegram.wait_for(1, timeout=START_TIMEOUT)
    victim.kill()
    assert victim.wait(timeout=START_TIMEOUT) == -signal.SIGKILL
    assert _outbound(database) == ("sending", 0)

    _wait_ready(retry)
    time.sleep(AFTER_LEASE)
    assert _go(retry) == 0
    sends = _sends(telegram)
    assert len(sends) == 2
    assert json.loads(sends[0].body) == json.loads(sends[1].body)
    assert _outbound(database) == ("sent", 1)
