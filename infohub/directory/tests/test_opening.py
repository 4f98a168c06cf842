"""Open now: HSDS schedules read in the place's own time zone, at fixed moments."""

import datetime as dt
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from infohub.directory.models import Schedule
from infohub.directory.opening import (
    applicable_schedules,
    days_label,
    hours_line,
    is_open,
    zone_for_address,
)

COSTA_RICA = ZoneInfo("America/Costa_Rica")  # UTC-6 all year
SANTO_DOMINGO = ZoneInfo("America/Santo_Domingo")  # UTC-4 all year
PORT_AU_PRINCE = ZoneInfo("America/Port-au-Prince")  # UTC-5, UTC-4 in summer
TIJUANA = ZoneInfo("America/Tijuana")  # UTC-8, UTC-7 in summer


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def weekly(
    byday: str = "MO,TU,WE,TH,FR", opens: str = "08:30", closes: str = "16:30", **fields: Any
) -> Schedule:
    fields.setdefault("freq", "WEEKLY")
    return Schedule(
        byday=byday,
        opens_at=dt.time.fromisoformat(opens),
        closes_at=dt.time.fromisoformat(closes),
        **fields,
    )


# 2026-03-02 is a Monday.


def test_a_weekday_schedule_is_open_between_its_hours_in_local_time():
    office = [weekly()]

    assert is_open(office, at=utc("2026-03-02 14:30"), place_zone=COSTA_RICA) is True  # 08:30
    assert is_open(office, at=utc("2026-03-02 14:29"), place_zone=COSTA_RICA) is False
    assert is_open(office, at=utc("2026-03-02 22:29"), place_zone=COSTA_RICA) is True  # 16:29
    # Closing time itself is closed.
    assert is_open(office, at=utc("2026-03-02 22:30"), place_zone=COSTA_RICA) is False


def test_the_same_moment_is_open_on_one_side_of_a_border_and_closed_on_the_other():
    office = [weekly()]
    # Dajabón and Ouanaminthe, two kilometres apart: 08:30 in one, 07:30 in the other.
    moment = utc("2026-01-05 12:30")

    assert is_open(office, at=moment, place_zone=SANTO_DOMINGO) is True
    assert is_open(office, at=moment, place_zone=PORT_AU_PRINCE) is False


def test_summer_time_is_followed():
    office = [weekly(opens="08:00", closes="16:00")]

    assert is_open(office, at=utc("2026-07-06 15:30"), place_zone=TIJUANA) is True  # 08:30 PDT
    assert is_open(office, at=utc("2026-01-05 15:30"), place_zone=TIJUANA) is False  # 07:30 PST


def test_days_not_in_the_rule_are_closed():
    office = [weekly()]

    assert is_open(office, at=utc("2026-03-07 15:00"), place_zone=COSTA_RICA) is False  # Saturday
    assert is_open(office, at=utc("2026-03-08 15:00"), place_zone=COSTA_RICA) is False  # Sunday


def test_the_local_day_decides_not_the_utc_day():
    office = [weekly()]
    # Saturday 02:00 UTC is Friday 20:00 in Costa Rica: closed for the hour, not the day.
    evening = [weekly(byday="FR", opens="19:00", closes="21:00")]

    assert is_open(evening, at=utc("2026-03-07 02:00"), place_zone=COSTA_RICA) is True
    assert is_open(office, at=utc("2026-03-07 02:00"), place_zone=COSTA_RICA) is False


def test_a_schedule_that_closes_after_midnight_stays_open_into_the_next_day():
    night = [weekly(byday="FR", opens="20:00", closes="06:00")]

    assert is_open(night, at=utc("2026-03-07 03:00"), place_zone=COSTA_RICA) is True  # Fri 21:00
    assert is_open(night, at=utc("2026-03-07 09:00"), place_zone=COSTA_RICA) is True  # Sat 03:00
    assert is_open(night, at=utc("2026-03-07 13:00"), place_zone=COSTA_RICA) is False  # Sat 07:00
    assert is_open(night, at=utc("2026-03-06 09:00"), place_zone=COSTA_RICA) is False  # Fri 03:00


def test_opening_and_closing_at_the_same_time_means_all_day():
    shelter = [weekly(byday="MO,TU,WE,TH,FR,SA,SU", opens="00:00", closes="00:00")]

    for moment in ("2026-03-08 05:59", "2026-03-08 06:00", "2026-03-09 17:45"):
        assert is_open(shelter, at=utc(moment), place_zone=COSTA_RICA) is True


def test_a_schedule_with_hours_and_no_rule_is_daily():
    daily = [Schedule(opens_at=dt.time(9), closes_at=dt.time(12))]

    assert is_open(daily, at=utc("2026-03-08 16:00"), place_zone=COSTA_RICA) is True


def test_the_schedules_own_utc_offset_wins_over_the_place():
    # The publisher says these hours are at UTC-4, whatever the address says.
    office = [weekly(timezone=-4)]

    assert is_open(office, at=utc("2026-03-02 12:30"), place_zone=COSTA_RICA) is True
    assert is_open(office, at=utc("2026-03-02 12:30"), place_zone=None) is True


def test_without_a_time_zone_or_hours_nothing_is_claimed():
    assert is_open([weekly()], at=utc("2026-03-02 15:00"), place_zone=None) is None
    assert is_open([], at=utc("2026-03-02 15:00"), place_zone=COSTA_RICA) is None
    described_only = [Schedule(description="Mornings, except holidays")]
    assert is_open(described_only, at=utc("2026-03-02 15:00"), place_zone=COSTA_RICA) is None


def test_a_schedule_out_of_its_validity_says_nothing_and_another_in_force_decides():
    old = weekly(valid_to=dt.date(2025, 12, 31))
    new = weekly(byday="SA", valid_from=dt.date(2026, 1, 1))
    monday = utc("2026-03-02 15:00")

    assert is_open([old], at=monday, place_zone=COSTA_RICA) is None
    assert is_open([old, new], at=monday, place_zone=COSTA_RICA) is False
    assert is_open([old, new], at=utc("2026-03-07 15:00"), place_zone=COSTA_RICA) is True


def test_monthly_rules_by_weekday_ordinal_and_by_day_of_month():
    first_monday = [weekly(byday="1MO", freq="MONTHLY")]
    last_friday = [weekly(byday="-1FR", freq="MONTHLY")]
    fifteenth = [
        Schedule(freq="MONTHLY", bymonthday="15", opens_at=dt.time(9), closes_at=dt.time(12))
    ]

    assert is_open(first_monday, at=utc("2026-03-02 15:00"), place_zone=COSTA_RICA) is True
    assert is_open(first_monday, at=utc("2026-03-09 15:00"), place_zone=COSTA_RICA) is False
    assert is_open(last_friday, at=utc("2026-03-27 15:00"), place_zone=COSTA_RICA) is True
    assert is_open(last_friday, at=utc("2026-03-20 15:00"), place_zone=COSTA_RICA) is False
    assert is_open(fifteenth, at=utc("2026-03-15 16:00"), place_zone=COSTA_RICA) is True
    assert is_open(fifteenth, at=utc("2026-03-16 16:00"), place_zone=COSTA_RICA) is False


def test_every_other_week_counts_from_the_start_date():
    fortnightly = [weekly(byday="MO", interval=2, dtstart=dt.date(2026, 3, 2))]

    assert is_open(fortnightly, at=utc("2026-03-02 15:00"), place_zone=COSTA_RICA) is True
    assert is_open(fortnightly, at=utc("2026-03-09 15:00"), place_zone=COSTA_RICA) is False
    assert is_open(fortnightly, at=utc("2026-03-16 15:00"), place_zone=COSTA_RICA) is True
    # Before its start, the schedule is not in force.
    assert is_open(fortnightly, at=utc("2026-02-16 15:00"), place_zone=COSTA_RICA) is None


def test_an_unreadable_rule_is_unknown_not_closed():
    assert (
        is_open([weekly(byday="LU,MA")], at=utc("2026-03-02 15:00"), place_zone=COSTA_RICA) is None
    )


@pytest.mark.parametrize(
    ("country", "state", "city", "zone"),
    [
        ("CR", "San José", "San José", "America/Costa_Rica"),
        ("do", "", "", "America/Santo_Domingo"),
        ("HT", "Nord-Est", "Ouanaminthe", "America/Port-au-Prince"),
        ("MX", "Chiapas", "Tapachula", "America/Mexico_City"),
        ("MX", "Baja California", "Tijuana", "America/Tijuana"),
        ("MX", "QUINTANA ROO", "Cancún", "America/Cancun"),
        ("MX", "Chihuahua", "Ciudad Juárez", "America/Ciudad_Juarez"),
        ("MX", "Chihuahua", "Chihuahua", "America/Chihuahua"),
    ],
)
def test_the_time_zone_comes_from_the_address(country, state, city, zone):
    found = zone_for_address(country=country, state_province=state, city=city)

    assert getattr(found, "key", None) == zone


def test_a_country_with_several_zones_or_none_known_has_no_zone():
    assert zone_for_address(country="US", state_province="Texas", city="El Paso") is None
    assert zone_for_address(country="") is None


def test_the_most_specific_schedules_apply():
    at_place, of_service, of_place = [weekly(byday="SA")], [weekly()], [weekly(byday="SU")]

    def chosen(
        at_location: list[Schedule], of_service: list[Schedule], of_location: list[Schedule]
    ) -> Sequence[Schedule]:
        return applicable_schedules(
            at_location=at_location, of_service=of_service, of_location=of_location
        )

    assert chosen(at_place, of_service, of_place) is at_place
    assert chosen([], of_service, of_place) is of_service
    assert chosen([], [], of_place) is of_place


def test_hours_read_as_day_ranges_and_times():
    assert days_label([0, 1, 2, 3, 4]) == "Monday\u2013Friday"
    assert days_label([0, 2, 4]) == "Monday, Wednesday, Friday"
    assert days_label([5, 6, 0]) == "Monday, Saturday, Sunday"
    assert days_label(range(7)) == "Every day"

    line = hours_line(weekly())
    assert line is not None
    assert (line.days, line.hours) == ("Monday\u2013Friday", "08:30\u201316:30")
    all_day = hours_line(weekly(byday="SA,SU", opens="00:00", closes="00:00"))
    assert all_day is not None
    assert (all_day.days, all_day.hours) == ("Saturday, Sunday", "24 hours")
    # Rules a line cannot say are left to the schedule's description.
    assert hours_line(weekly(byday="1MO", freq="MONTHLY")) is None
    assert hours_line(Schedule(description="On request")) is None
