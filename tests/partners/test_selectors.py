"""Derived statuses (expired, overdue) and the director's queries."""

from datetime import date, timedelta
from types import SimpleNamespace

from django.utils import timezone

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.partners import selectors, services
from imar.partners.enums import AgreementKind, PartyRole
from imar.partners.filters import AgreementFilterSet
from imar.partners.models import Agreement
from imar.portfolio.models import Project


def _filtered(params, user):
    # The filters offer the choices the user may see (engagements are head office's).
    request = SimpleNamespace(user=user)
    return AgreementFilterSet(params, queryset=selectors.agreements_for(user), request=request).qs


def test_signed_agreement_past_its_end_date_is_expired(make_agreement, greek_ministry, officer):
    today = timezone.localdate()
    lapsed = make_agreement(
        greek_ministry, effective_from=today - timedelta(days=400), ends_on=today - timedelta(1)
    )
    running = make_agreement(greek_ministry, ends_on=today + timedelta(days=10))
    completed = make_agreement(
        greek_ministry,
        status="completed",
        effective_from=today - timedelta(days=400),
        ends_on=today - timedelta(days=5),
    )
    statuses = {a.pk: a.effective_status for a in selectors.agreements_for(officer)}
    assert statuses == {lapsed.pk: "expired", running.pk: "signed", completed.pk: "completed"}
    # Nothing was written: expiry is derived on read.
    assert Agreement.objects.get(pk=lapsed.pk).status == "signed"
    assert list(_filtered({"status": "expired"}, officer)) == [lapsed]
    assert list(_filtered({"status": "signed"}, officer)) == [running]


def test_open_action_past_its_due_date_is_overdue(visit, officer, us_agency):
    today = timezone.localdate()

    def action(status, due_on):
        return services.action_save(
            by=officer,
            engagement=visit,
            fields={
                "description_ar": "متابعة",
                "owner_organization": us_agency,
                "status": status,
                "due_on": due_on,
            },
        )

    late = action("open", today - timedelta(days=1))
    late_in_progress = action("in_progress", today - timedelta(days=30))
    done_late = action("done", today - timedelta(days=30))
    on_time = action("open", today + timedelta(days=3))
    flags = {a.pk: a.is_overdue for a in selectors.actions_list()}
    assert flags == {
        late.pk: True,
        late_in_progress.pk: True,
        done_late.pk: False,
        on_time.pk: False,
    }
    assert [a.pk for a in selectors.open_actions()] == [late_in_progress.pk, late.pk, on_time.pk]


def test_all_agreements_with_greece_is_one_filter(
    make_agreement, greek_ministry, us_agency, officer
):
    other_greek = Organization.objects.create(
        name_ar="شركة يونانية", name_en="Hellenic Ports SA", kind=OrganizationKind.COMPANY,
        country="GR",
    )  # fmt: skip
    first = make_agreement(greek_ministry)
    second = make_agreement(other_greek)
    make_agreement(us_agency)
    result = list(_filtered({"country": "GR"}, officer))
    assert sorted(a.pk for a in result) == sorted([first.pk, second.pk])


def test_agreement_with_two_parties_from_one_country_is_listed_once(
    make_agreement, greek_ministry, officer
):
    other_greek = Organization.objects.create(
        name_ar="شركة يونانية", name_en="Hellenic Ports SA", kind=OrganizationKind.COMPANY,
        country="GR",
    )  # fmt: skip
    agreement = make_agreement(
        greek_ministry,
        parties=[
            services.Party(greek_ministry, PartyRole.FIRST_PARTY),
            services.Party(other_greek, PartyRole.SECOND_PARTY),
        ],
    )
    assert list(_filtered({"country": "GR"}, officer)) == [agreement]


def test_everything_signed_during_a_visit_is_one_filter(
    make_agreement, greek_ministry, visit, officer
):
    during = [make_agreement(greek_ministry, engagement=visit) for _ in range(3)]
    make_agreement(greek_ministry)
    result = _filtered({"engagement": visit.pk}, officer)
    assert sorted(a.pk for a in result) == sorted(a.pk for a in during)
    assert visit.agreements.count() == 3


def test_projects_covered_by_agreements_with_united_states_partners(
    make_agreement, us_agency, greek_ministry, make_project, officer
):
    school, clinic, port = make_project(), make_project(), make_project()
    make_agreement(us_agency, projects=[school, clinic])
    make_agreement(greek_ministry, projects=[port])
    covered = selectors.projects_covered_by_country(Project.objects.all(), "US", user=officer)
    assert sorted(p.code for p in covered) == sorted([school.code, clinic.code])


def test_confidential_agreement_does_not_reveal_its_projects_to_the_public(
    make_agreement, us_agency, make_project
):
    from django.contrib.auth.models import AnonymousUser

    secret = make_project()
    make_agreement(us_agency, projects=[secret], is_public=False)
    covered = selectors.projects_covered_by_country(
        Project.objects.all(), "US", user=AnonymousUser()
    )
    assert list(covered) == []


def test_agreements_per_partner_country_and_year(make_agreement, greek_ministry, us_agency):
    make_agreement(greek_ministry, signed_on=date(2025, 6, 1), effective_from=None)
    make_agreement(greek_ministry, signed_on=date(2026, 3, 10))
    make_agreement(greek_ministry, signed_on=date(2026, 3, 10))
    make_agreement(us_agency, signed_on=date(2026, 1, 5))
    make_agreement(us_agency, status="draft", signed_on=None)
    assert selectors.agreements_per_country_year() == [
        {"country": "GR", "year": 2025, "count": 1},
        {"country": "GR", "year": 2026, "count": 2},
        {"country": "US", "year": 2026, "count": 1},
    ]


def test_expiring_within_90_days(make_agreement, greek_ministry):
    today = timezone.localdate()
    soon = make_agreement(greek_ministry, effective_from=None, ends_on=today + timedelta(days=30))
    make_agreement(greek_ministry, effective_from=None, ends_on=today + timedelta(days=200))
    make_agreement(greek_ministry, effective_from=None, ends_on=today - timedelta(days=1))
    assert list(selectors.expiring_agreements(within_days=90)) == [soon]


def test_engagements_in_the_last_and_next_30_days(officer):
    today = timezone.localdate()

    def engagement(days):
        return services.engagement_save(
            by=officer,
            fields={
                "kind": "meeting",
                "title_ar": "اجتماع",
                "title_en": "Meeting",
                "starts_on": today + timedelta(days=days),
            },
        )

    past, future = engagement(-10), engagement(12)
    engagement(-45), engagement(60)
    recent, upcoming = selectors.engagements_around(days=30)
    assert list(recent) == [past]
    assert list(upcoming) == [future]


def test_value_by_partner_country_never_mixes_currencies(make_agreement, greek_ministry):
    make_agreement(greek_ministry, value=100, currency="EUR")
    make_agreement(greek_ministry, value=50, currency="EUR")
    make_agreement(greek_ministry, value=7, currency="USD")
    make_agreement(greek_ministry, kind=AgreementKind.MOU, value=None, currency="")
    rows = selectors.agreement_value_by_country()
    assert [(r["country"], r["currency"], r["total"], r["count"]) for r in rows] == [
        ("GR", "EUR", 150, 2),
        ("GR", "USD", 7, 1),
    ]
