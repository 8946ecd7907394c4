"""Index-based form of an instance shared by the bound, the exact model and the heuristic."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from imar.forum.scheduling.problem import Instance, Meeting

EPS = 1e-9


class Compiled:
    """Index-based view of an instance (participants, slots, requests as integers)."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.S = len(instance.slots)
        self.Ts = list(instance.tables_in())  # tables per slot
        self.T = max(self.Ts)
        self.P = len(instance.participants)
        self.R = len(instance.requests)
        self.slot_index = {s: k for k, s in enumerate(instance.slots)}
        self.closed = {self.slot_index[s] for s in instance.closed}
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
        # Interpreter languages as indices; lang[r] = -1 when the meeting needs none.
        self.languages = sorted({r.interpreter for r in instance.requests if r.interpreter})
        lindex = {x: k for k, x in enumerate(self.languages)}
        self.lang = [lindex[r.interpreter] if r.interpreter else -1 for r in instance.requests]
        self.icap = [list(instance.interpreters_in(x)) for x in self.languages]
        # both_free: slots both participants can attend; common: those that also have a table
        # (and an interpreter when needed), i.e. where the meeting could take place.
        self.both_free: list[list[int]] = []
        self.common: list[list[int]] = []
        for r in range(self.R):
            aa, bb = self.avail[self.a[r]], self.avail[self.b[r]]
            self.both_free.append([s for s in range(self.S) if aa[s] and bb[s]])
            if self.locked[r] >= 0:
                self.common.append([self.locked[r]])
                continue
            lg = self.lang[r]
            self.common.append(
                [
                    s
                    for s in self.both_free[r]
                    if self.Ts[s] > 0 and (lg < 0 or self.icap[lg][s] > 0) and s not in self.closed
                ]
            )
        # Alternatives: group[r] >= 0 for requests of which at most one per group is scheduled.
        self.group = [-1] * self.R
        for g, ids in enumerate(instance.exclusive):
            for rid in ids:
                self.group[self.rindex[rid]] = g
        self.G = len(instance.exclusive)
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


def idle_of(row: Sequence[int]) -> int:
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


def busy_rows(c: Compiled, slot_of: list[int]) -> list[list[bool]]:
    rows = [[False] * c.S for _ in range(c.P)]
    for r in range(c.R):
        if slot_of[r] >= 0:
            rows[c.a[r]][slot_of[r]] = rows[c.b[r]][slot_of[r]] = True
    return rows
