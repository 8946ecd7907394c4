"""Demo step: synthetic damage and needs, a published scoring model and two scenarios.

The storm assessment is scaled to the public headline figures of the 2024 rapid damage and
needs assessment (RDNA) of Storm Daniel: about US$1.65 billion of damage and losses, about
US$1.8 billion of recovery needs, 20 affected municipalities, Derna, Shahhat (which includes
Sousa), Al Bayda and Al Marj carrying about 85% of the damage, housing the largest sector.
Every figure below the headlines is invented.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Sum

from imar.geo.models import District, Municipality
from imar.needs.enums import PdnaSector as P
from imar.needs.models import Assessment, DamageRecord, ProjectAppraisal, Scenario
from imar.needs.scenarios import candidate_projects, scenario_create, scenario_run
from imar.needs.services import scoring_model_save
from imar.portfolio.models import Project

CENT = Decimal("0.01")
DAMAGE_AND_LOSSES_USD = 1_650_000_000
RECOVERY_NEEDS_USD = 1_800_000_000
PEOPLE_AFFECTED = 250_000
# The four hardest-hit municipalities and their share of the damage (85% together).
HARDEST_HIT = {"LY010102": 0.56, "LY010601": 0.12, "LY010602": 0.10, "LY010202": 0.07}
ALSO_AFFECTED = [
    "LY010101", "LY010103", "LY010104", "LY010105",  # Derna district
    "LY010201", "LY010203",  # Al Marj
    "LY010301", "LY010302", "LY010303", "LY010304", "LY010305",  # Benghazi
    "LY010401", "LY010402", "LY010403",  # Tobruk
    "LY010504", "LY010506",  # Ejdabia
]  # fmt: skip
SECTOR_SHARES = {
    P.HOUSING: 0.45,
    P.TRANSPORT_TELECOM: 0.12,
    P.WATER_SANITATION: 0.07,
    P.EDUCATION: 0.06,
    P.COMMUNITY_INFRASTRUCTURE: 0.06,
    P.HEALTH: 0.05,
    P.ELECTRICITY: 0.05,
    P.CULTURE: 0.03,
    P.AGRICULTURE: 0.03,
    P.LIVELIHOODS: 0.03,
    P.COMMERCE_INDUSTRY: 0.02,
    P.TOURISM: 0.01,
    P.ENVIRONMENT: 0.01,
    P.GOVERNANCE: 0.01,
}
STANDARD_WEIGHTS = {
    "need_severity": 0.30,
    "people_served": 0.20,
    "cost_per_beneficiary": 0.15,
    "readiness": 0.15,
    "risk": 0.10,
    "staff_score": 0.10,
}


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(CENT)


def _storm(rng) -> Assessment:
    assessment = Assessment.objects.create(
        name_en="2023 Storm Daniel rapid damage and needs assessment "
        "(synthetic, scaled to the public headline figures)",
        name_ar="التقييم السريع للأضرار والاحتياجات لعاصفة دانيال 2023 "
        "(بيانات اصطناعية مضبوطة على الأرقام الرئيسية المنشورة)",
        source="Synthetic; headline totals from the World Bank, UN and EU Libya Storm and "
        "Flooding 2023 Rapid Damage and Needs Assessment (2024)",
        conducted_on=dt.date(2024, 1, 15),
        notes="أرقام البلديات والقطاعات مختلقة؛ المجاميع وحدها تتبع التقييم المنشور. "
        "تُحسب سوسة ضمن بلدية شحات.",
        notes_en="Per-municipality and per-sector figures are invented; only the totals follow "
        "the published assessment. Sousa is counted under Shahhat municipality.",
        is_synthetic=True,
    )
    weights = dict(HARDEST_HIT)
    others = [rng.uniform(0.5, 1.5) for _ in ALSO_AFFECTED]
    rest = 1 - sum(HARDEST_HIT.values())
    weights |= {code: rest * w / sum(others) for code, w in zip(ALSO_AFFECTED, others, strict=True)}
    places = {m.pcode: m for m in Municipality.objects.filter(pcode__in=weights)}
    raw = []
    for pcode, place_share in weights.items():
        sectors = list(SECTOR_SHARES)
        if pcode not in HARDEST_HIT:  # smaller places report fewer sectors
            sectors = [P.HOUSING, *rng.sample(sectors[1:], 5)]
        for sector in sectors:
            jitter = rng.uniform(0.8, 1.2)
            raw.append((pcode, sector, place_share * SECTOR_SHARES[sector] * jitter))
    total = sum(value for *_, value in raw)
    records = []
    for pcode, sector, value in raw:
        share = value / total
        damage_and_losses = DAMAGE_AND_LOSSES_USD * share
        records.append(
            DamageRecord(
                assessment=assessment,
                municipality=places[pcode],
                sector=sector,
                damage=_money(damage_and_losses * 0.7),
                losses=_money(damage_and_losses * 0.3),
                recovery_needs=_money(RECOVERY_NEEDS_USD * share),
                currency="USD",
                people_affected=round(PEOPLE_AFFECTED * weights[pcode] * SECTOR_SHARES[sector]),
                units_damaged=round(18_500 * weights[pcode]) if sector == P.HOUSING else 0,
            )
        )
    DamageRecord.objects.bulk_create(records)
    return assessment


def _national_survey(rng, storm_places: set[str]) -> Assessment:
    assessment = Assessment.objects.create(
        name_en="National infrastructure survey (synthetic)",
        name_ar="المسح الوطني للبنية التحتية (بيانات اصطناعية)",
        source="Synthetic demonstration data",
        conducted_on=dt.date(2025, 6, 30),
        notes="احتياجات مختلقة لكل منطقة، لتظهر البلاد كلها على الخريطة.",
        notes_en="Invented needs for every district, so the whole country appears on the map.",
        is_synthetic=True,
    )
    records = []
    for district in District.objects.prefetch_related("municipalities"):
        places = [m for m in district.municipalities.all() if m.pcode not in storm_places]
        places = places or list(district.municipalities.all())
        for place in rng.sample(places, min(len(places), rng.randint(1, 3))):
            for sector in rng.sample(list(SECTOR_SHARES), rng.randint(2, 4)):
                needs = rng.uniform(5, 120) * 1_000_000
                records.append(
                    DamageRecord(
                        assessment=assessment,
                        municipality=place,
                        sector=sector,
                        damage=_money(needs * 0.6),
                        losses=_money(needs * 0.15),
                        recovery_needs=_money(needs),
                        currency="LYD",
                        people_affected=rng.randint(2_000, 40_000),
                        units_damaged=rng.randint(10, 400) if sector == P.HOUSING else 0,
                    )
                )
    DamageRecord.objects.bulk_create(records)
    return assessment


def load(*, rng, options, log):
    storm = _storm(rng)
    _national_survey(rng, set(storm.records.values_list("municipality__pcode", flat=True)))
    officer = get_user_model().objects.filter(username="officer").first()
    model = scoring_model_save(
        by=officer,
        name="المعايير القياسية للصندوق",
        name_en="Fund standard criteria",
        weights=STANDARD_WEIGHTS,
        method="weighted_sum",
        notes="معايير الصندوق المنشورة لدورة 2027.",
        notes_en="Published criteria of the fund for the 2027 round.",
    )
    candidates = Project.objects.filter(status__in=["identified", "appraised"])
    ProjectAppraisal.objects.bulk_create(
        ProjectAppraisal(project=project, score=rng.randint(30, 95), by=officer)
        for project in candidates.filter(budget__isnull=False)[:200]
    )
    pool = candidates.filter(currency="LYD").aggregate(total=Sum("budget"))["total"] or Decimal(0)
    budget = max((pool * Decimal("0.4")).quantize(Decimal(1)), Decimal(1_000_000))
    balanced = scenario_create(
        by=officer,
        name="ميزانية 2027، أقاليم متوازنة",
        name_en="2027 budget, balanced regions",
        budget=budget,
        rules={
            "regions": {
                "LY01": {"min_share": 0.35, "max_share": 0.6},
                "LY02": {"min_share": 0.25, "max_share": 0.5},
                "LY03": {"min_share": 0.1, "max_share": 0.3},
            },
            "sectors": {"housing": {"max_share": 0.4}},
        },
        scoring_model=model,
    )
    scenario_create(
        by=officer,
        name="ميزانية 2027، حدود دنيا لمناطق العاصفة",
        name_en="2027 budget, district floors for the storm area",
        budget=budget,
        rules={
            "regions": {"LY01": {"max_share": 0.65}},
            "districts": {
                "LY-DR": {"min_share": 0.2},
                "LY-JA": {"min_share": 0.08},
                "LY-MJ": {"min_share": 0.05},
            },
            "sectors": {"housing": {"max_share": 0.5}},
            "analysis": {"sensitivity": True, "fairness": "lexicographic", "score_slack": 0.02},
        },
        scoring_model=model,
    )
    yearly = (budget * Decimal("0.3")).quantize(Decimal(1))
    scenario_create(
        by=officer,
        name="خطة 2027-2029، ميزانيات سنوية مع ترحيل الفائض",
        name_en="2027-2029 plan, yearly budgets with carry-over",
        budget=yearly * 3,
        rules={
            "years": {
                "budgets": {"2027": float(yearly), "2028": float(yearly), "2029": float(yearly)},
                "carry_over": True,
            },
            # Shares of the whole plan, at both levels, and what each costs.
            "regions": {"LY01": {"max_share": 0.65}},
            "districts": {"LY-DR": {"min_share": 0.15}},
            "analysis": {"sensitivity": True},
        },
        scoring_model=model,
    )
    if candidate_projects(balanced):
        from django.utils import timezone

        Scenario.objects.filter(pk=balanced.pk).update(status="running", started_at=timezone.now())
        balanced = scenario_run(scenario_id=balanced.pk, time_limit=5)
    log(f"    needs: {DamageRecord.objects.count()} damage records, scenario {balanced.status}")
