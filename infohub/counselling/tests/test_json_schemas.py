"""A consultation's languages are ISO 639-1 codes, parsed strictly before they are written."""

from typing import Any

import pytest
from django.utils import timezone

from infohub.audit.models import AuditEvent
from infohub.counselling.errors import CounsellingError
from infohub.counselling.models import Consultation
from infohub.counselling.schemas import LANGUAGES, consultation_languages
from infohub.counselling.services import ConsultationInput, consultation_record
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def _record(world: World, languages: list[str]) -> Consultation:
    data = ConsultationInput(
        date=timezone.localdate(),
        channel="phone",
        migrant_status="current",
        outcome="informed",
        languages=languages,
    )
    return consultation_record(user=world.counsellor_a, hub=world.hub_a, data=data)


def test_the_languages_round_trip_sorted_and_in_lower_case(world: World) -> None:
    _record(world, ["ht", "ES", "pt"])
    assert LANGUAGES.validate_python(Consultation.objects.get().languages) == ["es", "ht", "pt"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("es", "languages: Input should be a valid list"),
        ([{"code": "es"}], r"languages\[0\]: Input should be a valid string"),
        (["es", "es"], "languages: Value error, a language is listed twice"),
        (["xx"], r"languages\[0\]: Value error, 'xx' is not an ISO 639-1 language code"),
        (["hat"], r"languages\[0\]: Value error, 'hat' is not an ISO 639-1 language code"),
        (["ES"], r"languages\[0\]: Value error, 'ES' is not an ISO 639-1 language code"),
    ],
)
def test_it_refuses_other_shapes(value: Any, message: str) -> None:
    with pytest.raises(CounsellingError, match=message):
        consultation_languages(value)


def test_a_consultation_in_an_unknown_language_is_refused_and_nothing_is_written(
    world: World,
) -> None:
    audited = AuditEvent.objects.count()
    with pytest.raises(CounsellingError, match="'qq' is not an ISO 639-1 language code"):
        _record(world, ["es", "qq"])
    assert not Consultation.objects.exists()
    assert AuditEvent.objects.count() == audited
