"""An Atom feed of the news per portal language, at /<lang>/news/feed.atom.

Items in the reader's language come first, then the others; each entry carries
``xml:lang`` so feed readers know which language it is written in.
"""

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from infohub.news.models import NewsItem
from infohub.news.selectors import news_list_for_reader

FEED_SIZE = 50


class LanguageTaggedAtomFeed(Atom1Feed):
    def item_attributes(self, item: dict[str, Any]) -> dict[str, Any]:
        attributes = super().item_attributes(item)
        if item.get("lang"):
            attributes["xml:lang"] = item["lang"]
        return attributes


class NewsFeed(Feed[NewsItem, None]):
    feed_type = LanguageTaggedAtomFeed
    author_name = "infohub"

    def title(self) -> str:
        return _("infohub news")

    def subtitle(self) -> str:
        return _("News on migration in the region.")

    def link(self) -> str:
        return reverse("news:list")

    def items(self) -> QuerySet[NewsItem]:
        return news_list_for_reader(lang=translation.get_language())[:FEED_SIZE]

    def item_title(self, item: NewsItem) -> str:
        # Atom titles are plain text: the XML writer escapes them once.
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return linebreaks(item.body, autoescape=True)

    def item_link(self, item: NewsItem) -> str:
        return reverse("news:detail", kwargs={"public_id": item.public_id})

    def item_guid(self, item: NewsItem) -> str:
        return f"urn:uuid:{item.public_id}"

    def item_guid_is_permalink(self, item: NewsItem) -> bool:
        return False

    def item_pubdate(self, item: NewsItem) -> datetime.datetime:
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item: NewsItem) -> datetime.datetime:
        return self.item_pubdate(item)

    def item_extra_kwargs(self, item: NewsItem) -> dict[str, Any]:
        return {"lang": item.lang}
