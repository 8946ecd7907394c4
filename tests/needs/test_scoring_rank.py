"""The scoring page: criteria and published weights, appraisals typed or imported, ranking."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imar.accounts.models import AuditEvent
from imar.needs.models import ProjectAppraisal


@pytest.fixture
def projects(make_project):
    # Same data but the appraisal: the appraisal decides the order.
    return [
        make_project(code=f"P-{k}", budget=Decimal("1000000"), beneficiaries=100) for k in range(3)
    ]


def page(client, model):
    client.cookies["imar_language"] = "en"
    return client.get(reverse("needs:scoring_rank", args=[model.pk]))


def order(html: str) -> list[str]:
    return [code for code in ("P-0", "P-1", "P-2") if f'data-project="{code}"' in html] and sorted(
        ("P-0", "P-1", "P-2"), key=lambda code: html.index(f'data-project="{code}"')
    )


def test_officer_sees_criteria_weights_and_ranks_by_typed_appraisals(
    client, officer, scoring_model, projects
):
    client.force_login(officer)
    html = page(client, scoring_model).content.decode()
    assert 'data-criterion="staff_score"' in html and "0.100" in html
    assert 'name="appraisal_P-0"' in html
    response = client.post(
        reverse("needs:scoring_rank", args=[scoring_model.pk]),
        {"appraisal_P-2": "90", "appraisal_P-1": "40", "appraisal_P-0": ""},
    )
    assert response.status_code == 302
    assert dict(ProjectAppraisal.objects.values_list("project__code", "score")) == {
        "P-2": 90,
        "P-1": 40,
    }
    assert AuditEvent.objects.filter(action="appraise").count() == 2
    html = page(client, scoring_model).content.decode()
    assert order(html) == ["P-2", "P-1", "P-0"]
    assert 'name="appraisal_P-2" value="90"' in html
    # Saving the same values writes nothing.
    client.post(
        reverse("needs:scoring_rank", args=[scoring_model.pk]),
        {"appraisal_P-2": "90", "appraisal_P-1": "40"},
    )
    assert AuditEvent.objects.filter(action="appraise").count() == 2


def test_a_bad_typed_value_saves_nothing(client, officer, scoring_model, projects):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(
        reverse("needs:scoring_rank", args=[scoring_model.pk]),
        {"appraisal_P-0": "50", "appraisal_P-1": "150", "appraisal_NOPE": "3"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "P-1: the score must be a whole number from 0 to 100." in html
    assert "No project has the code NOPE." in html
    assert not ProjectAppraisal.objects.exists()


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_from_xlsx_all_or_nothing(client, officer, scoring_model, projects):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    url = reverse("needs:scoring_rank", args=[scoring_model.pk])
    bad = xlsx([["project", "score", "note"], ["P-0", 70, "ok"], ["P-1", "high", ""], ["P-9", 5]])
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", bad)})
    html = response.content.decode()
    assert "Row 3: the score must be a whole number from 0 to 100." in html
    assert "Row 4: no project you may appraise has the code P-9." in html
    assert not ProjectAppraisal.objects.exists()
    # A formula without a saved result is refused, naming its cell.
    formula = xlsx([["project", "score", "note"], ["P-0", "=50+20", ""]])
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", formula)})
    assert "Row 2, column B (score): the formula =50+20" in response.content.decode()
    assert not ProjectAppraisal.objects.exists()
    good = xlsx(
        [["Project", "Score", "Note"], ["P-0", 70, "<b>site visit</b>"], ["P-1", 20.0, None]]
    )
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", good)})
    assert response.status_code == 302
    saved = {a.project.code: (a.score, a.note) for a in ProjectAppraisal.objects.all()}
    assert saved == {"P-0": (70, "<b>site visit</b>"), "P-1": (20, "")}
    html = page(client, scoring_model).content.decode()
    assert order(html) == ["P-0", "P-1", "P-2"]
    # A typed change keeps the imported note.
    client.post(url, {"appraisal_P-0": "75"})
    assert ProjectAppraisal.objects.get(project__code="P-0").note == saved["P-0"][1]


def test_csv_import_and_missing_column(client, officer, scoring_model, projects):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    url = reverse("needs:scoring_rank", args=[scoring_model.pk])
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", b"project,note\nP-0,x\n")})
    assert "Missing columns: score." in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", b"project,score\nP-2,33\n")})
    assert response.status_code == 302
    assert ProjectAppraisal.objects.get().score == 33


def test_auditor_reads_the_ranking_but_cannot_appraise(client, auditor, scoring_model, projects):
    client.force_login(auditor)
    html = page(client, scoring_model).content.decode()
    assert 'id="ranking-table"' in html and 'name="appraisal_P-0"' not in html
    assert 'id="appraisal-import"' not in html
    response = client.post(
        reverse("needs:scoring_rank", args=[scoring_model.pk]), {"appraisal_P-0": "5"}
    )
    assert response.status_code == 403
    assert not ProjectAppraisal.objects.exists()


def test_engineer_cannot_open_the_ranking(client, engineer, scoring_model):
    client.force_login(engineer)
    assert page(client, scoring_model).status_code == 403
