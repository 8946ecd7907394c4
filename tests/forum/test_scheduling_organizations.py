"""Requests addressed to an organization: the scheduler picks one of its delegates.

Checked independently: a feasibility check written here (nobody in two places, tables,
limits, the delegate among the organization's) and a brute force over every assignment of
each request to nothing or to (slot, delegate) on small random instances.
"""

from __future__ import annotations

import itertools
import random

import pytest

from imar.forum.scheduling import (
    Instance,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleInputError,
    greedy_schedule,
    parse_schedule_input,
    rebook,
    reschedule,
    schedule,
    schedule_to_dict,
    upper_bound,
)


def check_feasible(inst: Instance, meetings: list[Meeting]) -> None:
    req = {r.id: r for r in inst.requests}
    part = {p.id: p for p in inst.participants}
    tables = dict(zip(inst.slots, inst.tables_in(), strict=True))
    seen: set[str] = set()
    at: set[tuple[str, str]] = set()
    used: set[tuple[str, int]] = set()
    count: dict[str, int] = {}
    for m in meetings:
        assert m.request in req and m.request not in seen
        seen.add(m.request)
        r = req[m.request]
        assert 1 <= m.table <= tables[m.slot]
        assert (m.slot, m.table) not in used
        used.add((m.slot, m.table))
        if r.b_choices:
            assert m.b in r.b_choices
            other = m.b
        else:
            assert m.b is None
            other = r.b
        if r.locked_slot is not None:
            assert m.slot == r.locked_slot
        for pid in (r.a, other):
            assert m.slot not in part[pid].unavailable
            assert (pid, m.slot) not in at, f"{pid} double-booked in {m.slot}"
            at.add((pid, m.slot))
            count[pid] = count.get(pid, 0) + 1
    for pid, n in count.items():
        limit = part[pid].max_meetings
        assert limit is None or n <= limit


def brute(inst: Instance) -> float:
    """Best weight over every (request -> nothing or (slot, delegate)) assignment."""
    part = {p.id: p for p in inst.participants}
    tables = dict(zip(inst.slots, inst.tables_in(), strict=True))
    options = []
    for r in inst.requests:
        people = r.b_choices or (r.b,)
        opts = [None] + [(s, d) for s in inst.slots for d in people]
        options.append(opts)
    best = 0.0
    for combo in itertools.product(*options):
        at: set[tuple[str, str]] = set()
        load: dict[str, int] = {}
        count: dict[str, int] = {}
        weight = 0.0
        ok = True
        for r, choice in zip(inst.requests, combo, strict=True):
            if choice is None:
                continue
            s, d = choice
            load[s] = load.get(s, 0) + 1
            if load[s] > tables[s]:
                ok = False
                break
            for pid in (r.a, d):
                if s in part[pid].unavailable or (pid, s) in at:
                    ok = False
                    break
                at.add((pid, s))
                count[pid] = count.get(pid, 0) + 1
                limit = part[pid].max_meetings
                if limit is not None and count[pid] > limit:
                    ok = False
                    break
            if not ok:
                break
            weight += r.weight
        if ok:
            best = max(best, weight)
    return best


def random_instance(seed: int) -> Instance:
    rng = random.Random(seed)
    slots = tuple(f"s{k}" for k in range(rng.randint(2, 3)))
    # Two organizations with two or three delegates each, and three single visitors.
    orgs = {"X": ["x1", "x2"], "Y": ["y1", "y2", "y3"][: rng.randint(2, 3)]}
    visitors = ["v1", "v2", "v3"]
    people = [d for ds in orgs.values() for d in ds] + visitors
    participants = tuple(
        Participant(
            p,
            frozenset(s for s in slots if rng.random() < 0.25),
            rng.choice([None, None, 1, 2]),
        )
        for p in people
    )
    requests = []
    for k in range(rng.randint(3, 5)):
        a = rng.choice(visitors)
        if rng.random() < 0.6:
            org = rng.choice(list(orgs))
            ds = orgs[org]
            requests.append(
                MeetingRequest(f"r{k}", a, ds[0], float(rng.choice([1, 2, 3])), b_choices=tuple(ds))
            )
        else:
            b = rng.choice([p for p in people if p != a])
            requests.append(MeetingRequest(f"r{k}", a, b, float(rng.choice([1, 2, 3]))))
    tables = tuple(rng.randint(1, 2) for _ in slots)
    return Instance(slots, tables, participants, tuple(requests))


@pytest.mark.parametrize("seed", range(40))
def test_exact_equals_brute_force_and_heuristic_is_feasible(seed):
    inst = random_instance(seed)
    optimum = brute(inst)
    exact = schedule(inst, method="exact")
    check_feasible(inst, exact.meetings)
    assert exact.scheduled_weight == pytest.approx(optimum)
    assert upper_bound(inst) >= optimum - 1e-6
    assert exact.upper_bound >= optimum - 1e-6
    heuristic = schedule(inst, method="heuristic")
    check_feasible(inst, heuristic.meetings)
    assert heuristic.scheduled_weight <= optimum + 1e-9
    assert heuristic.upper_bound >= optimum - 1e-6
    check_feasible(inst, greedy_schedule(inst).meetings)
    # Every request is either a meeting or explained, once.
    done = {m.request for m in exact.meetings} | {u.request for u in exact.unscheduled}
    assert done == {r.id for r in inst.requests}
    assert len(exact.meetings) + len(exact.unscheduled) == len(inst.requests)


def test_delegates_of_one_organization_meet_in_parallel():
    # Three visitors all want the organization in the only slot; it has three delegates.
    ps = (Participant("d1"), Participant("d2"), Participant("d3")) + tuple(
        Participant(v) for v in ("a", "b", "c")
    )
    reqs = tuple(MeetingRequest(f"r{v}", v, "d1", 1.0, b_choices=("d1", "d2", "d3")) for v in "abc")
    inst = Instance(("s1",), 3, ps, reqs)
    for method in ("exact", "heuristic"):
        result = schedule(inst, method=method)
        check_feasible(inst, result.meetings)
        assert len(result.meetings) == 3
        assert sorted(m.b for m in result.meetings) == ["d1", "d2", "d3"]
        assert result.optimal or result.gap == 0


def test_addressed_to_one_person_is_not_spread():
    # Without choices the same three requests to d1 get one meeting in the one slot.
    ps = (Participant("d1"), Participant("d2")) + tuple(Participant(v) for v in "abc")
    reqs = tuple(MeetingRequest(f"r{v}", v, "d1", 1.0) for v in "abc")
    result = schedule(Instance(("s1",), 3, ps, reqs))
    assert len(result.meetings) == 1


def test_reschedule_keeps_the_delegate_and_rebook_locks_it():
    ps = tuple(Participant(p) for p in ("d1", "d2", "a", "b"))
    reqs = (
        MeetingRequest("ra", "a", "d1", 1.0, b_choices=("d1", "d2")),
        MeetingRequest("rb", "b", "d1", 1.0, b_choices=("d1", "d2")),
    )
    inst = Instance(("s1", "s2"), 2, ps, reqs)
    first = schedule(inst)
    check_feasible(inst, first.meetings)
    again = reschedule(inst, first.meetings)
    assert {(m.request, m.slot, m.b) for m in again.meetings} == {
        (m.request, m.slot, m.b) for m in first.meetings
    }
    assert again.moved == []
    standing = [m for m in first.meetings if m.request == "ra"]
    rebooked = rebook(inst, standing)
    kept = next(m for m in rebooked.meetings if m.request == "ra")
    assert (kept.slot, kept.b) == (standing[0].slot, standing[0].b)
    check_feasible(inst, rebooked.meetings)


def test_unscheduled_reason_names_the_request_once():
    ps = (Participant("d1", frozenset({"s1"})), Participant("d2", frozenset({"s1"})))
    ps += (Participant("a"),)
    inst = Instance(("s1",), 1, ps, (MeetingRequest("r", "a", "d1", 1.0, b_choices=("d1", "d2")),))
    result = schedule(inst)
    assert result.meetings == []
    assert [(u.request, u.code, u.params["delegates"]) for u in result.unscheduled] == [
        ("r", "no_common_slot", 2)
    ]


def test_parse_and_document():
    doc = {
        "slots": ["s1"],
        "tables": 2,
        "participants": [{"id": "a"}, {"id": "d1"}, {"id": "d2"}],
        "requests": [{"id": "r", "a": "a", "b": "d1", "weight": 1, "b_choices": ["d1", "d2"]}],
    }
    inst = parse_schedule_input(doc)
    out = schedule_to_dict(schedule(inst))
    assert out["meetings"][0]["b"] in ("d1", "d2")
    bad = dict(doc, requests=[dict(doc["requests"][0], b_choices=["d2", "zz"])])
    with pytest.raises(ScheduleInputError) as info:
        parse_schedule_input(bad)
    assert info.value.path == "requests[0].b_choices"
    locked = dict(doc, requests=[dict(doc["requests"][0], locked_slot="s1")])
    with pytest.raises(ScheduleInputError, match="locked"):
        parse_schedule_input(locked)
