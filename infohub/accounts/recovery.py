"""Recovery codes: ten single-use codes that stand in for a lost authenticator.

The codes are shown once, when they are made, and only their keyed hashes are kept
(``infohub.protection.hashing``; docs/decisions/0011 says why not django-otp's static
device, which stores them in plain text). They belong to one ``RecoveryCodeSet``, a
django-otp device, so that a code marks the session verified exactly as an
authenticator code does, and wrong codes are throttled the same way.
"""

import secrets

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login

from infohub.accounts.authentication import confirmed_device
from infohub.accounts.models import RecoveryCode, RecoveryCodeSet, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.protection.hashing import keyed_hash

CODE_COUNT = 10
# Lower-case letters and digits without the look-alikes 0/o, 1/l/i: codes get copied
# from paper. Ten of 31 symbols are about 49 random bits each.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 10
DEVICE_NAME = "recovery codes"
HASH_PURPOSE = "recovery_code"


def recovery_code_normalise(code: str) -> str:
    """The comparable form of a typed code: lower case, without spaces or hyphens."""
    return "".join(code.split()).replace("-", "").lower()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def _hash(code: str) -> str:
    return keyed_hash(recovery_code_normalise(code), purpose=HASH_PURPOSE)


def recovery_codes_remaining(*, user: User) -> int:
    """How many unused recovery codes the user has."""
    return RecoveryCode.objects.filter(device__user=user).count()


def recovery_codes_generate(*, user: User) -> list[str]:
    """Make ten new codes for the user, replacing every older one; the only copy is returned."""
    codes: list[str] = []
    while len(codes) < CODE_COUNT:
        code = _new_code()
        if code not in codes:
            codes.append(code)
    with transaction.atomic():
        device = RecoveryCodeSet.objects.select_for_update().filter(user=user).first()
        if device is None:
            device = RecoveryCodeSet.objects.create(user=user, name=DEVICE_NAME)
        device.codes.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, code_hash=_hash(code)) for code in codes
        )
        audit_record(actor=user, action=AuditAction.RECOVERY_CODES_GENERATE, target=user)
    return codes


def recovery_code_verify(*, request: HttpRequest, user: User, code: str) -> int | None:
    """Sign the second factor in with one recovery code, using it up.

    Returns how many codes remain, or None when the code is refused: unknown, already
    used, or typed while wrong codes are still being throttled.
    """
    device = RecoveryCodeSet.objects.filter(user=user).first()
    if device is None:
        return None
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return None
    normalised = recovery_code_normalise(code)
    used = 0
    if len(normalised) == CODE_LENGTH and set(normalised) <= set(ALPHABET):
        with transaction.atomic():
            # The delete is the check: of two requests with one code, only one deletes it.
            used, _ = RecoveryCode.objects.filter(
                device=device, code_hash=_hash(normalised)
            ).delete()
            if used:
                device.throttle_reset(commit=False)
                device.set_last_used_timestamp(commit=False)
                device.save()
                otp_login(request, device)
                audit_record(actor=user, action=AuditAction.RECOVERY_CODE_USE, target=user)
    if not used:
        device.throttle_increment()
        return None
    return RecoveryCode.objects.filter(device=device).count()


def fresh_authenticator_code_valid(*, user: User, code: str) -> bool:
    """Whether ``code`` is a new code of the user's authenticator; uses it up.

    Making new recovery codes asks for one even in a verified session, so that a
    session left open cannot be turned into codes that outlive it.
    """
    device = confirmed_device(user=user)
    return device is not None and bool(device.verify_token(code.strip()))
