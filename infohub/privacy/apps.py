from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "infohub.privacy"
    label = "privacy"
    verbose_name = _("Data-subject rights and retention")

    def ready(self) -> None:
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.privacy.desk import PANEL  # noqa: PLC0415
        from infohub.privacy.subject_data import register_sections  # noqa: PLC0415

        register_sections()
        desk.register(PANEL)
