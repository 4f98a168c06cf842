"""Every staff page and API endpoint as a concrete request, for permission and leak tests.

``routes()`` walks the URL resolver for everything under ``/staff/`` and ``/api/v1/``;
``SPECS`` says how to call each route name (method, path parameters, query, a body that
changes nothing) once per variant, usually once with hub A's objects and once with hub
B's. A route with no entry in ``SPECS`` is reported by ``unclassified()``, so a new page
or endpoint fails the permission matrix until someone says who may use it.

``build_casework`` creates, through the real services, something of every kind in both
hubs and for both providers, so that each variant has a real object to point at.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from infohub.accounts.models import ApiToken, Hub, User
from infohub.accounts.selectors import user_requires_second_factor
from infohub.accounts.services import api_token_create, api_token_revoke
from infohub.accounts.tokens import ALL_SCOPES
from infohub.articles.models import Article
from infohub.callbacks.models import CallbackRequest
from infohub.callbacks.services import callback_refer, callback_request
from infohub.counselling.models import Consent, ConsentPurpose, Consultation, Person
from infohub.counselling.services import ConsultationInput, consent_give, consultation_record
from infohub.directory.models import Service
from infohub.messaging.channels.base import InboundMessage, Received
from infohub.messaging.inbound import handle_due
from infohub.messaging.inbox.services import conversation_close
from infohub.messaging.models import Conversation
from infohub.messaging.services import address_hash, channel_create, receive_store
from infohub.referrals.models import Referral
from infohub.referrals.services import consent_withdraw, referral_create
from infohub.screening.models import Criterion, RequiredAction, Screening
from infohub.screening.services import action_done, screening_record
from infohub.testing.casework import Places, build_places, consent, make_person
from infohub.testing.content import publish
from infohub.testing.personas import World, enrol_authenticator, sign_in

# Where the matrix looks; the admin and the public portal are outside it.
PREFIXES = ("staff/", "api/v1/")
PERSONAS = (
    "anonymous",
    "admin",
    "manager_a",
    "counsellor_a",
    "counsellor_b",
    "advisor_a",
    "provider_staff_a",
    "provider_staff_b",
    "editor",
    "analyst_a",
    "dpo",
)
# Screenings flag a criterion whose action is due within 24 hours (it shows on the
# manager's dashboard) and one whose action is already done.
URGENT_CRITERION = "urgent-medical-need"
DONE_CRITERION = "gender-based-violence"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


# --- The objects every variant points at ------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One hub's casework, and the listing of the provider it refers to."""

    hub: Hub
    person: Person
    consultation: Consultation  # hub A: recorded by the community advisor
    referral: Referral
    screening: Screening
    action: RequiredAction  # already done: marking it done again changes nothing
    callback: CallbackRequest  # hub A: referred by the community advisor
    ended_consent: Consent  # already withdrawn: withdrawing it again changes nothing
    service: Service  # the provider's listing (provider A for hub A, B for B)
    conversation: Conversation  # handed over, then closed: every action on it is refused
    revoked_token: ApiToken  # the counsellor's, already revoked: revoking it changes nothing


@dataclass(frozen=True)
class Casework:
    a: Side
    b: Side
    # A hub A consultation recorded by the counsellor, for the person: not the advisor's.
    counsellor_consultation_a: Consultation
    article: Article  # published, for the public API


def _consultation(user: User, hub: Hub, channel: str, person: Person | None = None) -> Consultation:
    data = ConsultationInput(
        date=timezone.localdate(), channel=channel, migrant_status="current", outcome="informed"
    )
    return consultation_record(user=user, hub=hub, data=data, person=person)


def _screening(user: User, person: Person) -> tuple[Screening, RequiredAction]:
    """A screening with an open action due within a day, and an action already done
    (marking it done again changes nothing)."""
    flagged = Criterion.objects.filter(code__in=(URGENT_CRITERION, DONE_CRITERION))
    screening = screening_record(user=user, criteria=flagged, person=person)
    done = screening.actions.get(criterion__code=DONE_CRITERION)
    return screening, action_done(user=user, action=done)


def _ended_consent(user: User, person: Person) -> Consent:
    ended = consent_give(user=user, person=person, data=consent(ConsentPurpose.FOLLOW_UP))
    consent_withdraw(user=user, consent=ended)
    ended.refresh_from_db()
    return ended


def _closed_conversation(counsellor: User, hub: Hub) -> Conversation:
    """A chat handed over to the hub's counsellors by the assistant, then closed."""
    channel = channel_create(
        actor=None,
        hub=hub,
        kind="telegram",
        name="Matrix bot",
        api_base="http://127.0.0.1:9",  # nothing is sent: the outbox is not run
        credentials={"token": "1:matrix", "secret": "matrix-secret"},
    )
    for number, text in enumerate(("Hello", "human")):
        message = InboundMessage(provider_id=f"matrix-{number}", address="4242", text=text)
        receive_store(channel=channel, received=Received(messages=(message,)))
        handle_due()
    conversation = Conversation.objects.get(channel=channel, address_hash=address_hash("4242"))
    return conversation_close(user=counsellor, conversation=conversation)


def _revoked_token(counsellor: User, hub: Hub) -> ApiToken:
    token, _raw = api_token_create(user=counsellor, label=f"Revoked token of {hub.name}")
    return api_token_revoke(token=token)


def side(
    *,
    hub: Hub,
    counsellor: User,
    person: Person,
    consultation: Consultation,
    referral: Referral,
    callback: CallbackRequest,
    service: Service,
) -> Side:
    """A hub's side, with a screening of the person and an ended consent added."""
    screening, action = _screening(counsellor, person)
    return Side(
        hub=hub,
        person=person,
        consultation=consultation,
        referral=referral,
        screening=screening,
        action=action,
        callback=callback,
        ended_consent=_ended_consent(counsellor, person),
        service=service,
        conversation=_closed_conversation(counsellor, hub),
        revoked_token=_revoked_token(counsellor, hub),
    )


def build_casework(world: World, places: Places | None = None) -> Casework:
    """People, consultations, referrals, screenings and callbacks in both hubs."""
    places = places or build_places(world)
    person_a = make_person(world.counsellor_a, phone="+509 3700 1111", refer_to=world.provider_a)
    person_b = make_person(world.counsellor_b, phone="+509 3700 2222", refer_to=world.provider_b)
    a = side(
        hub=world.hub_a,
        counsellor=world.counsellor_a,
        person=person_a,
        consultation=_consultation(world.advisor_a, world.hub_a, "outreach"),
        referral=referral_create(
            user=world.counsellor_a, person=person_a, service_at_location=places.legal_a
        ),
        callback=callback_refer(
            advisor=world.advisor_a,
            hub=world.hub_a,
            name_or_alias="Vecina A",
            phone="+506 8888 1111",
            language="es",
            topic=None,
            person_agreed=True,
        ),
        service=places.legal_a.service,
    )
    b = side(
        hub=world.hub_b,
        counsellor=world.counsellor_b,
        person=person_b,
        consultation=_consultation(world.counsellor_b, world.hub_b, "phone", person_b),
        referral=referral_create(
            user=world.counsellor_b, person=person_b, service_at_location=places.shelter_b
        ),
        callback=callback_request(
            hub=world.hub_b,
            name_or_alias="Vecino B",
            phone="+1 809 555 0100",
            language="es",
            topic=None,
            client_ip="198.51.100.7",
        ),
        service=places.shelter_b.service,
    )
    article = publish(
        world,
        "matrix-article",
        {"en": ("Matrix article", "A public article.", "Public text for everyone.")},
    )
    return Casework(
        a=a,
        b=b,
        counsellor_consultation_a=_consultation(
            world.counsellor_a, world.hub_a, "in_person", person_a
        ),
        article=article,
    )


# --- The routes -------------------------------------------------------------------------


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str, namespace: str
) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


def routes() -> list[tuple[str, str]]:
    """(route, URL name) of every pattern under /staff/ and /api/v1/, in resolver order."""
    return [
        (route, name)
        for route, name in _walk(get_resolver().url_patterns, "", "")
        if route.startswith(PREFIXES)
    ]


# --- How to call each route -------------------------------------------------------------

Build = Callable[[Casework], Any]


@dataclass(frozen=True)
class Call:
    """One concrete request; ``markers`` name strings that show a listed object."""

    key: str
    name: str
    method: str
    path: str
    data: dict[str, Any] | None
    markers: dict[str, str]

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    def send(self, client: Client) -> Any:
        if self.method == "GET":
            return client.get(self.path)
        if self.is_api:
            body = json.dumps(self.data or {})
            return client.generic(self.method, self.path, body, content_type="application/json")
        return client.post(self.path, self.data or {})


def _none(_: Casework) -> Any:
    return None


def _empty(_: Casework) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Spec:
    variant: str
    method: str = "GET"
    kwargs: Build = _empty
    query: Build = _none  # a dict of query parameters, or None
    data: Build = _none
    markers: Build = _empty

    def key(self, name: str) -> str:
        return f"{self.method} {name}[{self.variant}]"

    def call(self, name: str, casework: Casework) -> Call:
        path = reverse(name, kwargs={k: str(v) for k, v in self.kwargs(casework).items()})
        query = self.query(casework)
        if query:
            path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        return Call(
            key=self.key(name),
            name=name,
            method=self.method,
            path=path,
            data=self.data(casework),
            markers=self.markers(casework),
        )


SideBuild = Callable[[Side], Any]


def _of(letter: str, build: SideBuild) -> Build:
    def built(casework: Casework) -> Any:
        return build(casework.a if letter == "a" else casework.b)

    return built


@dataclass(frozen=True)
class Sides:
    """The same request once with hub A's objects and once with hub B's."""

    method: str = "GET"
    kwargs: SideBuild | None = None
    query: SideBuild | None = None
    data: SideBuild | None = None
    prefix: str = ""

    def specs(self) -> list[Spec]:
        return [
            Spec(
                variant=self.prefix + letter,
                method=self.method,
                kwargs=_of(letter, self.kwargs) if self.kwargs else _empty,
                query=_of(letter, self.query) if self.query else _none,
                data=_of(letter, self.data) if self.data else _none,
            )
            for letter in ("a", "b")
        ]


def _both(build: SideBuild) -> Build:
    """Markers: the string that shows each side's object."""

    def built(casework: Casework) -> dict[str, str]:
        return {"a": str(build(casework.a)), "b": str(build(casework.b))}

    return built


def _consultation_markers(casework: Casework) -> dict[str, str]:
    return {
        "a": str(casework.a.consultation.public_id),
        "a-counsellor": str(casework.counsellor_consultation_a.public_id),
        "b": str(casework.b.consultation.public_id),
    }


def _consultation_rows(casework: Casework) -> dict[str, str]:
    """The consultation list shows no ids: the advisor's row by its channel, the others
    by hub and by the person's case code."""
    return {
        "a": ">Outreach by a community advisor</td>",
        "a-counsellor": f">{casework.a.person.case_code}</a>",
        "b": ">Hub B</td>",
    }


def _future_consultation(person: Person | None) -> dict[str, Any]:
    """A consultation the service refuses (dated in the future): nothing is written."""
    body: dict[str, Any] = {
        "date": "2999-01-01",
        "channel": "phone",
        "migrant_status": "current",
        "outcome": "informed",
    }
    if person is not None:
        body["person"] = str(person.public_id)
    return body


def _hub_id(s: Side) -> dict[str, Any]:
    return {"public_id": s.hub.public_id}


def _person_id(s: Side) -> dict[str, Any]:
    return {"public_id": s.person.public_id}


def _conversation_id(s: Side) -> dict[str, Any]:
    return {"public_id": s.conversation.public_id}


def _specs() -> dict[str, list[Spec]]:
    consultations = Sides(kwargs=lambda s: {"consultation_id": s.consultation.public_id})
    return {
        # Staff pages of accounts.
        "accounts:home": [Spec("", markers=_both(lambda s: s.hub.public_id))],
        "accounts:hub-detail": Sides(kwargs=_hub_id).specs(),
        # An empty form creates nothing; revoking a revoked token changes nothing.
        "accounts:tokens": [
            Spec("", markers=_both(lambda s: s.revoked_token.label)),
            Spec("empty-form", method="POST"),
        ],
        "accounts:token-revoke": Sides(
            "POST", kwargs=lambda s: {"public_id": s.revoked_token.public_id}
        ).specs(),
        # Counselling.
        "counselling:consultation-list": [Spec("", markers=_consultation_rows)],
        "counselling:consultation-new": [
            Spec(""),
            *Sides(query=lambda s: {"person": s.person.public_id}, prefix="person-").specs(),
        ],
        # Recording the finder's pathways without the finder's answers: refused, 302.
        "counselling:consultation-pathways": Sides(
            "POST", data=lambda s: {"consultation": str(s.consultation.public_id)}
        ).specs(),
        "counselling:person-list": [Spec("", markers=_both(lambda s: s.person.public_id))],
        "counselling:person-new": [Spec("")],
        "counselling:person-detail": Sides(kwargs=_person_id).specs(),
        # An empty form: the page comes back with the errors, nothing is recorded.
        "counselling:consent-new": Sides("POST", kwargs=_person_id).specs(),
        "counselling:consent-withdraw": Sides(
            "POST",
            kwargs=lambda s: {
                "public_id": s.person.public_id,
                "consent_id": s.ended_consent.public_id,
            },
        ).specs(),
        # Referrals.
        "referrals:list": [Spec("", markers=_both(lambda s: s.referral.public_id))],
        "referrals:new": Sides(kwargs=lambda s: {"person_id": s.person.public_id}).specs(),
        "referrals:override-new": [Spec("")],
        "referrals:detail": [
            *Sides(kwargs=lambda s: {"referral_id": s.referral.public_id}).specs(),
            # A step no side may take from "sent": refused, nothing moves.
            *Sides(
                "POST",
                kwargs=lambda s: {"referral_id": s.referral.public_id},
                data=lambda s: {"to": "completed", "reason": "matrix"},
            ).specs(),
        ],
        # Screening.
        "screening:new": [
            Spec("nothing"),
            *Sides(query=lambda s: {"person": s.person.public_id}, prefix="person-").specs(),
            *Sides(
                query=lambda s: {"consultation": s.consultation.public_id},
                prefix="consultation-",
            ).specs(),
        ],
        "screening:open-actions": [Spec("", markers=_both(lambda s: s.screening.public_id))],
        # Marks an action that is already done: nothing changes.
        "screening:action-done": Sides(
            "POST", kwargs=lambda s: {"public_id": s.action.public_id}
        ).specs(),
        "screening:detail": Sides(kwargs=lambda s: {"public_id": s.screening.public_id}).specs(),
        "screening:dashboard": [Spec("", markers=_both(lambda s: s.screening.public_id))],
        # Privacy: every action needs a fresh code; an empty form is refused with 400.
        "privacy:home": [Spec("")],
        "privacy:audit-log": [Spec("")],
        "privacy:person": Sides(kwargs=_person_id).specs(),
        "privacy:export": Sides("POST", kwargs=_person_id).specs(),
        "privacy:print": Sides("POST", kwargs=_person_id).specs(),
        "privacy:rectify": Sides("POST", kwargs=_person_id).specs(),
        "privacy:erase": Sides("POST", kwargs=_person_id).specs(),
        # Callbacks.
        "callbacks:list": [Spec("", markers=_both(lambda s: s.callback.public_id))],
        "callbacks:new": [Spec("")],
        "callbacks:detail": [
            *Sides(kwargs=lambda s: {"public_id": s.callback.public_id}).specs(),
            # An unknown status: refused with 409 where the user works the queue.
            *Sides(
                "POST",
                kwargs=lambda s: {"public_id": s.callback.public_id},
                data=lambda s: {"status": "matrix"},
            ).specs(),
        ],
        # The messaging inbox: the closed conversation refuses every action.
        "inbox:list": [
            Spec(
                "",
                query=lambda c: {"show": "closed"},
                markers=_both(lambda s: s.conversation.public_id.hex[:8].upper()),
            )
        ],
        "inbox:preference": [Spec("", method="POST")],  # "no mail", as it already was
        "inbox:detail": Sides(kwargs=_conversation_id).specs(),
        "inbox:take": Sides("POST", kwargs=_conversation_id).specs(),
        "inbox:reply": Sides("POST", kwargs=_conversation_id).specs(),  # an empty reply
        "inbox:close": Sides("POST", kwargs=_conversation_id).specs(),
        "inbox:person": Sides("POST", kwargs=_conversation_id).specs(),  # an empty form
        # Provider staff's listings.
        "listing_staff:list": [Spec("", markers=_both(lambda s: s.service.id))],
        "listing_staff:edit": Sides(kwargs=lambda s: {"service_id": s.service.id}).specs(),
        # API: documentation and the public endpoints.
        "api-v1:api-root": [Spec("")],
        "api-v1:openapi-json": [Spec("")],
        "api-v1:openapi-view": [Spec("")],
        "api-v1:article_list": [Spec("")],
        "api-v1:article_detail": [
            Spec("published", kwargs=lambda c: {"article_id": c.article.public_id})
        ],
        "api-v1:news_index": [Spec("")],
        "api-v1:search_endpoint": [Spec("", query=lambda c: {"q": "matrix"})],
        "api-v1:services_nearby": [
            Spec("", query=lambda c: {"lat": "18.5", "lon": "-72.3", "radius_km": "10"})
        ],
        "api-v1:hub_directory": [Spec("")],
        "api-v1:pathway_match_endpoint": [Spec("no-answers", method="POST", data=_empty)],
        "api-v1:question_list_endpoint": [Spec("")],
        "api-v1:pathway_list_endpoint": [Spec("")],
        "api-v1:pathway_detail_endpoint": [
            Spec("unknown", kwargs=lambda c: {"pathway_id": "no-such-pathway"})
        ],
        # API: accounts.
        "api-v1:me": [Spec("")],
        "api-v1:hub_list": [Spec("", markers=_both(lambda s: s.hub.public_id))],
        "api-v1:hub_detail": Sides(kwargs=lambda s: {"hub_id": s.hub.public_id}).specs(),
        # API: counselling. Every POST is one the service refuses, so nothing is written.
        "api-v1:consultation_create": [
            Spec("anonymous", method="POST", data=lambda c: _future_consultation(None)),
            *Sides("POST", data=lambda s: _future_consultation(s.person), prefix="person-").specs(),
        ],
        "api-v1:consultation_list": [Spec("", markers=_consultation_markers)],
        "api-v1:consultation_detail": [
            *consultations.specs(),
            Spec(
                "a-counsellor",
                kwargs=lambda c: {"consultation_id": c.counsellor_consultation_a.public_id},
            ),
        ],
        # Consent is the legal basis, but no consent to keep a record is given: refused.
        "api-v1:person_create_endpoint": [
            Spec(
                "",
                method="POST",
                data=lambda c: {"legal_basis": "consent", "given_names": "Matrix"},
            )
        ],
        "api-v1:person_list": [Spec("", markers=_both(lambda s: s.person.public_id))],
        "api-v1:person_detail": Sides(kwargs=lambda s: {"person_id": s.person.public_id}).specs(),
        # A referral consent naming no such provider: refused after the person's lookup.
        "api-v1:consent_create": Sides(
            "POST",
            kwargs=lambda s: {"person_id": s.person.public_id},
            data=lambda s: {
                "purpose": "referral",
                "notice_version": "2026-01",
                "notice_language": "es",
                # The hub's own network: refused (422), a referral consent names a provider.
                "provider": str(s.hub.organisation.public_id),
            },
        ).specs(),
        # No such service at a location: refused after the person's lookup.
        "api-v1:referral_create_endpoint": Sides(
            "POST",
            data=lambda s: {"person": str(s.person.public_id), "service_at_location": UNKNOWN_ID},
        ).specs(),
        "api-v1:referral_list": [Spec("", markers=_both(lambda s: s.referral.public_id))],
        "api-v1:referral_detail": Sides(
            kwargs=lambda s: {"referral_id": s.referral.public_id}
        ).specs(),
        "api-v1:referral_transition_endpoint": Sides(
            "POST",
            kwargs=lambda s: {"referral_id": s.referral.public_id},
            data=lambda s: {"to": "completed", "reason": "matrix"},
        ).specs(),
    }


SPECS = _specs()


def unclassified() -> list[str]:
    """Routes under /staff/ and /api/v1/ that no entry of ``SPECS`` says how to call."""
    return [f"unclassified URL /{route} ({name})" for route, name in routes() if name not in SPECS]


def call_keys() -> list[str]:
    return [spec.key(name) for name, specs in SPECS.items() for spec in specs]


def calls(casework: Casework) -> list[Call]:
    """Every classified route, called once per variant, with ``casework``'s ids."""
    return [spec.call(name, casework) for name, specs in SPECS.items() for spec in specs]


# --- Clients ------------------------------------------------------------------------------


@dataclass
class Clients:
    """Per persona, a signed-in browser session and an API token (none for anonymous)."""

    sessions: dict[str, str]
    tokens: dict[str, str]

    def client_for(self, persona: str, call: Call) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if persona == "anonymous":
            return client
        if call.is_api:
            return Client(HTTP_AUTHORIZATION=f"Bearer {self.tokens[persona]}")
        client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[persona]
        return client


def persona_user(world: World, persona: str) -> User:
    user = getattr(world, persona)
    assert isinstance(user, User)
    return user


def sign_in_everyone(world: World) -> Clients:
    """Sign every persona in through the real forms, second factor where the role needs
    one, and issue each an API token. Each persona signs in once: a code is used once."""
    sessions, tokens = {}, {}
    for persona in PERSONAS[1:]:
        user = persona_user(world, persona)
        if user_requires_second_factor(user=user):
            enrol_authenticator(user)
        client = Client()
        sign_in(client, user)
        sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        # Every scope: the matrix checks what roles allow; test_token_scopes checks scopes.
        tokens[persona] = api_token_create(user=user, label="matrix", scopes=ALL_SCOPES)[1]
    return Clients(sessions=sessions, tokens=tokens)
