from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "infohub.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.counselling import person_page  # noqa: PLC0415
        from infohub.counselling.consent_hooks import on_consent_withdrawn  # noqa: PLC0415
        from infohub.privacy.registry import register as register_section  # noqa: PLC0415
        from infohub.privacy.registry import register_retention  # noqa: PLC0415
        from infohub.referrals.desk import PANEL  # noqa: PLC0415
        from infohub.referrals.person_page import SECTION  # noqa: PLC0415
        from infohub.referrals.privacy import RETENTION, SUBJECT_DATA  # noqa: PLC0415
        from infohub.referrals.schemas import register  # noqa: PLC0415 - models loaded first
        from infohub.referrals.services import (  # noqa: PLC0415 - models must be loaded first
            referrals_withdraw_for_consent,
        )

        register()
        # A referral relies on its consent: when the consent ends, the pending ones end too.
        on_consent_withdrawn(referrals_withdraw_for_consent)
        # What referrals hold about a person, for data-subject requests and retention.
        register_section(SUBJECT_DATA)
        register_retention(RETENTION)
        desk.register(PANEL)
        person_page.register(SECTION)
