from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "infohub.core"
    label = "core"
    verbose_name = "Core"
