"""The directory's JSON fields, declared to the registry with the schemas their sub-packages own."""

from pydantic import TypeAdapter

from infohub.core.json_schemas import register as register_schema
from infohub.directory.hsds.import_counts import IMPORT_COUNTS
from infohub.directory.listings.proposals import ProposedChanges

# ProposedChanges carries its own strict config, so the adapter takes none.
PROPOSED_CHANGES = TypeAdapter(ProposedChanges)


def register() -> None:
    """Declare the app's JSON fields to the registry (from ``AppConfig.ready``)."""
    register_schema("directory.DirectoryImport", "counts", IMPORT_COUNTS)
    register_schema("directory.ListingChangeProposal", "changes", PROPOSED_CHANGES)
