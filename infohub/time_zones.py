"""Civil time zones of the countries the hubs serve, shared by hubs and directory places.

One IANA zone per country whose whole territory keeps one clock. Mexico keeps several
(the directory refines it by state); a hub there is given its zone explicitly.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Countries with one civil time, across the region the hubs serve.
COUNTRY_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "BO": "America/La_Paz",
    "BZ": "America/Belize",
    "CL": "America/Santiago",
    "CO": "America/Bogota",
    "CR": "America/Costa_Rica",
    "CU": "America/Havana",
    "DO": "America/Santo_Domingo",
    "EC": "America/Guayaquil",
    "GT": "America/Guatemala",
    "GY": "America/Guyana",
    "HN": "America/Tegucigalpa",
    "HT": "America/Port-au-Prince",
    "JM": "America/Jamaica",
    "MX": "America/Mexico_City",
    "NI": "America/Managua",
    "PA": "America/Panama",
    "PE": "America/Lima",
    "PR": "America/Puerto_Rico",
    "PY": "America/Asuncion",
    "SR": "America/Paramaribo",
    "SV": "America/El_Salvador",
    "TT": "America/Port_of_Spain",
    "UY": "America/Montevideo",
    "VE": "America/Caracas",
}


def country_zone(country: str) -> str | None:
    """The IANA zone name of a country with one civil time, or None when it is not mapped."""
    return COUNTRY_ZONES.get(country.strip().upper())


def is_zone(name: str) -> bool:
    """Whether ``name`` is an IANA zone this system knows."""
    if name not in available_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
