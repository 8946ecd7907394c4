"""A database made by the migrations of main before imar.organizations existed keeps its
organizations, contacts, their ids and every foreign key to them when it migrates forward."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.migrations import latest_nodes, migrate_to

# The leaf migrations of main before the split (commit 506fff4), and the new app unapplied.
BEFORE_THE_SPLIT = [
    ("accounts", "0004_role_finance"),
    ("forum", "0004_row_version"),
    ("partners", "0004_row_version"),
    ("portfolio", "0006_row_version"),
    ("organizations", None),
]


def _rows_before_the_split(apps):
    """Rows written through the historical models of main, one per kind of reference."""
    Organization = apps.get_model("partners", "Organization")
    Contact = apps.get_model("partners", "Contact")
    ministry = Organization.objects.create(
        name_ar="وزارة", name_en="Ministry", kind="government_body", country="LY", notes="n"
    )
    builder = Organization.objects.create(
        name_ar="شركة", name_en="Builder", kind="company", country="GR", sectors=["housing"]
    )
    contact = Contact.objects.create(organization=builder, name="Eleni", email="e@example.org")

    Region = apps.get_model("geo", "Region")
    District = apps.get_model("geo", "District")
    Municipality = apps.get_model("geo", "Municipality")
    region = Region.objects.create(name_ar="غرب", name_en="West", code="LY01")
    district = District.objects.create(
        name_ar="طرابلس", name_en="Tripoli", iso_code="LY-TB", pcode="LY0101",
        region=region, latitude=32.9, longitude=13.2,
    )  # fmt: skip
    town = Municipality.objects.create(
        name_ar="طرابلس", name_en="Tripoli", pcode="LY010101", district=district,
        latitude=32.9, longitude=13.2,
    )  # fmt: skip
    Project = apps.get_model("portfolio", "Project")
    project = Project.objects.create(
        code="P-00001", title_ar="مشروع", title_en="Project", sector="housing",
        project_type="rehabilitation", municipality=town,
    )  # fmt: skip
    apps.get_model("portfolio", "ProjectOrganization").objects.create(
        project=project, organization=builder, role="implementer"
    )
    Agreement = apps.get_model("partners", "Agreement")
    agreement = Agreement.objects.create(kind="mou", title_ar="مذكرة", title_en="MoU")
    apps.get_model("partners", "AgreementParty").objects.create(
        agreement=agreement, organization=ministry, role="first_party"
    )
    Engagement = apps.get_model("partners", "Engagement")
    engagement = Engagement.objects.create(
        kind="meeting", title_ar="اجتماع", title_en="Meeting", starts_on=date(2026, 1, 5)
    )
    engagement.organizations.add(ministry, builder)
    apps.get_model("partners", "EngagementPerson").objects.create(
        engagement=engagement, name="Nikos", organization=builder
    )
    action = apps.get_model("partners", "ActionItem").objects.create(
        engagement=engagement, description_ar="متابعة", owner_organization=builder
    )
    User = apps.get_model("auth", "User")
    partner = User.objects.create(username="partner")
    apps.get_model("accounts", "Profile").objects.create(
        user=partner, role="partner", organization=builder
    )
    return {
        "ministry": ministry.pk,
        "builder": builder.pk,
        "contact": contact.pk,
        "project": project.pk,
        "agreement": agreement.pk,
        "engagement": engagement.pk,
        "action": action.pk,
        "partner": partner.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_organizations_and_their_references_survive_the_split():
    latest = latest_nodes()
    content_type = ContentType.objects.get(app_label="organizations", model="organization")
    old = migrate_to(BEFORE_THE_SPLIT)
    # Migrating back gave the content type to partners again, as main had it.
    assert ContentType.objects.get(pk=content_type.pk).app_label == "partners"
    ids = _rows_before_the_split(old)

    new = migrate_to(latest)

    Organization = new.get_model("organizations", "Organization")
    assert Organization._meta.db_table == "partners_organization"
    builder = Organization.objects.get(pk=ids["builder"])
    assert (builder.name_en, builder.country, builder.sectors) == ("Builder", "GR", ["housing"])
    assert Organization.objects.get(pk=ids["ministry"]).notes == "n"
    contact = new.get_model("organizations", "Contact").objects.get(pk=ids["contact"])
    assert (contact.organization_id, contact.email) == (ids["builder"], "e@example.org")

    project = new.get_model("portfolio", "Project").objects.get(pk=ids["project"])
    assert list(project.organizations.values_list("pk", flat=True)) == [ids["builder"]]
    agreement = new.get_model("partners", "Agreement").objects.get(pk=ids["agreement"])
    assert list(agreement.organizations.values_list("pk", flat=True)) == [ids["ministry"]]
    engagement = new.get_model("partners", "Engagement").objects.get(pk=ids["engagement"])
    assert set(engagement.organizations.values_list("pk", flat=True)) == {
        ids["ministry"],
        ids["builder"],
    }
    assert engagement.people.get().organization_id == ids["builder"]
    action = new.get_model("partners", "ActionItem").objects.get(pk=ids["action"])
    assert action.owner_organization_id == ids["builder"]
    profile = new.get_model("accounts", "Profile").objects.get(user_id=ids["partner"])
    assert profile.organization_id == ids["builder"]
    # Reverse relations the new state declares work on the old rows.
    assert set(builder.agreement_parties.all()) == set()
    assert builder.contacts.get().pk == ids["contact"]

    # The content type moved with the model: same row, so permissions follow.
    moved = ContentType.objects.get(pk=content_type.pk)
    assert (moved.app_label, moved.model) == ("organizations", "organization")
    assert not ContentType.objects.filter(app_label="partners", model="organization").exists()
