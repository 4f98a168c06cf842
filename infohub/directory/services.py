"""Writes for the service directory: listing status and confidential locations.

Each function writes and records its audit row in one transaction. Imported rows are
written by ``hsds.services``.
"""

from django.db import transaction

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.directory.models import ListingStatus, Location, Service, ServiceAtLocation
from infohub.directory.searching import service_search_changes_record


def service_listing_status_set(
    *, service: Service, status: ListingStatus, actor: User | None
) -> Service:
    """List, unlist or suspend a service; an unchanged status records nothing."""
    with transaction.atomic():
        if service.listing_status != status:
            service.listing_status = status
            service.save(update_fields=["listing_status"])
            audit_record(actor=actor, action=AuditAction.SERVICE_LISTING, target=service)
            service_search_changes_record([service.id])
    return service


def location_confidential_set(
    *, location: Location, confidential: bool, actor: User | None
) -> Location:
    """Mark a location confidential, or public again; an unchanged flag records nothing.

    A confidential location's address, coordinates, phones and contacts are left out
    of exports and must only be shown to staff who may see them.
    """
    with transaction.atomic():
        if location.confidential != confidential:
            location.confidential = confidential
            location.save(update_fields=["confidential"])
            audit_record(actor=actor, action=AuditAction.LOCATION_CONFIDENTIALITY, target=location)
            # A service offered only at confidential places leaves search, and comes back.
            offered_here = ServiceAtLocation.objects.filter(location=location)
            service_search_changes_record(offered_here.values_list("service_id", flat=True))
    return location
