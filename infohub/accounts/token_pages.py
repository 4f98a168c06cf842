"""The API tokens page, ``/staff/tokens/``: list, create and revoke tokens.

Every request on it needs a session that passed the second factor, for every role,
even those the sign-in does not ask for one: a token outlives the session and works
without it. The raw token is shown once, in the response to the form that created it,
and is kept nowhere else. An organisation's administrator also sees and revokes the
tokens of the people who hold a role in that organisation or its hubs
(``access.access_api_token``, 404 for any other token).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from infohub.accounts.access import access_api_token, signed_in_user
from infohub.accounts.desk import DeskPanel
from infohub.accounts.errors import ProvisioningError
from infohub.accounts.models import ApiToken, User
from infohub.accounts.selectors import (
    administered_organisations,
    api_token_list_administered,
    api_token_list_own,
)
from infohub.accounts.services import TOKEN_DEFAULT_DAYS, api_token_create, api_token_revoke
from infohub.accounts.tokens import READ, WRITE, Area, scopes_for_roles

PAGE_SIZE = 25

AREA_LABELS: dict[str, StrOrPromise] = {
    Area.CASEWORK: _("Casework"),
    Area.DIRECTORY: _("Directory"),
    Area.CONTENT: _("Content"),
    Area.INDICATORS: _("Indicators"),
}
ACCESS_LABELS: dict[str, StrOrPromise] = {READ: _("read"), WRITE: _("read and write")}


def scope_label(scope: str) -> str:
    """``casework:write`` in words: "Casework: read and write"."""
    area, _sep, access = scope.partition(":")
    return f"{AREA_LABELS.get(area, area)}: {ACCESS_LABELS.get(access, access)}"


def _roles(user: User) -> list[str]:
    return list(user.memberships.values_list("role", flat=True))


def scope_options(user: User) -> tuple[list[str], list[str]]:
    """The scopes the user's roles allow (write offered only where a role writes) and
    the roles' defaults, which the form ticks."""
    defaults = scopes_for_roles(_roles(user))
    allowed: list[str] = []
    for scope in defaults:
        area = scope.split(":")[0]
        allowed.append(f"{area}:{READ}")
        if scope.endswith(":" + WRITE):
            allowed.append(f"{area}:{WRITE}")
    return allowed, defaults


def max_days() -> int:
    return int(settings.INFOHUB_TOKEN_MAX_DAYS)


class TokenForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        help_text=_("What the token is for, such as the name of the system that uses it."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one scope.")},
    )
    days = forms.IntegerField(label=_("Days until it expires"), min_value=1)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        allowed, defaults = scope_options(user)
        kwargs.setdefault(
            "initial", {"scopes": defaults, "days": min(TOKEN_DEFAULT_DAYS, max_days())}
        )
        super().__init__(*args, **kwargs)
        self.allowed = allowed
        scopes = cast(forms.MultipleChoiceField, self.fields["scopes"])
        scopes.choices = [(scope, scope_label(scope)) for scope in allowed]
        # The cap is read for each form, not at import, so the setting in force applies.
        days = self.fields["days"]
        days.validators.append(MaxValueValidator(max_days()))
        days.widget.attrs["max"] = str(max_days())


# --- What a row shows ----------------------------------------------------------------


class TokenStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


def token_status(token: ApiToken, *, now: dt.datetime) -> TokenStatus:
    """Revoked wins over expired: a revoked token stays revoked once its date passes."""
    if token.revoked_at is not None:
        return TokenStatus.REVOKED
    if token.expires_at <= now:
        return TokenStatus.EXPIRED
    return TokenStatus.ACTIVE


@dataclass(frozen=True)
class TokenRow:
    token: ApiToken
    status: TokenStatus
    scopes: list[str]


def _rows(page: Page[ApiToken], *, now: dt.datetime) -> list[TokenRow]:
    rows = []
    for token in page:
        status = token_status(token, now=now)
        rows.append(
            TokenRow(token=token, status=status, scopes=[scope_label(s) for s in token.scopes])
        )
    return rows


def _page(tokens: QuerySet[ApiToken], number: str | None) -> Page[ApiToken]:
    return Paginator(tokens, PAGE_SIZE).get_page(number)


# --- Views -----------------------------------------------------------------------------


def _is_verified(user: User) -> bool:
    """Whether this session passed the second factor; False without django-otp's middleware."""
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def _second_factor_needed(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/tokens/second_factor_needed.html", status=403)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _list_context(request: HttpRequest, user: User, form: TokenForm) -> dict[str, Any]:
    now = timezone.now()
    own = _page(api_token_list_own(user=user), request.GET.get("page"))
    administers = administered_organisations(user=user).exists()
    others = _page(api_token_list_administered(user=user), request.GET.get("staff_page"))
    return {
        "form": form,
        "can_create": bool(form.allowed),
        "max_days": max_days(),
        "page": own,
        "rows": _rows(own, now=now),
        "administers": administers,
        "staff_page": others,
        "staff_rows": _rows(others, now=now) if administers else [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens (and, for an administrator, their organisation's), and the form
    that creates one; a created token's raw value is the answer to that form, once."""
    user = signed_in_user(request)
    if not _is_verified(user):
        return _second_factor_needed(request)
    form = TokenForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(
                user=user,
                label=form.cleaned_data["label"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
                actor=user,
            )
        except ProvisioningError as error:
            form.add_error(None, str(error))
        else:
            context = {"token": token, "raw": raw, "scopes": [scope_label(s) for s in token.scopes]}
            return _private(render(request, "accounts/tokens/created.html", context))
    status = 400 if request.method == "POST" else 200
    context = _list_context(request, user, form)
    return _private(render(request, "accounts/tokens/list.html", context, status=status))


@login_required
@require_POST
def token_revoke(request: HttpRequest, public_id: str) -> HttpResponse:
    """Revoke a token the user owns or administers; any other id answers 404."""
    user = signed_in_user(request)
    if not _is_verified(user):
        return _second_factor_needed(request)
    token = access_api_token(user=user, public_id=public_id)
    api_token_revoke(token=token, actor=user)
    return redirect("accounts:tokens")


# --- The staff desk's link -----------------------------------------------------------


def desk_context(user: User) -> Mapping[str, Any] | None:
    """A link to the page for everyone whose roles can use a token."""
    allowed, _defaults = scope_options(user)
    if not allowed:
        return None
    now = timezone.now()
    active = api_token_list_own(user=user).filter(revoked_at__isnull=True, expires_at__gt=now)
    return {"active": active.count()}


PANEL = DeskPanel(
    name="api-tokens", order=90, template="accounts/tokens/_desk.html", context=desk_context
)
