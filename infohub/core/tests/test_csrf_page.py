"""A form posted without its CSRF cookie gets a translated page, not Django's English one."""

from django.test import Client


def test_a_refused_form_explains_itself_in_the_readers_language() -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/en/callback/", {"phone": "1"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()
