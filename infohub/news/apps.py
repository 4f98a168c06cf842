from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "infohub.news"
    label = "news"
    verbose_name = _("News and alerts")

    def ready(self) -> None:
        from infohub.news import searching  # noqa: PLC0415 - models must be loaded first
        from infohub.search import sources  # noqa: PLC0415

        sources.register(searching.SOURCE)
