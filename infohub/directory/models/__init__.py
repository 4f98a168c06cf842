"""The service directory's tables: HSDS 3.0 entities and the directory's own extensions.

The HSDS profile (what is HSDS, what is added, what is left out of exports) is
described in docs/hsds-profile.md.
"""

from infohub.directory.models.base import (
    HsdsRecord,
    LocationType,
    TranslatableRecord,
    default_source_language,
)
from infohub.directory.models.details import Contact, Frequency, Language, Phone, Schedule, Weekday
from infohub.directory.models.locations import Accessibility, Address, Location, ServiceAtLocation
from infohub.directory.models.organizations import (
    Funding,
    Organization,
    OrganizationIdentifier,
    Program,
)
from infohub.directory.models.records import DirectoryImport, DirectoryTranslation, ImportFormat
from infohub.directory.models.services import (
    CostOption,
    ListingStatus,
    RequiredDocument,
    Service,
    ServiceArea,
    ServiceStatus,
)
from infohub.directory.models.taxonomy import (
    Attribute,
    Metadata,
    MetaTableDescription,
    Taxonomy,
    TaxonomyTerm,
)

__all__ = [
    "Accessibility",
    "Address",
    "Attribute",
    "Contact",
    "CostOption",
    "DirectoryImport",
    "DirectoryTranslation",
    "Frequency",
    "Funding",
    "HsdsRecord",
    "ImportFormat",
    "Language",
    "ListingStatus",
    "Location",
    "LocationType",
    "MetaTableDescription",
    "Metadata",
    "Organization",
    "OrganizationIdentifier",
    "Phone",
    "Program",
    "RequiredDocument",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
    "TranslatableRecord",
    "Weekday",
    "default_source_language",
]
