"""A data-sharing agreement's fields are parsed strictly before they are written."""

from typing import Any

import pytest

from infohub.audit.models import AuditEvent
from infohub.referrals.errors import ReferralError
from infohub.referrals.models import SharingAgreement
from infohub.referrals.schemas import SHARED_FIELDS, shared_fields
from infohub.referrals.services import sharing_agreement_set
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_the_fields_round_trip_in_the_shared_fields_order(world: World) -> None:
    sharing_agreement_set(
        provider=world.provider_a, fields=["phone", "given_names"], reference="", actor=None
    )
    stored = SharingAgreement.objects.get().fields
    assert SHARED_FIELDS.validate_python(stored) == ["given_names", "phone"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("phone", "fields: Input should be a valid list"),
        ([{"name": "phone"}], r"fields\[0\]: Input should be a valid string"),
        (["phone", "phone"], "fields: Value error, a shared field is listed twice"),
        (["religion"], r"fields\[0\]: Value error, 'religion' is not a shared field"),
    ],
)
def test_it_refuses_other_shapes(value: Any, message: str) -> None:
    with pytest.raises(ReferralError, match=message):
        shared_fields(value)


def test_an_agreement_with_an_unknown_field_is_refused_and_nothing_is_written(
    world: World,
) -> None:
    audited = AuditEvent.objects.count()
    with pytest.raises(ReferralError):
        sharing_agreement_set(
            provider=world.provider_a, fields=["phone", "religion"], reference="", actor=None
        )
    assert not SharingAgreement.objects.exists()
    assert AuditEvent.objects.count() == audited
