"""Shared plumbing for provisioning commands: domain errors become CommandErrors."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.models import Hub, Organisation


class ProvisioningCommand(BaseCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        # Operators' tools speak one language, so scripts can match their output.
        with translation.override("en"):
            try:
                self.provision(**options)
            except ProvisioningError as error:
                raise CommandError(str(error)) from None

    def provision(self, *args: Any, **options: Any) -> None:
        raise NotImplementedError


def organisation_by_slug(slug: str) -> Organisation:
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise ProvisioningError(f"No organisation with slug {slug!r}.") from None


def hub_by_slug(slug: str) -> Hub:
    try:
        return Hub.objects.get(slug=slug)
    except Hub.DoesNotExist:
        raise ProvisioningError(f"No hub with slug {slug!r}.") from None
