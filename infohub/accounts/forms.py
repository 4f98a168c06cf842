"""Sign-in forms, with messages that do not reveal whether an account exists."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
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
