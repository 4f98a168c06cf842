"""Writes: a hub is tied to its place and service in the directory."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from infohub.accounts.models import Hub, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.directory.errors import DirectoryError
from infohub.directory.models import Location, Service, ServiceAtLocation

WHATSAPP_NUMBER = re.compile(r"^\+[1-9][0-9 ]{6,20}$")


def hub_place_set(
    *,
    hub: Hub,
    location: Location | None,
    service: Service | None,
    whatsapp: str = "",
    actor: User | None = None,
) -> Hub:
    """Point a hub to the place and service the directory lists it as.

    The place must be public (a hub is where people go), and when both are given the
    service must be offered there. The WhatsApp number is in international form.
    """
    whatsapp = whatsapp.strip()
    if whatsapp and not WHATSAPP_NUMBER.match(whatsapp):
        raise DirectoryError(
            _("Write the WhatsApp number in international form, such as +506 2222 0000.")
        )
    if location is not None and location.confidential:
        raise DirectoryError(_("A hub's place is public: choose a place that is not confidential."))
    if (
        location is not None
        and service is not None
        and not ServiceAtLocation.objects.filter(service=service, location=location).exists()
    ):
        raise DirectoryError(_("The hub's service is not offered at the hub's place."))
    with transaction.atomic():
        hub.location = location
        hub.service = service
        hub.whatsapp = whatsapp
        hub.save(update_fields=["location", "service", "whatsapp"])
        audit_record(actor=actor, action=AuditAction.HUB_UPDATE, target=hub)
    return hub
