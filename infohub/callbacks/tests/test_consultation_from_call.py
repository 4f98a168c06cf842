"""A callback's page has a ``tel:`` link and records a consultation from the call.

The consultation form opens with the request's hub, the phone channel, the language
asked for and the topic; the URL carries the request's public id only, and the
consultation stays anonymous. Only the hub's case workers may start one.
"""

import pytest

from infohub.articles.models import Topic
from infohub.callbacks.tests.support import NAME, PHONE, referred, requested, signed_in
from infohub.counselling.models import Channel, Consultation
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_it_links_the_phone_number_for_a_call(world: World) -> None:
    callback = requested(world.hub_a)
    html = signed_in(world.counsellor_a).get(f"/staff/callbacks/{callback.public_id}/")
    assert 'href="tel:+50937994321"' in html.content.decode()


def test_it_offers_to_record_a_consultation_from_the_call(world: World) -> None:
    callback = requested(world.hub_a)
    html = signed_in(world.counsellor_a).get(f"/staff/callbacks/{callback.public_id}/")
    assert (
        f'href="/staff/consultations/new/?callback={callback.public_id}"' in html.content.decode()
    )


def test_the_form_starts_from_the_request_without_anything_personal(world: World) -> None:
    topic = Topic.objects.create(slug="work")
    callback = requested(world.hub_a, language="fr", topic=topic)
    page = signed_in(world.counsellor_a).get(
        f"/staff/consultations/new/?callback={callback.public_id}"
    )
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["channel"] == Channel.PHONE
    assert form.initial["languages"] == ["fr"]
    assert form.initial["topics"] == ["work"]
    html = page.content.decode()
    assert f"From callback request {callback.reference}." in html
    assert form["channel"].value() == Channel.PHONE
    assert NAME not in html
    assert PHONE not in html


def test_the_recorded_consultation_is_an_anonymous_phone_call_in_the_requests_hub(
    world: World,
) -> None:
    callback = requested(world.hub_a, language="es")
    client = signed_in(world.counsellor_a)
    url = f"/staff/consultations/new/?callback={callback.public_id}"
    form = client.get(url).context["form"]
    data = {
        "date": form["date"].value(),
        "channel": form["channel"].value(),
        "migrant_status": "current",
        "sex": "not_stated",
        "age_group": "unknown",
        "languages": form["languages"].value(),
        "outcome": "informed",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    (consultation,) = Consultation.objects.all()
    assert consultation.hub == world.hub_a
    assert consultation.channel == Channel.PHONE
    assert consultation.languages == ["es"]
    assert consultation.person is None


@pytest.mark.parametrize("persona", ["counsellor_b", "advisor_a", "provider_staff_a", "dpo"])
def test_no_one_outside_the_hubs_queue_can_start_from_the_request(
    world: World, persona: str
) -> None:
    callback = referred(world.advisor_a, world.hub_a)
    client = signed_in(getattr(world, persona))
    page = client.get(f"/staff/consultations/new/?callback={callback.public_id}")
    assert page.status_code == 404


def test_an_advisor_sees_their_referral_without_the_record_button(world: World) -> None:
    callback = referred(world.advisor_a, world.hub_a)
    page = signed_in(world.advisor_a).get(f"/staff/callbacks/{callback.public_id}/")
    assert page.status_code == 200
    assert "?callback=" not in page.content.decode()


def test_a_malformed_or_unknown_id_answers_404(world: World) -> None:
    client = signed_in(world.counsellor_a)
    assert client.get("/staff/consultations/new/?callback=nope").status_code == 404
    unknown = "/staff/consultations/new/?callback=00000000-0000-0000-0000-000000000000"
    assert client.get(unknown).status_code == 404
