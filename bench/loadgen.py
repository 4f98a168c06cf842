"""A small closed-loop load generator for servers on loopback.

N client threads each send GET requests one after another (a new request as soon as the
previous response is read) until a time limit or a shared request budget runs out. The
client shares the machine with the server, so its figures only mean something as ratios
against a baseline measured the same way in the same run.
"""

import http.client
import math
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class LoadResult:
    """What one measured load run produced."""

    path: str
    requests: int  # every completed attempt, errors included
    errors: int  # non-2xx responses and exceptions
    elapsed_s: float
    latencies_ms: list[float] = field(repr=False)  # successful requests only

    @property
    def rps(self) -> float:
        """Successful requests per second: errors are not throughput."""
        ok = self.requests - self.errors
        return ok / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies_ms, 95)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; NaN when there is nothing to rank."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = math.ceil(pct / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


class _Budget:
    """A request budget shared by all client threads: the safety bound on total load."""

    def __init__(self, limit: int) -> None:
        self._left = limit
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


@dataclass
class _ThreadLog:
    latencies_ms: list[float] = field(default_factory=list)
    requests: int = 0
    errors: int = 0


def loopback_port(base_url: str) -> int:
    """The port of base_url, refusing anything but plain HTTP on 127.0.0.1."""
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname != LOOPBACK or parts.port is None:
        raise ValueError(f"load is only generated against http://{LOOPBACK}:PORT, not {base_url}")
    return parts.port


def _get_once(conn: http.client.HTTPConnection, path: str) -> bool:
    """Send one GET and read the whole body; True on a 2xx answer."""
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return 200 <= response.status < 300


def _client(port: int, path: str, deadline: float, budget: _Budget, log: _ThreadLog) -> None:
    """One client thread: request after request until the deadline or the budget ends.

    Sync gunicorn workers close every connection, so http.client reconnects as needed;
    connecting is part of each measured latency, as it is for a real visitor.
    """
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    try:
        while time.perf_counter() < deadline and budget.take():
            start = time.perf_counter()
            try:
                ok = _get_once(conn, path)
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            log.requests += 1
            if ok:
                log.latencies_ms.append((time.perf_counter() - start) * 1000)
            else:
                log.errors += 1
    finally:
        conn.close()


def _drive(
    port: int, path: str, concurrency: int, duration_s: float, max_requests: int
) -> LoadResult:
    """Run the client threads once and merge what each of them logged."""
    budget = _Budget(max_requests)
    logs = [_ThreadLog() for _ in range(concurrency)]
    start = time.perf_counter()
    threads = [
        threading.Thread(target=_client, args=(port, path, start + duration_s, budget, log))
        for log in logs
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return LoadResult(
        path=path,
        requests=sum(log.requests for log in logs),
        errors=sum(log.errors for log in logs),
        elapsed_s=elapsed,
        latencies_ms=[ms for log in logs for ms in log.latencies_ms],
    )


def run_load(
    base_url: str,
    path: str,
    *,
    concurrency: int = 8,
    duration_s: float = 5.0,
    max_requests: int = 20_000,
    warmup_s: float = 0.5,
) -> LoadResult:
    """Load base_url + path: an unmeasured warm-up, then the measured run.

    The warm-up fills the workers' caches (templates, DB connections, imports) so the
    measured run compares steady states.
    """
    port = loopback_port(base_url)
    if warmup_s > 0:
        _drive(port, path, concurrency, warmup_s, max_requests)
    return _drive(port, path, concurrency, duration_s, max_requests)
