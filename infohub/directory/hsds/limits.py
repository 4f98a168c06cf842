"""How much an import may read: members of a .zip, bytes expanded, depth of JSON nesting.

A small .zip can expand to gigabytes and a short JSON file can nest deeper than Python
recurses, so each is bounded before it costs memory or a crash. Expanded bytes are
counted as they are decompressed: the sizes a .zip's header claims are not trusted.
"""

import re

from django.conf import settings

from infohub.directory.errors import DirectoryError

# An HSDS package has about thirty tables; anything far beyond is not one.
MAX_MEMBERS = 1000
# HSDS objects nest a few levels (service > location > address); far fewer than Python's
# recursion limit, which a deeper document would hit in the parser.
MAX_JSON_DEPTH = 64

# A whole string (skipped) or a bracket (counted): brackets inside strings do not nest.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def max_expanded_bytes() -> int:
    limit: int = settings.INFOHUB_HSDS_MAX_EXPANDED_BYTES
    return limit


def json_nests_too_deep(text: str) -> bool:
    """Whether ``text`` opens more than MAX_JSON_DEPTH arrays and objects inside each other."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif bracket in "]}":
            depth -= 1
    return False


def check_json_depth(text: str, *, file: str) -> None:
    if json_nests_too_deep(text):
        raise DirectoryError(
            f"{file} nests arrays and objects more than {MAX_JSON_DEPTH} levels deep; "
            "HSDS data never does."
        )


class ExpansionBudget:
    """The bytes a package may still expand to, shared by all its members."""

    def __init__(self, archive_name: str) -> None:
        self.archive_name = archive_name
        self.left = max_expanded_bytes()

    def take(self, size: int, *, member: str) -> None:
        self.left -= size
        if self.left < 0:
            raise DirectoryError(
                f"{self.archive_name} expands beyond {max_expanded_bytes()} bytes "
                f"(reading {member}); the limit is INFOHUB_HSDS_MAX_EXPANDED_BYTES."
            )
