"""Meeting scheduler: feasibility (checked independently), optimality, bounds, rescheduling."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imar.forum.scheduling import (
    Instance,
    Meeting,
    MeetingRequest,
    Participant,
    greedy_schedule,
    idle_gaps,
    reschedule,
    schedule,
    upper_bound,
)


def check_feasible(inst: Instance, meetings: list[Meeting]) -> None:
    """Independent feasibility check of a schedule (does not use the solver's code)."""
    req = {r.id: r for r in inst.requests}
    part = {p.id: p for p in inst.participants}
    seen_requests: set[str] = set()
    at: set[tuple[str, str]] = set()
    tables: set[tuple[str, int]] = set()
    count: dict[str, int] = {}
    for m in meetings:
        assert m.request in req and m.request not in seen_requests
        seen_requests.add(m.request)
        assert m.slot in inst.slots
        assert 1 <= m.table <= inst.tables
        assert (m.slot, m.table) not in tables
        tables.add((m.slot, m.table))
        r = req[m.request]
        if r.locked_slot is not None:
            assert m.slot == r.locked_slot
        for pid in (r.a, r.b):
            assert m.slot not in part[pid].unavailable
            assert (pid, m.slot) not in at
            at.add((pid, m.slot))
            count[pid] = count.get(pid, 0) + 1
    for pid, n in count.items():
        limit = part[pid].max_meetings
        assert limit is None or n <= limit
    for r in inst.requests:
        if r.locked_slot is not None:
            assert r.id in seen_requests


def brute_force_optimum(inst: Instance) -> float:
    """Exact optimum by depth-first search over (request -> slot or nothing)."""
    part = {p.id: p for p in inst.participants}
    reqs = sorted(inst.requests, key=lambda r: -r.weight)
    suffix = [0.0] * (len(reqs) + 1)
    for i in range(len(reqs) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + reqs[i].weight
    best = 0.0
    at: set[tuple[str, str]] = set()
    load = dict.fromkeys(inst.slots, 0)
    count: dict[str, int] = {}

    def limit(pid: str) -> int:
        m = part[pid].max_meetings
        return len(inst.slots) if m is None else m

    def dfs(i: int, total: float) -> None:
        nonlocal best
        if total + suffix[i] <= best + 1e-9:
            return
        if i == len(reqs):
            best = total
            return
        r = reqs[i]
        slots = [r.locked_slot] if r.locked_slot else inst.slots
        if all(count.get(p, 0) < limit(p) for p in (r.a, r.b)):
            for s in slots:
                if load[s] >= inst.tables or (r.a, s) in at or (r.b, s) in at:
                    continue
                if s in part[r.a].unavailable or s in part[r.b].unavailable:
                    continue
                at.update({(r.a, s), (r.b, s)})
                load[s] += 1
                for p in (r.a, r.b):
                    count[p] = count.get(p, 0) + 1
                dfs(i + 1, total + r.weight)
                at.difference_update({(r.a, s), (r.b, s)})
                load[s] -= 1
                for p in (r.a, r.b):
                    count[p] -= 1
        if r.locked_slot is None:
            dfs(i + 1, total)

    dfs(0, 0.0)
    return best


def random_instance(seed: int, n_people: int = 8, n_slots: int = 4, n_req: int = 14) -> Instance:
    rng = random.Random(seed)
    slots = tuple(f"S{k}" for k in range(n_slots))
    people = []
    for k in range(n_people):
        unavailable = frozenset(s for s in slots if rng.random() < 0.2)
        cap = rng.choice([None, None, 1, 2, 3])
        people.append(Participant(f"P{k}", unavailable, cap))
    pairs = list(itertools.combinations(range(n_people), 2))
    rng.shuffle(pairs)
    requests = [
        MeetingRequest(f"R{k}", f"P{a}", f"P{b}", rng.choice([1.0, 1.0, 3.0, 2.5]))
        for k, (a, b) in enumerate(pairs[:n_req])
    ]
    return Instance(slots, rng.choice([1, 2, 3]), tuple(people), tuple(requests))


@pytest.mark.parametrize("seed", range(12))
def test_exact_and_heuristic_against_brute_force(seed: int) -> None:
    inst = random_instance(seed, n_people=6 + seed % 5, n_slots=3 + seed % 2)
    best = brute_force_optimum(inst)
    exact = schedule(inst)
    assert exact.method == "exact"
    check_feasible(inst, exact.meetings)
    assert exact.scheduled_weight == pytest.approx(best)
    assert exact.optimal and exact.gap == pytest.approx(0.0, abs=1e-6)
    assert upper_bound(inst) >= best - 1e-6
    heur = schedule(inst, method="heuristic")
    check_feasible(inst, heur.meetings)
    assert heur.scheduled_weight <= best + 1e-9
    assert heur.upper_bound >= best - 1e-6
    # the heuristic's reported gap is honest: weight >= (1 - gap) * bound
    assert heur.scheduled_weight >= (1 - heur.gap) * heur.upper_bound - 1e-6
    assert heur.scheduled_weight >= 0.8 * best


def test_heuristic_mostly_optimal_on_small_instances() -> None:
    hits = 0
    for seed in range(100, 130):
        inst = random_instance(seed)
        if schedule(inst, method="heuristic").scheduled_weight >= brute_force_optimum(inst) - 1e-9:
            hits += 1
    assert hits >= 24


def test_exact_minimises_idle_gaps() -> None:
    slots = ("9:00", "9:30", "10:00")
    people = (Participant("A"), Participant("B"), Participant("C"))
    reqs = (MeetingRequest("r1", "A", "B", 1), MeetingRequest("r2", "A", "C", 1))
    result = schedule(Instance(slots, 1, people, reqs))
    assert result.scheduled_weight == 2 and result.idle_gaps == 0


def test_locked_meetings_stay_and_reasons() -> None:
    slots = ("s1", "s2")
    people = (
        Participant("A", max_meetings=1),
        Participant("B"),
        Participant("C", unavailable=frozenset({"s1"})),
        Participant("D", unavailable=frozenset({"s2"})),
        Participant("E"),
        Participant("F"),
    )
    reqs = (
        MeetingRequest("lock", "B", "E", 1, locked_slot="s2"),
        MeetingRequest("a1", "A", "B", 3),
        MeetingRequest("a2", "A", "E", 1),  # A at max meetings
        MeetingRequest("cd", "C", "D", 3),  # no common slot
    )
    for method in ("exact", "heuristic"):
        result = schedule(Instance(slots, 1, people, reqs), method=method)
        check_feasible(Instance(slots, 1, people, reqs), result.meetings)
        placed = {m.request: m.slot for m in result.meetings}
        assert placed["lock"] == "s2" and placed["a1"] == "s1"
        why = {u.request: u for u in result.unscheduled}
        assert why["a2"].code == "at_max_meetings"
        assert why["a2"].params == {"participant": "A", "meetings": 1}
        assert "A at max meetings" in why["a2"].text
        assert why["cd"].code == "no_common_slot"
        assert why["cd"].text == "no common free slot for C and D"
    # Tables: two meetings, one table, one slot
    inst = Instance(
        ("s1",),
        1,
        (Participant("A"), Participant("B"), Participant("C"), Participant("D")),
        (MeetingRequest("x", "A", "B", 3), MeetingRequest("y", "C", "D", 1)),
    )
    result = schedule(inst)
    assert [u.code for u in result.unscheduled] == ["no_table"]
    assert "all tables taken" in result.unscheduled[0].text


def medium_instance(seed: int) -> Instance:
    rng = random.Random(seed)
    slots = tuple(f"T{k:02d}" for k in range(10))
    people = [
        Participant(
            f"P{k}",
            frozenset(s for s in slots if rng.random() < 0.1),
            rng.choice([None, 4, 6, 8]),
        )
        for k in range(80)
    ]
    reqs = []
    pairs = set()
    while len(reqs) < 300:
        a, b = rng.randrange(40), 40 + rng.randrange(40)  # two sides, like the forum
        if (a, b) in pairs:
            continue
        pairs.add((a, b))
        reqs.append(MeetingRequest(f"R{len(reqs)}", f"P{a}", f"P{b}", rng.choice([1.0, 3.0])))
    return Instance(slots, 25, tuple(people), tuple(reqs))


def test_heuristic_medium_instance_quality_and_determinism() -> None:
    inst = medium_instance(7)
    first = schedule(inst, method="heuristic")
    check_feasible(inst, first.meetings)
    assert first.gap <= 0.03
    greedy = greedy_schedule(inst)
    check_feasible(inst, greedy.meetings)
    assert first.scheduled_weight >= greedy.scheduled_weight
    again = schedule(inst, method="heuristic")
    assert again.meetings == first.meetings and again.unscheduled == first.unscheduled


def test_reschedule_after_cancellation_moves_nothing() -> None:
    inst = medium_instance(3)
    before = schedule(inst, method="heuristic")
    cancelled = {before.meetings[0].request, before.meetings[5].request}
    changed = replace(inst, requests=tuple(r for r in inst.requests if r.id not in cancelled))
    after = reschedule(changed, before.meetings, method="heuristic")
    check_feasible(changed, after.meetings)
    assert after.moved == []
    old = {m.request: m for m in before.meetings}
    kept = [m for m in after.meetings if m.request in old]
    assert all(old[m.request] == m for m in kept)  # same slot and same table
    assert after.scheduled_weight >= before.scheduled_weight - 6
    scratch = schedule(changed, method="heuristic")
    scratch_moves = sum(
        1 for m in scratch.meetings if m.request in old and old[m.request].slot != m.slot
    )
    assert len(after.moved) < scratch_moves


def test_reschedule_with_new_request_and_changed_availability() -> None:
    inst = medium_instance(5)
    before = schedule(inst, method="heuristic")
    moved_person = inst.participants[3]
    busy_slot = next(
        m.slot
        for m in before.meetings
        if moved_person.id
        in (inst.requests[int(m.request[1:])].a, inst.requests[int(m.request[1:])].b)
    )
    people = list(inst.participants)
    people[3] = replace(moved_person, unavailable=moved_person.unavailable | {busy_slot})
    extra = MeetingRequest("NEW", "P0", "P79", 3.0)
    changed = replace(inst, participants=tuple(people), requests=(*inst.requests, extra))
    after = reschedule(changed, before.meetings, method="heuristic")
    check_feasible(changed, after.meetings)
    assert len(after.moved) <= 10
    assert after.gap <= 0.03


def test_exact_reschedule_is_lexicographic() -> None:
    slots = ("s1", "s2", "s3")
    people = tuple(Participant(x) for x in "ABCD")
    reqs = (MeetingRequest("ab", "A", "B", 1), MeetingRequest("cd", "C", "D", 1))
    inst = Instance(slots, 1, people, reqs)
    prev = [Meeting("ab", "s3", 1), Meeting("cd", "s1", 1)]
    after = reschedule(inst, prev)
    assert after.method == "exact" and after.moved == []
    assert {(m.request, m.slot) for m in after.meetings} == {("ab", "s3"), ("cd", "s1")}
    # A new heavier meeting needing s3 for A justifies one move.
    people2 = (*people[:2], Participant("C", frozenset({"s2", "s3"})), people[3])
    reqs2 = (*reqs, MeetingRequest("ac", "A", "C", 3))
    after2 = reschedule(Instance(slots, 1, people2, reqs2), prev)
    assert after2.scheduled_weight == 4  # ac in s1 forces cd out (C only free in s1)
    assert "cd" in after2.moved


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n_slots = draw(st.integers(1, 4))
    slots = tuple(f"S{k}" for k in range(n_slots))
    n_people = draw(st.integers(2, 7))
    people = tuple(
        Participant(
            f"P{k}",
            frozenset(draw(st.sets(st.sampled_from(slots), max_size=n_slots))),
            draw(st.one_of(st.none(), st.integers(0, 3))),
        )
        for k in range(n_people)
    )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_people - 1), st.integers(0, n_people - 1)).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=12,
        )
    )
    weights = st.sampled_from([0.0, 1.0, 1.0, 3.0, 2.5])
    reqs = tuple(
        MeetingRequest(f"R{k}", f"P{a}", f"P{b}", draw(weights)) for k, (a, b) in enumerate(pairs)
    )
    return Instance(slots, draw(st.integers(1, 3)), people, reqs)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(instances())
def test_property_feasible_bounded_optimal(inst: Instance) -> None:
    best = brute_force_optimum(inst)
    for method in ("exact", "heuristic"):
        result = schedule(inst, method=method)
        check_feasible(inst, result.meetings)
        assert result.scheduled_weight <= best + 1e-9
        assert result.upper_bound >= best - 1e-6
        assert 0 <= result.gap <= 1
        assert result.idle_gaps == idle_gaps(inst, result.meetings)
        placed = {m.request for m in result.meetings}
        assert {u.request for u in result.unscheduled} == {r.id for r in inst.requests} - placed
        if method == "exact":
            assert result.scheduled_weight == pytest.approx(best)
    assert upper_bound(inst) >= best - 1e-6
