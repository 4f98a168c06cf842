"""HSDS taxonomies, their terms, the attributes that attach terms to rows, and metadata."""

from django.db import models

from infohub.directory.models.base import HsdsRecord, TranslatableRecord


class Taxonomy(TranslatableRecord):
    name = models.TextField()
    description = models.TextField()
    uri = models.TextField(blank=True)
    version = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(TranslatableRecord):
    code = models.TextField(blank=True)
    name = models.TextField()
    description = models.TextField()
    # HSDS declares no foreign key here; parents may be in a taxonomy not imported.
    parent_id = models.UUIDField(null=True, blank=True, db_index=True)
    taxonomy = models.TextField(blank=True)
    language = models.TextField(blank=True)
    # HSDS has both `taxonomy` (a name) and `taxonomy_id`; the key takes the name its
    # nested object has in HSDS JSON, and keeps the HSDS column.
    taxonomy_detail = models.ForeignKey(
        Taxonomy,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="terms",
        db_column="taxonomy_id",
    )
    term_uri = models.TextField(blank=True)

    class Meta(TranslatableRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Attribute(HsdsRecord):
    # Points at a row of any table (named by link_entity): no foreign key is possible.
    link_id = models.UUIDField(db_index=True)
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    link_type = models.TextField(blank=True)
    link_entity = models.TextField()
    value = models.TextField(blank=True)

    class Meta(HsdsRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.link_entity}:{self.link_id}"


class Metadata(HsdsRecord):
    # Points at a row of any table (named by resource_type).
    resource_id = models.UUIDField(db_index=True)
    resource_type = models.TextField()
    last_action_date = models.DateField()
    last_action_type = models.TextField()
    field_name = models.TextField()
    previous_value = models.TextField()
    replacement_value = models.TextField()
    updated_by = models.TextField()

    class Meta(HsdsRecord.Meta):
        verbose_name_plural = "metadata"

    def __str__(self) -> str:
        return f"{self.resource_type}:{self.resource_id} {self.field_name}"


class MetaTableDescription(HsdsRecord):
    name = models.TextField(blank=True)
    language = models.TextField(blank=True)
    character_set = models.TextField(blank=True)

    class Meta(HsdsRecord.Meta):
        pass

    def __str__(self) -> str:
        return self.name or str(self.id)
