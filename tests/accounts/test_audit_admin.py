"""The Django admin cannot change the fund's data behind the audit trail's back."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from imar.accounts.admin import AuditEventAdmin
from imar.accounts.admin_mixins import (
    ActorFromRequest,
    AuditedAdmin,
    ReadOnlyFundData,
    ReadOnlyInline,
    SecurityRecordAdmin,
)
from imar.accounts.audit_drift import check_drift
from imar.accounts.models import AuditEvent, Profile, Role
from imar.portfolio.models import Program

# Where the admin is the only place to edit, its saves are audited; the rest is read only.
AUDITED_HERE = {"geo.region", "geo.district", "geo.municipality", "portfolio.program"}
ROLES_HERE = {"accounts.profile", "auth.user", "auth.group"}
# Unlocking an account or resetting its two-factor: read or delete, each delete audited.
SECURITY_HERE = {"axes.accessattempt", "otp_totp.totpdevice", "otp_static.staticdevice"}


@pytest.mark.parametrize(
    ("label", "model_admin"),
    [(m._meta.label_lower, a) for m, a in admin.site._registry.items()],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_every_admin_is_read_only_audited_or_names_the_administrator(label, model_admin):
    """Generated from the admin's registry: a model registered later cannot slip through."""
    if label in AUDITED_HERE:
        assert isinstance(model_admin, AuditedAdmin)
    elif label in ROLES_HERE:
        assert isinstance(model_admin, ActorFromRequest)
    elif label in SECURITY_HERE:
        assert isinstance(model_admin, SecurityRecordAdmin)
        assert not model_admin.has_change_permission(None)
        assert "key" in model_admin.audit_exclude
    elif label == "accounts.auditevent":
        assert isinstance(model_admin, AuditEventAdmin)
    else:
        assert isinstance(model_admin, ReadOnlyFundData), f"{label} is writable in the admin"
        for inline in model_admin.inlines:
            assert issubclass(inline, ReadOnlyInline), f"{label}: {inline.__name__} is writable"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    client.cookies["imar_language"] = "en"
    return client


def test_budgets_cannot_be_changed_nor_disbursements_deleted_in_the_admin(
    admin_client, make_project
):
    project = make_project(is_public=False)
    url = reverse("admin:portfolio_project_change", args=[project.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "Read only here" in page.content.decode()
    response = admin_client.post(url, {"budget": "1", "is_public": "on", "code": project.code})
    assert response.status_code == 403
    project.refresh_from_db()
    assert (project.budget, project.is_public) == (Decimal("1000000.00"), False)
    assert admin_client.get(reverse("admin:monitoring_transaction_add")).status_code == 403
    assert admin_client.get(reverse("admin:partners_agreement_add")).status_code == 403


def test_a_program_edited_in_the_admin_is_audited_with_its_old_value(admin_client, admin_user):
    program = Program.objects.create(code="DRN", name_ar="درنة", name_en="Derna")
    url = reverse("admin:portfolio_program_change", args=[program.pk])
    body = {"code": "DRN", "name_ar": "درنة", "name_en": "Derna reconstruction"}
    response = admin_client.post(url, {**body, "description_ar": "", "description_en": ""})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.update")
    assert event.actor == admin_user and event.object_id == str(program.pk)
    assert event.changes == {"name_en": ["Derna", "Derna reconstruction"]}
    admin_client.post(reverse("admin:portfolio_program_delete", args=[program.pk]), {"post": "yes"})
    deleted = AuditEvent.objects.get(action="admin.delete")
    assert deleted.changes["code"] == ["DRN", None] and deleted.actor == admin_user


def test_a_role_changed_in_the_admin_is_audited_naming_the_administrator(
    admin_client, admin_user, engineer, derna_district
):
    profile = engineer.profile
    url = reverse("admin:accounts_profile_change", args=[profile.pk])
    response = admin_client.post(
        url, {"user": engineer.pk, "role": Role.FUND_OFFICER, "districts": [], "organization": ""}
    )
    assert response.status_code == 302
    events = AuditEvent.objects.filter(object_type="accounts.profile", actor=admin_user)
    changes = {key: value for event in events for key, value in event.changes.items()}
    assert changes["role"] == [Role.REGIONAL_ENGINEER, Role.FUND_OFFICER]
    assert changes["districts"] == [[derna_district.pk], []]
    assert Profile.objects.get(pk=profile.pk).role == Role.FUND_OFFICER
    assert all(not report.problems for report in check_drift())


def test_superuser_and_group_granted_in_the_admin_are_audited(admin_client, admin_user, outsider):
    group = Group.objects.create(name="finance-desk")
    url = reverse("admin:auth_user_change", args=[outsider.pk])
    form = admin_client.get(url).context["adminform"].form
    body = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"password", "groups", "user_permissions"}
    }
    body.update(
        {
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "groups": [group.pk],
            "date_joined_0": outsider.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": outsider.date_joined.strftime("%H:%M:%S"),
        }
    )
    body.pop("date_joined", None)
    body.pop("last_login", None)
    response = admin_client.post(url, body)
    assert response.status_code == 302, response.context["adminform"].form.errors
    events = AuditEvent.objects.filter(object_type="auth.user", object_id=str(outsider.pk))
    assert {e.actor for e in events} == {admin_user}
    changes = {key: value for event in events for key, value in event.changes.items()}
    assert changes["is_superuser"] == [False, True] and changes["is_staff"] == [False, True]
    assert changes["groups"] == [[], ["finance-desk"]]
    assert all(not report.problems for report in check_drift())


def test_role_changes_outside_the_admin_are_audited_too(officer):
    """A script or shell session changes roles through the same signals (no actor known)."""
    profile_id = officer.profile.pk
    officer.is_superuser = True
    officer.save()
    Profile.objects.get(pk=profile_id).delete()
    events = AuditEvent.objects.filter(
        object_type__in=["auth.user", "accounts.profile"],
        object_id__in=[str(officer.pk), str(profile_id)],
    ).order_by("sequence")
    assert [(e.action, e.changes) for e in events] == [
        ("profile.create", {"role": [None, Role.FUND_OFFICER], "organization": [None, None]}),
        ("user.update", {"is_superuser": [False, True]}),
        ("profile.delete", {"role": [Role.FUND_OFFICER, None]}),
    ]
    assert {e.actor_id for e in events} == {None}


def test_resetting_someones_two_factor_in_the_admin_is_audited_without_the_secret(
    admin_client, admin_user, officer
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    event = AuditEvent.objects.get(action="admin.delete", object_type="otp_totp.totpdevice")
    assert event.actor == admin_user and "key" not in event.changes
    assert event.changes["user"] == [officer.pk, None]
