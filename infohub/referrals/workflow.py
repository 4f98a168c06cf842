"""The referral lifecycle: which status may follow which, and who may move it. Nothing else decides.

    sent → accepted | declined
    accepted → in progress | closed
    in progress → completed | closed
    sent, accepted, in progress → withdrawn (by the referring hub, or when consent ends)

Declined, completed, closed and withdrawn are final.
"""

from infohub.referrals.models import ReferralStatus as S

PROVIDER, HUB = "provider", "hub"

TRANSITIONS: dict[str, dict[str, str]] = {
    S.SENT: {S.ACCEPTED: PROVIDER, S.DECLINED: PROVIDER, S.WITHDRAWN: HUB},
    S.ACCEPTED: {S.IN_PROGRESS: PROVIDER, S.CLOSED: PROVIDER, S.WITHDRAWN: HUB},
    S.IN_PROGRESS: {S.COMPLETED: PROVIDER, S.CLOSED: PROVIDER, S.WITHDRAWN: HUB},
}

# Statuses that still rely on the person's consent: they are withdrawn when it ends.
PENDING = frozenset({S.SENT, S.ACCEPTED, S.IN_PROGRESS})
FINAL = frozenset({S.DECLINED, S.COMPLETED, S.CLOSED, S.WITHDRAWN})
# A reason is required for these, the outcome for completed.
NEEDS_REASON = frozenset({S.DECLINED, S.CLOSED, S.WITHDRAWN, S.COMPLETED})


def side_allowed(current: str, target: str) -> str | None:
    """Which side (provider or hub) may move a referral from ``current`` to ``target``."""
    return TRANSITIONS.get(current, {}).get(target)
