"""A database built by main before monitoring became its own app migrates to it keeping
every row, id and foreign key, and its content types (so permissions and admin log
entries follow the models); going back restores portfolio's state the same way.

The database is taken back to main's migration leaves (MigrationExecutor), rows are
written through the historical models of that state, then everything is migrated forward
and read through today's models.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps as current_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from imar.accounts.audit import append, events_for
from imar.accounts.audit_drift import check_drift
from imar.monitoring.models import (
    Milestone,
    ProgressReport,
    ProjectFigures,
    ReportPhoto,
    Risk,
    Transaction,
)
from tests.migrations import latest_nodes, migrate_to

# The leaf migration of each of our apps on main before the move (apps main did not have,
# such as monitoring, are taken back to zero; Django's and third-party apps stay at theirs).
MAIN_LEAVES = {
    "accounts": "0004_role_finance",
    "forum": "0004_row_version",
    "geo": "0001_initial",
    "needs": "0002_row_version",
    "partners": "0004_row_version",
    "portfolio": "0006_row_version",
}
MOVED = ["milestone", "progressreport", "reportphoto", "projectfigures", "risk", "transaction"]


def _main_targets(executor) -> list[tuple[str, str | None]]:
    ours = {
        config.label
        for config in current_apps.get_app_configs()
        if config.name.startswith("imar.") and config.label in executor.loader.migrated_apps
    }
    others = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] not in ours]
    return [(label, MAIN_LEAVES.get(label)) for label in sorted(ours)] + others


def _main_world(old):
    """A project with a milestone, a verified report with a photo, two transactions, a
    risk, its figures and an audit event, written through main's historical models."""
    User = old.get_model("auth", "User")
    reporter = User.objects.create(username="field-engineer")
    region = old.get_model("geo", "Region").objects.create(
        code="LY01", name_ar="الغرب", name_en="West"
    )
    district = old.get_model("geo", "District").objects.create(
        iso_code="LY-TB",
        pcode="LY0101",
        region=region,
        latitude=32.9,
        longitude=13.2,
        name_ar="طرابلس",
        name_en="Tripoli",
    )
    municipality = old.get_model("geo", "Municipality").objects.create(
        pcode="LY010101",
        district=district,
        latitude=32.9,
        longitude=13.2,
        name_ar="طرابلس المركز",
        name_en="Tripoli Centre",
    )
    donor = old.get_model("partners", "Organization").objects.create(
        kind="donor", name_ar="مانح", name_en="Donor"
    )
    project = old.get_model("portfolio", "Project").objects.create(
        code="LY-TB-0001",
        title_ar="مدرسة",
        title_en="School",
        sector="education",
        project_type="rehabilitation",
        municipality=municipality,
        status="implementation",
        budget=Decimal("1000000.00"),
        currency="LYD",
        planned_start=date(2025, 1, 1),
        planned_end=date(2026, 1, 1),
    )
    milestone = old.get_model("portfolio", "Milestone").objects.create(
        project=project,
        name_ar="الأساسات",
        name_en="Foundations",
        planned_date=date(2025, 3, 1),
        weight=Decimal("40.000"),
        actual_date=date(2025, 3, 10),
        evidence_file="portfolio/milestones/foundations.pdf",
    )
    report = old.get_model("portfolio", "ProgressReport").objects.create(
        project=project,
        report_date=date(2025, 3, 15),
        physical_percent=Decimal("42.50"),
        narrative_en="Foundations poured.",
        latitude=32.9,
        longitude=13.2,
        reporter=reporter,
        status="verified",
        verified_by=reporter,
        verified_at="2025-03-16T10:00:00Z",
    )
    photo = old.get_model("portfolio", "ReportPhoto").objects.create(
        report=report,
        original="portfolio/reports/site.jpg",
        public_image="portfolio/reports/site-public.jpg",
        caption="North wall",
    )
    Transaction_ = old.get_model("portfolio", "Transaction")
    commitment = Transaction_.objects.create(
        project=project,
        kind="commitment",
        date=date(2025, 1, 10),
        amount=Decimal("800000.00"),
        currency="LYD",
        amount_lyd=Decimal("800000.00"),
        provider=donor,
        recorded_by=reporter,
    )
    disbursement = Transaction_.objects.create(
        project=project,
        kind="disbursement",
        date=date(2025, 2, 10),
        amount=Decimal("1000.00"),
        currency="EUR",
        amount_lyd=Decimal("5300.00"),
        provider=donor,
    )
    risk = old.get_model("portfolio", "Risk").objects.create(
        project=project,
        category="security",
        description_en="Road closures",
        likelihood=3,
        impact=4,
        owner="Site manager",
    )
    old.get_model("portfolio", "ProjectFigures").objects.create(
        project=project,
        as_of=date(2025, 3, 16),
        budget_lyd=Decimal("1000000.00"),
        committed_lyd=Decimal("800000.00"),
        disbursed_lyd=Decimal("5300.00"),
        progress_percent=Decimal("42.50"),
        spi=Decimal("1.100"),
    )
    return {
        "reporter": reporter.pk,
        "donor": donor.pk,
        "project": project.pk,
        "milestone": milestone.pk,
        "report": report.pk,
        "photo": photo.pk,
        "commitment": commitment.pk,
        "disbursement": disbursement.pk,
        "risk": risk.pk,
    }


def _content_type_ids(old) -> dict[str, int]:
    """Main's content types of the moved models (created as post_migrate would have)."""
    ContentType_ = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    ids = {}
    for model in MOVED:
        content_type, _ = ContentType_.objects.get_or_create(app_label="portfolio", model=model)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"view_{model}",
            defaults={"name": f"Can view {model}"},
        )
        ids[model] = content_type.pk
    return ids


@pytest.fixture
def main_database(transactional_db):
    """The test database taken back to main's migrations; forward again afterwards, so
    the tests after this one find today's schema."""
    try:
        yield migrate_to(_main_targets(MigrationExecutor(connection)))
    finally:
        migrate_to(latest_nodes())


def test_main_database_migrates_to_monitoring_and_back_keeping_every_row(main_database):
    old = main_database
    assert not old.is_installed("imar.monitoring")
    ids = _main_world(old)
    type_ids = _content_type_ids(old)

    migrate_to(latest_nodes())
    ContentType.objects.clear_cache()

    milestone = Milestone.objects.get(pk=ids["milestone"])
    assert milestone.project_id == ids["project"]
    assert milestone.name_en == "Foundations" and milestone.weight == Decimal("40.000")
    assert milestone.evidence_file.name == "portfolio/milestones/foundations.pdf"
    assert milestone.row_version == 1

    report = ProgressReport.objects.get(pk=ids["report"])
    assert report.project_id == ids["project"]
    assert (report.reporter_id, report.verified_by_id) == (ids["reporter"], ids["reporter"])
    assert report.physical_percent == Decimal("42.50") and report.status == "verified"
    assert report.narrative_en == "Foundations poured."
    photo = ReportPhoto.objects.get(pk=ids["photo"])
    assert photo.report_id == ids["report"] and photo.caption == "North wall"
    assert photo.original.name == "portfolio/reports/site.jpg"
    assert list(report.photos.values_list("pk", flat=True)) == [ids["photo"]]

    money = Transaction.objects.filter(project_id=ids["project"]).order_by("date")
    assert list(money.values_list("pk", "kind", "amount", "currency", "amount_lyd")) == [
        (ids["commitment"], "commitment", Decimal("800000.00"), "LYD", Decimal("800000.00")),
        (ids["disbursement"], "disbursement", Decimal("1000.00"), "EUR", Decimal("5300.00")),
    ]
    assert {t.provider_id for t in money} == {ids["donor"]}
    assert money[0].recorded_by_id == ids["reporter"]

    risk = Risk.objects.get(pk=ids["risk"])
    assert (risk.project_id, risk.score, risk.owner) == (ids["project"], 12, "Site manager")
    figures = ProjectFigures.objects.get(project_id=ids["project"])
    assert figures.committed_lyd == Decimal("800000.00") and figures.spi == Decimal("1.100")

    # The project reaches its monitoring rows through the new app's relations.
    project = current_apps.get_model("portfolio", "Project").objects.get(pk=ids["project"])
    assert project.milestones.get().pk == ids["milestone"]
    assert project.progress_reports.get().pk == ids["report"]
    assert project.transactions.count() == 2 and project.risks.get().pk == ids["risk"]
    assert project.figures.pk == ids["project"]

    # Content types moved with their ids, so their permissions came along.
    for model in MOVED:
        content_type = ContentType.objects.get(app_label="monitoring", model=model)
        assert content_type.pk == type_ids[model]
        assert content_type.permission_set.filter(codename=f"view_{model}").exists()
        assert not ContentType.objects.filter(app_label="portfolio", model=model).exists()
    assert ContentType.objects.get_for_model(Milestone).pk == type_ids["milestone"]

    # And back: portfolio holds the same rows and content types again.
    old = migrate_to(_main_targets(MigrationExecutor(connection)))
    assert old.get_model("portfolio", "Risk").objects.get(pk=ids["risk"]).likelihood == 3
    assert (
        old.get_model("portfolio", "ReportPhoto").objects.get(pk=ids["photo"]).report_id
        == (ids["report"])
    )
    ContentType_ = old.get_model("contenttypes", "ContentType")
    assert ContentType_.objects.get(app_label="portfolio", model="risk").pk == type_ids["risk"]
    assert not ContentType_.objects.filter(app_label="monitoring").exists()


def _recorded_on_main(instance, changes: dict) -> None:
    """An event as main sealed it, under the model's label of then (`portfolio.…`)."""
    append(
        actor=None,
        actor_name="",
        action="create",
        object_type=f"portfolio.{instance._meta.model_name}",
        object_id=str(instance.pk),
        object_repr=str(instance),
        changes=changes,
        reason="",
    )


@pytest.mark.django_db
def test_events_sealed_under_portfolio_still_belong_to_the_moved_object(make_project):
    """Sealed events are never rewritten: one recorded when portfolio held the model keeps
    `portfolio.risk`, and the object's history and the drift check still find it."""
    project = make_project()
    risk = Risk.objects.create(project=project, category="security", likelihood=2, impact=2)
    _recorded_on_main(risk, {})
    assert [event.object_type for event in events_for(risk)] == ["portfolio.risk"]

    row = Transaction.objects.create(
        project=project,
        kind="commitment",
        date=date(2025, 1, 10),
        amount=Decimal("10.00"),
        currency="LYD",
        amount_lyd=Decimal("10.00"),
    )
    _recorded_on_main(
        row,
        {
            "project_id": [None, str(project.pk)],
            "kind": [None, "commitment"],
            "amount": [None, "10.00 LYD"],
            "amount_lyd": [None, "10.00"],
        },
    )
    (money,) = [report for report in check_drift() if report.label == "monitoring.transaction"]
    assert (money.checked, money.unrecorded, money.problems) == (1, 0, [])
    Transaction.objects.filter(pk=row.pk).update(amount_lyd=Decimal("99.00"))
    (money,) = [report for report in check_drift() if report.label == "monitoring.transaction"]
    assert [object_id for object_id, _ in money.problems] == [str(row.pk)]
