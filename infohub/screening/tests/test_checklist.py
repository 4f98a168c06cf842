"""The default checklist, and its admin for superusers."""

import pytest
from django.conf import settings

from infohub.accounts.models import User
from infohub.screening.models import Criterion
from infohub.screening.tests.support import CHILD, GBV, signed_in
from infohub.testing.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_the_default_checklist_is_written_in_every_core_language() -> None:
    seeded = list(Criterion.objects.all())
    assert len(seeded) == 7
    for criterion in seeded:
        assert set(criterion.names) == {"es", "en", "fr", "ht"}, criterion.code
        if criterion.action_deadline_hours:
            assert set(criterion.action) == {"es", "en", "fr", "ht"}, criterion.code


def test_an_unaccompanied_child_is_high_priority_with_a_24_hour_referral() -> None:
    child = Criterion.objects.get(code=CHILD)
    assert (child.priority, child.action_deadline_hours) == ("high", 24)
    assert child.action["en"] == "Refer to child protection"
    assert Criterion.objects.get(code=GBV).action_deadline_hours == 48


def _superuser() -> User:
    return User.objects.create_superuser(username="root", password=PASSWORD)


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "code": "needs-interpreter",
        "priority": "low",
        "active": "on",
        "position": "80",
        "action_deadline_hours": "",
    }
    for code in settings.INFOHUB_CONTENT_LANGUAGES:
        data[f"name_{code}"] = ""
        data[f"action_{code}"] = ""
    data.update(overrides)
    return data


def test_a_superuser_adds_a_criterion_with_its_texts_per_language(world: World) -> None:
    client = signed_in(_superuser())
    response = client.post(
        "/admin/screening/criterion/add/",
        _form(name_en="Needs an interpreter", name_es="Necesita intérprete"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Criterion.objects.get(code="needs-interpreter")
    assert added.names == {"en": "Needs an interpreter", "es": "Necesita intérprete"}
    assert added.action == {}


def test_a_deadline_needs_an_action_text(world: World) -> None:
    client = signed_in(_superuser())
    response = client.post(
        "/admin/screening/criterion/add/",
        _form(name_en="Needs an interpreter", action_deadline_hours="12"),
    )
    assert response.status_code == 200
    assert not Criterion.objects.filter(code="needs-interpreter").exists()


def test_the_change_page_shows_the_texts_per_language(world: World) -> None:
    child = Criterion.objects.get(code=CHILD)
    page = signed_in(_superuser()).get(f"/admin/screening/criterion/{child.pk}/change/")
    assert page.status_code == 200
    assert "Refer to child protection" in page.content.decode()
    assert "Timoun ki pa akonpaye" in page.content.decode()


@pytest.mark.parametrize("persona", ["admin", "editor", "manager_a", "dpo"])
def test_only_superusers_see_the_checklist_admin(world: World, persona: str) -> None:
    client = signed_in(getattr(world, persona))
    response = client.get("/admin/screening/criterion/")
    assert response.status_code in {302, 403}
    assert Criterion.objects.count() == 7
