"""Nearby search: published services ordered by distance from a point, and what a reader sees.

**How.** No GIS: coordinates are two float columns, so the search runs the same on
SQLite and PostgreSQL. A bounding box around the circle is a range condition on the
indexed latitude and longitude columns, answered by the database; the exact
great-circle (haversine) distance of the rows inside it is computed in Python, which
drops the box's corners, sorts and cuts. The circle starts small (2 km) and grows, as
much as the density seen so far says is needed (two to eight times), up to the radius
asked for, stopping as soon as enough results lie inside it: nothing outside can be
nearer, so the answer is exact, and a dense city does not fetch thousands of rows for
ten results.

**What is listed.** Published services whose HSDS status is active or temporarily
closed, each once, at its nearest place that matches (with ``open_now``, its nearest
place open now). Coordinates out of range are ignored.

**Confidential locations are left out entirely.** A confidential location never takes
part in a public search: not in the results, not in a distance, not in a municipality's
centre. A distance, even rounded, and the ordering of results would let anyone with a
few searches locate the place. Its service is still listed at its other, public places;
a service offered only at confidential places is found through its page or a hub, never
by distance. The rules about phones and schedules attached to such a place are in
``public_phones`` and ``place_schedules``.
"""

from infohub.directory.nearby.details import (
    Translations,
    current_cost_options,
    public_phones,
    spoken_languages,
    translations_of,
)
from infohub.directory.nearby.geometry import (
    EARTH_RADIUS_KM,
    BoundingBox,
    bounding_box,
    haversine_km,
)
from infohub.directory.nearby.municipalities import (
    Municipality,
    municipality_key,
    municipality_list,
)
from infohub.directory.nearby.places import (
    LISTED_STATUSES,
    Place,
    filtered,
    listed_service_at_locations,
    load_places,
    main_address,
    place_schedules,
    term_and_descendants,
    term_by_id_or_code,
)
from infohub.directory.nearby.search import (
    DEFAULT_RADIUS_KM,
    MAX_LIMIT,
    MAX_RADIUS_KM,
    Candidate,
    candidates_within,
    nearby,
    next_radius,
)

__all__ = [
    "DEFAULT_RADIUS_KM",
    "EARTH_RADIUS_KM",
    "LISTED_STATUSES",
    "MAX_LIMIT",
    "MAX_RADIUS_KM",
    "BoundingBox",
    "Candidate",
    "Municipality",
    "Place",
    "Translations",
    "bounding_box",
    "candidates_within",
    "current_cost_options",
    "filtered",
    "haversine_km",
    "listed_service_at_locations",
    "load_places",
    "main_address",
    "municipality_key",
    "municipality_list",
    "nearby",
    "next_radius",
    "place_schedules",
    "public_phones",
    "spoken_languages",
    "term_and_descendants",
    "term_by_id_or_code",
    "translations_of",
]
