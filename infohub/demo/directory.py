"""Illustrative service directory: invented services in five countries, in four languages.

Every service, organization and place is invented and named "(demo)". The coordinates
are invented points inside real municipalities, the street addresses are made up, and
every phone number is zeros after the country and area code. One shelter is
confidential: its address, coordinates and phone must never appear on a public page
or in the API (CONFIDENTIAL_SENTINELS lists them for the tests that check it).

The data goes through the real HSDS import, as a tabular data package written to a
temporary folder, so it is validated, recorded and audited like any import.
"""

import csv
import datetime as dt
import json
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from infohub.directory.hsds.imports import hsds_import
from infohub.directory.hsds.tables import EXTENSIONS, tables
from infohub.directory.models import ListingStatus, Location, Service
from infohub.directory.services import location_confidential_set

NAMESPACE = uuid.UUID("6f1d3c2a-3b7e-4c59-9a51-0d3f6e2b8c11")
LANGS = ("es", "en", "fr", "ht")


def demo_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


@dataclass(frozen=True)
class Municipality:
    key: str
    country: str
    state_province: str
    city: str
    lat: float
    lon: float
    postal_code: str
    phone_prefix: str  # every number is this prefix and zeros, then a two-digit suffix
    streets: tuple[str, ...]


MUNICIPALITIES = [
    Municipality(
        "cr-san-jose", "CR", "San José", "San José", 9.9333, -84.0833, "10101", "+506 0000 00",
        ("Avenida Los Pinos", "Calle Las Flores", "Avenida del Comercio"),
    ),
    Municipality(
        "cr-upala", "CR", "Alajuela", "Upala", 10.8986, -85.0156, "21401", "+506 0000 01",
        ("Calle El Guayabo", "Avenida La Cruz"),
    ),
    Municipality(
        "cr-paso-canoas", "CR", "Puntarenas", "Paso Canoas", 8.5347, -82.8394, "60702",
        "+506 0000 02", ("Calle Frontera Sur", "Avenida Los Almendros"),
    ),
    Municipality(
        "do-santo-domingo-este", "DO", "Santo Domingo", "Santo Domingo Este", 18.4880, -69.8570,
        "11506", "+1 809 000 00", ("Calle Las Palmas", "Avenida San Vicente", "Calle Mella"),
    ),
    Municipality(
        "do-santiago", "DO", "Santiago", "Santiago de los Caballeros", 19.4517, -70.6970, "51000",
        "+1 809 000 01", ("Calle del Sol", "Avenida Las Carreras"),
    ),
    Municipality(
        "do-dajabon", "DO", "Dajabón", "Dajabón", 19.5480, -71.7080, "62000", "+1 809 000 02",
        ("Calle Beller", "Calle Duarte"),
    ),
    Municipality(
        "gt-guatemala", "GT", "Guatemala", "Guatemala", 14.6349, -90.5069, "01001", "+502 0000 00",
        ("6a Avenida", "10a Calle", "Avenida Las Américas"),
    ),
    Municipality(
        "gt-tecun-uman", "GT", "San Marcos", "Tecún Umán", 14.6770, -92.1440, "12014",
        "+502 0000 01", ("Calle Real", "Avenida Frontera"),
    ),
    Municipality(
        "gt-esquipulas", "GT", "Chiquimula", "Esquipulas", 14.5620, -89.3510, "20007",
        "+502 0000 02", ("Calle del Santuario",),
    ),
    Municipality(
        "mx-tapachula", "MX", "Chiapas", "Tapachula", 14.9050, -92.2630, "30700", "+52 962 000 00",
        ("Avenida Central Norte", "Calle 5a Poniente", "Avenida 8a Sur", "Calle 11a Oriente"),
    ),
    Municipality(
        "mx-tijuana", "MX", "Baja California", "Tijuana", 32.5149, -117.0382, "22000",
        "+52 664 000 00", ("Calle Segunda", "Avenida Revolución Norte", "Calle Benito Juárez"),
    ),
    Municipality(
        "mx-cdmx", "MX", "Ciudad de México", "Ciudad de México", 19.4326, -99.1332, "06000",
        "+52 55 0000 00", ("Calle Donceles",),
    ),
    Municipality(
        "ht-port-au-prince", "HT", "Ouest", "Port-au-Prince", 18.5944, -72.3074, "HT6110",
        "+509 0000 00", ("Rue des Palmiers", "Rue du Marché", "Rue de la Paix"),
    ),
    Municipality(
        "ht-cap-haitien", "HT", "Nord", "Cap-Haïtien", 19.7590, -72.2000, "HT1110",
        "+509 0000 01", ("Rue 17", "Boulevard du Front de Mer"),
    ),
    Municipality(
        "ht-ouanaminthe", "HT", "Nord-Est", "Ouanaminthe", 19.5510, -71.7250, "HT2210",
        "+509 0000 02", ("Rue de la Frontière", "Rue Saint-Joseph"),
    ),
]  # fmt: skip
BY_KEY = {m.key: m for m in MUNICIPALITIES}

# Taxonomy term codes and names.
CATEGORIES: dict[str, dict[str, str]] = {
    "legal-aid": {
        "es": "Asistencia legal", "en": "Legal aid", "fr": "Aide juridique", "ht": "Èd legal",
    },
    "shelter": {"es": "Albergue", "en": "Shelter", "fr": "Hébergement", "ht": "Abri"},
    "health": {"es": "Salud", "en": "Health", "fr": "Santé", "ht": "Sante"},
    "child-protection": {
        "es": "Protección de la niñez", "en": "Child protection",
        "fr": "Protection de l'enfance", "ht": "Pwoteksyon timoun",
    },
    "counter-trafficking": {
        "es": "Trata de personas", "en": "Human trafficking",
        "fr": "Traite des personnes", "ht": "Trafik moun",
    },
    "consular": {
        "es": "Servicios consulares", "en": "Consular services",
        "fr": "Services consulaires", "ht": "Sèvis konsilè",
    },
    "voluntary-return": {
        "es": "Retorno voluntario", "en": "Voluntary return",
        "fr": "Retour volontaire", "ht": "Retou volontè",
    },
    "work-education": {
        "es": "Trabajo y educación", "en": "Work and education",
        "fr": "Travail et éducation", "ht": "Travay ak edikasyon",
    },
}  # fmt: skip


@dataclass(frozen=True)
class Kind:
    """What services of one category have in common."""

    organization: str
    names: dict[str, str]
    descriptions: dict[str, str]
    # (byday, opens, closes); opens == closes is all day.
    hours: tuple[tuple[str, str, str], ...]
    cost: tuple[str, float, str] | None  # (option, amount, currency or "local")


KINDS: dict[str, Kind] = {
    "legal-aid": Kind(
        "Red Jurídica Migrante (demo)",
        {"es": "Asesoría legal gratuita", "en": "Free legal advice",
         "fr": "Conseil juridique gratuit", "ht": "Konsèy legal gratis"},
        {"es": "Orientación sobre asilo, refugio, regularización y documentos. "
               "Atención confidencial.",
         "en": "Guidance on asylum, refugee status, regularisation and documents. Confidential.",
         "fr": "Conseils sur l'asile, le statut de réfugié, la régularisation et les documents. "
               "Confidentiel.",
         "ht": "Konsèy sou azil, estati refijye, regilarizasyon ak dokiman. Konfidansyèl."},
        (("MO,TU,WE,TH,FR", "08:30", "16:30"),),
        ("Consulta", 0, "local"),
    ),
    "shelter": Kind(
        "Casa de Acogida Caminos (demo)",
        {"es": "Albergue temporal", "en": "Temporary shelter",
         "fr": "Hébergement temporaire", "ht": "Abri tanporè"},
        {"es": "Cama, comida e higiene por unos días para personas migrantes y familias.",
         "en": "A bed, meals and washing facilities for a few days for migrants and families.",
         "fr": "Un lit, des repas et des sanitaires pour quelques jours, pour les personnes "
               "migrantes et les familles.",
         "ht": "Kabann, manje ak twalèt pou kèk jou pou moun k ap migre ak fanmi yo."},
        (("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00"),),
        ("Estancia", 0, "local"),
    ),
    "health": Kind(
        "Clínica Comunitaria Horizonte (demo)",
        {"es": "Atención de salud", "en": "Health care",
         "fr": "Soins de santé", "ht": "Swen sante"},
        {"es": "Consulta general, vacunas y salud materna, sin importar la situación migratoria.",
         "en": "General consultations, vaccines and maternal health, whatever your migration "
               "status.",
         "fr": "Consultations générales, vaccins et santé maternelle, quel que soit votre statut "
               "migratoire.",
         "ht": "Konsiltasyon jeneral, vaksen ak sante manman, kèlkeswa sitiyasyon imigrasyon ou."},
        (("MO,TU,WE,TH,FR,SA", "07:00", "19:00"),),
        ("Consulta general", 0, "local"),
    ),
    "child-protection": Kind(
        "Oficina de Protección Infantil (demo)",
        {"es": "Protección de la niñez", "en": "Child protection",
         "fr": "Protection de l'enfance", "ht": "Pwoteksyon timoun"},
        {"es": "Apoyo a niñas, niños y adolescentes no acompañados o separados de su familia.",
         "en": "Support for unaccompanied children and children separated from their families.",
         "fr": "Soutien aux enfants non accompagnés ou séparés de leur famille.",
         "ht": "Sipò pou timoun ki pou kont yo oswa ki separe ak fanmi yo."},
        (("MO,TU,WE,TH,FR", "08:00", "17:00"),),
        None,
    ),
    "counter-trafficking": Kind(
        "Línea Segura contra la Trata (demo)",
        {"es": "Atención a víctimas de trata", "en": "Support for trafficking survivors",
         "fr": "Aide aux victimes de la traite", "ht": "Èd pou viktim trafik moun"},
        {"es": "Escucha, protección y acompañamiento confidencial para sobrevivientes.",
         "en": "Confidential listening, protection and support for survivors.",
         "fr": "Écoute, protection et accompagnement confidentiels pour les victimes.",
         "ht": "Koute, pwoteksyon ak akonpayman konfidansyèl pou viktim yo."},
        (("MO,TU,WE,TH,FR", "09:00", "17:00"),),
        ("Atención", 0, "local"),
    ),
    "consular": Kind(
        "Oficina Consular (demo)",
        {"es": "Atención consular", "en": "Consular services",
         "fr": "Services consulaires", "ht": "Sèvis konsilè"},
        # No Creole text: pages in Creole fall back to French, and say so.
        {"es": "Pasaportes, actas de nacimiento y constancias para sus nacionales.",
         "en": "Passports, birth certificates and other certificates for nationals.",
         "fr": "Passeports, actes de naissance et attestations pour les ressortissants."},
        (("MO,TU,WE,TH", "09:00", "13:00"),),
        ("Pasaporte", 60, "USD"),
    ),
    "voluntary-return": Kind(
        "Programa Regreso Seguro (demo)",
        {"es": "Retorno voluntario", "en": "Voluntary return",
         "fr": "Retour volontaire", "ht": "Retou volontè"},
        {"es": "Información y apoyo para volver a su país de forma segura y digna.",
         "en": "Information and support to go back to your country safely and with dignity.",
         "fr": "Informations et aide pour rentrer dans votre pays en sécurité et dans la dignité."},
        (("MO,WE,FR", "09:00", "15:00"),),
        ("Orientación", 0, "local"),
    ),
    "work-education": Kind(
        "Centro Oportunidades (demo)",
        {"es": "Empleo y educación", "en": "Work and education",
         "fr": "Emploi et éducation", "ht": "Travay ak edikasyon"},
        {"es": "Bolsa de empleo, cursos de idioma y convalidación de estudios.",
         "en": "Job board, language courses and recognition of studies.",
         "fr": "Offres d'emploi, cours de langue et reconnaissance des diplômes.",
         "ht": "Travay ki disponib, kou lang ak rekonesans etid."},
        (("MO,TU,WE,TH,FR", "09:00", "17:00"), ("SA", "09:00", "12:00")),
        ("Curso de idioma", 0, "local"),
    ),
}  # fmt: skip

CURRENCIES = {"CR": "CRC", "DO": "DOP", "GT": "GTQ", "MX": "MXN", "HT": "HTG"}
# Languages spoken, besides Spanish (French and Creole in Haiti), by municipality.
EXTRA_LANGUAGES = {
    "do-santo-domingo-este": [("Kreyòl ayisyen", "ht")],
    "do-dajabon": [("Kreyòl ayisyen", "ht"), ("Français", "fr")],
    "gt-guatemala": [("K'iche'", "quc")],
    "gt-tecun-uman": [("Mam", "mam")],
    "mx-tapachula": [("Kreyòl ayisyen", "ht"), ("Mam", "mam"), ("English", "en")],
    "mx-tijuana": [("Kreyòl ayisyen", "ht"), ("English", "en")],
    "cr-san-jose": [("English", "en")],
}

# (municipality, category): the services, one place each unless noted below.
SERVICES = [
    ("cr-san-jose", "legal-aid"), ("cr-san-jose", "health"), ("cr-san-jose", "work-education"),
    ("cr-san-jose", "consular"), ("cr-upala", "legal-aid"), ("cr-upala", "shelter"),
    ("cr-paso-canoas", "shelter"), ("cr-paso-canoas", "counter-trafficking"),
    ("do-santo-domingo-este", "legal-aid"), ("do-santo-domingo-este", "health"),
    ("do-santo-domingo-este", "consular"), ("do-santiago", "work-education"),
    ("do-santiago", "legal-aid"), ("do-dajabon", "child-protection"), ("do-dajabon", "shelter"),
    ("gt-guatemala", "legal-aid"), ("gt-guatemala", "voluntary-return"),
    ("gt-guatemala", "consular"), ("gt-tecun-uman", "shelter"), ("gt-tecun-uman", "health"),
    ("gt-esquipulas", "child-protection"), ("mx-tapachula", "legal-aid"),
    ("mx-tapachula", "health"), ("mx-tapachula", "child-protection"),
    ("mx-tapachula", "counter-trafficking"), ("mx-tapachula", "work-education"),
    ("mx-tijuana", "legal-aid"), ("mx-tijuana", "shelter"), ("mx-tijuana", "voluntary-return"),
    ("mx-cdmx", "consular"), ("ht-port-au-prince", "legal-aid"),
    ("ht-port-au-prince", "health"), ("ht-port-au-prince", "voluntary-return"),
    ("ht-cap-haitien", "work-education"), ("ht-cap-haitien", "child-protection"),
    ("ht-ouanaminthe", "counter-trafficking"), ("ht-ouanaminthe", "legal-aid"),
]  # fmt: skip
# A second place for one service: the consular office also attends in Tapachula.
SECOND_PLACES = {("mx-cdmx", "consular"): "mx-tapachula"}
TEMPORARILY_CLOSED = {("ht-ouanaminthe", "legal-aid")}
# Last checked long ago: its page says it may be out of date.
STALE = {("gt-esquipulas", "child-protection")}

# The confidential shelter in Tapachula: none of this may leave the directory.
SHELTER_SERVICE = demo_id("service", "mx-tapachula", "safe-house")
SHELTER_LOCATION = demo_id("location", "mx-tapachula", "safe-house")
SHELTER_ADDRESS = "Calle Privada Los Almendros 17"
SHELTER_PLACE_NAME = "Casa Los Almendros (demo)"
SHELTER_PHONE = "+52 962 000 0717"
SHELTER_LAT, SHELTER_LON = 14.89871, -92.25409
CONFIDENTIAL_SENTINELS = (
    SHELTER_ADDRESS,
    SHELTER_PLACE_NAME,
    SHELTER_PHONE,
    f"{SHELTER_LAT}",
    f"{SHELTER_LON}",
    SHELTER_LOCATION,
)


def service_id(municipality: str, category: str) -> str:
    return demo_id("service", municipality, category)


def _offset(seed: str) -> float:
    """A small, fixed offset (at most about 1.3 km) that keeps a place inside its town."""
    return (uuid.uuid5(NAMESPACE, seed).int % 2401 - 1200) / 100_000


class _Package:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in tables()}
        self.translations: list[dict[str, Any]] = []

    def add(self, table: str, **row: Any) -> str:
        self.rows[table].append(row)
        return str(row["id"])

    def translate(self, table: str, record_id: str, field: str, texts: dict[str, str]) -> None:
        for lang, text in texts.items():
            if lang != "es" and text:
                self.translations.append(
                    {
                        "table": table,
                        "record_id": record_id,
                        "field": field,
                        "language": lang,
                        "text": text,
                    }
                )

    def write(self, directory: Path) -> None:
        specs = {**tables(), **EXTENSIONS}
        contents = {**self.rows, "x_translations": self.translations}
        resources = []
        for name, rows in contents.items():
            if not rows:
                continue
            spec = specs[name]
            with (directory / spec.path).open("w", encoding="utf-8", newline="") as file:
                writer = csv.writer(file)
                writer.writerow([column.name for column in spec.columns])
                for row in rows:
                    writer.writerow([row.get(column.name, "") for column in spec.columns])
            resources.append({"name": name, "path": spec.path})
        descriptor = {"name": "infohub-demo-directory", "x_source_language": "es"}
        descriptor["resources"] = resources  # type: ignore[assignment]
        (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def _taxonomy(package: _Package) -> dict[str, str]:
    taxonomy = package.add(
        "taxonomy",
        id=demo_id("taxonomy"),
        name="Categorías de servicios (demo)",
        description="Categorías ilustrativas del directorio de demostración.",
    )
    terms = {}
    for code, names in CATEGORIES.items():
        term = package.add(
            "taxonomy_term",
            id=demo_id("term", code),
            taxonomy_id=taxonomy,
            code=code,
            name=names["es"],
            description=names["es"],
        )
        package.translate("taxonomy_term", term, "name", names)
        terms[code] = term
    return terms


def _place(package: _Package, town: Municipality, key: str, n: int) -> str:
    location = package.add(
        "location",
        id=demo_id("location", key),
        location_type="physical",
        latitude=round(town.lat + _offset(f"lat:{key}"), 5),
        longitude=round(town.lon + _offset(f"lon:{key}"), 5),
    )
    package.add(
        "address",
        id=demo_id("address", key),
        location_id=location,
        address_1=f"{town.streets[n % len(town.streets)]} {100 + (n * 37) % 800}",
        city=town.city,
        state_province=town.state_province,
        postal_code=town.postal_code,
        country=town.country,
        address_type="physical",
    )
    return location


def _service(
    package: _Package, town: Municipality, category: str, n: int, terms: dict[str, str]
) -> None:
    kind = KINDS[category]
    key = f"{town.key}:{category}"
    organization = demo_id("organization", kind.organization)
    service = service_id(town.key, category)
    names = {lang: f"{text}, {town.city} (demo)" for lang, text in kind.names.items()}
    status = "temporarily closed" if (town.key, category) in TEMPORARILY_CLOSED else "active"
    age = 520 if (town.key, category) in STALE else 5 + (n * 11) % 120
    package.add(
        "service",
        id=service,
        organization_id=organization,
        name=names["es"],
        description=kind.descriptions["es"],
        status=status,
        assured_date=(package.today - dt.timedelta(days=age)).isoformat(),
    )
    package.translate("service", service, "name", names)
    package.translate("service", service, "description", kind.descriptions)
    package.add(
        "attribute",
        id=demo_id("attribute", key),
        link_id=service,
        link_entity="service",
        taxonomy_term_id=terms[category],
    )
    towns = [town]
    if (town.key, category) in SECOND_PLACES:
        towns.append(BY_KEY[SECOND_PLACES[town.key, category]])
    for i, place_town in enumerate(towns):
        place_key = f"{key}:{i}"
        location = _place(package, place_town, place_key, n + i)
        package.add(
            "service_at_location",
            id=demo_id("sal", place_key),
            service_id=service,
            location_id=location,
        )
        for lang_name, code in EXTRA_LANGUAGES.get(place_town.key, []):
            package.add(
                "language",
                id=demo_id("language", place_key, code),
                location_id=location,
                name=lang_name,
                code=code,
            )
    for j, (byday, opens, closes) in enumerate(kind.hours):
        package.add(
            "schedule",
            id=demo_id("schedule", key, str(j)),
            service_id=service,
            freq="WEEKLY",
            byday=byday,
            opens_at=f"{opens}:00",
            closes_at=f"{closes}:00",
        )
    package.add(
        "phone",
        id=demo_id("phone", key),
        service_id=service,
        number=f"{town.phone_prefix}{n % 100:02d}",
    )
    spoken = [("Français", "fr"), ("Kreyòl ayisyen", "ht")] if town.country == "HT" else []
    for lang_name, code in spoken or [("Español", "es")]:
        package.add(
            "language",
            id=demo_id("language", key, code),
            service_id=service,
            name=lang_name,
            code=code,
        )
    if kind.cost:
        option, amount, currency = kind.cost
        package.add(
            "cost_option",
            id=demo_id("cost", key),
            service_id=service,
            option=option,
            amount=amount,
            currency=CURRENCIES[town.country] if currency == "local" else currency,
        )


def _safe_house(package: _Package, terms: dict[str, str]) -> None:
    """A shelter whose place is confidential: the service is listed, its place never is."""
    town = BY_KEY["mx-tapachula"]
    names = {
        "es": "Casa refugio para sobrevivientes de trata, Tapachula (demo)",
        "en": "Safe house for trafficking survivors, Tapachula (demo)",
        "fr": "Maison d'accueil pour les victimes de la traite, Tapachula (demo)",
        "ht": "Kay refij pou viktim trafik moun, Tapachula (demo)",
    }
    descriptions = {
        "es": "Alojamiento seguro y acompañamiento. Por seguridad, la dirección no es pública: "
        "llame a la línea o acuda a un centro de información.",
        "en": "Safe accommodation and support. For safety the address is not public: call the "
        "line or ask an information hub.",
        "fr": "Hébergement sûr et accompagnement. Pour la sécurité, l'adresse n'est pas "
        "publique : appelez la ligne ou adressez-vous à un centre d'information.",
        "ht": "Lojman an sekirite ak akonpayman. Pou sekirite, adrès la pa piblik: rele liy lan "
        "oswa ale nan yon sant enfòmasyon.",
    }
    organization = demo_id("organization", KINDS["shelter"].organization)
    package.add(
        "service",
        id=SHELTER_SERVICE,
        organization_id=organization,
        name=names["es"],
        description=descriptions["es"],
        status="active",
        assured_date=(package.today - dt.timedelta(days=20)).isoformat(),
    )
    package.translate("service", SHELTER_SERVICE, "name", names)
    package.translate("service", SHELTER_SERVICE, "description", descriptions)
    for category in ("shelter", "counter-trafficking"):
        package.add(
            "attribute",
            id=demo_id("attribute", "safe-house", category),
            link_id=SHELTER_SERVICE,
            link_entity="service",
            taxonomy_term_id=terms[category],
        )
    package.add(
        "location",
        id=SHELTER_LOCATION,
        location_type="physical",
        name=SHELTER_PLACE_NAME,
        latitude=SHELTER_LAT,
        longitude=SHELTER_LON,
    )
    package.add(
        "address",
        id=demo_id("address", "safe-house"),
        location_id=SHELTER_LOCATION,
        address_1=SHELTER_ADDRESS,
        city=town.city,
        state_province=town.state_province,
        postal_code=town.postal_code,
        country=town.country,
        address_type="physical",
    )
    package.add(
        "service_at_location",
        id=demo_id("sal", "safe-house"),
        service_id=SHELTER_SERVICE,
        location_id=SHELTER_LOCATION,
    )
    package.add(
        "phone",
        id=demo_id("phone", "safe-house", "place"),
        location_id=SHELTER_LOCATION,
        service_id=SHELTER_SERVICE,
        number=SHELTER_PHONE,
    )
    # The public line of the service, tied to no place.
    package.add(
        "phone",
        id=demo_id("phone", "safe-house", "line"),
        service_id=SHELTER_SERVICE,
        number=f"{town.phone_prefix}99",
    )
    package.add(
        "schedule",
        id=demo_id("schedule", "safe-house"),
        service_id=SHELTER_SERVICE,
        freq="WEEKLY",
        byday="MO,TU,WE,TH,FR,SA,SU",
        opens_at="00:00:00",
        closes_at="00:00:00",
    )


def demo_package(today: dt.date) -> _Package:
    package = _Package(today)
    terms = _taxonomy(package)
    for organization in sorted({kind.organization for kind in KINDS.values()}):
        package.add(
            "organization",
            id=demo_id("organization", organization),
            name=organization,
            description="Organización ilustrativa de la demostración; no existe.",
        )
    for n, (town_key, category) in enumerate(SERVICES):
        _service(package, BY_KEY[town_key], category, n, terms)
    _safe_house(package, terms)
    return package


def demo_service_ids() -> list[str]:
    return [service_id(town, category) for town, category in SERVICES] + [SHELTER_SERVICE]


def load_demo_directory() -> int:
    """Import the demo directory unless it is there; returns the number of services created.

    Idempotent: once every demo service exists nothing is imported again. The shelter's
    place is made confidential in the same transaction as the import, so it is never
    public, not even for a moment.
    """
    ids = demo_service_ids()
    with transaction.atomic():
        created = 0
        if Service.objects.filter(id__in=ids).count() < len(ids):
            package = demo_package(timezone.localdate())
            with tempfile.TemporaryDirectory(prefix="infohub-demo-") as folder:
                package.write(Path(folder))
                result = hsds_import(
                    path=Path(folder),
                    source_language="es",
                    listing_status=ListingStatus.PUBLISHED,
                )
            service_counts = result.counts.get("service")
            created = service_counts["created"] if service_counts else 0
        location_confidential_set(
            location=Location.objects.get(id=SHELTER_LOCATION), confidential=True, actor=None
        )
    return created
