from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "infohub.demo"
    label = "demo"
    verbose_name = "Demo data"
