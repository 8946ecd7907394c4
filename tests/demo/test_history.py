"""The demo's working history: real actions through the services, sealed in the trail by the
people who would take them, so a project's history and the audit page have something true."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from imar.accounts.audit import events_for_records, verify_chain
from imar.accounts.models import AuditEvent
from imar.demo import history
from imar.monitoring.models import ProgressReport, ReportStatus, Transaction
from imar.portfolio.extensions import history_records
from imar.portfolio.models import Project

STEPS = ["imar.demo.accounts", "imar.demo.organizations", "imar.demo.portfolio",
         "imar.demo.monitoring", "imar.demo.history"]  # fmt: skip


def test_the_demo_leaves_a_history_by_each_of_its_people(gazetteer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", projects=150, seed=11, only=STEPS, stdout=StringIO())
    by = dict(AuditEvent.objects.values_list("actor_name").annotate(n=Count("id")).order_by())
    for person in ("director", "officer", "finance", "engineer"):
        assert by.get(person, 0) > 0, person
    assert verify_chain() == []

    # A budget revision carries the director's reason.
    revision = AuditEvent.objects.filter(actor_name="director", changes__has_key="budget").first()
    assert revision is not None and revision.reason in history.BUDGET_REASONS

    # A returned report was corrected and then verified by someone other than its author.
    returned = AuditEvent.objects.filter(
        action="transition", reason=history.RETURN_REASON, object_type="monitoring.progressreport"
    ).first()
    assert returned is not None
    report = ProgressReport.objects.get(pk=returned.object_id)
    assert report.status == ReportStatus.VERIFIED and report.verified_by_id != report.reporter_id
    assert report.project.municipality.district.iso_code == history.DERNA

    # The payment names the commitment it settles, and both are in the project's history.
    payment = Transaction.objects.get(reference=f"D-{report.project.code}-H")
    assert payment.pays.reference == f"C-{report.project.code}-H"
    project = Project.objects.get(pk=report.project_id)
    seen = {
        (e.object_type, e.object_id) for e in events_for_records(history_records(project=project))
    }
    assert ("monitoring.transaction", str(payment.pk)) in seen
    assert ("monitoring.progressreport", str(report.pk)) in seen
