"""Fuzz every form the portal and the staff pages post to: no answer is a server error.

The forms are found, not listed: every portal page without a parameter (and a
service's feedback page), and every staff page the permission matrix calls, is read as
someone who may see it, and each ``<form>`` in it is collected with its method,
action and field names. Hypothesis then sends each form's fields text with NUL, lone
surrogates (sent as the bytes a broken client would send), other control characters
and long values, signed in as that persona with the second factor passed. Every
answer must be below 500; a body over the upload limit must be refused with 413 or 400.

The sign-in pages under /accounts/ are left to the accounts app's own tests.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote_plus, urljoin, urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infohub.testing.matrix import (
    PERSONAS,
    Clients,
    _walk,
    build_casework,
    calls,
    sign_in_everyone,
)
from infohub.testing.personas import World

pytestmark = [pytest.mark.django_db, pytest.mark.security]

MAX_EXAMPLES = 8
# Who reads staff pages, most likely first: the first one answered 200 fuzzes the forms.
STAFF_READERS = PERSONAS[1:]
NASTY = ["\x00", "\ud800", "a\udfffb", "\x1b[31m", "\x7f", "\u202e", "\r\n\x0b", "0" * 5000]


@dataclass(frozen=True)
class Form:
    page: str
    method: str
    action: str
    fields: tuple[tuple[str, str], ...]  # name, the value the page filled in
    persona: str

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        view = resolve(urlsplit(self.action).path).view_name
        return (self.method, view, tuple(name for name, _value in self.fields))


class FormParser(HTMLParser):
    """The forms of a page: method, action and each named field's value."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append((found.get("method", "get").lower(), found.get("action", ""), []))
        elif tag in {"input", "select", "textarea", "button"} and self.forms and "name" in found:
            if found.get("type") in {"submit", "button", "image"} and tag != "button":
                return
            self.forms[-1][2].append((found["name"], found.get("value", "")))


def forms_of(page: str, html: str, persona: str) -> Iterator[Form]:
    parser = FormParser()
    parser.feed(html)
    for method, action, fields in parser.forms:
        target = urljoin(page, action) if action else page
        if target.startswith("/accounts/") or not fields:
            continue
        yield Form(page, method, target.split("#")[0], tuple(dict(fields).items()), persona)


def portal_pages() -> list[str]:
    """Every portal page without a parameter, in the default language."""
    return [
        f"/{route}"
        for route, _name in _walk(get_resolver().url_patterns, "", "")
        if route.startswith(f"{django_settings.LANGUAGE_CODE}/") and "<" not in route
    ]


def discover(world: World) -> tuple[list[Form], Clients]:
    """Every form on the pages, with the signed-in sessions that read them."""
    casework = build_casework(world)
    clients = sign_in_everyone(world)
    # One form per view and field set: hub A's and hub B's copies of a form are one form.
    found: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    service = casework.a.service.id
    public = [*portal_pages(), f"/{django_settings.LANGUAGE_CODE}/services/{service}/feedback/"]
    for page in public:
        response = Client().get(page)
        if response.status_code == 200 and "html" in response["Content-Type"]:
            for form in forms_of(page, response.content.decode(), "anonymous"):
                found.setdefault(form.key, form)
    staff_pages = {c.path for c in calls(casework) if c.method == "GET" and not c.is_api}
    for page in sorted(staff_pages):
        for persona in STAFF_READERS:
            response = client_as(clients, persona).get(page)
            if response.status_code != 200:
                continue
            for form in forms_of(page, response.content.decode(), persona):
                found.setdefault(form.key, form)
            break
    return list(found.values()), clients


def encoded(pairs: list[tuple[str, str]]) -> str:
    """A form body or query; lone surrogates go out as the bytes they would be."""
    return "&".join(
        f"{quote_plus(name)}={quote_plus(value.encode('utf-8', 'surrogatepass'))}"
        for name, value in pairs
    )


def send(client: Client, form: Form, pairs: list[tuple[str, str]]) -> Any:
    if form.method == "post":
        return client.generic(
            "POST", form.action, encoded(pairs), content_type="application/x-www-form-urlencoded"
        )
    return client.get(f"{form.action}?{encoded(pairs)}")


def values(original: str) -> st.SearchStrategy[str]:
    """The page's own value, a nasty one, or any text; clean text too, so that a request
    with no refused character reaches the form's own validation and the service."""
    anything = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
    clean = st.characters(exclude_categories=("Cc", "Cs"))
    return st.one_of(
        st.just(original),
        st.sampled_from(NASTY),
        st.text(clean, max_size=300),
        st.text(anything, max_size=300),
        st.builds(lambda a, b: a + b, st.text(anything, max_size=50), st.sampled_from(NASTY)),
    )


def fuzz(client: Client, form: Form) -> None:
    fields = list(form.fields)

    @given(st.tuples(*(values(value) for _name, value in fields)))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def never_a_server_error(generated: tuple[str, ...]) -> None:
        pairs = [(name, value) for (name, _), value in zip(fields, generated, strict=True)]
        response = send(client, form, pairs)
        assert response.status_code < 500, (form, pairs)

    never_a_server_error()


def client_as(clients: Clients, persona: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if persona != "anonymous":
        client.cookies[django_settings.SESSION_COOKIE_NAME] = clients.sessions[persona]
    return client


def test_every_form_answers_fuzzed_text_without_a_server_error(world: World) -> None:
    forms, clients = discover(world)
    kinds = {form.action for form in forms}
    # The forms the issue names must have been found, or the walk is broken.
    for named in ("/es/search/", "/es/callback/", "/es/pathways/find/", "/i18n/setlang/"):
        assert named in kinds, sorted(kinds)
    assert any(action.startswith("/staff/") for action in kinds), sorted(kinds)
    for form in forms:
        fuzz(client_as(clients, form.persona), form)


def test_a_body_over_the_limit_is_refused_with_413_or_400_never_500(world: World) -> None:
    forms, clients = discover(world)
    too_big = "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    for form in (form for form in forms if form.method == "post"):
        pairs = [
            (name, too_big if index == 0 else value)
            for index, (name, value) in enumerate(form.fields)
        ]
        response = send(client_as(clients, form.persona), form, pairs)
        assert response.status_code in {400, 413}, (form.action, response.status_code)
