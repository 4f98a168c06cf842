#!/usr/bin/env python
"""Run the benchmarks: every bench/bench_*.py, or only those named on the command line.

Usage: python bench/run.py [NAME ...]   e.g. `python bench/run.py home` runs bench_home.py.
Each module's main() returns 0 on success; a non-zero return or an exception is a failure.
"""

import importlib
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def discover() -> dict[str, str]:
    """Map short names ("home") to module names ("bench.bench_home"), in file-name order."""
    return {
        path.stem.removeprefix("bench_"): f"bench.{path.stem}"
        for path in sorted(BENCH_DIR.glob("bench_*.py"))
    }


def select(available: dict[str, str], wanted: list[str]) -> dict[str, str]:
    """The benchmarks to run: all of them, or the named ones; unknown names are an error."""
    if not wanted:
        return available
    unknown = [name for name in wanted if name not in available]
    if unknown:
        known = ", ".join(available) or "none"
        raise SystemExit(f"unknown benchmark(s): {', '.join(unknown)} (known: {known})")
    return {name: available[name] for name in wanted}


def run_one(name: str, module_name: str) -> bool:
    """Import and run one benchmark under a header; True when it succeeded."""
    module = importlib.import_module(module_name)
    summary = (module.__doc__ or "").strip().splitlines()[:1]
    print(f"\n=== {name}: {summary[0] if summary else module_name} ===", flush=True)
    started = time.perf_counter()
    main: Callable[[], int | None] = module.main
    try:
        ok = not main()
    except Exception:
        traceback.print_exc()
        ok = False
    took = time.perf_counter() - started
    print(f"--- {name}: {'ok' if ok else 'FAILED'} in {took:.1f} s", flush=True)
    return ok


def main(argv: list[str]) -> int:
    selected = select(discover(), argv)
    failed = [name for name, module_name in selected.items() if not run_one(name, module_name)]
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    # Runnable as a plain script: make `bench` and `infohub` importable from the repo root.
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infohub.settings")
    sys.exit(main(sys.argv[1:]))
