from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from infohub.accounts.models import Hub, Organisation, User
from infohub.accounts.services import hub_create, organisation_create, staff_create
from infohub.articles.imports import articles_import
from infohub.articles.services import topic_names_set
from infohub.demo.authenticators import enrol_demo_authenticators
from infohub.demo.data import (
    DEMO_ALERT,
    DEMO_PASSWORD,
    HUBS,
    ORGANISATIONS,
    STAFF,
    TOPIC_NAMES,
)
from infohub.demo.directory import KINDS, demo_id, load_demo_directory
from infohub.demo.hubs import load_demo_hub_places
from infohub.directory.listings.services import provider_link_set
from infohub.directory.models import Organization
from infohub.news.models import Alert
from infohub.news.services import alert_create, alert_publish_imported, news_import
from infohub.pathways.imports import pathways_import
from infohub.referrals.services import sharing_agreement_set
from infohub.search.demo import load_demo_synonyms

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "articles"
# Illustrative pathways for two countries; they refer to the demo directory's services.
DEMO_PATHWAYS = Path(__file__).resolve().parents[2] / "pathways.yaml"


class Command(BaseCommand):
    help = "Load illustrative demo data. Idempotent: what exists already is left unchanged."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        with transaction.atomic():
            created = self._organisations() + self._hubs() + self._staff()
            self._content()
            enrolled = enrol_demo_authenticators()
        self.stdout.write(
            f"Demo authenticators: {enrolled} enrolled (manage.py demo_logins --show-secrets)."
        )
        self.stdout.write(f"Demo data: {created} accounts, organisations and hubs created.")

    def _organisations(self) -> int:
        missing = [o for o in ORGANISATIONS if not Organisation.objects.filter(slug=o[0]).exists()]
        for slug, name, kind in missing:
            organisation_create(slug=slug, name=name, kind=kind)
        return len(missing)

    def _hubs(self) -> int:
        missing = [h for h in HUBS if not Hub.objects.filter(slug=h[0]).exists()]
        for slug, name, org, country, municipality, time_zone in missing:
            hub_create(
                slug=slug,
                name=name,
                organisation=Organisation.objects.get(slug=org),
                country=country,
                municipality=municipality,
                time_zone=time_zone,
            )
        return len(missing)

    def _staff(self) -> int:
        missing = [s for s in STAFF if not User.objects.filter(username=s[0]).exists()]
        for username, role, hub, org in missing:
            staff_create(
                username=username,
                role=role,
                hub=Hub.objects.get(slug=hub) if hub else None,
                organisation=Organisation.objects.get(slug=org) if org else None,
                password=DEMO_PASSWORD,
            )
        return len(missing)

    def _content(self) -> None:
        load_demo_synonyms()
        for slug, names in TOPIC_NAMES.items():
            topic_names_set(slug=slug, names=names)
        report = articles_import(directory=DEMO_ARTICLES)
        self.stdout.write(
            f"Demo articles: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
        news_files = sorted(settings.INFOHUB_DEMO_NEWS_DIR.glob("*.txt"))
        if news_files:
            news = news_import(files=news_files, lang="en")
            self.stdout.write(
                f"Regional news: {news.created} created, {news.already_present} present."
            )
        self.stdout.write(f"Demo directory: {load_demo_directory()} services created.")
        self.stdout.write(f"Demo hubs: {load_demo_hub_places()} placed in the directory.")
        pathways = pathways_import(path=DEMO_PATHWAYS).pathways
        self.stdout.write(
            f"Demo pathways: {pathways['created']} created, {pathways['updated']} updated, "
            f"{pathways['unchanged']} unchanged."
        )
        # The demo provider account proposes changes to the demo legal-aid listings.
        provider_link_set(
            organization=Organization.objects.get(
                id=demo_id("organization", KINDS["legal-aid"].organization)
            ),
            organisation=Organisation.objects.get(slug="demo-legal-aid"),
            actor=None,
        )
        # The demo child protection offices receive the referrals a screening asks for.
        provider_link_set(
            organization=Organization.objects.get(
                id=demo_id("organization", KINDS["child-protection"].organization)
            ),
            organisation=Organisation.objects.get(slug="demo-child-protection"),
            actor=None,
        )
        # Illustrative: the demo clinic receives the person's given names and phone only.
        sharing_agreement_set(
            provider=Organisation.objects.get(slug="demo-legal-aid"),
            fields=["given_names", "phone"],
            reference="DEMO-DSA-1 (illustrative)",
            actor=None,
        )
        if not Alert.objects.filter(translations__title=DEMO_ALERT["title"]).exists():
            now = timezone.now()
            alert_publish_imported(
                alert=alert_create(
                    starts_at=now, expires_at=now + timedelta(days=365), **DEMO_ALERT
                )
            )
