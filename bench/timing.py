"""Timing shared by the latency benchmarks: runs that take turns, percentiles, one line each."""

import gc
import math
import statistics
import time
from collections.abc import Callable


def timed_together(
    runs: dict[str, Callable[[int], object]],
    repeats: int,
    *,
    warm_up: int = 5,
    rounds: int = 10,
    fresh_inputs: bool = False,
) -> dict[str, list[float]]:
    """Milliseconds per call of each ``run(i)``, after ``warm_up`` untimed calls each.

    The runs take turns, a block of calls each in every round, so that a busy moment of
    a shared machine falls on all of them alike. Each block starts after a full garbage
    collection, so that one run's garbage is not collected in another's time. With
    ``fresh_inputs`` the timed calls get the indexes after the warm-up's (for runs that
    write, so no timed call repeats a warm-up one); otherwise they start again at 0.
    """
    for i in range(warm_up):
        for run in runs.values():
            run(i)
    timings: dict[str, list[float]] = {label: [] for label in runs}
    block = max(1, repeats // rounds)
    start = warm_up if fresh_inputs else 0
    end = start + repeats
    for first in range(start, end, block):
        for label, run in runs.items():
            gc.collect()
            for i in range(first, min(first + block, end)):
                started = time.perf_counter()
                run(i)
                timings[label].append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, interpolated between the two nearest ranks."""
    ordered = sorted(values)
    index = (len(ordered) - 1) * q / 100
    low, high = math.floor(index), math.ceil(index)
    return ordered[low] + (ordered[high] - ordered[low]) * (index - low)


def latency_line(label: str, timings: list[float], *, width: int = 44, decimals: int = 2) -> str:
    p50, p95 = percentile(timings, 50), percentile(timings, 95)
    mean = statistics.fmean(timings)
    d = decimals
    return f"  {label:<{width}} p50 {p50:8.{d}f} ms   p95 {p95:8.{d}f} ms   mean {mean:8.{d}f} ms"
