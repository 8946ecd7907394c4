"""Results API: the public reads only public, approved data; staff write through the
services (same refusals); the field upload is idempotent; the roll-up endpoint."""

import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from imar.results import services
from imar.results.models import Indicator, IndicatorPeriod

pytestmark = pytest.mark.django_db
PRIVATE_FIELDS = {"return_reason", "reported_by", "approved_by", "client_token", "status"}


@pytest.fixture
def api():
    return APIClient()


def jpeg(name="site.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 10)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def periods(storm, make_project, make_indicator, report, officer):
    """On a public project: an approved, a submitted and a returned period; on a private
    project: an approved one."""
    public = make_project()
    private = make_project(is_public=False)
    made = {}
    for name, project, start in [
        ("approved", public, "2025-01-01"),
        ("submitted", public, "2025-07-01"),
        ("returned", public, "2024-07-01"),
        ("private", private, "2025-01-01"),
    ]:
        indicator = made.get(project.code) or make_indicator(project=project)
        made[project.code] = indicator
        end = {"01-01": "06-30", "07-01": "12-31"}[start[5:]]
        period, _ = report(
            indicator,
            start=date.fromisoformat(start),
            end=date.fromisoformat(f"{start[:4]}-{end}"),
            submit=True,
        )
        if name in ("approved", "private"):
            services.period_approve(period=period, by=officer)
        if name == "returned":
            services.period_return(period=period, by=officer, reason="secret reason")
        made[name] = period
    made["public"], made["private_project"] = public, private
    return made


def test_public_reads_only_approved_periods_of_public_projects(api, periods):
    body = api.get("/api/v1/results/periods/").json()
    assert [row["id"] for row in body["results"]] == [periods["approved"].pk]
    row = body["results"][0]
    assert not PRIVATE_FIELDS & set(row)
    assert "secret reason" not in str(body)
    for name in ("submitted", "returned", "private"):
        assert api.get(f"/api/v1/results/periods/{periods[name].pk}/").status_code == 404
    indicators = api.get("/api/v1/results/indicators/").json()["results"]
    assert [i["project"] for i in indicators] == [periods["public"].code]


def test_staff_reads_workflow_fields(api, periods, officer):
    api.force_authenticate(officer)
    rows = api.get("/api/v1/results/periods/", {"status": "returned"}).json()["results"]
    assert [(r["id"], r["return_reason"], r["reported_by"]) for r in rows] == [
        (periods["returned"].pk, "secret reason", "engineer")
    ]


def test_engineer_sees_only_their_districts(
    api, periods, engineer, make_project, make_indicator, tripoli
):
    outside = make_indicator(project=make_project(municipality=tripoli))
    api.force_authenticate(engineer)
    ids = {row["id"] for row in api.get("/api/v1/results/indicators/").json()["results"]}
    assert outside.pk not in ids and periods["approved"].indicator_id in ids


def test_field_upload_is_idempotent_and_multipart(api, make_indicator, engineer):
    indicator = make_indicator()
    api.force_authenticate(engineer)
    token = str(uuid.uuid4())
    payload = {
        "indicator": indicator.pk,
        "client_token": token,
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "actual_value": "42",
        "photos": [jpeg()],
        "captions": ["Block B"],
    }
    first = api.post("/api/v1/results/periods/", payload, format="multipart")
    assert first.status_code == 201, first.content
    payload["photos"] = [jpeg()]
    again = api.post("/api/v1/results/periods/", payload, format="multipart")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert IndicatorPeriod.objects.filter(indicator=indicator).count() == 1
    body = first.json()
    assert body["status"] == "submitted" and body["evidence"][0]["caption"] == "Block B"


def test_upload_refusals_name_the_field(api, make_indicator, engineer):
    api.force_authenticate(engineer)
    indicator = make_indicator()
    answer = api.post(
        "/api/v1/results/periods/",
        {
            "indicator": indicator.pk,
            "client_token": str(uuid.uuid4()),
            "period_start": "2025-01-01",
            "period_end": "2024-06-30",
            "actual_value": "1",
        },
        format="json",
    )
    assert answer.status_code == 400 and "period_end" in answer.json(), answer.json()


def test_engineer_cannot_report_outside_district_nor_approve(
    api, make_indicator, make_project, tripoli, engineer, report, officer
):
    outside = make_indicator(project=make_project(municipality=tripoli))
    api.force_authenticate(engineer)
    payload = {
        "indicator": outside.pk,
        "client_token": str(uuid.uuid4()),
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "actual_value": "1",
    }
    assert api.post("/api/v1/results/periods/", payload, format="json").status_code == 400
    mine, _ = report(make_indicator(), by=officer, submit=True)
    assert api.post(f"/api/v1/results/periods/{mine.pk}/approve/").status_code == 403
    mine.refresh_from_db()
    assert mine.status == "submitted"


def test_officer_approves_and_returns_through_the_api(api, make_indicator, report, officer):
    period, _ = report(make_indicator(), submit=True)
    api.force_authenticate(officer)
    answer = api.post(f"/api/v1/results/periods/{period.pk}/return/", {"reason": ""}, format="json")
    assert answer.status_code == 400
    answer = api.post(f"/api/v1/results/periods/{period.pk}/approve/")
    assert answer.status_code == 200 and answer.json()["status"] == "approved"
    again = api.post(f"/api/v1/results/periods/{period.pk}/approve/")
    assert again.status_code == 400  # locked


def test_anonymous_cannot_write(api, make_indicator):
    indicator = make_indicator()
    payload = {
        "indicator": indicator.pk,
        "client_token": str(uuid.uuid4()),
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "actual_value": "1",
    }
    assert api.post("/api/v1/results/periods/", payload, format="json").status_code in (401, 403)
    assert api.post(
        "/api/v1/results/indicators/", {"project": indicator.project.code}
    ).status_code in (401, 403)


def test_create_indicator_from_the_catalogue(api, storm, make_project, officer):
    project = make_project()
    api.force_authenticate(officer)
    answer = api.post(
        "/api/v1/results/indicators/",
        {"project": project.code, "standard": "housing-units-rebuilt"},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["baseline_value"] == "10360.00"
    assert Indicator.objects.get(pk=answer.json()["id"]).standard.code == "housing-units-rebuilt"
    unknown = api.post(
        "/api/v1/results/indicators/", {"project": project.code, "standard": "nope"}, format="json"
    )
    assert unknown.status_code == 400 and "standard" in unknown.json()


def test_rollup_endpoint_public_and_staff(api, periods, officer):
    rows = api.get("/api/v1/results/rollup/", {"by": "fund"}).json()
    housing = next(r for r in rows if r["standard"] == "housing-units-rebuilt")
    assert Decimal(housing["actual"]) == Decimal(120)  # the one public approved period
    assert Decimal(housing["damaged"]) == Decimal(18500)
    api.force_authenticate(officer)
    rows = api.get("/api/v1/results/rollup/", {"by": "fund"}).json()
    housing = next(r for r in rows if r["standard"] == "housing-units-rebuilt")
    assert Decimal(housing["actual"]) == Decimal(240)  # the private project's too
    assert api.get("/api/v1/results/rollup/", {"by": "nope"}).status_code == 400


def test_period_list_query_count(
    api, periods, officer, django_assert_max_num_queries, make_indicator, report
):
    for _ in range(5):
        period, _ = report(make_indicator(), submit=True)
        services.period_approve(period=period, by=officer)
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/results/periods/").status_code == 200


def test_standards_are_public(api):
    codes = [row["code"] for row in api.get("/api/v1/results/standards/").json()["results"]]
    assert "road-km-reopened" in codes
