"""Opening hours from HSDS schedules: whether a place is open at a moment, and the hours to show.

**Time zone.** Schedule times are wall-clock times where the service is. HSDS locations
have no time zone, so it is worked out in this order:

1. the schedule's own ``timezone``, which HSDS defines as the UTC offset (in hours) its
   times are expressed in: the publisher said so, and it wins;
2. the location's address: its country (ISO 3166 alpha-2) mapped to an IANA zone read
   with ``zoneinfo``, refined by state for Mexico, whose border states keep other clocks
   (and by city for Ciudad Juárez);
3. otherwise the time zone is unknown and so is whether the place is open: it is never
   guessed from the server's clock.

**Recurrence.** The HSDS schedule fields follow iCalendar (RFC 5545): ``freq`` (weekly
or monthly), ``interval`` (every n weeks or months, counted from ``dtstart``),
``byday`` (``MO,TU``; in monthly rules also ``1MO`` or ``-1FR``), ``bymonthday``
(``1,15,-1``), ``byweekno``, ``byyearday``, ``wkst``, and the bounds ``valid_from``,
``valid_to``, ``dtstart`` and ``until``. A schedule with hours but no rule at all is
taken as daily. ``count`` is not applied (``until`` bounds most real schedules). A
schedule that closes before it opens runs past midnight; one that opens and closes at
the same time is open all day. A rule that cannot be read makes its schedule count as
unknown rather than closed.
"""

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from infohub.directory.models import Frequency, Schedule
from infohub.time_zones import COUNTRY_ZONES

EN_DASH = "\u2013"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Mexican states whose clocks differ from Mexico City's, by folded name.
MX_STATE_ZONES = {
    "baja california": "America/Tijuana",
    "baja california sur": "America/Mazatlan",
    "chihuahua": "America/Chihuahua",
    "nayarit": "America/Mazatlan",
    "quintana roo": "America/Cancun",
    "sinaloa": "America/Mazatlan",
    "sonora": "America/Hermosillo",
}
CITY_ZONES = {
    ("MX", "ciudad juarez"): "America/Ciudad_Juarez",
    ("MX", "juarez"): "America/Ciudad_Juarez",
}

# A schedule's time zone: a zone, or an HSDS UTC offset turned into a fixed zone.
Zone = dt.tzinfo


def fold(text: str) -> str:
    """Case and accents ignored: "Ciudad Juárez" and "ciudad juarez" are the same."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def zone_for_address(*, country: str, state_province: str = "", city: str = "") -> Zone | None:
    """The IANA time zone of an address, or None when its country is not mapped."""
    code = country.strip().upper()
    name = (
        CITY_ZONES.get((code, fold(city)))
        or (MX_STATE_ZONES.get(fold(state_province)) if code == "MX" else None)
        or COUNTRY_ZONES.get(code)
    )
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # a system without time zone data
        return None


def schedule_zone(schedule: Schedule, place_zone: Zone | None) -> Zone | None:
    """The schedule's own UTC offset when it gives one, else the place's zone."""
    if schedule.timezone is not None and -14 <= schedule.timezone <= 14:
        return dt.timezone(dt.timedelta(hours=schedule.timezone))
    return place_zone


@dataclass(frozen=True)
class DayRule:
    weekday: int  # 0 is Monday
    ordinal: int | None  # 1MO is the first Monday of the month, -1FR the last Friday


class UnreadableRuleError(ValueError):
    pass


def _day_rules(text: str) -> list[DayRule]:
    rules = []
    for part in filter(None, (p.strip().upper() for p in text.split(","))):
        code, number = part[-2:], part[:-2]
        if code not in WEEKDAY_CODES:
            raise UnreadableRuleError(text)
        try:
            ordinal = int(number) if number else None
        except ValueError:
            raise UnreadableRuleError(text) from None
        if ordinal is not None and not (1 <= abs(ordinal) <= 5):
            raise UnreadableRuleError(text)
        rules.append(DayRule(weekday=WEEKDAY_CODES.index(code), ordinal=ordinal))
    return rules


def _numbers(text: str) -> list[int]:
    try:
        return [int(p) for p in text.replace(" ", "").split(",") if p]
    except ValueError:
        raise UnreadableRuleError(text) from None


def _days_in_month(day: dt.date) -> int:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (following - dt.timedelta(days=1)).day


def _matches_day_rule(rule: DayRule, day: dt.date, *, monthly: bool) -> bool:
    if day.weekday() != rule.weekday:
        return False
    if rule.ordinal is None or not monthly:
        return True
    if rule.ordinal > 0:
        return (day.day - 1) // 7 + 1 == rule.ordinal
    return (_days_in_month(day) - day.day) // 7 + 1 == -rule.ordinal


def in_force(schedule: Schedule, day: dt.date) -> bool:
    """Whether ``day`` lies within the schedule's bounds (it may still not be a day it runs)."""
    starts = [d for d in (schedule.valid_from, schedule.dtstart) if d]
    ends = [d for d in (schedule.valid_to, schedule.until) if d]
    return all(day >= d for d in starts) and all(day <= d for d in ends)


def _week_start(day: dt.date, wkst: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - wkst) % 7)


def _interval_matches(schedule: Schedule, day: dt.date, *, monthly: bool) -> bool:
    interval = int(schedule.interval or 1)
    if interval <= 1 or schedule.dtstart is None:
        return True
    start = schedule.dtstart
    if monthly:
        months = (day.year - start.year) * 12 + day.month - start.month
        return months % interval == 0
    wkst = WEEKDAY_CODES.index(schedule.wkst) if schedule.wkst in WEEKDAY_CODES else 0
    weeks = (_week_start(day, wkst) - _week_start(start, wkst)).days // 7
    return weeks % interval == 0


def runs_on(schedule: Schedule, day: dt.date) -> bool:
    """Whether the schedule has opening hours on ``day``; raises UnreadableRuleError."""
    monthly = schedule.freq == Frequency.MONTHLY
    day_rules = _day_rules(schedule.byday)
    month_days = _numbers(schedule.bymonthday)
    checks = (
        in_force(schedule, day),
        _interval_matches(schedule, day, monthly=monthly),
        not day_rules or any(_matches_day_rule(r, day, monthly=monthly) for r in day_rules),
        _in_numbers(month_days, day.day, _days_in_month(day)),
        _in_numbers(
            _numbers(schedule.byweekno),
            day.isocalendar().week,
            dt.date(day.isocalendar().year, 12, 28).isocalendar().week,
        ),
        _in_numbers(
            _numbers(schedule.byyearday),
            day.timetuple().tm_yday,
            366 if _is_leap(day.year) else 365,
        ),
        _on_start_day(schedule, day, monthly=monthly, has_rules=bool(day_rules or month_days)),
    )
    return all(checks)


def _in_numbers(numbers: list[int], value: int, last: int) -> bool:
    """No numbers match everything; negative numbers count from the end (-1 is ``last``)."""
    return not numbers or any(value == (n if n > 0 else last + 1 + n) for n in numbers)


def _on_start_day(schedule: Schedule, day: dt.date, *, monthly: bool, has_rules: bool) -> bool:
    """A weekly or monthly rule naming no day repeats on the day of ``dtstart``."""
    if has_rules or not schedule.freq:
        return True
    if schedule.dtstart is None:
        if monthly:
            raise UnreadableRuleError("a monthly rule without a day")
        return True
    if monthly:
        return day.day == schedule.dtstart.day
    return day.weekday() == schedule.dtstart.weekday()


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _hours(schedule: Schedule) -> tuple[dt.time, dt.time] | None:
    if schedule.opens_at is None or schedule.closes_at is None:
        return None
    return schedule.opens_at.replace(tzinfo=None), schedule.closes_at.replace(tzinfo=None)


def _open_in_schedule(
    schedule: Schedule, opens: dt.time, closes: dt.time, local: dt.datetime
) -> bool:
    """Raises UnreadableRuleError: runs_on is always asked about ``local``'s day first."""
    now = local.time().replace(tzinfo=None)
    today = local.date()
    if opens < closes:
        return runs_on(schedule, today) and opens <= now < closes
    if opens == closes:
        return runs_on(schedule, today)
    # Past midnight: open from ``opens`` today, or until ``closes`` after yesterday's start.
    yesterday = today - dt.timedelta(days=1)
    return (runs_on(schedule, today) and now >= opens) or (
        runs_on(schedule, yesterday) and now < closes
    )


def is_open(
    schedules: Iterable[Schedule], *, at: dt.datetime, place_zone: Zone | None
) -> bool | None:
    """True when a schedule has the place open at ``at`` (aware), False when the schedules
    in force say it is closed, None when nothing is known: no schedule with hours, in
    force and readable, and with a time zone."""
    known = False
    for schedule in schedules:
        zone = schedule_zone(schedule, place_zone)
        hours = _hours(schedule)
        if hours is None or zone is None:
            continue
        local = at.astimezone(zone)
        try:
            if _open_in_schedule(schedule, *hours, local):
                return True
        except UnreadableRuleError:
            continue
        if in_force(schedule, local.date()):
            known = True
    return False if known else None


def applicable_schedules(
    *,
    at_location: Sequence[Schedule],
    of_service: Sequence[Schedule],
    of_location: Sequence[Schedule],
) -> Sequence[Schedule]:
    """The most specific schedules given: the service at that place, the service anywhere,
    then the place itself (a building's hours)."""
    return at_location or of_service or of_location


# What the page shows for a schedule.


def weekday_names() -> list[str]:
    return [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]


def days_label(weekdays: Iterable[int]) -> str:
    """Weekday names; runs of three days or more are shown as a range (Monday to Friday)."""
    days = sorted(set(weekdays))
    if len(days) == 7:
        return _("Every day")
    names = weekday_names()
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}{EN_DASH}{names[run[-1]]}")
        else:
            parts.extend(names[d] for d in run)
    return ", ".join(parts)


@dataclass(frozen=True)
class HoursLine:
    days: str
    hours: str


def hours_line(schedule: Schedule) -> HoursLine | None:
    """The days and hours of a weekly (or rule-less) schedule, formatted; None otherwise."""
    times = _hours(schedule)
    if times is None or schedule.freq == Frequency.MONTHLY:
        return None
    opens, closes = times
    try:
        rules = _day_rules(schedule.byday)
    except UnreadableRuleError:
        return None
    irregular = int(schedule.interval or 1) > 1 or any(r.ordinal for r in rules)
    if irregular or schedule.bymonthday or schedule.byweekno or schedule.byyearday:
        return None
    if not rules and schedule.freq == Frequency.WEEKLY and schedule.dtstart:
        rules = [DayRule(weekday=schedule.dtstart.weekday(), ordinal=None)]
    hours = _("24 hours") if opens == closes else f"{opens:%H:%M}{EN_DASH}{closes:%H:%M}"
    days = days_label(r.weekday for r in rules) if rules else _("Every day")
    return HoursLine(days=days, hours=hours)
