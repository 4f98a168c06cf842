"""Single sign-on with OpenID Connect: who may come in, and with which second factor.

mozilla-django-oidc runs the code flow (state, nonce, PKCE, the ID token's signature);
this module adds the rules of docs/decisions/0012:

- an account is never created and its roles never change: the provider only says
  which existing, active account is signing in, by a verified e-mail address
  (``account_for_claims``); no match, or more than one, is refused;
- the second factor is the provider's only when the signed ID token asserts
  multi-factor authentication (``mfa_claim``); the session is then verified through an
  ``IdentityProviderDevice``, so ``user.is_verified()`` and the second-factor middleware
  need nothing new. Otherwise the middleware still asks for a code;
- every sign-in is audited (``sso_session_start``).
"""

import enum
import functools
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import View
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from infohub.accounts.models import IdentityProviderDevice, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record

logger = logging.getLogger(__name__)

DEVICE_NAME = "identity provider"

# mozilla-django-oidc's endpoint settings and their names in a discovery document.
_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# Where the backend leaves its verdict for the callback view (the same request object).
_OUTCOME_ATTRIBUTE = "infohub_sso_outcome"


class ProviderUnavailableError(Exception):
    """The provider's discovery document could not be read or does not match its issuer."""


class Refusal(enum.Enum):
    UNVERIFIED = "unverified"
    NO_ACCOUNT = "no_account"
    AMBIGUOUS = "ambiguous"
    FAILED = "failed"


class SignOnRefusedError(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


@dataclass(frozen=True)
class Outcome:
    """What the backend decided about one callback."""

    refusal: Refusal | None = None
    # The claim that asserted multi-factor authentication, such as "amr=mfa"; "" for none.
    mfa: str = ""


# --- Claim rules (no database, no network) ---------------------------------------------


def email_is_verified(claims: Mapping[str, object]) -> bool:
    """Whether the provider says it verified the address (some send the text "true")."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.lower() == "true")


def mfa_claim(
    id_token: Mapping[str, object], *, amr_values: Collection[str], acr_values: Collection[str]
) -> str:
    """The ID token's claim that asserts multi-factor authentication, or "" for none.

    Only the signed ID token counts: the userinfo answer says who the user is, not how
    they signed in.
    """
    amr = id_token.get("amr")
    if isinstance(amr, list):
        for value in amr:
            if isinstance(value, str) and value in amr_values:
                return f"amr={value}"
    acr = id_token.get("acr")
    if isinstance(acr, str) and acr in acr_values:
        return f"acr={acr}"
    return ""


def audience_and_issuer_match(
    id_token: Mapping[str, object], *, client_id: str, issuer: str
) -> bool:
    """Whether the ID token was issued for us, by the configured issuer (always set)."""
    audience = id_token.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience
    if not isinstance(audiences, list) or client_id not in audiences:
        return False
    return bool(issuer) and id_token.get("iss") == issuer


# --- Reads ----------------------------------------------------------------------------


def account_for_claims(claims: Mapping[str, object]) -> User:
    """The one active account whose e-mail the provider verified, or SignOnRefusedError.

    Accounts are counted whether active or not: an address two accounts share picks
    neither, even when one of them is deactivated.
    """
    email = claims.get("email")
    if not isinstance(email, str) or not email.strip():
        raise SignOnRefusedError(Refusal.UNVERIFIED)
    if not email_is_verified(claims):
        raise SignOnRefusedError(Refusal.UNVERIFIED)
    accounts = list(User.objects.filter(email__iexact=email.strip())[:2])
    if len(accounts) > 1:
        raise SignOnRefusedError(Refusal.AMBIGUOUS)
    if not accounts or not accounts[0].is_active:
        raise SignOnRefusedError(Refusal.NO_ACCOUNT)
    return accounts[0]


@functools.lru_cache(maxsize=4)
def _discovery(issuer: str) -> dict[str, str]:
    """The provider's endpoints from its discovery document, read once per process."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailableError(str(error)) from None
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise ProviderUnavailableError("the discovery document names another issuer")
    return {key: str(document.get(name, "")) for key, name in _DISCOVERED.items()}


def oidc_setting(name: str, *default: Any) -> Any:
    """A mozilla-django-oidc setting; an endpoint left empty comes from discovery."""
    value = import_from_settings(name, *default)
    if name in _DISCOVERED and not value and settings.INFOHUB_OIDC_ISSUER:
        return _discovery(settings.INFOHUB_OIDC_ISSUER)[name]
    return value


def outcome_of(request: HttpRequest) -> Outcome:
    outcome = getattr(request, _OUTCOME_ATTRIBUTE, None)
    return outcome if isinstance(outcome, Outcome) else Outcome(refusal=Refusal.FAILED)


def _outcome_set(request: HttpRequest, outcome: Outcome) -> None:
    setattr(request, _OUTCOME_ATTRIBUTE, outcome)


# --- The authentication backend ---------------------------------------------------------


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Matches the provider's user to an existing account; never creates or changes one.

    It sits after django-axes' backend, which refuses the callback of a locked-out
    address before the code is exchanged and counts each refused callback as a failure.
    """

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Settings and endpoints are read when a callback is handled: Django builds a
        # backend for every password sign-in and every request of a signed-in session,
        # and those must not depend on the provider answering.
        self.UserModel = User

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce: a password form never reaches here.
        if request is None or "nonce" not in kwargs or not settings.INFOHUB_OIDC_ENABLED:
            return None
        try:
            super().__init__()
            user: User | None = super().authenticate(request, **kwargs)
        except (
            SuspiciousOperation,
            ProviderUnavailableError,
            requests.RequestException,
            jwt.PyJWTError,
            KeyError,
            ValueError,
        ) as e:
            # A bad signature, nonce or token (expired, malformed, no matching key), or a
            # provider that did not answer: no sign-in, and not a server error either.
            logger.warning("single sign-on failed: %s", type(e).__name__)
            _outcome_set(request, Outcome(refusal=Refusal.FAILED))
            return None
        return user

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        request: HttpRequest = self.request
        try:
            if not audience_and_issuer_match(
                payload, client_id=self.OIDC_RP_CLIENT_ID, issuer=settings.INFOHUB_OIDC_ISSUER
            ):
                raise SignOnRefusedError(Refusal.FAILED)
            claims = self.get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core 5.3.2: the userinfo must be about the ID token's subject.
            if not isinstance(claims, dict) or claims.get("sub") != payload.get("sub"):
                raise SignOnRefusedError(Refusal.FAILED)
            user = account_for_claims(claims)
        except SignOnRefusedError as refused:
            logger.info("single sign-on refused: %s", refused.refusal.value)
            _outcome_set(request, Outcome(refusal=refused.refusal))
            return None
        mfa = mfa_claim(
            payload,
            amr_values=settings.INFOHUB_OIDC_MFA_AMR,
            acr_values=settings.INFOHUB_OIDC_MFA_ACR,
        )
        _outcome_set(request, Outcome(mfa=mfa))
        return user

    def create_user(self, claims: dict[str, Any]) -> User:
        raise PermissionDenied("Single sign-on never creates accounts.")

    def get_user(self, user_id: int) -> User | None:
        # A deactivated account's single sign-on session ends at its next request.
        return User.objects.filter(pk=user_id, is_active=True).first()


# --- Writes ---------------------------------------------------------------------------


def sso_session_start(*, request: HttpRequest, user: User, mfa: str) -> None:
    """Sign the user in after the provider's callback, with its second factor if asserted.

    Without an MFA claim any second factor an earlier sign-in left in the session is
    dropped: each sign-in decides its own.
    """
    with transaction.atomic():
        login(request, user)
        audit_record(actor=user, action=AuditAction.SSO_LOGIN, target=user)
        if not mfa:
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            return
        device, _created = IdentityProviderDevice.objects.get_or_create(
            user=user, defaults={"name": DEVICE_NAME, "confirmed": True}
        )
        otp_login(request, device)
        audit_record(actor=user, action=AuditAction.SECOND_FACTOR_IDENTITY_PROVIDER, target=user)
    logger.info("single sign-on with the provider's second factor (%s)", mfa)


# --- Views ----------------------------------------------------------------------------


def _refusal_message(refusal: Refusal) -> str:
    provider = settings.INFOHUB_OIDC_NAME
    if refusal is Refusal.UNVERIFIED:
        return _(
            "%(provider)s did not confirm your e-mail address, so it cannot be matched "
            "to a staff account."
        ) % {"provider": provider}
    if refusal is Refusal.NO_ACCOUNT:
        return _(
            "No active staff account here has the e-mail address of your %(provider)s "
            "account. Ask your administrator to add it to your account."
        ) % {"provider": provider}
    if refusal is Refusal.AMBIGUOUS:
        return _(
            "More than one staff account here has the e-mail address of your %(provider)s "
            "account, so none was chosen. Ask your administrator to fix it."
        ) % {"provider": provider}
    return _(
        "Signing in with %(provider)s did not work. Start again, or sign in with your password."
    ) % {"provider": provider}


def _refuse(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    messages.error(request, _refusal_message(refusal))
    return redirect("accounts:login")


class SignInStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with a fresh state, nonce and PKCE challenge."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs: Any) -> None:
        # The provider's endpoint is read per request in get(), where failing is handled.
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.INFOHUB_OIDC_ENABLED:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailableError:
            logger.warning("single sign-on: the provider's discovery document is unavailable")
            return _refuse(request, Refusal.FAILED)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response


class SignInCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: checks state, signs in or refuses."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.INFOHUB_OIDC_ENABLED:
            raise Http404
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation:
            # A state this session never issued, or already used: a replayed callback.
            logger.warning("single sign-on callback with an unknown state")
            return _refuse(request, Refusal.FAILED)
        return response

    def login_success(self) -> HttpResponse:
        sso_session_start(request=self.request, user=self.user, mfa=outcome_of(self.request).mfa)
        return redirect(self.success_url)

    def login_failure(self) -> HttpResponse:
        refusal = outcome_of(self.request).refusal or Refusal.FAILED
        return _refuse(self.request, refusal)
