"""Fixtures for the search tests: a fresh index per test, articles published through services."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from infohub.articles.models import Article
from infohub.news.models import NewsItem
from infohub.news.services import news_create
from infohub.search.index import reset_search_index
from infohub.search.selectors import SearchResponse, search
from infohub.testing.content import Texts, publish
from infohub.testing.personas import World


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    """Each test starts with an index this process has never built."""
    reset_search_index()
    yield
    reset_search_index()


def add_news(title: str, body: str, *, lang: str = "es") -> NewsItem:
    return news_create(lang=lang, date=datetime.date(2026, 3, 2), title=title, body=body)


def find(query: str, lang: str = "es", limit: int = 10) -> SearchResponse:
    return search(query=query, lang=lang, limit=limit)


def found_ids(query: str, lang: str = "es") -> list[object]:
    return [result.id for result in find(query, lang).results]


WORK_PERMIT: Texts = {
    "es": (
        "Permiso de trabajo: lo básico",
        "Qué es un permiso de trabajo y qué documentos suelen pedir.",
        "## ¿Qué es un permiso de trabajo?\n\n"
        "Un permiso de trabajo es una autorización oficial que permite a una persona "
        "extranjera trabajar legalmente en un país.\n\n"
        "## ¿Qué documentos suelen pedir?\n\n"
        "- Pasaporte o documento de identidad vigente.\n"
        "- Oferta de empleo o contrato de trabajo.\n\n"
        "La información de esta guía es general. Nadie puede garantizarle un permiso a "
        "cambio de dinero.",
    ),
    "en": (
        "Work permits: the basics",
        "What a work permit is and which documents are usually requested.",
        "## What is a work permit?\n\n"
        "A work permit is an official authorization that allows a foreign person to work "
        "legally in a country.\n\n"
        "## Which documents are requested?\n\n"
        "- A valid passport or identity document.\n"
        "- A job offer or employment contract.",
    ),
    "fr": (
        "Permis de travail : l'essentiel",
        "Ce qu'est un permis de travail et les documents demandés.",
        "Un permis de travail est une autorisation officielle qui permet à une personne "
        "étrangère de travailler légalement dans un pays.\n\n"
        "Il faut un passeport ou une pièce d'identité valide.",
    ),
    "ht": (
        "Pèmi travay: sa pou w konnen",
        "Kisa yon pèmi travay ye ak ki papye yo konn mande.",
        "Yon pèmi travay se yon otorizasyon ofisyèl ki pèmèt yon etranje travay legalman "
        "nan yon peyi.\n\n"
        "Ou bezwen yon paspò oswa yon kat idantite ki valab, ak yon dokiman ki montre "
        "òf travay la.",
    ),
}

FAMILY: Texts = {
    "fr": (
        "Réunification familiale",
        "Faire venir ses enfants et son conjoint.",
        "La réunification familiale permet à une personne qui réside légalement dans un "
        "pays de faire venir son conjoint et ses enfants mineurs. La demande se fait "
        "auprès du consulat avec les actes de naissance de chaque enfant.",
    ),
    "es": (
        "Reunificación familiar",
        "Traer a sus hijos y a su pareja.",
        "La reunificación familiar permite a una persona que reside legalmente en un país "
        "traer a su pareja y a sus hijos menores. La solicitud se presenta en el "
        "consulado con las actas de nacimiento de cada hijo.",
    ),
}

ASYLUM_EN_ONLY: Texts = {
    "en": (
        "Asylum: protection for refugees",
        "Who can ask for asylum and how the procedure works.",
        "Asylum is international protection for people who fled persecution. "
        "Ask a hub for information about the procedure. "
        "You can apply for asylum at the border or at the migration office.\n\n"
        "An interview follows the application. Keep every document you receive.",
    ),
}

HEALTH: Texts = {
    "es": (
        "Atención médica para personas migrantes",
        "Dónde recibir atención en salud y vacunas.",
        "Los centros de salud públicos atienden emergencias a todas las personas, "
        "sin importar su situación migratoria. Las vacunas para niños son gratuitas.",
    ),
}


@dataclass
class Library:
    work_permit: Article
    family: Article
    asylum: Article
    health: Article


@pytest.fixture
def library(world: World) -> Library:
    """Four published articles in different sets of languages."""
    return Library(
        work_permit=publish(world, "work-permit", WORK_PERMIT),
        family=publish(world, "family-reunification", FAMILY),
        asylum=publish(world, "asylum", ASYLUM_EN_ONLY),
        health=publish(world, "health", HEALTH),
    )
