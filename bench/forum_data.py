"""Seeded generator of realistic forum meeting-scheduling instances (for bench/scheduling.py).

Libyan institutions and government bodies mostly request foreign companies and vice versa; a
few popular participants (big contractors, ministries) attract many requests; people arrive
late or leave early (availability holes); some cap their meetings; a few VIP meetings are
locked by the organisers. Weights: 3 = must meet, 1 = would like to meet.
"""

from __future__ import annotations

import random

from imar.forum.scheduling import Instance, MeetingRequest, Participant

KINDS = (
    ("libyan_institution", 0.45),
    ("foreign_company", 0.40),
    ("government", 0.10),
    ("agency", 0.05),
)


def forum_instance(
    n_participants: int,
    n_requests: int,
    n_slots: int,
    tables: int,
    seed: int = 1,
    locked_share: float = 0.005,
) -> Instance:
    rng = random.Random(seed)
    slots = tuple(
        f"D{1 + k // 8}-{9 + (k % 8) // 2:02d}:{30 * (k % 2):02d}" for k in range(n_slots)
    )
    kinds = [k for k, share in KINDS for _ in range(round(share * n_participants))]
    kinds = (kinds + ["libyan_institution"] * n_participants)[:n_participants]
    rng.shuffle(kinds)
    people: list[Participant] = []
    for i in range(n_participants):
        unavailable: set[str] = set()
        roll = rng.random()
        if roll < 0.15:  # arrives late
            unavailable.update(slots[: rng.randint(2, max(2, n_slots // 3))])
        elif roll < 0.30:  # leaves early
            unavailable.update(slots[n_slots - rng.randint(2, max(2, n_slots // 3)) :])
        if rng.random() < 0.2:  # a lunch or a panel to attend
            start = rng.randrange(n_slots - 2)
            unavailable.update(slots[start : start + rng.randint(1, 2)])
        cap = rng.randint(n_slots // 4, n_slots // 2) if rng.random() < 0.25 else None
        people.append(Participant(f"P{i:05d}", frozenset(unavailable), cap))
    # Popularity: a heavy tail, so a few participants get far more requests than slots.
    popularity = [rng.paretovariate(1.6) for _ in range(n_participants)]
    foreign = [i for i in range(n_participants) if kinds[i] == "foreign_company"]
    local = [i for i in range(n_participants) if kinds[i] != "foreign_company"]
    pop_f = [popularity[i] for i in foreign]
    pop_l = [popularity[i] for i in local]
    pairs: set[tuple[int, int]] = set()
    requests: list[MeetingRequest] = []
    while len(requests) < n_requests:
        if rng.random() < 0.85:
            a = rng.choices(local, pop_l)[0] if rng.random() < 0.5 else rng.choice(local)
            b = rng.choices(foreign, pop_f)[0]
        else:  # same side: partnerships, consortia
            a, b = rng.sample(range(n_participants), 2)
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        weight = 3.0 if rng.random() < 0.25 else 1.0
        requests.append(MeetingRequest(f"R{len(requests):06d}", f"P{a:05d}", f"P{b:05d}", weight))
    # Locked VIP meetings, kept valid: both free, no clash, within tables.
    taken: set[tuple[str, str]] = set()
    per_slot: dict[str, int] = {}
    locked_count: dict[str, int] = {}
    by_id = {p.id: p for p in people}
    n_locked = int(locked_share * n_requests)
    for idx in rng.sample(range(len(requests)), n_locked):
        r = requests[idx]
        options = [
            s
            for s in slots
            if s not in by_id[r.a].unavailable
            and s not in by_id[r.b].unavailable
            and (r.a, s) not in taken
            and (r.b, s) not in taken
            and per_slot.get(s, 0) < tables
        ]
        caps_ok = all(
            by_id[p].max_meetings is None or locked_count.get(p, 0) < by_id[p].max_meetings
            for p in (r.a, r.b)
        )
        if not options or not caps_ok:
            continue
        s = rng.choice(options)
        taken.update({(r.a, s), (r.b, s)})
        per_slot[s] = per_slot.get(s, 0) + 1
        for p in (r.a, r.b):
            locked_count[p] = locked_count.get(p, 0) + 1
        requests[idx] = MeetingRequest(r.id, r.a, r.b, 3.0, s)
    return Instance(slots, tables, tuple(people), tuple(requests))
