"""Search relevance on the demo articles: our search against plain BM25, same questions.

The demo articles (infohub/demo/articles/) are imported through the real import service
into a temporary database, then every labelled question of bench/data/search_devset.yaml
goes through ``infohub.search.selectors.search``, the code path the API and the portal
use. The baseline is bm25s with its default tokenizer (lower case, words of two or more
letters, English stopwords; no accent folding, no stemming, no typo or synonym handling)
over one document per translation (title, summary and Markdown body), each article ranked
by its best translation. Ours runs twice: without synonyms, then with the demo synonym
groups (``infohub.search.demo``) saved through the service, as the demo data has them.
Reported: recall@1, recall@5 and MRR overall and per interface language, the answer
rate, and how many answers came from a relevant article.
"""

import logging
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import bm25s  # type: ignore[import-untyped]
import yaml
from bm25s.tokenization import Tokenizer  # type: ignore[import-untyped]

from bench.support import temporary_database

BENCH_DIR = Path(__file__).resolve().parent
DEVSET = BENCH_DIR / "data" / "search_devset.yaml"
DEMO_ARTICLES = BENCH_DIR.parent / "infohub" / "demo" / "articles"
LIMIT = 10


@dataclass(frozen=True)
class Question:
    q: str
    lang: str
    relevant: frozenset[uuid.UUID]


@dataclass(frozen=True)
class Outcome:
    ranked: list[uuid.UUID]
    answer_from: uuid.UUID | None = None


def load_questions() -> list[Question]:
    data = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    return [
        Question(
            q=str(item["q"]),
            lang=str(item["lang"]),
            relevant=frozenset(uuid.UUID(str(i)) for i in item["relevant"]),
        )
        for item in data["questions"]
    ]


def import_demo_articles() -> int:
    from infohub.articles.imports import articles_import  # noqa: PLC0415 - needs django.setup()

    report = articles_import(directory=DEMO_ARTICLES)
    return report.created


def run_ours(questions: list[Question]) -> list[Outcome]:
    from infohub.search.selectors import search  # noqa: PLC0415 - needs django.setup()

    outcomes = []
    for question in questions:
        response = search(query=question.q, lang=question.lang, limit=LIMIT)
        ranked = [r.id for r in response.results if r.kind == "article"]
        answer = response.answer.article_id if response.answer else None
        outcomes.append(Outcome(ranked=ranked, answer_from=answer))
    return outcomes


def run_baseline(questions: list[Question]) -> list[Outcome]:

    from infohub.articles.models import ArticleTranslation  # noqa: PLC0415 - needs django.setup()

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    translations = list(
        ArticleTranslation.objects.filter(
            article__live=True, live_number__isnull=False
        ).select_related("article")
    )
    owners = [t.article.public_id for t in translations]
    tokenizer = Tokenizer()
    corpus = [f"{t.title}\n{t.summary}\n{t.body}" for t in translations]
    retriever = bm25s.BM25()
    retriever.index(tokenizer.tokenize(corpus, show_progress=False), show_progress=False)
    outcomes = []
    for question in questions:
        tokens = tokenizer.tokenize([question.q], update_vocab=False, show_progress=False)
        docs, scores = retriever.retrieve(tokens, k=len(corpus), show_progress=False)
        ranked = [owners[d] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
        outcomes.append(Outcome(ranked=list(dict.fromkeys(ranked))[:LIMIT]))
    return outcomes


@dataclass(frozen=True)
class Scores:
    n: int
    recall_1: float
    recall_5: float
    mrr: float


def score(pairs: list[tuple[Question, Outcome]]) -> Scores:
    def recall(question: Question, outcome: Outcome, k: int) -> float:
        return len(question.relevant & set(outcome.ranked[:k])) / len(question.relevant)

    def reciprocal_rank(question: Question, outcome: Outcome) -> float:
        rank = next((i for i, a in enumerate(outcome.ranked, 1) if a in question.relevant), 0)
        return 1 / rank if rank else 0.0

    n = len(pairs) or 1
    return Scores(
        n=len(pairs),
        recall_1=sum(recall(q, o, 1) for q, o in pairs) / n,
        recall_5=sum(recall(q, o, 5) for q, o in pairs) / n,
        mrr=sum(reciprocal_rank(q, o) for q, o in pairs) / n,
    )


def ratio(value: float, base: float) -> str:
    return f"{value / base:5.2f}" if base > 0 else "  n/a"


def print_table(questions: list[Question], ours: list[Outcome], baseline: list[Outcome]) -> None:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, question in enumerate(questions):
        groups["all"].append(i)
        groups[question.lang].append(i)
    print(
        f"{'lang':<5}{'n':>4} | {'ours R@1':>9}{'R@5':>7}{'MRR':>7} | "
        f"{'bm25 R@1':>9}{'R@5':>7}{'MRR':>7} | {'MRR ratio':>9}"
    )
    for lang in ["all", *sorted(k for k in groups if k != "all")]:
        mine = score([(questions[i], ours[i]) for i in groups[lang]])
        base = score([(questions[i], baseline[i]) for i in groups[lang]])
        print(
            f"{lang:<5}{mine.n:>4} | {mine.recall_1:>9.3f}{mine.recall_5:>7.3f}{mine.mrr:>7.3f} | "
            f"{base.recall_1:>9.3f}{base.recall_5:>7.3f}{base.mrr:>7.3f} | "
            f"{ratio(mine.mrr, base.mrr):>9}"
        )


def print_answers(questions: list[Question], ours: list[Outcome]) -> None:
    answered = [(q, o) for q, o in zip(questions, ours, strict=True) if o.answer_from]
    relevant = sum(1 for q, o in answered if o.answer_from in q.relevant)
    n = len(questions) or 1
    print(
        f"\nanswers: {len(answered)}/{len(questions)} questions answered "
        f"({len(answered) / n:.0%}); {relevant}/{len(answered)} from a relevant article"
    )


def print_misses(questions: list[Question], ours: list[Outcome]) -> None:
    misses = [q for q, o in zip(questions, ours, strict=True) if not q.relevant & set(o.ranked[:5])]
    if misses:
        print(f"\nnot in our top 5 ({len(misses)}):")
        for question in misses:
            print(f"  [{question.lang}] {question.q}")


def load_demo_synonyms() -> int:
    from infohub.search.demo import load_demo_synonyms  # noqa: PLC0415 - needs django.setup()

    return load_demo_synonyms()


def print_overall(label: str, questions: list[Question], outcomes: list[Outcome]) -> None:
    s = score(list(zip(questions, outcomes, strict=True)))
    print(f"{label:<26} R@1 {s.recall_1:.3f}  R@5 {s.recall_5:.3f}  MRR {s.mrr:.3f}")


def main() -> int:
    questions = load_questions()
    with temporary_database():
        started = time.perf_counter()
        created = import_demo_articles()
        print(f"{created} demo articles imported in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        plain = run_ours(questions)
        took_ours = time.perf_counter() - started
        groups = load_demo_synonyms()
        ours = run_ours(questions)
        started = time.perf_counter()
        baseline = run_baseline(questions)
        took_base = time.perf_counter() - started
    print(
        f"{len(questions)} questions; ours {took_ours:.2f} s, bm25s {took_base:.2f} s "
        "(index builds included)\n"
    )
    print_overall("ours without synonyms", questions, plain)
    print_overall(f"ours, {groups} synonym groups", questions, ours)
    print_overall("bm25s baseline", questions, baseline)
    print("\nper interface language (ours with synonyms):")
    print_table(questions, ours, baseline)
    print_answers(questions, ours)
    print_misses(questions, ours)
    return 0
