"""Enrolment links: the only way to set up the second factor.

A password alone must not be enough to enrol an authenticator, or whoever learns a
password before its owner signs in for the first time (or after a lost phone) enrols
their own phone and owns the account. So the setup page works only for a session that
opened a valid enrolment link: a random token made by ``create_staff``,
``issue_enrolment_link`` or the staff admin, tied to one account, working once and for
``INFOHUB_ENROLMENT_LINK_HOURS`` hours (72 by default). Only the token's SHA-256 digest
is stored; issuing a new link makes the older ones of that account stop working.

Where the token travels. The link is ``/accounts/enrol/<token>/``. gunicorn writes no
access log, but the proxy's log in ``docs/deployment.md`` records each request's path
(``$uri``: without the query string, with the path), and a page whose address holds a
token hands it to every site it links to in ``Referer``. So the link's view does one
thing: it finds the link, keeps its id (not the token) in the server-side session and
redirects, with ``Referrer-Policy: no-referrer`` and ``Cache-Control: no-store``, to the
token-free setup page (or to the sign-in, which keeps the session's data). It renders
nothing and never answers with an error status, so Django's request log, which names
the path of every 4xx answer, never sees a token either. The token left in the proxy's
log still needs the account's password in the same session to enrol anything, and is
dead once used, replaced or expired. We did not make people type the token into a form:
links in mail are what people click, and opening the link changes nothing but the
opener's own session, so a mail scanner that fetches it first does not use it up. The
link is used up only when the authenticator is confirmed with a first code.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts import authentication
from infohub.accounts.errors import EnrolmentLinkError, ProvisioningError
from infohub.accounts.models import EnrolmentLink, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record

SESSION_KEY = "infohub.enrolment_link"
# Kept in the session for a token that names no link, so the setup page can say so.
UNKNOWN_LINK = 0


@dataclass(frozen=True)
class IssuedLink:
    """A new link; its raw token (also inside ``url``) is never stored and never logged."""

    link: EnrolmentLink
    # Left out of repr, so a logged or printed object never shows them.
    token: str = field(repr=False)
    url: str = field(repr=False)


def link_hours() -> int:
    return int(settings.INFOHUB_ENROLMENT_LINK_HOURS)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _ask_again() -> str:
    return _("Ask your administrator for a new enrolment link.")


def site_url() -> str:
    """The site's public address that links start with, or a ProvisioningError."""
    base = str(settings.INFOHUB_PUBLIC_URL).strip().rstrip("/")
    if not base:
        raise ProvisioningError(
            _("Enrolment links need the site's public address: set INFOHUB_PUBLIC_URL.")
        )
    return base


# Selectors -------------------------------------------------------------------------


def enrolment_link_find(*, token: str) -> EnrolmentLink | None:
    """The link a token names, whatever its state; None for a token that names none."""
    return EnrolmentLink.objects.select_related("user").filter(digest=_digest(token)).first()


def enrolment_link_refusal(*, link: EnrolmentLink | None, user: User) -> str | None:
    """Why ``link`` cannot enrol ``user``'s authenticator now, or None when it can."""
    if link is None:
        return _("This enrolment link is not valid. Check that you copied all of it.")
    if link.user_id != user.pk:
        return _(
            "This enrolment link is for another account. Sign out, then sign in with the "
            "account it was sent to."
        )
    if link.used_at is not None:
        return _("This enrolment link was already used.")
    if link.replaced_at is not None:
        return _("A newer enrolment link replaced this one. Use the newest one you received.")
    if link.expires_at <= timezone.now():
        return _("This enrolment link has expired.")
    return None


def _session_link(request: HttpRequest) -> EnrolmentLink | None:
    link_id = request.session.get(SESSION_KEY)
    if not isinstance(link_id, int) or link_id == UNKNOWN_LINK:
        return None
    return EnrolmentLink.objects.filter(pk=link_id).first()


# Services --------------------------------------------------------------------------


def enrolment_link_issue(*, user: User, actor: User | None) -> IssuedLink:
    """Make a new link for ``user``; their older links stop working. Audited."""
    if not user.is_active:
        raise ProvisioningError(_("Enrolment links are issued to active accounts only."))
    base = site_url()
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        earlier = EnrolmentLink.objects.select_for_update().filter(user=user)
        again = earlier.exists()
        earlier.filter(used_at__isnull=True, replaced_at__isnull=True).update(replaced_at=now)
        link = EnrolmentLink.objects.create(
            user=user, digest=_digest(token), expires_at=now + timedelta(hours=link_hours())
        )
        action = AuditAction.ENROLMENT_LINK_REISSUE if again else AuditAction.ENROLMENT_LINK_ISSUE
        audit_record(actor=actor, action=action, target=link)
    path = reverse("accounts:enrol", kwargs={"token": token})
    return IssuedLink(link=link, token=token, url=base + path)


def enrolment_link_open(*, request: HttpRequest, token: str) -> None:
    """Keep the link a token names in the session, to be checked by the setup page.

    Nothing else changes: the link is used up only when the authenticator is confirmed.
    """
    link = enrolment_link_find(token=token)
    request.session[SESSION_KEY] = UNKNOWN_LINK if link is None else link.pk


def session_link_require(*, request: HttpRequest, user: User) -> EnrolmentLink:
    """The session's link if it may enrol ``user`` now; else EnrolmentLinkError.

    Each refusal of an expired link is audited: someone tried to use it too late.
    """
    if SESSION_KEY not in request.session:
        raise EnrolmentLinkError(
            _("To set up your authenticator you need an enrolment link.") + " " + _ask_again()
        )
    link = _session_link(request)
    refusal = enrolment_link_refusal(link=link, user=user)
    if link is None or refusal is not None:
        raise _refuse(link=link, refusal=refusal or "")
    return link


def _expired_unused(link: EnrolmentLink) -> bool:
    return link.used_at is None and link.replaced_at is None and link.expires_at <= timezone.now()


def _audit_expired(link: EnrolmentLink) -> None:
    with transaction.atomic():
        audit_record(actor=None, action=AuditAction.ENROLMENT_LINK_EXPIRE, target=link)


def _link_use(*, link: EnrolmentLink, user: User) -> None:
    """Mark a locked, checked link used, in the caller's transaction, and audit it."""
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    audit_record(actor=user, action=AuditAction.ENROLMENT_LINK_USE, target=link)


def _locked(link: EnrolmentLink | None) -> EnrolmentLink | None:
    """The link again, locked until the caller's transaction ends."""
    if link is None:
        return None
    return EnrolmentLink.objects.select_for_update().filter(pk=link.pk).first()


def _refuse(*, link: EnrolmentLink | None, refusal: str) -> EnrolmentLinkError:
    """The error to raise for a refused link; an expired one is audited first."""
    if link is not None and _expired_unused(link):
        _audit_expired(link)
    return EnrolmentLinkError(f"{refusal} {_ask_again()}")


def second_factor_enrol_with_link(*, request: HttpRequest, user: User, code: str) -> bool:
    """Confirm the pending authenticator with the session's link; the link is then used.

    False for a wrong code (the link still works); EnrolmentLinkError when the link
    no longer does.
    """
    with transaction.atomic():
        link = _locked(_session_link(request))
        refusal = enrolment_link_refusal(link=link, user=user)
        if link is not None and refusal is None:
            if not authentication.second_factor_enrolment_confirm(
                request=request, user=user, token=code
            ):
                return False
            _link_use(link=link, user=user)
    if refusal is not None:
        raise _refuse(link=link, refusal=refusal)
    request.session.pop(SESSION_KEY, None)
    return True


def second_factor_provision_with_link(*, token: str, user: User) -> TOTPDevice:
    """Use a link to give ``user`` an authenticator with a new random key, confirmed here.

    For accounts whose key is handed over outside the setup page: the demo accounts
    (``demo_logins --show-secrets`` prints it) and the test personas.
    """
    with transaction.atomic():
        link = _locked(enrolment_link_find(token=token))
        refusal = enrolment_link_refusal(link=link, user=user)
        if link is not None and refusal is None:
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(
                user=user, name=authentication.DEVICE_NAME, confirmed=True
            )
            audit_record(actor=user, action=AuditAction.SECOND_FACTOR_ENROL, target=user)
            _link_use(link=link, user=user)
            return device
    raise _refuse(link=link, refusal=refusal or "")


# Mail ------------------------------------------------------------------------------


def _mail_address_required(user: User) -> None:
    if not user.email:
        raise ProvisioningError(
            _("The account %(username)s has no e-mail address; print the link instead.")
            % {"username": user.username}
        )


def enrolment_link_mail(*, issued: IssuedLink) -> EmailMessage:
    """The mail that carries a link to its owner: the link and how long it works."""
    user = issued.link.user
    hours = link_hours()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("infohub: set up your authenticator")
        body = "\n\n".join(
            [
                _("Hello,"),
                _(
                    "Your infohub account %(username)s needs an authenticator app on your "
                    "phone. Open this link, sign in with your password and follow the steps:"
                )
                % {"username": user.username},
                issued.url,
                ngettext(
                    "The link works once, for %(hours)d hour.",
                    "The link works once, for %(hours)d hours.",
                    hours,
                )
                % {"hours": hours}
                + " "
                + _("Do not forward it: whoever uses it sets up the authenticator."),
                _("If you did not expect this message, tell your administrator."),
                "infohub",
            ]
        )
    return EmailMessage(
        subject=subject,
        body=body + "\n",
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": settings.LANGUAGE_CODE},
    )


def enrolment_link_issue_and_mail(*, user: User, actor: User | None) -> IssuedLink:
    """Issue a link and mail it to its owner, who must have an address (checked first)."""
    _mail_address_required(user)
    issued = enrolment_link_issue(user=user, actor=actor)
    message = enrolment_link_mail(issued=issued)
    try:
        message.send()
    except OSError as error:  # smtplib.SMTPException is an OSError
        raise ProvisioningError(
            _("The enrolment link could not be mailed (%(error)s). Issue a new one.")
            % {"error": type(error).__name__}
        ) from None
    return issued
