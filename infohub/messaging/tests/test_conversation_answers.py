"""Free-text questions are answered by quoting published articles, in the person's language."""

import pytest

from infohub.articles.models import ArticleTranslation
from infohub.messaging.conversation.menu import HUMAN
from infohub.messaging.tests.conversation_support import (
    SITE,
    Chat,
    chat_in,
    fresh_index,
    make_context,
    text_of,
)
from infohub.testing.content import Texts, draft, publish
from infohub.testing.personas import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index")]
__all__ = ["fresh_index"]

WORK_PERMIT: Texts = {
    "es": (
        "Permiso de trabajo",
        "Qué documentos se necesitan para un permiso de trabajo.",
        "Para pedir un permiso de trabajo necesita un pasaporte vigente y una oferta de "
        "empleo firmada.",
    ),
    "ht": (
        "Pèmi travay",
        "Ki dokiman ou bezwen pou yon pèmi travay.",
        "Pou mande yon pèmi travay, ou bezwen yon paspò ki valab ak yon òf travay ki siyen.\n\n"
        "Biwo imigrasyon an reponn nan twa mwa.",
    ),
}

SECRET_DRAFT: Texts = {
    "ht": (
        "Zèb mirak",
        "Yon tèks ki poko pibliye.",
        "Zèb mirak la geri malkadi pou tout moun ki bwè li chak maten.",
    ),
}


def test_a_kreyol_question_is_answered_in_kreyol_quoting_the_article_and_linking_under_ht(
    world: World,
) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    chat = chat_in("ht")

    step = chat.send("Ki dokiman mwen bezwen pou yon pèmi travay?")

    text = text_of(step)
    body = ArticleTranslation.objects.get(article=article, lang="ht").body
    quote = text.split("“", 1)[1].split("”", 1)[0]
    assert quote in body
    assert "paspò ki valab" in quote
    assert f"Pèmi travay: {SITE}/ht/" in text
    assert "Dapre enfòmasyon nou pibliye" in text


def test_the_first_message_in_kreyol_is_answered_after_the_notice(world: World) -> None:
    publish(world, "work-permit", WORK_PERMIT)

    step = Chat().send("Ki dokiman mwen bezwen pou yon pèmi travay?")

    notice, answer = step.replies
    assert f"{SITE}/ht/privacy/" in notice.text
    assert "paspò ki valab" in answer.text


def test_a_draft_article_is_never_quoted_and_the_bot_offers_a_person(world: World) -> None:
    draft(world, "miracle-herb", SECRET_DRAFT)
    chat = chat_in("ht")

    step = chat.send("Ki zèb mirak ki geri malkadi?")

    text = text_of(step)
    assert "mirak" not in text.casefold()
    assert "Mwen pa jwenn anyen" in text
    assert HUMAN in [b.id for b in step.replies[-1].buttons]


def test_nothing_found_then_a_person_hands_over_as_not_found(world: World) -> None:
    chat = chat_in("es")
    chat.send("¿Cuánto cuesta un viaje a Marte?")

    step = chat.press("Hablar con alguien")

    assert [type(a).__name__ for a in step.actions] == ["Handover"]
    assert step.actions[0].reason == "not_found"  # type: ignore[union-attr]


def test_a_long_answer_is_cut_between_words_with_its_source_kept(world: World) -> None:
    publish(world, "work-permit", WORK_PERMIT)
    chat = chat_in("es", make_context(max_text=160, has_buttons=False))

    step = chat.send("¿Qué documentos necesito para un permiso de trabajo?")

    (reply,) = step.replies
    assert len(reply.text) <= 160
    assert f"{SITE}/es/" in reply.text
