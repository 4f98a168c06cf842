from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "infohub.accounts"
    label = "accounts"
    verbose_name = _("Accounts, organisations and hubs")

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.accounts.schemas import register  # noqa: PLC0415
        from infohub.accounts.session_limits import stamp_sign_in  # noqa: PLC0415
        from infohub.accounts.signals import sync_role_groups  # noqa: PLC0415
        from infohub.accounts.token_pages import PANEL as TOKENS_PANEL  # noqa: PLC0415

        register()
        desk.register(TOKENS_PANEL)
        post_migrate.connect(sync_role_groups, dispatch_uid="infohub.accounts.role_groups")
        user_logged_in.connect(stamp_sign_in, dispatch_uid="infohub.accounts.session_stamp")
        from infohub.accounts import desk as second_factor_desk  # noqa: PLC0415
        from infohub.accounts.second_factor_pages import PANEL as SECOND_FACTOR  # noqa: PLC0415

        second_factor_desk.register(SECOND_FACTOR)
