"""Messaging: 2,000 Telegram updates acknowledged by the webhook, then answered by send_outbox.

One gunicorn server (2 sync workers, demo data, SQLite) and 8 client threads posting
Telegram ``Update``s (distinct update ids, 200 chats, Kreyòl and Spanish questions) to a
channel made by ``channel_create``, whose API base is a stand-in for Telegram running as its
own process. The baselines, under the same 8-client load in the same run: ``/bench/store``,
a view that only writes the raw body into a table, and ``/bench/trivial``. Each path gets
its turn in every round, so a busy spell of the shared machine falls on all of them. Then
``send_outbox`` runs until nothing is left, and the run checks that every update was stored
once and answered once, and that the stand-in got exactly one call per outbound row.
"""

import http.client
import json
import math
import resource
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import django

from bench.loadgen import LOOPBACK, LoadResult, loopback_port, run_load
from infohub.testing.live_server import ROOT, live_server, manage_output

UPDATES = 2_000
CHATS = 200
CLIENTS = 8
ROUNDS = 4
WARM_UP = 40
STORED = UPDATES + WARM_UP
HUB = "demo-hub-do"
TELEGRAM = {"token": "123456:bench-token", "secret": "bench-webhook-secret"}
WEBHOOK, STORE, TRIVIAL = "webhook", "/bench/store", "/bench/trivial"
QUESTIONS = {
    "ht": (
        "Ki dokiman mwen bezwen pou yon pèmi travay?",
        "Kijan pou m jwenn yon randevou nan konsila a?",
        "Eske m ka mande azil isit la?",
        "Ki kote m ka renouvle paspò m?",
        "Konbyen tan sa pran pou jwenn rezidans?",
    ),
    "es": (
        "¿Qué documentos necesito para el permiso de trabajo?",
        "¿Cómo pido una cita en el consulado?",
        "¿Puedo pedir asilo aquí?",
        "¿Dónde renuevo mi pasaporte?",
        "¿Cuánto tarda la residencia?",
    ),
}
# The channel's own limit (60 a minute by default) would make the figure the limit's:
# lifted, the time is the sender's.
UNLIMITED = 1_000_000
MAX_OUTBOX_RUNS = 5
COUNTS = """
import json
from django.db.models import Count
from infohub.messaging.models import Conversation, Message
rows = Message.objects.values_list("direction", "status").annotate(n=Count("id"))
inbound = Message.objects.filter(direction="in")
asked = Conversation.objects.filter(messages__direction="in").distinct()
print(json.dumps({
    "by_status": {f"{d} {s}": n for d, s, n in rows},
    "inbound": inbound.count(),
    "inbound_ids": inbound.values("provider_id").distinct().count(),
    "chats_unanswered": asked.exclude(messages__direction="out").count(),
}))
"""


@dataclass(frozen=True)
class Post:
    """One request the clients send: a POST with a body, or a GET without one."""

    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def updates(count: int, *, first_id: int = 1) -> list[dict[str, Any]]:
    """Telegram updates: chat after chat in turn, half Kreyòl, half Spanish."""
    from infohub.messaging.tests.support import telegram_update  # noqa: PLC0415 - needs setup

    made = []
    for number in range(count):
        chat = number % CHATS
        lang = "ht" if chat % 2 else "es"
        questions = QUESTIONS[lang]
        text = questions[(number // CHATS) % len(questions)]
        made.append(
            telegram_update(
                text=text, chat_id=500_000 + chat, update_id=first_id + number, lang=lang
            )
        )
    return made


def webhook_posts(path: str, bodies: list[dict[str, Any]]) -> list[Post]:
    headers = {
        "Content-Type": "application/json",
        "X-Telegram-Bot-Api-Secret-Token": TELEGRAM["secret"],
    }
    return [Post(path, json.dumps(body).encode(), headers) for body in bodies]


def _send(conn: http.client.HTTPConnection, post: Post) -> bool:
    method = "POST" if post.body else "GET"
    conn.request(method, post.path, body=post.body or None, headers=post.headers)
    response = conn.getresponse()
    response.read()
    return 200 <= response.status < 300


def _client(port: int, posts: Iterator[Post], lock: threading.Lock, log: list[float]) -> None:
    """Take the next request until none is left; NaN logs an error.

    Sync gunicorn workers close every connection; http.client reopens it, and connecting
    is part of each latency, as for a provider.
    """
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    try:
        while True:
            with lock:
                post = next(posts, None)
            if post is None:
                return
            started = time.perf_counter()
            try:
                ok = _send(conn, post)
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            elapsed_ms = (time.perf_counter() - started) * 1000
            with lock:
                log.append(elapsed_ms if ok else math.nan)
    finally:
        conn.close()


def send_all(base_url: str, posts: list[Post], label: str) -> LoadResult:
    """Send every request once, by CLIENTS closed-loop threads."""
    port = loopback_port(base_url)
    shared, lock = iter(posts), threading.Lock()
    log: list[float] = []
    threads = [
        threading.Thread(target=_client, args=(port, shared, lock, log)) for _ in range(CLIENTS)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _result(label, log, time.perf_counter() - started)


def _result(label: str, latencies: list[float], elapsed: float) -> LoadResult:
    ok = [ms for ms in latencies if not math.isnan(ms)]
    return LoadResult(label, len(latencies), len(latencies) - len(ok), elapsed, ok)


def merged(label: str, results: list[LoadResult]) -> LoadResult:
    """The rounds of one path as one result."""
    return LoadResult(
        label,
        sum(r.requests for r in results),
        sum(r.errors for r in results),
        sum(r.elapsed_s for r in results),
        [ms for r in results for ms in r.latencies_ms],
    )


@contextmanager
def telegram_stand_in() -> Iterator[str]:
    """The fake provider as its own process; its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "infohub.testing.fake_provider", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield process.stdout.readline().strip() if process.stdout else ""
    finally:
        process.terminate()
        process.wait(timeout=10)


def provider_count(provider_url: str) -> int:
    """How many calls the stand-in received: sendMessage is the only one the sender makes."""
    with urllib.request.urlopen(f"{provider_url}/_fake/count", timeout=10) as response:
        count: int = json.loads(response.read())["count"]
    return count


def create_channel(base_url: str, provider_url: str) -> str:
    """A Telegram channel of the demo hub through ``channel_create``; its webhook path."""
    output = manage_output(
        base_url,
        "channel_create",
        "--kind=telegram",
        f"--hub={HUB}",
        "--name=Benchmark bot",
        f"--api-base={provider_url}",
        stdin=json.dumps(TELEGRAM),
    )
    path = output.strip().splitlines()[-1]
    channel_id = path.split("/")[2]
    manage_output(
        base_url,
        "shell",
        "--no-imports",
        "-c",
        "from infohub.messaging.models import Channel; "
        f"Channel.objects.filter(public_id={channel_id!r}).update(rate_per_minute={UNLIMITED})",
    )
    return path


def measure_acks(base_url: str, webhook: str) -> dict[str, LoadResult]:
    """Each round: the trivial view, the store-only view and the webhook, a share each."""
    bodies = updates(UPDATES)
    share = math.ceil(UPDATES / ROUNDS)
    # Warm-ups fill the workers' caches; the webhook's updates have ids of their own and
    # are answered and checked with the others.
    run_load(base_url, TRIVIAL, duration_s=0.5, max_requests=200, warmup_s=0)
    send_all(base_url, webhook_posts(STORE, bodies[:WARM_UP]), STORE)
    send_all(base_url, webhook_posts(webhook, updates(WARM_UP, first_id=UPDATES + 1)), WEBHOOK)
    rounds: dict[str, list[LoadResult]] = {TRIVIAL: [], STORE: [], WEBHOOK: []}
    for first in range(0, UPDATES, share):
        chunk = bodies[first : first + share]
        rounds[TRIVIAL].append(send_all(base_url, [Post(TRIVIAL)] * len(chunk), TRIVIAL))
        rounds[STORE].append(send_all(base_url, webhook_posts(STORE, chunk), STORE))
        rounds[WEBHOOK].append(send_all(base_url, webhook_posts(webhook, chunk), WEBHOOK))
    return {label: merged(label, results) for label, results in rounds.items()}


def db_counts(base_url: str) -> dict[str, Any]:
    counts: dict[str, Any] = json.loads(
        manage_output(base_url, "shell", "--no-imports", "-c", COUNTS).strip().splitlines()[-1]
    )
    return counts


def left_to_do(counts: dict[str, Any]) -> int:
    by_status = counts["by_status"]
    return sum(by_status.get(key, 0) for key in ("in received", "out queued", "out sending"))


@dataclass(frozen=True)
class Drain:
    """What answering took: wall and CPU seconds of the send_outbox runs, their number."""

    wall_s: float
    cpu_s: float
    runs: int
    counts: dict[str, Any]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def drain_outbox(base_url: str) -> Drain:
    """Run send_outbox until nothing is left to answer or send; the checks' counts between."""
    wall = cpu = 0.0
    runs = 0
    counts = db_counts(base_url)
    while left_to_do(counts) and runs < MAX_OUTBOX_RUNS:
        started, cpu_before = time.perf_counter(), _children_cpu()
        output = manage_output(base_url, "send_outbox").strip()
        took = time.perf_counter() - started
        wall, cpu, runs = wall + took, cpu + _children_cpu() - cpu_before, runs + 1
        print(f"  send_outbox run {runs}: {took:6.1f} s  {output}")
        counts = db_counts(base_url)
    return Drain(wall, cpu, runs, counts)


def print_acks(results: dict[str, LoadResult]) -> None:
    print(f"{'path':<16}{'requests':>10}{'errors':>8}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}")
    for r in results.values():
        print(
            f"{r.path:<16}{r.requests:>10}{r.errors:>8}"
            f"{r.rps:>10.1f}{r.p50_ms:>10.2f}{r.p95_ms:>10.2f}"
        )
    webhook, store, trivial = results[WEBHOOK], results[STORE], results[TRIVIAL]
    print("\nratios (webhook / baseline, same run):")
    for base in (store, trivial):
        print(
            f"  / {base.path:<14} p50 {ratio(webhook.p50_ms, base.p50_ms):6.2f}   "
            f"p95 {ratio(webhook.p95_ms, base.p95_ms):6.2f}"
        )
    verdict = "within" if webhook.p95_ms <= 2 * store.p95_ms else "OVER"
    print(f"  goal: webhook p95 within 2x the store-only view's: {verdict}")


def ratio(value: float, base: float) -> float:
    return value / base if base > 0 else math.nan


def print_drain(drain: Drain, sends: int) -> None:
    outbound = sum(n for key, n in drain.counts["by_status"].items() if key.startswith("out "))
    print(
        f"  every reply sent after {drain.wall_s:.1f} s in {drain.runs} run(s) of send_outbox "
        f"({drain.cpu_s:.1f} s of CPU), process start-ups included"
    )
    print(f"  {outbound} replies ({outbound / STORED:.2f} per update), {sends} sendMessage calls")
    print(f"  {outbound / drain.wall_s if drain.wall_s else math.nan:.1f} replies/s")


def verify(counts: dict[str, Any], sends: int) -> list[str]:
    """What went wrong with the answering: nothing, or one line per problem."""
    by_status = counts["by_status"]
    outbound = sum(n for key, n in by_status.items() if key.startswith("out "))
    problems = []
    if counts["inbound"] != STORED or counts["inbound_ids"] != STORED:
        problems.append(f"{counts['inbound']} inbound rows, {counts['inbound_ids']} update ids")
    if by_status.get("in handled", 0) != STORED:
        problems.append(f"inbound not all handled: {by_status}")
    if counts["chats_unanswered"]:
        problems.append(f"{counts['chats_unanswered']} chats got no reply")
    if by_status.get("out sent", 0) != outbound or sends != outbound:
        problems.append(f"{sends} sendMessage calls for {outbound} outbound rows: {by_status}")
    return problems


def main() -> int:
    """Fail on request errors or a message not answered exactly once; timings are reported."""
    django.setup()
    with (
        telegram_stand_in() as provider_url,
        live_server(workers=2, extra_env={"INFOHUB_BENCH_URLS": "true"}) as base_url,
    ):
        webhook = create_channel(base_url, provider_url)
        results = measure_acks(base_url, webhook)
        print_acks(results)
        print(f"\nanswering the {STORED} updates stored ({WARM_UP} of them the warm-up's):")
        drain = drain_outbox(base_url)
        sends = provider_count(provider_url)
    print_drain(drain, sends)
    problems = verify(drain.counts, sends)
    errors = sum(r.errors for r in results.values())
    for problem in problems:
        print(f"  FAILED: {problem}")
    if errors:
        print(f"\n{errors} request error(s): failing")
    return 1 if errors or problems else 0
