"""Demo step: contracting processes for demo projects in procurement or later, walked through
the procurement services (so every release is published and every step audited), with a
realistic share of red flags: a few single-bidder awards, a direct award above the
threshold, short tender windows, one large amendment and one contract signed early."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.models import Project
from imar.procurement import services
from imar.procurement.enums import CONTRACTED_STATUSES
from imar.procurement.models import Exemption

LIMIT = 24  # processes: enough for the register and every kind of flag, and a fast step
COMPANIES = [
    ("Al-Bunyan Construction", "شركة البنيان للمقاولات", "LY"),
    ("Sahel Engineering", "شركة الساحل الهندسية", "LY"),
    ("Green Mountain Works", "شركة الجبل الأخضر للأعمال", "LY"),
    ("Mediterranean Builders", "شركة بناة المتوسط", "LY"),
    ("Anatolia Infrastructure", "شركة الأناضول للبنية التحتية", "TR"),
    ("Nile Contracting", "شركة النيل للمقاولات", "EG"),
    ("Hellenic Technical", "الشركة الهيلينية الفنية", "GR"),
    ("Fezzan Roads", "شركة فزان للطرق", "LY"),
]


def _companies() -> list[Organization]:
    made = []
    for name_en, name_ar, country in COMPANIES:
        org, _created = Organization.objects.get_or_create(
            name_en=name_en,
            defaults={"name_ar": name_ar, "kind": OrganizationKind.COMPANY, "country": country},
        )
        made.append(org)
    return made


def load(*, rng, options, log):
    by = get_user_model().objects.filter(username="officer").first()
    companies = _companies()
    later = [ProjectStatus.PROCUREMENT, ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED]
    projects = list(
        Project.objects.filter(status__in=later)
        .prefetch_related("participations__organization")
        .order_by("code")[:LIMIT]
    )
    counts = {"processes": 0, "contracts": 0}
    for n, project in enumerate(projects):
        implementers = [
            p.organization for p in project.participations.all()
            if p.role == OrganizationRole.IMPLEMENTER
        ]  # fmt: skip
        entity = implementers[0] if implementers else companies[0]
        today = datetime.now(UTC).date()
        planned = min(project.planned_start or today, today - timedelta(days=200))
        start = datetime.combine(planned, datetime.min.time(), tzinfo=UTC) - timedelta(days=120)
        direct = n % 11 == 5
        days = 7 if n % 9 == 4 else rng.choice([21, 30, 45])
        estimate = (project.budget or Decimal(1_000_000)) * Decimal("0.8")
        process = services.process_save(
            by=by,
            project=project,
            fields={
                "method": "direct" if direct else "open",
                "method_justification": "Emergency repairs after the flood" if direct else "",
                "estimated_value": estimate.quantize(Decimal(1)), "currency": project.currency,
                "year": start.year, "title_ar": f"أشغال {project.title_ar}",
                "title_en": f"Works: {project.title_en}", "procuring_entity": entity,
                "budget_line": f"{start.year}/{project.code}", "tender_start": start,
                "tender_end": start + timedelta(days=days),
            },
        )  # fmt: skip
        counts["processes"] += 1
        services.process_transition(process=process, to="tender", by=by)
        bidders = 1 if (direct or n % 7 == 3) else rng.randint(2, 5)
        chosen = rng.sample(companies, bidders)
        bids = []
        for k, company in enumerate(chosen):
            factor = Decimal(str(round(rng.uniform(0.8, 1.35), 3)))
            status = "disqualified" if (k > 0 and n % 11 == 2) else "valid"
            bids.append(
                services.bid_record(
                    by=by,
                    process=process,
                    bidder=company,
                    value=(estimate * factor).quantize(Decimal(1)),
                    currency=project.currency,
                    received_at=start + timedelta(days=1 + k),
                    status=status,
                    status_reason="Missing bid guarantee" if status != "valid" else "",
                )  # fmt: skip
            )
        if project.status == ProjectStatus.PROCUREMENT and n % 2:
            continue
        services.process_transition(process=process, to="evaluation", by=by)
        winner = min((b for b in bids if b.status == "valid"), key=lambda b: b.value)
        award_day = (start + timedelta(days=days + 20)).date()
        services.award_record(
            by=by, process=process, bid=winner, award_date=award_day,
            standstill_end=award_day + timedelta(days=10),
        )  # fmt: skip
        if project.status == ProjectStatus.PROCUREMENT:
            continue
        signed = award_day + (timedelta(days=4) if n % 10 == 8 else timedelta(days=12))
        services.contract_sign(
            by=by, process=process, date_signed=signed, start_date=signed + timedelta(days=7),
            end_date=project.planned_end or signed + timedelta(days=365),
        )  # fmt: skip
        counts["contracts"] += 1
        if counts["contracts"] in (3, 11):  # two large amendments
            process.refresh_from_db()
            contract = process.contract
            services.amendment_record(
                by=by, contract=contract, amendment_date=signed + timedelta(days=90),
                value_after=(contract.value * Decimal("1.4")).quantize(Decimal(1)),
                end_after=contract.end_date + timedelta(days=120),
                reason="Additional works found after demolition",
            )  # fmt: skip
    exempted = exempt_the_rest()
    log(
        f"  procurement: {counts['processes']} processes, {counts['contracts']} contracts, "
        f"{exempted} exemptions"
    )


def exempt_the_rest() -> int:
    """Projects the demo put in implementation (or beyond) without a contracting process here
    were contracted before the fund used Imar: each gets a recorded exemption saying so, as
    the lifecycle requires (no implementation without a contract or an exemption)."""
    past = [ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED]
    projects = Project.objects.filter(
        Q(status__in=past) | Q(status=ProjectStatus.SUSPENDED, suspended_from__in=past)
    ).exclude(procurement_processes__status__in=CONTRACTED_STATUSES)
    projects = projects.exclude(procurement_exemption__isnull=False)
    reason = (
        "Contracted before the fund used Imar; the signed contract is in the procurement "
        "archive (demo)."
    )
    made = Exemption.objects.bulk_create(
        [Exemption(project_id=pk, reason=reason) for pk in projects.values_list("pk", flat=True)]
    )
    return len(made)
