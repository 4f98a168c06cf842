from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallbacksConfig(AppConfig):
    name = "infohub.callbacks"
    label = "callbacks"
    verbose_name = _("Callback requests")
