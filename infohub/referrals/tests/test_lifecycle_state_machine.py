"""The referral lifecycle as a Hypothesis state machine, checked against a model of its own.

Counsellor A refers people who consented to provider A (Legal A); random steps then try
every status with every persona and with or without a reason, and now and then withdraw
a person's consent. The model below is written from the lifecycle documented in
``workflow.py`` and deliberately does not import its ``TRANSITIONS``: a table shared by
the code and its test would agree with itself whatever it said.

    sent → accepted | declined                       (provider)
    accepted → in progress | closed                  (provider)
    in progress → completed | closed                 (provider)
    sent, accepted, in progress → withdrawn          (hub, or when consent ends)

Declined, completed, closed and withdrawn are final and need a reason (the outcome, for
completed); a reason of blanks is no reason. After every step the stored statuses, the
event history and the ``referral.transition`` audit rows of every referral must match
the model, and a refused step must leave no trace at all. Ending a consent withdraws
the pending referrals relying on it and leaves the finished ones alone; ending it again,
even from a copy read before the first withdrawal (a double submit), changes nothing.
"""

import copy
from dataclasses import dataclass, field
from typing import ClassVar

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from infohub.accounts.models import User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.counselling.models import Consent, ConsentPurpose, Person
from infohub.referrals.errors import ReferralError
from infohub.referrals.models import Referral, ReferralEvent
from infohub.referrals.models import ReferralStatus as S
from infohub.referrals.services import consent_withdraw, referral_create, referral_transition
from infohub.testing.casework import Places, build_places, make_person
from infohub.testing.personas import World

# --- The model: who is on which side, and which side may make which move. ----------------

HUB, PROVIDER = "hub", "provider"

# Hub A's case workers are the referring hub; provider A's staff receive the referrals.
# Everyone else (another hub, another provider, an advisor, the DPO) has no side.
SIDE_OF: dict[str, str | None] = {
    "counsellor_a": HUB,
    "manager_a": HUB,
    "provider_staff_a": PROVIDER,
    "provider_staff_b": None,
    "counsellor_b": None,
    "advisor_a": None,
    "dpo": None,
}
ACTORS = tuple(SIDE_OF)

MOVES: dict[tuple[str, str], str] = {
    (S.SENT, S.ACCEPTED): PROVIDER,
    (S.SENT, S.DECLINED): PROVIDER,
    (S.SENT, S.WITHDRAWN): HUB,
    (S.ACCEPTED, S.IN_PROGRESS): PROVIDER,
    (S.ACCEPTED, S.CLOSED): PROVIDER,
    (S.ACCEPTED, S.WITHDRAWN): HUB,
    (S.IN_PROGRESS, S.COMPLETED): PROVIDER,
    (S.IN_PROGRESS, S.CLOSED): PROVIDER,
    (S.IN_PROGRESS, S.WITHDRAWN): HUB,
}
FINAL = frozenset({S.DECLINED, S.COMPLETED, S.CLOSED, S.WITHDRAWN})
PENDING = frozenset({S.SENT, S.ACCEPTED, S.IN_PROGRESS})
NEEDS_REASON = frozenset({S.DECLINED, S.COMPLETED, S.CLOSED, S.WITHDRAWN})

# Hub A's case workers keep the person's record; the DPO of hub A's network may act on it.
CONSENT_KEEPERS = frozenset({"counsellor_a", "manager_a", "dpo"})

REASONS = ("", "   ", "  Housing found; the case is closed.  ")


def is_allowed(actor: str, current: str, target: str, reason: str) -> bool:
    """The model's verdict on one attempted move."""
    side = SIDE_OF[actor]
    if side is None or MOVES.get((current, target)) != side:
        return False
    return target not in NEEDS_REASON or bool(reason.strip())


# The way a referral goes when all goes well. The machine leans towards it, or random
# steps would seldom get past "accepted" before consent ends or someone closes it.
HAPPY_PATH: dict[str, str] = {
    S.SENT: S.ACCEPTED,
    S.ACCEPTED: S.IN_PROGRESS,
    S.IN_PROGRESS: S.COMPLETED,
}


def legal_moves(current: str) -> list[tuple[str, str, str]]:
    """Every (actor, target, reason) the model accepts from ``current``."""
    return [
        (actor, target, reason)
        for target in S.values
        for actor in ACTORS
        for reason in REASONS
        if is_allowed(actor, current, target, reason)
    ]


# One step of history: (from status, to status, actor's pk, reason as stored).
Step = tuple[str, str, int | None, str]


@dataclass
class ModelReferral:
    """What the model knows of one referral."""

    public_id: str
    person_pk: int
    consent_pk: int
    status: str = S.SENT
    history: list[Step] = field(default_factory=list)


# --- The machine. ------------------------------------------------------------------------


class ReferralLifecycle(RuleBasedStateMachine):
    """Random lifecycle steps against the real services, each checked against the model.

    Hypothesis builds the machine itself, with no arguments, once per example (and again
    while shrinking), so the pytest fixture cannot be handed to ``__init__``. Building the
    personas per example would also dominate the runtime. The test therefore builds the
    world once and sets it here as class attributes before running; each example works
    inside a savepoint that ``teardown`` rolls back, so every example starts from the same
    world and nothing one example created is seen by the next.
    """

    world: ClassVar[World]
    places: ClassVar[Places]

    referrals: Bundle[int] = Bundle("referrals")

    def __init__(self) -> None:
        super().__init__()
        self._savepoint = transaction.savepoint()
        self.users: dict[str, User] = {name: getattr(self.world, name) for name in ACTORS}
        self.model: dict[int, ModelReferral] = {}
        self.withdrawn_consents: set[int] = set()
        # Each consent as read before anything happened to it; copied, never handed over.
        self.consent_first_read: dict[int, Consent] = {}
        # Written once, when a referral reaches a final status; never overwritten.
        self.finished: dict[int, str] = {}

    def teardown(self) -> None:
        transaction.savepoint_rollback(self._savepoint)

    # --- Creating referrals. ---

    def _refer(self, person: Person) -> int:
        counsellor = self.users["counsellor_a"]
        consent = Consent.objects.get(
            person=person, purpose=ConsentPurpose.REFERRAL, provider=self.world.provider_a
        )
        creates_before = AuditEvent.objects.filter(action=AuditAction.REFERRAL_CREATE).count()
        self.consent_first_read.setdefault(consent.pk, copy.deepcopy(consent))
        referral = referral_create(
            user=counsellor, person=person, service_at_location=self.places.legal_a
        )
        assert referral.status == S.SENT
        assert referral.provider_id == self.world.provider_a.pk
        assert referral.consent_id == consent.pk
        creates_after = AuditEvent.objects.filter(
            action=AuditAction.REFERRAL_CREATE, object_id=referral.public_id, actor=counsellor
        ).count()
        assert creates_after == 1
        total_creates = AuditEvent.objects.filter(action=AuditAction.REFERRAL_CREATE).count()
        assert total_creates == creates_before + 1
        self.model[referral.pk] = ModelReferral(
            public_id=str(referral.public_id),
            person_pk=person.pk,
            consent_pk=consent.pk,
            history=[("", S.SENT, counsellor.pk, "")],
        )
        return referral.pk

    @initialize(target=referrals)
    def a_first_person_is_referred(self) -> int:
        return self._refer(make_person(self.users["counsellor_a"], refer_to=self.world.provider_a))

    @rule(target=referrals)
    def another_person_is_referred(self) -> int:
        return self._refer(make_person(self.users["counsellor_a"], refer_to=self.world.provider_a))

    @rule(target=referrals, referral=referrals)
    def the_same_person_is_referred_again(self, referral: int) -> int | MultipleResults[int]:
        """A second referral relying on the same consent, or a refusal once it has ended."""
        known = self.model[referral]
        person = Person.objects.get(pk=known.person_pk)
        if known.consent_pk not in self.withdrawn_consents:
            return self._refer(person)
        referrals_before = Referral.objects.count()
        events_before = ReferralEvent.objects.count()
        audit_before = AuditEvent.objects.count()
        with pytest.raises(ReferralError):
            referral_create(
                user=self.users["counsellor_a"],
                person=person,
                service_at_location=self.places.legal_a,
            )
        assert Referral.objects.count() == referrals_before
        assert AuditEvent.objects.count() == audit_before
        assert ReferralEvent.objects.count() == events_before
        return multiple()

    # --- Moving referrals. ---

    @rule(
        referral=referrals,
        actor=st.sampled_from(ACTORS),
        to=st.sampled_from(S.values),
        reason=st.sampled_from(REASONS),
    )
    def anyone_tries_any_status(self, referral: int, actor: str, to: str, reason: str) -> None:
        """Any persona, any status, with or without a reason: the model says what follows."""
        self._attempt(referral, actor, to, reason)

    @rule(referral=referrals, data=st.data())
    def the_lifecycle_moves_a_referral_along(self, referral: int, data: st.DataObject) -> None:
        """Up to six steps on one referral: allowed moves, with near misses in between.

        Uniformly random attempts seldom reach the deep statuses, and a near miss (an
        allowed move made by someone of another side, or without its reason) is where a
        slip in the rules would hide; each must be refused at whatever depth it comes.
        Two steps in three follow the happy path when it goes on.
        """
        for _ in range(data.draw(st.integers(1, 6), label="steps")):
            status = self.model[referral].status
            moves = legal_moves(status)
            if not moves:  # final: whatever anyone tries must be refused
                actor = data.draw(st.sampled_from(ACTORS), label="actor")
                to = data.draw(st.sampled_from(S.values), label="to")
                reason = data.draw(st.sampled_from(REASONS), label="reason")
                self._attempt(referral, actor, to, reason)
                return
            if status in HAPPY_PATH and data.draw(st.integers(0, 2), label="happy") > 0:
                moves = [move for move in moves if move[1] == HAPPY_PATH[status]]
            actor, to, reason = data.draw(st.sampled_from(moves), label="move")
            if data.draw(st.integers(0, 2), label="near miss") == 0:
                actor, reason = self._near_miss(actor, to, reason, data)
            self._attempt(referral, actor, to, reason)

    def _near_miss(self, actor: str, to: str, reason: str, data: st.DataObject) -> tuple[str, str]:
        """Spoil an allowed move: drop its required reason, or give it to another side."""
        if to in NEEDS_REASON and data.draw(st.booleans(), label="drop the reason"):
            blank = data.draw(st.sampled_from([r for r in REASONS if not r.strip()]))
            return actor, blank
        others = [a for a in ACTORS if SIDE_OF[a] != SIDE_OF[actor]]
        return data.draw(st.sampled_from(others), label="someone else"), reason

    def _attempt(self, pk: int, actor: str, target: str, reason: str) -> None:
        """Call the service and hold it to the model's verdict.

        Accepted: exactly one event and one audit row, right in every field. Refused: a
        ``ReferralError`` and no trace at all.
        """
        known = self.model[pk]
        user = self.users[actor]
        before = Referral.objects.get(pk=pk)
        assert before.status == known.status
        events_before = ReferralEvent.objects.count()
        audit_before = AuditEvent.objects.count()
        transitions_before = self._transition_rows(known, user)

        if not is_allowed(actor, known.status, target, reason):
            event("refused")
            with pytest.raises(ReferralError):
                referral_transition(user=user, referral=before, to=target, reason=reason)
            after = Referral.objects.get(pk=pk)
            assert after.status == known.status, f"{actor} moved {known.status} → {target}"
            assert after.updated_at == before.updated_at
            assert ReferralEvent.objects.count() == events_before
            assert AuditEvent.objects.count() == audit_before
            return

        returned = referral_transition(user=user, referral=before, to=target, reason=reason)
        assert returned.status == target
        assert Referral.objects.get(pk=pk).status == target
        assert ReferralEvent.objects.count() == events_before + 1
        row = ReferralEvent.objects.filter(referral_id=pk).latest("pk")
        assert (row.from_status, row.to_status, row.actor_id, row.reason) == (
            known.status,
            target,
            user.pk,
            reason.strip(),
        )
        assert AuditEvent.objects.count() == audit_before + 1
        assert self._transition_rows(known, user) == transitions_before + 1
        self._record(pk, known.status, target, user.pk, reason.strip())

    # --- Ending consent. ---

    @rule(referral=referrals, actor=st.sampled_from(ACTORS), read_earlier=st.booleans())
    def someone_withdraws_the_persons_consent(
        self, referral: int, actor: str, read_earlier: bool
    ) -> None:
        """End the consent a referral relies on; every pending referral relying on it ends.

        With ``read_earlier`` the service gets the consent as it was first read, before
        any withdrawal: what a second request holds (a double submit, two case workers
        at once) when it read the consent before the first one committed. Ending a
        consent that has ended already must change nothing, whichever copy it is given.
        """
        known = self.model[referral]
        user = self.users[actor]
        stored = Consent.objects.get(pk=known.consent_pk)
        ended = (stored.withdrawn_at, stored.withdrawn_by_id)
        if read_earlier:
            consent = copy.deepcopy(self.consent_first_read[known.consent_pk])
        else:
            consent = Consent.objects.get(pk=known.consent_pk)
        relying = {pk: m.status for pk, m in self.model.items() if m.consent_pk == consent.pk}
        events_before = ReferralEvent.objects.count()
        audit_before = AuditEvent.objects.count()

        if actor not in CONSENT_KEEPERS:
            with pytest.raises(ReferralError):
                consent_withdraw(user=user, consent=consent)
            stored.refresh_from_db()
            assert (stored.withdrawn_at, stored.withdrawn_by_id) == ended
            assert ReferralEvent.objects.count() == events_before
            assert AuditEvent.objects.count() == audit_before
            return

        withdrawn = consent_withdraw(user=user, consent=consent)
        if consent.pk in self.withdrawn_consents:  # ended already: nothing more happens
            event(f"an ended consent is withdrawn again (read earlier: {read_earlier})")
            stored.refresh_from_db()
            assert withdrawn == 0
            assert (stored.withdrawn_at, stored.withdrawn_by_id) == ended, "when and who changed"
            assert ReferralEvent.objects.count() == events_before
            assert AuditEvent.objects.count() == audit_before, "a second withdrawal was audited"
            return

        pending = sorted(pk for pk, status in relying.items() if status in PENDING)
        event(f"consent ended with {len(relying)} referrals relying on it, {len(pending)} pending")
        assert withdrawn == len(pending)
        stored.refresh_from_db()
        assert stored.withdrawn_at is not None
        assert stored.withdrawn_by_id == user.pk
        assert ReferralEvent.objects.count() == events_before + len(pending)
        consent_rows = AuditEvent.objects.filter(
            action=AuditAction.CONSENT_WITHDRAW, object_id=consent.public_id, actor=user
        ).count()
        assert consent_rows == 1
        assert AuditEvent.objects.count() == audit_before + 1 + len(pending)
        for pk in pending:
            row = ReferralEvent.objects.filter(referral_id=pk).latest("pk")
            assert (row.from_status, row.to_status, row.actor_id) == (
                relying[pk],
                S.WITHDRAWN,
                user.pk,
            )
            assert row.reason.strip(), "a withdrawal on consent's end says why"
            self._record(pk, relying[pk], S.WITHDRAWN, user.pk, row.reason)
        for pk, status in relying.items():
            if status in FINAL:
                assert Referral.objects.get(pk=pk).status == status
        self.withdrawn_consents.add(consent.pk)

    # --- Bookkeeping and invariants. ---

    def _transition_rows(self, known: ModelReferral, user: User) -> int:
        return AuditEvent.objects.filter(
            action=AuditAction.REFERRAL_TRANSITION, object_id=known.public_id, actor=user
        ).count()

    def _record(self, pk: int, old: str, new: str, actor_pk: int, reason: str) -> None:
        known = self.model[pk]
        assert pk not in self.finished, "the model never moves a finished referral"
        event(f"{old} → {new}")
        known.status = new
        known.history.append((old, new, actor_pk, reason))
        if new in FINAL:
            self.finished[pk] = new

    @invariant()
    def stored_statuses_are_the_models(self) -> None:
        stored = dict(Referral.objects.values_list("pk", "status"))
        assert stored == {pk: m.status for pk, m in self.model.items()}

    @invariant()
    def finished_referrals_never_change_again(self) -> None:
        stored = dict(Referral.objects.filter(pk__in=self.finished).values_list("pk", "status"))
        assert stored == self.finished

    @invariant()
    def every_referral_has_exactly_its_modelled_history(self) -> None:
        histories: dict[int, list[Step]] = {pk: [] for pk in self.model}
        rows = ReferralEvent.objects.order_by("pk").values_list(
            "referral_id", "from_status", "to_status", "actor_id", "reason"
        )
        for referral_id, old, new, actor_id, reason in rows:
            histories[referral_id].append((old, new, actor_id, reason))
        assert histories == {pk: m.history for pk, m in self.model.items()}

    @invariant()
    def every_transition_has_exactly_one_audit_row_by_its_actor(self) -> None:
        by_public_id = {m.public_id: pk for pk, m in self.model.items()}
        audited: dict[int, list[int | None]] = {pk: [] for pk in self.model}
        rows = (
            AuditEvent.objects.filter(action=AuditAction.REFERRAL_TRANSITION)
            .order_by("pk")
            .values_list("object_id", "actor_id")
        )
        for object_id, actor_id in rows:
            audited[by_public_id[str(object_id)]].append(actor_id)
        expected = {pk: [step[2] for step in m.history[1:]] for pk, m in self.model.items()}
        assert audited == expected


@pytest.mark.django_db(transaction=False)
def test_the_referral_lifecycle_follows_its_documented_rules_under_random_steps(
    world: World,
) -> None:
    # Built once, outside every example's savepoint; see ReferralLifecycle's docstring.
    ReferralLifecycle.world = world
    ReferralLifecycle.places = build_places(world)
    run_state_machine_as_test(
        ReferralLifecycle,
        settings=settings(
            max_examples=60,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
