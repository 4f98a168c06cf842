"""Every staff page and API endpoint, for every persona of two hubs and two providers.

The routes come from the URL resolver (``infohub.testing.matrix``): a new page under
/staff/ or endpoint under /api/v1/ that nobody classified fails
``test_every_staff_and_api_route_is_classified``, and a classified request without an
expected answer for every persona fails ``test_every_request_has_an_answer_per_persona``.

``EXPECTED`` gives, per request and persona, the designed answer:

- a status code (200, or what a refused harmless POST answers: 400, 409, 422, a 302
  back to the page, 403 where an endpoint refuses accounts that keep no records);
- ``Sees(...)``: 200, showing exactly the listed objects of the hub A / hub B variants
  (a list that shows another hub's object is a leak even when it answers 200);
- ``DENIED``: 404 for a signed-in persona (out of scope looks like unknown); for the
  anonymous visitor, a redirect to the sign-in page (staff) or 401 (API).

Every POST is one the application refuses or one that changes nothing (an empty form,
a step the lifecycle forbids, a consent or an action that already ended), so allowed
personas get past the access check without writing. The world is built once per module
inside a transaction rolled back at the end; each test runs in a savepoint of its own,
so what a request does write (the audit row of a read, the session) is undone too.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from infohub.search.index import reset_search_index
from infohub.testing.matrix import (
    PERSONAS,
    Call,
    Clients,
    build_casework,
    call_keys,
    calls,
    sign_in_everyone,
    unclassified,
)
from infohub.testing.personas import build_world

DENIED = "denied"


@dataclass(frozen=True)
class Sees:
    """200, and among the listed objects exactly these variants."""

    labels: frozenset[str]


def sees(*labels: str) -> Sees:
    return Sees(frozenset(labels))


Outcome = int | str | Sees
Row = dict[str, Outcome]

SIGNED_IN = PERSONAS[1:]
CASE_A = ("manager_a", "counsellor_a")  # case workers of hub A
CASE_B = ("counsellor_b",)
RECORDERS = (*CASE_A, *CASE_B, "advisor_a")  # may record consultations
UNVERIFIED = ("editor", "analyst_a")  # roles that sign in without a second factor
SEE_HUB_A = ("admin", "manager_a", "counsellor_a", "advisor_a", "editor", "analyst_a", "dpo")


def only(allowed: dict[str, Outcome], otherwise: Outcome = DENIED) -> Row:
    """The allowed personas' answers; ``otherwise`` for the other signed-in personas."""
    assert set(allowed) <= set(SIGNED_IN), set(allowed) - set(SIGNED_IN)
    return {"anonymous": DENIED} | {p: allowed.get(p, otherwise) for p in SIGNED_IN}


def to(personas: tuple[str, ...], outcome: Outcome = 200) -> dict[str, Outcome]:
    return dict.fromkeys(personas, outcome)


def public(status: int) -> Row:
    return dict.fromkeys(PERSONAS, status)


def per_side(
    name: str,
    a: tuple[str, ...],
    b: tuple[str, ...],
    outcome: Outcome = 200,
    *,
    method: str = "GET",
    prefix: str = "",
    otherwise: Outcome = DENIED,
) -> dict[str, Row]:
    """The hub A and hub B variants of a request: who is let in to each."""
    return {
        f"{method} {name}[{prefix}a]": only(to(a, outcome), otherwise),
        f"{method} {name}[{prefix}b]": only(to(b, outcome), otherwise),
    }


# Who sees which hub: the staff home page and the hubs endpoint list the same.
HUBS_SEEN = to(SEE_HUB_A, sees("a")) | {"counsellor_b": sees("b")}
CONSULTATIONS_SEEN = to(CASE_A, sees("a", "a-counsellor")) | {
    "counsellor_b": sees("b"),
    "advisor_a": sees("a"),  # only what they recorded themselves
}

EXPECTED: dict[str, Row] = {
    # --- Staff pages -------------------------------------------------------------------
    "GET accounts:home[]": only(HUBS_SEEN, otherwise=sees()),
    **per_side("accounts:hub-detail", SEE_HUB_A, ("counsellor_b",)),
    # API tokens need a session that passed the second factor, whatever the role: the
    # editor and the analyst signed in without one (403). Network A's admin sees and
    # revokes the tokens of hub A's staff; an empty form is sent back with 400.
    "GET accounts:tokens[]": only(
        {"admin": sees("a"), "counsellor_a": sees("a"), "counsellor_b": sees("b")}
        | to(UNVERIFIED, 403),
        otherwise=sees(),
    ),
    "POST accounts:tokens[empty-form]": only(to(UNVERIFIED, 403), otherwise=400),
    "POST accounts:token-revoke[a]": only(to(("admin", "counsellor_a"), 302) | to(UNVERIFIED, 403)),
    "POST accounts:token-revoke[b]": only(to(("counsellor_b",), 302) | to(UNVERIFIED, 403)),
    "GET counselling:consultation-list[]": only(CONSULTATIONS_SEEN),
    "GET counselling:consultation-new[]": only(to(RECORDERS)),
    **per_side("counselling:consultation-new", CASE_A, CASE_B, prefix="person-"),
    **per_side(
        "counselling:consultation-pathways",
        (*CASE_A, "advisor_a"),
        CASE_B,
        302,
        method="POST",
        otherwise=DENIED,
    ),
    "GET counselling:person-list[]": only(to(CASE_A, sees("a")) | to(CASE_B, sees("b"))),
    "GET counselling:person-new[]": only(to((*CASE_A, *CASE_B))),
    **per_side("counselling:person-detail", CASE_A, CASE_B),
    # An empty consent form: the person's page again, with the form's errors.
    **per_side("counselling:consent-new", CASE_A, CASE_B, 200, method="POST"),
    # Withdrawing an ended consent again: back to the person's page.
    **per_side("counselling:consent-withdraw", CASE_A, CASE_B, 302, method="POST"),
    "GET referrals:list[]": only(
        to((*CASE_A, "provider_staff_a"), sees("a")) | to((*CASE_B, "provider_staff_b"), sees("b"))
    ),
    **per_side("referrals:new", CASE_A, CASE_B),
    "GET referrals:override-new[]": only({"dpo": 200}),
    **per_side("referrals:detail", (*CASE_A, "provider_staff_a"), (*CASE_B, "provider_staff_b")),
    # A step nobody may take from "sent": the page again with the refusal, 400.
    **per_side(
        "referrals:detail",
        (*CASE_A, "provider_staff_a"),
        (*CASE_B, "provider_staff_b"),
        400,
        method="POST",
    ),
    # A screening is always of a person or a consultation: without one, 404 for all.
    "GET screening:new[nothing]": only({}),
    **per_side("screening:new", CASE_A, CASE_B, prefix="person-"),
    # The advisor recorded hub A's consultation but may not see or record its flags.
    **per_side("screening:new", CASE_A, CASE_B, prefix="consultation-"),
    "GET screening:open-actions[]": only(to(CASE_A, sees("a")) | to(CASE_B, sees("b"))),
    **per_side("screening:action-done", CASE_A, CASE_B, 302, method="POST"),
    **per_side("screening:detail", CASE_A, CASE_B),
    "GET screening:dashboard[]": only({"manager_a": sees("a")}),
    "GET privacy:home[]": only(to((*CASE_A, *CASE_B, "dpo"))),
    "GET privacy:audit-log[]": only({"dpo": 200}),
    # The DPO of network A handles the people of hub A, which network A runs.
    **per_side("privacy:person", (*CASE_A, "dpo"), CASE_B),
    # Without a fresh authenticator code every data-subject action is refused with 400.
    **per_side("privacy:export", (*CASE_A, "dpo"), CASE_B, 400, method="POST"),
    **per_side("privacy:print", (*CASE_A, "dpo"), CASE_B, 400, method="POST"),
    **per_side("privacy:rectify", (*CASE_A, "dpo"), CASE_B, 400, method="POST"),
    # Only the DPO of the organisation running the hub may erase; none runs hub B here.
    **per_side("privacy:erase", ("dpo",), (), 400, method="POST"),
    "GET callbacks:list[]": only(to((*CASE_A, "advisor_a"), sees("a")) | to(CASE_B, sees("b"))),
    "GET callbacks:new[]": only({"advisor_a": 200}),
    # The advisor reads the request they referred, but does not work the queue.
    **per_side("callbacks:detail", (*CASE_A, "advisor_a"), CASE_B),
    **per_side("callbacks:detail", CASE_A, CASE_B, 409, method="POST"),
    # The inbox: case workers of the conversation's hub; the closed one refuses every
    # action (409) and an empty reply or person form is sent back (400).
    "GET inbox:list[]": only(to(CASE_A, sees("a")) | to(CASE_B, sees("b"))),
    "POST inbox:preference[]": only(to((*CASE_A, *CASE_B), 302)),
    **per_side("inbox:detail", CASE_A, CASE_B),
    **per_side("inbox:take", CASE_A, CASE_B, 409, method="POST"),
    **per_side("inbox:reply", CASE_A, CASE_B, 400, method="POST"),
    **per_side("inbox:close", CASE_A, CASE_B, 409, method="POST"),
    **per_side("inbox:person", CASE_A, CASE_B, 400, method="POST"),
    "GET listing_staff:list[]": only(
        {"provider_staff_a": sees("a"), "provider_staff_b": sees("b")}
    ),
    **per_side("listing_staff:edit", ("provider_staff_a",), ("provider_staff_b",)),
    # --- API: documentation and public endpoints (no token needed) ----------------------
    "GET api-v1:api-root[]": public(404),
    "GET api-v1:openapi-json[]": public(200),
    "GET api-v1:openapi-view[]": public(200),
    "GET api-v1:article_list[]": public(200),
    "GET api-v1:article_detail[published]": public(200),
    "GET api-v1:news_index[]": public(200),
    "GET api-v1:search_endpoint[]": public(200),
    "GET api-v1:services_nearby[]": public(200),
    "GET api-v1:hub_directory[]": public(200),
    "POST api-v1:pathway_match_endpoint[no-answers]": public(200),
    "GET api-v1:question_list_endpoint[]": public(200),
    "GET api-v1:pathway_list_endpoint[]": public(200),
    "GET api-v1:pathway_detail_endpoint[unknown]": public(404),
    # --- API: accounts -----------------------------------------------------------------
    "GET api-v1:me[]": only({}, otherwise=200),
    "GET api-v1:hub_list[]": only(HUBS_SEEN, otherwise=sees()),
    **per_side("api-v1:hub_detail", SEE_HUB_A, ("counsellor_b",)),
    # --- API: counselling and referrals; lists answer 200, empty, out of scope ------------
    # Refused by the service (a date in the future) for whoever may record; 403 for
    # accounts that record for no hub.
    "POST api-v1:consultation_create[anonymous]": only(to(RECORDERS, 422), otherwise=403),
    **per_side("api-v1:consultation_create", CASE_A, CASE_B, 422, method="POST", prefix="person-"),
    "GET api-v1:consultation_list[]": only(CONSULTATIONS_SEEN, otherwise=sees()),
    **per_side("api-v1:consultation_detail", (*CASE_A, "advisor_a"), CASE_B),
    "GET api-v1:consultation_detail[a-counsellor]": only(to(CASE_A)),
    # Refused by the service (no consent to keep a record) for case workers; 403 otherwise.
    "POST api-v1:person_create_endpoint[]": only(to((*CASE_A, *CASE_B), 422), otherwise=403),
    "GET api-v1:person_list[]": only(
        to(CASE_A, sees("a")) | to(CASE_B, sees("b")), otherwise=sees()
    ),
    **per_side("api-v1:person_detail", CASE_A, CASE_B),
    **per_side("api-v1:consent_create", CASE_A, CASE_B, 422, method="POST"),
    **per_side("api-v1:referral_create_endpoint", CASE_A, CASE_B, 422, method="POST"),
    "GET api-v1:referral_list[]": only(
        to((*CASE_A, "provider_staff_a"), sees("a")) | to((*CASE_B, "provider_staff_b"), sees("b")),
        otherwise=sees(),
    ),
    **per_side(
        "api-v1:referral_detail", (*CASE_A, "provider_staff_a"), (*CASE_B, "provider_staff_b")
    ),
    **per_side(
        "api-v1:referral_transition_endpoint",
        (*CASE_A, "provider_staff_a"),
        (*CASE_B, "provider_staff_b"),
        409,
        method="POST",
    ),
}


@dataclass
class Matrix:
    calls: dict[str, Call]
    clients: Clients


@pytest.fixture(scope="module")
def matrix(django_db_setup: None, django_db_blocker: Any) -> Iterator[Matrix]:
    """One world for the module, in a transaction rolled back when the module ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            casework = build_casework(world)
            clients = sign_in_everyone(world)
            yield Matrix(calls={c.key: c for c in calls(casework)}, clients=clients)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            reset_search_index()


def test_every_staff_and_api_route_is_classified() -> None:
    assert unclassified() == []


def test_every_request_has_an_answer_per_persona() -> None:
    keys = call_keys()
    assert len(keys) == len(set(keys))
    assert sorted(set(keys) - set(EXPECTED)) == [], "requests without expectations"
    assert sorted(set(EXPECTED) - set(keys)) == [], "expectations for no request"
    for key, row in EXPECTED.items():
        assert tuple(row) == PERSONAS, key


def _check(call: Call, persona: str, expected: Outcome, response: Any) -> None:
    where = f"{call.method} {call.path} as {persona}"
    status = response.status_code
    if expected == DENIED and persona == "anonymous":
        if call.is_api:
            assert status == 401, where
        else:
            assert status == 302, where
            assert response["Location"].startswith("/accounts/login/"), where
    elif expected == DENIED:
        assert status == 404, (where, response.content[:300])
    elif isinstance(expected, Sees):
        assert status == 200, (where, response.content[:300])
        body = response.content.decode()
        shown = {label for label, marker in call.markers.items() if marker in body}
        assert shown == expected.labels, f"{where}: shows {sorted(shown)}"
    else:
        assert status == expected, (where, response.content[:300])


CASES = [(key, persona) for key in EXPECTED for persona in PERSONAS]


@pytest.mark.parametrize(("key", "persona"), CASES, ids=[f"{k} {p}" for k, p in CASES])
def test_persona_gets_the_designed_answer(matrix: Matrix, db: None, key: str, persona: str) -> None:
    call = matrix.calls[key]
    response = call.send(matrix.clients.client_for(persona, call))
    _check(call, persona, EXPECTED[key][persona], response)
