"""Heuristic for large instances: LP-guided greedy, repairs (moves, Kempe chains, ejections,
exchanges), then compaction of idle gaps."""

from __future__ import annotations

import itertools
import time

import numpy as np

from imar.forum.scheduling.compaction import Compaction
from imar.forum.scheduling.model import EPS, Compiled


class Engine(Compaction):
    """Mutable schedule with the local moves used by the heuristic (compaction of idle gaps
    in :class:`~imar.forum.scheduling.compaction.Compaction`)."""

    def __init__(self, c: Compiled, prev: list[int], deadline: float) -> None:
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
        # Interpreters in use per language and slot (only when some meeting needs one).
        self.lload = [[0] * c.S for _ in c.languages]
        self.with_lang = bool(c.languages)
        self.group_used = [0] * c.G  # scheduled requests per group of alternatives

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
        if c.lang[r] >= 0:
            self.lload[c.lang[r]][s] += 1
        if c.group[r] >= 0:
            self.group_used[c.group[r]] += 1
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
        if c.lang[r] >= 0:
            self.lload[c.lang[r]][s] -= 1
        if c.group[r] >= 0:
            self.group_used[c.group[r]] -= 1
        if self.log is not None:
            self.log.append(("r", r, s))

    def movable(self, r: int) -> bool:
        return self.c.locked[r] < 0

    def fits(self, r: int, s: int) -> bool:
        """Slot s has a table left (and an interpreter left when r needs one)."""
        c = self.c
        if self.load[s] >= c.Ts[s]:
            return False
        lg = c.lang[r]
        return lg < 0 or self.lload[lg][s] < c.icap[lg][s]

    def lang_full(self, r: int, s: int) -> bool:
        lg = self.c.lang[r]
        return lg >= 0 and self.lload[lg][s] >= self.c.icap[lg][s]

    def group_free(self, r: int) -> bool:
        """No alternative of r (the same request to another delegate) is scheduled."""
        g = self.c.group[r]
        return g < 0 or self.group_used[g] - (1 if self.slot[r] >= 0 else 0) == 0

    def has_room(self, r: int) -> bool:
        c = self.c
        return (
            self.deg[c.a[r]] < c.cap[c.a[r]]
            and self.deg[c.b[r]] < c.cap[c.b[r]]
            and self.group_free(r)
        )

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
        ba, bb, load, Ts = self.busy[a], self.busy[b], self.load, c.Ts
        cands = [
            s for s in c.common[r] if ba[s] < 0 and bb[s] < 0 and load[s] < Ts[s] and s != exclude
        ]
        if c.lang[r] >= 0:
            used, have = self.lload[c.lang[r]], c.icap[c.lang[r]]
            cands = [s for s in cands if used[s] < have[s]]
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
            if not blockers and self.fits(r, s):
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
            if ok and not self.fits(r, s):
                ok = False
                # Out of interpreters: only a meeting with the same language frees one.
                same = c.lang[r] if self.lang_full(r, s) else -1
                if same >= 0 and self.load[s] >= c.Ts[s]:
                    same = -2  # needs both a table and an interpreter: one move cannot do it
                pool = (m for m in self.in_slot[s] if same < 0 or c.lang[m] == same)
                # A bounded sample: with hundreds of tables, trying them all costs too much.
                for m in list(itertools.islice(pool, 24)) if same != -2 else []:
                    if self.movable(m) and m not in done:
                        s2 = self.best_free_slot(m, exclude=s)
                        if s2 >= 0:
                            self.remove(m)
                            self.place(m, s2)
                            done.append(m)
                            ok = True
                            break
            if ok and self.busy[a][s] < 0 and self.busy[b][s] < 0 and self.fits(r, s):
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
                if self.load[s1] - n1 + n2 + 1 > c.Ts[s1] or self.load[s2] - n2 + n1 > c.Ts[s2]:
                    continue
                if self.with_lang and not self._languages_allow(r, comp, s1, s2):
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

    def _languages_allow(self, r: int, comp: list[int], s1: int, s2: int) -> bool:
        """Interpreters still suffice in s1 and s2 after swapping ``comp`` and adding r to s1."""
        c = self.c
        delta: dict[int, list[int]] = {}
        for q in comp:
            if c.lang[q] >= 0:
                d = delta.setdefault(c.lang[q], [0, 0])
                if self.slot[q] == s1:
                    d[0], d[1] = d[0] - 1, d[1] + 1
                else:
                    d[0], d[1] = d[0] + 1, d[1] - 1
        if c.lang[r] >= 0:
            delta.setdefault(c.lang[r], [0, 0])[0] += 1
        return all(
            self.lload[lg][s1] + d1 <= c.icap[lg][s1] and self.lload[lg][s2] + d2 <= c.icap[lg][s2]
            for lg, (d1, d2) in delta.items()
        )

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
        if lost >= limit - EPS:
            return None
        if self.load[s] - sum(1 for m in out if self.slot[m] == s) >= c.Ts[s]:
            light = self._lightest_in_slot(s, out)
            if light < 0:
                return None
            out.append(light)
            lost += c.w[light]
        lg = c.lang[r]
        if lg >= 0:
            in_use = self.lload[lg][s] - sum(
                1 for m in out if self.slot[m] == s and c.lang[m] == lg
            )
            if in_use >= c.icap[lg][s]:
                light = self._lightest_in_slot(s, out, lg)
                if light < 0:
                    return None
                out.append(light)
                lost += c.w[light]
        if lost >= limit - EPS:
            return None
        return out, lost

    def insert_eject(self, r: int, queue: list[int]) -> bool:
        """Place r by removing lighter meetings (strictly lighter in total), queued for retry."""
        best: tuple[float, int, int] | None = None
        best_set: list[int] = []
        if not self.group_free(r):
            return False
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
        if c.w[r] <= 0 or not self.group_free(r):
            return False
        for s in c.common[r]:
            found = self._ejection_set(r, s, c.w[r] + 2 * EPS)
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
            if gain > EPS:
                return True
            for op, q, t in reversed(log):  # undo
                if op == "p":
                    self.remove(q)
                else:
                    self.place(q, t)
        return False

    def _lightest_in_slot(self, s: int, exclude: list[int], lang: int = -1) -> int:
        """Lightest movable meeting in slot s (a kept one only if nothing else), or -1;
        with ``lang``, only among meetings using an interpreter of that language."""
        c = self.c
        best, best_key = -1, None
        for m in self.in_slot[s]:
            if m in exclude or c.locked[m] >= 0 or (lang >= 0 and c.lang[m] != lang):
                continue
            key = (c.w[m], self.prev[m] == s, m)
            if best_key is None or key < best_key:
                best, best_key = m, key
                if c.w[m] <= self.min_weight and self.prev[m] != s:
                    break  # cannot do better; spares scanning hundreds of tables
        return best


def insert_all(e: Engine, requests: list[int], deadline: float, exchange: bool) -> None:
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
        if c.w[r] > e.min_weight + EPS and e.insert_eject(r, queue):
            while queue and time.perf_counter() <= deadline:
                q = queue.pop()
                if e.slot[q] >= 0:
                    continue
                if not (e.insert_direct(q) or e.insert_with_moves(q) or e.insert_kempe(q)):
                    e.insert_eject(q, queue)
        elif exchange:
            e.try_exchange(r)


def heuristic_slots(c: Compiled, prev: list[int], x_lp: np.ndarray, deadline: float) -> list[int]:
    e = Engine(c, prev, deadline)
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
        free = e.busy[c.a[r]][s] < 0 and e.busy[c.b[r]][s] < 0 and e.fits(r, s)
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
    insert_all(e, chosen, deadline, exchange=True)
    insert_all(e, rest, deadline, exchange=rescheduling)
    # Idle gaps are the secondary goal: compaction gets a share of the time left, and the
    # end keeps a margin for numbering tables and explaining the unscheduled.
    now = time.perf_counter()
    e.deadline = now + 0.5 * (deadline - now)
    e.compact()
    e.deadline = deadline
    insert_all(e, [r for r in order if e.slot[r] < 0], deadline, exchange=rescheduling)
    e.deadline = deadline - 0.1 * budget
    e.compact()
    return e.slot
