"""Demo step: the second Libyan–American Forum (Benghazi, May 2027) with about 300 delegates,
20 showcased projects from the demo portfolio, meeting requests from the matcher's
recommendations, and a schedule computed by the scheduler (16 slots, 100 tables)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from imar.accounts.models import Profile, Role
from imar.demo.accounts import DEMO_PASSWORD
from imar.demo.forum_data import (
    AGENCIES,
    FIRST_NAMES_AR,
    FIRST_NAMES_EN,
    JOB_TITLES,
    LAST_NAMES_AR,
    LAST_NAMES_EN,
    LIBYAN,
    OTHER_FOREIGN,
    SECTOR_TEXTS,
    SESSIONS,
    US_COMPANIES,
)  # fmt: skip
from imar.forum import matching
from imar.forum.enums import ParticipantStatus, Priority, RequestStatus
from imar.forum.models import (
    Event,
    MeetingRequest,
    Participant,
    Room,
    Session,
    Showcase,
    Slot,
    Table,
)
from imar.forum.services.events import slots_generate
from imar.forum.services.meeting_requests import organizer_meeting_create
from imar.forum.services.registration import _CODE_ALPHABET
from imar.forum.services.schedule import schedule_run
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.currency import ConversionError, convert
from imar.portfolio.models import Project

SLUG = "libyan-american-forum-2027"
DAYS = (date(2027, 5, 18), date(2027, 5, 19))
DELEGATE_USERNAME = "delegate"


def _event() -> Event:
    return Event.objects.create(
        slug=SLUG,
        name_ar="المنتدى الليبي الأمريكي الثاني",
        name_en="Second Libyan–American Forum",
        city_ar="بنغازي",
        city_en="Benghazi",
        venue_ar="مركز بنغازي الدولي للمؤتمرات",
        venue_en="Benghazi International Conference Centre",
        starts_on=DAYS[0],
        ends_on=DAYS[1],
        registration_open=True,
        description_ar=(
            "منصة للحوار الاقتصادي يعرض فيها صندوق التنمية وإعادة الإعمار مشاريعه الاستراتيجية، "
            "وتلتقي فيها المؤسسات الليبية بالشركات الأمريكية والأجنبية في لقاءات ثنائية."
        ),
        description_en=(
            "A platform for economic dialogue where the Development and Reconstruction Fund "
            "presents its strategic projects and Libyan institutions meet American and other "
            "foreign companies one to one."
        ),
    )


def _agenda(event: Event, log) -> None:
    hall = Room.objects.create(event=event, name_ar="القاعة الكبرى", name_en="Grand hall")
    annex = Room.objects.create(event=event, name_ar="قاعة اللقاءات", name_en="Meetings hall")
    # Sessions in the morning (08:30-10:00 local), meetings from 10:00.
    for k, (title_ar, title_en, speakers, speakers_en) in enumerate(SESSIONS):
        day = DAYS[k // 3]
        start = timezone.make_aware(datetime.combine(day, time(8, 30))) + timedelta(
            minutes=30 * (k % 3)
        )
        Session.objects.create(
            event=event, title_ar=title_ar, title_en=title_en, speakers=speakers,
            speakers_en=speakers_en, room=hall,
            starts_at=start, ends_at=start + timedelta(minutes=30),
        )  # fmt: skip
    for day in DAYS:
        slots_generate(
            by=None, event=event, day=day, start=time(10, 0), slot_minutes=20, count=8,
            breaks=[(4, 30)],
        )  # fmt: skip
    Table.objects.bulk_create(
        Table(event=event, room=hall if n <= 50 else annex, number=n) for n in range(1, 101)
    )


def _organizations() -> list[tuple[Organization, str]]:
    rows: list[tuple[Organization, str]] = []
    for name_en in US_COMPANIES:
        rows.append((Organization(name_ar=name_en, name_en=name_en, kind=OrganizationKind.COMPANY, country="US"), "foreign_company"))  # fmt: skip
    for country, name_en in OTHER_FOREIGN:
        rows.append((Organization(name_ar=name_en, name_en=name_en, kind=OrganizationKind.COMPANY, country=country), "foreign_company"))  # fmt: skip
    for name_ar, name_en, kind in LIBYAN:
        org_kind = OrganizationKind.GOVERNMENT_BODY
        if "Company" in name_en or "Contracting" in name_en or "Engineering" in name_en:
            org_kind = OrganizationKind.COMPANY
        rows.append((Organization(name_ar=name_ar, name_en=name_en, kind=org_kind, country="LY"), kind))  # fmt: skip
    for country, name_en, name_ar in AGENCIES:
        rows.append((Organization(name_ar=name_ar, name_en=name_en, kind=OrganizationKind.DEVELOPMENT_AGENCY, country=country), "agency"))  # fmt: skip
    # Organizations already in the partners demo (ministries, utilities) are reused.
    existing = {
        o.name_en: o for o in Organization.objects.filter(name_en__in=[o.name_en for o, _k in rows])
    }
    rows = [(existing.get(org.name_en, org), kind) for org, kind in rows]
    new = [org for org, _kind in rows if org.pk is None]
    for org in new:
        org.refresh_search_text()
    Organization.objects.bulk_create(new)
    return rows


def _texts(rng, kind: str) -> tuple[list[str], str, str]:
    picks = rng.sample(SECTOR_TEXTS, k=rng.choice([1, 2, 2, 3]))
    sectors = [p[0] for p in picks]
    arabic = kind in ("libyan_institution", "government") or rng.random() < 0.15
    if kind in ("foreign_company",):
        offers = "; ".join(p[2] if arabic else p[1] for p in picks)
        seeks = rng.choice(
            ["Libyan partners and local contractors", "شركاء ليبيون ومقاولون محليون",
             "Projects in " + ", ".join(p[0].replace("_", " ") for p in picks)]
        )  # fmt: skip
    elif kind == "agency":
        offers = "Financing, feasibility studies and export credit; " + picks[0][1]
        seeks = "Projects ready for investment; " + picks[0][3]
    else:
        offers = rng.choice(["شراكة محلية ومعرفة بالسوق", "Local partnership and site access"])
        seeks = "؛ ".join(p[4] if arabic else p[3] for p in picks)
    return sectors, offers, seeks


def _code(rng, used: set[str]) -> str:
    while True:
        code = "".join(rng.choice(_CODE_ALPHABET) for _ in range(6))
        if code not in used:
            used.add(code)
            return code


def _participants(rng, event: Event) -> list[Participant]:
    people: list[Participant] = []
    used: set[str] = set()
    for org, kind in _organizations():
        sectors, offers, seeks = _texts(rng, kind)
        libyan = org.country == "LY"
        for k in range(rng.choice([2, 3, 3, 4]) if kind != "agency" else 2):
            if libyan:
                (first, first_latin), (last, last_latin) = (
                    rng.choice(FIRST_NAMES_AR),
                    rng.choice(LAST_NAMES_AR),
                )
                name, latin = f"{first} {last}", f"{first_latin} {last_latin}"
            else:
                name, latin = f"{rng.choice(FIRST_NAMES_EN)} {rng.choice(LAST_NAMES_EN)}", ""
            job_title, job_title_en = rng.choice(JOB_TITLES)
            code = _code(rng, used)
            people.append(
                Participant(
                    event=event,
                    organization=org,
                    delegate_name=name,
                    name_latin=latin,
                    job_title=job_title,
                    job_title_en=job_title_en,
                    email=f"d{len(people) + 1}@{org.pk}.forum.demo",
                    phone=f"+{rng.randrange(10**9, 10**10)}",
                    country=org.country,
                    kind=kind,
                    sectors=sectors,
                    offers=offers,
                    seeks=seeks,
                    max_meetings=rng.choice([None, 6, 8, 10]),
                    checkin_code=code,
                    status=ParticipantStatus.PENDING
                    if rng.random() < 0.05
                    else ParticipantStatus.APPROVED,
                )  # fmt: skip
            )
            if k and len(people) >= 300:
                break
    for person in people:
        person.refresh_search_text()
    return Participant.objects.bulk_create(people)


def _accounts(people: list[Participant]) -> None:
    """Approved delegates get partner accounts (login by link); one has the demo password."""
    User = get_user_model()
    approved = [p for p in people if p.status == ParticipantStatus.APPROVED]
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(username=p.email, email=p.email, first_name=p.delegate_name[:150], password=unusable)
        for p in approved
    )
    Profile.objects.bulk_create(
        Profile(
            user=u, role=Role.PARTNER, organization_id=p.organization_id, name_latin=p.name_latin
        )
        for u, p in zip(users, approved, strict=True)
    )
    for user, participant in zip(users, approved, strict=True):
        participant.user = user
    Participant.objects.bulk_update(approved, ["user"])
    demo = next(p for p in approved if p.country == "US")
    demo.user.username = DELEGATE_USERNAME

    demo.user.set_password(DEMO_PASSWORD)
    demo.user.save()


def _funding(rng, project: Project) -> Decimal:
    """Funding sought in US dollars: a part (30-80%) of the project's budget, to 0.1 million."""
    try:
        usd = convert(project.budget, project.currency, "USD", timezone.localdate())
    except ConversionError:
        usd = project.budget / Decimal("4.8") if project.currency == "LYD" else project.budget
    share = Decimal(rng.randrange(30, 81)) / 100
    return max((usd * share / 100_000).quantize(Decimal(1)) * 100_000, Decimal(100_000))


def _showcase(rng, event: Event, people: list[Participant]) -> list[Showcase]:
    owners = [p for p in people if p.country == "LY" and p.status == ParticipantStatus.APPROVED]
    chosen: list[Project] = []
    for sector in [t[0] for t in SECTOR_TEXTS] * 2:
        project = (
            Project.objects.filter(is_public=True, sector=sector, budget__isnull=False)
            .exclude(pk__in=[p.pk for p in chosen])
            .order_by("-budget")
            .first()
        )
        if project:
            chosen.append(project)
    if len(chosen) < 20:
        chosen += list(
            Project.objects.filter(is_public=True, budget__isnull=False)
            .exclude(pk__in=[p.pk for p in chosen])
            .order_by("-budget")[: 20 - len(chosen)]
        )
    return Showcase.objects.bulk_create(
        Showcase(
            event=event,
            project=project,
            owner=rng.choice(owners),
            funding_amount=_funding(rng, project),
            funding_currency="USD",
            partner_needs=next(
                (t[4] for t in SECTOR_TEXTS if t[0] == project.sector), "مقاولون وتمويل"
            ),
            partner_needs_en=next(
                (t[3] for t in SECTOR_TEXTS if t[0] == project.sector),
                "Contractors and financing",
            ),
        )  # fmt: skip
        for project in chosen[:20]
    )


def _requests(rng, event: Event, people: list[Participant]) -> int:
    approved = [p for p in people if p.status == ParticipantStatus.APPROVED]
    profiles = [
        matching.Profile(str(p.pk), str(p.organization_id), p.kind, p.country,
                         frozenset(p.sectors), p.offers, p.seeks)
        for p in approved
    ]  # fmt: skip
    matches = matching.recommend(profiles, top_k=8)
    by_id = {str(p.pk): p for p in approved}
    pairs: set[frozenset[int]] = set()
    requests = []
    expiry = timezone.make_aware(datetime.combine(DAYS[0], time(8, 0)))
    for p in approved:
        targets = [r.target_id for r in matches[str(p.pk)].participants]
        for target in rng.sample(targets, k=min(len(targets), rng.choice([3, 4, 5]))):
            other = by_id[target]
            pair = frozenset({p.pk, other.pk})
            if pair in pairs:
                continue
            pairs.add(pair)
            roll = rng.random()
            status = (
                RequestStatus.ACCEPTED if roll < 0.76
                else RequestStatus.DECLINED if roll < 0.86
                else RequestStatus.PENDING
            )  # fmt: skip
            requests.append(
                MeetingRequest(
                    event=event,
                    from_participant=p,
                    to_participant=other,
                    priority=Priority.MUST_MEET if rng.random() < 0.3 else Priority.WOULD_LIKE,
                    status=status,
                    expires_at=expiry,
                    message=rng.choice(
                        [
                            "",
                            "We would like to discuss cooperation.",
                            "نود مناقشة فرص التعاون في مشاريعكم.",
                        ]
                    ),
                    responded_at=None if status == RequestStatus.PENDING else timezone.now(),
                )  # fmt: skip
            )
    MeetingRequest.objects.bulk_create(requests)
    return len(requests)


def _vip_meetings(rng, event: Event, people: list[Participant]) -> None:
    """The organizers lock a few meetings between heads of delegation in the first slots."""

    approved = [p for p in people if p.status == ParticipantStatus.APPROVED]
    libyan = [p for p in approved if p.kind == "government"]
    american = [p for p in approved if p.country == "US" and p.kind == "foreign_company"]
    slots = list(Slot.objects.filter(event=event)[:3])
    busy: set[int] = set()
    for k, slot in enumerate(slots):
        for a, b in zip(libyan[k * 2 : k * 2 + 2], american[k * 5 : k * 5 + 2], strict=False):
            pair = MeetingRequest.objects.filter(
                from_participant__in=[a, b], to_participant__in=[a, b]
            )
            if a.pk in busy or b.pk in busy or pair.exists():
                continue
            busy.update({a.pk, b.pk})
            organizer_meeting_create(by=None, a=a, b=b, locked_slot=slot)


def _scheduling_options(rng, event: Event) -> None:
    """Fewer tables over lunch, Arabic–English interpreters per slot, some meetings needing one
    and the recipients' own priorities on the accepted requests."""
    slots = list(Slot.objects.filter(event=event))
    for k, slot in enumerate(slots):
        slot.tables_open = 60 if k % 8 in (3, 4) else None
        slot.interpreters = {"ar": 6}
    Slot.objects.bulk_update(slots, ["tables_open", "interpreters"])
    accepted = list(
        MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED).order_by("pk")
    )
    for r in accepted:
        r.interpreter = "ar" if rng.random() < 0.05 else ""
        r.recipient_priority = rng.choice(["", "would_like", "would_like", "must_meet"])
    MeetingRequest.objects.bulk_update(accepted, ["interpreter", "recipient_priority"])


def load(*, rng, options, log):
    if Event.objects.filter(slug=SLUG).exists():
        return
    event = _event()
    _agenda(event, log)
    people = _participants(rng, event)
    _accounts(people)
    showcase = _showcase(rng, event, people)
    count = _requests(rng, event, people)
    _vip_meetings(rng, event, people)
    _scheduling_options(rng, event)
    run = schedule_run(by=None, event=event, time_limit=8)
    log(
        f"  forum: {len(people)} delegates, {len(showcase)} showcased projects, "
        f"{count} requests, {run.meetings} meetings scheduled (weight {run.scheduled_weight:.0f}"
        f" of at most {run.upper_bound:.0f}, gap {run.gap:.2%}, {run.method}); "
        f"delegate login: {DELEGATE_USERNAME}"
    )
