"""The pipeline: bound, exact or heuristic, tables, reasons; and the output document."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import replace

from imar.forum.scheduling.bound import lp_bound
from imar.forum.scheduling.exact import solve_exact
from imar.forum.scheduling.explanation import explain_unscheduled
from imar.forum.scheduling.heuristic import Engine, heuristic_slots
from imar.forum.scheduling.model import EPS, Compiled, busy_rows, idle_of
from imar.forum.scheduling.organizations import collapse, expand, expand_previous
from imar.forum.scheduling.problem import Instance, Meeting, validate_instance
from imar.forum.scheduling.result import Schedule

EXACT_MAX_VARIABLES = 600
# ... and idle gaps are minimised exactly too when at most this many.
EXACT_IDLE_MAX_VARIABLES = 120


def _assign_tables(c: Compiled, slot_of: list[int], prev_table: dict[int, int]) -> list[Meeting]:
    """Number tables per slot; a meeting that keeps its slot keeps its table when possible."""
    by_slot: list[list[int]] = [[] for _ in range(c.S)]
    for r in range(c.R):
        if slot_of[r] >= 0:
            by_slot[slot_of[r]].append(r)
    table_of: dict[int, int] = {}
    for s in range(c.S):
        used: set[int] = set()
        for r in by_slot[s]:
            t = prev_table.get(r)
            if t is not None and 1 <= t <= c.Ts[s] and t not in used:
                table_of[r] = t
                used.add(t)
        free = (t for t in range(1, c.Ts[s] + 1) if t not in used)
        for r in by_slot[s]:
            if r not in table_of:
                table_of[r] = next(free)
    reqs = c.instance.requests
    return [
        Meeting(reqs[r].id, c.instance.slots[slot_of[r]], table_of[r])
        for r in sorted(table_of, key=lambda r: (slot_of[r], table_of[r]))
    ]


def _finish(
    c: Compiled,
    slot_of: list[int],
    ub: float,
    method: str,
    optimal: bool,
    prev: list[int],
    prev_table: dict[int, int],
    started: float,
) -> Schedule:
    meetings = _assign_tables(c, slot_of, prev_table)
    weight = float(sum(c.w[r] for r in range(c.R) if slot_of[r] >= 0))
    ub = max(ub, weight) + 0.0  # guards against LP round-off (and prints -0.0 as 0.0)
    gap = (ub - weight) / ub if ub > 0 else 0.0
    idle = sum(idle_of([1 if x else -1 for x in row]) for row in busy_rows(c, slot_of))
    moved = [
        c.instance.requests[r].id for r in range(c.R) if prev[r] >= 0 and slot_of[r] != prev[r]
    ]
    return Schedule(
        meetings=meetings,
        scheduled_weight=weight,
        upper_bound=ub,
        gap=max(gap, 0.0),
        unscheduled=explain_unscheduled(c, slot_of),
        idle_gaps=idle,
        method=method,
        optimal=optimal or gap <= EPS,
        moved=moved,
        seconds=time.perf_counter() - started,
    )


def _solve(
    instance: Instance,
    previous: Sequence[Meeting] | None,
    time_limit: float,
    method: str,
) -> Schedule:
    validate_instance(instance)
    exp = expand(instance)
    if exp is None:
        return _solve_plain(instance, previous, time_limit, method)
    result = _solve_plain(exp.instance, expand_previous(exp, previous or ()), time_limit, method)
    return collapse(exp, result, previous or ())


def _solve_plain(
    instance: Instance,
    previous: Sequence[Meeting] | None,
    time_limit: float,
    method: str,
) -> Schedule:
    started = time.perf_counter()
    validate_instance(instance)
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError(f"unknown method {method!r}")
    c = Compiled(instance)
    prev = [-1] * c.R
    prev_table: dict[int, int] = {}
    for m in previous or ():
        r = c.rindex.get(m.request)
        s = c.slot_index.get(m.slot)
        if r is not None and s is not None:  # cancelled requests / removed slots drop out
            prev[r] = s
            prev_table[r] = m.table
    ub, x_lp = lp_bound(c)
    n_vars = sum(len(x) for x in c.common)
    deadline = started + time_limit
    if method == "exact" or (method == "auto" and n_vars <= EXACT_MAX_VARIABLES):
        with_idle = n_vars <= EXACT_IDLE_MAX_VARIABLES
        found = solve_exact(c, prev, max(deadline - time.perf_counter(), 0.1), with_idle)
        if found is not None:
            slot_of, dual, optimal = found
            e = Engine(c, prev, deadline)
            for r, s in enumerate(slot_of):
                if s >= 0:
                    e.place(r, s)
            # Zero-weight requests add nothing to the objective; give them any slot left over.
            zero = [r for r in range(c.R) if slot_of[r] < 0 and c.w[r] <= 0]
            placed_zero = sum(e.insert_direct(r) for r in zero)
            if not with_idle or placed_zero:
                e.compact()
            slot_of = e.slot
            if optimal or method == "exact":
                return _finish(
                    c, slot_of, min(ub, dual), "exact", optimal, prev, prev_table, started
                )
            # The solver ran out of time: keep its answer only if the heuristic does no better.
            heur = heuristic_slots(c, prev, x_lp, time.perf_counter() + max(time_limit / 2, 0.5))
            w_exact = sum(c.w[r] for r in range(c.R) if slot_of[r] >= 0)
            if w_exact > sum(c.w[r] for r in range(c.R) if heur[r] >= 0):
                return _finish(c, slot_of, min(ub, dual), "exact", False, prev, prev_table, started)
            return _finish(c, heur, min(ub, dual), "heuristic", False, prev, prev_table, started)
    slot_of = heuristic_slots(c, prev, x_lp, deadline)
    return _finish(c, slot_of, ub, "heuristic", False, prev, prev_table, started)


def schedule(instance: Instance, *, time_limit: float = 10.0, method: str = "auto") -> Schedule:
    """Best schedule found for ``instance`` (``method``: "auto", "exact" or "heuristic")."""
    return _solve(instance, None, time_limit, method)


def reschedule(
    instance: Instance,
    previous: Sequence[Meeting],
    *,
    time_limit: float = 10.0,
    method: str = "auto",
) -> Schedule:
    """Schedule a changed instance, keeping ``previous`` meetings in their slot and table.

    Priority: weight first, then fewest moves, then idle gaps. The exact method is truly
    lexicographic. The heuristic starts from the previous meetings that still fit and only
    moves one to make room for another meeting (never just to shorten idle gaps); its weight
    is then within the reported gap of the bound, like a schedule from scratch.
    ``Schedule.moved`` lists previously scheduled requests now in another slot or dropped.
    """
    return _solve(instance, previous, time_limit, method)


def greedy_schedule(instance: Instance) -> Schedule:
    """First-fit baseline ("quick schedule"): requests in input order, first slot that fits."""
    validate_instance(instance)
    exp = expand(instance)
    if exp is not None:
        return collapse(exp, greedy_schedule(exp.instance), ())
    started = time.perf_counter()
    c = Compiled(instance)
    e = Engine(c, [-1] * c.R, math.inf)
    for r in range(c.R):
        if c.locked[r] >= 0:
            e.place(r, c.locked[r])
    for r in range(c.R):
        if e.slot[r] >= 0 or not e.has_room(r):
            continue
        for s in c.common[r]:
            if e.busy[c.a[r]][s] < 0 and e.busy[c.b[r]][s] < 0 and e.fits(r, s):
                e.place(r, s)
                break
    ub = lp_bound(c)[0]
    return _finish(c, e.slot, ub, "greedy", False, [-1] * c.R, {}, started)


def schedule_to_dict(result: Schedule, *, include_moved: bool = False) -> dict[str, object]:
    """The CLI/API output document (``moved``: requests a reschedule moved or dropped)."""
    doc: dict[str, object] = {
        "meetings": [
            {"request": m.request, "slot": m.slot, "table": m.table}
            | ({"b": m.b} if m.b is not None else {})
            for m in result.meetings
        ],
        "scheduled_weight": result.scheduled_weight,
        "upper_bound": result.upper_bound,
        "gap": result.gap,
        "unscheduled": [
            {"request": u.request, "reason": u.text, "code": u.code} for u in result.unscheduled
        ],
    }
    if include_moved:
        doc["moved"] = list(result.moved)
    return doc


def rebook(
    instance: Instance,
    current: Sequence[Meeting],
    *,
    from_slot: str | None = None,
    allow_moves: bool = False,
    time_limit: float = 10.0,
    method: str = "auto",
) -> Schedule:
    """Rebook after a no-show or a late cancellation, moving as little as possible.

    ``current`` are the meetings that still stand (the no-shows and cancellations left out);
    requests of ``instance`` without a current meeting are the ones to rebook. Slots before
    ``from_slot`` are past: closed to new meetings, their meetings stay. By default every
    standing meeting keeps its slot and table (nothing moves) and the requests to rebook
    go into the free places; with ``allow_moves`` the meetings from ``from_slot`` on may
    move, weight first and then as few moves as possible (like :func:`reschedule`).
    """
    validate_instance(instance)
    closed = set(instance.closed)
    if from_slot is not None:
        if from_slot not in instance.slots:
            raise ValueError(f"unknown slot {from_slot!r}")
        closed.update(instance.slots[: instance.slots.index(from_slot)])
    standing = {m.request: m for m in current}
    requests = []
    kept_b: dict[str, str] = {}  # requests to an organization locked with their delegate
    for r in instance.requests:
        m = standing.get(r.id)
        if m is not None and m.slot in instance.slots and (not allow_moves or m.slot in closed):
            # A standing meeting keeps its delegate too (a request to an organization).
            b = m.b if m.b in r.b_choices else r.b
            if r.b_choices:
                kept_b[r.id] = b
            r = replace(r, locked_slot=m.slot, b=b, b_choices=())
        requests.append(r)
    frozen = replace(instance, requests=tuple(requests), closed=frozenset(closed))
    result = _solve(frozen, list(current), time_limit, method)
    if kept_b:
        result.meetings = [
            replace(m, b=kept_b[m.request]) if m.request in kept_b else m for m in result.meetings
        ]
    return result
