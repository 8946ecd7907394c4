"""Organizer features of the scheduler, each against an independent check.

Per-slot tables, interpreters per language and slot, closed slots, idle gaps as a second
objective, preference weights on both sides, delegates of one organization in parallel,
provisional then final (locks kept) and rebooking after a no-show. The checks here (a
feasibility checker and depth-first brute force) share no code with the solver.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest

from imar.forum.scheduling import (
    MUST_MEET,
    NO_THANKS,
    WOULD_LIKE,
    Instance,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleInputError,
    idle_gaps,
    parse_schedule_input,
    preference_weight,
    rebook,
    reschedule,
    schedule,
)


def tables_of(inst: Instance) -> dict[str, int]:
    if isinstance(inst.tables, int):
        return dict.fromkeys(inst.slots, inst.tables)
    return dict(zip(inst.slots, inst.tables, strict=True))


def interpreters_of(inst: Instance, language: str) -> dict[str, int]:
    value = inst.interpreters.get(language, 0)
    if isinstance(value, int):
        return dict.fromkeys(inst.slots, value)
    return dict(zip(inst.slots, value, strict=True))


def check_feasible(inst: Instance, meetings: list[Meeting]) -> None:
    """Every rule, checked from the instance's own fields."""
    req = {r.id: r for r in inst.requests}
    part = {p.id: p for p in inst.participants}
    tables = tables_of(inst)
    seen: set[str] = set()
    at: set[tuple[str, str]] = set()
    cells: set[tuple[str, int]] = set()
    count: dict[str, int] = {}
    lang_use: dict[tuple[str, str], int] = {}
    for m in meetings:
        assert m.request in req and m.request not in seen
        seen.add(m.request)
        assert 1 <= m.table <= tables[m.slot], m
        assert (m.slot, m.table) not in cells
        cells.add((m.slot, m.table))
        r = req[m.request]
        if r.locked_slot is not None:
            assert m.slot == r.locked_slot
        elif m.slot in inst.closed:
            raise AssertionError(f"new meeting {m} in closed slot")
        if r.interpreter:
            key = (r.interpreter, m.slot)
            lang_use[key] = lang_use.get(key, 0) + 1
            assert lang_use[key] <= interpreters_of(inst, r.interpreter)[m.slot]
        for pid in (r.a, r.b):
            assert m.slot not in part[pid].unavailable
            assert (pid, m.slot) not in at, f"{pid} double-booked in {m.slot}"
            at.add((pid, m.slot))
            count[pid] = count.get(pid, 0) + 1
    for pid, n in count.items():
        limit = part[pid].max_meetings
        assert limit is None or n <= limit
    for r in inst.requests:
        if r.locked_slot is not None:
            assert r.id in seen


def all_schedules(inst: Instance):
    """Every feasible assignment request -> slot (or None), by depth-first search."""
    part = {p.id: p for p in inst.participants}
    tables = tables_of(inst)
    reqs = list(inst.requests)
    at: set[tuple[str, str]] = set()
    load = dict.fromkeys(inst.slots, 0)
    lang_use: dict[tuple[str, str], int] = {}
    count: dict[str, int] = {}
    chosen: dict[str, str] = {}

    def limit(pid: str) -> int:
        m = part[pid].max_meetings
        return len(inst.slots) if m is None else m

    def dfs(i: int):
        if i == len(reqs):
            yield dict(chosen)
            return
        r = reqs[i]
        slots = (
            [r.locked_slot] if r.locked_slot else [s for s in inst.slots if s not in inst.closed]
        )
        if all(count.get(p, 0) < limit(p) for p in (r.a, r.b)):
            for s in slots:
                if load[s] >= tables[s] or (r.a, s) in at or (r.b, s) in at:
                    continue
                if s in part[r.a].unavailable or s in part[r.b].unavailable:
                    continue
                key = (r.interpreter, s)
                if (
                    r.interpreter
                    and lang_use.get(key, 0) >= interpreters_of(inst, r.interpreter)[s]
                ):
                    continue
                at.update({(r.a, s), (r.b, s)})
                load[s] += 1
                if r.interpreter:
                    lang_use[key] = lang_use.get(key, 0) + 1
                for p in (r.a, r.b):
                    count[p] = count.get(p, 0) + 1
                chosen[r.id] = s
                yield from dfs(i + 1)
                del chosen[r.id]
                at.difference_update({(r.a, s), (r.b, s)})
                load[s] -= 1
                if r.interpreter:
                    lang_use[key] -= 1
                for p in (r.a, r.b):
                    count[p] -= 1
        if r.locked_slot is None:
            yield from dfs(i + 1)

    yield from dfs(0)


def weight_of(inst: Instance, assignment: dict[str, str]) -> float:
    w = {r.id: r.weight for r in inst.requests}
    return sum(w[r] for r in assignment)


def idle_of(inst: Instance, assignment: dict[str, str]) -> int:
    meetings = [Meeting(r, s, 1) for r, s in assignment.items()]
    return idle_gaps(inst, meetings)


def brute(inst: Instance) -> tuple[float, int]:
    """(best weight, fewest idle gaps among the best-weight schedules)."""
    best = (-1.0, 0)
    for a in all_schedules(inst):
        key = (round(weight_of(inst, a), 9), -idle_of(inst, a))
        if key > (best[0], -best[1]):
            best = (key[0], -key[1])
    return best


def random_instance(seed: int, *, interpreters: bool, per_slot: bool) -> Instance:
    rng = random.Random(seed)
    n_slots = rng.choice([3, 4])
    slots = tuple(f"S{k}" for k in range(n_slots))
    people = [
        Participant(
            f"P{k}",
            frozenset(s for s in slots if rng.random() < 0.15),
            rng.choice([None, None, 2, 3]),
        )
        for k in range(7)
    ]
    pairs = list(itertools.combinations(range(7), 2))
    rng.shuffle(pairs)
    requests = [
        MeetingRequest(
            f"R{k}",
            f"P{a}",
            f"P{b}",
            rng.choice([1.0, 1.0, 3.0, 2.0]),
            interpreter=rng.choice([None, None, "it", "zh"]) if interpreters else None,
        )
        for k, (a, b) in enumerate(pairs[: rng.choice([9, 10, 11])])
    ]
    tables = tuple(rng.choice([0, 1, 2, 3]) for _ in slots) if per_slot else rng.choice([2, 3])
    if per_slot and sum(tables) == 0:
        tables = (1,) + tables[1:]
    langs = (
        {"it": tuple(rng.choice([0, 1]) for _ in slots), "zh": rng.choice([0, 1])}
        if interpreters
        else {}
    )
    return Instance(slots, tables, tuple(people), tuple(requests), langs)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("interpreters", "per_slot"), [(False, True), (True, False), (True, True)])
def test_exact_matches_brute_force_with_per_slot_tables_and_interpreters(
    seed, interpreters, per_slot
):
    inst = random_instance(seed, interpreters=interpreters, per_slot=per_slot)
    weight, idle = brute(inst)
    result = schedule(inst, method="exact", time_limit=20)
    check_feasible(inst, result.meetings)
    assert result.scheduled_weight == pytest.approx(weight)
    assert result.upper_bound >= weight - 1e-6
    assert result.optimal
    # Idle gaps are the second objective: exact on instances this small.
    assert result.idle_gaps == idle


@pytest.mark.parametrize("seed", range(12))
def test_heuristic_respects_interpreters_and_tables_and_reports_an_honest_bound(seed):
    inst = random_instance(seed, interpreters=True, per_slot=True)
    weight, _ = brute(inst)
    result = schedule(inst, method="heuristic", time_limit=2)
    check_feasible(inst, result.meetings)
    assert result.scheduled_weight <= weight + 1e-9
    assert result.upper_bound >= weight - 1e-6
    assert result.gap == pytest.approx(
        (result.upper_bound - result.scheduled_weight) / result.upper_bound
    )


def big_instance(seed: int) -> Instance:
    rng = random.Random(seed)
    slots = tuple(f"S{k:02d}" for k in range(12))
    people = [Participant(f"P{k}", frozenset(), rng.choice([None, 6, 8])) for k in range(120)]
    requests = []
    pairs = set()
    while len(requests) < 500:
        a, b = rng.sample(range(120), 2)
        if (a, b) in pairs or (b, a) in pairs:
            continue
        pairs.add((a, b))
        requests.append(
            MeetingRequest(
                f"R{len(requests)}",
                f"P{a}",
                f"P{b}",
                rng.choice([1.0, 3.0]),
                interpreter=rng.choice([None, None, None, "it", "fr"]),
            )
        )
    tables = tuple(rng.choice([20, 30, 40]) for _ in slots)
    return Instance(slots, tables, tuple(people), tuple(requests), {"it": 4, "fr": tuple([3] * 12)})


def test_large_heuristic_with_interpreters_is_feasible_within_its_bound():
    inst = big_instance(3)
    result = schedule(inst, time_limit=5)
    assert result.method == "heuristic"
    check_feasible(inst, result.meetings)
    # 12 slots x 4 Italian interpreters: never more than 48 Italian meetings.
    it = {r.id for r in inst.requests if r.interpreter == "it"}
    assert sum(m.request in it for m in result.meetings) <= 48
    assert result.upper_bound >= result.scheduled_weight
    assert result.gap < 0.1


def test_unscheduled_for_lack_of_an_interpreter_says_so_truthfully():
    people = tuple(Participant(p) for p in "ABCD")
    inst = Instance(
        ("S1",),
        3,
        people,
        (
            MeetingRequest("ab", "A", "B", 3.0, interpreter="it"),
            MeetingRequest("cd", "C", "D", 1.0, interpreter="it"),
        ),
        {"it": 1},
    )
    result = schedule(inst)
    assert [m.request for m in result.meetings] == ["ab"]
    (why,) = result.unscheduled
    assert why.code == "no_interpreter"
    assert why.params["language"] == "it" and why.params["slots"] == ["S1"]
    # True of the numbers: a table was free, the only interpreter was taken.
    assert len(result.meetings) < 3
    assert "no it interpreter" in why.text


def test_a_slot_without_tables_is_never_used_and_explained():
    people = tuple(Participant(p) for p in "AB")
    inst = Instance(
        ("lunch", "S2"),
        (0, 1),
        people,
        (MeetingRequest("ab", "A", "B"),),
    )
    result = schedule(inst)
    assert [(m.slot, m.table) for m in result.meetings] == [("S2", 1)]
    busy_b = replace(inst, participants=(Participant("A"), Participant("B", frozenset({"S2"}))))
    (why,) = schedule(busy_b).unscheduled
    assert why.code == "no_table"


def test_preference_weights_agree_with_a_table_written_out():
    # A second formulation: the weight table written out by hand.
    points = {MUST_MEET: 3, WOULD_LIKE: 1}
    for a, b in itertools.product([MUST_MEET, WOULD_LIKE, NO_THANKS, None], repeat=2):
        for buyer, bw in itertools.product([None, "requester", "recipient"], [1.0, 2.0]):
            got = preference_weight(a, b, buyer=buyer, buyer_weight=bw)
            if NO_THANKS in (a, b):
                assert got == 0
                continue
            want = 0.0
            if a is not None:
                want += points[a] * (bw if buyer == "requester" else 1)
            if b is not None:
                want += points[b] * (bw if buyer == "recipient" else 1)
            assert got == want, (a, b, buyer, bw)
    assert preference_weight(MUST_MEET) == 3 and preference_weight(WOULD_LIKE) == 1
    with pytest.raises(ValueError):
        preference_weight("maybe")


def test_buyer_weight_decides_who_gets_the_last_slot():
    # One slot; the seller S is wanted by buyer B1 (would like) and by seller S2 (would like).
    people = tuple(Participant(p) for p in ("B1", "S", "S2"))

    def inst(bw: float) -> Instance:
        return Instance(
            ("slot",),
            5,
            people,
            (
                MeetingRequest("buyer", "B1", "S", preference_weight(WOULD_LIKE, WOULD_LIKE)),
                MeetingRequest(
                    "seller",
                    "S2",
                    "S",
                    preference_weight(MUST_MEET, WOULD_LIKE, buyer="recipient", buyer_weight=bw),
                ),
            ),
        )

    assert [m.request for m in schedule(inst(1.0)).meetings] == ["seller"]  # 4 > 2
    # Count the buyer side (here: S is the recipient of "seller") as four times as important:
    # "seller" = 3 + 4 = 7 still wins; weighting the buyer of "buyer" instead flips it.
    flipped = replace(
        inst(1.0),
        requests=(
            MeetingRequest(
                "buyer",
                "B1",
                "S",
                preference_weight(WOULD_LIKE, WOULD_LIKE, buyer="requester", buyer_weight=4.0),
            ),
            MeetingRequest("seller", "S2", "S", preference_weight(MUST_MEET, WOULD_LIKE)),
        ),
    )
    assert [m.request for m in schedule(flipped).meetings] == ["buyer"]  # 5 > 4
    # A "no thanks" (weight 0) never takes a contested place from a wanted meeting.
    no = replace(
        inst(1.0),
        requests=(
            MeetingRequest("x", "B1", "S", preference_weight(MUST_MEET, NO_THANKS)),
            MeetingRequest("y", "S2", "S", preference_weight(WOULD_LIKE)),
        ),
    )
    result = schedule(no)
    assert [m.request for m in result.meetings] == ["y"]
    assert result.unscheduled[0].code == "zero_weight"


def test_delegates_of_one_organization_meet_in_parallel_but_no_person_twice():
    # Organization X sends two delegates (X1, X2); one slot, two tables.
    people = tuple(Participant(p) for p in ("X1", "X2", "Y", "Z"))
    requests = (
        MeetingRequest("x1y", "X1", "Y"),
        MeetingRequest("x2z", "X2", "Z"),
        MeetingRequest("x1z", "X1", "Z", 0.5),
    )
    inst = Instance(("S",), 2, people, requests)
    result = schedule(inst)
    check_feasible(inst, result.meetings)
    assert sorted(m.request for m in result.meetings) == ["x1y", "x2z"]  # both in slot S
    assert brute(inst)[0] == result.scheduled_weight


def test_final_schedule_keeps_its_locked_meetings_when_requests_change():
    inst = random_instance(5, interpreters=False, per_slot=False)
    provisional = schedule(inst, method="exact")
    # Final: organizers lock every meeting of the provisional schedule.
    slot_of = {m.request: m.slot for m in provisional.meetings}
    locked = tuple(replace(r, locked_slot=slot_of.get(r.id)) for r in inst.requests)
    extra = MeetingRequest("late", "P0", "P6", 3.0)
    final = replace(inst, requests=(*locked, extra))
    again = reschedule(final, provisional.meetings)
    check_feasible(final, again.meetings)
    kept = {m.request: m.slot for m in again.meetings}
    assert all(kept[r] == s for r, s in slot_of.items())
    assert again.moved == []
    assert again.scheduled_weight == pytest.approx(brute(final)[0])


@pytest.mark.parametrize("seed", range(10))
def test_rebook_after_no_show_moves_nothing_and_fills_free_places_optimally(seed):
    inst = random_instance(seed, interpreters=seed % 2 == 1, per_slot=True)
    first = schedule(inst, method="exact")
    assert len(first.meetings) >= 2
    rng = random.Random(seed)
    no_show = rng.choice(first.meetings)
    from_slot = no_show.slot
    past = set(inst.slots[: inst.slots.index(from_slot)])
    standing = [m for m in first.meetings if m is not no_show]
    result = rebook(inst, standing, from_slot=from_slot)
    closed = replace(inst, closed=frozenset(past))
    fixed = {m.request: m.slot for m in standing}
    # Nothing that stands moves, not even its table.
    by_request = {m.request: m for m in result.meetings}
    assert all(by_request[m.request] == m for m in standing)
    assert result.moved == []
    for m in result.meetings:
        if m.request not in fixed:
            assert m.slot not in past
    locked = replace(
        closed, requests=tuple(replace(r, locked_slot=fixed.get(r.id)) for r in closed.requests)
    )
    check_feasible(locked, result.meetings)
    # Independent optimum: brute force over the free places with the standing meetings fixed.
    assert result.scheduled_weight == pytest.approx(brute(locked)[0])
    moved = rebook(inst, standing, from_slot=from_slot, allow_moves=True)
    assert moved.scheduled_weight >= result.scheduled_weight - 1e-9
    assert all(m in moved.meetings for m in standing if m.slot in past)


def test_parsing_names_the_new_fields():
    base = {
        "slots": ["a", "b"],
        "tables": [1, 2],
        "participants": [{"id": "A"}, {"id": "B"}],
        "requests": [{"id": "r", "a": "A", "b": "B", "weight": 1, "interpreter": "it"}],
        "interpreters": {"it": [0, 1]},
    }
    inst = parse_schedule_input(base)
    assert inst.tables == (1, 2) and inst.interpreters == {"it": (0, 1)}
    assert [(m.slot, m.table) for m in schedule(inst).meetings] == [("b", 1)]
    for bad, path in [
        ({"tables": [1]}, "tables"),
        ({"tables": [1, -1]}, "tables[1]"),
        ({"tables": [1, "x"]}, "tables[1]"),
        ({"interpreters": {"it": [1]}}, "interpreters.it"),
        ({"interpreters": {"it": "x"}}, "interpreters.it"),
        ({"interpreters": []}, "interpreters"),
    ]:
        with pytest.raises(ScheduleInputError) as error:
            parse_schedule_input({**base, **bad})
        assert error.value.path == path
