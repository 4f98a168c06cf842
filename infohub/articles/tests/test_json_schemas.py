"""Topic names and article sources are parsed strictly; naming a topic is audited."""

from typing import Any

import pytest

from infohub.accounts.models import User
from infohub.articles.errors import ArticleError
from infohub.articles.models import Article, Topic
from infohub.articles.schemas import ARTICLE_SOURCES, TOPIC_NAMES
from infohub.articles.services import article_create, topic_names_set
from infohub.audit.models import AuditAction, AuditEvent
from infohub.core.json_schemas import parse

pytestmark = pytest.mark.django_db


def test_topic_names_round_trip_through_the_database() -> None:
    topic_names_set(slug="work", names={"en": "Work", "ht": "Travay"})
    stored = Topic.objects.get(slug="work").names
    assert TOPIC_NAMES.validate_python(stored) == {"en": "Work", "ht": "Travay"}


def test_article_sources_round_trip_through_the_database() -> None:
    sources = ["https://example.org/visas", "http://example.org/fees"]
    article_create(slug="visas", source_language="en", sources=sources)
    stored = Article.objects.get(slug="visas").sources
    assert ARTICLE_SOURCES.validate_python(stored) == sources


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ({"en": 3}, "names.en: Input should be a valid string"),
        ({"en": "   "}, "names.en: Value error, the text must not be empty"),
        ({"de": "Arbeit"}, "de is not an enabled content language"),
    ],
)
def test_it_refuses_malformed_topic_names_and_writes_nothing(
    names: dict[str, Any], message: str
) -> None:
    with pytest.raises(ArticleError, match=message):
        topic_names_set(slug="work", names=names)
    assert not Topic.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://example.org", "sources: Input should be a valid list"),
        ([42], r"sources\[0\]: Input should be a valid string"),
        (["ftp://example.org/file"], r"sources\[0\]: Value error, expected an http or https"),
    ],
)
def test_the_sources_schema_refuses_other_shapes(value: object, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse(ARTICLE_SOURCES, value, field="sources", error=ArticleError)


def test_the_topic_names_schema_refuses_a_list_and_an_unknown_language() -> None:
    with pytest.raises(ArticleError, match="names: Input should be a valid dictionary"):
        parse(TOPIC_NAMES, [["en", "Work"]], field="names", error=ArticleError)
    with pytest.raises(ArticleError, match=r"names\.xx\.\[key\]: Value error, 'xx' is not"):
        parse(TOPIC_NAMES, {"xx": "Work"}, field="names", error=ArticleError)


def test_naming_a_topic_is_audited_in_its_transaction() -> None:
    editor = User.objects.create_user("topic-editor")
    topic = topic_names_set(slug="work", names={"en": "Work"}, actor=editor)
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id, event.actor) == (
        AuditAction.TOPIC_NAMES_SET,
        "articles.topic",
        topic.public_id,
        editor,
    )


def test_naming_a_topic_as_it_is_named_already_records_nothing() -> None:
    topic_names_set(slug="work", names={"en": "Work", "es": "Trabajo"})
    topic_names_set(slug="work", names={"es": "Trabajo"})
    assert AuditEvent.objects.filter(action=AuditAction.TOPIC_NAMES_SET).count() == 1
    assert Topic.objects.get().names == {"en": "Work", "es": "Trabajo"}
