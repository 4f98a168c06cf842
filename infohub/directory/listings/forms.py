"""Forms of the listing pages: proposing changes, and anonymous feedback.

Neither asks for anything about the person who fills it in.
"""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as SchemaError

from infohub.directory.listings.proposals import (
    MAX_LANGUAGES,
    MAX_LENGTHS,
    MAX_PHONES,
    ProposedChanges,
    field_problems,
)

_EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]{2,}")
_PHONE_LIKE = re.compile(r"(?:\d[\s().\-/]*){7,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text(label: Any, field: str, *, rows: int = 0, required: bool = False) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=MAX_LENGTHS[field],
        required=required,
        strip=False,  # the schema strips, so the form shows what will be stored
        widget=widget,
    )


class ListingChangeForm(forms.Form):
    """What a listing's contact or provider staff may change; an editor reviews it."""

    name = _text(_("Name of the service"), "name", required=True)
    description = _text(_("Description"), "description", rows=6)
    eligibility_description = _text(_("Who can use it"), "eligibility_description", rows=3)
    application_process = _text(_("How to get it"), "application_process", rows=3)
    fees_description = _text(_("Cost"), "fees_description", rows=2)
    schedule = _text(_("Opening hours"), "schedule", rows=2)
    email = _text(_("Email address of the service"), "email")
    url = _text(_("Website"), "url")
    phones = forms.CharField(
        label=_("Phone numbers"),
        help_text=_("One number per line."),
        required=False,
        max_length=MAX_PHONES * 41,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    languages = forms.CharField(
        label=_("Languages spoken"),
        help_text=_("Language codes separated by commas, such as es, fr, ht."),
        required=False,
        max_length=MAX_LANGUAGES * 21,
    )

    changes: ProposedChanges

    @staticmethod
    def initial_from(current: dict[str, Any]) -> dict[str, Any]:
        """Form values from ``selectors.listing_current_values``."""
        return {
            **current,
            "phones": "\n".join(current["phones"]),
            "languages": ", ".join(current["languages"]),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        values: dict[str, Any] = {name: data.get(name, "") for name in self.fields}
        values["phones"] = [line for line in values["phones"].splitlines() if line.strip()]
        values["languages"] = [c for c in re.split(r"[\s,;]+", values["languages"]) if c]
        try:
            self.changes = ProposedChanges.model_validate(values)
        except SchemaError as error:
            for field, message in field_problems(error).items():
                self.add_error(field if field in self.fields else None, message)
        return data


RATINGS = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    """A rating and an optional comment; no name, no contact, nothing about the person."""

    rating = forms.TypedChoiceField(
        label=_("How useful was this service? (1 = not at all, 5 = very useful)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        help_text=_(
            "Comments are published after review. Do not write your name, phone number "
            "or anything else about yourself or others."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Left empty by people, who never see it; filled in by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_comment(self) -> str:
        comment = str(self.cleaned_data.get("comment", "")).replace("\r\n", "\n").strip()
        comment = _CONTROL.sub("", comment)
        if _EMAIL_LIKE.search(comment) or _PHONE_LIKE.search(comment):
            raise forms.ValidationError(
                _("Please leave out email addresses and phone numbers: comments are public.")
            )
        return comment

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))
