"""The page for an unexpected error says, in the reader's language, what to do next."""

from django.test import RequestFactory
from django.utils import translation

from infohub.core.views import server_error


def test_it_names_its_language_and_holds_its_text_in_a_main_landmark() -> None:
    request = RequestFactory().get("/ht/callback/")
    with translation.override("ht"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ht">' in html
    assert html.index("<main>") < html.index("<h1>") < html.index("</main>")
    assert 'href="/"' in html
