"""Texts of questions, documents and fees, chosen in the reader's language.

These texts are stored as ``{lang: ...}`` maps. The reader's language wins, then its
fallback chain, then any language in alphabetical order, as for articles.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infohub.languages import LangText, in_language, text_in
from infohub.pathways.models import Question


@dataclass(frozen=True)
class QuestionText:
    text: str
    help: str
    label: str
    yes: str
    no: str
    choices: dict[str, str] = field(default_factory=dict)

    def choice_label(self, choice: str) -> str:
        return self.choices.get(choice, choice)


def question_text(question: Question, lang: str) -> QuestionText:
    chosen: Mapping[str, Any] = in_language(question.translations, lang) or {}
    return QuestionText(
        text=chosen.get("text") or question.key,
        help=chosen.get("help", ""),
        label=chosen.get("label") or question.key,
        yes=chosen.get("yes", ""),
        no=chosen.get("no", ""),
        choices=dict(chosen.get("choices", {})),
    )


def document_texts(documents: list[Mapping[str, str]], lang: str) -> list[LangText]:
    """Each document in the reader's language, or along its chain, with the language it is in."""
    return [text for text in (text_in(item, lang) for item in documents) if text]


@dataclass(frozen=True)
class FeeText:
    amount: str
    currency: str
    label: LangText | None


def fee_texts(fees: list[Mapping[str, Any]], lang: str) -> list[FeeText]:
    return [
        FeeText(
            amount=str(fee["amount"]),
            currency=str(fee["currency"]),
            label=text_in(fee.get("label") or {}, lang),
        )
        for fee in fees
    ]


@dataclass(frozen=True)
class SourceText:
    url: str
    title: LangText


def source_texts(sources: list[Mapping[str, str]], written_in: str, lang: str) -> list[SourceText]:
    """Official sources; their titles are written in the pathway's source language."""
    return [
        SourceText(url=s["url"], title=LangText(s.get("title") or s["url"], written_in, lang))
        for s in sources
    ]
