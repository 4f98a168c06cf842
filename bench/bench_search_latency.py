"""Search latency at scale: 10,000 articles in 4 languages, ours through the API against bm25s.

A synthetic corpus (fixed seed) is written with bulk_create into a temporary database:
10,000 published articles, each translated into es, en, fr and ht (40,000 documents).
Words are drawn from a Zipf distribution over a vocabulary per language: the real words
of the demo articles first, then made-up words spelled like the language (accents
included). Reported: the time to build our index from the database and bm25s's index
from the same texts; then about 300 queries (exact words, the same without accents, and
with one typo) sent to GET /api/v1/search in process with Django's test client (the
whole stack: middleware, validation, freshness check, ranking, database reads,
snippets, answer), and the same queries through bm25s retrieval alone; p50 and p95 of
each and their ratios, and the time one process takes to apply one logged article change.
Our target is p95 under 50 ms. Timings are reported, never judged.
"""

import logging
import resource
import statistics
import time
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

import bm25s  # type: ignore[import-untyped]
import numpy as np
from bm25s.tokenization import Tokenizer  # type: ignore[import-untyped]

from bench.support import temporary_database

SEED = 20260301
ARTICLES = 10_000
LANGUAGES = ("es", "en", "fr", "ht")
VOCABULARY_SIZE = 12_000  # per language
ZIPF_EXPONENT = 1.15
QUERIES = 300
WARM_UP = 10
TARGET_P95_MS = 50.0
API_PATH = "/api/v1/search"
DEMO_ARTICLES = Path(__file__).resolve().parent.parent / "infohub" / "demo" / "articles"

LETTERS = {
    "es": ("bcdfglmnprstvz", "aeiouáéíóú", "ñ"),
    "en": ("bcdfghklmnprstvw", "aeiou", "th"),
    "fr": ("bcdfglmnprstv", "aeiouéèêà", "ç"),
    "ht": ("bdfgjklmnpstvwyz", "aeioèò", "ch"),
}


@dataclass(frozen=True)
class Query:
    text: str
    lang: str
    kind: str  # exact, accentless or typo


def demo_words(lang: str) -> list[str]:
    words: dict[str, None] = {}
    for file in sorted(DEMO_ARTICLES.glob(f"*.{lang}.md")):
        for word in file.read_text(encoding="utf-8").split():
            cleaned = word.strip(".,;:!?¿¡()[]*\"'«»#-").casefold()
            if cleaned.isalpha():
                words[cleaned] = None
    return list(words)


def made_up_word(rng: np.random.Generator, lang: str) -> str:
    consonants, vowels, special = LETTERS[lang]
    syllables = int(rng.integers(1, 5))
    parts = [
        (special if rng.random() < 0.05 else str(rng.choice(list(consonants))))
        + str(rng.choice(list(vowels)))
        for _ in range(syllables)
    ]
    return "".join(parts)


def vocabulary(rng: np.random.Generator, lang: str) -> list[str]:
    words = dict.fromkeys(demo_words(lang))
    while len(words) < VOCABULARY_SIZE:
        words.setdefault(made_up_word(rng, lang), None)
    return list(words)[:VOCABULARY_SIZE]


def sample(rng: np.random.Generator, words: list[str], n: int) -> list[str]:
    ranks = (rng.zipf(ZIPF_EXPONENT, n) - 1) % len(words)
    return [words[r] for r in ranks]


def sentence(rng: np.random.Generator, words: list[str]) -> str:
    chosen = sample(rng, words, int(rng.integers(8, 17)))
    return " ".join(chosen).capitalize() + "."


def body(rng: np.random.Generator, words: list[str]) -> str:
    paragraphs = [
        " ".join(sentence(rng, words) for _ in range(int(rng.integers(3, 6))))
        for _ in range(int(rng.integers(2, 5)))
    ]
    return "\n\n".join(paragraphs)


def title_words(rng: np.random.Generator, words: list[str]) -> list[str]:
    # Titles use less common words, as real titles do.
    return [words[int(i)] for i in rng.integers(200, len(words), 5)]


def make_corpus(rng: np.random.Generator) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    """Vocabularies per language and, per article, its texts per language."""
    vocabularies = {lang: vocabulary(rng, lang) for lang in LANGUAGES}
    corpus: list[dict[str, str]] = []
    for _ in range(ARTICLES):
        article: dict[str, str] = {}
        for lang, words in vocabularies.items():
            article[f"{lang}:title"] = " ".join(title_words(rng, words)).capitalize()
            article[f"{lang}:summary"] = sentence(rng, words)
            article[f"{lang}:body"] = body(rng, words)
        corpus.append(article)
    return vocabularies, corpus


def store(corpus: list[dict[str, str]]) -> None:
    from infohub.articles.models import (  # noqa: PLC0415 - needs django.setup()
        Article,
        ArticleStatus,
        ArticleTranslation,
    )

    articles = Article.objects.bulk_create(
        [
            Article(
                public_id=uuid.UUID(int=i + 1),
                slug=f"article-{i}",
                status=ArticleStatus.PUBLISHED,
                live=True,
                source_language="es",
            )
            for i in range(len(corpus))
        ],
        batch_size=1000,
    )
    ArticleTranslation.objects.bulk_create(
        [
            ArticleTranslation(
                article=article,
                lang=lang,
                title=texts[f"{lang}:title"],
                summary=texts[f"{lang}:summary"],
                body=texts[f"{lang}:body"],
                body_html="",
                live_number=0,
            )
            for article, texts in zip(articles, corpus, strict=True)
            for lang in LANGUAGES
        ],
        batch_size=1000,
    )


def typo(rng: np.random.Generator, word: str) -> str:
    i = int(rng.integers(1, len(word) - 1))
    kind = int(rng.integers(0, 3))
    if kind == 0:  # two letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # a letter dropped
        return word[:i] + word[i + 1 :]
    return word[:i] + "x" + word[i + 1 :]  # a letter replaced


def make_queries(rng: np.random.Generator, corpus: list[dict[str, str]]) -> list[Query]:
    from infohub.search.text import fold  # noqa: PLC0415 - needs django.setup()

    queries = []
    for n in range(QUERIES):
        lang = LANGUAGES[n % len(LANGUAGES)]
        texts = corpus[int(rng.integers(0, len(corpus)))]
        words = texts[f"{lang}:title"].casefold().split()
        chosen = [str(w) for w in rng.choice(words, size=2, replace=False)]
        kind = ("exact", "accentless", "typo")[n % 3]
        if kind == "accentless":
            chosen = [fold(w) for w in chosen]
        elif kind == "typo":
            longest = max(range(2), key=lambda i: len(chosen[i]))
            if len(chosen[longest]) >= 5:
                chosen[longest] = typo(rng, chosen[longest])
        queries.append(Query(" ".join(chosen), lang, kind))
    return queries


def build_ours() -> tuple[float, int]:
    from infohub.search.index import search_index  # noqa: PLC0415 - needs django.setup()

    started = time.perf_counter()
    search_index().build()
    return time.perf_counter() - started, search_index().document_count


def build_bm25s(corpus: list[dict[str, str]]) -> tuple[float, Tokenizer, bm25s.BM25]:
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    texts = [
        f"{a[f'{lang}:title']}\n{a[f'{lang}:summary']}\n{a[f'{lang}:body']}"
        for a in corpus
        for lang in LANGUAGES
    ]
    started = time.perf_counter()
    tokenizer = Tokenizer()
    retriever = bm25s.BM25()
    retriever.index(tokenizer.tokenize(texts, show_progress=False), show_progress=False)
    return time.perf_counter() - started, tokenizer, retriever


def time_api(queries: list[Query]) -> tuple[list[float], int, int]:
    from django.test import Client  # noqa: PLC0415 - needs django.setup()

    client = Client()
    for query in queries[:WARM_UP]:
        client.get(API_PATH, {"q": query.text, "lang": query.lang})
    timings, errors, answered = [], 0, 0
    for query in queries:
        started = time.perf_counter()
        response = client.get(API_PATH, {"q": query.text, "lang": query.lang, "limit": "10"})
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            errors += 1
        elif response.json()["answer"]:
            answered += 1
    return timings, errors, answered


def time_bm25s(queries: list[Query], tokenizer: Tokenizer, retriever: bm25s.BM25) -> list[float]:
    timings = []
    for query in queries:
        started = time.perf_counter()
        tokens = tokenizer.tokenize([query.text], update_vocab=False, show_progress=False)
        retriever.retrieve(tokens, k=10, show_progress=False)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def time_refresh(corpus: list[dict[str, str]]) -> float:
    """Milliseconds for a process to apply one logged article change (re-index, no rebuild)."""
    from django.db import transaction  # noqa: PLC0415 - needs django.setup()

    from infohub.articles.models import ArticleTranslation  # noqa: PLC0415
    from infohub.search.changes import search_change_record  # noqa: PLC0415
    from infohub.search.index import search_index  # noqa: PLC0415
    from infohub.search.models import SearchDocumentKind  # noqa: PLC0415

    article_id = uuid.UUID(int=len(corpus) // 2)
    with transaction.atomic():
        ArticleTranslation.objects.filter(article__public_id=article_id, lang="es").update(
            title="Título cambiado para medir la actualización"
        )
        search_change_record(kind=SearchDocumentKind.ARTICLE, object_id=article_id)
    started = time.perf_counter()
    search_index().ensure_fresh()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def print_latency(label: str, timings: list[float]) -> None:
    p50, p95 = percentile(timings, 50), percentile(timings, 95)
    mean = statistics.fmean(timings)
    print(f"  {label:<24} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   mean {mean:7.2f} ms")


def main() -> int:
    warnings.filterwarnings("ignore", message="No directory at")  # static files: not served
    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    vocabularies, corpus = make_corpus(rng)
    queries = make_queries(rng, corpus)
    print(
        f"corpus: {ARTICLES} articles x {len(LANGUAGES)} languages, vocabulary "
        f"{sum(len(v) for v in vocabularies.values())} words, made in "
        f"{time.perf_counter() - started:.1f} s"
    )
    with temporary_database():
        started = time.perf_counter()
        store(corpus)
        print(f"stored with bulk_create in {time.perf_counter() - started:.1f} s")
        ours_build, documents = build_ours()
        base_build, tokenizer, retriever = build_bm25s(corpus)
        print("\nindex build:")
        print(f"  ours (from the database)  {ours_build:6.1f} s for {documents} documents")
        print(f"  bm25s (from the texts)    {base_build:6.1f} s")
        print(f"  ratio ours / bm25s        {ours_build / base_build:6.2f}")
        api_timings, errors, answered = time_api(queries)
        refresh_ms = time_refresh(corpus)
        base_timings = time_bm25s(queries, tokenizer, retriever)
    print(f"\n{len(queries)} queries (exact, accentless, typo in turn; 4 languages):")
    print_latency("ours, GET /api/v1/search", api_timings)
    print_latency("bm25s retrieval only", base_timings)
    for q in (50, 95):
        ratio = percentile(api_timings, q) / percentile(base_timings, q)
        print(f"  ratio ours / bm25s p{q}    {ratio:6.2f}")
    for kind in ("exact", "accentless", "typo"):
        subset = [t for t, query in zip(api_timings, queries, strict=True) if query.kind == kind]
        print_latency(f"ours, {kind}", subset)
    p95 = percentile(api_timings, 95)
    verdict = "within" if p95 < TARGET_P95_MS else "OVER"
    print(f"\np95 {p95:.1f} ms: {verdict} the {TARGET_P95_MS:.0f} ms target")
    print(f"answers given: {answered}/{len(queries)}; request errors: {errors}")
    print(f"applying one logged article change: {refresh_ms:.1f} ms (no rebuild)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    return 1 if errors else 0
