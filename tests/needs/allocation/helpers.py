"""Shared by the allocation tests: random instances, an independent rule check, brute force,
and a reason checker written from the problem definition alone."""

import random
import re

import numpy as np
import pytest
from django.utils import translation

from imar.needs.allocation import (
    Candidate,
    Problem,
    RegionLimit,
    check_selection,
    parse_allocation_input,
)
from imar.needs.reasons import ReasonRenderer

REGIONS = ("East", "West", "South")
SECTORS = ("water", "health", "roads")


def random_problem(rng: random.Random, n: int) -> Problem:
    candidates = []
    ids = [f"p{k:02d}" for k in range(n)]
    for cid in ids:
        candidates.append(
            {
                "id": cid,
                "cost": float(
                    rng.choice([0, rng.randint(1, 100)])
                    if rng.random() < 0.1
                    else rng.randint(1, 100)
                ),
                "score": float(rng.randint(0, 50)),
                "region": rng.choice(REGIONS),
                "sector": rng.choice(SECTORS),
                "mandatory": rng.random() < 0.08,
                "requires": [],
                "excludes": [],
            }
        )
    for _ in range(rng.randint(0, 3)):
        a, b = rng.sample(range(n), 2)
        candidates[a]["requires"].append(ids[b])
    for _ in range(rng.randint(0, 3)):
        a, b = rng.sample(range(n), 2)
        candidates[a]["excludes"].append(ids[b])
    total = sum(c["cost"] for c in candidates)
    regions = {}
    for code in REGIONS:
        low = rng.choice([0.0, 0.0, 0.1, 0.2])
        high = rng.choice([1.0, 0.6, 0.45])
        regions[code] = RegionLimit(low, max(low, high))
    sectors = {code: rng.choice([1.0, 0.5, 0.4]) for code in SECTORS}
    return Problem(
        budget=max(1.0, round(total * rng.uniform(0.25, 0.7))),
        candidates=tuple(
            Candidate(**{**c, "requires": tuple(c["requires"]), "excludes": tuple(c["excludes"])})
            for c in candidates
        ),
        regions=regions,
        sector_max_shares=sectors,
    )


def worded(reason) -> str:
    with translation.override("en"):
        return ReasonRenderer().render(reason)


def independent_violations(problem: Problem, selected) -> list[str]:
    """Checks every rule from the problem definition, without the module's helpers."""
    chosen = {c.id: c for c in problem.candidates if c.id in set(selected)}
    assert len(chosen) == len(selected), "selected ids must be distinct candidates"
    slack = 1e-6 * problem.budget
    out = []
    if sum(c.cost for c in chosen.values()) > problem.budget + slack:
        out.append("budget")
    for code, limit in problem.regions.items():
        spent = sum(c.cost for c in chosen.values() if c.region == code)
        if spent < limit.min_share * problem.budget - slack:
            out.append(f"min {code}")
        if spent > limit.max_share * problem.budget + slack:
            out.append(f"max {code}")
    for code, limit in problem.districts.items():
        spent = sum(c.cost for c in chosen.values() if c.district == code)
        if spent < limit.min_share * problem.budget - slack:
            out.append(f"district min {code}")
        if spent > limit.max_share * problem.budget + slack:
            out.append(f"district max {code}")
    for code, share in problem.sector_max_shares.items():
        if (
            sum(c.cost for c in chosen.values() if c.sector == code)
            > share * problem.budget + slack
        ):
            out.append(f"sector {code}")
    for c in problem.candidates:
        if c.mandatory and c.id not in chosen:
            out.append(f"mandatory {c.id}")
        if c.id in chosen:
            out += [f"requires {c.id}->{r}" for r in c.requires if r not in chosen]
            out += [f"excludes {c.id}-{x}" for x in c.excludes if x in chosen]
    return out


def brute_force(problem: Problem) -> float | None:
    """Best total score over all subsets (None if no subset keeps every rule)."""
    cands = problem.candidates
    n = len(cands)
    masks = ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(bool)
    cost = np.array([c.cost for c in cands])
    score = np.array([c.score for c in cands])
    slack = 1e-9 * problem.budget
    ok = masks @ cost <= problem.budget + slack
    for code, limit in problem.regions.items():
        spent = masks @ (cost * np.array([c.region == code for c in cands]))
        ok &= spent >= limit.min_share * problem.budget - slack
        ok &= spent <= limit.max_share * problem.budget + slack
    for code, limit in problem.districts.items():
        spent = masks @ (cost * np.array([c.district == code for c in cands]))
        ok &= spent >= limit.min_share * problem.budget - slack
        ok &= spent <= limit.max_share * problem.budget + slack
    for code, share in problem.sector_max_shares.items():
        ok &= masks @ (cost * np.array([c.sector == code for c in cands])) <= (
            share * problem.budget + slack
        )
    index = {c.id: k for k, c in enumerate(cands)}
    for k, c in enumerate(cands):
        if c.mandatory:
            ok &= masks[:, k]
        for r in c.requires:
            ok &= ~masks[:, k] | masks[:, index[r]]
        for x in c.excludes:
            ok &= ~(masks[:, k] & masks[:, index[x]])
    if not ok.any():
        return None
    return float((masks[ok] @ score).max())


def make_problem(candidates, budget=100.0, regions=None, sectors=None) -> Problem:
    data = {"budget": budget, "candidates": candidates}
    if regions:
        data["regions"] = regions
    if sectors:
        data["sectors"] = sectors
    return parse_allocation_input(data)


def cand(cid, cost, score, region="East", sector="water", **extra):
    return {"id": cid, "cost": cost, "score": score, "region": region, "sector": sector, **extra}


def check_reason(problem: Problem, selected, cid: str, reason) -> None:
    """The reason for ``cid`` states only what the selection makes true (own arithmetic)."""
    by_id = {c.id: c for c in problem.candidates}
    chosen = set(selected)
    c, p = by_id[cid], reason.params
    spent = sum(by_id[k].cost for k in chosen)
    slack = 1e-9 * problem.budget
    if reason.code in ("mandatory", "required", "costs_nothing", "high_score_per_dinar"):
        assert cid in chosen
    else:
        assert cid not in chosen
    match reason.code:
        case "mandatory":
            assert c.mandatory
        case "required":
            assert p["by"] in chosen and cid in by_id[p["by"]].requires
        case "costs_nothing":
            assert c.cost == 0
        case "high_score_per_dinar":
            assert p["score_per_million"] == pytest.approx(c.score / c.cost * 1e6)
        case "excluded_by":
            other = by_id[p["project"]]
            assert other.id in chosen and (other.id in c.excludes or cid in other.excludes)
        case "requires_unchosen":
            assert p["project"] in c.requires and p["project"] not in chosen
        case "region_maximum_reached" | "sector_maximum_reached":
            key = "region" if reason.code.startswith("region") else "sector"
            group = [k for k in chosen if getattr(by_id[k], key) == p[key]]
            assert getattr(c, key) == p[key]
            assert p["spent"] == pytest.approx(sum(by_id[k].cost for k in group))
            assert p["cost"] == c.cost
            assert p["amount"] == pytest.approx(p["share"] * problem.budget)
            assert p["spent"] + p["cost"] > p["amount"] + slack
        case "budget_exhausted" | "does_not_fit":
            assert p["cost"] == c.cost
            assert p["remaining"] == pytest.approx(problem.budget - spent)
            assert p["cost"] > p["remaining"] + slack
            if reason.code == "budget_exhausted":
                ratios = [by_id[k].score / by_id[k].cost * 1e6 for k in chosen if by_id[k].cost]
                assert p["score_per_million"] == pytest.approx(c.score / c.cost * 1e6)
                assert any(r == pytest.approx(p["cutoff_per_million"]) for r in ratios)
                assert p["score_per_million"] < p["cutoff_per_million"]
                # The sentence shows the two figures in the order it claims.
                text = worded(reason)
                low = re.search(r"score per million \(([\d.]+)\)", text).group(1)
                high = re.search(r"the lowest is ([\d.]+)\)", text).group(1)
                assert float(low) < float(high), text
        case "no_gain":
            # It fits every rule, and adding it would not raise the total.
            assert c.score == 0
            assert not check_selection(problem, [*chosen, cid])
        case _:
            raise AssertionError(f"unknown reason {reason.code}")


def two_level_problem(rng: random.Random, n: int) -> Problem:
    """Regions East/West/South, each with two districts, floors and ceilings on both."""
    base = random_problem(rng, n)
    # The base's own floors, halved: with two levels of floors most draws were infeasible.
    base = Problem(
        base.budget,
        base.candidates,
        {k: RegionLimit(v.min_share / 2, v.max_share) for k, v in base.regions.items()},
        base.sector_max_shares,
    )
    candidates = tuple(
        Candidate(**{**c.__dict__, "district": f"{c.region}-{rng.randint(1, 2)}"})
        for c in base.candidates
    )
    districts = {}
    used = {c.district for c in candidates}
    for region in REGIONS:
        for k in (1, 2):
            code = f"{region}-{k}"
            low = rng.choice([0.0, 0.03, 0.06]) if code in used else 0.0
            high = rng.choice([1.0, 1.0, 0.5, 0.35])
            districts[code] = RegionLimit(low, max(low, high))
    return Problem(
        base.budget, candidates, base.regions, base.sector_max_shares, districts=districts
    )


def needs_the_exact_solver() -> Problem:
    # East must get exactly half: only a+b (30+20) does it; the greedy and the rounded LP
    # take c (best score per dinar) first and then cannot reach 50 exactly.
    return make_problem(
        [cand("a", 30, 3), cand("b", 20, 2), cand("c", 25, 5), cand("w", 50, 1, "West")],
        regions={"East": {"min_share": 0.5, "max_share": 0.5}},
    )
