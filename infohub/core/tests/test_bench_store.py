"""The messaging benchmark's baseline view writes the raw body and nothing else."""

import pytest
from django.db import connection
from django.test import RequestFactory

from infohub.core.views import store

pytestmark = pytest.mark.django_db
BODY = '{"update_id": 1, "message": {"text": "Ki dokiman mwen bezwen?"}}'


def test_it_stores_the_raw_body_of_each_post() -> None:
    for _ in range(2):
        request = RequestFactory().post("/bench/store", BODY, content_type="application/json")
        assert store(request).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM bench_store")
        assert cursor.fetchall() == [(BODY,), (BODY,)]


def test_it_refuses_a_get() -> None:
    assert store(RequestFactory().get("/bench/store")).status_code == 405
