"""Sign-in forms, with messages that do not reveal whether an account exists."""

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.models import Hub, Membership
from infohub.accounts.services import role_scope_check
from infohub.time_zones import country_zone, is_zone


class SignInForm(AuthenticationForm):
    # One message for unknown users, wrong passwords and inactive accounts alike.
    error_messages = {
        "invalid_login": _("The username or password is not correct."),
        "inactive": _("The username or password is not correct."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six digits shown in your app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6"}
        ),
    )


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )


class MembershipAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """The admin's role form applies the same scope rules as `create_staff`."""

    class Meta:
        model = Membership
        fields = ("role", "hub", "organisation")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role"):
            try:
                role_scope_check(
                    role=data["role"], hub=data.get("hub"), organisation=data.get("organisation")
                )
            except ProvisioningError as error:
                raise forms.ValidationError(str(error)) from None
        return data


class HubAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """A hub in the admin: its time zone is its country's unless one is given."""

    class Meta:
        model = Hub
        fields = (
            "slug",
            "name",
            "organisation",
            "country",
            "municipality",
            "time_zone",
            "is_active",
            "location",
            "service",
            "whatsapp",
        )
        help_texts = {
            "time_zone": _("An IANA zone such as America/Tijuana; empty: the country's."),
            "location": _("The hub's own public place in the service directory."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].required = False
        if not self.instance.pk:
            self.initial["time_zone"] = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("time_zone") or country_zone(str(data.get("country") or ""))
        if not zone:
            self.add_error("time_zone", _("This country has several time zones: choose one."))
        elif not is_zone(zone):
            self.add_error("time_zone", _("Not a known time zone, such as America/Tijuana."))
        else:
            data["time_zone"] = zone
        location = data.get("location")
        if location is not None and location.confidential:
            self.add_error(
                "location", _("A hub's place is public: choose one that is not confidential.")
            )
        return data


class OwnPasswordForm(PasswordChangeForm):
    """The current password, then a new one the validators accept, in the reader's language.

    Django's messages for these checks have no Haitian Creole translation; ours are
    chosen by each error's code, so every message comes from infohub's catalogs.
    """

    error_messages = {
        "password_incorrect": _("Your current password is not correct."),
        "password_mismatch": _("The two new passwords are not the same."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "At least 12 characters; not a common password, not only digits, not like "
            "your username."
        )
        self.fields["new_password2"].label = _("New password again")
        self.fields["new_password2"].help_text = _("Type the new password once more.")

    def validate_password_for_user(
        self,
        user: Any,
        password_field_name: str = "password2",  # noqa: S107 - a field's name, not a password
    ) -> None:
        field = password_field_name
        password = self.cleaned_data.get(field)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except forms.ValidationError as error:
            self.add_error(field, [_validator_message(e) for e in error.error_list])


def _validator_message(error: forms.ValidationError) -> str:
    messages = {
        "password_too_short": _("The password is too short: use at least 12 characters."),
        "password_too_common": _("This password is too common: choose another one."),
        "password_entirely_numeric": _("The password cannot be only digits."),
        "password_too_similar": _("The password is too close to your username or name."),
    }
    return str(messages.get(error.code or "", _("Choose another password.")))
