"""Response shapes shared by API routers."""

import uuid

from ninja import Schema

from infohub.accounts.models import Hub


class MembershipOut(Schema):
    role: str
    hub_id: uuid.UUID | None
    organisation_id: uuid.UUID | None


class MeOut(Schema):
    id: uuid.UUID
    username: str
    roles: list[MembershipOut]


class HubOut(Schema):
    id: uuid.UUID
    slug: str
    name: str
    country: str
    municipality: str
    organisation_id: uuid.UUID

    @staticmethod
    def resolve_id(hub: Hub) -> uuid.UUID:
        return hub.public_id

    @staticmethod
    def resolve_country(hub: Hub) -> str:
        return str(hub.country)

    @staticmethod
    def resolve_organisation_id(hub: Hub) -> uuid.UUID:
        return hub.organisation.public_id
