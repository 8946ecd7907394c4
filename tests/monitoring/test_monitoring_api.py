"""Monitoring API: who sees what, idempotent multipart uploads, services' refusals, schema."""

import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from imar.monitoring.models import ProgressReport, Risk, Transaction
from imar.monitoring.reports import report_save, report_verify


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api():
    return APIClient()


def jpeg(name="a.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 10)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def reports(make_project, engineer, officer):
    """A public project with one verified, one submitted and one draft report; a private
    project with a verified report."""
    public = make_project(is_public=True)
    private = make_project(is_public=False)
    made = {}
    for name, project, status in [
        ("verified", public, "verified"),
        ("submitted", public, "submitted"),
        ("draft", public, "draft"),
        ("private", private, "verified"),
    ]:
        report, _ = report_save(
            by=engineer,
            project=project,
            report_date=date(2025, 1, len(made) + 1),
            physical_percent="10",
            submit=status != "draft",
        )
        if status == "verified":
            report_verify(report=report, by=officer)
        made[name] = report
    return made


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_sees_only_verified_reports_of_public_projects(api, reports):
    response = api.get("/api/v1/progress-reports/")
    assert response.status_code == 200
    assert ids(response) == {reports["verified"].pk}
    assert "latitude" not in response.json()["results"][0]
    assert "client_token" not in response.json()["results"][0]
    assert api.get(f"/api/v1/progress-reports/{reports['draft'].pk}/").status_code == 404


def test_staff_see_submitted_but_not_other_peoples_drafts(api, reports, officer, engineer):
    api.force_authenticate(officer)
    assert reports["draft"].pk not in ids(api.get("/api/v1/progress-reports/"))
    assert reports["submitted"].pk in ids(api.get("/api/v1/progress-reports/"))
    api.force_authenticate(engineer)
    assert reports["draft"].pk in ids(api.get("/api/v1/progress-reports/"))


def test_anonymous_sees_no_money_and_no_risks(api, reports):
    assert api.get("/api/v1/transactions/").status_code in (401, 403)
    assert api.get("/api/v1/risks/").status_code in (401, 403)
    assert api.get("/api/v1/monitoring/dashboard/").status_code in (401, 403)
    assert api.get("/api/v1/monitoring/attention/").status_code in (401, 403)


def test_multipart_upload_with_photos_is_idempotent(api, engineer, make_project):
    project = make_project()
    api.force_authenticate(engineer)
    token = str(uuid.uuid4())

    def send():
        return api.post(
            "/api/v1/progress-reports/",
            {
                "project": project.code,
                "client_token": token,
                "report_date": "2025-05-01",
                "physical_percent": "12.5",
                "photos": [jpeg("a.jpg"), jpeg("b.jpg")],
                "captions": ["north wall", "roof"],
            },
            format="multipart",
        )

    first, second = send(), send()
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert [p["caption"] for p in first.json()["photos"]] == ["north wall", "roof"]
    assert ProgressReport.objects.count() == 1


def test_engineer_cannot_report_outside_their_district(api, engineer, make_project, tripoli):
    project = make_project(municipality=tripoli)
    api.force_authenticate(engineer)
    response = api.post(
        "/api/v1/progress-reports/",
        {
            "project": project.code,
            "client_token": str(uuid.uuid4()),
            "report_date": "2025-05-01",
            "physical_percent": "10",
        },
        format="multipart",
    )
    assert response.status_code == 400  # not visible to them at all
    assert "project" in response.json()


def test_verify_and_return_need_a_verifier(api, reports, engineer, officer):
    report = reports["submitted"]
    api.force_authenticate(engineer)
    assert api.post(f"/api/v1/progress-reports/{report.pk}/verify/").status_code == 403
    api.force_authenticate(officer)
    response = api.post(f"/api/v1/progress-reports/{report.pk}/return/", {"reason": ""})
    assert response.status_code == 400 and "return_reason" in response.json()
    response = api.post(f"/api/v1/progress-reports/{report.pk}/return/", {"reason": "Blurry"})
    assert response.json()["status"] == "returned"


def test_transaction_api_refuses_bad_input_with_field_errors(api, officer, engineer, make_project):
    project = make_project()
    api.force_authenticate(engineer)
    body = {
        "project": project.code,
        "kind": "commitment",
        "date": "2025-01-01",
        "amount": "100",
        "currency": "LYD",
    }
    assert api.post("/api/v1/transactions/", body).status_code == 403
    api.force_authenticate(officer)
    assert api.post("/api/v1/transactions/", {**body, "amount": "-3"}).json().keys() == {"amount"}
    response = api.post("/api/v1/transactions/", {**body, "currency": "USD"})
    assert response.status_code == 400 and "USD" in response.json()["currency"][0]
    response = api.post("/api/v1/transactions/", {**body, "kind": "disbursement"})
    assert response.status_code == 400 and "amount" in response.json()
    assert api.post("/api/v1/transactions/", body).status_code == 201
    assert Transaction.objects.get().amount_lyd == Decimal("100.00")


def test_risk_api_and_security_suspension(api, engineer, make_project):
    project = make_project(status="implementation")
    api.force_authenticate(engineer)
    response = api.post(
        "/api/v1/risks/",
        {
            "project": project.code,
            "category": "security",
            "likelihood": 5,
            "impact": 5,
            "status": "occurred",
            "description_en": "Site attacked",
        },
    )
    assert response.status_code == 201
    project.refresh_from_db()
    assert project.status == "suspended" and Risk.objects.count() == 1


def test_list_query_counts_do_not_grow(
    api, officer, make_project, engineer, django_assert_max_num_queries
):
    for _ in range(5):
        project = make_project()
        for day in range(1, 4):
            report_save(
                by=engineer,
                project=project,
                report_date=date(2025, 2, day),
                physical_percent=str(day),
                submit=True,
                photos=[(jpeg(), "x")],
            )
    api.force_authenticate(officer)
    for url in [
        "/api/v1/progress-reports/",
        "/api/v1/milestones/",
        "/api/v1/transactions/",
        "/api/v1/risks/",
        "/api/v1/monitoring/dashboard/",
        "/api/v1/monitoring/attention/",
    ]:
        with django_assert_max_num_queries(16):
            assert api.get(url).status_code == 200, url


def test_openapi_schema_documents_the_monitoring_endpoints(db):
    # Only this module's endpoints: the whole project's schema is slow to build.
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.routers import DefaultRouter

    from imar.monitoring import api as api_monitoring

    router = DefaultRouter()
    api_monitoring.register(router)
    patterns = [path("api/v1/", include([*api_monitoring.urlpatterns, *router.urls]))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    for path_ in [
        "/api/v1/progress-reports/",
        "/api/v1/transactions/",
        "/api/v1/risks/",
        "/api/v1/milestones/",
        "/api/v1/exchange-rates/",
        "/api/v1/monitoring/dashboard/",
        "/api/v1/monitoring/attention/",
    ]:
        assert path_ in schema["paths"], path_
    upload = schema["paths"]["/api/v1/progress-reports/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload
    assert "/api/v1/progress-reports/{id}/verify/" in schema["paths"]


def test_risk_patch_to_occurred_suspends_and_auditor_is_refused(
    api, engineer, auditor, make_project
):
    project = make_project(status="implementation")
    api.force_authenticate(engineer)
    created = api.post(
        "/api/v1/risks/",
        {"project": project.code, "category": "security", "likelihood": 2, "impact": 4},
    ).json()
    api.force_authenticate(auditor)
    url = f"/api/v1/risks/{created['id']}/"
    assert api.patch(url, {"status": "occurred"}).status_code == 403
    api.force_authenticate(engineer)
    assert api.patch(url, {"likelihood": 9}).status_code == 400
    response = api.patch(url, {"status": "occurred", "description_en": "Convoy stopped"})
    assert response.status_code == 200 and response.json()["status"] == "occurred"
    project.refresh_from_db()
    assert project.status == "suspended"
