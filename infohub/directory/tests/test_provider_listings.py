"""Provider staff propose changes to their own organisation's listings only; others get 404."""

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.directory.listings.selectors import listing_current_values, service_list_for_provider
from infohub.directory.listings.services import provider_link_set
from infohub.directory.models import (
    ListingChangeProposal,
    ModerationStatus,
    ProposalSource,
    ProviderLink,
)
from infohub.directory.tests.listing_support import build_listings, signed_in
from infohub.testing.personas import PASSWORD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("infohub.directory.tests.listing_test_urls"),
]

LIST = "/staff/listings/"

# persona -> (may open the list, may edit service A, may edit service B)
EXPECTED = {
    "provider_staff_a": (True, True, False),
    "provider_staff_b": (True, False, True),
    "admin": (False, False, False),
    "manager_a": (False, False, False),
    "counsellor_a": (False, False, False),
    "counsellor_b": (False, False, False),
    "advisor_a": (False, False, False),
    "editor": (False, False, False),
    "analyst_a": (False, False, False),
    "dpo": (False, False, False),
}


def edit_url(service) -> str:
    return f"{LIST}{service.id}/"


def proposal_data(client: Client, service, **changes: str) -> dict[str, str]:
    current = listing_current_values(service=service, lang="en")
    data = {k: v for k, v in current.items() if isinstance(v, str)}
    data.update(phones="\n".join(current["phones"]), languages=", ".join(current["languages"]))
    return {**data, "lang": "en", **changes}


@pytest.mark.parametrize(("persona", "expected"), EXPECTED.items())
def test_listing_pages_follow_the_persona_and_its_organisation(world, persona, expected):
    listings = build_listings(world)
    client = signed_in(getattr(world, persona))
    may_list, may_edit_a, may_edit_b = expected

    assert client.get(LIST).status_code == (200 if may_list else 404), persona
    for service, allowed in ((listings.service_a, may_edit_a), (listings.service_b, may_edit_b)):
        assert client.get(edit_url(service)).status_code == (200 if allowed else 404)
        response = client.post(edit_url(service), proposal_data(client, service, name="Cambio"))
        assert response.status_code == (302 if allowed else 404), (persona, service.name)
    proposals = ListingChangeProposal.objects.filter(proposed_by=getattr(world, persona))
    assert proposals.count() == may_edit_a + may_edit_b


def test_anonymous_visitors_are_sent_to_sign_in(world):
    listings = build_listings(world)
    for path in (LIST, edit_url(listings.service_a)):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert Client().post(edit_url(listings.service_a), {"name": "X"}).status_code == 302
    assert not ListingChangeProposal.objects.exists()


def test_provider_staff_see_only_their_organisations_listings(world):
    listings = build_listings(world)
    html = signed_in(world.provider_staff_a).get(LIST).content.decode()
    assert "Asesoría legal" in html
    assert "Alojamiento" not in html
    assert list(service_list_for_provider(user=world.provider_staff_a)) == [listings.service_a]
    assert list(service_list_for_provider(user=world.counsellor_a)) == []


def test_a_proposal_from_provider_staff_waits_for_an_editor(world):
    listings = build_listings(world)
    client = signed_in(world.provider_staff_a)

    response = client.post(
        edit_url(listings.service_a),
        proposal_data(client, listings.service_a, description="New text in English."),
    )

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?sent=1"
    proposal = ListingChangeProposal.objects.get()
    assert proposal.changes == {"description": "New text in English."}
    assert (proposal.source, proposal.proposed_by) == (
        ProposalSource.PROVIDER_STAFF,
        world.provider_staff_a,
    )
    assert (proposal.lang, proposal.status) == ("en", ModerationStatus.PENDING)
    listings.service_a.refresh_from_db()
    assert listings.service_a.description == "Orientación legal gratuita."
    event = AuditEvent.objects.get(action=AuditAction.LISTING_CHANGE_PROPOSE)
    assert event.actor == world.provider_staff_a
    page = client.get(f"{LIST}?sent=1").content.decode()
    assert '<p class="notice">' in page


def test_a_listing_moved_to_another_organisation_leaves_the_first_ones_reach(world):
    listings = build_listings(world)
    client = signed_in(world.provider_staff_a)
    assert client.get(edit_url(listings.service_a)).status_code == 200

    provider_link_set(organization=listings.org_a, organisation=world.provider_b, actor=world.admin)

    assert client.get(edit_url(listings.service_a)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.PROVIDER_LINK_UPDATE).count() == 1


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "00000000-0000-4000-8000-000000000099"])
def test_unknown_and_malformed_ids_look_the_same(world, bad_id):
    build_listings(world)
    assert signed_in(world.provider_staff_a).get(f"{LIST}{bad_id}/").status_code == 404


def test_a_deactivated_provider_account_loses_access_at_once(world):
    listings = build_listings(world)
    client = signed_in(world.provider_staff_a)
    world.provider_staff_a.is_active = False
    world.provider_staff_a.save()

    assert client.get(edit_url(listings.service_a)).status_code != 200
    client.post(edit_url(listings.service_a), proposal_data(client, listings.service_a, name="X"))
    assert not ListingChangeProposal.objects.exists()


def test_only_superusers_link_organisations_in_the_admin_and_it_is_audited(world):
    listings = build_listings()
    root = User.objects.create_superuser("root", password=PASSWORD)
    add = "/admin/directory/providerlink/add/"
    for persona in ("admin", "editor", "provider_staff_a"):
        assert signed_in(getattr(world, persona)).get(add).status_code in (302, 403), persona

    response = signed_in(root).post(
        add, {"organization": str(listings.org_a.id), "organisation": world.provider_a.pk}
    )

    assert response.status_code == 302
    link = ProviderLink.objects.get()
    assert (link.organization, link.organisation) == (listings.org_a, world.provider_a)
    event = AuditEvent.objects.get(action=AuditAction.PROVIDER_LINK_CREATE)
    assert (event.actor, event.object_id) == (root, link.public_id)
