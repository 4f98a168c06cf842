"""The data protection officer's audit log reads as many queries for many rows as for a few."""

import pytest
from django.test import Client

from infohub.testing.casework import make_person
from infohub.testing.personas import World, enrol_authenticator, sign_in
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db


def test_the_audit_log_reads_as_many_queries_for_many_rows(world: World) -> None:
    def add(rows: int) -> list[str]:
        return [str(make_person(world.counsellor_a).public_id) for _ in range(rows)]

    enrol_authenticator(world.dpo)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.dpo)
    few, many = query_counts(client, "/staff/privacy/audit/", add)
    assert few == many
