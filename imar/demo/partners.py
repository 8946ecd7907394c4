"""Demo step: engagements, agreements and follow-up actions (synthetic demo data).

Runs after the organizations and the portfolio exist. Dates are set relative to today so
the coordination page always shows something due, overdue, expiring and coming up. The
people named are invented; the events are modelled on the fund's public activity.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from imar.demo.partners_data import (
    CONTACTS,
    GREEK_AGREEMENTS,
    OTHER_AGREEMENTS,
    OTHER_ENGAGEMENTS,
    US_MEETING,
    contact_fields,
    person_fields,
)
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Contact, Organization
from imar.partners import services
from imar.partners.enums import AgreementStatus, PartyRole
from imar.partners.models import Engagement
from imar.portfolio.models import Project, ProjectOrganization

EXTRA_ORGANIZATIONS = [
    # (acronym, kind, country, English name, Arabic name)
    ("EMB-US", OrganizationKind.FOREIGN_GOVERNMENT, "US", "Embassy of the United States, Libya",
     "سفارة الولايات المتحدة لدى ليبيا"),
    ("USSE", OrganizationKind.FOREIGN_GOVERNMENT, "US", "Office of the US Special Envoy for Libya",
     "مكتب المبعوث الأمريكي الخاص إلى ليبيا"),
    ("EMB-GR", OrganizationKind.FOREIGN_GOVERNMENT, "GR", "Embassy of Greece, Tripoli",
     "سفارة اليونان في طرابلس"),
]  # fmt: skip


def _organizations() -> dict[str, Organization]:
    for acronym, kind, country, name_en, name_ar in EXTRA_ORGANIZATIONS:
        Organization.objects.get_or_create(
            acronym=acronym,
            defaults={
                "kind": kind,
                "country": country,
                "name_en": name_en,
                "name_ar": name_ar,
                "notes": "Synthetic demo data.",
            },
        )
    return {o.acronym: o for o in Organization.objects.exclude(acronym="")}


def _projects_of(countries: set[str], rng, k: int, taken: set[int]) -> list[Project]:
    """Projects that partners from these countries take part in, else any public ones."""
    ids = list(
        ProjectOrganization.objects.filter(organization__country__in=countries)
        .exclude(project_id__in=taken)
        .values_list("project_id", flat=True)
        .distinct()
        .order_by("project_id")[:400]
    )
    if len(ids) < k:
        ids += list(
            Project.objects.filter(is_public=True)
            .exclude(id__in=taken)
            .values_list("id", flat=True)
            .order_by("id")[:400]
        )
    chosen = rng.sample(ids, min(k, len(ids))) if ids else []
    taken.update(chosen)
    return list(Project.objects.filter(id__in=chosen))


def _engagement(by, orgs, spec: dict, on: date) -> Engagement:
    fields = {
        key: spec[key] for key in spec if key not in ("people", "organizations", "days", "actions")
    }
    engagement = services.engagement_save(
        by=by,
        fields={**fields, "starts_on": on},
        organizations=[orgs[a] for a in spec["organizations"] if a in orgs],
        people=[
            {**person_fields(name, title), "organization": orgs.get(acronym)}
            for name, title, acronym in spec.get("people", [])
        ],
    )
    return engagement


def _actions(by, orgs, engagement, rows, today, users) -> int:
    for description_ar, description_en, owner, due_days, status in rows:
        owner_fields = (
            {"owner_user": users[owner]}
            if owner in users
            else {"owner_organization": orgs.get(owner, orgs["DRF"])}  # staff absent: the fund
        )
        services.action_save(
            by=by,
            engagement=engagement,
            fields={
                "description_ar": description_ar,
                "description_en": description_en,
                "due_on": today + timedelta(days=due_days),
                "status": status,
                **owner_fields,
            },
        )
    return len(rows)


def load(*, rng, options, log):
    today = timezone.localdate()
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=["director", "officer"])}
    by = users.get("director")
    orgs = _organizations()
    fund = orgs["DRF"]
    taken: set[int] = set()
    counts = {"engagements": 0, "agreements": 0, "actions": 0}

    # The meeting with the US special envoy and the embassy's chargé d'affaires.
    meeting = _engagement(by, orgs, US_MEETING, today - timedelta(days=US_MEETING["days"]))
    counts["engagements"] += 1
    counts["actions"] += _actions(by, orgs, meeting, US_MEETING["actions"], today, users)
    services.agreement_create(
        by=by,
        fields={
            "kind": "mou",
            "reference": "DRF-US-2026-01",
            "title_ar": "مذكرة تفاهم بشأن التحضير للمنتدى الليبي الأمريكي الثاني",
            "title_en": "MoU on preparing the second Libyan–American Forum",
            "status": AgreementStatus.SIGNED,
            "signed_on": meeting.starts_on,
            "signed_place": "Benghazi",
            "effective_from": meeting.starts_on,
            "ends_on": _next_may(today) + timedelta(days=30),
            "is_public": True,
            "engagement": meeting,
        },
        parties=[
            services.Party(fund, PartyRole.FIRST_PARTY),
            services.Party(orgs["EMB-US"], PartyRole.SECOND_PARTY),
        ],
        projects=_projects_of({"US"}, rng, 3, taken),
    )
    counts["agreements"] += 1

    # The Greek delegation: 21 agreements with Greek partners signed on one day.
    greek = OTHER_ENGAGEMENTS["greek_visit"]
    visit = _engagement(by, orgs, greek, today - timedelta(days=greek["days"]))
    counts["engagements"] += 1
    counts["actions"] += _actions(by, orgs, visit, greek["actions"], today, users)
    for number, (acronym, kind, title_ar, title_en, value, years) in enumerate(
        GREEK_AGREEMENTS, start=1
    ):
        services.agreement_create(
            by=by,
            fields={
                "kind": kind,
                "reference": f"DRF-GR-{visit.starts_on.year}-{number:02d}",
                "title_ar": title_ar,
                "title_en": title_en,
                "status": AgreementStatus.SIGNED,
                "signed_on": visit.starts_on,
                "signed_place": "Benghazi",
                "effective_from": visit.starts_on + timedelta(days=30),
                "ends_on": visit.starts_on + timedelta(days=365 * years),
                "value": Decimal(value) if value else None,
                "currency": "EUR" if value else "",
                "is_public": number % 5 != 0,  # a few stay confidential
                "engagement": visit,
            },
            parties=[
                services.Party(fund, PartyRole.FIRST_PARTY),
                services.Party(orgs[acronym], PartyRole.SECOND_PARTY),
            ],
            projects=_projects_of({"GR"}, rng, rng.randint(0, 3), taken),
        )
        counts["agreements"] += 1

    # Other countries and agencies: engagements, then the agreements tied to them.
    engagements = {"greek_visit": visit, "us_meeting": meeting}
    for key, spec in OTHER_ENGAGEMENTS.items():
        if key == "greek_visit":
            continue
        engagement = _engagement(by, orgs, spec, today - timedelta(days=spec["days"]))
        engagements[key] = engagement
        counts["engagements"] += 1
        counts["actions"] += _actions(by, orgs, engagement, spec.get("actions", []), today, users)
    for spec in OTHER_AGREEMENTS:
        signed_on = (
            today - timedelta(days=spec["signed_days_ago"]) if spec["status"] != "draft" else None
        )
        starts = signed_on or today
        partner = orgs[spec["partner"]]
        services.agreement_create(
            by=by,
            fields={
                "kind": spec["kind"],
                "reference": spec["reference"],
                "title_ar": spec["title_ar"],
                "title_en": spec["title_en"],
                "status": spec["status"],
                "signed_on": signed_on,
                "signed_place": spec.get("place", ""),
                "effective_from": starts,
                "ends_on": starts + timedelta(days=spec["runs_days"]),
                "value": Decimal(spec["value"]) if spec.get("value") else None,
                "currency": spec.get("currency", "") if spec.get("value") else "",
                "is_public": spec.get("public", True),
                "engagement": engagements.get(spec.get("engagement")),
            },
            parties=[
                services.Party(fund, PartyRole.FIRST_PARTY),
                services.Party(partner, spec.get("role", PartyRole.SECOND_PARTY)),
                *[services.Party(orgs[a], PartyRole.IMPLEMENTER) for a in spec.get("with", [])],
            ],
            projects=_projects_of({str(partner.country)}, rng, spec.get("projects", 2), taken),
        )
        counts["agreements"] += 1

    Contact.objects.bulk_create(
        Contact(organization=orgs[acronym], email=email, phone=phone, **contact_fields(name, role))
        for acronym, name, role, email, phone in CONTACTS
        if acronym in orgs
    )
    log(
        f"  {counts['engagements']} engagements, {counts['agreements']} agreements, "
        f"{counts['actions']} follow-up actions, {len(CONTACTS)} contacts"
    )


def _next_may(today: date) -> date:
    year = today.year if today.month < 5 else today.year + 1
    return date(year, 5, 15)
