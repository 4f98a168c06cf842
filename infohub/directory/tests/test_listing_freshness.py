"""The stale flag: a listing the hub has not verified within the period."""

import datetime as dt

import pytest

from infohub.directory.listings.selectors import service_is_stale
from infohub.directory.models import Organization, Service

TODAY = dt.date(2026, 3, 2)


def service(last_verified: dt.date | None) -> Service:
    return Service(organization=Organization(name="O"), name="S", last_verified=last_verified)


def test_a_listing_never_verified_is_stale():
    assert service_is_stale(service(None), TODAY)


@pytest.mark.parametrize(
    ("days_ago", "stale"), [(0, False), (364, False), (365, False), (366, True), (2000, True)]
)
def test_a_listing_is_stale_once_the_period_has_passed(days_ago, stale):
    verified = TODAY - dt.timedelta(days=days_ago)
    assert service_is_stale(service(verified), TODAY) is stale


def test_the_period_comes_from_the_settings(settings):
    settings.INFOHUB_LISTING_VERIFY_DAYS = 30
    assert service_is_stale(service(TODAY - dt.timedelta(days=31)), TODAY)
    assert not service_is_stale(service(TODAY - dt.timedelta(days=30)), TODAY)


def test_the_assured_date_of_the_source_does_not_count_as_the_hubs_verification():
    checked_by_source = service(None)
    checked_by_source.assured_date = TODAY
    assert service_is_stale(checked_by_source, TODAY)
