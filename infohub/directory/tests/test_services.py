"""Listing status and confidentiality: set by staff, audited, never changed by imports."""

import pytest

from infohub.audit.models import AuditAction, AuditEvent
from infohub.directory.models import ListingStatus, Location, Service
from infohub.directory.selectors import location_list_public, service_list_published
from infohub.directory.services import location_confidential_set, service_listing_status_set
from infohub.directory.tests.conftest import OFFICE, SERVICE, SHELTER, import_sample

pytestmark = pytest.mark.django_db


def test_marking_a_location_confidential_is_audited_once_and_hides_it_from_public_lists(
    tmp_path, world
):
    import_sample(tmp_path / "p")
    shelter = Location.objects.get(id=SHELTER)

    location_confidential_set(location=shelter, confidential=True, actor=world.manager_a)
    location_confidential_set(location=shelter, confidential=True, actor=world.manager_a)

    event = AuditEvent.objects.get(action=AuditAction.LOCATION_CONFIDENTIALITY)
    assert (event.object_type, event.object_id, event.actor) == (
        "directory.location",
        shelter.id,
        world.manager_a,
    )
    assert [location.id for location in location_list_public()] == [
        Location.objects.get(id=OFFICE).id
    ]


def test_an_import_never_makes_a_confidential_location_public_again(tmp_path):
    import_sample(tmp_path / "p")
    location_confidential_set(
        location=Location.objects.get(id=SHELTER), confidential=True, actor=None
    )

    import_sample(tmp_path / "again")

    assert Location.objects.get(id=SHELTER).confidential


def test_suspending_a_service_is_audited_and_takes_it_off_the_published_list(tmp_path, world):
    import_sample(tmp_path / "p")
    service = Service.objects.get(id=SERVICE)

    service_listing_status_set(service=service, status=ListingStatus.SUSPENDED, actor=world.editor)

    assert AuditEvent.objects.filter(
        action=AuditAction.SERVICE_LISTING, object_id=service.id, actor=world.editor
    ).exists()
    assert service not in service_list_published()
    assert service_list_published().count() == 1


def test_new_services_are_drafts_unless_the_import_says_otherwise(tmp_path):
    import_sample(tmp_path / "p", listing_status=ListingStatus.DRAFT)

    assert set(Service.objects.values_list("listing_status", flat=True)) == {"draft"}
    assert not service_list_published().exists()
