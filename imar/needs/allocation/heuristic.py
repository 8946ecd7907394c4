"""Fast feasible answers: the greedy by score per dinar, and LP rounding with repair."""

from __future__ import annotations

import numpy as np

from imar.needs.allocation.model import Model, forced_projects, violations


class Greedy:
    """Adds projects (with everything they require) while keeping every upper-side rule.

    Invariant: spent + the money unmet floors still need (regions and districts) <= budget,
    so filling never takes money a floor still needs.
    """

    def __init__(self, model: Model, chosen: np.ndarray) -> None:
        self.m = model
        self.chosen = chosen.copy()
        _, _, self.by_region, self.by_sector = model.totals(self.chosen)
        self.by_district = model.by_district(self.chosen)
        self.spent = float(model.cost[self.chosen].sum())

    def shortfall(self) -> float:
        return self.m.shortfall(self.by_region, self.by_district)

    def bundle(self, i: int) -> list[int] | None:
        """``i`` plus its unchosen requirements (transitively), or None if some are excluded."""
        stack, seen = [i], {i}
        while stack:
            k = stack.pop()
            for j in self.m.requires[k]:
                if j not in seen and not self.chosen[j]:
                    seen.add(j)
                    stack.append(j)
        members = sorted(seen)
        member_set = set(members)
        for k in members:
            for j in self.m.excludes[k]:
                if self.chosen[j] or j in member_set:
                    return None
        return members

    def try_add(self, i: int) -> bool:
        if self.chosen[i]:
            return False
        m = self.m
        if not m.requires[i] and not m.excludes[i]:
            return self._add_single(i)  # the common case, kept scalar for speed
        members = self.bundle(i)
        if members is None:
            return False
        return self._add(members)

    def _move(self, members, sign: float) -> None:
        m = self.m
        cost = m.cost[members] * sign
        self.by_region = self.by_region + np.bincount(
            m.region[members], cost, minlength=len(m.region_codes)
        )
        self.by_sector = self.by_sector + np.bincount(
            m.sector[members], cost, minlength=len(m.sector_codes)
        )
        self.by_district = (
            self.by_district
            + np.bincount(m.district[members], cost, minlength=len(m.district_codes) + 1)[:-1]
        )
        self.spent += float(cost.sum())
        self.chosen[members] = sign > 0

    def _add(self, members: list[int]) -> bool:
        m = self.m
        saved = (self.by_region, self.by_sector, self.by_district, self.spent)
        self._move(members, 1.0)
        if (
            self.spent + self.shortfall() > m.budget + m.tol
            or np.any(self.by_region > m.region_max + m.tol)
            or np.any(self.by_sector > m.sector_max + m.tol)
            or np.any(self.by_district > m.district_max + m.tol)
        ):
            self.chosen[members] = False
            self.by_region, self.by_sector, self.by_district, self.spent = saved
            return False
        return True

    def _add_single(self, i: int) -> bool:
        """One project with no requires/excludes: only its region's (and district's) unmet
        floor changes, so the check is scalar."""
        m = self.m
        cost = float(m.cost[i])
        r, s, d = int(m.region[i]), int(m.sector[i]), int(m.district[i])
        region_total = float(self.by_region[r]) + cost
        if region_total > m.region_max[r] + m.tol:
            return False
        if float(self.by_sector[s]) + cost > m.sector_max[s] + m.tol:
            return False
        in_district = d < len(m.district_codes)
        if in_district and float(self.by_district[d]) + cost > m.district_max[d] + m.tol:
            return False
        if in_district:
            self.by_district[d] += cost
        self.by_region[r] = region_total
        after = self.shortfall()
        if self.spent + cost + after > m.budget + m.tol:
            # Undo: it takes money an unmet floor still needs.
            self.by_region[r] = region_total - cost
            if in_district:
                self.by_district[d] -= cost
            return False
        self.chosen[i] = True
        self.by_sector[s] += cost
        self.spent += cost
        return True

    def release(self, margin: float) -> None:
        """Drop the lowest-value choices that no rule needs until the unmet floors fit in
        the budget with ``margin`` to spare (the rounded LP spends all, floors unmet)."""
        m = self.m
        forced, _ = forced_projects(m)
        needed = np.zeros(m.n, dtype=bool)
        for i, j in m.requires_pairs:
            if self.chosen[i]:
                needed[j] = True
        removable = np.flatnonzero(self.chosen & ~forced & ~needed)
        count = len(m.district_codes)
        for i in removable[np.lexsort((-m.cost[removable], m.ratio[removable]))]:
            if m.budget - self.spent - self.shortfall() >= margin:
                return
            r, d = int(m.region[i]), int(m.district[i])
            if self.by_region[r] - m.cost[i] < m.region_min[r] - m.tol:
                continue  # its region would fall below its own floor
            if d < count and self.by_district[d] - m.cost[i] < m.district_min[d] - m.tol:
                continue  # so would its district
            self._move([int(i)], -1.0)

    def complete(self) -> np.ndarray | None:
        """Meet district then regional minimums, then fill by score per dinar; None if a
        floor is missed."""
        m = self.m
        order = m.greedy_order
        for d in range(len(m.district_codes)):
            if self.by_district[d] >= m.district_min[d] - m.tol:
                continue
            for i in order[m.district[order] == d]:
                self.try_add(int(i))
                if self.by_district[d] >= m.district_min[d] - m.tol:
                    break
        for r in range(len(m.region_codes)):
            if self.by_region[r] >= m.region_min[r] - m.tol:
                continue
            for i in order[m.region[order] == r]:
                self.try_add(int(i))
                if self.by_region[r] >= m.region_min[r] - m.tol:
                    break
        for i in order:
            if m.score[i] > 0 or m.cost[i] == 0:
                self.try_add(int(i))
        return self.chosen if not violations(m, self.chosen) else None


def round_and_repair(model: Model, x: np.ndarray) -> np.ndarray | None:
    """A feasible selection near the LP optimum ``x``, or the greedy one, whichever is better.

    Rounding down keeps every upper-side rule and every requires/excludes pair; floors left
    unmet are then filled, after releasing money from the least valuable choices if the
    rounded answer had already spent it all.
    """
    rounded_down = x > 1 - 1e-6
    best: np.ndarray | None = None
    for margin in (0.0, 0.002, 0.01, 0.05):
        greedy = Greedy(model, rounded_down)
        greedy.release(margin * model.budget)
        best = greedy.complete()
        if best is not None:
            break
    forced, _ = forced_projects(model)
    scratch = Greedy(model, np.zeros(model.n, dtype=bool))
    if all(scratch.try_add(int(i)) or scratch.chosen[i] for i in np.flatnonzero(forced)):
        plain = scratch.complete()
        if plain is not None and (
            best is None or model.score[plain].sum() > model.score[best].sum()
        ):
            best = plain
    return best
