"""Project services: readable constraint errors, figures kept current, private evidence."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import Milestone, ProjectFigures
from imar.portfolio.services import project_create, project_update


def test_dates_out_of_order_name_the_rule_not_the_constraint(derna, officer):
    with pytest.raises(ValidationError) as error:
        project_create(
            by=officer,
            code="X-1",
            title_ar="مشروع",
            title_en="Project",
            sector="housing",
            project_type="construction",
            municipality=derna,
            planned_start=date(2027, 1, 1),
            planned_end=date(2026, 1, 1),
        )
    assert "The planned end must not be before the planned start." in str(error.value)
    assert "project_planned_dates_in_order" not in str(error.value)


def test_budget_change_refreshes_the_dashboard_figures(make_project, officer):
    project = make_project(budget=Decimal("1000000.00"))
    refresh_figures(project_ids=[project.pk])
    assert ProjectFigures.objects.get(project=project).budget_lyd == Decimal("1000000.00")
    project_update(project=project, by=officer, budget=Decimal("1500000.00"), reason="revised")
    assert ProjectFigures.objects.get(project=project).budget_lyd == Decimal("1500000.00")


@pytest.fixture
def milestone_with_evidence(make_project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    project = make_project()
    upload = SimpleUploadedFile(
        "handover.pdf", b"%PDF-1.4 evidence", content_type="application/pdf"
    )
    return Milestone.objects.create(
        project=project,
        name_ar="التسليم",
        name_en="Handover",
        planned_date=date(2026, 6, 1),
        weight=Decimal("1"),
        evidence_file=upload,
    )


def test_milestone_evidence_has_no_public_url(milestone_with_evidence):
    stored = Path(milestone_with_evidence.evidence_file.path)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))


def test_milestone_evidence_is_served_to_staff_only(
    client, officer, outsider, milestone_with_evidence
):
    url = reverse(
        "monitoring:milestone_evidence",
        args=[milestone_with_evidence.project.code, milestone_with_evidence.pk],
    )
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
