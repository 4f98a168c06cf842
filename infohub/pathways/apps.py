from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "infohub.pathways"
    label = "pathways"
    verbose_name = _("Regular pathways")

    def ready(self) -> None:
        from infohub.pathways import searching  # noqa: PLC0415 - models must be loaded first
        from infohub.pathways.schemas import register  # noqa: PLC0415 - the same
        from infohub.search import sources  # noqa: PLC0415

        sources.register(searching.SOURCE)
        register()
