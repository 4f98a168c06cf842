from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "infohub.screening"
    label = "screening"
    verbose_name = _("Vulnerability screening")

    def ready(self) -> None:
        from infohub.accounts import desk  # noqa: PLC0415
        from infohub.counselling import person_page  # noqa: PLC0415
        from infohub.privacy.registry import SubjectDataSection, register  # noqa: PLC0415
        from infohub.screening.desk import PANEL  # noqa: PLC0415
        from infohub.screening.models import Screening  # noqa: PLC0415
        from infohub.screening.person_page import SECTION  # noqa: PLC0415
        from infohub.screening.privacy import (  # noqa: PLC0415
            screenings_erase,
            screenings_erase_warnings,
            screenings_export,
            screenings_readable,
        )
        from infohub.screening.schemas import register as register_schemas  # noqa: PLC0415

        register(
            SubjectDataSection(
                name="screenings",
                export=screenings_export,
                erase=screenings_erase,
                models=(Screening,),
                readable=screenings_readable,
                erase_warnings=screenings_erase_warnings,
            )
        )
        register_schemas()
        desk.register(PANEL)
        person_page.register(SECTION)
