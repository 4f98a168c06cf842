"""What every HSDS table shares: the HSDS id as primary key, and the source language."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LocationType(models.TextChoices):
    """HSDS ``location_type`` and ``address_type``."""

    PHYSICAL = "physical", _("Physical")
    POSTAL = "postal", _("Postal")
    VIRTUAL = "virtual", _("Virtual")


class HsdsRecord(models.Model):
    """A row of an HSDS table.

    The HSDS ``id`` is the primary key: it is already a public UUID, exported and
    served as is, and using it directly lets an import set foreign keys from HSDS ids
    without looking anything up. Every HSDS field is a column with the HSDS name (a
    foreign key ``organization`` has the column ``organization_id``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True
        ordering = ["id"]

    @property
    def public_id(self) -> uuid.UUID:
        """The id audit rows and URLs use; for HSDS records it is the HSDS id."""
        return self.id


def default_source_language() -> str:
    return str(settings.LANGUAGE_CODE)


class TranslatableRecord(HsdsRecord):
    """A row whose human-readable HSDS fields may have translations.

    The HSDS fields hold the text in ``source_language``; the other content languages
    are DirectoryTranslation rows (see selectors.text_for for the fallback chain).
    """

    source_language = models.CharField(max_length=8, default=default_source_language)

    class Meta(HsdsRecord.Meta):
        abstract = True
