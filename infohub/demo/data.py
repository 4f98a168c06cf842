"""Illustrative demo data. Every name here is invented; none is a real office or person."""

from typing import Any

ORGANISATIONS = [
    ("demo-hub-network", "Demo Hub Network (illustrative)", "hub_operator"),
    ("demo-legal-aid", "Demo Legal Aid Clinic (illustrative)", "service_provider"),
    ("demo-shelter", "Demo Family Shelter (illustrative)", "ngo"),
    ("demo-child-protection", "Demo Child Protection Office (illustrative)", "service_provider"),
    ("demo-ministry", "Demo Migration Office (illustrative)", "government"),
]

# (slug, name, organisation, country, municipality, time zone); their places, hours,
# phones and WhatsApp numbers are in hubs.py.
HUBS = [
    ("demo-hub-cr", "Demo Hub San Isidro", "demo-hub-network", "CR", "San Isidro (demo)",
     "America/Costa_Rica"),
    ("demo-hub-do", "Demo Hub Santo Domingo Este", "demo-hub-network", "DO", "Santo Domingo Este",
     "America/Santo_Domingo"),
]  # fmt: skip

# (username, role, hub slug or None, organisation slug or None)
STAFF = [
    ("demo-admin", "admin", None, "demo-hub-network"),
    ("demo-manager", "hub_manager", "demo-hub-cr", None),
    ("demo-counsellor", "counsellor", "demo-hub-cr", None),
    ("demo-counsellor-do", "counsellor", "demo-hub-do", None),
    ("demo-advisor", "community_advisor", "demo-hub-do", None),
    ("demo-provider", "provider_staff", None, "demo-legal-aid"),
    ("demo-editor", "editor", None, "demo-hub-network"),
    ("demo-analyst", "analyst", None, "demo-hub-network"),
    ("demo-dpo", "dpo", None, "demo-hub-network"),
]

# Shared by every demo account; printed by `make run`. Never use demo data in production.
DEMO_PASSWORD = "demo-only-Passw0rd"  # noqa: S105 - illustrative, refused in production

# Names of the demo topics in each UI language.
TOPIC_NAMES = {
    "work": {"es": "Trabajo", "en": "Work", "fr": "Travail", "ht": "Travay"},
    "family": {"es": "Familia", "en": "Family", "fr": "Famille", "ht": "Fanmi"},
    "study": {"es": "Estudios", "en": "Study", "fr": "Études", "ht": "Etid"},
    "protection": {"es": "Protección", "en": "Protection", "fr": "Protection", "ht": "Pwoteksyon"},
    "regularization": {
        "es": "Regularización",
        "en": "Regularization",
        "fr": "Régularisation",
        "ht": "Regilarizasyon",
    },
    "labour-mobility": {
        "es": "Movilidad laboral",
        "en": "Labour mobility",
        "fr": "Mobilité de la main-d'œuvre",
        "ht": "Mobilite travay",
    },
    "return": {"es": "Retorno", "en": "Return", "fr": "Retour", "ht": "Retou"},
    "documents": {"es": "Documentos", "en": "Documents", "fr": "Documents", "ht": "Dokiman"},
    "health": {"es": "Salud", "en": "Health", "fr": "Santé", "ht": "Sante"},
    "children": {"es": "Niñez", "en": "Children", "fr": "Enfants", "ht": "Timoun"},
    "trafficking": {
        "es": "Trata de personas",
        "en": "Human trafficking",
        "fr": "Traite des personnes",
        "ht": "Trafik moun",
    },
    "rights": {"es": "Derechos", "en": "Rights", "fr": "Droits", "ht": "Dwa"},
}

DEMO_ALERT: dict[str, Any] = {
    "severity": "info",
    "lang": "es",
    "title": "Demo: aviso ilustrativo",
    "body": "Este aviso es un ejemplo de demostración; no describe ninguna situación real.",
    "countries": ["CR", "DO"],
}
