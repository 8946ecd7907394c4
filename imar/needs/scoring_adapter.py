"""Candidate projects as a decision matrix for `imar.needs.scoring` (the pure scorer).

Columns come from the data: the recovery needs recorded for the project's municipality and
sector, people served, cost per beneficiary, readiness by lifecycle stage, risk (the worst
open likelihood x impact) and the staff's appraisal score.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db.models import F, Max, Sum

from imar.monitoring.models import Risk, RiskStatus
from imar.needs import scoring
from imar.needs.enums import FUND_TO_PDNA
from imar.needs.models import DamageRecord, ProjectAppraisal
from imar.needs.money import Converter
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project

READINESS = {
    ProjectStatus.IDENTIFIED: 1,
    ProjectStatus.APPRAISED: 2,
    ProjectStatus.APPROVED: 3,
    ProjectStatus.PROCUREMENT: 4,
    ProjectStatus.IMPLEMENTATION: 5,
    ProjectStatus.COMPLETED: 5,
    ProjectStatus.SUSPENDED: 0,
    ProjectStatus.CANCELLED: 0,
}
CRITERIA = (
    "need_severity",
    "people_served",
    "cost_per_beneficiary",
    "readiness",
    "risk",
    "staff_score",
)


# Risks that still weigh on a project: open ones and those that happened.
OPEN_RISK_STATUSES = [RiskStatus.OPEN, RiskStatus.OCCURRED]


@dataclass
class Candidate:
    project: Project
    cost: Decimal  # in the scenario's currency
    features: dict[str, float]


def _needs_by_place_and_sector(municipality_ids, convert: Converter) -> dict:
    needs: dict[tuple[int, str], float] = defaultdict(float)
    grouped = (
        DamageRecord.objects.filter(municipality_id__in=municipality_ids)
        .values("municipality_id", "sector", "currency")
        .annotate(total=Sum("recovery_needs"))
    )
    for row in grouped:
        amount = convert(row["total"], row["currency"])
        if amount is not None:
            needs[(row["municipality_id"], row["sector"])] += float(amount)
    return needs


def _worst_open_risk(project_ids) -> dict[int, float]:
    rows = (
        Risk.objects.filter(project_id__in=project_ids, status__in=OPEN_RISK_STATUSES)
        .values("project_id")
        .annotate(worst=Max(F("likelihood") * F("impact")))
    )
    return {row["project_id"]: float(row["worst"]) for row in rows}


def build_candidates(projects: list[Project], convert: Converter) -> tuple[list[Candidate], dict]:
    """Candidates with their criteria values, and counts of projects that could not be used."""
    skipped = {"no_budget": 0, "unconverted": 0}
    usable: list[tuple[Project, Decimal]] = []
    for project in projects:
        if not project.budget:
            skipped["no_budget"] += 1
            continue
        cost = convert.budget(project)
        if cost is None or cost <= 0:
            skipped["unconverted"] += 1
            continue
        usable.append((project, cost))
    needs = _needs_by_place_and_sector({p.municipality_id for p, _ in usable}, convert)
    risks = _worst_open_risk([p.pk for p, _ in usable])
    appraisals = dict(
        ProjectAppraisal.objects.filter(project_id__in=[p.pk for p, _ in usable]).values_list(
            "project_id", "score"
        )
    )
    candidates = []
    for project, cost in usable:
        people = project.beneficiaries or 0
        features = {
            "need_severity": needs.get(
                (project.municipality_id, FUND_TO_PDNA.get(project.sector, "")), 0.0
            ),
            "people_served": float(people),
            "cost_per_beneficiary": float(cost) / max(people, 1),
            "readiness": float(READINESS.get(project.status, 0)),
            "risk": risks.get(project.pk, 0.0),
            "staff_score": float(appraisals.get(project.pk, 0)),
        }
        candidates.append(Candidate(project, cost, features))
    return candidates, skipped


def score_candidates(
    candidates: list[Candidate], model_definition: dict
) -> scoring.ScoringResult | None:
    """Scores from the saved model; raises scoring.ScoringError for an unusable model."""
    if not candidates:
        return None
    model = scoring.ScoringModel.from_dict(model_definition)
    unknown = [name for name in model.names if name not in CRITERIA]
    if unknown:
        raise scoring.ScoringError(
            "unknown_criterion",
            f"Criterion {unknown[0]!r} is not one the fund's data provides.",
            criterion=unknown[0],
        )
    matrix = np.array([[c.features[name] for name in model.names] for c in candidates])
    return scoring.score_projects(model, matrix, [c.project.code for c in candidates])


@dataclass
class RankedProject:
    project: Project
    cost: Decimal
    features: dict[str, float]
    appraisal: int | None
    score: float
    rank: int
    contributions: dict[str, float]


def rank_projects(
    projects: list[Project], model_definition: dict, convert: Converter
) -> tuple[list[RankedProject], dict]:
    """The scoring page's ranking: every usable project scored by the model, best first,
    with its criterion values, its appraisal (None when none was entered) and its
    contributions; and the counts of projects left out (no budget, unconvertible)."""
    candidates, skipped = build_candidates(projects, convert)
    scored = score_candidates(candidates, model_definition)
    if scored is None:
        return [], skipped
    entered = set(
        ProjectAppraisal.objects.filter(
            project_id__in=[c.project.pk for c in candidates]
        ).values_list("project_id", flat=True)
    )
    by_code = {c.project.code: c for c in candidates}
    ranked = []
    for row in scored.rows():
        c = by_code[row["id"]]
        ranked.append(
            RankedProject(
                project=c.project,
                cost=c.cost,
                features=c.features,
                appraisal=int(c.features["staff_score"]) if c.project.pk in entered else None,
                score=row["score"],
                rank=row["rank"],
                contributions=row["contributions"],
            )
        )
    return ranked, skipped
