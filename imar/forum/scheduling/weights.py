"""Preferences on both sides of a meeting turned into the scheduler's weight.

Each side says "must meet", "would like" or "no thanks" (or nothing: ``None``). A "no thanks"
on either side gives weight 0: the meeting is never worth a slot. Otherwise each side's points
add up, the buyer's side (the one looking for suppliers) multiplied by ``buyer_weight``.
"""

from __future__ import annotations

MUST_MEET = "must_meet"
WOULD_LIKE = "would_like"
NO_THANKS = "no_thanks"
PREFERENCE_POINTS = {MUST_MEET: 3.0, WOULD_LIKE: 1.0, NO_THANKS: 0.0}


def preference_weight(
    requester: str | None,
    recipient: str | None = None,
    *,
    buyer: str | None = None,
    buyer_weight: float = 1.0,
) -> float:
    """Weight of a request. ``buyer``: "requester", "recipient" or None (no buyer side).

    With only the requester's preference and no buyer this is the requester's points (3 for
    must meet, 1 for would like), the weight the scheduler always used.
    """
    for value in (requester, recipient):
        if value is not None and value not in PREFERENCE_POINTS:
            raise ValueError(f"unknown preference {value!r}")
    if buyer not in (None, "requester", "recipient"):
        raise ValueError(f"unknown buyer side {buyer!r}")
    if buyer_weight < 0:
        raise ValueError("buyer_weight must not be negative")
    if NO_THANKS in (requester, recipient):
        return 0.0
    total = 0.0
    for side, value in (("requester", requester), ("recipient", recipient)):
        if value is None:
            continue
        factor = buyer_weight if buyer == side else 1.0
        total += PREFERENCE_POINTS[value] * factor
    return total
