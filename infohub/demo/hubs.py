"""The demo hubs as places in the demo directory (illustrative: no such offices exist).

Each demo hub gets its own HSDS location and service (address, hours, phone, languages)
through the directory's import, a WhatsApp number and its time zone, so the hub
directory page and ``GET /api/v1/hub-directory`` have something to show.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from infohub.accounts.models import Hub
from infohub.demo.directory import _Package, demo_id
from infohub.directory.hsds.imports import hsds_import
from infohub.directory.hubs.services import hub_place_set
from infohub.directory.models import ListingStatus, Location, Service


@dataclass(frozen=True)
class DemoHubPlace:
    slug: str
    country: str
    state_province: str
    city: str
    postal_code: str
    street: str
    lat: float
    lon: float
    phone: str
    whatsapp: str
    languages: tuple[tuple[str, str], ...]


# Numbers ending in 0000 and streets of invented names: illustrative only.
DEMO_HUB_PLACES = (
    DemoHubPlace(
        "demo-hub-cr", "CR", "San José", "San Isidro (demo)", "11901", "Calle Los Cipreses 40",
        9.9560, -84.0330, "+506 0000 0900", "+506 0000 0901",
        (("Español", "es"), ("English", "en")),
    ),
    DemoHubPlace(
        "demo-hub-do", "DO", "Santo Domingo", "Santo Domingo Este", "11506",
        "Avenida Las Américas 12",
        18.4900, -69.8500, "+1 809 000 0900", "+1 809 000 0901",
        (("Español", "es"), ("Kreyòl ayisyen", "ht"), ("Français", "fr")),
    ),
)  # fmt: skip

NAMES = {
    "es": "Centro de información sobre migración (demo)",
    "en": "Migration information hub (demo)",
    "fr": "Centre d'information sur la migration (démo)",
    "ht": "Sant enfòmasyon sou migrasyon (demo)",
}
DESCRIPTIONS = {
    "es": "Información gratuita y confidencial sobre migración regular. Dato ilustrativo.",
    "en": "Free, confidential information on regular migration. Illustrative data.",
    "fr": "Information gratuite et confidentielle sur la migration régulière. Donnée fictive.",
    "ht": "Enfòmasyon gratis e konfidansyèl sou migrasyon legal. Done egzanp.",
}


def _ids(slug: str) -> tuple[str, str]:
    return demo_id("service", "hub", slug), demo_id("location", "hub", slug)


def demo_hub_package() -> _Package:
    package = _Package(timezone.localdate())
    organization = package.add(
        "organization",
        id=demo_id("organization", "hub-network"),
        name="Demo Hub Network (illustrative)",
        description="Red ilustrativa de la demostración; no existe.",
    )
    for place in DEMO_HUB_PLACES:
        service, location = _ids(place.slug)
        package.add(
            "service",
            id=service,
            organization_id=organization,
            name=NAMES["es"],
            description=DESCRIPTIONS["es"],
            status="active",
            assured_date=package.today.isoformat(),
        )
        package.translate("service", service, "name", NAMES)
        package.translate("service", service, "description", DESCRIPTIONS)
        package.add(
            "location",
            id=location,
            location_type="physical",
            name=NAMES["es"],
            latitude=place.lat,
            longitude=place.lon,
        )
        package.translate("location", location, "name", NAMES)
        package.add(
            "address",
            id=demo_id("address", "hub", place.slug),
            location_id=location,
            address_1=place.street,
            city=place.city,
            state_province=place.state_province,
            postal_code=place.postal_code,
            country=place.country,
            address_type="physical",
        )
        sal = package.add(
            "service_at_location",
            id=demo_id("sal", "hub", place.slug),
            service_id=service,
            location_id=location,
        )
        for n, (byday, opens, closes) in enumerate((("MO,TU,WE,TH,FR", 8, 16), ("SA", 9, 12))):
            package.add(
                "schedule",
                id=demo_id("schedule", "hub", place.slug, str(n)),
                service_at_location_id=sal,
                freq="WEEKLY",
                byday=byday,
                opens_at=f"{opens:02d}:00:00",
                closes_at=f"{closes:02d}:00:00",
            )
        package.add(
            "phone",
            id=demo_id("phone", "hub", place.slug),
            location_id=location,
            number=place.phone,
        )
        for name, code in place.languages:
            package.add(
                "language",
                id=demo_id("language", "hub", place.slug, code),
                service_id=service,
                name=name,
                code=code,
            )
    return package


def load_demo_hub_places() -> int:
    """Give each demo hub that exists its place; import them first if needed. Idempotent."""
    service_ids = [_ids(p.slug)[0] for p in DEMO_HUB_PLACES]
    linked = 0
    with transaction.atomic():
        if Service.objects.filter(id__in=service_ids).count() < len(service_ids):
            with tempfile.TemporaryDirectory(prefix="infohub-demo-hubs-") as folder:
                demo_hub_package().write(Path(folder))
                hsds_import(
                    path=Path(folder),
                    source_language="es",
                    listing_status=ListingStatus.PUBLISHED,
                )
        for place in DEMO_HUB_PLACES:
            hub = Hub.objects.filter(slug=place.slug).first()
            if hub is None or hub.location_id is not None:
                continue
            service, location = _ids(place.slug)
            hub_place_set(
                hub=hub,
                location=Location.objects.get(id=location),
                service=Service.objects.get(id=service),
                whatsapp=place.whatsapp,
            )
            linked += 1
    return linked
