"""Lookups of one directory object by id: the object, or 404.

They fail closed: an unknown id, a malformed id, an unpublished service and a service
outside the user's organisation all look the same.
"""

from django.http import Http404

from infohub.accounts.access import as_uuid
from infohub.accounts.models import Role, User
from infohub.directory.listings.selectors import service_list_for_provider
from infohub.directory.models import Service
from infohub.directory.selectors import service_list_published


def access_published_service(*, service_id: object) -> Service:
    """A service anyone may see and rate, with its organization (every page shows it)."""
    published = service_list_published().select_related("organization")
    service = published.filter(id=as_uuid(service_id)).first()
    if service is None:
        raise Http404
    return service


def access_provider_listing(*, user: User, service_id: object) -> Service:
    """A service of the user's own provider organisation, for proposing changes."""
    service = service_list_for_provider(user=user).filter(id=as_uuid(service_id)).first()
    if service is None:
        raise Http404
    return service


def access_provider_staff(*, user: User) -> None:
    """Refuse (404) anyone who does not hold the provider staff role."""
    if not user.is_active or not user.memberships.filter(role=Role.PROVIDER_STAFF).exists():
        raise Http404
