"""HSDS organizations and what hangs only on them: identifiers, programs, funding."""

from django.db import models

from infohub.directory.models.base import HsdsRecord, TranslatableRecord

# Detail rows (identifiers, funding, phones, ...) go with the row they describe; a
# service is never deleted as a side effect: deleting its organization is refused.


class Organization(TranslatableRecord):
    name = models.TextField()
    alternate_name = models.TextField(blank=True)
    description = models.TextField()
    email = models.TextField(blank=True)
    website = models.TextField(blank=True)
    tax_status = models.TextField(blank=True)
    tax_id = models.TextField(blank=True)
    year_incorporated = models.FloatField(null=True, blank=True)
    legal_status = models.TextField(blank=True)
    logo = models.TextField(blank=True)
    uri = models.TextField(blank=True)
    # HSDS declares no foreign key here, and parents are often outside the data set.
    parent_organization_id = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(HsdsRecord):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="organization_identifiers"
    )
    identifier_scheme = models.TextField(blank=True)
    identifier_type = models.TextField()
    identifier = models.TextField()

    class Meta(HsdsRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.identifier_type}: {self.identifier}"


class Program(TranslatableRecord):
    # HSDS 3.0 marks organization_id unique here, which would allow one program per
    # organization; that is taken as a slip in the specification and not enforced.
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.TextField()
    alternate_name = models.TextField(blank=True)
    description = models.TextField()

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Funding(TranslatableRecord):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="funding",
    )
    source = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        verbose_name_plural = "funding"

    def __str__(self) -> str:
        return self.source[:60]
