"""Demo step: a working history, made through the same services the staff pages call.

The other steps load rows in bulk (fast at 100,000 projects) and so leave the audit trail
nearly empty: an auditor opening a project's history would see nothing to check. Here the
demo's people do a few weeks of ordinary work on a sample of projects, each action through
its service, so each is checked by the fund's rules and sealed in the trail with its author:
the director revises budgets with a reason, finance records commitments and the payments
that settle them, the Derna engineer files site reports that the planning officer verifies
or returns (and the engineer corrects), risks are raised and mitigated, milestones are
reached, approved projects move to procurement. Events carry the time the demo ran: the
trail is never backdated, by design.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from imar.monitoring import milestones, money, reports, risks
from imar.monitoring.models import (
    Milestone,
    ProgressReport,
    ReportStatus,
    RiskCategory,
    RiskStatus,
    TransactionKind,
)
from imar.portfolio import lifecycle
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.models import Project
from imar.portfolio.services import project_update

SAMPLE = 30  # projects under way that get a history (a third of them in Derna)
DERNA = "LY-DR"
BUDGET_REASONS = [
    "مراجعة جدول الكميات بعد المسح الميداني.",
    "إضافة أعمال تصريف مياه الأمطار بطلب من البلدية.",
    "ارتفاع أسعار الحديد والإسمنت منذ التعاقد.",
]
RETURN_REASON = "الصور غير واضحة: أرفق صورًا أقرب للأعمال الخرسانية مع تاريخ الزيارة."
NARRATIVE = (
    "تقدّم الأعمال وفق الجدول؛ صُبّت أعمدة الطابق الأول.",
    "Works on schedule; the first-floor columns were cast.",
)
CORRECTED = (
    "أُضيفت صور أقرب للأعمال الخرسانية، مؤرخة يوم الزيارة.",
    "Closer photos of the concrete works added, dated on the day of the visit.",
)
RISK = {
    "category": RiskCategory.TECHNICAL,
    "description_ar": "تأخر توريد حديد التسليح من الميناء.",
    "description_en": "Reinforcing steel delayed at the port.",
    "likelihood": 3,
    "impact": 3,
    "mitigation": "طُلب من مورّد محلي توريد بديل.",
    "mitigation_en": "A local supplier was asked for an alternative delivery.",
    "owner": "مهندس الموقع",
    "owner_en": "Site engineer",
}


def _people():
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["director", "officer", "finance", "engineer"]
    )}  # fmt: skip
    return users if len(users) == 4 else None


def _sample() -> list[Project]:
    under_way = Project.objects.filter(
        status=ProjectStatus.IMPLEMENTATION, budget__isnull=False, is_public=True
    ).select_related("municipality__district")
    derna = list(under_way.filter(municipality__district__iso_code=DERNA).order_by("code"))
    others = list(under_way.exclude(municipality__district__iso_code=DERNA).order_by("code"))
    chosen = derna[: SAMPLE // 3]
    return chosen + others[: SAMPLE - len(chosen)]


def _receiver(project: Project):
    for part in project.participations.all():
        if part.role == OrganizationRole.CONTRACTOR:
            return part.organization
    return None


def _site_report(project, people, n, today):
    """The engineer files a report on a Derna project; one in three comes back for better
    photos and is corrected before the officer verifies it."""
    engineer, officer = people["engineer"], people["officer"]
    last = (
        ProgressReport.objects.filter(project=project, status=ReportStatus.VERIFIED)
        .order_by("-report_date")
        .first()
    )
    if last is not None and last.report_date >= today:
        return 0
    percent = min(Decimal(100), (last.physical_percent if last else Decimal(0)) + Decimal(4))
    report, _created = reports.report_save(
        by=engineer,
        project=project,
        report_date=today,
        physical_percent=percent,
        narrative_ar=NARRATIVE[0],
        narrative_en=NARRATIVE[1],
    )
    reports.report_submit(report=report, by=engineer)
    events = 2
    if n % 3 == 0:
        reports.report_return(report=report, by=officer, reason=RETURN_REASON)
        reports.report_update(
            report=report, by=engineer, narrative_ar=CORRECTED[0], narrative_en=CORRECTED[1]
        )
        reports.report_submit(report=report, by=engineer)
        events += 3
    reports.report_verify(report=report, by=officer)
    return events + 1


def _money(project, people, today):
    """A commitment for the next phase, and the first payment against it."""
    finance = people["finance"]
    amount = (project.budget * Decimal("0.05")).quantize(Decimal("1"))
    if amount <= 0:
        return 0
    fund = project.participations.filter(role=OrganizationRole.FUNDER).first()
    provider = fund.organization if fund else None
    commitment = money.transaction_create(
        by=finance,
        project=project,
        kind=TransactionKind.COMMITMENT,
        date=today - timedelta(days=20),
        amount=amount,
        currency=project.currency,
        provider=provider,
        receiver=_receiver(project),
        reference=f"C-{project.code}-H",
    )
    money.transaction_create(
        by=finance,
        project=project,
        kind=TransactionKind.DISBURSEMENT,
        date=today - timedelta(days=6),
        amount=(amount * Decimal("0.4")).quantize(Decimal("1")),
        currency=project.currency,
        provider=provider,
        receiver=_receiver(project),
        reference=f"D-{project.code}-H",
        pays=commitment,
    )
    return 2


def load(*, rng, options, log):
    people = _people()
    if people is None:
        log("  skipped: the demo users are missing")
        return
    today = timezone.localdate()
    events = 0
    projects = _sample()
    for n, project in enumerate(projects):
        project = Project.objects.get(pk=project.pk)  # as stored now, with its version
        if n % 2 == 0:
            project_update(
                project=project,
                by=people["director"],
                reason=BUDGET_REASONS[n % len(BUDGET_REASONS)],
                budget=(project.budget * Decimal("1.06")).quantize(Decimal("1000")),
            )
            events += 1
        try:
            events += _money(project, people, today)
        except Exception as refused:  # a rule of the fund said no (e.g. no rate that day)
            log(f"  {project.code}: money not recorded ({refused})")
        if project.municipality.district.iso_code == DERNA:
            events += _site_report(project, people, n, today)
        milestone = (
            Milestone.objects.filter(project=project, actual_date__isnull=True)
            .order_by("planned_date")
            .first()
        )
        if milestone is not None and milestone.planned_date <= today:
            milestones.milestone_update(
                milestone=milestone, by=people["engineer"], actual_date=today
            )
            events += 1
        if n % 4 == 1:
            risk = risks.risk_create(by=people["engineer"], project=project, **RISK)
            risks.risk_update(risk=risk, by=people["officer"], status=RiskStatus.MITIGATED)
            events += 2
    approved = (
        Project.objects.filter(
            status=ProjectStatus.APPROVED, participations__role=OrganizationRole.IMPLEMENTER
        )
        .distinct()
        .order_by("code")[:4]
    )
    for project in approved:
        try:
            lifecycle.project_transition(
                project=project,
                to=ProjectStatus.PROCUREMENT,
                by=people["director"],
                reason="اكتملت وثائق المناقصة واعتُمد التمويل.",
            )
            events += 1
        except Exception as refused:
            log(f"  {project.code}: not moved to procurement ({refused})")
    log(f"  {events} audited actions on {len(projects)} projects")
