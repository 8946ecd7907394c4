"""Second objective of the heuristic: fewer idle gaps in each person's day, by moving a meeting
to a slot that shortens its participants' spans, or swapping two meetings of one person."""

from __future__ import annotations

import time

from imar.forum.scheduling.model import idle_of


class Compaction:
    """Idle-gap moves of :class:`~imar.forum.scheduling.heuristic.Engine` (a mixin: it uses the
    engine's state and its ``place``, ``remove``, ``fits``, ``movable`` and ``_span``)."""

    def compact(self, max_sweeps: int = 10) -> None:
        """Move meetings to slots that shorten their participants' idle gaps.

        Sweeps stop when one gains less than 2% of the idle time: later sweeps gain little
        and cost as much (this keeps large instances within a few seconds).
        """
        c = self.c
        total = sum(idle_of(row) for row in self.busy)
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
                    if not self.fits(r, s):
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
            now = sum(idle_of(row) for row in self.busy)
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
                    if c.lang[m1] != c.lang[m2]:
                        continue  # the swap would change interpreter use in both slots
                    before = idle_of(busy[q1]) + idle_of(busy[q2])
                    if before == 0:
                        continue
                    busy[q1][s1], busy[q1][s2], busy[q2][s2], busy[q2][s1] = -1, m1, -1, m2
                    after = idle_of(busy[q1]) + idle_of(busy[q2])
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
