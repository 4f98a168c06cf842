"""Forms of the data-subject pages. Every action's form carries a fresh authenticator code."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from infohub.counselling.case_codes import case_code_canonical
from infohub.countries import nationality_groups

CODE_LABEL = _("A new code from your authenticator app")


def code_field() -> forms.RegexField:
    return forms.RegexField(
        label=CODE_LABEL,
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six digits shown in your app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6"}
        ),
    )


class FindForm(forms.Form):
    case_code = forms.CharField(label=_("Case code"), max_length=16)


class FreshCodeForm(forms.Form):
    code = code_field()


class LanguageSelect(forms.Select):
    """Each language named in itself, marked with its ``lang``."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["lang"] = str(value)
        return option


class PrintForm(forms.Form):
    """The printable copy, in the language the person reads."""

    language = forms.ChoiceField(
        label=_("Language of the copy"),
        required=False,  # then the person's language, else the page's
        choices=lambda: list(settings.LANGUAGES),
        widget=LanguageSelect,
        help_text=_("The person's language if the record shows one, else this page's."),
    )
    code = code_field()


OPTIONAL_FIELDS = (
    ("family_names", _("Family names")),
    ("date_of_birth", _("Date of birth")),
    ("nationality", _("Nationality")),
    ("phone", _("Phone")),
    ("address", _("Address")),
)


class RectifyForm(forms.Form):
    """Only filled-in fields change; ticked ones are emptied; the rest stay as they are."""

    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    family_names = forms.CharField(label=_("Family names"), required=False, max_length=200)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"), required=False, choices=lambda: [("", "—"), *nationality_groups()]
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=64)
    address = forms.CharField(
        label=_("Address"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    clear = forms.MultipleChoiceField(
        label=_("Remove these values"),
        required=False,
        choices=OPTIONAL_FIELDS,
        widget=forms.CheckboxSelectMultiple,
    )
    code = code_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        changes: dict[str, str] = {}
        for name in ("given_names", "family_names", "nationality", "phone", "address"):
            value = (data.get(name) or "").strip()
            if value:
                changes[name] = value
        if data.get("date_of_birth"):
            changes["date_of_birth"] = data["date_of_birth"].isoformat()
        for name in data.get("clear") or []:
            if name in changes:
                raise forms.ValidationError(
                    _("A field cannot be both changed and removed. Choose one.")
                )
            changes[name] = ""
        if not changes and not self.errors:
            raise forms.ValidationError(
                _("Fill in the values to correct, or tick those to remove.")
            )
        self.changes = changes
        return data


class EraseForm(forms.Form):
    """Confirms an erasure; asks why when it drops something that still needs attention."""

    confirm_case_code = forms.CharField(label=_("Type the case code to confirm"), max_length=16)
    reason = forms.CharField(
        label=_("Why the record must be erased now"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the audit log with the erasure. Do not write names, dates of birth, "
            "phone numbers or any other personal detail: say why, not who."
        ),
        error_messages={"required": _("Write why the record must be erased despite the warning.")},
    )
    code = code_field()

    def __init__(
        self, *args: Any, case_code: str, needs_reason: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.case_code = case_code
        if not needs_reason:
            del self.fields["reason"]

    def clean_confirm_case_code(self) -> str:
        typed = case_code_canonical(str(self.cleaned_data["confirm_case_code"]))
        if typed != self.case_code:
            raise forms.ValidationError(_("That is not this person's case code."))
        return typed
