"""Demo step: a few dozen citizens' cases on public projects, Arabic first, in every state
(received, under review, answered, resolved, rejected), some overdue, a few misuse-of-money
and safety cases that raise the attention flag; and one case on a Derna school project
whose tracking code is printed, to follow it on the public site.

Deterministic: dates and tracking codes come from the demo's seeded generator.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from imar.demo.portfolio import REFERENCE_DATE
from imar.feedback import rules
from imar.feedback.models import Case, CaseNote
from imar.feedback.services import escalate_overdue
from imar.portfolio.models import Project

COUNT = 40
# The tracking code of the Derna school case, printed by the demo and used by the screenshots.
SCHOOL_CODE = "DRNA-SCH2-26"

TEXTS = {
    "work_stopped": [
        (
            "توقف العمل في الموقع منذ أكثر من شهر ولا يوجد عمال.",
            "Work on site stopped over a month ago; no workers.",
        ),
        ("المقاول غادر الموقع وترك المعدات.", "The contractor left the site and the equipment."),
    ],
    "quality_safety": [
        (
            "الحفرة أمام المدرسة مفتوحة بلا سياج والأطفال يمرون بجانبها.",
            "The pit in front of the school is open, unfenced; children walk by.",
        ),
        (
            "ظهرت تشققات في الجدار الجديد بعد أسبوعين فقط.",
            "Cracks appeared in the new wall after two weeks.",
        ),
    ],
    "not_as_described": [
        (
            "اللوحة تقول ثلاثة طوابق والمبنى طابقان فقط.",
            "The sign says three floors; the building has two.",
        ),
    ],
    "misuse_of_money": [
        (
            "يُطلب من السكان دفع مبالغ مقابل تسجيلهم في قوائم المستفيدين.",
            "Residents are asked to pay to be put on the beneficiary list.",
        ),
    ],
    "suggestion": [
        (
            "نقترح إضافة منحدر لذوي الإعاقة عند المدخل.",
            "We suggest a ramp for disabled people at the entrance.",
        ),
        (
            "نرجو تركيب إنارة في الشارع المؤدي إلى الموقع.",
            "Please install lights on the street to the site.",
        ),
    ],
    "thanks": [
        ("شكرًا على سرعة إعادة فتح الطريق.", "Thank you for reopening the road quickly."),
    ],
}
ANSWERS = [
    (
        "زار مهندس الصندوق الموقع وسيُستأنف العمل خلال أسبوعين.",
        "The fund's engineer visited; work resumes within two weeks.",
    ),
    (
        "طُلب من المقاول تسييج الموقع فورًا، وتم ذلك.",
        "The contractor was told to fence the site at once, and did.",
    ),
    (
        "شكرًا لملاحظتك؛ أُحيل الاقتراح إلى فريق التصميم.",
        "Thank you; the suggestion went to the design team.",
    ),
]


def _code(rng) -> str:
    raw = "".join(rng.choice(rules.CODE_ALPHABET) for _ in range(rules.CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _at(day, hour) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _school(projects):
    school = projects.filter(sector="education", municipality__district__iso_code="LY-DR").first()
    return school or projects.filter(municipality__district__iso_code="LY-DR").first()


def load(*, rng, options, log):
    if Case.objects.exists():
        return
    projects = Project.objects.public().order_by("id")
    ids = list(projects.values_list("id", flat=True))
    if not ids:
        return
    officer = get_user_model().objects.filter(username="officer").first()
    auditor = get_user_model().objects.filter(username="auditor").first()
    chosen = [rng.choice(ids) for _ in range(COUNT)]
    school = _school(projects)
    categories = list(TEXTS)
    cases, notes = [], []
    for n, project_id in enumerate(chosen):
        category = categories[n % len(categories)]
        text_ar, text_en = rng.choice(TEXTS[category])
        text = text_ar if n % 5 else text_en  # Arabic first: four in five
        received = _at(REFERENCE_DATE - timedelta(days=rng.randint(1, 60)), rng.randint(7, 21))
        days = int(settings.IMAR_FEEDBACK_SLA_DAYS.get(category, 10))
        state = rng.choice(["received", "under_review", "answered", "answered", "resolved"])
        if n % 13 == 12:
            state = "rejected"
        case = Case(
            project_id=project_id,
            category=category,
            text=text,
            language="ar" if n % 5 else "en",
            contact=f"+218 91 {rng.randint(1000000, 9999999)}" if rng.random() < 0.4 else "",
            tracking_hash=rules.code_hash(_code(rng), settings.SECRET_KEY),
            fingerprint=rules.fingerprint(f"{text} {n}", str(project_id)),
            received_at=received,
            due_at=rules.due_at(received, days),
            status=state,
        )
        if state != "received":
            case.reviewed_at = received + timedelta(days=1)
            case.assigned_to = auditor if category == "misuse_of_money" else officer
        if state in ("answered", "resolved"):
            answer = ANSWERS[n % len(ANSWERS)]
            case.answer_ar, case.answer_en = answer
            case.answered_at = received + timedelta(days=rng.randint(1, days + 3), hours=3)
            case.public_text = text
            case.is_published = True
        if state in ("resolved", "rejected"):
            case.decided_at = received + timedelta(days=days + 5)
        if state == "rejected":
            case.rejection_reason = "لا يخص هذا المشروع." if n % 2 else "Not about this project."
        cases.append(case)
    if school is not None:
        received = _at(REFERENCE_DATE - timedelta(days=9), 10)
        cases.append(
            Case(
                project=school,
                category="work_stopped",
                text="توقفت أعمال بناء المدرسة منذ ثلاثة أسابيع والأطفال يدرسون في خيام.",
                language="ar",
                tracking_hash=rules.code_hash(SCHOOL_CODE, settings.SECRET_KEY),
                fingerprint=rules.fingerprint("school", school.code),
                received_at=received,
                due_at=rules.due_at(received, 10),
                status="answered",
                reviewed_at=received + timedelta(days=1),
                answered_at=received + timedelta(days=4),
                assigned_to=officer,
                answer_ar="زار مهندس الصندوق الموقع؛ توقف العمل لتأخر توريد الحديد، ويُستأنف في الأسبوع القادم.",
                answer_en="The fund's engineer visited; work stopped for a late steel delivery and resumes next week.",
                public_text="توقفت أعمال بناء المدرسة منذ ثلاثة أسابيع.",
                is_published=True,
            )
        )
    Case.objects.bulk_create(cases)
    if officer is not None:
        for case in Case.objects.filter(status__in=["under_review", "answered"]).exclude(
            category="misuse_of_money"
        )[:10]:
            notes.append(
                CaseNote(case=case, author=officer, text="اتصلت بالمقاول؛ ننتظر تقرير الموقع.")
            )
        CaseNote.objects.bulk_create(notes)
    escalated = escalate_overdue()
    log(
        f"  feedback: {len(cases)} citizens' cases ({len(escalated)} overdue, escalated); follow the Derna school case with "
        f"tracking code {SCHOOL_CODE}"
    )
