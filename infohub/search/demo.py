"""Illustrative synonym groups for the demo data: migration words people use interchangeably."""

from infohub.search.models import Synonym
from infohub.search.services import synonyms_save


def demo_synonyms() -> list[tuple[str, list[str]]]:
    """(language, terms) of each demo synonym group."""
    return [
        ("es", ["permiso de trabajo", "autorización de empleo", "permiso laboral"]),
        ("es", ["cédula", "documento de identidad", "DNI"]),
        ("es", ["regularización", "legalización", "amnistía migratoria"]),
        ("es", ["refugio", "asilo", "protección internacional"]),
        ("es", ["acta de nacimiento", "partida de nacimiento"]),
        ("en", ["work permit", "work authorization", "employment authorization"]),
        ("en", ["ID card", "identity document", "identification"]),
        ("en", ["asylum", "refugee status", "international protection"]),
        ("en", ["birth certificate", "birth record"]),
        ("fr", ["permis de travail", "autorisation de travail"]),
        ("fr", ["carte d'identité", "pièce d'identité"]),
        ("fr", ["asile", "statut de réfugié", "protection internationale"]),
        ("fr", ["acte de naissance", "extrait de naissance"]),
        ("ht", ["pèmi travay", "otorizasyon travay"]),
        ("ht", ["kat idantite", "kanè", "CIN"]),
        ("ht", ["batistè", "ak nesans", "sètifika nesans"]),
        ("ht", ["azil", "estati refijye", "pwoteksyon entènasyonal"]),
        ("en", ["amnesty", "regularization", "legalization"]),
        ("en", ["doctor", "physician", "clinic", "health care"]),
        # Many guides are not yet in Kreyòl: these let Creole words reach the
        # French and Spanish text that a reader is then shown as a fallback.
        ("ht", ["lopital", "klinik", "hôpital", "hospital"]),
        ("ht", ["doktè", "médecin", "médico"]),
        ("ht", ["vaksen", "vaccin", "vacuna"]),
        ("ht", ["etidyan", "étudiant", "estudiante"]),
        ("ht", ["inivèsite", "université", "universidad"]),
    ]


def load_demo_synonyms() -> int:
    """Save the demo groups not yet present (matched by language and terms); how many."""
    created = 0
    for lang, terms in demo_synonyms():
        if Synonym.objects.filter(lang=lang, terms=", ".join(terms)).exists():
            continue
        synonyms_save(lang=lang, terms=terms, actor=None)
        created += 1
    return created
