"""Seeded generator of realistic allocation and scoring instances for the benchmarks.

22 districts in East/West/South with need skewed toward the storm-hit East (Derna, Jabal
al Akhdar, ...), 9 sectors, log-normal costs in LYD, scores that grow slowly with size,
and a sprinkling of mandatory, ``requires`` and ``excludes`` rules.
"""

from __future__ import annotations

import numpy as np

from imar.needs.allocation import Candidate, Problem, RegionLimit

# District code -> (region, relative need). Storm Daniel (2023) hit the north-east hardest.
DISTRICTS: dict[str, tuple[str, float]] = {
    "DRN": ("East", 10.0),  # Derna
    "JAK": ("East", 6.0),  # Jabal al Akhdar
    "BTN": ("East", 3.0),  # Butnan
    "MRJ": ("East", 4.0),  # Marj
    "BEN": ("East", 4.0),  # Benghazi
    "WAH": ("East", 1.2),  # Al Wahat
    "KUF": ("East", 1.0),  # Kufra
    "TRP": ("West", 3.0),  # Tripoli
    "JFR": ("West", 1.5),  # Jafara
    "ZAW": ("West", 1.5),  # Zawiya
    "NKH": ("West", 1.0),  # Nuqat al Khams
    "MRQ": ("West", 1.2),  # Murqub
    "MSR": ("West", 1.5),  # Misrata
    "JBG": ("West", 1.2),  # Jabal al Gharbi
    "NLT": ("West", 0.8),  # Nalut
    "SRT": ("West", 1.5),  # Sirte
    "SBH": ("South", 1.2),  # Sabha
    "WSH": ("South", 0.7),  # Wadi al Shatii
    "WHY": ("South", 0.6),  # Wadi al Hayaa
    "GHT": ("South", 0.5),  # Ghat
    "MRZ": ("South", 0.8),  # Murzuq
    "JFA": ("South", 0.6),  # Jufra
}
SECTORS = (
    "housing",
    "water",
    "sanitation",
    "health",
    "education",
    "roads",
    "electricity",
    "telecom",
    "agriculture",
)


def allocation_problem(n: int, *, seed: int = 2023, budget_share: float = 0.35) -> Problem:
    rng = np.random.default_rng(seed)
    codes = list(DISTRICTS)
    need = np.array([DISTRICTS[c][1] for c in codes])
    need_share = need / need.sum()
    district = rng.choice(len(codes), size=n, p=need_share)
    sector = rng.choice(
        len(SECTORS), size=n, p=[0.22, 0.14, 0.1, 0.12, 0.12, 0.14, 0.08, 0.03, 0.05]
    )
    cost = np.clip(np.round(rng.lognormal(mean=np.log(1.5e6), sigma=1.1, size=n), -3), 2e4, 3e8)
    # Priority in [0, 1] (from the scoring model) times a mild size effect: bigger projects
    # serve more people, but less than proportionally.
    priority = rng.beta(2.0, 3.0, size=n) * (1 + 0.5 * need_share[district] / need_share.max())
    score = np.round(priority * (cost / 1.5e6) ** 0.4, 6)
    ids = [f"P{k:06d}" for k in range(n)]
    mandatory = np.zeros(n, dtype=bool)
    mandatory[rng.choice(n, size=max(1, n // 400), replace=False)] = True
    requires: list[list[str]] = [[] for _ in range(n)]
    excludes: list[list[str]] = [[] for _ in range(n)]
    # Phases: a follow-up project requires the first phase in the same district.
    for a in rng.choice(n, size=n // 100, replace=False):
        same = np.flatnonzero(district == district[a])
        b = int(rng.choice(same))
        if b != a and not mandatory[a]:
            requires[a].append(ids[b])
    # Alternative designs for the same site: not both.
    for a in rng.choice(n, size=n // 100, replace=False):
        b = int(rng.integers(n))
        if b != a and not (mandatory[a] and mandatory[b]):
            excludes[a].append(ids[b])
    total = float(cost.sum())
    budget = round(total * budget_share, -3)
    spend_share = np.bincount(district, cost, minlength=len(codes)) / total
    regions = {
        code: RegionLimit(
            min_share=round(0.5 * spend_share[k] * 0.9, 4),
            max_share=round(min(1.0, 1.6 * spend_share[k] + 0.01), 4),
        )
        for k, code in enumerate(codes)
    }
    sectors = {code: 0.3 if code == "housing" else 0.2 for code in SECTORS[:8]}
    candidates = tuple(
        Candidate(
            ids[k],
            float(cost[k]),
            float(score[k]),
            codes[district[k]],
            SECTORS[sector[k]],
            bool(mandatory[k]),
            tuple(requires[k]),
            tuple(excludes[k]),
        )
        for k in range(n)
    )
    return Problem(budget, candidates, regions, sectors)


def scoring_matrix(n: int, *, seed: int = 2023) -> np.ndarray:
    """need severity, people served, cost per beneficiary, readiness, risk, staff score."""
    rng = np.random.default_rng(seed)
    return np.column_stack(
        [
            rng.integers(1, 6, size=n).astype(float),
            np.round(rng.lognormal(np.log(2000), 1.2, size=n)),
            rng.lognormal(np.log(800), 0.9, size=n),
            rng.integers(0, 5, size=n).astype(float),
            rng.uniform(0, 1, size=n),
            rng.uniform(0, 10, size=n),
        ]
    )
