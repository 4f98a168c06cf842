"""Passkeys (WebAuthn) as a second factor, through django-otp-webauthn.

The library does the WebAuthn ceremonies: its endpoints check what the browser sends,
its scripts (static files, so the strict CSP holds) call the browser. This module
narrows it to what infohub allows and audits it:

- a passkey is never the only factor: passwordless sign-in is off in the settings,
  so a ceremony runs only for a user who already gave their password;
- registering a passkey needs a session verified with the second factor (the library
  would let someone without any device register one and count as verified), and a
  fresh confirmation of it moments before (a new authenticator code, or one of their
  passkeys), so that a session left open cannot be given a passkey that outlives it;
- completing a registration or a sign-in writes its audit row in the same transaction;
- a passkey confirmed in an already verified session counts, for a few minutes, as a
  fresh second factor for pages that ask for one (new recovery codes).
"""

import time
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record

# How long a confirmation counts as fresh, and where the session keeps each kind.
FRESH_SECONDS = 120
_FRESH_KEY = "infohub.passkey_confirmed_at"
_FRESH_CODE_KEY = "infohub.code_confirmed_at"


class FreshFactorRequired(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = _("Confirm it is you with a new code first.")
    default_code = "fresh_factor_required"


def passkey_list(*, user: User) -> QuerySet[WebAuthnCredential]:
    """The user's passkeys, most recently used first."""
    found: QuerySet[WebAuthnCredential] = WebAuthnCredential.objects.filter(user=user)
    return found.order_by("-last_used_at", "-pk")


def access_passkey(*, user: User, pk: object) -> WebAuthnCredential:
    """One of the user's own passkeys, or 404: someone else's looks like none."""
    try:
        return passkey_list(user=user).get(pk=int(str(pk)))
    except (ValueError, WebAuthnCredential.DoesNotExist):
        raise Http404 from None


def passkey_remove(*, user: User, passkey: WebAuthnCredential) -> None:
    """Delete one of the user's passkeys; it no longer signs anyone in."""
    with transaction.atomic():
        passkey.delete()
        audit_record(actor=user, action=AuditAction.PASSKEY_REMOVE, target=user)


def _fresh(confirmed_at: object) -> bool:
    return isinstance(confirmed_at, float) and 0 <= time.time() - confirmed_at <= FRESH_SECONDS


def passkey_fresh_seen(request: HttpRequest) -> bool:
    """Whether a passkey confirmed the second factor moments ago."""
    return _fresh(request.session.get(_FRESH_KEY))


def passkey_fresh_take(request: HttpRequest) -> bool:
    """Whether a passkey confirmed the second factor moments ago; the confirmation is used up."""
    return _fresh(request.session.pop(_FRESH_KEY, None))


def fresh_code_confirmed(request: HttpRequest) -> None:
    """A new authenticator code was just given: adding a passkey is allowed for a while."""
    request.session[_FRESH_CODE_KEY] = time.time()


def fresh_factor_seen(request: HttpRequest) -> bool:
    """Whether a new code or a passkey confirmed the second factor moments ago."""
    return _fresh(request.session.get(_FRESH_CODE_KEY)) or passkey_fresh_seen(request)


def _fresh_user(request: HttpRequest) -> User:
    user = _verified_user(request)
    if not fresh_factor_seen(request):
        raise FreshFactorRequired()
    return user


def _verified_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise exceptions.NotAuthenticated()
    if not user.is_verified():  # type: ignore[attr-defined]
        raise exceptions.NotVerified()
    return user


class PasskeyRegistrationBegin(BeginCredentialRegistrationView):
    def check_can_register(self) -> None:
        _fresh_user(self.request)


class PasskeyRegistrationComplete(CompleteCredentialRegistrationView):
    def check_can_register(self) -> None:
        _fresh_user(self.request)

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        user = _fresh_user(self.request)
        with transaction.atomic():
            response: HttpResponse = super().post(*args, **kwargs)
            audit_record(actor=user, action=AuditAction.PASSKEY_REGISTER, target=user)
        # One confirmation, one passkey: the next needs a new one.
        self.request.session.pop(_FRESH_CODE_KEY, None)
        self.request.session.pop(_FRESH_KEY, None)
        return response


class PasskeyVerifyComplete(CompleteCredentialAuthenticationView):
    def complete_auth(self, device: WebAuthnCredential) -> None:
        user = device.user
        # Signing in is not a confirmation; a second ceremony in the session is.
        confirming = bool(self.request.user.is_verified())
        with transaction.atomic():
            super().complete_auth(device)
            audit_record(actor=user, action=AuditAction.PASSKEY_VERIFY, target=user)
        if confirming:
            self.request.session[_FRESH_KEY] = time.time()


# Mounted under the namespace "otp_webauthn", the names the library's scripts look up.
webauthn_urlpatterns = [
    path(
        "registration/begin/",
        PasskeyRegistrationBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        PasskeyRegistrationComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        PasskeyVerifyComplete.as_view(),
        name="credential-authentication-complete",
    ),
    # The library's catalogs, merged with ours (LOCALE_PATHS' djangojs.po) for the
    # languages it ships none for.
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
