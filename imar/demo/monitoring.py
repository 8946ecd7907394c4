"""Demo step: milestones, verified progress reports (a few hundred with generated photos),
money in LYD, USD and EUR with a demo set of exchange rates, and risks.

Each monitored project draws a profile (on time, late, over budget, both) so the
dashboards and the attention list have something true to show. Rows are bulk-inserted
and photos are capped, so 100,000 projects still load in minutes, 1,500 in seconds.
"""

import io
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from imar.demo.portfolio import REFERENCE_DATE
from imar.demo.rows import Row, insert_rows
from imar.geo.models import Municipality
from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import (
    Milestone,
    ProgressReport,
    ReportPhoto,
    ReportStatus,
    Risk,
    RiskCategory,
    RiskStatus,
    Transaction,
    TransactionKind,
)
from imar.monitoring.models.reports import private_storage
from imar.monitoring.photos import public_copy
from imar.organizations.models import Organization
from imar.portfolio import evm
from imar.portfolio.currency import RateTable
from imar.portfolio.enums import ProjectStatus as ST
from imar.portfolio.models import ExchangeRate, Project

PHOTO_CAP = 200
LARGE = 20_000  # projects: above this, site visits are sparser
BATCH = 5000
MONITORED = {ST.IMPLEMENTATION, ST.COMPLETED, ST.SUSPENDED}
FUNDED = MONITORED | {ST.PROCUREMENT, ST.APPROVED}
PROFILES = [("on_time", 62), ("late", 18), ("over_budget", 12), ("late_over", 8)]
MILESTONES = [
    ("تعبئة الموقع", "Site mobilization"),
    ("الأعمال الترابية والأساسات", "Earthworks and foundations"),
    ("الهيكل الخرساني", "Concrete structure"),
    ("الأعمال الكهربائية والميكانيكية", "Electrical and mechanical works"),
    ("التشطيبات", "Finishing works"),
    ("الاختبار والتسليم", "Testing and handover"),
]
NARRATIVES = [
    (
        "استمرار الأعمال وفق الجدول، ولا عوائق في الموقع.",
        "Work continues on schedule, no obstacles on site.",
    ),
    (
        "تأخر توريد المواد أسبوعين بسبب إغلاق الطريق.",
        "Material deliveries two weeks late after a road closure.",
    ),
    ("اكتمل صب السقف، وبدأت أعمال الجدران.", "Roof slab poured; wall works started."),
    ("نقص في العمالة الماهرة خلال هذا الشهر.", "Shortage of skilled labour this month."),
]


def _rates(log) -> RateTable:
    """Monthly USD and EUR rates, 2019 to the reference date (the 2021 devaluation too)."""
    rows, table = [], {"USD": [], "EUR": []}
    day = date(2019, 1, 1)
    while day <= REFERENCE_DATE:
        months = (day.year - 2019) * 12 + day.month - 1
        usd = (
            Decimal("1.40")
            if day < date(2021, 1, 1)
            else Decimal("4.48") + Decimal(months - 24) * Decimal("0.0085")
        )
        eur = usd * (Decimal("1.12") if day.year < 2022 else Decimal("1.08"))
        for code, rate in (("USD", usd), ("EUR", eur)):
            rate = rate.quantize(Decimal("0.0001"))
            rows.append(ExchangeRate(currency=code, date=day, rate_to_lyd=rate))
            table[code].append((day, rate))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    ExchangeRate.objects.bulk_create(rows, ignore_conflicts=True)
    log(f"  {len(rows)} exchange rates")
    return RateTable((code, day, rate) for code, days in table.items() for day, rate in days)


def _rate(table, code, day) -> Decimal:
    return table.rate(code, day)


def _photo(code: str, percent: float, day: date, rng) -> bytes:
    """A small drawn site picture: sky, ground, a building rising with progress, the code."""
    image = Image.new("RGB", (640, 480), (135 + rng.randint(0, 40), 190, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 340, 640, 480], fill=(194, 170, 120))
    height = int(40 + 240 * percent / 100)
    left = rng.randint(120, 260)
    draw.rectangle(
        [left, 340 - height, left + 260, 340], fill=(200, 200, 195), outline=(90, 90, 90)
    )
    for y in range(340 - height + 20, 340, 40):
        for x in range(left + 20, left + 240, 50):
            draw.rectangle([x, y, x + 25, y + 18], fill=(70, 90, 110))
    draw.line([left - 30, 340, left - 30, 60], fill=(240, 190, 40), width=6)  # crane
    draw.line([left - 30, 60, left + 200, 60], fill=(240, 190, 40), width=6)
    draw.rectangle([0, 0, 640, 36], fill=(11, 93, 59))
    draw.text((12, 10), f"{code}  {day.isoformat()}  {percent:.0f}%", fill=(255, 255, 255))
    exif = Image.Exif()
    exif[0x010F] = "Imar demo camera"  # Make: the public copy must lose it
    exif[0x8825] = {1: "N", 2: (32.0, 45.0, 0.0), 3: "E", 4: (22.0, 38.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70, exif=exif)
    return out.getvalue()


def _milestones(rng, project) -> list[Milestone]:
    start, end = project.planned_start, project.planned_end
    span = max((end - start).days, 30)
    count = rng.randint(3, 6)
    names = MILESTONES[:1] + rng.sample(MILESTONES[1:-1], count - 2) + MILESTONES[-1:]
    names.sort(key=MILESTONES.index)
    out = []
    for i, (ar, en) in enumerate(names):
        share = (i + 1) / count
        day = start + timedelta(days=int(span * min(1, share + rng.uniform(-0.05, 0.05))))
        out.append(
            Milestone(
                project=project,
                name_ar=ar,
                name_en=en,
                planned_date=min(day, end),
                weight=Decimal(rng.choice([5, 10, 15, 20, 25, 30])),
            )
        )
    out[-1].planned_date = end
    for milestone in out:
        milestone.refresh_search_text()
    return out


class _Writer:
    """Buffers rows per model and inserts them in batches (`insert_rows`: no primary keys
    come back, so photos find their report by its client token)."""

    def __init__(self):
        self.rows = {Milestone: [], ProgressReport: [], Transaction: [], Risk: []}
        self.counts = dict.fromkeys(self.rows, 0)

    def add(self, row):
        model = row.model if isinstance(row, Row) else type(row)
        bucket = self.rows[model]
        bucket.append(row)
        if len(bucket) >= BATCH:
            self.flush(model)

    def flush(self, model=None):
        for kind in [model] if model else list(self.rows):
            if self.rows[kind]:
                self.counts[kind] += insert_rows(kind, self.rows[kind])
                self.rows[kind] = []


def _aware(day: date, rng) -> datetime:
    moment = datetime.combine(day, time(9 + rng.randint(0, 8), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now())


class _Builder:
    def __init__(self, rng, rates, users, writer):
        self.rng, self.rates, self.users, self.w = rng, rates, users, writer
        self.today = timezone.localdate()
        self.photo_candidates = []
        self.visit_gap = (40, 80)  # days between site visits
        self.fund_ids = {None}  # funders that are the fund itself (None: no funder named)
        self.fund_org_id = None

    def lyd(self, amount: Decimal, currency: str, day: date) -> Decimal:
        return (amount * _rate(self.rates, currency, day)).quantize(Decimal("0.01"))

    def money(
        self, project, kind, day, amount_lyd, currency, provider=None, reason="", receiver=None
    ):
        amount = (amount_lyd / _rate(self.rates, currency, day)).quantize(Decimal("0.01"))
        if amount <= 0:
            return Decimal(0)
        row = Row(
            Transaction,
            project=project,
            kind=kind,
            date=day,
            amount=amount,
            currency=currency,
            amount_lyd=self.lyd(amount, currency, day),
            provider_id=provider,
            receiver_id=receiver,
            reference=f"{kind[:3].upper()}-{project.code}-{day:%y%m%d}",
            override_reason=reason,
            override_by=self.users["finance"] if reason else None,
            recorded_by=self.users["finance"],
        )
        self.w.add(row)
        return row.amount_lyd

    def disbursement_receiver(self, funder_id, receiver_id):
        if funder_id in self.fund_ids or self.fund_org_id is None:
            return receiver_id
        return self.fund_org_id

    def project(self, project, funder_id, receiver_id=None):
        """The project's money. `receiver_id` is who the project pays (its implementer, else its
        contractor): expenditures go to it, and so do disbursements when the fund itself is the
        funder; another funder's disbursements go to the fund. Every disbursement names its
        receiver."""
        rng = self.rng
        profile = rng.choices([p for p, _ in PROFILES], weights=[w for _, w in PROFILES])[0]
        speed = rng.uniform(0.55, 0.85) if "late" in profile else rng.uniform(0.97, 1.08)
        cost = rng.uniform(1.2, 1.6) if "over" in profile else rng.uniform(0.93, 1.04)
        milestones = _milestones(rng, project)
        budget_day = min(project.planned_start, self.today)
        bac = self.lyd(project.budget, project.currency, budget_day)
        commit_day = min(
            max(project.planned_start - timedelta(days=30), date(2019, 1, 2)), self.today
        )
        committed = self.money(
            project, TransactionKind.COMMITMENT, commit_day, bac, project.currency, funder_id
        )
        if project.status not in MONITORED or project.actual_start is None:
            for m in milestones:
                self.w.add(m)
            return
        plan = evm.EVMProject(
            bac=Decimal(1),
            planned_start=project.planned_start,
            planned_end=project.planned_end,
            milestones=[(m.planned_date, m.weight) for m in milestones],
        )
        percent, disbursed, spent, reports = Decimal(0), Decimal(0), Decimal(0), []
        for day in self.visit_days(project):
            planned = plan.planned_percent(day)
            target = Decimal(min(100.0, float(planned) * speed)).quantize(Decimal("0.1"))
            percent = max(percent, target)
            reports.append((day, percent))
            spend_to = bac * percent / 100 * Decimal(cost)
            currency = rng.choices(["LYD", "USD", "EUR"], weights=[80, 12, 8])[0]
            spent += self.money(
                project,
                TransactionKind.EXPENDITURE,
                day,
                spend_to - spent,
                currency,
                receiver=receiver_id,
            )
            pay_to = min(committed, bac * min(percent + 10, 100) / 100)
            if pay_to - disbursed > bac / 20:
                disbursed += self.money(
                    project,
                    TransactionKind.DISBURSEMENT,
                    day,
                    pay_to - disbursed,
                    project.currency,
                    funder_id,
                    receiver=self.disbursement_receiver(funder_id, receiver_id),
                )
        if project.status == ST.COMPLETED and project.actual_end:
            reports.append((project.actual_end, Decimal(100)))
        if reports and rng.random() < 0.01:
            self.money(
                project,
                TransactionKind.DISBURSEMENT,
                reports[-1][0],
                bac / 10,
                project.currency,
                funder_id,
                reason="Advance approved by the board for winter works (demo).",
                receiver=self.disbursement_receiver(funder_id, receiver_id),
            )
        self.reports(project, reports)
        self.milestones_reached(milestones, reports)

    def milestones_reached(self, milestones, reports) -> None:
        """A milestone is done on the first visit that saw its share of the work built."""
        total = sum(m.weight for m in milestones) or Decimal(1)
        reached = Decimal(0)
        for m in sorted(milestones, key=lambda m: m.planned_date):
            reached += m.weight
            share = reached / total * 100
            m.actual_date = next((day for day, pct in reports if pct >= share - 1), None)
            if m.actual_date:
                m.evidence = "Site visit report and photos (demo)."
            self.w.add(m)

    def visit_days(self, project) -> list[date]:
        """Site visits every 40-80 days (90-150 for large portfolios); most active projects were visited recently, one in
        ten has gone silent (for the no-recent-report alert)."""
        rng = self.rng
        last_day = project.actual_end or self.today
        silent = project.status == ST.IMPLEMENTATION and rng.random() < 0.1
        if silent:
            last_day = self.today - timedelta(days=rng.randint(90, 200))
        days, day = [], project.actual_start + timedelta(days=rng.randint(20, 45))
        while day <= last_day:
            days.append(day)
            day += timedelta(days=rng.randint(*self.visit_gap))
        recent = self.today - timedelta(days=rng.randint(2, 20))
        if project.status == ST.IMPLEMENTATION and not silent and (not days or days[-1] < recent):
            days.append(recent)
        return days

    def reports(self, project, reports):
        rng, users = self.rng, self.users
        reporter = (
            users["engineer"] if project.municipality_id in users["derna"] else users["officer"]
        )
        for i, (day, percent) in enumerate(reports):
            status = ReportStatus.VERIFIED
            if i == len(reports) - 1 and project.status == ST.IMPLEMENTATION:
                status = rng.choices(
                    [
                        ReportStatus.VERIFIED,
                        ReportStatus.SUBMITTED,
                        ReportStatus.RETURNED,
                        ReportStatus.DRAFT,
                    ],
                    weights=[85, 8, 4, 3],
                )[0]
            ar, en = rng.choice(NARRATIVES)
            submitted = _aware(day + timedelta(days=rng.randint(0, 2)), rng)
            verified = status == ReportStatus.VERIFIED
            report = Row(
                ProgressReport,
                project=project,
                report_date=day,
                physical_percent=percent,
                narrative_ar=ar,
                narrative_en=en,
                reporter=reporter,
                status=status,
                submitted_at=None if status == ReportStatus.DRAFT else submitted,
                verified_by=users["director"] if verified else None,
                verified_at=_aware(day + timedelta(days=rng.randint(3, 12)), rng)
                if verified
                else None,
                return_reason="الصور لا تظهر الأعمال المذكورة؛ أرفق صوراً أوضح."
                if status == ReportStatus.RETURNED
                else "",
                client_token=uuid.uuid4(),
            )
            self.w.add(report)
            if verified and len(self.photo_candidates) < PHOTO_CAP and rng.random() < 0.3:
                self.photo_candidates.append((report, project.code))


# Photo captions and risk owners: (Arabic, English).
CAPTIONS = [("واجهة الموقع", "The site's front"), ("الأعمال الجارية", "Works in progress")]
RISK_OWNERS = [
    ("مهندس الموقع", "Site engineer"), ("المسؤول المالي", "Finance officer"),
    ("المقاول", "Contractor"),
]  # fmt: skip


def _photos(rng, candidates, log) -> None:
    ids = dict(
        ProgressReport.objects.filter(
            client_token__in=[report.client_token for report, _code in candidates]
        ).values_list("client_token", "id")
    )
    rows = []
    for report, code in candidates:
        for n in range(rng.randint(1, 2)):
            data = _photo(code, float(report.physical_percent), report.report_date, rng)
            name = f"portfolio/reports/demo-{report.client_token.hex[:12]}-{n}.jpg"
            original = private_storage.save(name, ContentFile(data))
            public = default_storage.save(name, public_copy(io.BytesIO(data)))
            caption, caption_en = CAPTIONS[min(n, len(CAPTIONS) - 1)]
            rows.append(
                ReportPhoto(
                    report_id=ids[report.client_token],
                    original=original,
                    public_image=public,
                    caption=caption,
                    caption_en=caption_en,
                )
            )
    ReportPhoto.objects.bulk_create(rows)
    log(f"  {len(rows)} report photos")


def _risks(rng, projects, writer) -> None:
    texts = {
        RiskCategory.SECURITY: ("توتر أمني قرب الموقع", "Security tension near the site"),
        RiskCategory.FINANCIAL: ("تأخر التحويلات من الممول", "Late transfers from the funder"),
        RiskCategory.TECHNICAL: ("تربة ضعيفة تحتاج معالجة", "Weak soil needs treatment"),
        RiskCategory.ENVIRONMENTAL: ("فيضانات موسمية", "Seasonal flooding"),
        RiskCategory.SOCIAL: ("اعتراض السكان على المسار", "Residents object to the route"),
        RiskCategory.PROCUREMENT: ("ارتفاع أسعار الحديد", "Rising steel prices"),
    }
    for project in projects:
        count = rng.choice([0, 1, 1, 2, 3])
        categories = rng.sample(list(texts), count)
        if project.status == ST.SUSPENDED:
            categories = [RiskCategory.SECURITY, *categories[:1]]
        for category in categories:
            ar, en = texts[category]
            occurred = project.status == ST.SUSPENDED and category == RiskCategory.SECURITY
            writer.add(
                Row(
                    Risk,
                    project=project,
                    category=category,
                    description_ar=ar,
                    description_en=en,
                    likelihood=rng.randint(1, 5),
                    impact=rng.randint(1, 5),
                    mitigation="التنسيق مع السلطات المحلية.",
                    mitigation_en="Coordination with the local authorities.",
                    **dict(zip(("owner", "owner_en"), rng.choice(RISK_OWNERS), strict=True)),
                    status=RiskStatus.OCCURRED
                    if occurred
                    else rng.choice(
                        [RiskStatus.OPEN, RiskStatus.OPEN, RiskStatus.MITIGATED, RiskStatus.CLOSED]
                    ),
                )
            )


def _users() -> dict:
    User = get_user_model()
    found = {
        u.username: u
        for u in User.objects.filter(username__in=["engineer", "officer", "director", "finance"])
    }

    users = {name: found.get(name) for name in ("engineer", "officer", "director", "finance")}
    users["derna"] = set(
        Municipality.objects.filter(district__iso_code="LY-DR").values_list("id", flat=True)
    )
    return users


def load(*, rng, options, log):
    rates = _rates(log)
    writer = _Writer()
    builder = _Builder(rng, rates, _users(), writer)
    if Project.objects.count() > LARGE:
        builder.visit_gap = (90, 150)  # a lighter history keeps 100,000 projects loadable
    projects = (
        Project.objects.filter(
            status__in=FUNDED, budget__gt=0, planned_start__isnull=False, planned_end__isnull=False
        )
        .only(
            "id",
            "code",
            "status",
            "budget",
            "currency",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "municipality_id",
        )
        .order_by("id")
    )
    funders = dict(
        Project.organizations.through.objects.filter(role="funder").values_list(
            "project_id", "organization_id"
        )
    )
    receivers = dict(  # later rows win: "contractor" < "implementer", so the implementer
        Project.organizations.through.objects.filter(role__in=["implementer", "contractor"])
        .order_by("role", "id")
        .values_list("project_id", "organization_id")
    )
    # The fund funding a project itself pays its implementer or contractor directly.
    fund = Organization.objects.filter(acronym="DRF").values_list("pk", flat=True)
    builder.fund_ids = {None, *fund}
    builder.fund_org_id = fund.first()
    under_way = []
    for project in projects.iterator(chunk_size=2000):
        builder.project(project, funders.get(project.id), receivers.get(project.id))
        if project.status != ST.COMPLETED:
            under_way.append(project)
    _risks(rng, under_way, writer)
    writer.flush()
    for model, count in writer.counts.items():
        log(f"  {count} {model.__name__} rows")
    _photos(rng, builder.photo_candidates, log)
    refreshed = refresh_figures(as_of=timezone.localdate())
    log(f"  figures of {refreshed} projects")
