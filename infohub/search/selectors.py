"""Search over every registered source: ranked results, snippets, an answer.

Each object appears once, in the reader's language or the next one along its fallback
chain when its source has translations, scored by its best-matching document. What the
index returns is presented by its source (``sources.py``), which shows only what is
public now, so a draft, withdrawn or confidential object never appears, even in a
process whose index lags.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from infohub.search.answer import Answer, AnswerSource, find_answer
from infohub.search.index import Retrieval, search_index
from infohub.search.snippets import snippet
from infohub.search.sources import Presented, source_for
from infohub.search.text import analyzer

ANSWER_ARTICLES = 3  # the answer is taken from this many top results that can give one


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


def _presented(retrieval: Retrieval, lang: str) -> dict[tuple[str, uuid.UUID], Presented]:
    """How each source shows its hits to a reader of ``lang``: one call per source."""
    ids_by_kind: dict[str, list[uuid.UUID]] = defaultdict(list)
    for hit in retrieval.hits:
        ids_by_kind[hit.kind].append(hit.object_id)
    shown: dict[tuple[str, uuid.UUID], Presented] = {}
    for kind, ids in ids_by_kind.items():
        source = source_for(kind)
        if source is not None:
            for object_id, presented in source.present(ids, lang).items():
                shown[(kind, object_id)] = presented
    return shown


def _present(retrieval: Retrieval, lang: str) -> tuple[list[SearchResult], list[AnswerSource]]:
    shown = _presented(retrieval, lang)
    terms = retrieval.query.terms
    results: list[SearchResult] = []
    answerable: list[AnswerSource] = []
    for hit in retrieval.hits:
        presented = shown.get((hit.kind, hit.object_id))
        if presented is None:
            continue
        results.append(
            SearchResult(
                kind=hit.kind,
                id=hit.object_id,
                lang=presented.lang,
                title=presented.title,
                snippet=snippet(presented.blocks, analyzer(presented.lang), terms),
                url=presented.url,
                score=round(hit.score, 4),
            )
        )
        if presented.answer_body:
            answerable.append(
                AnswerSource(
                    article_id=hit.object_id, lang=presented.lang, body=presented.answer_body
                )
            )
    return results, answerable


def search(*, query: str, lang: str, limit: int = 10) -> SearchResponse:
    """Public objects of every source matching ``query``, for a reader of ``lang``."""
    index = search_index()
    index.ensure_fresh()
    retrieval = index.retrieve(query, lang=lang, limit=limit)
    results, answerable = _present(retrieval, lang)
    answer = find_answer(
        retrieval.query.concepts, retrieval.concept_weights, answerable[:ANSWER_ARTICLES]
    )
    return SearchResponse(query=query, results=results, answer=answer)
