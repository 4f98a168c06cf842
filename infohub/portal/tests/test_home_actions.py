"""The three main actions come first on the home page, with labels and inline icons."""

import re

import pytest
from django.test import Client

from infohub.demo.directory import load_demo_directory, service_id

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "fr", "ht"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_three_main_actions_come_right_after_the_heading(lang: str) -> None:
    html = Client().get(f"/{lang}/").content.decode()
    main = html.split("<main>", 1)[1]
    actions = main.split('<ul class="actions">', 1)
    assert len(actions) == 2
    # Nothing but the page heading comes before them: not the search, not the news.
    assert "<form" not in actions[0]
    assert "<h2" not in actions[0]
    block = actions[1].split("</ul>", 1)[0]
    links = re.findall(r'<li id="(\w+)"><a href="([^"]+)"><svg [^>]*aria-hidden="true"', block)
    assert links == [
        ("pathways", f"/{lang}/pathways/"),
        ("services", f"/{lang}/services/"),
        ("contact", f"/{lang}/callback/"),
    ]
    # Each link has a visible text label, not only an icon.
    for item in re.findall(r"</svg><span>([^<]+)<small>", block):
        assert item.strip()
    assert len(re.findall(r"</svg><span>[^<]+<small>", block)) == 3


def test_the_home_page_links_to_the_hub_directory() -> None:
    html = Client().get("/es/").content.decode()
    assert 'href="/es/hubs/"' in html


@pytest.mark.parametrize("path", ["/es/", "/ht/hubs/", "/en/about/", "/fr/privacy/", "/es/news/"])
def test_public_pages_have_a_description_and_open_graph_tags(path: str) -> None:
    html = Client().get(path).content.decode()
    head = html.split("</head>", 1)[0]
    title = re.search(r"<title>(.*?)</title>", head)
    description = re.search(r'<meta name="description" content="([^"]+)">', head)
    assert title
    assert description
    assert len(description.group(1)) > 40
    assert f'<meta property="og:title" content="{title.group(1)}">' in head
    assert f'<meta property="og:description" content="{description.group(1)}">' in head
    assert '<meta property="og:type" content="website">' in head
    assert f'<meta property="og:url" content="http://testserver{path}">' in head


def test_a_service_page_is_described_by_its_own_text() -> None:
    load_demo_directory()
    path = f"/en/services/{service_id('mx-tapachula', 'legal-aid')}/"
    head = Client().get(path).content.decode().split("</head>", 1)[0]
    description = re.search(r'<meta name="description" content="([^"]+)">', head)
    assert description
    assert "Free, reliable information" not in description.group(1)
    assert f'<meta property="og:description" content="{description.group(1)}">' in head
