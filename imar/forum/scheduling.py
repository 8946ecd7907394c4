# Over 500 lines: the scheduler's split into a package by concern is issue 17 (solvers);
# the architecture move leaves it whole.
"""Meeting scheduler for the forum's B2B meetings (pure: no Django, no ORM).

Given accepted meeting requests, assign each one a slot and a table so that nobody is in two
meetings at once, unavailable slots and ``max_meetings`` hold, no slot uses more tables than
exist and locked meetings keep their slot. The objective is lexicographic: first the total
priority weight of scheduled meetings, then (when rescheduling) the number of previously
scheduled meetings that move, then participants' idle gaps.

Every answer carries an upper bound on the achievable weight (a b-matching LP solved with
HiGHS), so the quality of a heuristic schedule is always known: ``gap = (ub - weight) / ub``.

Small instances are solved exactly with a MILP; large ones with a greedy guided by the LP
solution, repaired by moves, Kempe-chain swaps and weight-improving ejections, then a pass
that compacts idle gaps. Everything is deterministic for a given input (unless the time limit
cuts a search short).
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

__all__ = [
    "Instance",
    "Meeting",
    "MeetingRequest",
    "Participant",
    "Schedule",
    "ScheduleInputError",
    "Unscheduled",
    "greedy_schedule",
    "idle_gaps",
    "parse_previous_schedule",
    "parse_schedule_input",
    "reschedule",
    "schedule",
    "schedule_to_dict",
    "upper_bound",
    "validate_instance",
]

# The exact MILP is used when it has at most this many (request, slot) variables.
EXACT_MAX_VARIABLES = 600
# ... and idle gaps are minimised exactly too when at most this many.
EXACT_IDLE_MAX_VARIABLES = 120
_EPS = 1e-9


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Participant:
    id: str
    unavailable: frozenset[str] = frozenset()
    max_meetings: int | None = None  # None: no limit beyond the number of slots


@dataclass(frozen=True)
class MeetingRequest:
    id: str
    a: str  # participant id
    b: str  # participant id
    weight: float = 1.0  # priority: e.g. 3 = must meet, 1 = would like to meet
    locked_slot: str | None = None  # fixed by the organisers; must be scheduled there


@dataclass(frozen=True)
class Instance:
    slots: tuple[str, ...]
    tables: int  # tables available in every slot
    participants: tuple[Participant, ...]
    requests: tuple[MeetingRequest, ...]


@dataclass(frozen=True)
class Meeting:
    request: str
    slot: str
    table: int  # numbered from 1


@dataclass(frozen=True)
class Unscheduled:
    request: str
    code: str  # stable machine code, e.g. "at_max_meetings"
    params: dict[str, object]  # what the code refers to (participant ids, counts...)
    text: str  # English rendering; the Django side translates from code + params


@dataclass
class Schedule:
    meetings: list[Meeting]
    scheduled_weight: float
    upper_bound: float
    gap: float
    unscheduled: list[Unscheduled]
    idle_gaps: int  # total over participants of empty slots between first and last meeting
    method: str  # "exact" or "heuristic"
    optimal: bool  # True when the weight is proven optimal
    moved: list[str] = field(default_factory=list)  # reschedule: previous meetings moved/dropped
    seconds: float = 0.0


class ScheduleInputError(ValueError):
    """Invalid scheduling input; ``path`` names the offending field (``requests[12].b``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# --------------------------------------------------------------------------- validation


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) and math.isfinite(
        value
    )


def _expect(cond: bool, path: str, message: str) -> None:
    if not cond:
        raise ScheduleInputError(path, message)


def parse_schedule_input(data: object) -> Instance:
    """Validate the JSON-like scheduling input and build an :class:`Instance`.

    Raises :class:`ScheduleInputError` naming the first offending field.
    """
    _expect(isinstance(data, Mapping), "$", "expected an object")
    assert isinstance(data, Mapping)
    for key in ("slots", "tables", "participants", "requests"):
        _expect(key in data, key, "missing field")
    slots = data["slots"]
    _expect(isinstance(slots, list), "slots", "expected a list of strings")
    _expect(len(slots) > 0, "slots", "at least one slot is needed")
    for i, slot in enumerate(slots):
        _expect(isinstance(slot, str) and slot != "", f"slots[{i}]", "expected a non-empty string")
    tables = data["tables"]
    _expect(_is_int(tables), "tables", "expected an integer")
    participants: list[Participant] = []
    raw_ps = data["participants"]
    _expect(isinstance(raw_ps, list), "participants", "expected a list")
    for i, raw in enumerate(raw_ps):
        path = f"participants[{i}]"
        _expect(isinstance(raw, Mapping), path, "expected an object")
        _expect("id" in raw, f"{path}.id", "missing field")
        _expect(isinstance(raw["id"], str) and raw["id"] != "", f"{path}.id", "expected a string")
        unavailable = raw.get("unavailable", [])
        _expect(isinstance(unavailable, list), f"{path}.unavailable", "expected a list of slots")
        for j, slot in enumerate(unavailable):
            _expect(isinstance(slot, str), f"{path}.unavailable[{j}]", "expected a slot name")
        max_meetings = raw.get("max_meetings")
        _expect(
            max_meetings is None or _is_int(max_meetings),
            f"{path}.max_meetings",
            "expected an integer",
        )
        participants.append(Participant(raw["id"], frozenset(unavailable), max_meetings))
    requests: list[MeetingRequest] = []
    raw_rs = data["requests"]
    _expect(isinstance(raw_rs, list), "requests", "expected a list")
    for i, raw in enumerate(raw_rs):
        path = f"requests[{i}]"
        _expect(isinstance(raw, Mapping), path, "expected an object")
        for key in ("id", "a", "b", "weight"):
            _expect(key in raw, f"{path}.{key}", "missing field")
        for key in ("id", "a", "b"):
            _expect(isinstance(raw[key], str), f"{path}.{key}", "expected a string")
        _expect(_is_number(raw["weight"]), f"{path}.weight", "expected a number")
        locked = raw.get("locked_slot")
        _expect(locked is None or isinstance(locked, str), f"{path}.locked_slot", "expected a slot")
        requests.append(MeetingRequest(raw["id"], raw["a"], raw["b"], float(raw["weight"]), locked))
    instance = Instance(tuple(slots), tables, tuple(participants), tuple(requests))
    validate_instance(instance)
    return instance


def parse_previous_schedule(data: object, path: str = "previous") -> list[Meeting]:
    """Meetings of an earlier output document (``{"meetings": [...]}``) for rescheduling.

    Requests or slots that no longer exist are kept here and ignored by :func:`reschedule`
    (they are the cancellations); only malformed entries are errors.
    """
    _expect(isinstance(data, Mapping), path, "expected an object")
    assert isinstance(data, Mapping)
    _expect("meetings" in data, f"{path}.meetings", "missing field")
    raw = data["meetings"]
    _expect(isinstance(raw, list), f"{path}.meetings", "expected a list")
    meetings = []
    for i, m in enumerate(raw):
        where = f"{path}.meetings[{i}]"
        _expect(isinstance(m, Mapping), where, "expected an object")
        for key in ("request", "slot"):
            _expect(key in m, f"{where}.{key}", "missing field")
            _expect(isinstance(m[key], str), f"{where}.{key}", "expected a string")
        table = m.get("table", 0)
        _expect(_is_int(table), f"{where}.table", "expected an integer")
        meetings.append(Meeting(m["request"], m["slot"], table))
    return meetings


def validate_instance(instance: Instance) -> None:
    """Semantic checks shared by the CLI, the API and :func:`schedule`."""
    slot_set = set(instance.slots)
    _expect(_is_int(instance.tables) and instance.tables >= 1, "tables", "must be at least 1")
    seen_slots: set[str] = set()
    for i, slot in enumerate(instance.slots):
        _expect(slot not in seen_slots, f"slots[{i}]", f'duplicate slot "{slot}"')
        seen_slots.add(slot)
    by_id: dict[str, Participant] = {}
    for i, p in enumerate(instance.participants):
        path = f"participants[{i}]"
        _expect(p.id not in by_id, f"{path}.id", f'duplicate participant id "{p.id}"')
        by_id[p.id] = p
        for slot in sorted(p.unavailable):
            _expect(slot in slot_set, f"{path}.unavailable", f'unknown slot "{slot}"')
        _expect(
            p.max_meetings is None or p.max_meetings >= 0,
            f"{path}.max_meetings",
            "must not be negative",
        )
    seen: set[str] = set()
    locked_of: dict[tuple[str, str], int] = {}  # (participant, slot) -> request index
    locked_per_slot: dict[str, int] = {}
    locked_per_participant: dict[str, int] = {}
    for i, r in enumerate(instance.requests):
        path = f"requests[{i}]"
        _expect(r.id != "", f"{path}.id", "must not be empty")
        _expect(r.id not in seen, f"{path}.id", f'duplicate request id "{r.id}"')
        seen.add(r.id)
        _expect(r.a in by_id, f"{path}.a", f'unknown participant "{r.a}"')
        _expect(r.b in by_id, f"{path}.b", f'unknown participant "{r.b}"')
        _expect(r.a != r.b, f"{path}.b", f'a participant cannot meet themself ("{r.a}")')
        _expect(_is_number(r.weight), f"{path}.weight", "expected a number")
        _expect(r.weight >= 0, f"{path}.weight", "must not be negative")
        if r.locked_slot is None:
            continue
        slot = r.locked_slot
        _expect(slot in slot_set, f"{path}.locked_slot", f'unknown slot "{slot}"')
        for pid in (r.a, r.b):
            _expect(
                slot not in by_id[pid].unavailable,
                f"{path}.locked_slot",
                f'participant "{pid}" is unavailable in slot "{slot}"',
            )
        for pid in (r.a, r.b):
            other = locked_of.get((pid, slot))
            _expect(
                other is None,
                f"{path}.locked_slot",
                f'participant "{pid}" already has locked meeting '
                f'"{instance.requests[other].id if other is not None else ""}" in slot "{slot}"',
            )
            locked_of[(pid, slot)] = i
            locked_per_participant[pid] = locked_per_participant.get(pid, 0) + 1
            limit = by_id[pid].max_meetings
            _expect(
                limit is None or locked_per_participant[pid] <= limit,
                f"{path}.locked_slot",
                f'participant "{pid}" has more locked meetings than max_meetings ({limit})',
            )
        locked_per_slot[slot] = locked_per_slot.get(slot, 0) + 1
        _expect(
            locked_per_slot[slot] <= instance.tables,
            f"{path}.locked_slot",
            f'more locked meetings in slot "{slot}" than tables ({instance.tables})',
        )


# --------------------------------------------------------------------------- compiled form


class _Compiled:
    """Index-based view of an instance (participants, slots, requests as integers)."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.S = len(instance.slots)
        self.T = instance.tables
        self.P = len(instance.participants)
        self.R = len(instance.requests)
        self.slot_index = {s: k for k, s in enumerate(instance.slots)}
        self.pindex = {p.id: k for k, p in enumerate(instance.participants)}
        self.rindex = {r.id: k for k, r in enumerate(instance.requests)}
        self.avail = [
            [s not in p.unavailable for s in instance.slots] for p in instance.participants
        ]
        self.a = [self.pindex[r.a] for r in instance.requests]
        self.b = [self.pindex[r.b] for r in instance.requests]
        self.w = [float(r.weight) for r in instance.requests]
        self.locked = [
            -1 if r.locked_slot is None else self.slot_index[r.locked_slot]
            for r in instance.requests
        ]
        self.common: list[list[int]] = []
        for r in range(self.R):
            if self.locked[r] >= 0:
                self.common.append([self.locked[r]])
                continue
            aa, bb = self.avail[self.a[r]], self.avail[self.b[r]]
            self.common.append([s for s in range(self.S) if aa[s] and bb[s]])
        self.of: list[list[int]] = [[] for _ in range(self.P)]
        for r in range(self.R):
            self.of[self.a[r]].append(r)
            self.of[self.b[r]].append(r)
        # Capacity: max_meetings, slots the participant is available in, and (tighter) slots
        # in which at least one of their requests could take place.
        self.cap = []
        for k, p in enumerate(instance.participants):
            usable: set[int] = set()
            for r in self.of[k]:
                usable.update(self.common[r])
            limit = len(usable)
            if p.max_meetings is not None:
                limit = min(limit, p.max_meetings)
            self.cap.append(limit)


def _lp_bound(c: _Compiled) -> tuple[float, np.ndarray]:
    """Max-weight fractional b-matching bound and its solution x (per request)."""
    x = np.zeros(c.R)
    live = [r for r in range(c.R) if c.common[r] and c.w[r] > 0]
    forced = [r for r in range(c.R) if c.locked[r] >= 0]
    if not live:
        return 0.0, x
    n = len(live)
    rows, cols = [], []
    for j, r in enumerate(live):
        rows += [c.a[r], c.b[r], c.P]
        cols += [j, j, j]
    A = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(c.P + 1, n))
    # Locked zero-weight meetings still use capacity.
    used = np.zeros(c.P + 1)
    for r in forced:
        if c.w[r] <= 0:
            used[[c.a[r], c.b[r], c.P]] += 1
    b_ub = np.array(c.cap + [c.S * c.T], dtype=float) - used
    lo = np.array([1.0 if c.locked[r] >= 0 else 0.0 for r in live])
    res = linprog(
        -np.array([c.w[r] for r in live]),
        A_ub=A,
        b_ub=b_ub,
        bounds=np.column_stack([lo, np.ones(n)]),
        method="highs",
    )
    if res.status != 0:  # cannot happen on validated input; fall back to a trivial bound
        return float(sum(c.w[r] for r in live)), x
    x[live] = res.x
    return float(-res.fun), x


def upper_bound(instance: Instance) -> float:
    """Upper bound on the total weight any feasible schedule can reach."""
    validate_instance(instance)
    return _lp_bound(_Compiled(instance))[0]


# --------------------------------------------------------------------------- idle gaps


def _idle_of(row: Sequence[int]) -> int:
    busy = [s for s, r in enumerate(row) if r >= 0]
    return busy[-1] - busy[0] + 1 - len(busy) if busy else 0


def idle_gaps(instance: Instance, meetings: Iterable[Meeting]) -> int:
    """Total number of empty slots between each participant's first and last meeting."""
    slot_index = {s: k for k, s in enumerate(instance.slots)}
    req = {r.id: r for r in instance.requests}
    busy: dict[str, list[int]] = {}
    for m in meetings:
        r = req[m.request]
        for pid in (r.a, r.b):
            busy.setdefault(pid, []).append(slot_index[m.slot])
    return sum(max(v) - min(v) + 1 - len(v) for v in busy.values())


# --------------------------------------------------------------------------- exact MILP


def _exact(
    c: _Compiled, prev: list[int], time_limit: float, with_idle: bool
) -> tuple[list[int], float, bool] | None:
    """Lexicographic MILP: weight, then moves away from ``prev``, then idle gaps.

    The idle-gap stage is hard for the solver beyond tiny instances, so with ``with_idle``
    False it is left to the heuristic's compaction (the weight stays optimal).

    Returns (slot per request, dual bound on weight, proven optimal) or None on failure.
    """
    var_r: list[int] = []
    var_s: list[int] = []
    for r in range(c.R):
        for s in c.common[r]:
            var_r.append(r)
            var_s.append(s)
    n = len(var_r)
    if n == 0:
        return [-1] * c.R, 0.0, True
    rows: list[int] = []
    cols: list[int] = []
    ub: list[float] = []
    row = 0
    for r in range(c.R):  # each request at most once
        for j in range(n):
            if var_r[j] == r:
                rows.append(row)
                cols.append(j)
        ub.append(1)
        row += 1
    ps_row: dict[tuple[int, int], int] = {}
    for j in range(n):  # nobody in two meetings in one slot
        for p in (c.a[var_r[j]], c.b[var_r[j]]):
            key = (p, var_s[j])
            if key not in ps_row:
                ps_row[key] = row
                ub.append(1)
                row += 1
            rows.append(ps_row[key])
            cols.append(j)
    for p in range(c.P):  # capacity
        for j in range(n):
            if p in (c.a[var_r[j]], c.b[var_r[j]]):
                rows.append(row)
                cols.append(j)
        ub.append(c.cap[p])
        row += 1
    for s in range(c.S):  # tables
        for j in range(n):
            if var_s[j] == s:
                rows.append(row)
                cols.append(j)
        ub.append(c.T)
        row += 1
    A = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, n))
    lo = np.array([1.0 if c.locked[var_r[j]] >= 0 else 0.0 for j in range(n)])
    w = np.array([c.w[var_r[j]] for j in range(n)])
    opts = {"time_limit": max(time_limit, 0.1), "disp": False}
    res1 = milp(
        -w,
        integrality=np.ones(n),
        bounds=Bounds(lo, np.ones(n)),
        constraints=[LinearConstraint(A, -np.inf, np.array(ub, dtype=float))],
        options=opts,
    )
    if res1.x is None:
        return None
    best = float(-res1.fun)
    optimal = res1.status == 0
    raw_dual = getattr(res1, "mip_dual_bound", None)
    dual = -float(raw_dual) if raw_dual is not None and math.isfinite(raw_dual) else math.inf
    if optimal:
        dual = min(dual, best + 1e-6 * max(1.0, best))
    if not with_idle and not any(x >= 0 for x in prev):
        return _slots_from(c, var_r, var_s, res1.x), dual, optimal
    # Stage 2: keep that weight; minimise moves (dominant) then idle gaps.
    # Per participant and slot: f (a meeting at or before), l (at or after), i (inside span).
    people = [p for p in range(c.P) if len(c.of[p]) >= 2] if with_idle else []
    m = len(people) * c.S
    N = n + 3 * m
    cost = np.zeros(N)
    big = float(c.P * c.S + 1)
    for j in range(n):
        if prev[var_r[j]] >= 0 and prev[var_r[j]] == var_s[j]:
            cost[j] -= big
    r2: list[int] = []
    c2: list[int] = []
    v2: list[float] = []
    lo2: list[float] = []
    hi2: list[float] = []
    row2 = 0

    def add(entries: list[tuple[int, float]], low: float, high: float) -> None:
        nonlocal row2
        for col, val in entries:
            r2.append(row2)
            c2.append(col)
            v2.append(val)
        lo2.append(low)
        hi2.append(high)
        row2 += 1

    busy_cols: dict[tuple[int, int], list[int]] = {}
    for j in range(n):
        for p in (c.a[var_r[j]], c.b[var_r[j]]):
            busy_cols.setdefault((p, var_s[j]), []).append(j)
    for k, p in enumerate(people):
        base = n + 3 * k * c.S
        for s in range(c.S):
            f, lcol, icol = base + s, base + c.S + s, base + 2 * c.S + s
            cost[icol] += 1.0
            for j in busy_cols.get((p, s), []):
                cost[j] -= 1.0  # idle = span - meetings
            busy = [(j, -1.0) for j in busy_cols.get((p, s), [])]
            add([(f, 1.0), *busy], 0, np.inf)
            add([(lcol, 1.0), *busy], 0, np.inf)
            if s > 0:
                add([(f, 1.0), (f - 1, -1.0)], 0, np.inf)
                add([(lcol - 1, 1.0), (lcol, -1.0)], 0, np.inf)
            add([(icol, 1.0), (f, -1.0), (lcol, -1.0)], -1, np.inf)
    A2 = sparse.csr_matrix((v2, (r2, c2)), shape=(row2, N)) if row2 else None
    full = sparse.hstack([A, sparse.csr_matrix((row, N - n))]).tocsr()
    wrow = sparse.csr_matrix(np.concatenate([w, np.zeros(N - n)])[None, :])
    cons = [
        LinearConstraint(full, -np.inf, np.array(ub, dtype=float)),
        LinearConstraint(wrow, best - 1e-7 * max(1.0, best), np.inf),
    ]
    if A2 is not None:
        cons.append(LinearConstraint(A2, np.array(lo2), np.array(hi2)))
    integrality = np.concatenate([np.ones(n), np.zeros(N - n)])
    res2 = milp(
        cost,
        integrality=integrality,
        bounds=Bounds(np.concatenate([lo, np.zeros(N - n)]), np.ones(N)),
        constraints=cons,
        options=opts,
    )
    xs = res2.x if res2.x is not None else res1.x
    return _slots_from(c, var_r, var_s, xs), dual, optimal


def _slots_from(c: _Compiled, var_r: list[int], var_s: list[int], xs: np.ndarray) -> list[int]:
    slot_of = [-1] * c.R
    for j in range(len(var_r)):
        if xs[j] > 0.5:
            slot_of[var_r[j]] = var_s[j]
    return slot_of


# --------------------------------------------------------------------------- heuristic


class _Engine:
    """Mutable schedule with the local moves used by the heuristic."""

    def __init__(self, c: _Compiled, prev: list[int], deadline: float) -> None:
        self.c = c
        self.prev = prev
        self.deadline = deadline
        self.slot = [-1] * c.R
        self.busy = [[-1] * c.S for _ in range(c.P)]
        self.deg = [0] * c.P
        self.load = [0] * c.S
        self.in_slot: list[dict[int, None]] = [{} for _ in range(c.S)]  # ordered sets
        self.common_set = [set(x) for x in c.common]
        self.min_weight = min(c.w, default=0.0)
        self.log: list[tuple[str, int, int]] | None = None  # undo log of try_exchange

    # basic operations
    def place(self, r: int, s: int) -> None:
        c = self.c
        self.slot[r] = s
        self.busy[c.a[r]][s] = r
        self.busy[c.b[r]][s] = r
        self.deg[c.a[r]] += 1
        self.deg[c.b[r]] += 1
        self.load[s] += 1
        self.in_slot[s][r] = None
        if self.log is not None:
            self.log.append(("p", r, s))

    def remove(self, r: int) -> None:
        c = self.c
        s = self.slot[r]
        self.slot[r] = -1
        self.busy[c.a[r]][s] = -1
        self.busy[c.b[r]][s] = -1
        self.deg[c.a[r]] -= 1
        self.deg[c.b[r]] -= 1
        self.load[s] -= 1
        del self.in_slot[s][r]
        if self.log is not None:
            self.log.append(("r", r, s))

    def movable(self, r: int) -> bool:
        return self.c.locked[r] < 0

    def has_room(self, r: int) -> bool:
        c = self.c
        return self.deg[c.a[r]] < c.cap[c.a[r]] and self.deg[c.b[r]] < c.cap[c.b[r]]

    def _span(self, p: int) -> tuple[int, int]:
        row = self.busy[p]
        first = next((s for s in range(self.c.S) if row[s] >= 0), -1)
        if first < 0:
            return -1, -1
        last = next(s for s in range(self.c.S - 1, -1, -1) if row[s] >= 0)
        return first, last

    def best_free_slot(self, r: int, exclude: int = -1) -> int:
        """Free slot for r (both free, a table left) adding the least idle time, or -1."""
        c = self.c
        a, b = c.a[r], c.b[r]
        ba, bb, load, T = self.busy[a], self.busy[b], self.load, c.T
        cands = [s for s in c.common[r] if ba[s] < 0 and bb[s] < 0 and load[s] < T and s != exclude]
        if not cands:
            return -1
        if len(cands) == 1:
            return cands[0]
        fa, la = self._span(a)
        fb, lb = self._span(b)
        best, best_key = -1, None
        for s in cands:
            delta = 0
            for f, lst in ((fa, la), (fb, lb)):
                if f >= 0:
                    # growth of the span minus the slot now used
                    delta += (max(lst, s) - min(f, s)) - (lst - f) - 1
            key = (s != self.prev[r], delta, s)
            if best_key is None or key < best_key:
                best, best_key = s, key
        return best

    # insertion strategies
    def insert_direct(self, r: int) -> bool:
        if not self.has_room(r):
            return False
        s = self.best_free_slot(r)
        if s < 0:
            return False
        self.place(r, s)
        return True

    def insert_with_moves(self, r: int) -> bool:
        """Free a slot for r by moving its participants' meetings (and one more for a table)."""
        if not self.has_room(r):
            return False
        c = self.c
        a, b = c.a[r], c.b[r]
        for s in c.common[r]:
            blockers = list(dict.fromkeys(m for m in (self.busy[a][s], self.busy[b][s]) if m >= 0))
            if any(not self.movable(m) for m in blockers):
                continue
            if not blockers and self.load[s] < c.T:
                continue  # insert_direct would have used it
            done: list[int] = []
            ok = True
            for m in blockers:
                s2 = self.best_free_slot(m, exclude=s)
                if s2 < 0:
                    ok = False
                    break
                self.remove(m)
                self.place(m, s2)
                done.append(m)
            if ok and self.load[s] >= c.T:
                ok = False
                # A bounded sample: with hundreds of tables, trying them all costs too much.
                for m in list(itertools.islice(self.in_slot[s], 24)):
                    if self.movable(m) and m not in done:
                        s2 = self.best_free_slot(m, exclude=s)
                        if s2 >= 0:
                            self.remove(m)
                            self.place(m, s2)
                            done.append(m)
                            ok = True
                            break
            if ok and self.busy[a][s] < 0 and self.busy[b][s] < 0 and self.load[s] < c.T:
                self.place(r, s)
                return True
            for m in reversed(done):
                self.remove(m)
                self.place(m, s)
        return False

    def insert_kempe(self, r: int, limit: int = 40) -> bool:
        """Swap slots s1/s2 along an alternating chain so both ends of r are free in s1."""
        if not self.has_room(r):
            return False
        c = self.c
        a, b = c.a[r], c.b[r]
        for s1 in c.common[r]:
            ma, mb = self.busy[a][s1], self.busy[b][s1]
            if (ma >= 0) == (mb >= 0):
                continue  # both free (tables) or both busy: not a single chain
            x, y, m = (a, b, ma) if ma >= 0 else (b, a, mb)
            for s2 in range(c.S):
                if s2 == s1 or self.busy[x][s2] >= 0:
                    continue
                comp = self._chain(m, s1, s2, y, limit)
                if comp is None:
                    continue
                n1 = sum(1 for q in comp if self.slot[q] == s1)
                n2 = len(comp) - n1
                if self.load[s1] - n1 + n2 + 1 > c.T or self.load[s2] - n2 + n1 > c.T:
                    continue
                moves = [(q, s2 if self.slot[q] == s1 else s1) for q in comp]
                for q, _ in moves:
                    self.remove(q)
                for q, t in moves:
                    self.place(q, t)
                self.place(r, s1)
                return True
            if time.perf_counter() > self.deadline:
                return False
        return False

    def _chain(self, start: int, s1: int, s2: int, avoid: int, limit: int) -> list[int] | None:
        """Meetings in slots s1/s2 connected to ``start``; None if they cannot swap."""
        c = self.c
        comp = [start]
        seen = {start}
        k = 0
        while k < len(comp):
            q = comp[k]
            k += 1
            if not self.movable(q):
                return None
            target = s2 if self.slot[q] == s1 else s1
            if target not in self.common_set[q]:
                return None
            if self.prev[q] == self.slot[q] and self.prev[q] >= 0 and len(comp) > 8:
                return None  # long chains through kept meetings cost too many moves
            for p in (c.a[q], c.b[q]):
                if p == avoid:
                    return None
                for t in (s1, s2):
                    o = self.busy[p][t]
                    if o >= 0 and o not in seen:
                        seen.add(o)
                        comp.append(o)
                        if len(comp) > limit:
                            return None
        return comp

    def _ejection_set(self, r: int, s: int, limit: float) -> tuple[list[int], float] | None:
        """Meetings to remove so r fits in slot s, if they weigh less than ``limit``."""
        c = self.c
        a, b = c.a[r], c.b[r]
        out = list(dict.fromkeys(m for m in (self.busy[a][s], self.busy[b][s]) if m >= 0))
        if any(not self.movable(m) for m in out):
            return None
        for p in (a, b):
            if self.deg[p] - sum(1 for m in out if p in (c.a[m], c.b[m])) >= c.cap[p]:
                cand = [m for m in self.busy[p] if m >= 0 and m not in out and self.movable(m)]
                if not cand:
                    return None
                out.append(min(cand, key=lambda m: (c.w[m], self.prev[m] == self.slot[m], m)))
        lost = sum(c.w[m] for m in out)
        if lost >= limit - _EPS:
            return None
        if self.load[s] - sum(1 for m in out if self.slot[m] == s) >= c.T:
            light = self._lightest_in_slot(s, out)
            if light < 0:
                return None
            out.append(light)
            lost += c.w[light]
        if lost >= limit - _EPS:
            return None
        return out, lost

    def insert_eject(self, r: int, queue: list[int]) -> bool:
        """Place r by removing lighter meetings (strictly lighter in total), queued for retry."""
        best: tuple[float, int, int] | None = None
        best_set: list[int] = []
        for s in self.c.common[r]:
            found = self._ejection_set(r, s, self.c.w[r])
            if found is None:
                continue
            out, lost = found
            key = (lost, sum(1 for m in out if self.prev[m] == self.slot[m]), s)
            if best is None or key < best:
                best, best_set = key, out
        if best is None:
            return False
        for m in best_set:
            self.remove(m)
        self.place(r, best[2])
        queue.extend(best_set)
        return True

    def try_exchange(self, r: int) -> bool:
        """Swap r in for meetings of equal or lower weight, then re-place them or use what they
        freed (an augmenting path of a b-matching); kept only if the total weight rises."""
        c = self.c
        if c.w[r] <= 0:
            return False
        for s in c.common[r]:
            found = self._ejection_set(r, s, c.w[r] + 2 * _EPS)
            if found is None or not found[0]:
                continue
            out, lost = found
            self.log = []
            gain = c.w[r] - lost
            for m in out:
                self.remove(m)
            self.place(r, s)
            freed: list[int] = []
            for m in out:
                if self.insert_direct(m) or self.insert_with_moves(m):
                    gain += c.w[m]
                else:
                    freed += [p for p in (c.a[m], c.b[m]) if p not in (c.a[r], c.b[r])]
            for p in freed:
                for q in c.of[p]:
                    if self.slot[q] < 0 and q != r and q not in out and self.insert_direct(q):
                        gain += c.w[q]
                        break
            log, self.log = self.log, None
            if gain > _EPS:
                return True
            for op, q, t in reversed(log):  # undo
                if op == "p":
                    self.remove(q)
                else:
                    self.place(q, t)
        return False

    def _lightest_in_slot(self, s: int, exclude: list[int]) -> int:
        """Lightest movable meeting in slot s (a kept one only if nothing else), or -1."""
        c = self.c
        best, best_key = -1, None
        for m in self.in_slot[s]:
            if m in exclude or c.locked[m] >= 0:
                continue
            key = (c.w[m], self.prev[m] == s, m)
            if best_key is None or key < best_key:
                best, best_key = m, key
                if c.w[m] <= self.min_weight and self.prev[m] != s:
                    break  # cannot do better; spares scanning hundreds of tables
        return best

    def compact(self, max_sweeps: int = 10) -> None:
        """Move meetings to slots that shorten their participants' idle gaps.

        Sweeps stop when one gains less than 2% of the idle time: later sweeps gain little
        and cost as much (this keeps large instances within a few seconds).
        """
        c = self.c
        total = sum(_idle_of(row) for row in self.busy)
        for _ in range(max_sweeps):
            improved = False
            for r in range(c.R):
                s0 = self.slot[r]
                if s0 < 0 or not self.movable(r) or self.prev[r] == s0:
                    continue
                a, b = c.a[r], c.b[r]
                fa, la = self._span(a)
                fb, lb = self._span(b)
                before = (la - fa + 1 - self.deg[a]) + (lb - fb + 1 - self.deg[b])
                if before == 0:
                    continue
                self.remove(r)
                fa, la = self._span(a)
                fb, lb = self._span(b)
                na, nb = self.deg[a], self.deg[b]
                best, best_val = s0, before
                for s in c.common[r]:
                    if s == s0 or self.busy[a][s] >= 0 or self.busy[b][s] >= 0:
                        continue
                    if self.load[s] >= c.T:
                        continue
                    # idle after adding slot s = new span - meetings
                    val = 0
                    if na:
                        val += max(la, s) - min(fa, s) - na
                    if nb:
                        val += max(lb, s) - min(fb, s) - nb
                    if val < best_val:
                        best, best_val = s, val
                self.place(r, best)
                improved |= best != s0
            if time.perf_counter() > self.deadline:
                return
            improved |= self._swap_sweep()
            if not improved or time.perf_counter() > self.deadline:
                return
            now = sum(_idle_of(row) for row in self.busy)
            if total - now < 0.02 * total:
                return
            total = now

    def _swap_sweep(self) -> bool:
        """Exchange the slots of two meetings of one participant when that shortens the
        partners' idle gaps (the participant's own gaps and table loads do not change)."""
        c = self.c
        busy, prev, common = self.busy, self.prev, self.common_set
        improved = False
        for p in range(c.P):
            if time.perf_counter() > self.deadline:
                break
            mine = [
                (s, r) for s, r in enumerate(busy[p]) if r >= 0 and c.locked[r] < 0 and prev[r] != s
            ]
            done = False
            for i in range(len(mine)):
                s1, m1 = mine[i]
                q1 = c.b[m1] if c.a[m1] == p else c.a[m1]
                for s2, m2 in mine[i + 1 :]:
                    q2 = c.b[m2] if c.a[m2] == p else c.a[m2]
                    if q1 == q2 or busy[q1][s2] >= 0 or busy[q2][s1] >= 0:
                        continue
                    if s2 not in common[m1] or s1 not in common[m2]:
                        continue
                    before = _idle_of(busy[q1]) + _idle_of(busy[q2])
                    if before == 0:
                        continue
                    busy[q1][s1], busy[q1][s2], busy[q2][s2], busy[q2][s1] = -1, m1, -1, m2
                    after = _idle_of(busy[q1]) + _idle_of(busy[q2])
                    busy[q1][s1], busy[q1][s2], busy[q2][s2], busy[q2][s1] = m1, -1, m2, -1
                    if after < before:
                        self.remove(m1)
                        self.remove(m2)
                        self.place(m1, s2)
                        self.place(m2, s1)
                        improved = done = True
                        break
                if done:
                    break  # p's meetings changed; later sweeps look again
        return improved


def _insert_all(e: _Engine, requests: list[int], deadline: float, exchange: bool) -> None:
    """Insert requests in order: directly first, then with repairs for those that failed
    (``exchange``: also try augmenting exchanges, worth their cost for the LP's choices)."""
    c = e.c
    pending = [r for r in requests if e.slot[r] < 0 and not e.insert_direct(r)]
    queue: list[int] = []
    for r in pending:
        if time.perf_counter() > deadline:
            return
        if e.slot[r] >= 0:
            continue
        if e.insert_direct(r) or e.insert_with_moves(r) or e.insert_kempe(r):
            continue
        # Ejecting only pays if r outweighs the lightest meeting.
        if c.w[r] > e.min_weight + _EPS and e.insert_eject(r, queue):
            while queue and time.perf_counter() <= deadline:
                q = queue.pop()
                if e.slot[q] >= 0:
                    continue
                if not (e.insert_direct(q) or e.insert_with_moves(q) or e.insert_kempe(q)):
                    e.insert_eject(q, queue)
        elif exchange:
            e.try_exchange(r)


def _heuristic(c: _Compiled, prev: list[int], x_lp: np.ndarray, deadline: float) -> list[int]:
    e = _Engine(c, prev, deadline)
    for r in range(c.R):  # locked meetings first: validation guarantees they fit
        if c.locked[r] >= 0:
            e.place(r, c.locked[r])
    # Previous meetings that still fit keep their slot.
    kept = sorted(
        (r for r in range(c.R) if c.locked[r] < 0 and prev[r] >= 0),
        key=lambda r: (-c.w[r], r),
    )
    for r in kept:
        s = prev[r]
        free = e.busy[c.a[r]][s] < 0 and e.busy[c.b[r]][s] < 0 and e.load[s] < c.T
        if s in e.common_set[r] and e.has_room(r) and free:
            e.place(r, s)
    # The LP solution tells which requests an optimal b-matching takes; schedule those first,
    # heavier first, and among equals the least contested.
    pressure = [len(c.of[p]) / max(c.cap[p], 1) for p in range(c.P)]
    order = sorted(
        (r for r in range(c.R) if e.slot[r] < 0 and c.common[r] and c.locked[r] < 0),
        key=lambda r: (
            -round(float(x_lp[r]), 6),
            -c.w[r],
            pressure[c.a[r]] + pressure[c.b[r]],
            r,
        ),
    )
    chosen = [r for r in order if x_lp[r] > 1e-6]
    rest = [r for r in order if x_lp[r] <= 1e-6]
    # Repair the LP's choices before the others can take their participants' time.
    # When rescheduling, kept meetings block more; exchanges win back the weight they cost.
    rescheduling = any(s >= 0 for s in prev)
    budget = deadline - time.perf_counter()
    _insert_all(e, chosen, deadline, exchange=True)
    _insert_all(e, rest, deadline, exchange=rescheduling)
    # Idle gaps are the secondary goal: compaction gets a share of the time left, and the
    # end keeps a margin for numbering tables and explaining the unscheduled.
    now = time.perf_counter()
    e.deadline = now + 0.5 * (deadline - now)
    e.compact()
    e.deadline = deadline
    _insert_all(e, [r for r in order if e.slot[r] < 0], deadline, exchange=rescheduling)
    e.deadline = deadline - 0.1 * budget
    e.compact()
    return e.slot


# --------------------------------------------------------------------------- results


def _assign_tables(c: _Compiled, slot_of: list[int], prev_table: dict[int, int]) -> list[Meeting]:
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
            if t is not None and 1 <= t <= c.T and t not in used:
                table_of[r] = t
                used.add(t)
        free = (t for t in range(1, c.T + 1) if t not in used)
        for r in by_slot[s]:
            if r not in table_of:
                table_of[r] = next(free)
    reqs = c.instance.requests
    return [
        Meeting(reqs[r].id, c.instance.slots[slot_of[r]], table_of[r])
        for r in sorted(table_of, key=lambda r: (slot_of[r], table_of[r]))
    ]


def _reasons(c: _Compiled, slot_of: list[int]) -> list[Unscheduled]:
    """Why each unscheduled request did not make it (most specific cause first)."""
    busy = [[-1] * c.S for _ in range(c.P)]
    deg = [0] * c.P
    load = [0] * c.S
    for r in range(c.R):
        s = slot_of[r]
        if s >= 0:
            busy[c.a[r]][s] = busy[c.b[r]][s] = r
            deg[c.a[r]] += 1
            deg[c.b[r]] += 1
            load[s] += 1
    ids = [p.id for p in c.instance.participants]
    out = []
    for r in range(c.R):
        if slot_of[r] >= 0:
            continue
        req = c.instance.requests[r]
        a, b = c.a[r], c.b[r]
        full = [p for p in (a, b) if deg[p] >= c.cap[p]]
        if not c.common[r]:
            code, params = "no_common_slot", {"a": req.a, "b": req.b}
            text = f"no common free slot for {req.a} and {req.b}"
        elif req.weight <= 0:
            code, params = "zero_weight", {}
            text = "zero priority: not worth a slot"
        elif full:
            p = full[0]
            limit = c.instance.participants[p].max_meetings
            at_max = limit is not None and deg[p] >= limit
            code = "at_max_meetings" if at_max else "no_free_slot_left"
            params = {"participant": ids[p], "meetings": deg[p]}
            text = (
                f"participant {ids[p]} at max meetings ({deg[p]})"
                if at_max
                else f"participant {ids[p]} has a meeting in every slot they can attend"
            )
        else:
            both_free = [s for s in c.common[r] if busy[a][s] < 0 and busy[b][s] < 0]
            if both_free:
                code = "no_table"
                params = {"slots": [c.instance.slots[s] for s in both_free]}
                text = f"all tables taken in the slots both {req.a} and {req.b} are free"
            else:
                conflicts = sorted(
                    {busy[p][s] for s in c.common[r] for p in (a, b) if busy[p][s] >= 0}
                )
                conflict_ids = [c.instance.requests[m].id for m in conflicts]
                heavier = all(c.w[m] >= req.weight for m in conflicts)
                code = "lower_priority" if heavier else "conflicting_meetings"
                params = {"a": req.a, "b": req.b, "conflicts": conflict_ids[:10]}
                text = (
                    f"lower priority than conflicting meetings of {req.a} and {req.b}"
                    if heavier
                    else f"no common free slot for {req.a} and {req.b}: their other meetings "
                    "fill the slots both can attend"
                )
        out.append(Unscheduled(req.id, code, params, text))
    return out


def _finish(
    c: _Compiled,
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
    idle = sum(_idle_of([1 if x else -1 for x in row]) for row in _busy_rows(c, slot_of))
    moved = [
        c.instance.requests[r].id for r in range(c.R) if prev[r] >= 0 and slot_of[r] != prev[r]
    ]
    return Schedule(
        meetings=meetings,
        scheduled_weight=weight,
        upper_bound=ub,
        gap=max(gap, 0.0),
        unscheduled=_reasons(c, slot_of),
        idle_gaps=idle,
        method=method,
        optimal=optimal or gap <= _EPS,
        moved=moved,
        seconds=time.perf_counter() - started,
    )


def _busy_rows(c: _Compiled, slot_of: list[int]) -> list[list[bool]]:
    rows = [[False] * c.S for _ in range(c.P)]
    for r in range(c.R):
        if slot_of[r] >= 0:
            rows[c.a[r]][slot_of[r]] = rows[c.b[r]][slot_of[r]] = True
    return rows


def _solve(
    instance: Instance,
    previous: Sequence[Meeting] | None,
    time_limit: float,
    method: str,
) -> Schedule:
    started = time.perf_counter()
    validate_instance(instance)
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError(f"unknown method {method!r}")
    c = _Compiled(instance)
    prev = [-1] * c.R
    prev_table: dict[int, int] = {}
    for m in previous or ():
        r = c.rindex.get(m.request)
        s = c.slot_index.get(m.slot)
        if r is not None and s is not None:  # cancelled requests / removed slots drop out
            prev[r] = s
            prev_table[r] = m.table
    ub, x_lp = _lp_bound(c)
    n_vars = sum(len(x) for x in c.common)
    deadline = started + time_limit
    if method == "exact" or (method == "auto" and n_vars <= EXACT_MAX_VARIABLES):
        with_idle = n_vars <= EXACT_IDLE_MAX_VARIABLES
        found = _exact(c, prev, max(deadline - time.perf_counter(), 0.1), with_idle)
        if found is not None:
            slot_of, dual, optimal = found
            e = _Engine(c, prev, deadline)
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
            heur = _heuristic(c, prev, x_lp, time.perf_counter() + max(time_limit / 2, 0.5))
            w_exact = sum(c.w[r] for r in range(c.R) if slot_of[r] >= 0)
            if w_exact > sum(c.w[r] for r in range(c.R) if heur[r] >= 0):
                return _finish(c, slot_of, min(ub, dual), "exact", False, prev, prev_table, started)
            return _finish(c, heur, min(ub, dual), "heuristic", False, prev, prev_table, started)
    slot_of = _heuristic(c, prev, x_lp, deadline)
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
    started = time.perf_counter()
    validate_instance(instance)
    c = _Compiled(instance)
    e = _Engine(c, [-1] * c.R, math.inf)
    for r in range(c.R):
        if c.locked[r] >= 0:
            e.place(r, c.locked[r])
    for r in range(c.R):
        if e.slot[r] >= 0 or not e.has_room(r):
            continue
        for s in c.common[r]:
            if e.busy[c.a[r]][s] < 0 and e.busy[c.b[r]][s] < 0 and e.load[s] < c.T:
                e.place(r, s)
                break
    ub = _lp_bound(c)[0]
    return _finish(c, e.slot, ub, "greedy", False, [-1] * c.R, {}, started)


def schedule_to_dict(result: Schedule, *, include_moved: bool = False) -> dict[str, object]:
    """The CLI/API output document (``moved``: requests a reschedule moved or dropped)."""
    doc: dict[str, object] = {
        "meetings": [
            {"request": m.request, "slot": m.slot, "table": m.table} for m in result.meetings
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
