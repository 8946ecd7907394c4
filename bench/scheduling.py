"""Benchmark of the forum meeting scheduler against a first-fit "quick schedule" greedy.

    .venv/bin/python -m bench.scheduling [--quick] [--organizations] [--seed N]

For each size: our wall and CPU time, scheduled weight, LP upper bound, gap, the greedy's
weight in the same run, the ratio ours/greedy and idle gaps of both. Then a rescheduling
round on the first size (cancellations, new requests, changed availability): meetings moved
by ``reschedule`` versus by scheduling from scratch. ``--quick`` runs only the small size.

Organizer round (issue 17) on the 3k instance: fewer tables over lunch, 12% of meetings needing
an interpreter (Italian, Chinese, French: 4 each per slot), ours against the greedy; then
rebooking 3% no-shows of a mid-day slot into the later free places, with nothing moving,
with moves allowed, and against scheduling the rest of the day from scratch.

Organizations round: the 3k instance's participants in organizations of three delegates, a
third of the requests addressed to the recipient's organization (any of its delegates);
ours against the greedy, the LP bound, and the same requests each tied to one person.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace

from bench.forum_data import forum_instance
from imar.forum.scheduling import (
    MeetingRequest,
    greedy_schedule,
    rebook,
    reschedule,
    schedule,
)

SIZES = (
    # (label, participants, requests, slots, tables, time limit, target gap, target seconds)
    ("3k requests", 500, 3000, 16, 150, 2.0, 0.01, 2.0),
    ("15k requests", 2000, 15000, 24, 400, 5.0, 0.02, 5.0),
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the 3k-request instance")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--organizations", action="store_true", help="only the organizations round (3k)"
    )
    args = parser.parse_args(argv)
    if args.organizations:
        label, n_p, n_r, n_s, tables, limit, *_ = SIZES[0]
        inst = forum_instance(n_p, n_r, n_s, tables, seed=args.seed)
        _organizations_round(inst, limit, args.seed)
        return
    sizes = SIZES[:1] if args.quick else SIZES
    print(
        f"{'instance':<14}{'wall s':>7}{'cpu s':>7}{'weight':>8}{'bound':>9}{'gap':>7}"
        f"{'greedy':>8}{'ours/gr':>8}{'idle':>7}{'gr idle':>8}  target"
    )
    first = None
    for label, n_p, n_r, n_s, tables, limit, target_gap, target_s in sizes:
        inst = forum_instance(n_p, n_r, n_s, tables, seed=args.seed)
        t0, c0 = time.perf_counter(), time.process_time()
        ours = schedule(inst, time_limit=limit)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        greedy = greedy_schedule(inst)
        ok = "ok" if ours.gap <= target_gap and wall <= target_s else "MISSED"
        print(
            f"{label:<14}{wall:>7.2f}{cpu:>7.2f}{ours.scheduled_weight:>8.0f}"
            f"{ours.upper_bound:>9.1f}{ours.gap:>7.2%}{greedy.scheduled_weight:>8.0f}"
            f"{ours.scheduled_weight / max(greedy.scheduled_weight, 1):>8.3f}"
            f"{ours.idle_gaps:>7}{greedy.idle_gaps:>8}  gap<={target_gap:.0%} in <{target_s:.0f}s"
            f" {ok}"
        )
        if first is None:
            first = (inst, ours, limit)
    assert first is not None
    inst, before, limit = first
    changed = _perturb(inst, before, args.seed)
    t0 = time.perf_counter()
    after = reschedule(changed, before.meetings, time_limit=limit)
    wall = time.perf_counter() - t0
    scratch = schedule(changed, time_limit=limit)
    old = {m.request: m.slot for m in before.meetings}
    scratch_moved = sum(
        1
        for r in changed.requests
        if r.id in old and old[r.id] != {m.request: m.slot for m in scratch.meetings}.get(r.id)
    )
    print(
        f"\nreschedule (3k, 2% cancelled, 1% new, 10 people lose a slot): {wall:.2f}s, "
        f"moved {len(after.moved)} of {len(before.meetings)} meetings "
        f"(from scratch: {scratch_moved}); weight {after.scheduled_weight:.0f} "
        f"vs from scratch {scratch.scheduled_weight:.0f}; gap {after.gap:.2%}"
    )
    _organizer_round(inst, limit, args.seed)
    _organizations_round(inst, limit, args.seed)


def organizer_instance(inst, seed: int):
    """Lunch slots (the middle two of each day) with 40% of the tables; 12% of requests need
    an interpreter, 4 per language per slot."""
    rng = random.Random(seed + 2000)
    n = inst.tables
    tables = tuple(max(1, int(0.4 * n)) if k % 8 in (3, 4) else n for k in range(len(inst.slots)))
    requests = tuple(
        replace(r, interpreter=rng.choice(["it", "zh", "fr"])) if rng.random() < 0.12 else r
        for r in inst.requests
    )
    interpreters = dict.fromkeys(("it", "zh", "fr"), 4)
    return replace(inst, tables=tables, requests=requests, interpreters=interpreters)


def _organizer_round(inst, limit: float, seed: int) -> None:
    org = organizer_instance(inst, seed)
    t0, c0 = time.perf_counter(), time.process_time()
    ours = schedule(org, time_limit=limit)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    greedy = greedy_schedule(org)
    needing = sum(1 for r in org.requests if r.interpreter)
    placed = {m.request for m in ours.meetings}
    with_interp = sum(1 for r in org.requests if r.interpreter and r.id in placed)
    print(
        f"\norganizer (3k, lunch tables 40%, {needing} need an interpreter, 4/language/slot): "
        f"{wall:.2f}s wall {cpu:.2f}s cpu; weight {ours.scheduled_weight:.0f} bound "
        f"{ours.upper_bound:.1f} gap {ours.gap:.2%}; greedy {greedy.scheduled_weight:.0f} "
        f"(ours/greedy {ours.scheduled_weight / max(greedy.scheduled_weight, 1):.3f}); "
        f"{with_interp} interpreted meetings placed"
    )
    rng = random.Random(seed + 3000)
    mid = org.slots[len(org.slots) // 4]
    in_mid = [m for m in ours.meetings if m.slot == mid]
    no_shows = {m.request for m in rng.sample(in_mid, max(1, len(in_mid) * 3 // 100 + 1))}
    standing = [m for m in ours.meetings if m.request not in no_shows]
    nxt = org.slots[org.slots.index(mid) + 1]
    for label, kwargs in (("no moves", {}), ("moves allowed", {"allow_moves": True})):
        t0 = time.perf_counter()
        re = rebook(org, standing, from_slot=nxt, time_limit=limit, **kwargs)
        wall = time.perf_counter() - t0
        back = sum(1 for m in re.meetings if m.request in no_shows)
        print(
            f"rebook {len(no_shows)} no-shows of {mid} ({label}): {wall:.2f}s, {back} rebooked, "
            f"moved {len(re.moved)}; weight {re.scheduled_weight:.0f} vs "
            f"{ours.scheduled_weight:.0f} before; gap {re.gap:.2%}"
        )
    t0 = time.perf_counter()
    past = frozenset(org.slots[: org.slots.index(nxt)])
    kept = {m.request: m.slot for m in standing if m.slot in past}
    fresh = replace(
        org,
        closed=past,
        requests=tuple(replace(r, locked_slot=kept.get(r.id)) for r in org.requests),
    )
    scratch = schedule(fresh, time_limit=limit)
    wall = time.perf_counter() - t0
    old = {m.request: m.slot for m in standing}
    moved = sum(1 for m in scratch.meetings if m.request in old and old[m.request] != m.slot)
    moved += sum(1 for r in old if r not in {m.request for m in scratch.meetings})
    print(
        f"baseline: rest of the day from scratch: {wall:.2f}s, moved {moved}; "
        f"weight {scratch.scheduled_weight:.0f}"
    )


def _perturb(inst, before, seed: int):
    rng = random.Random(seed + 1000)
    cancelled = {m.request for m in rng.sample(before.meetings, len(before.meetings) // 50)}
    requests = [r for r in inst.requests if r.id not in cancelled]
    ids = [p.id for p in inst.participants]
    pairs = {frozenset((r.a, r.b)) for r in inst.requests}
    while len(requests) < len(inst.requests) - len(cancelled) + len(inst.requests) // 100:
        a, b = rng.sample(ids, 2)
        if frozenset((a, b)) not in pairs:
            pairs.add(frozenset((a, b)))
            weight = 3.0 if rng.random() < 0.3 else 1.0
            requests.append(MeetingRequest(f"N{len(requests)}", a, b, weight))
    people = list(inst.participants)
    for k in rng.sample(range(len(people)), 10):
        people[k] = replace(people[k], unavailable=people[k].unavailable | {rng.choice(inst.slots)})
    locked = {r.id: r for r in requests if r.locked_slot}
    by_id = {p.id: p for p in people}
    # A changed availability may hit a locked meeting: the organisers would unlock it.
    requests = [
        replace(r, locked_slot=None)
        if r.id in locked
        and (r.locked_slot in by_id[r.a].unavailable or r.locked_slot in by_id[r.b].unavailable)
        else r
        for r in requests
    ]
    return replace(inst, participants=tuple(people), requests=tuple(requests))


def organizations_instance(inst, seed: int):
    """Participants in organizations of three (consecutive ids); a third of the requests may
    go to any delegate of the recipient's organization."""
    rng = random.Random(seed + 4000)
    ids = [p.id for p in inst.participants]
    org_of = {pid: k // 3 for k, pid in enumerate(ids)}
    members: dict[int, list[str]] = {}
    for pid in ids:
        members.setdefault(org_of[pid], []).append(pid)
    requests = []
    for r in inst.requests:
        choices = tuple(d for d in members[org_of[r.b]] if d != r.a)
        free = r.locked_slot is None and org_of[r.a] != org_of[r.b]
        if rng.random() < 1 / 3 and len(choices) > 1 and free:
            r = replace(r, b_choices=choices)
        requests.append(r)
    return replace(inst, requests=tuple(requests))


def _organizations_round(inst, limit: float, seed: int) -> None:
    org = organizations_instance(inst, seed)
    to_org = sum(1 for r in org.requests if r.b_choices)
    t0, c0 = time.perf_counter(), time.process_time()
    ours = schedule(org, time_limit=limit)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    greedy = greedy_schedule(org)
    single = schedule(inst, time_limit=limit)
    handed = sum(
        1
        for m in ours.meetings
        if m.b is not None and m.b != next(r.b for r in org.requests if r.id == m.request)
    )
    print(
        f"\norganizations (3k, delegates in threes, {to_org} requests to an organization): "
        f"{wall:.2f}s wall {cpu:.2f}s cpu; {len(ours.meetings)} meetings, weight "
        f"{ours.scheduled_weight:.0f} bound {ours.upper_bound:.1f} gap {ours.gap:.2%}; greedy "
        f"{greedy.scheduled_weight:.0f} (ours/greedy "
        f"{ours.scheduled_weight / max(greedy.scheduled_weight, 1):.3f}); "
        f"{handed} handed to another delegate; each to one person: "
        f"{single.scheduled_weight:.0f} ({len(single.meetings)} meetings)"
    )


if __name__ == "__main__":
    main()
