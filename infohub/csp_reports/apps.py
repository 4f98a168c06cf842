from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CspReportsConfig(AppConfig):
    name = "infohub.csp_reports"
    label = "csp_reports"
    verbose_name = _("Content security reports")
    default_auto_field = "django.db.models.BigAutoField"
