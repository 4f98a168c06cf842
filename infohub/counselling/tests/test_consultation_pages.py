"""The consultation pages: one screen, one submit, strictly scoped lists.

Roles with no part in casework (editors, analysts, provider staff, the data protection
officer, administrators without a hub role) get 404 on every page: the views answer as
for an out-of-scope id, so the pages reveal nothing to them.
"""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from infohub.accounts.models import User
from infohub.accounts.selectors import user_requires_second_factor
from infohub.accounts.services import hub_create, role_grant
from infohub.articles.services import topic_names_set
from infohub.counselling.models import Consultation
from infohub.counselling.services import ConsultationInput, consultation_record
from infohub.pathways.tests.factories import make_pathway, make_question, question_texts
from infohub.testing.casework import make_person
from infohub.testing.clock import earliest_hub_today, staff_today
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

LIST = "/staff/consultations/"
NEW = "/staff/consultations/new/"


def signed_in(user: User) -> Client:
    """A client through the real sign-in (second factor when the role needs it), in English."""
    if user_requires_second_factor(user=user):
        enrol_authenticator(user)
    client = Client()
    sign_in(client, user)
    client.cookies["django_language"] = "en"  # what the assertions read; tests may change it
    return client


def typical(**changes: Any) -> dict[str, Any]:
    """What a counsellor posts for a typical anonymous consultation, defaults kept."""
    today = earliest_hub_today().isoformat()
    base = {
        "date": today,
        "channel": "in_person",
        "migrant_status": "current",
        "sex": "not_stated",
        "age_group": "unknown",
        "outcome": "informed",
    }
    return base | changes


def record(user: User, **changes: Any) -> Consultation:
    hub = user.memberships.get().hub
    assert hub is not None
    data = ConsultationInput(
        date=timezone.localdate(), channel="phone", migrant_status="current", outcome="informed"
    )
    return consultation_record(user=user, hub=hub, data=data, **changes)


def test_an_anonymous_consultation_is_recorded_in_one_post_and_appears_in_the_list(
    world: World,
) -> None:
    client = signed_in(world.counsellor_a)
    response = client.post(NEW, typical(), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    (consultation,) = Consultation.objects.all()
    assert consultation.hub == world.hub_a
    assert consultation.person is None
    assert consultation.recorded_by == world.counsellor_a
    page = response.content.decode()
    assert "Consultation recorded." in page
    assert "Anonymous" in page
    assert "Hub A" in page


def test_the_form_has_defaults_and_no_hub_select_for_a_counsellor_of_one_hub(
    world: World,
) -> None:
    response = signed_in(world.counsellor_a).get(NEW)
    assert 'name="hub"' not in response.content.decode()
    form = response.context["form"]
    assert form["date"].value() == staff_today(world.counsellor_a)
    assert form["channel"].value() == "in_person"
    assert form["sex"].value() == "not_stated"
    assert form["age_group"].value() == "unknown"
    assert form["outcome"].value() == "informed"
    assert form["languages"].value() == ["en"]  # the counsellor's own language


def test_a_user_of_several_hubs_chooses_among_their_hubs_only(world: World) -> None:
    hub_c = hub_create(
        slug="hub-c", name="Hub C", organisation=world.network_a, country="CR", municipality="C"
    )
    role_grant(user=world.counsellor_a, role="counsellor", hub=hub_c)
    client = signed_in(world.counsellor_a)
    page = client.get(NEW).content.decode()
    assert 'name="hub"' in page
    assert "Hub C" in page
    assert "Hub B" not in page
    refused = client.post(NEW, typical(hub=world.hub_b.pk))
    assert refused.status_code == 200
    assert not Consultation.objects.exists()
    client.post(NEW, typical(hub=hub_c.pk))
    assert Consultation.objects.get().hub == hub_c


def test_topics_languages_and_pathways_are_recorded_with_the_consultation(world: World) -> None:
    topic_names_set(slug="work", names={"en": "Work and jobs", "es": "Trabajo"})
    make_question("age", "int", {"en": question_texts("How old are you?", "your age")})
    make_pathway("cr-work", {"field": "age", "gte": 18}, titles={"en": "Work permit"})
    client = signed_in(world.counsellor_a)
    page = client.get(NEW).content.decode()
    assert "Work and jobs" in page
    assert "Work permit (CR)" in page
    client.post(
        NEW,
        typical(languages=["es", "ht"], other_language="PT", topics=["work"], pathways=["cr-work"]),
    )
    consultation = Consultation.objects.get()
    assert consultation.languages == ["es", "ht", "pt"]
    assert [t.slug for t in consultation.topics.all()] == ["work"]
    assert [p.slug for p in consultation.pathways.all()] == ["cr-work"]


def test_a_future_date_re_renders_with_an_error_and_writes_nothing(world: World) -> None:
    tomorrow = (staff_today(world.counsellor_a) + dt.timedelta(days=1)).isoformat()
    response = signed_in(world.counsellor_a).post(NEW, typical(date=tomorrow))
    assert response.status_code == 200
    assert "A consultation cannot be in the future." in response.content.decode()
    assert not Consultation.objects.exists()


def test_an_empty_post_shows_errors_in_the_users_language(world: World) -> None:
    client = signed_in(world.counsellor_a)
    client.cookies["django_language"] = "es"
    response = client.post(NEW, {})
    assert response.status_code == 200
    assert "Este campo es obligatorio." in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_advisor_sees_only_the_consultations_they_recorded(world: World) -> None:
    counsellors = record(world.counsellor_a)
    advisors = record(world.advisor_a)
    client = signed_in(world.advisor_a)
    assert client.post(NEW, typical(channel="outreach")).status_code == 302
    rows = client.get(LIST).context["page"].object_list
    assert advisors in rows
    assert counsellors not in rows
    assert len(rows) == 2


def test_another_hubs_counsellor_never_sees_the_consultations(world: World) -> None:
    person = make_person(world.counsellor_a)
    record(world.counsellor_a, person=person)
    record(world.counsellor_a)
    page = signed_in(world.counsellor_b).get(LIST)
    assert list(page.context["page"].object_list) == []
    assert person.case_code not in page.content.decode()
    assert "Hub A" not in page.content.decode()


def test_a_consultation_for_a_person_is_recorded_from_the_persons_link(world: World) -> None:
    person = make_person(world.counsellor_a)
    client = signed_in(world.counsellor_a)
    url = f"{NEW}?person={person.public_id}"
    form = client.get(url).content.decode()
    assert person.case_code in form
    assert "Marie" not in form
    assert client.post(url, typical()).status_code == 302
    assert Consultation.objects.get().person == person
    listed = client.get(LIST).content.decode()
    assert f'href="/staff/people/{person.public_id}/">{person.case_code}</a>' in listed


@pytest.mark.parametrize("persona", ["counsellor_b", "advisor_a"])
def test_no_one_outside_the_persons_case_workers_records_for_them(
    world: World, persona: str
) -> None:
    person = make_person(world.counsellor_a)
    client = signed_in(getattr(world, persona))
    url = f"{NEW}?person={person.public_id}"
    assert client.get(url).status_code == 404
    assert client.post(url, typical()).status_code == 404
    assert client.get(f"{NEW}?person=not-a-uuid").status_code == 404
    assert not Consultation.objects.exists()


def test_the_list_is_newest_first_and_paginated_by_fifty(world: World) -> None:
    hub = world.hub_a
    for days in range(51):
        data = ConsultationInput(
            date=timezone.localdate() - dt.timedelta(days=days),
            channel="phone",
            migrant_status="current",
            outcome="informed",
        )
        consultation_record(user=world.counsellor_a, hub=hub, data=data)
    client = signed_in(world.counsellor_a)
    first = client.get(LIST).context["page"]
    assert len(first.object_list) == 50
    assert first.object_list[0].date == timezone.localdate()
    second = client.get(f"{LIST}?page=2").context["page"]
    assert [c.date for c in second.object_list] == [timezone.localdate() - dt.timedelta(days=50)]


@pytest.mark.parametrize("url", [LIST, NEW])
def test_anonymous_users_are_redirected_to_sign_in(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("persona", ["editor", "analyst_a", "provider_staff_a", "dpo", "admin"])
def test_roles_without_consultations_get_404_on_every_consultation_page(
    world: World, persona: str
) -> None:
    record(world.counsellor_a)
    client = signed_in(getattr(world, persona))
    assert client.get(LIST).status_code == 404
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, typical()).status_code == 404
    assert Consultation.objects.count() == 1


def test_the_pages_are_never_cached(world: World) -> None:
    response = signed_in(world.counsellor_a).get(LIST)
    assert "no-store" in response["Cache-Control"]
