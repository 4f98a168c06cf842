"""Search over published articles, pathways and news: ranked results, snippets, an answer.

Each article and each pathway appears once, in the reader's language or the next one along
its fallback chain, scored by its best-matching translation; each news item is its own result. What
the index returns is checked against the database before it is shown, so a draft,
in-review or archived article never appears, even in a process whose index lags.
"""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch

from infohub.articles.models import Article, ArticleTranslation
from infohub.articles.selectors import translation_for
from infohub.articles.workflow import PUBLIC
from infohub.news.models import NewsItem
from infohub.pathways.models import Pathway
from infohub.pathways.selectors import pathway_list_published
from infohub.pathways.selectors import translation_for as pathway_translation_for
from infohub.search.answer import Answer, AnswerSource, find_answer
from infohub.search.index import Retrieval, search_index
from infohub.search.inverted import Hit
from infohub.search.models import SearchDocumentKind
from infohub.search.plaintext import Block, markdown_blocks, paragraphs_blocks
from infohub.search.snippets import snippet
from infohub.search.text import analyzer

ANSWER_ARTICLES = 3  # the answer is taken from this many top article results


@dataclass(frozen=True)
class SearchResult:
    kind: str
    id: uuid.UUID
    lang: str
    title: str
    snippet: str  # HTML: escaped text with <mark> around matched words
    url: str
    score: float


@dataclass(frozen=True)
class SearchResponse:
    query: str
    results: list[SearchResult]
    answer: Answer | None


def _articles(ids: list[uuid.UUID]) -> dict[uuid.UUID, Article]:
    translations = ArticleTranslation.objects.only("article_id", "lang", "title", "summary", "body")
    articles = (
        Article.objects.filter(status__in=PUBLIC, public_id__in=ids)
        .only("public_id", "slug")
        .prefetch_related(Prefetch("translations", queryset=translations))
    )
    return {article.public_id: article for article in articles}


def _news(ids: list[uuid.UUID]) -> dict[uuid.UUID, NewsItem]:
    items = NewsItem.objects.filter(public_id__in=ids).only("public_id", "lang", "title", "body")
    return {item.public_id: item for item in items}


def _pathways(ids: list[uuid.UUID]) -> dict[uuid.UUID, Pathway]:
    return {p.public_id: p for p in pathway_list_published().filter(public_id__in=ids)}


def _pathway_result(hit: Hit, pathway: Pathway, lang: str, terms: set[str]) -> SearchResult | None:
    chosen = pathway_translation_for(pathway=pathway, lang=lang)
    if chosen is None:
        return None
    shown = chosen.translation
    blocks = [Block(shown.summary), *(Block(step) for step in shown.steps)]
    return SearchResult(
        kind=SearchDocumentKind.PATHWAY,
        id=pathway.public_id,
        lang=shown.lang,
        title=shown.title,
        snippet=snippet(blocks, analyzer(shown.lang), terms),
        url=f"/{lang}/pathways/{pathway.slug}/",
        score=round(hit.score, 4),
    )


def _article_result(
    hit: Hit, article: Article, lang: str, terms: set[str]
) -> tuple[SearchResult, ArticleTranslation] | None:
    chosen = translation_for(article=article, lang=lang)
    if chosen is None:
        return None
    shown = chosen.translation
    blocks = [Block(shown.summary), *markdown_blocks(shown.body)]
    result = SearchResult(
        kind=SearchDocumentKind.ARTICLE,
        id=article.public_id,
        lang=shown.lang,
        title=shown.title,
        snippet=snippet(blocks, analyzer(shown.lang), terms),
        url=f"/{lang}/articles/{article.slug}/",
        score=round(hit.score, 4),
    )
    return result, shown


def _news_result(hit: Hit, item: NewsItem, lang: str, terms: set[str]) -> SearchResult:
    return SearchResult(
        kind=SearchDocumentKind.NEWS,
        id=item.public_id,
        lang=item.lang,
        title=item.title,
        snippet=snippet(paragraphs_blocks(item.body), analyzer(item.lang), terms),
        url=f"/{lang}/news/{item.public_id}/",
        score=round(hit.score, 4),
    )


def _present(
    retrieval: Retrieval, lang: str
) -> tuple[list[SearchResult], list[tuple[Article, ArticleTranslation]]]:
    hits = retrieval.hits
    articles = _articles([h.object_id for h in hits if h.kind == SearchDocumentKind.ARTICLE])
    news = _news([h.object_id for h in hits if h.kind == SearchDocumentKind.NEWS])
    pathways = _pathways([h.object_id for h in hits if h.kind == SearchDocumentKind.PATHWAY])
    terms = retrieval.query.terms
    results: list[SearchResult] = []
    shown: list[tuple[Article, ArticleTranslation]] = []
    for hit in hits:
        if hit.object_id in articles:
            presented = _article_result(hit, articles[hit.object_id], lang, terms)
            if presented is not None:
                results.append(presented[0])
                shown.append((articles[hit.object_id], presented[1]))
        elif hit.object_id in news:
            results.append(_news_result(hit, news[hit.object_id], lang, terms))
        elif hit.object_id in pathways:
            result = _pathway_result(hit, pathways[hit.object_id], lang, terms)
            if result is not None:
                results.append(result)
    return results, shown


def search(*, query: str, lang: str, limit: int = 10) -> SearchResponse:
    """Published articles, pathways and news matching ``query``, for a reader of ``lang``."""
    index = search_index()
    index.ensure_fresh()
    retrieval = index.retrieve(query, lang=lang, limit=limit)
    results, shown = _present(retrieval, lang)
    sources = [
        AnswerSource(article_id=article.public_id, lang=t.lang, body=t.body)
        for article, t in shown[:ANSWER_ARTICLES]
    ]
    answer = find_answer(retrieval.query.concepts, retrieval.concept_weights, sources)
    return SearchResponse(query=query, results=results, answer=answer)
