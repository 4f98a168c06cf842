from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProtectionConfig(AppConfig):
    name = "infohub.protection"
    label = "protection"
    # Not translated: the app has no pages or admin; operators read it in English.
    verbose_name = "Data protection"

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from infohub.protection import checks  # noqa: F401, PLC0415 - registers the check
        from infohub.protection.signals import write_key_canary  # noqa: PLC0415

        post_migrate.connect(
            write_key_canary, sender=self, dispatch_uid="infohub.protection.key_canary"
        )
