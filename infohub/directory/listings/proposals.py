"""What a proposed change to a listing may hold: a strict schema of whitelisted fields.

A proposal comes from a verification link (anyone who has the link) or from provider
staff. Both may change only what a migrant reads about the service and how to reach
it: its texts, its email address and website, its own phone numbers, its hours as a
text, and the languages spoken. Nothing else (organization, locations, confidential
flags, listing status, HSDS ids) can be named: unknown keys are refused.

``None`` means "no change". This is the schema of ``ListingChangeProposal.changes``:
it checks a proposal when it is made, and the stored JSON again whenever it is read
back (``parse_changes``), when an editor reviews or approves it.
"""

import re
from collections.abc import Mapping
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic import ValidationError as SchemaError
from pydantic_core import PydanticCustomError

from infohub.directory.errors import ProposalError

# Service texts a proposal may change. Each is in tables.TRANSLATABLE_FIELDS, so a
# proposal written in another language than the service's source language becomes a
# translation.
TEXT_FIELDS = (
    "name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
)

MAX_LENGTHS = {
    "name": 200,
    "description": 4000,
    "eligibility_description": 2000,
    "application_process": 2000,
    "fees_description": 1000,
    "email": 254,
    "url": 500,
    "schedule": 500,
}
MAX_PHONES = 5
MAX_LANGUAGES = 20

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]{2,29}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")


def _problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("listing_change", message)


def clean_text(value: str) -> str:
    """Line ends made plain, control characters refused, outer spaces removed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _CONTROL.search(value):
        raise _problem(_("Remove the special characters from this text."))
    return value


def _email(value: str) -> str:
    value = clean_text(value)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise _problem(_("Enter a valid email address.")) from None
    return value


def _url(value: str) -> str:
    value = clean_text(value)
    if value and (not value.startswith(("https://", "http://")) or re.search(r"\s", value)):
        raise _problem(_("Enter a web address that starts with https:// or http://."))
    return value


def _phones(values: list[str]) -> list[str]:
    cleaned = []
    for value in values:
        number = " ".join(clean_text(value).split())
        if not _PHONE.fullmatch(number) or sum(c.isdigit() for c in number) < 3:
            raise _problem(_("Enter phone numbers with digits, spaces and + ( ) - only."))
        if number not in cleaned:
            cleaned.append(number)
    return cleaned


def _languages(values: list[str]) -> list[str]:
    cleaned = []
    for value in values:
        code = clean_text(value).lower()
        if not _LANGUAGE.fullmatch(code):
            raise _problem(_("Enter language codes such as es, fr or ht."))
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


def _name(value: str) -> str:
    value = clean_text(value)
    if not value:
        raise _problem(_("A service needs a name."))
    return value


Name = Annotated[str, Field(max_length=MAX_LENGTHS["name"]), AfterValidator(_name)]
Description = Annotated[
    str, Field(max_length=MAX_LENGTHS["description"]), AfterValidator(clean_text)
]
LongText = Annotated[str, Field(max_length=2000), AfterValidator(clean_text)]
ShortText = Annotated[str, Field(max_length=1000), AfterValidator(clean_text)]
Email = Annotated[str, Field(max_length=MAX_LENGTHS["email"]), AfterValidator(_email)]
Url = Annotated[str, Field(max_length=MAX_LENGTHS["url"]), AfterValidator(_url)]
Hours = Annotated[str, Field(max_length=MAX_LENGTHS["schedule"]), AfterValidator(clean_text)]
Phones = Annotated[
    list[Annotated[str, Field(max_length=40)]],
    Field(max_length=MAX_PHONES),
    AfterValidator(_phones),
]
Languages = Annotated[
    list[Annotated[str, Field(max_length=20)]],
    Field(max_length=MAX_LANGUAGES),
    AfterValidator(_languages),
]


class ProposedChanges(BaseModel):
    """The whitelisted fields of a proposal; strict types, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: Name | None = None
    description: Description | None = None
    eligibility_description: LongText | None = None
    application_process: LongText | None = None
    fees_description: ShortText | None = None
    email: Email | None = None
    url: Url | None = None
    phones: Phones | None = None
    schedule: Hours | None = None
    languages: Languages | None = None

    def as_json(self) -> dict[str, Any]:
        """The changes as stored: only the fields that change."""
        return self.model_dump(exclude_none=True)


def parse_changes(data: object) -> ProposedChanges:
    """Check new values or a stored proposal's JSON strictly; any problem is one ProposalError."""
    # Stored JSON could be any JSON value; only an object can hold changes.
    if not isinstance(data, Mapping):
        raise ProposalError(_("The proposed changes could not be read."))
    try:
        return ProposedChanges.model_validate(dict(data))
    except SchemaError as error:
        raise ProposalError(proposal_problem_text(error)) from None


def proposal_problem_text(error: SchemaError) -> str:
    """The schema's own messages for our checks, a generic one for the rest."""
    ours = [e["msg"] for e in error.errors() if e["type"] == "listing_change"]
    return " ".join(ours) if ours else _("The proposed changes could not be read.")


def field_problems(error: SchemaError) -> dict[str, str]:
    """Our messages by field, for a form to show next to each field."""
    problems: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        if item["type"] == "listing_change":
            problems.setdefault(field, item["msg"])
        else:
            problems.setdefault(field, _("Check this value."))
    return problems


def only_changes(*, proposed: ProposedChanges, current: Mapping[str, Any]) -> ProposedChanges:
    """The proposal without the fields whose value is the current one."""
    kept = {
        name: value
        for name, value in proposed.as_json().items()
        if _comparable(name, value) != _comparable(name, current.get(name))
    }
    return ProposedChanges.model_validate(kept)


def _comparable(name: str, value: Any) -> Any:
    if name == "languages":
        return sorted(value or [])
    if isinstance(value, list):
        return list(value)
    return value if value is not None else ""
