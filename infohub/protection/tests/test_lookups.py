"""Queries that compare encrypted values are errors, not silently empty results."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import F, Q, QuerySet, TextField
from django.db.models.functions import Lower
from django.test.utils import register_lookup

from infohub.protection.errors import EncryptedFieldMisuseError
from infohub.protection.models import KeyCanary


@pytest.mark.parametrize(
    "query",
    [
        lambda qs: qs.filter(value="AB123456"),
        lambda qs: qs.filter(value__exact="AB123456"),
        lambda qs: qs.exclude(value="AB123456"),
        lambda qs: qs.filter(Q(key_id="k1") | Q(value="AB123456")),
        lambda qs: qs.filter(value__iexact="ab123456"),
        lambda qs: qs.filter(value__icontains="AB"),
        lambda qs: qs.filter(value__startswith="AB"),
        lambda qs: qs.filter(value__in=["AB123456"]),
        lambda qs: qs.filter(value__gt="A"),
        lambda qs: qs.filter(value__regex="^AB"),
        lambda qs: qs.filter(value=F("key_id")),
        lambda qs: qs.filter(value__lower="ab123456"),
        lambda qs: qs.get_or_create(value="AB123456"),
    ],
)
def test_comparing_encrypted_values_is_refused_with_an_explanation(
    query: Callable[[QuerySet[KeyCanary]], Any],
) -> None:
    with pytest.raises(EncryptedFieldMisuseError, match="keyed hash") as caught:
        query(KeyCanary.objects.all())
    assert "protection.keycanary.value" in str(caught.value)


def test_a_transform_registered_on_text_fields_is_refused_too() -> None:
    with register_lookup(TextField, Lower), pytest.raises(EncryptedFieldMisuseError):
        KeyCanary.objects.filter(value__lower__exact="ab")


@pytest.mark.django_db
def test_emptiness_and_nullness_can_still_be_queried() -> None:
    KeyCanary.objects.all().delete()
    KeyCanary.objects.create(key_id="empty", value="")
    KeyCanary.objects.create(key_id="full", value="AB123456")
    assert list(KeyCanary.objects.filter(value="").values_list("key_id", flat=True)) == ["empty"]
    assert list(KeyCanary.objects.exclude(value="").values_list("key_id", flat=True)) == ["full"]
    assert not KeyCanary.objects.filter(value__isnull=True).exists()
    assert not KeyCanary.objects.filter(value=None).exists()
