from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "infohub.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self) -> None:
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.counselling import prefill  # noqa: PLC0415
        from infohub.messaging.channels import registry  # noqa: PLC0415
        from infohub.messaging.channels.kinds import ALL_KINDS  # noqa: PLC0415
        from infohub.messaging.inbox import desk as inbox_desk  # noqa: PLC0415
        from infohub.messaging.inbox import prefill as inbox_prefill  # noqa: PLC0415
        from infohub.messaging.privacy import RETENTION, SECTION  # noqa: PLC0415 - models loaded
        from infohub.privacy.registry import register, register_retention  # noqa: PLC0415

        for kind in ALL_KINDS:
            registry.register(kind)
        register(SECTION)
        register_retention(RETENTION)
        # The counsellors' inbox: its desk panel, and a consultation recorded from a chat.
        desk.register(inbox_desk.PANEL)
        prefill.register(inbox_prefill.PARAMETER, inbox_prefill.consultation_from_conversation)
