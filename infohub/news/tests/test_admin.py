"""News items and alerts added in the admin are audited; nothing is changed unaudited."""

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.news.models import Alert, NewsItem
from infohub.news.services import news_fingerprint
from infohub.news.tests.conftest import make_alert, make_news
from infohub.search.models import SearchChange, SearchDocumentKind
from infohub.testing.personas import PASSWORD, enrol_authenticator, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.urls("infohub.news.tests.urls")]

NEWS_FORM = {
    "lang": "es",
    "date": "2024-05-01",
    "title": "Nuevos centros de información",
    "body": "Primer párrafo.\n\nSegundo párrafo.",
    "countries": ["CR", "PA"],
    "tags": "training, hubs",
}

ALERT_FORM = {
    "severity": "danger",
    "title": "Frontera cerrada",
    "body": "",
    "lang": "es",
    "countries": ["CR"],
    "starts_at_0": "2024-05-01",
    "starts_at_1": "08:00:00",
    "expires_at_0": "2024-05-02",
    "expires_at_1": "08:00:00",
}


@pytest.fixture
def operator() -> Client:
    root = User.objects.create_superuser("platform-operator", password=PASSWORD)
    enrol_authenticator(root)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, root)
    return client


def test_adding_a_news_item_in_the_admin_is_audited_and_logged_for_search(
    operator: Client,
) -> None:
    response = operator.post("/admin/news/newsitem/add/", NEWS_FORM)
    assert response.status_code == 302, response.content[:500]
    item = NewsItem.objects.get()
    assert item.fingerprint == news_fingerprint(
        lang="es", date=item.date, title="Nuevos centros de información"
    )
    assert [c.code for c in item.countries] == ["CR", "PA"]
    event = AuditEvent.objects.get(object_id=item.public_id)
    assert event.action == AuditAction.NEWS_CREATE
    assert event.actor is not None
    assert event.actor.username == "platform-operator"
    assert SearchChange.objects.filter(kind=SearchDocumentKind.NEWS, object_id=item.public_id)


def test_the_admin_refuses_a_duplicate_news_item(operator: Client) -> None:
    make_news("Nuevos centros de INFORMACIÓN", lang="es")
    response = operator.post("/admin/news/newsitem/add/", NEWS_FORM)
    assert response.status_code == 200
    assert "A news item with this date and title exists in this language." in (
        response.content.decode()
    )
    assert NewsItem.objects.count() == 1


def test_the_admin_refuses_invalid_tags(operator: Client) -> None:
    response = operator.post("/admin/news/newsitem/add/", {**NEWS_FORM, "tags": "Bad Tag!"})
    assert response.status_code == 200
    assert not NewsItem.objects.exists()


def test_adding_an_alert_in_the_admin_is_audited(operator: Client) -> None:
    response = operator.post("/admin/news/alert/add/", ALERT_FORM)
    assert response.status_code == 302, response.content[:500]
    alert = Alert.objects.get()
    event = AuditEvent.objects.get(object_id=alert.public_id)
    assert event.action == AuditAction.ALERT_CREATE


def test_the_admin_refuses_an_alert_that_expires_before_it_starts(operator: Client) -> None:
    form = {**ALERT_FORM, "expires_at_0": "2024-04-30"}
    response = operator.post("/admin/news/alert/add/", form)
    assert response.status_code == 200
    assert "An alert must expire after it starts." in response.content.decode()
    assert not Alert.objects.exists()


def test_existing_news_can_be_viewed_but_not_changed_or_deleted(operator: Client) -> None:
    item = make_news("Hubs open")
    path = f"/admin/news/newsitem/{item.pk}/"
    assert operator.get(f"{path}change/").status_code == 200
    assert operator.post(f"{path}change/", {"title": "Changed"}).status_code == 403
    assert operator.get(f"{path}delete/").status_code == 403
    item.refresh_from_db()
    assert item.title == "Hubs open"


def test_changing_an_alert_in_the_admin_is_audited_and_deleting_is_refused(
    operator: Client,
) -> None:
    alert = make_alert("Frontera cerrada")
    translation = alert.translations.get()
    path = f"/admin/news/alert/{alert.pk}/"
    data = {
        "severity": "danger",
        "countries": [],
        "starts_at_0": alert.starts_at.strftime("%Y-%m-%d"),
        "starts_at_1": alert.starts_at.strftime("%H:%M:%S"),
        "expires_at_0": alert.expires_at.strftime("%Y-%m-%d"),
        "expires_at_1": alert.expires_at.strftime("%H:%M:%S"),
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "1",
        "translations-0-id": str(translation.pk),
        "translations-0-alert": str(alert.pk),
        "translations-0-lang": "es",
        "translations-0-title": "Frontera abierta",
        "translations-0-body": "",
    }
    response = operator.post(f"{path}change/", data)
    assert response.status_code == 302, response.content[:600]
    alert.refresh_from_db()
    translation.refresh_from_db()
    assert alert.severity == "danger"
    # The new text is a revision: the live one stays until a second person publishes it.
    assert (translation.title, translation.live_title) == ("Frontera abierta", "Frontera cerrada")
    for action in (AuditAction.ALERT_UPDATE, AuditAction.ALERT_TRANSLATION_SAVE):
        assert AuditEvent.objects.filter(action=action, object_id=alert.public_id).exists()
    assert "Frontera abierta" in operator.get(f"{path}change/").content.decode()
    assert operator.get(f"{path}delete/").status_code == 403


def test_the_admin_creates_news_through_the_service_which_tidies_the_title(
    operator: Client,
) -> None:
    form = {**NEWS_FORM, "title": "  Nuevos   centros de información ", "body": " Texto. "}
    response = operator.post("/admin/news/newsitem/add/", form)
    assert response.status_code == 302, response.content[:500]
    item = NewsItem.objects.get()
    assert (item.title, item.body) == ("Nuevos centros de información", "Texto.")
    event = AuditEvent.objects.get(object_id=item.public_id, action=AuditAction.NEWS_CREATE)
    assert event.actor is not None
    assert event.actor.username == "platform-operator"


def test_the_admin_refuses_a_duplicate_that_differs_only_in_spacing_and_audits_nothing(
    operator: Client,
) -> None:
    make_news("Nuevos centros de información", lang="es")
    before = AuditEvent.objects.count()
    form = {**NEWS_FORM, "title": "Nuevos  centros de  información"}
    response = operator.post("/admin/news/newsitem/add/", form)
    assert response.status_code == 200
    assert "A news item with this date and title exists in this language." in (
        response.content.decode()
    )
    assert NewsItem.objects.count() == 1
    assert AuditEvent.objects.count() == before
