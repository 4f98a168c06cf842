"""HSDS services and the rows that describe only a service."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from infohub.directory.models.base import TranslatableRecord
from infohub.directory.models.organizations import Organization, Program


class ServiceStatus(models.TextChoices):
    """HSDS ``status``: what the provider says about the service."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class ListingStatus(models.TextChoices):
    """Whether the hub lists the service: an extension, separate from HSDS ``status``."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUSPENDED = "suspended", _("Suspended")


class Service(TranslatableRecord):
    # Deleting an organization that still has services is refused: services are the
    # directory's main content and are never removed as a side effect.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    name = models.TextField()
    alternate_name = models.TextField(blank=True)
    description = models.TextField(blank=True)
    url = models.TextField(blank=True)
    email = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices)
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    fees_description = models.TextField(blank=True)
    wait_time = models.TextField(blank=True)  # deprecated in HSDS 3.0
    fees = models.TextField(blank=True)  # deprecated in HSDS 3.0
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.TextField(blank=True)
    licenses = models.TextField(blank=True)  # deprecated in HSDS 3.0
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)
    # Extensions (docs/hsds-profile.md); imports never change them on existing services.
    listing_status = models.CharField(
        max_length=16, choices=ListingStatus.choices, default=ListingStatus.DRAFT, db_index=True
    )
    # When the hub last checked the service itself; HSDS assured_date is the source's.
    last_verified = models.DateField(null=True, blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class ServiceArea(TranslatableRecord):
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="service_areas"
    )
    name = models.TextField(blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.TextField(blank=True)
    uri = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name[:60]


class RequiredDocument(TranslatableRecord):
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    document = models.TextField(blank=True)
    uri = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.document[:60]


class CostOption(TranslatableRecord):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    currency = models.TextField(blank=True)
    amount = models.FloatField(null=True, blank=True)
    amount_description = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.option[:60]
