#!/usr/bin/env python3
"""Print a Mermaid graph of which infohub package imports which, from the import graph.

By default an edge that a longer path already implies is left out (the transitive
reduction), so the diagram shows the layers; ``--all`` prints every direct dependency.
"""

import sys
from collections import defaultdict
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
# Tests and migrations are left out, as in the import contracts.
SKIPPED_PARTS = {"tests", "migrations"}


def package_of(module: str) -> str:
    """Name the top-level piece of infohub a module belongs to (``infohub.core.views`` → core)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def is_production(module: str) -> bool:
    return not SKIPPED_PARTS.intersection(module.split("."))


def package_dependencies(graph: grimp.ImportGraph) -> dict[str, dict[str, int]]:
    """Count the imports from each package to each other package."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for importer in filter(is_production, graph.modules):
        for imported in filter(is_production, graph.find_modules_directly_imported_by(importer)):
            source, target = package_of(importer), package_of(imported)
            if source != target:
                counts[source][target] += 1
    return counts


def reachable(counts: dict[str, dict[str, int]], start: str, skip: str) -> set[str]:
    """Packages reached from ``start`` without taking its direct edge to ``skip``."""
    seen: set[str] = set()
    stack = [t for t in counts.get(start, {}) if t != skip]
    while stack:
        package = stack.pop()
        if package not in seen:
            seen.add(package)
            stack.extend(counts.get(package, {}))
    return seen


def reduced(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Drop each edge that another path already implies."""
    kept: dict[str, dict[str, int]] = defaultdict(dict)
    for source, targets in counts.items():
        for target, number in targets.items():
            if target not in reachable(counts, source, target):
                kept[source][target] = number
    return kept


def mermaid(counts: dict[str, dict[str, int]]) -> str:
    lines = ["graph TD"]
    for source in sorted(counts):
        for target in sorted(counts[source]):
            # A dependency both ways is a cycle the import contracts still tolerate.
            arrow = "-.->" if source in counts.get(target, {}) else "-->"
            lines.append(f"    {source} {arrow} {target}")
    return "\n".join(lines)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("infohub", cache_dir=None)
    counts = package_dependencies(graph)
    print(mermaid(counts if "--all" in sys.argv else reduced(counts)))


if __name__ == "__main__":
    main()
