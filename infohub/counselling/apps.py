from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "infohub.counselling"
    label = "counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.counselling.desk import PANEL  # noqa: PLC0415
        from infohub.counselling.schemas import register  # noqa: PLC0415 - models must be loaded

        register()
        desk.register(PANEL)
