"""Proposed changes wait for an editor; approval applies only whitelisted fields, audited."""

import datetime as dt
import logging

import pytest
import time_machine
from django.test import Client

from infohub.audit.models import AuditAction, AuditEvent
from infohub.directory.errors import ProposalError
from infohub.directory.hsds.tables import TRANSLATABLE_FIELDS
from infohub.directory.listings.proposals import TEXT_FIELDS, parse_changes
from infohub.directory.listings.selectors import listing_current_values, service_own_phones
from infohub.directory.listings.services import (
    listing_change_approve,
    listing_change_propose,
    listing_change_reject,
)
from infohub.directory.listings.verification import verification_token
from infohub.directory.models import (
    DirectoryTranslation,
    Language,
    ListingChangeProposal,
    ModerationStatus,
    ProposalSource,
    Schedule,
    Service,
    VerificationRequest,
)
from infohub.directory.selectors import text_for
from infohub.directory.tests.listing_support import PHONE, build_listings, signed_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("infohub.directory.tests.listing_test_urls"),
]

TODAY = dt.date(2026, 3, 2)


def sent_request(service: Service) -> VerificationRequest:
    return VerificationRequest.objects.create(
        service=service, sent_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    )


def form_data(service: Service, lang: str = "es", **changes: str) -> dict[str, str]:
    current = listing_current_values(service=service, lang=lang)
    data = {
        **{k: v for k, v in current.items() if isinstance(v, str)},
        "phones": "\n".join(current["phones"]),
        "languages": ", ".join(current["languages"]),
        "action": "propose",
    }
    return {**data, **changes}


def test_every_text_a_proposal_may_change_is_translatable():
    assert set(TEXT_FIELDS) <= set(TRANSLATABLE_FIELDS["service"])


def test_a_proposal_from_the_link_goes_to_moderation_and_uses_the_link():
    listings = build_listings()
    service = listings.service_a
    path = f"/es/services/verify/{verification_token(sent_request(service))}/"

    response = Client().post(path, form_data(service, description="Nueva descripción."))

    assert response.status_code == 200
    proposal = ListingChangeProposal.objects.get()
    assert proposal.status == ModerationStatus.PENDING
    assert proposal.source == ProposalSource.VERIFICATION_LINK
    assert proposal.changes == {"description": "Nueva descripción."}
    assert proposal.lang == "es"
    assert proposal.proposed_by is None
    service.refresh_from_db()
    assert service.description == "Orientación legal gratuita."  # nothing applied yet
    assert service.last_verified is None
    assert AuditEvent.objects.filter(
        action=AuditAction.LISTING_CHANGE_PROPOSE, object_id=proposal.public_id
    ).exists()
    assert Client().post(path, form_data(service, name="Otra")).status_code == 410
    assert ListingChangeProposal.objects.count() == 1


def test_a_proposal_that_changes_nothing_is_refused_and_the_link_still_works():
    listings = build_listings()
    service = listings.service_a
    path = f"/en/services/verify/{verification_token(sent_request(service))}/"

    response = Client().post(path, form_data(service, lang="en"))

    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    assert not ListingChangeProposal.objects.exists()
    assert Client().post(path, {"action": "confirm"}).status_code == 200


def test_invalid_values_are_shown_next_to_their_fields():
    listings = build_listings()
    service = listings.service_a
    path = f"/en/services/verify/{verification_token(sent_request(service))}/"

    response = Client().post(
        path,
        form_data(
            service, lang="en", name="  ", url="javascript:alert(1)", phones="call me", email="x@"
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    for message in (
        "A service needs a name.",
        "Enter a web address that starts with https:// or http://.",
        "Enter phone numbers with digits, spaces and + ( ) - only.",
        "Enter a valid email address.",
    ):
        assert message in html
    assert not ListingChangeProposal.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"organization_id": "00000000-0000-4000-8000-000000000001"},
        {"listing_status": "published"},
        {"confidential": True},
        {"name": 5},
        {"phones": "+506 2222 0000"},
        {"languages": ["spanish"]},
        {"url": "data:text/html,hi"},
    ],
)
def test_only_whitelisted_fields_with_the_right_types_can_be_proposed(data):
    with pytest.raises(ProposalError):
        parse_changes(data)


@time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False)
def test_approval_applies_the_changes_to_the_service_and_its_translations_and_is_audited(world):
    listings = build_listings()
    service = listings.service_a
    Language.objects.create(service=service, code="es", name="Spanish")
    source_lang = listing_change_propose(
        service=service,
        changes=parse_changes(
            {
                "name": "Asesoría legal gratuita",
                "email": "nuevo@legal-a.example.org",
                "url": "https://nuevo.example.org",
                "phones": [PHONE, "+506 2222 1111"],
                "languages": ["es", "ht"],
                "schedule": "Lunes a viernes, 8:00 a 16:00",
            }
        ),
        lang="es",
        request=sent_request(service),
    )
    other_lang = listing_change_propose(
        service=service,
        changes=parse_changes(
            {"description": "Konsèy legal gratis.", "schedule": "Lendi-Vandredi"}
        ),
        lang="ht",
        actor=world.provider_staff_a,
    )

    listing_change_approve(proposal=source_lang, reviewer=world.editor)
    listing_change_approve(proposal=other_lang, reviewer=world.editor)

    service.refresh_from_db()
    assert service.name == "Asesoría legal gratuita"
    assert service.description == "Orientación legal gratuita."
    assert (service.email, service.url) == (
        "nuevo@legal-a.example.org",
        "https://nuevo.example.org",
    )
    assert service.last_verified == TODAY
    assert sorted(service_own_phones(service).values_list("number", flat=True)) == [
        PHONE,
        "+506 2222 1111",
    ]
    assert sorted(Language.objects.filter(service=service).values_list("code", flat=True)) == [
        "es",
        "ht",
    ]
    assert text_for(record=service, field="description", lang="ht").text == "Konsèy legal gratis."
    assert DirectoryTranslation.objects.filter(record_id=service.id, lang="ht").count() == 1
    schedule = Schedule.objects.get(service=service)
    assert schedule.description == "Lunes a viernes, 8:00 a 16:00"
    assert text_for(record=schedule, field="description", lang="ht").text == "Lendi-Vandredi"
    for proposal in (source_lang, other_lang):
        proposal.refresh_from_db()
        assert proposal.status == ModerationStatus.APPROVED
        assert proposal.reviewed_by == world.editor
        event = AuditEvent.objects.get(
            action=AuditAction.LISTING_CHANGE_APPROVE, object_id=proposal.public_id
        )
        assert event.actor == world.editor


def test_a_rejected_proposal_changes_nothing_and_a_proposal_is_reviewed_once(world):
    listings = build_listings()
    service = listings.service_a
    proposal = listing_change_propose(
        service=service,
        changes=parse_changes({"name": "Otro nombre"}),
        lang="es",
        actor=world.provider_staff_a,
    )

    listing_change_reject(proposal=proposal, reviewer=world.editor)

    service.refresh_from_db()
    assert service.name == "Asesoría legal"
    assert AuditEvent.objects.filter(action=AuditAction.LISTING_CHANGE_REJECT).count() == 1
    with pytest.raises(ProposalError):
        listing_change_approve(proposal=proposal, reviewer=world.editor)
    with pytest.raises(ProposalError):
        listing_change_reject(proposal=proposal, reviewer=world.editor)
    service.refresh_from_db()
    assert service.name == "Asesoría legal"


def test_a_stored_proposal_that_is_not_an_object_is_never_applied(world):
    listings = build_listings()
    proposal = ListingChangeProposal.objects.create(
        service=listings.service_a,
        changes=[["name", "Otro nombre"]],
        lang="es",
        source=ProposalSource.PROVIDER_STAFF,
        proposed_by=world.provider_staff_a,
    )

    with pytest.raises(ProposalError):
        listing_change_approve(proposal=proposal, reviewer=world.editor)

    proposal.refresh_from_db()
    assert proposal.status == ModerationStatus.PENDING
    listings.service_a.refresh_from_db()
    assert listings.service_a.name == "Asesoría legal"


def test_a_stored_proposal_with_a_field_outside_the_whitelist_is_never_applied(world):
    listings = build_listings()
    proposal = ListingChangeProposal.objects.create(
        service=listings.service_a,
        changes={"name": "Ok", "listing_status": "draft"},
        lang="es",
        source=ProposalSource.PROVIDER_STAFF,
        proposed_by=world.provider_staff_a,
    )

    with pytest.raises(ProposalError):
        listing_change_approve(proposal=proposal, reviewer=world.editor)

    proposal.refresh_from_db()
    assert proposal.status == ModerationStatus.PENDING
    listings.service_a.refresh_from_db()
    assert listings.service_a.name == "Asesoría legal"


def test_approving_logs_nothing_personal(world, caplog):
    listings = build_listings()
    proposal = listing_change_propose(
        service=listings.service_a,
        changes=parse_changes({"email": "secreto@legal-a.example.org", "name": "Nombre nuevo"}),
        lang="es",
        actor=world.provider_staff_a,
    )
    with caplog.at_level(logging.DEBUG):
        listing_change_approve(proposal=proposal, reviewer=world.editor)
    assert "secreto@" not in caplog.text
    assert "Nombre nuevo" not in caplog.text


def test_editors_approve_in_the_admin_and_nobody_else_sees_the_queue(world):
    listings = build_listings()
    proposal = listing_change_propose(
        service=listings.service_a,
        changes=parse_changes({"name": "Asesoría legal y social"}),
        lang="es",
        actor=world.provider_staff_a,
    )
    changelist = "/admin/directory/listingchangeproposal/"
    detail = f"{changelist}{proposal.pk}/change/"

    for persona in ("admin", "manager_a", "counsellor_a", "provider_staff_a", "analyst_a", "dpo"):
        client = signed_in(getattr(world, persona))
        assert client.get(changelist).status_code in (302, 403, 404), persona
        assert client.post(detail, {"_approve": "1"}).status_code in (302, 403, 404), persona
        proposal.refresh_from_db()
        assert proposal.status == ModerationStatus.PENDING, persona

    editor = signed_in(world.editor)
    page = editor.get(detail)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Asesoría legal y social" in html
    assert 'name="_approve"' in html
    response = editor.post(
        changelist, {"action": "approve", "_selected_action": [proposal.pk]}, follow=True
    )
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == ModerationStatus.APPROVED
    listings.service_a.refresh_from_db()
    assert listings.service_a.name == "Asesoría legal y social"


def test_an_editor_can_reject_from_the_proposal_page(world):
    listings = build_listings()
    proposal = listing_change_propose(
        service=listings.service_a,
        changes=parse_changes({"name": "Nombre"}),
        lang="es",
        actor=world.provider_staff_a,
    )
    editor = signed_in(world.editor)

    response = editor.post(
        f"/admin/directory/listingchangeproposal/{proposal.pk}/change/", {"_reject": "1"}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ModerationStatus.REJECTED
