"""Milestones shape the planned curve; the figures follow every change."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from imar.monitoring.figures import refresh_figures
from imar.monitoring.milestones import milestone_create, milestone_update
from imar.monitoring.models import ProjectFigures


def test_planned_percent_follows_the_milestone_weights(make_project, officer):
    project = make_project(planned_start=date(2025, 1, 1), planned_end=date(2025, 12, 31))
    milestone_create(
        by=officer,
        project=project,
        name_ar="أ",
        name_en="A",
        planned_date=date(2025, 2, 1),
        weight="1",
    )
    milestone_create(
        by=officer,
        project=project,
        name_ar="ب",
        name_en="B",
        planned_date=date(2025, 3, 1),
        weight="3",
    )
    refresh_figures(project_ids=[project.pk], as_of=date(2025, 2, 1))
    figures = ProjectFigures.objects.get(project=project)
    assert figures.planned_percent == Decimal("25.00")
    assert figures.pv == Decimal("250000.00")  # of a 1,000,000 LYD budget


def test_negative_weight_and_future_completion_are_refused(make_project, officer):
    project = make_project()
    with pytest.raises(ValidationError) as error:
        milestone_create(
            by=officer,
            project=project,
            name_ar="أ",
            name_en="A",
            planned_date=date(2025, 2, 1),
            weight="-1",
        )
    assert "weight" in error.value.message_dict
    milestone = milestone_create(
        by=officer,
        project=project,
        name_ar="أ",
        name_en="A",
        planned_date=date(2025, 2, 1),
        weight="1",
    )
    with pytest.raises(ValidationError) as error:
        milestone_update(
            milestone=milestone, by=officer, actual_date=timezone.localdate() + timedelta(days=3)
        )
    assert "actual_date" in error.value.message_dict


def test_milestone_page_saves_evidence_document(client, make_project, engineer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imar.monitoring.models import Milestone

    settings.MEDIA_ROOT = tmp_path / "media"
    project = make_project()
    client.force_login(engineer)
    response = client.post(
        f"/portfolio/projects/{project.code}/milestones/new/",
        {
            "name_ar": "الأساسات",
            "name_en": "Foundations",
            "planned_date": "2025-06-01",
            "weight": "20",
            "actual_date": "2025-06-10",
            "evidence": "Handover minutes",
            "evidence_file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 demo"),
        },
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.evidence_file.name.endswith(".pdf") and milestone.weight == 20
