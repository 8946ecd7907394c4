"""The small world the permission matrix runs in: one user per role and one object of every
kind, plus sentinels that must never reach the roles that may not see them.

Sentinel text carries a marker: `STAFF_ONLY` ("ZZSTAFF") for what only staff may read
(engineers included: a private Derna project, milestone evidence, assessment notes, the
notes and contacts of an organization working in Derna), `HEAD_ONLY` ("ZZHEAD") for what
only head office may read (a private Tripoli project, a confidential agreement, the notes
and contacts of an organization working only in Tripoli, a pending forum registrant).
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from imar.accounts.models import Profile, Role
from imar.aid.enums import LinkStatus, RunStatus
from imar.aid.models import ActivityLink, DonorActivity, DonorTransaction, ImportRun
from imar.feedback import rules as feedback_rules
from imar.feedback.models import Case, CaseNote, CasePhoto
from imar.forum.enums import MeetingStatus, ParticipantKind, ParticipantStatus, Priority
from imar.forum.models import (
    Event,
    Lead,
    Meeting,
    MeetingRequest,
    Participant,
    Room,
    Session,
    Showcase,
    Slot,
    Table,
)
from imar.forum.services.events import slots_generate, tables_create
from imar.geo.models import District, Municipality
from imar.monitoring.models import Milestone, ProgressReport, ReportPhoto, Risk, Transaction
from imar.monitoring.models import ReportStatus as RS
from imar.needs.models import Assessment, DamageRecord, ProjectAppraisal, Scenario
from imar.needs.services import scoring_model_save
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Contact, Organization
from imar.partners.models import (
    ActionItem,
    Agreement,
    AgreementDocument,
    AgreementParty,
    Engagement,
)
from imar.portfolio.enums import OrganizationRole, ProjectStatus, ProjectType
from imar.portfolio.models import (
    ExchangeRate,
    Program,
    Project,
    ProjectDocument,
    ProjectOrganization,
)
from imar.portfolio.sectors import Sector
from imar.procurement import services as procurement
from imar.results.catalogue import catalogue_sync
from imar.results.models import Indicator, IndicatorPeriod, PeriodEvidence, StandardIndicator

STAFF_ONLY = "ZZSTAFF"
HEAD_ONLY = "ZZHEAD"
PASSWORD = "pass-Imar-2026"
ROLES = "APEUFOX"
ROLE_NAMES = {
    "A": "anonymous",
    "P": "partner (forum delegate)",
    "E": "regional engineer (Derna)",
    "U": "auditor",
    "F": "finance officer",
    "O": "fund officer",
    "X": "administrator",
}
# What each role may not see: the markers that must never be in its answers.
HIDDEN = {
    "A": (STAFF_ONLY, HEAD_ONLY),
    "P": (STAFF_ONLY, HEAD_ONLY),
    "E": (HEAD_ONLY,),
    "U": (),
    "F": (),
    "O": (),
    "X": (),
}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _user(username: str, role: str | None, **profile):
    User = get_user_model()
    if role == Role.ADMINISTRATOR:
        return User.objects.create_superuser(username, f"{username}@imar.test", PASSWORD)
    user = User.objects.create_user(username, f"{username}@imar.test", PASSWORD)
    districts = profile.pop("districts", [])
    Profile.objects.create(user=user, role=role, **profile).districts.set(districts)
    return user


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 140, 160)).save(out, format="JPEG")
    return out.getvalue()


def _organization(name: str, **fields) -> Organization:
    fields.setdefault("kind", OrganizationKind.COMPANY)
    fields.setdefault("country", "LY")
    return Organization.objects.create(name_ar=name, name_en=name, **fields)


def _project(code: str, municipality, *, title: str, **fields) -> Project:
    defaults = {
        "sector": Sector.HOUSING,
        "project_type": ProjectType.REHABILITATION,
        "budget": Decimal("1000000.00"),
        "planned_start": date(2025, 1, 1),
        "planned_end": date(2026, 12, 31),
        "status": ProjectStatus.IMPLEMENTATION,
        "description_ar": title,
        "description_en": title,
    }
    defaults.update(fields)
    return Project.objects.create(
        code=code, municipality=municipality, title_ar=title, title_en=title, **defaults
    )


def build_world() -> World:
    """Every kind of object once (visible to every role that may read it), and sentinels."""
    w = World()
    o = w.objects
    derna = Municipality.objects.get(pcode="LY010102")
    tripoli = Municipality.objects.get(pcode="LY021104")
    w.users = {
        "A": None,
        "E": _user("engineer", Role.REGIONAL_ENGINEER, districts=[District.objects.get(iso_code="LY-DR")]),
        "U": _user("auditor", Role.AUDITOR),
        "F": _user("finance", Role.FINANCE),
        "O": _user("officer", Role.FUND_OFFICER),
        "X": _user("admin", Role.ADMINISTRATOR),
    }  # fmt: skip
    officer, engineer = w.users["O"], w.users["E"]

    # Organizations: one working in Derna (and Tripoli), one only in Tripoli, one party only
    # to a confidential agreement.
    o["org"] = _organization(
        "Derna Builders",
        notes=f"{STAFF_ONLY}-NOTE of the Derna builder",
    )
    Contact.objects.create(organization=o["org"], name=f"{STAFF_ONLY}-CONTACT Derna")
    o["org_tripoli"] = _organization(
        f"{HEAD_ONLY}-ORG Tripoli builder", notes=f"{HEAD_ONLY}-NOTE of the Tripoli builder"
    )
    o["contact_tripoli"] = Contact.objects.create(
        organization=o["org_tripoli"], name=f"{HEAD_ONLY}-CONTACT Tripoli"
    )
    o["org_confidential"] = _organization(f"{HEAD_ONLY}-ORG party to a confidential agreement")

    # Projects: public and private in Derna, private in Tripoli; programs of each.
    o["program"] = Program.objects.create(code="MXPROG", name_ar="برنامج", name_en="Program")
    o["program_hidden"] = Program.objects.create(
        code="ZZHEAD-PROG", name_ar=f"{HEAD_ONLY} برنامج", name_en=f"{HEAD_ONLY} program"
    )
    o["project"] = _project("MX-DR-PUB", derna, title="Derna school", is_public=True,
                            program=o["program"])  # fmt: skip
    o["project_derna_private"] = _project(
        "ZZSTAFF-DR-PRIV", derna, title=f"{STAFF_ONLY} Derna private", is_public=False
    )
    o["project_hidden"] = _project(
        "ZZHEAD-TR-PRIV", tripoli, title=f"{HEAD_ONLY} Tripoli private", is_public=False,
        program=o["program_hidden"],
    )  # fmt: skip
    for project in (o["project"], o["project_hidden"]):
        ProjectOrganization.objects.create(
            project=project, organization=o["org"], role=OrganizationRole.CONTRACTOR
        )
    ProjectOrganization.objects.create(
        project=o["project_hidden"], organization=o["org_tripoli"], role=OrganizationRole.FUNDER
    )

    # Partners: a public agreement that also covers the hidden project, a confidential one.
    o["engagement"] = Engagement.objects.create(
        kind="meeting", title_ar="اجتماع", title_en="Matrix meeting", starts_on=date(2026, 3, 10)
    )
    o["engagement"].organizations.set([o["org"]])
    o["agreement"] = Agreement.objects.create(
        kind="grant", reference="MX-AG-PUB", title_ar="اتفاقية", title_en="Public grant",
        status="signed", signed_on=date(2026, 3, 10), is_public=True, engagement=o["engagement"],
        value=Decimal("2000000"), currency="EUR",
    )  # fmt: skip
    o["agreement"].projects.set([o["project"], o["project_hidden"]])
    AgreementParty.objects.create(
        agreement=o["agreement"], organization=o["org"], role="first_party"
    )
    o["agreement_hidden"] = Agreement.objects.create(
        kind="loan", reference="ZZHEAD-AG-CONF", title_ar=f"{HEAD_ONLY} قرض",
        title_en=f"{HEAD_ONLY} confidential loan", status="signed", signed_on=date(2026, 3, 11),
        is_public=False, value=Decimal("9000000"), currency="USD",
    )  # fmt: skip
    o["agreement_hidden"].projects.set([o["project_hidden"]])
    for org, role in ((o["org"], "first_party"), (o["org_confidential"], "second_party")):
        AgreementParty.objects.create(agreement=o["agreement_hidden"], organization=org, role=role)
    o["agreement_document"] = AgreementDocument.objects.create(
        agreement=o["agreement"], title="Signed copy", file=ContentFile(PDF, name="signed.pdf")
    )
    o["action"] = ActionItem.objects.create(
        engagement=o["engagement"], description_ar="متابعة", description_en="Follow up",
        owner_user=engineer, project=o["project"], due_on=date(2030, 1, 1),
    )  # fmt: skip

    _monitoring(w, officer, engineer)
    _needs(w, officer, derna)
    _results(w, officer, engineer)
    _forum(w, officer)
    _aid(w, officer, engineer)
    _feedback(w, engineer)
    _procurement(w, officer)
    _jobs(w, officer)
    return w


def _jobs(w: World, officer) -> None:
    from imar.jobs.models import Job

    w.objects["job"] = Job.objects.create(
        kind="monitoring.figures_refresh", key="matrix", state="succeeded", started_by=officer
    )


def _monitoring(w: World, officer, engineer) -> None:
    o = w.objects
    o["milestone"] = Milestone.objects.create(
        project=o["project"], name_ar="أساسات", name_en="Foundations",
        planned_date=date(2025, 6, 1), weight=Decimal("1"),
        evidence=f"{STAFF_ONLY}-EVIDENCE site minutes",
        evidence_file=ContentFile(PDF, name="evidence.pdf"),
    )  # fmt: skip
    o["milestone_hidden"] = Milestone.objects.create(
        project=o["project_hidden"], name_ar=f"{HEAD_ONLY} مرحلة", name_en=f"{HEAD_ONLY} stage",
        planned_date=date(2025, 6, 1), weight=Decimal("1"),
    )  # fmt: skip
    now = timezone.now()
    common = {"project": o["project"], "report_date": date(2025, 5, 1), "physical_percent": 10}
    o["report_verified"] = ProgressReport.objects.create(
        **common, reporter=engineer, status=RS.VERIFIED, narrative_ar="تقدم", narrative_en="Progress",
        progress_note=f"{STAFF_ONLY}-NOTE of the verified report", submitted_at=now, verified_at=now,
    )  # fmt: skip
    o["photo"] = ReportPhoto.objects.create(
        report=o["report_verified"],
        original=ContentFile(_jpeg(), name="original.jpg"),
        public_image=ContentFile(_jpeg(), name="public.jpg"),
    )
    o["report_submitted"] = ProgressReport.objects.create(
        **common, reporter=engineer, status=RS.SUBMITTED, submitted_at=now,
        narrative_en=f"{STAFF_ONLY}-SUBMITTED report", narrative_ar=f"{STAFF_ONLY} تقرير",
    )  # fmt: skip
    o["report_draft"] = ProgressReport.objects.create(
        **common, reporter=engineer, status=RS.DRAFT,
        narrative_en=f"{STAFF_ONLY}-DRAFT report", narrative_ar=f"{STAFF_ONLY} مسودة",
    )  # fmt: skip
    o["report_hidden"] = ProgressReport.objects.create(
        project=o["project_hidden"], report_date=date(2025, 5, 1), physical_percent=5,
        reporter=officer, status=RS.SUBMITTED, submitted_at=now,
        narrative_en=f"{HEAD_ONLY}-REPORT", narrative_ar=f"{HEAD_ONLY} تقرير",
    )  # fmt: skip
    money = {"kind": "commitment", "date": date(2025, 2, 1), "currency": "LYD",
             "amount": Decimal("500000"), "amount_lyd": Decimal("500000")}  # fmt: skip
    o["transaction"] = Transaction.objects.create(
        project=o["project"], provider=o["org"], reference="MX-TX", **money
    )
    o["transaction_hidden"] = Transaction.objects.create(
        project=o["project_hidden"], provider=o["org_tripoli"], reference="ZZHEAD-TX", **money
    )
    o["risk"] = Risk.objects.create(
        project=o["project"], category="technical", likelihood=2, impact=3,
        description_en="Soil", description_ar="تربة",
    )  # fmt: skip
    o["risk_hidden"] = Risk.objects.create(
        project=o["project_hidden"], category="technical", likelihood=2, impact=3,
        description_en=f"{HEAD_ONLY}-RISK", description_ar=f"{HEAD_ONLY} خطر",
    )  # fmt: skip
    ExchangeRate.objects.create(currency="USD", date=date(2025, 1, 1), rate_to_lyd=Decimal("4.8"))
    o["document"] = ProjectDocument.objects.create(
        project=o["project"], title_ar=f"{STAFF_ONLY} مستند", title_en=f"{STAFF_ONLY}-DOCUMENT",
        file=ContentFile(PDF, name="plan.pdf"), content_type="application/pdf", is_public=False,
    )  # fmt: skip
    o["document_public"] = ProjectDocument.objects.create(
        project=o["project"], title_ar="مخطط", title_en="Public plan",
        file=ContentFile(PDF, name="public.pdf"), content_type="application/pdf", is_public=True,
    )  # fmt: skip


def _results(w: World, officer, engineer) -> None:
    o = w.objects
    catalogue_sync(StandardIndicator)  # as the migration loads it (a flush removes it)
    now = timezone.now()
    values = {
        "title_ar": "مساكن",
        "title_en": "Houses",
        "unit": "housing_units",
        "measure": "count",
    }
    o["indicator"] = Indicator.objects.create(project=o["project"], **values)
    o["indicator_hidden"] = Indicator.objects.create(
        project=o["project_hidden"], unit="km", measure="length",
        title_ar=f"{HEAD_ONLY} طرق", title_en=f"{HEAD_ONLY}-INDICATOR",
    )  # fmt: skip
    span = {"indicator": o["indicator"], "reported_by": engineer}
    o["period_approved"] = IndicatorPeriod.objects.create(
        **span, period_start=date(2024, 1, 1), period_end=date(2024, 6, 30), actual_value=10,
        status="approved", approved_by=officer, approved_at=now, narrative_en="Houses rebuilt",
    )  # fmt: skip
    o["period_submitted"] = IndicatorPeriod.objects.create(
        **span, period_start=date(2024, 7, 1), period_end=date(2024, 12, 31), actual_value=5,
        status="submitted", submitted_at=now, narrative_en=f"{STAFF_ONLY}-SUBMITTED period",
    )  # fmt: skip
    o["period_draft"] = IndicatorPeriod.objects.create(
        **span, period_start=date(2025, 1, 1), period_end=date(2025, 6, 30), actual_value=4,
        narrative_en=f"{STAFF_ONLY}-DRAFT period",
    )  # fmt: skip
    IndicatorPeriod.objects.create(
        indicator=o["indicator_hidden"], period_start=date(2024, 1, 1), actual_value=3,
        period_end=date(2024, 6, 30), status="submitted", narrative_en=f"{HEAD_ONLY}-PERIOD",
    )  # fmt: skip
    o["evidence"] = PeriodEvidence.objects.create(
        period=o["period_submitted"], kind="photo",
        original=ContentFile(_jpeg(), name="evidence.jpg"),
        public_image=ContentFile(_jpeg(), name="evidence-public.jpg"),
    )  # fmt: skip


def _needs(w: World, officer, derna) -> None:
    o = w.objects
    o["assessment"] = Assessment.objects.create(
        name_ar="تقييم", name_en="Storm assessment", conducted_on=date(2024, 1, 15),
        notes=f"{STAFF_ONLY}-ASSESSMENT-NOTES",
    )  # fmt: skip
    o["damage_record"] = DamageRecord.objects.create(
        assessment=o["assessment"], municipality=derna, sector="housing",
        damage=Decimal("700000"), losses=Decimal("300000"), recovery_needs=Decimal("1200000"),
        currency="LYD", people_affected=1000,
    )  # fmt: skip
    o["scoring_model"] = scoring_model_save(
        by=officer, name="Criteria", method="weighted_sum",
        weights={"need_severity": 0.5, "people_served": 0.5},
    )  # fmt: skip
    selected = [o["project"].code, o["project_hidden"].code]
    o["scenario"] = Scenario.objects.create(
        name="Plan", budget=Decimal("5000000"), currency="LYD", scoring_model=o["scoring_model"],
        status="done", created_by=officer,
        result={"status": "optimal", "selected": selected, "total_cost": 2e6, "total_score": 1.0,
                "upper_bound": 1.0, "gap": 0.0, "conflicts": [], "explanations": {}},
    )  # fmt: skip
    o["appraisal"] = ProjectAppraisal.objects.create(project=o["project"], score=70, note="ok")
    o["appraisal_hidden"] = ProjectAppraisal.objects.create(
        project=o["project_hidden"], score=40, note=f"{HEAD_ONLY}-APPRAISAL"
    )


def _participant(event, organization, name, *, status, user=None, code):
    return Participant.objects.create(
        event=event, organization=organization, delegate_name=name, user=user,
        email=f"{code.lower()}@example.test", country="US", kind=ParticipantKind.FOREIGN_COMPANY,
        sectors=["housing"], status=status, checkin_code=code,
    )  # fmt: skip


def _forum(w: World, officer) -> None:
    o = w.objects
    event = o["event"] = Event.objects.create(
        slug="mx-forum", name_ar="منتدى", name_en="Matrix forum", city_ar="بنغازي",
        city_en="Benghazi", starts_on=date(2027, 5, 11), ends_on=date(2027, 5, 12),
        registration_open=True,
    )  # fmt: skip
    room = Room.objects.create(event=event, name_ar="القاعة", name_en="Hall")
    slots_generate(by=officer, event=event, day=date(2027, 5, 11), start=time(10, 0),
                   slot_minutes=20, count=3, breaks=[])  # fmt: skip
    tables_create(by=officer, event=event, room=room, count=2)
    o["session"] = Session.objects.create(
        event=event, title_ar="افتتاح", title_en="Opening", room=room,
        starts_at=timezone.make_aware(datetime(2027, 5, 11, 9, 0)),
        ends_at=timezone.make_aware(datetime(2027, 5, 11, 9, 30)),
    )  # fmt: skip
    delegate = _user("delegate", Role.PARTNER)
    w.users["P"] = delegate
    us_company = _organization("US Water Co", country="US")
    peer_org = _organization("Peer Engineering", country="US")
    o["participant"] = _participant(event, us_company, "Jane Doe", user=delegate,
                                    status=ParticipantStatus.APPROVED, code="MXDEL1")  # fmt: skip
    delegate.profile.organization = us_company
    delegate.profile.save()
    o["peer"] = _participant(event, peer_org, "John Roe", status=ParticipantStatus.APPROVED,
                             code="MXPEER")  # fmt: skip
    pending_org = _organization(f"{HEAD_ONLY}-PENDING registrant company", country="US")
    o["pending"] = _participant(event, pending_org, f"{HEAD_ONLY}-PENDING delegate",
                                status=ParticipantStatus.PENDING, code="MXPEND")  # fmt: skip
    o["showcase"] = Showcase.objects.create(event=event, project=o["project"])
    o["request"] = MeetingRequest.objects.create(
        event=event, from_participant=o["peer"], to_participant=o["participant"],
        priority=Priority.WOULD_LIKE,
    )  # fmt: skip
    accepted = MeetingRequest.objects.create(
        event=event, from_participant=o["participant"], to_participant=o["peer"],
        priority=Priority.MUST_MEET, status="accepted",
    )  # fmt: skip
    o["meeting"] = Meeting.objects.create(
        event=event, request=accepted, slot=Slot.objects.filter(event=event).first(),
        table=Table.objects.filter(event=event).first(), status=MeetingStatus.HELD,
    )  # fmt: skip
    o["lead"] = Lead.objects.create(
        meeting=o["meeting"], recorded_by=o["participant"], interest="high", notes="Keen"
    )


def _aid(w: World, officer, engineer) -> None:
    """A donor's activity (public by `aid/public.py`), confirmed on the public project; a
    suggested link to the hidden project stays inside head office."""
    o = w.objects
    donor = _organization("MX Donor Agency", kind=OrganizationKind.DEVELOPMENT_AGENCY)
    o["import_run"] = ImportRun.objects.create(
        file_name="donor.xml", sha256="0" * 64, size=100, imported_by=officer,
        status=RunStatus.DONE, iati_version="2.03", counts={"created": 1},
        rows=[{"identifier": "XM-MX-1", "outcome": "created", "reason": "", "warnings": []}],
    )  # fmt: skip
    o["activity"] = DonorActivity.objects.create(
        iati_identifier="XM-MX-1", reporting_org=donor, reporting_org_ref="XM-MX",
        reporting_org_name="MX Donor Agency", titles={"en": "Derna schools", "ar": "مدارس"},
        status="2", run=o["import_run"], source_file_name="donor.xml", source_sha256="0" * 64,
        imported_at=timezone.now(), imported_by=officer, default_currency="EUR",
        original_xml=f"<iati-activity>{STAFF_ONLY}-XML</iati-activity>",
    )  # fmt: skip
    o["activity"].districts.set([District.objects.get(iso_code="LY-DR")])
    DonorTransaction.objects.create(
        activity=o["activity"], type_code="2", date=date(2025, 3, 1), value=Decimal("100000"),
        currency="EUR",
    )  # fmt: skip
    o["activity_link"] = ActivityLink.objects.create(
        activity=o["activity"], project=o["project"], status=LinkStatus.CONFIRMED, score=0.9,
        reasons=[], decided_by=officer, decided_at=timezone.now(),
    )  # fmt: skip
    ActivityLink.objects.create(
        activity=o["activity"], project=o["project_hidden"], status=LinkStatus.SUGGESTED,
        score=0.4, reasons=[],
    )  # fmt: skip


def _feedback(w: World, engineer) -> None:
    """A published case on the public Derna project (its photo public, its note internal);
    a case on the hidden Tripoli project."""
    o = w.objects
    now = timezone.now()
    o["case_code"] = feedback_rules.new_tracking_code()
    common = {"received_at": now, "due_at": now + timedelta(days=14)}
    o["case"] = Case.objects.create(
        project=o["project"], category="work_stopped", text="The site is closed",
        contact=f"{STAFF_ONLY}-CASE-CONTACT", fingerprint="mx-case",
        tracking_hash=feedback_rules.code_hash(o["case_code"], settings.SECRET_KEY),
        public_text="The site is closed", answer_en="Work resumes", is_published=True,
        status="answered", answered_at=now, **common,
    )  # fmt: skip
    CaseNote.objects.create(case=o["case"], author=engineer, text=f"{STAFF_ONLY}-CASE-NOTE")
    o["case_photo"] = CasePhoto.objects.create(
        case=o["case"], image=ContentFile(_jpeg(), name="case.jpg"), is_public=True
    )
    Case.objects.create(
        project=o["project_hidden"], category="suggestion", text=f"{HEAD_ONLY}-CASE",
        fingerprint="mx-hidden", tracking_hash="1" * 64, **common,
    )  # fmt: skip


def _procurement(w: World, officer) -> None:
    """A process of the public project walked to a signed contract; a planned one of the
    hidden project."""
    o = w.objects

    def at(month, day):
        return timezone.make_aware(datetime(2025, month, day, 10))

    o["contractor"] = _organization("MX Contractor")
    process = procurement.process_save(
        by=officer, project=o["project"],
        fields={
            "method": "open", "estimated_value": Decimal("1000000"), "currency": "LYD",
            "year": 2025, "title_ar": "مدرسة", "title_en": "School works",
            "procuring_entity": o["org"], "tender_start": at(1, 1), "tender_end": at(1, 31),
        },
    )  # fmt: skip
    procurement.process_transition(process=process, to="tender", by=officer)
    bids = [
        procurement.bid_record(
            by=officer,
            process=process,
            bidder=bidder,
            value=value,
            currency="LYD",
            received_at=at(1, 2 + n),
            status="valid",
            status_reason="",
        )  # fmt: skip
        for n, (bidder, value) in enumerate(
            ((o["contractor"], Decimal("900000")), (o["org"], Decimal("990000")))
        )
    ]
    procurement.process_transition(process=process, to="evaluation", by=officer)
    procurement.award_record(
        by=officer, process=process, bid=bids[0], award_date=date(2025, 3, 1),
        standstill_end=date(2025, 3, 15),
    )  # fmt: skip
    procurement.contract_sign(
        by=officer, process=process, date_signed=date(2025, 3, 20), start_date=date(2025, 4, 1),
        end_date=date(2026, 3, 31),
    )  # fmt: skip
    process.refresh_from_db()
    o["process"] = process
    o["procurement_complaint"] = procurement.complaint_record(
        by=officer, award=process.award, complainant=o["org"], received_on=date(2025, 3, 5),
        summary="Price too low",
    )  # fmt: skip
    o["contract_milestone"] = procurement.milestone_record(
        by=officer, contract=process.contract, title_ar="أساسات", title_en="Foundations",
        due_date=date(2025, 6, 30),
    )  # fmt: skip
    procurement.process_save(
        by=officer, project=o["project_hidden"],
        fields={
            "method": "open", "estimated_value": Decimal("1000000"), "currency": "LYD",
            "year": 2025, "title_ar": f"{HEAD_ONLY} طريق", "title_en": f"{HEAD_ONLY}-PROCESS",
            "procuring_entity": o["org"],
        },
    )  # fmt: skip
