"""Texts of questions, documents and fees, chosen in the reader's language.

These texts are stored as ``{lang: ...}`` maps. The reader's language wins, then its
fallback chain, then any language in alphabetical order, as for articles.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infohub.languages import in_language
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


def document_texts(documents: list[Mapping[str, str]], lang: str) -> list[str]:
    return [text for text in (in_language(item, lang) for item in documents) if text]


@dataclass(frozen=True)
class FeeText:
    amount: str
    currency: str
    label: str


def fee_texts(fees: list[Mapping[str, Any]], lang: str) -> list[FeeText]:
    return [
        FeeText(
            amount=str(fee["amount"]),
            currency=str(fee["currency"]),
            label=in_language(fee.get("label") or {}, lang) or "",
        )
        for fee in fees
    ]
