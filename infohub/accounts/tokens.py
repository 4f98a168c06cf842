"""API token scopes: what each scope string means and which scopes a role gets by default.

A scope is ``AREA:ACCESS`` (``casework:write``, ``directory:read``...) or the plain
``read``, read access to every area. Write implies read. Scopes only narrow what a
token may do: the owner's roles are checked on every call as for a signed-in person.
"""

from collections.abc import Iterable
from enum import StrEnum

from django.utils.translation import gettext as _

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.models import Role


class Area(StrEnum):
    CASEWORK = "casework"
    DIRECTORY = "directory"
    CONTENT = "content"
    INDICATORS = "indicators"


READ = "read"
WRITE = "write"
ALL_READ = "read"

# Every area, read and write: tokens that test the roles' own checks, unnarrowed.
ALL_SCOPES: tuple[str, ...] = tuple(f"{area}:{WRITE}" for area in Area)

# The scopes a token gets when none are asked for, by the owner's role (docs/security.md).
ROLE_TOKEN_SCOPES: dict[str, tuple[str, ...]] = {
    Role.ADMIN: ("casework:write", "directory:write", "content:write", "indicators:read"),
    Role.HUB_MANAGER: ("casework:write", "directory:write", "content:read", "indicators:read"),
    Role.COUNSELLOR: ("casework:write", "directory:read", "content:read"),
    Role.COMMUNITY_ADVISOR: ("casework:write", "directory:read", "content:read"),
    Role.PROVIDER_STAFF: ("casework:write", "directory:write", "content:read"),
    Role.EDITOR: ("directory:write", "content:write"),
    Role.ANALYST: ("casework:read", "directory:read", "content:read", "indicators:read"),
    Role.DPO: ("casework:write", "directory:read", "content:read", "indicators:read"),
}


def scope_parse(value: str) -> str:
    """The scope in its canonical form, or ProvisioningError naming it."""
    scope = value.strip().lower()
    if scope == ALL_READ:
        return scope
    area, _sep, access = scope.partition(":")
    if area not in set(Area) or access not in (READ, WRITE):
        raise ProvisioningError(_("Unknown token scope: %(scope)r.") % {"scope": value})
    return scope


def scopes_parse(values: Iterable[str]) -> list[str]:
    """Each scope validated, once, in a stable order."""
    return sorted({scope_parse(value) for value in values})


def scopes_for_roles(roles: Iterable[str]) -> list[str]:
    """The union of the default scopes of ``roles``; write on an area wins over read."""
    return scopes_for_scopes(scope for role in roles for scope in ROLE_TOKEN_SCOPES.get(role, ()))


def scopes_resolve(*, requested: Iterable[str], roles: Iterable[str]) -> list[str]:
    """The scopes to store: the roles' defaults when none are asked for, and the plain
    ``read`` spelled out as read on each area the roles reach."""
    role_scopes = scopes_for_roles(roles)
    asked = scopes_parse(requested)
    if not asked:
        return role_scopes
    role_areas = {scope.split(":")[0] for scope in role_scopes}
    spelled = {f"{area}:{READ}" for area in role_areas} if ALL_READ in asked else set()
    return scopes_for_scopes({*asked, *spelled} - {ALL_READ})


def scopes_for_scopes(scopes: Iterable[str]) -> list[str]:
    """``scopes`` without the reads that a write on the same area already implies."""
    scopes = set(scopes)
    writes = {s.split(":")[0] for s in scopes if s.endswith(":" + WRITE)}
    return sorted(s for s in scopes if s.split(":")[0] not in writes or s.endswith(":" + WRITE))


def scopes_allow(scopes: Iterable[str], *, area: Area, write: bool) -> bool:
    """Whether ``scopes`` grant reading (or writing) ``area``."""
    granted = set(scopes)
    if f"{area}:{WRITE}" in granted:
        return True
    return not write and f"{area}:{READ}" in granted
