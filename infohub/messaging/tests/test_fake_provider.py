"""The stand-in for the providers' APIs records requests and answers as programmed."""

import json
import subprocess
import sys

import pytest
import requests

from infohub.testing.fake_provider import Response, fake_provider


def test_it_records_a_json_post_and_answers_like_telegram() -> None:
    with fake_provider() as provider:
        answer = requests.post(
            f"{provider.url}/bot123:abc/sendMessage",
            json={"chat_id": 42, "text": "hola"},
            headers={"X-Probe": "yes"},
            timeout=5,
        )
        (recorded,) = provider.wait_for(1)

    assert answer.status_code == 200
    assert answer.json()["ok"] is True
    assert isinstance(answer.json()["result"]["message_id"], int)
    assert recorded.method == "POST"
    assert recorded.path == "/bot123:abc/sendMessage"
    assert recorded.headers["x-probe"] == "yes"
    assert recorded.json == {"chat_id": 42, "text": "hola"}
    assert json.loads(recorded.body) == recorded.json


def test_it_parses_a_form_post_and_answers_like_twilio() -> None:
    with fake_provider() as provider:
        answer = requests.post(
            f"{provider.url}/2010-04-01/Accounts/AC1/Messages.json",
            data={"To": "+15005550006", "Body": "a b"},
            timeout=5,
        )
        (recorded,) = provider.requests

    assert answer.status_code == 201
    assert answer.json()["sid"].startswith("SM")
    assert recorded.form == {"To": "+15005550006", "Body": "a b"}


def test_it_answers_whatsapp_paths_with_a_message_id() -> None:
    with fake_provider() as provider:
        answer = requests.post(f"{provider.url}/v21.0/123/messages", json={}, timeout=5)

    assert answer.json()["messaging_product"] == "whatsapp"
    assert answer.json()["messages"][0]["id"].startswith("wamid.")


def test_it_plays_programmed_responses_in_turn_and_keeps_the_last() -> None:
    with fake_provider() as provider:
        provider.respond("/hook", Response(status=503), Response(status=200, json={"a": 1}))
        statuses = [requests.post(f"{provider.url}/hook", timeout=5).status_code for _ in "abc"]

    assert statuses == [503, 200, 200]


def test_it_gives_up_waiting_when_too_few_requests_arrive() -> None:
    with fake_provider() as provider, pytest.raises(TimeoutError):
        provider.wait_for(1, timeout=0.1)


def test_it_runs_as_its_own_process_and_counts_what_it_received() -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "infohub.testing.fake_provider", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        requests.post(f"{url}/external", data={"id": "1"}, timeout=5)
        assert requests.get(f"{url}/_fake/count", timeout=5).json() == {"count": 1}
    finally:
        server.terminate()
        server.wait(timeout=5)
