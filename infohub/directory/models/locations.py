"""HSDS locations, the services offered at them, their addresses and accessibility."""

from django.db import models

from infohub.directory.models.base import HsdsRecord, LocationType, TranslatableRecord
from infohub.directory.models.organizations import Organization
from infohub.directory.models.services import Service


class Location(TranslatableRecord):
    location_type = models.CharField(max_length=16, choices=LocationType.choices)
    url = models.TextField(blank=True)
    # A location may exist without an organization in HSDS; losing one keeps the place.
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="locations"
    )
    name = models.TextField(blank=True)
    alternate_name = models.TextField(blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True)
    # Floats, not a GIS type: distances are computed the same way on SQLite and PostgreSQL.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.TextField(blank=True)
    external_identifier_type = models.TextField(blank=True)
    # Extension: a place whose whereabouts must stay private (a shelter, for example).
    # Its address, coordinates, phones and contacts are never public and never exported.
    # Imports never change it: only staff set it, through location_confidential_set.
    confidential = models.BooleanField(default=False)

    class Meta(TranslatableRecord.Meta):
        # Nearby search filters on a latitude/longitude box before computing distances.
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="directory_location_lat_lon")
        ]

    def __str__(self) -> str:
        return self.name or str(self.id)


class ServiceAtLocation(TranslatableRecord):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        verbose_name = "service at location"
        verbose_name_plural = "services at locations"

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Address(HsdsRecord):
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="addresses"
    )
    attention = models.TextField(blank=True)
    address_1 = models.TextField()
    address_2 = models.TextField(blank=True)
    city = models.TextField()
    region = models.TextField(blank=True)
    state_province = models.TextField()
    postal_code = models.TextField()
    country = models.TextField()
    address_type = models.CharField(max_length=16, choices=LocationType.choices)

    class Meta(HsdsRecord.Meta):
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city}"


class Accessibility(TranslatableRecord):
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="accessibility"
    )
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return self.description[:60]
