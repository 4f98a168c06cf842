from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "infohub.api"
    label = "api"
    verbose_name = "API"
