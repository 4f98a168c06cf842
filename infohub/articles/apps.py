from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "infohub.articles"
    label = "articles"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from infohub.articles import searching  # noqa: PLC0415 - models must be loaded first
        from infohub.articles.schemas import register  # noqa: PLC0415 - the same
        from infohub.search import sources  # noqa: PLC0415

        sources.register(searching.SOURCE)
        register()
