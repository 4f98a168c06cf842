"""One row per (day, directive, blocked source): how many reports said so."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CspViolationCount(models.Model):
    day = models.DateField(_("day"))
    directive = models.CharField(_("directive"), max_length=40)
    # A host, never a path or a query (they may hold ids); or "inline", "eval", a scheme.
    blocked = models.CharField(_("blocked source"), max_length=253)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("CSP violation count")
        verbose_name_plural = _("CSP violation counts")
        ordering = ["-day", "-count"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "directive", "blocked"], name="csp_count_one_row_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.directive} {self.blocked}"
