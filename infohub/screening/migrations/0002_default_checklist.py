"""Seed an illustrative default checklist, in Spanish, English, French and Haitian Creole.

THIS IS AN EXAMPLE, NOT A PROTECTION STANDARD. Each hub must review the checklist with
its protection team before use: the criteria, their priorities, the required actions
and their deadlines must match the hub's referral pathways, national law and the
agreements with child protection, anti-trafficking, GBV and health partners. Change it
in the admin (superusers); deactivate criteria rather than deleting them.

Existing criteria with the same codes are left as they are, so running this on a
database where a hub already set up its checklist changes nothing.
"""

from typing import Any

from django.db import migrations

DEFAULT_CHECKLIST: list[dict[str, Any]] = [
    {
        "code": "unaccompanied-or-separated-child",
        "priority": "high",
        "action_deadline_hours": 24,
        "names": {
            "es": "Niña, niño o adolescente no acompañado o separado",
            "en": "Unaccompanied or separated child",
            "fr": "Enfant non accompagné ou séparé",
            "ht": "Timoun ki pa akonpaye oswa ki separe ak fanmi li",
        },
        "action": {
            "es": "Derivar a protección de la infancia",
            "en": "Refer to child protection",
            "fr": "Orienter vers la protection de l'enfance",
            "ht": "Refere bay sèvis pwoteksyon timoun",
        },
    },
    {
        "code": "trafficking-indicators",
        "priority": "high",
        "action_deadline_hours": 24,
        "names": {
            "es": "Indicios de trata de personas",
            "en": "Indicators of human trafficking",
            "fr": "Indices de traite des êtres humains",
            "ht": "Siy ki montre moun nan ka viktim trafik moun",
        },
        "action": {
            "es": "Derivar al punto focal contra la trata de personas",
            "en": "Refer to the anti-trafficking focal point",
            "fr": "Orienter vers le point focal de lutte contre la traite",
            "ht": "Refere bay pwen fokal kont trafik moun",
        },
    },
    {
        "code": "gender-based-violence",
        "priority": "high",
        "action_deadline_hours": 48,
        "names": {
            "es": "Violencia basada en género",
            "en": "Gender-based violence",
            "fr": "Violence basée sur le genre",
            "ht": "Vyolans ki baze sou sèks",
        },
        "action": {
            "es": "Ofrecer derivación a gestión de casos de VBG, con el consentimiento de la persona",
            "en": "Offer a referral to GBV case management, with the person's consent",
            "fr": "Proposer une orientation vers la prise en charge des VBG, avec le consentement de la personne",
            "ht": "Ofri yon referans bay swivi ka VBS, avèk konsantman moun nan",
        },
    },
    {
        "code": "urgent-medical-need",
        "priority": "high",
        "action_deadline_hours": 24,
        "names": {
            "es": "Necesidad médica urgente",
            "en": "Urgent medical need",
            "fr": "Besoin médical urgent",
            "ht": "Bezwen swen medikal ijan",
        },
        "action": {
            "es": "Derivar a atención médica",
            "en": "Refer to medical care",
            "fr": "Orienter vers des soins médicaux",
            "ht": "Refere bay swen medikal",
        },
    },
    {
        "code": "disability",
        "priority": "medium",
        "names": {"es": "Discapacidad", "en": "Disability", "fr": "Handicap", "ht": "Andikap"},
    },
    {
        "code": "pregnancy",
        "priority": "medium",
        "names": {"es": "Embarazo", "en": "Pregnancy", "fr": "Grossesse", "ht": "Gwosès"},
    },
    {
        "code": "older-person",
        "priority": "medium",
        "names": {
            "es": "Persona mayor",
            "en": "Older person",
            "fr": "Personne âgée",
            "ht": "Moun ki aje",
        },
    },
]


def seed(apps: Any, schema_editor: Any) -> None:
    criterion = apps.get_model("screening", "Criterion")
    for position, item in enumerate(DEFAULT_CHECKLIST, start=1):
        criterion.objects.get_or_create(
            code=item["code"],
            defaults={
                "names": item["names"],
                "priority": item["priority"],
                "action": item.get("action", {}),
                "action_deadline_hours": item.get("action_deadline_hours"),
                "active": True,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    # Unapplying leaves the rows: 0001's reversal drops the table anyway.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
