"""Anonymous ratings and comments: moderated, averaged, rate-limited, with no personal data."""

import datetime as dt
import re

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from infohub.audit.models import AuditAction, AuditEvent
from infohub.directory.listings.selectors import service_feedback_summary
from infohub.directory.listings.services import service_feedback_moderate
from infohub.directory.models import ListingStatus, ModerationStatus, Service, ServiceFeedback
from infohub.directory.tests.listing_support import build_listings, signed_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("infohub.directory.tests.listing_test_urls"),
]

NOW = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
IP = "198.51.100.23"


def url(service: Service, lang: str = "en") -> str:
    return f"/{lang}/services/{service.id}/feedback/"


def post(service: Service, *, ip: str = IP, lang: str = "en", **data: str):
    return Client().post(url(service, lang), {"rating": "4", **data}, REMOTE_ADDR=ip)


def test_the_form_asks_for_nothing_about_the_person():
    service = build_listings().service_a

    html = Client().get(url(service)).content.decode()

    form = html.split('<form class="feedback" method="post"', 1)[1].split("</form>", 1)[0]
    names = set(re.findall(r'<(?:input|textarea|select)[^>]* name="([^"]+)"', form))
    names -= {"csrfmiddlewaretoken"}
    assert names == {"rating", "comment", "website"}
    assert re.search(r'<div hidden aria-hidden="true"><label>[^<]*<input name="website"', html)


def test_anyone_can_rate_and_nothing_identifies_them():
    service = build_listings().service_a

    response = post(service, comment="Me atendieron muy bien.", lang="es")

    assert response.status_code == 200
    feedback = ServiceFeedback.objects.get()
    assert (feedback.rating, feedback.comment, feedback.lang) == (
        4,
        "Me atendieron muy bien.",
        "es",
    )
    assert feedback.status == ModerationStatus.PENDING
    stored = " ".join(str(v) for v in ServiceFeedback.objects.values().get().values())
    assert IP not in stored
    assert "198.51" not in stored
    assert re.fullmatch(r"[0-9a-f]{64}", feedback.client_key)
    assert not AuditEvent.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_comments_are_published_once_approved_and_the_average_leaves_out_rejected_ones(world):
    service = build_listings().service_a
    for ip, rating, comment in [
        ("192.0.2.1", 5, "Excelente atención."),
        ("192.0.2.2", 4, ""),
        ("192.0.2.3", 1, "Spam spam spam"),
    ]:
        assert post(service, ip=ip, rating=str(rating), comment=comment).status_code == 200
    good = ServiceFeedback.objects.get(comment="Excelente atención.")
    spam = ServiceFeedback.objects.get(comment="Spam spam spam")

    before = service_feedback_summary(service)
    assert (before.average, before.count, before.comments) == (3.3, 3, [])

    assert service_feedback_moderate(
        feedback=good, status=ModerationStatus.APPROVED, reviewer=world.editor
    )
    assert service_feedback_moderate(
        feedback=spam, status=ModerationStatus.REJECTED, reviewer=world.editor
    )
    assert not service_feedback_moderate(
        feedback=spam, status=ModerationStatus.REJECTED, reviewer=world.editor
    )

    after = service_feedback_summary(service)
    assert (after.average, after.count) == (4.5, 2)
    assert [c.text for c in after.comments] == ["Excelente atención."]
    assert AuditEvent.objects.filter(action=AuditAction.FEEDBACK_APPROVE).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.FEEDBACK_REJECT).count() == 1
    page = Client().get(url(service)).content.decode()
    assert "Excelente atención." in page
    assert "Spam" not in page
    assert "4.5" in page


def test_editors_moderate_feedback_in_the_admin_and_others_cannot(world):
    service = build_listings().service_a
    post(service, comment="Muy útil.")
    feedback = ServiceFeedback.objects.get()
    changelist = "/admin/directory/servicefeedback/"

    for persona in ("admin", "counsellor_a", "provider_staff_a", "analyst_a"):
        client = signed_in(getattr(world, persona))
        assert client.get(changelist).status_code in (302, 403, 404), persona
    editor = signed_in(world.editor)
    html = editor.get(changelist).content.decode()
    assert "Muy útil." in html
    assert feedback.client_key not in html

    editor.post(changelist, {"action": "approve", "_selected_action": [feedback.pk]})

    feedback.refresh_from_db()
    assert feedback.status == ModerationStatus.APPROVED
    assert feedback.reviewed_by == world.editor


def test_more_than_the_daily_limit_gets_a_friendly_429_and_tomorrow_is_fine(settings):
    settings.INFOHUB_FEEDBACK_DAILY_LIMIT = 2
    listings = build_listings()
    with time_machine.travel(NOW, tick=False):
        assert post(listings.service_a).status_code == 200
        assert post(listings.service_a).status_code == 200
        refused = post(listings.service_a, comment="Otra vez")
        assert refused.status_code == 429
        assert "You have already sent feedback on this service today" in refused.content.decode()
        # Another client, or the same client on another service, is not held back.
        assert post(listings.service_a, ip="203.0.113.9").status_code == 200
        assert post(listings.service_b).status_code == 200
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        assert post(listings.service_a).status_code == 200
    assert ServiceFeedback.objects.filter(service=listings.service_a).count() == 4


def test_robots_filling_the_hidden_field_are_thanked_and_nothing_is_kept():
    service = build_listings().service_a

    response = post(service, comment="Buy now", website="https://spam.example")

    assert response.status_code == 200
    assert not ServiceFeedback.objects.exists()


@pytest.mark.parametrize(
    "comment", ["Escríbanme a maria@example.org", "Mi número es 8888 7777", "+506 8888-7777"]
)
def test_comments_with_an_email_address_or_a_phone_number_are_refused(comment):
    service = build_listings().service_a

    response = post(service, comment=comment)

    assert response.status_code == 200
    assert "Please leave out email addresses and phone numbers" in response.content.decode()
    assert not ServiceFeedback.objects.exists()


@pytest.mark.parametrize("rating", ["0", "6", "x", ""])
def test_a_rating_outside_one_to_five_is_refused(rating):
    service = build_listings().service_a
    assert post(service, rating=rating).status_code == 200
    assert not ServiceFeedback.objects.exists()


def test_unpublished_unknown_and_malformed_services_cannot_be_rated():
    listings = build_listings()
    Service.objects.filter(pk=listings.service_b.pk).update(listing_status=ListingStatus.DRAFT)
    for path in (
        url(listings.service_b),
        "/en/services/00000000-0000-4000-8000-000000000099/feedback/",
    ):
        assert Client().post(path, {"rating": "5"}).status_code == 404
    assert not ServiceFeedback.objects.exists()


def test_feedback_needs_the_forms_csrf_token():
    service = build_listings().service_a
    client = Client(enforce_csrf_checks=True)

    assert client.post(url(service), {"rating": "5"}).status_code == 403
    assert not ServiceFeedback.objects.exists()


def test_the_summary_for_the_service_page_links_to_the_form_and_sets_no_cookie(world):
    service = build_listings().service_a
    post(service, comment="Muy bien.", rating="5")
    service_feedback_moderate(
        feedback=ServiceFeedback.objects.get(),
        status=ModerationStatus.APPROVED,
        reviewer=world.editor,
    )

    with translation.override("en"):
        html = render_to_string(
            "directory/listings/_feedback_summary.html",
            {"service": service, "feedback": service_feedback_summary(service)},
        )

    assert "Rated 5.0 out of 5 by 1 person." in html
    assert "Muy bien." in html
    assert f'href="/en/services/{service.id}/feedback/"' in html
    assert "<form" not in html
    assert "csrf" not in html
