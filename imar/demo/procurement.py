"""Demo step: contracting processes for demo projects in procurement or later, walked through
the procurement services (so every release is published and every step audited), with a
realistic share of red flags: a few single-bidder awards, a direct award above the
threshold, short tender windows, one large amendment and one contract signed early."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q

from imar.monitoring.models import Transaction
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.partners.enums import PartyRole
from imar.partners.models import Agreement
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
    planned = plan_approved(by=by, companies=companies)
    greek = greek_contracts(by=by, rng=rng, companies=companies, skip={p.pk for p in projects})
    exempted = exempt_the_rest()
    log(
        f"  procurement: {counts['processes']} processes, {counts['contracts']} contracts, "
        f"{greek} Greek batch contracts, {planned} planned, {exempted} exemptions"
    )


def _later_projects(skip: set[int]) -> list[Project]:
    later = [ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED]
    return list(
        Project.objects.filter(status__in=later, procurement_processes__isnull=True)
        .exclude(pk__in=skip)
        .order_by("code")[:40]
    )


PLANNED_METHODS = [
    ("open", ""),
    ("selective", "Specialised works: prequalified contractors only"),
    ("limited", "Only two licensed suppliers of the equipment in the country"),
    ("open", ""),
    ("direct", "Extension of the existing contract for the same site"),
    ("open", ""),
]


def plan_approved(*, by, companies) -> int:
    """Approved projects get a process still in planning, so the procurement plan of this
    year shows estimates and methods ahead of the tenders."""
    year = date.today().year
    projects = Project.objects.filter(
        status=ProjectStatus.APPROVED, procurement_processes__isnull=True, program__isnull=False
    ).order_by("program_id", "code")[: 3 * len(PLANNED_METHODS)]
    made = 0
    for n, project in enumerate(projects):
        method, why = PLANNED_METHODS[n % len(PLANNED_METHODS)]
        estimate = ((project.budget or Decimal(1_000_000)) * Decimal("0.85")).quantize(Decimal(1))
        services.process_save(
            by=by,
            project=project,
            fields={
                "method": method, "method_justification": why, "estimated_value": estimate,
                "currency": project.currency, "year": year, "title_ar": f"أشغال {project.title_ar}",
                "title_en": f"Works: {project.title_en}",
                "procuring_entity": _implementer(project) or companies[0],
                "budget_line": f"{year}/{project.code}",
            },
        )  # fmt: skip
        made += 1
    return made


def _implementer(project):
    row = project.participations.filter(role=OrganizationRole.IMPLEMENTER).first()
    return row.organization if row else None


def greek_contracts(*, by, rng, companies, skip: set[int]) -> int:
    """The Greek delegation's agreements of kind "contract" (partners demo): each the outcome
    of a contracting process walked here, tendered before the signing day, won by the Greek
    company that signed, the contract signed on the agreement's day at its value and linked
    to it, with milestones (one late), a linked disbursement where the project has one, and
    one amendment."""
    agreements = list(
        Agreement.objects.filter(kind="contract", reference__contains="-GR-")
        .filter(procurement_contract__isnull=True, value__isnull=False, signed_on__isnull=False)
        .prefetch_related("parties__organization", "projects")
        .order_by("reference")
    )
    spare = _later_projects(skip)
    used: set[int] = set(skip)
    made = 0
    for n, agreement in enumerate(agreements):
        winner = next(
            (p.organization for p in agreement.parties.all() if p.role == PartyRole.SECOND_PARTY),
            None,
        )
        covered = [p for p in agreement.projects.all() if p.pk not in used]
        project = covered[0] if covered else next((p for p in spare if p.pk not in used), None)
        if winner is None or project is None:
            continue
        used.add(project.pk)
        signed = agreement.signed_on
        opened = datetime.combine(signed, datetime.min.time(), tzinfo=UTC) - timedelta(days=95)
        selective = n % 4 == 1
        process = services.process_save(
            by=by,
            project=project,
            fields={
                "method": "selective" if selective else "open",
                "method_justification": (
                    "Prequalified contractors of the Greek cooperation package" if selective else ""
                ),
                "estimated_value": (agreement.value * Decimal("1.05")).quantize(Decimal(1)),
                "currency": agreement.currency or "EUR", "year": opened.year,
                "title_ar": agreement.title_ar, "title_en": agreement.title_en,
                "description_en": f"Agreement {agreement.reference}",
                "eligibility_en": "Registered contractors with three similar works since 2015",
                "procuring_entity": _implementer(project) or companies[0],
                "budget_line": f"{opened.year}/{project.code}/GR",
                "enquiry_start": opened, "enquiry_end": opened + timedelta(days=14),
                "tender_start": opened, "tender_end": opened + timedelta(days=30),
            },
        )  # fmt: skip
        services.process_transition(process=process, to="tender", by=by)
        others = rng.sample([c for c in companies if c.pk != winner.pk], 1 if n % 5 == 3 else 3)
        winning = services.bid_record(
            by=by, process=process, bidder=winner, value=agreement.value,
            currency=process.currency, received_at=opened + timedelta(days=20),
        )  # fmt: skip
        for k, company in enumerate(others):
            factor = Decimal(str(round(rng.uniform(1.04, 1.3), 3)))
            services.bid_record(
                by=by, process=process, bidder=company,
                value=(agreement.value * factor).quantize(Decimal(1)),
                currency=process.currency, received_at=opened + timedelta(days=22 + k),
            )  # fmt: skip
        services.process_transition(process=process, to="evaluation", by=by)
        award_day = signed - timedelta(days=30)
        award = services.award_record(
            by=by, process=process, bid=winning, award_date=award_day,
            standstill_end=award_day + timedelta(days=14),
            evaluation_report_en="Lowest evaluated responsive bid.",
            evaluation_report_ar="أقل عطاء مستوفٍ للشروط بعد التقييم.",
        )  # fmt: skip
        if n == 2:
            services.complaint_record(
                by=by, award=award, complainant=others[0], received_on=award_day + timedelta(3),
                summary="The winner's experience certificates were questioned.",
                outcome="dismissed", decided_on=award_day + timedelta(days=10),
            )  # fmt: skip
        end = agreement.ends_on or signed + timedelta(days=730)
        contract = services.contract_sign(
            by=by, process=process, date_signed=signed,
            start_date=agreement.effective_from or signed, end_date=end, agreement=agreement,
        )  # fmt: skip
        start, today = contract.start_date, date.today()
        met = start + timedelta(days=(8 if n % 3 == 0 else 2))  # a third of them late
        first = services.milestone_record(
            by=by, contract=contract, title_ar="تسليم الموقع وبدء الأعمال",
            title_en="Site handover and mobilisation", due_date=start + timedelta(days=3),
            met_on=met if met <= today else None,
        )  # fmt: skip
        services.milestone_record(
            by=by, contract=contract, title_ar="إنجاز 50% من الأعمال",
            title_en="50% of the works", due_date=start + (end - start) / 2,
        )  # fmt: skip
        paid = (
            Transaction.objects.filter(
                project=project,
                kind="disbursement",
                procurement_payment__isnull=True,
                date__gte=signed,
            )
            .order_by("date")
            .first()
        )
        if paid is not None:
            services.payment_link(by=by, contract=contract, transaction_row=paid, milestone=first)
        if n == 4:
            services.amendment_record(
                by=by, contract=contract, amendment_date=signed + timedelta(days=60),
                value_after=(contract.value * Decimal("1.25")).quantize(Decimal(1)),
                end_after=end + timedelta(days=180),
                reason="Scour protection added after the geotechnical survey",
            )  # fmt: skip
        made += 1
    return made


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
