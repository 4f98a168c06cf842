"""``{% callback_links %}`` gives each role its links to callbacks, and others nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from infohub.callbacks.tests.support import requested
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

TAG = Template("{% load callback_tags %}{% callback_links %}")


def links(user: object) -> str:
    return TAG.render(Context({"user": user}))


def test_case_workers_get_the_queue_with_its_open_count(world: World) -> None:
    requested(world.hub_a)
    requested(world.hub_a, phone="+509 3700 0002")

    html = links(world.counsellor_a)

    assert 'href="/staff/callbacks/"' in html
    assert "2 waiting" in html
    assert 'href="/staff/callbacks/new/"' not in html
    assert "0 waiting" in links(world.counsellor_b)


def test_community_advisors_get_the_referral_form_and_their_referrals(world: World) -> None:
    html = links(world.advisor_a)

    assert 'href="/staff/callbacks/new/"' in html
    assert 'href="/staff/callbacks/"' in html
    assert "waiting" not in html


@pytest.mark.parametrize("persona", ["admin", "editor", "analyst_a", "dpo", "provider_staff_a"])
def test_other_roles_get_nothing(world: World, persona: str) -> None:
    assert links(getattr(world, persona)).strip() == ""


def test_anonymous_and_inactive_users_get_nothing(world: World) -> None:
    world.counsellor_a.is_active = False
    world.counsellor_a.save()

    assert links(AnonymousUser()).strip() == ""
    assert links(world.counsellor_a).strip() == ""
