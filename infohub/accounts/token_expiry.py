"""Mail that warns an owner that one of their API tokens expires soon.

``mail_token_expiry`` runs it daily. Each active token that expires within
``INFOHUB_TOKEN_EXPIRY_WARNING_DAYS`` is claimed (``expiry_warned_at``), then its owner
is mailed its label, when it expires and a link to ``/staff/tokens/``; never the token,
which is not stored anyway. A claim whose mail fails is released, so the next run tries
again; a token already warned is never mailed twice.
"""

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from infohub.accounts.models import ApiToken, User
from infohub.accounts.selectors import api_token_list_expiring, staff_time_zone
from infohub.accounts.services import (
    api_token_expiry_warning_claim,
    api_token_expiry_warning_release,
)

logger = logging.getLogger(__name__)


def warning_days() -> int:
    return int(settings.INFOHUB_TOKEN_EXPIRY_WARNING_DAYS)


def owner_language(_user: User) -> str:
    """The language to write to a token's owner in.

    Staff accounts keep no language of their own, so this is the site's default
    language (as for referral mail); a per-account language, once one exists, goes here.
    """
    return str(settings.LANGUAGE_CODE)


def _expiry_text(token: ApiToken) -> str:
    """When the token expires, in the zone of the owner's hubs (the server's otherwise)."""
    zone_name = staff_time_zone(user=token.user) or settings.TIME_ZONE
    moment = timezone.localtime(token.expires_at, ZoneInfo(zone_name))
    return f"{formats.date_format(moment, 'DATETIME_FORMAT')} ({zone_name})"


def tokens_link(base_url: str) -> str:
    return base_url.rstrip("/") + reverse("accounts:tokens")


def expiry_warning_mail(token: ApiToken, *, base_url: str) -> EmailMessage:
    """The warning: the token's label, when it expires and where to replace it."""
    lang = owner_language(token.user)
    with translation.override(lang):
        label = token.label or _("(no label)")
        subject = _("Your API token “%(label)s” expires soon") % {"label": label}
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": token.user.get_username()},
                _("Your infohub API token “%(label)s” expires on %(when)s.")
                % {"label": label, "when": _expiry_text(token)},
                _(
                    "After that, the systems that use it can no longer reach the API. To "
                    "keep them working, sign in, create a new token and replace the old one:"
                ),
                tokens_link(base_url),
                _(
                    "If the token is no longer needed, do nothing: it stops working on "
                    "that date. This message does not contain the token."
                ),
                "infohub",
            ]
        )
    # Subjects are one line; a label with a line break must not add headers.
    subject = " ".join(subject.split())
    return EmailMessage(
        subject=subject,
        body=body + "\n",
        to=[token.user.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": lang},
    )


@dataclass
class WarningRun:
    sent: int = 0
    failed: int = 0
    no_address: int = 0


def expiry_warnings_send(*, base_url: str, dry_run: bool = False) -> WarningRun:
    """Warn the owner of each active token expiring soon, once per token."""
    run = WarningRun()
    due = api_token_list_expiring(now=timezone.now(), within=dt.timedelta(days=warning_days()))
    for token in list(due):
        if not token.user.email:
            run.no_address += 1
            continue
        if dry_run:
            run.sent += 1
            continue
        if not api_token_expiry_warning_claim(token=token):
            continue  # another run warned of it meanwhile
        if _send(token, base_url=base_url):
            run.sent += 1
        else:
            api_token_expiry_warning_release(token=token)
            run.failed += 1
    return run


def _send(token: ApiToken, *, base_url: str) -> bool:
    try:
        expiry_warning_mail(token, base_url=base_url).send()
    except (OSError, smtplib.SMTPException) as error:
        # The token's id only: never the address.
        logger.warning(
            "Expiry warning for token %s not sent: %s", token.public_id, type(error).__name__
        )
        return False
    return True
