"""Sign-in forms, with messages that do not reveal whether an account exists."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.models import Membership
from infohub.accounts.services import role_scope_check


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
