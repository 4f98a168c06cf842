"""HSDS rows that may belong to several kinds of parent: contacts, phones, schedules, languages.

Each has a nullable foreign key per possible parent, as in the HSDS tables, and goes
with any parent that is deleted: a phone of a confidential location must not survive
as a phone of its service.
"""

from django.db import models

from infohub.directory.models.base import TranslatableRecord
from infohub.directory.models.locations import Location, ServiceAtLocation
from infohub.directory.models.organizations import Organization
from infohub.directory.models.services import Service


class Weekday(models.TextChoices):
    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"


def _parent(model: type[models.Model] | str, related_name: str) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.CASCADE, related_name=related_name
    )


class Contact(TranslatableRecord):
    organization = _parent(Organization, "contacts")
    service = _parent(Service, "contacts")
    service_at_location = _parent(ServiceAtLocation, "contacts")
    location = _parent(Location, "contacts")
    name = models.TextField(blank=True)
    title = models.TextField(blank=True)
    department = models.TextField(blank=True)
    email = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name or str(self.id)


class Phone(TranslatableRecord):
    location = _parent(Location, "phones")
    service = _parent(Service, "phones")
    organization = _parent(Organization, "phones")
    contact = _parent(Contact, "phones")
    service_at_location = _parent(ServiceAtLocation, "phones")
    number = models.TextField()
    extension = models.FloatField(null=True, blank=True)
    type = models.TextField(blank=True)
    description = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.number


class Schedule(TranslatableRecord):
    service = _parent(Service, "schedules")
    location = _parent(Location, "schedules")
    service_at_location = _parent(ServiceAtLocation, "schedules")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.FloatField(null=True, blank=True)
    wkst = models.CharField(max_length=2, choices=Weekday.choices, blank=True)
    freq = models.CharField(max_length=7, choices=Frequency.choices, blank=True)
    interval = models.FloatField(null=True, blank=True)
    byday = models.TextField(blank=True)
    byweekno = models.TextField(blank=True)
    bymonthday = models.TextField(blank=True)
    byyearday = models.TextField(blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.TextField(blank=True)
    attending_type = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.description[:60] or str(self.id)


class Language(TranslatableRecord):
    service = _parent(Service, "languages")
    location = _parent(Location, "languages")
    phone = _parent(Phone, "languages")
    name = models.TextField(blank=True)
    code = models.TextField(blank=True)
    note = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name or self.code
