from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallbacksConfig(AppConfig):
    name = "infohub.callbacks"
    label = "callbacks"
    verbose_name = _("Callback requests")

    def ready(self) -> None:
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.callbacks.desk import PANEL  # noqa: PLC0415
        from infohub.callbacks.prefill import (  # noqa: PLC0415
            PARAMETER,
            consultation_from_callback,
        )
        from infohub.callbacks.privacy import RETENTION  # noqa: PLC0415 - models must be loaded
        from infohub.counselling import prefill  # noqa: PLC0415
        from infohub.privacy.registry import register_retention  # noqa: PLC0415

        register_retention(RETENTION)
        desk.register(PANEL)
        # A consultation recorded from a call starts from the request.
        prefill.register(PARAMETER, consultation_from_callback)
