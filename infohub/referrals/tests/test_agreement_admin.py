"""Superusers keep the data-sharing agreements in the admin; every save is audited."""

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.audit.models import AuditEvent
from infohub.referrals.models import SharingAgreement
from infohub.testing.personas import PASSWORD, World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def test_a_superuser_records_which_fields_a_provider_receives(world: World) -> None:
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    enrol_authenticator(root)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, root)
    response = client.post(
        "/admin/referrals/sharingagreement/add/",
        {"provider": world.provider_a.pk, "reference": "DSA-7", "fields": ["given_names", "phone"]},
    )
    assert response.status_code == 302, response.content[:600]
    agreement = SharingAgreement.objects.get()
    assert agreement.fields == ["given_names", "phone"]
    assert AuditEvent.objects.filter(action="referral.agreement_create").count() == 1


def test_other_staff_cannot_open_the_agreements(world: World) -> None:
    enrol_authenticator(world.admin)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.admin)
    assert client.get("/admin/referrals/sharingagreement/").status_code in (302, 403, 404)
