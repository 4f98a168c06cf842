"""Every public page answers GET and HEAD alike, found by walking the language-prefixed URLs."""

import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import translation

from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

DUMMY = {
    "int": 999999,
    "uuid": uuid.UUID(int=1),
    "slug": "no-such-page",
    "string": "no-such-page",
    "path": "no-such-page",
}


def _named(
    patterns: list[URLPattern | URLResolver], namespace: str
) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def _public_urls() -> list[str]:
    prefixed = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern)
    ]
    assert prefixed, "the portal's pages sit under a language prefix"
    urls = []
    with translation.override("ht"):
        for resolver in prefixed:
            for name, entry in _named(resolver.url_patterns, ""):
                assert isinstance(entry.pattern, RoutePattern)
                kwargs = {
                    key: DUMMY[type(converter).__name__.removesuffix("Converter").lower()]
                    for key, converter in entry.pattern.converters.items()
                }
                urls.append(reverse(name, kwargs=kwargs))
    return urls


def test_the_walk_finds_the_portal_pages() -> None:
    urls = _public_urls()
    assert "/ht/" in urls
    assert "/ht/pathways/summary/" in urls
    assert len(urls) >= 10


def test_it_answers_head_with_the_status_of_get_on_every_public_page(world: World) -> None:
    client = Client()
    for url in _public_urls():
        get = client.get(url)
        head = client.head(url)
        assert get.status_code != 405, url
        assert head.status_code == get.status_code, url
        assert head.content == b"", url
