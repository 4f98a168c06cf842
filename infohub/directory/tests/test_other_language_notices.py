"""A directory text in another language than the page is marked with its language and a notice."""

from pathlib import Path

import pytest
from django.test import Client

from infohub.directory.hsds.imports import hsds_import
from infohub.directory.models import ListingStatus
from infohub.directory.tests.conftest import SERVICE, sample_tables, write_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_service(tmp_path: Path) -> None:
    rows = sample_tables()
    rows["cost_option"] = [{**rows["cost_option"][0], "valid_to": "2099-12-31"}]
    hsds_import(path=write_package(tmp_path, rows), listing_status=ListingStatus.PUBLISHED)


def _page(lang: str) -> str:
    response = Client(HTTP_HOST="127.0.0.1").get(f"/{lang}/services/{SERVICE}/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_spanish_cost_on_a_kreyol_page_carries_its_language_and_says_so(
    spanish_service: None,
) -> None:
    html = _page("ht")
    assert '<span lang="es">Consulta: 12.5 CRC</span>' in html
    assert '<small class="only-in" lang="ht">(sèlman an panyòl)</small>' in html


def test_on_a_spanish_page_the_same_cost_needs_no_notice(spanish_service: None) -> None:
    html = _page("es")
    assert "Consulta" in html
    assert 'class="only-in"' not in html
