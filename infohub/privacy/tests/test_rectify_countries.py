"""The DPO's "correct the record" country list is named in each request's language."""

import pytest

from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import Case
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_it_names_the_countries_in_the_language_of_each_request(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    page = f"/staff/privacy/people/{case.person.public_id}/"
    shown = {}
    for lang in ("fr", "ht", "es", "fr"):
        html = dpo.client.get(page, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        shown[lang] = html
    assert '<option value="HT">Haïti</option>' in shown["fr"]
    assert '<option value="HT">Ayiti</option>' in shown["ht"]
    assert '<option value="HT">Haití</option>' in shown["es"]
