"""Sign-in services: sessions and the TOTP second factor, each audited."""

from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record

DEVICE_NAME = "authenticator"


def session_start(*, request: HttpRequest, user: User) -> None:
    """Sign the user in (first factor) and audit it."""
    with transaction.atomic():
        login(request, user)
        audit_record(actor=user, action=AuditAction.LOGIN, target=user)


def session_end(*, request: HttpRequest) -> None:
    user = request.user
    with transaction.atomic():
        if isinstance(user, User):
            audit_record(actor=user, action=AuditAction.LOGOUT, target=user)
        logout(request)


def confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_enrolment_start(*, user: User) -> TOTPDevice:
    """Return the user's unconfirmed authenticator, creating it on first use.

    Callers first check the session's enrolment link (``enrolment.py``).
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def second_factor_enrolment_confirm(*, request: HttpRequest, user: User, token: str) -> bool:
    """Confirm the pending authenticator with a first code; sign the second factor in."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # One authenticator per account: an older one stops working.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        otp_login(request, device)
        audit_record(actor=user, action=AuditAction.SECOND_FACTOR_ENROL, target=user)
    return True


def second_factor_verify(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a code against the user's authenticator; a code is accepted only once."""
    device = confirmed_device(user=user)
    # verify_token refuses a time step at or before the last accepted one, and
    # throttles repeated failures; both are django-otp behaviour.
    if device is None or not device.verify_token(token):
        return False
    with transaction.atomic():
        otp_login(request, device)
        audit_record(actor=user, action=AuditAction.SECOND_FACTOR_VERIFY, target=user)
    return True


def second_factor_reset(*, user: User, actor: User | None) -> None:
    """Forget the user's authenticator (a lost phone).

    A new one is enrolled only through a new enrolment link (``enrolment.py``), which
    the admin's reset action issues. Passkeys go too, as the lost phone may hold one;
    recovery codes stay, as they are on paper and let the person in meanwhile.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        WebAuthnCredential.objects.filter(user=user).delete()
        audit_record(actor=actor, action=AuditAction.SECOND_FACTOR_RESET, target=user)


def own_password_change(*, request: HttpRequest, form: PasswordChangeForm) -> User:
    """Save the new password, keep this session, end the others, and audit it.

    Django's session check compares a hash of the password: every other session of the
    account, a forgotten one included, is signed out by the change.
    """
    with transaction.atomic():
        user: User = form.save()
        update_session_auth_hash(request, user)
        audit_record(actor=user, action=AuditAction.PASSWORD_SET, target=user)
    return user
