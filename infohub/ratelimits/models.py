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
