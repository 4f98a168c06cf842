"""Staff pages for the spare second factors: recovery codes and passkeys.

Managing them needs a session verified with the second factor; signing in with a
recovery code is a step of the verify page, open to a user who gave only the password.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from infohub.accounts import passkeys, recovery
from infohub.accounts.access import signed_in_user
from infohub.accounts.authentication import confirmed_device
from infohub.accounts.desk import DeskPanel
from infohub.accounts.forms import CodeForm, RecoveryCodeForm
from infohub.accounts.models import User


def _is_verified(user: User) -> bool:
    return bool(user.is_verified())  # type: ignore[attr-defined]


@login_required
def recovery_verify(request: HttpRequest) -> HttpResponse:
    """The verify page's other way in: one recovery code instead of the authenticator."""
    user = signed_in_user(request)
    if _is_verified(user):
        return redirect("accounts:home")
    form = RecoveryCodeForm(request.POST or None)
    if form.is_valid():
        remaining = recovery.recovery_code_verify(
            request=request, user=user, code=form.cleaned_data["code"]
        )
        if remaining is not None:
            context = {"remaining": remaining}
            return render(request, "accounts/second_factor_recovery_used.html", context)
        form.add_error("code", _("That recovery code is not valid or was already used."))
    return render(request, "accounts/second_factor_recovery_verify.html", {"form": form})


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many codes are left; new ones, shown once, for a fresh second factor."""
    user = signed_in_user(request)
    if not _is_verified(user):
        return redirect("accounts:2fa-verify")
    form = CodeForm(request.POST if "code" in request.POST else None)
    if request.method == "POST":
        confirmed = (
            passkeys.passkey_fresh_take(request)
            if "passkey" in request.POST
            else form.is_valid()
            and recovery.fresh_authenticator_code_valid(user=user, code=form.cleaned_data["code"])
        )
        if confirmed:
            codes = recovery.recovery_codes_generate(user=user)
            return render(request, "accounts/second_factor_recovery_codes.html", {"codes": codes})
        if form.is_valid():
            form.add_error(
                "code", _("That code is not valid or was already used. Wait for a new one.")
            )
    context = {
        "form": form,
        "remaining": recovery.recovery_codes_remaining(user=user),
        "has_authenticator": confirmed_device(user=user) is not None,
        "has_passkeys": passkeys.passkey_list(user=user).exists(),
        "passkey_confirmed": passkeys.passkey_fresh_seen(request),
        "passkey_expired": "passkey" in request.POST,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/second_factor_recovery.html", context, status=status)


@login_required
def passkey_list(request: HttpRequest) -> HttpResponse:
    """The user's passkeys; a button to register one once a new code confirmed it is them."""
    user = signed_in_user(request)
    if not _is_verified(user):
        return redirect("accounts:2fa-verify")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if recovery.fresh_authenticator_code_valid(user=user, code=form.cleaned_data["code"]):
            passkeys.fresh_code_confirmed(request)
            return redirect("accounts:2fa-passkeys")
        form.add_error("code", _("That code is not valid or was already used. Wait for a new one."))
    context = {
        "passkeys": passkeys.passkey_list(user=user),
        "form": form,
        "confirmed": passkeys.fresh_factor_seen(request),
        "has_authenticator": confirmed_device(user=user) is not None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/second_factor_passkeys.html", context, status=status)


@login_required
@require_POST
def passkey_remove(request: HttpRequest, pk: str) -> HttpResponse:
    user = signed_in_user(request)
    if not _is_verified(user):
        return redirect("accounts:2fa-verify")
    passkey = passkeys.access_passkey(user=user, pk=pk)
    passkeys.passkey_remove(user=user, passkey=passkey)
    return redirect("accounts:2fa-passkeys")


# --- The staff desk's link -----------------------------------------------------------


def desk_context(user: User) -> Mapping[str, Any] | None:
    """Links to the recovery codes and passkeys, for anyone who signs in with a code."""
    if confirmed_device(user=user) is None:
        return None
    return {
        "remaining": recovery.recovery_codes_remaining(user=user),
        "passkey_count": passkeys.passkey_list(user=user).count(),
    }


PANEL = DeskPanel(
    name="second-factor",
    order=95,
    template="accounts/second_factor_desk.html",
    context=desk_context,
)
