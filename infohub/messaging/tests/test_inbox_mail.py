"""Opted-in counsellors are mailed that someone waits, and nothing else about them."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from infohub.accounts.models import User
from infohub.messaging.tests.inbox_support import handed_over, hub_channel, signed_in
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

QUESTION = "Mwen bezwen èd pou papye Wideline"
CHAT_ID = 424_242_001
CaptureCallbacks = Callable[..., AbstractContextManager[Any]]


def opted_in(user: User, email: str) -> Client:
    User.objects.filter(pk=user.pk).update(email=email)
    client = signed_in(user)
    assert client.post("/staff/inbox/preference/", {"notify_by_mail": "on"}).status_code == 302
    return client


def test_a_handover_mails_the_hubs_opted_in_counsellors_only(
    world: World, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    opted_in(world.counsellor_a, "counsellor-a@hub-a.example")
    opted_in(world.counsellor_b, "counsellor-b@hub-b.example")
    User.objects.filter(pk=world.manager_a.pk).update(email="manager-a@hub-a.example")

    with django_capture_on_commit_callbacks(execute=True):
        handed_over(hub_channel(world.hub_a), question=QUESTION, chat_id=CHAT_ID)

    assert [m.to for m in mail.outbox] == [["counsellor-a@hub-a.example"]]


def test_the_mail_says_only_that_someone_is_waiting(
    world: World, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    opted_in(world.counsellor_a, "counsellor-a@hub-a.example")

    with django_capture_on_commit_callbacks(execute=True):
        conversation = handed_over(hub_channel(world.hub_a), question=QUESTION, chat_id=CHAT_ID)

    [message] = mail.outbox
    text = f"{message.subject}\n{message.body}"
    assert message.subject == "infohub: alguien espera en la bandeja de entrada"  # es: the default
    assert "/staff/inbox/" in message.body
    for personal in ("Wideline", "papye", str(CHAT_ID), str(conversation.public_id)):
        assert personal not in text


def test_turning_the_mail_off_stops_it(
    world: World, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    client = opted_in(world.counsellor_a, "counsellor-a@hub-a.example")
    client.post("/staff/inbox/preference/", {})

    with django_capture_on_commit_callbacks(execute=True):
        handed_over(hub_channel(world.hub_a))

    assert mail.outbox == []


def test_without_opting_in_nobody_is_mailed(
    world: World, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    User.objects.filter(pk=world.counsellor_a.pk).update(email="counsellor-a@hub-a.example")

    with django_capture_on_commit_callbacks(execute=True):
        handed_over(hub_channel(world.hub_a))

    assert mail.outbox == []
