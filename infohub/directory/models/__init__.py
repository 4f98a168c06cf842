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
from infohub.directory.models.listings import (
    ListingChangeProposal,
    ModerationStatus,
    ProposalSource,
    ProviderLink,
    ServiceFeedback,
    VerificationRequest,
)
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
    "ListingChangeProposal",
    "ListingStatus",
    "Location",
    "LocationType",
    "MetaTableDescription",
    "Metadata",
    "ModerationStatus",
    "Organization",
    "OrganizationIdentifier",
    "Phone",
    "Program",
    "ProposalSource",
    "ProviderLink",
    "RequiredDocument",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceFeedback",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
    "TranslatableRecord",
    "VerificationRequest",
    "Weekday",
    "default_source_language",
]
