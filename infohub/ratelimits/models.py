"""One row per (route group, client key, window start): how many requests it made."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    group = models.CharField(_("route group"), max_length=20)
    # A keyed hash of the address or token, never the value itself.
    key = models.CharField(_("client key"), max_length=64)
    window_start = models.DateTimeField(_("window start"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "key", "window_start"], name="rate_counter_one_row_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.window_start:%Y-%m-%d %H:%M:%S}"


class SignInSlowdown(models.Model):
    """Failed sign-ins on one username from any address, and when the next may be tried."""

    # A keyed hash of the case-folded username: the table names no account, and an
    # unknown username is slowed down exactly like a known one.
    key = models.CharField(_("username key"), max_length=64, unique=True)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    last_failure_at = models.DateTimeField(_("last failure at"), db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in slowdown")
        verbose_name_plural = _("sign-in slowdowns")

    def __str__(self) -> str:
        return f"{self.failures} failures, last {self.last_failure_at:%Y-%m-%d %H:%M:%S}"
