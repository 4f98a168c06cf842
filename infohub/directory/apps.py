from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "infohub.directory"
    label = "directory"
    verbose_name = _("Service directory")

    def ready(self) -> None:
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.directory import searching  # noqa: PLC0415 - models must be loaded first
        from infohub.directory.listings.desk import PANEL  # noqa: PLC0415
        from infohub.directory.schemas import register  # noqa: PLC0415
        from infohub.search import sources  # noqa: PLC0415

        sources.register(searching.SOURCE)
        register()
        desk.register(PANEL)
