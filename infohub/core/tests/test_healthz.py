"""/healthz reports database reachability as JSON."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_reports_a_reachable_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_when_the_database_is_down() -> None:
    def database_down(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        raise OperationalError("connection refused")

    with connection.execute_wrapper(database_down):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
