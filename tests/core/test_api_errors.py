"""Errors of the API: one body shape for each kind, documented in the schema for every
operation, and rate limits on every route, anonymous or not."""

import functools

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from imar.monitoring.models import ProgressReport
from imar.monitoring.models import ReportStatus as RS


@functools.cache
def _schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations():
    for path, item in _schema()["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method.upper(), path, operation


def _ref(response) -> str:
    return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]


def test_every_operation_documents_its_refusals():
    problems = []
    for method, path, operation in _operations():
        responses = operation["responses"]
        wanted = {"429"}
        if not path.startswith("/api/v1/public/"):
            wanted.add("403")
        if "{" in path:
            wanted.add("404")
        if method != "GET":
            wanted |= {"400", "409"}
        if method in ("PUT", "PATCH"):
            wanted.add("412")
        if missing := wanted - set(responses):
            problems.append(f"{method} {path}: {sorted(missing)}")
        for code, response in responses.items():
            if code >= "400":
                expected = "ValidationError" if code == "400" else "Error"
                if _ref(response) != expected:
                    problems.append(f"{method} {path} {code}: {_ref(response)}")
    assert problems == []


def test_throttled_answers_document_retry_after():
    operation = _schema()["paths"]["/api/v1/projects/"]["get"]
    assert "Retry-After" in operation["responses"]["429"]["headers"]
    error = _schema()["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]


@pytest.fixture
def low_rates(monkeypatch):
    # The rates are read once, when DRF loads; a test sets its own small ones.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})


@pytest.mark.django_db
def test_anonymous_callers_are_throttled_on_every_route(low_rates):
    api = APIClient()
    statuses = [api.get("/api/v1/regions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/v1/projects/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert set(refused.json()) == {"detail"}


def test_authenticated_callers_are_throttled_too(low_rates, officer):
    api = APIClient()
    api.force_authenticate(officer)
    statuses = [api.get("/api/v1/risks/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_a_list_of_errors_is_answered_as_an_object(officer, gazetteer):
    from imar.needs.models import Scenario
    from imar.needs.services import scoring_model_save

    model = scoring_model_save(
        by=officer, name="Criteria", method="weighted_sum", weights={"need_severity": 1.0}
    )
    approved = Scenario.objects.create(
        name="Approved", budget=1000, scoring_model=model, status="approved", created_by=officer
    )
    api = APIClient()
    api.force_authenticate(officer)
    # The service refuses without naming a field: DRF would answer a bare list.
    response = api.put(
        f"/api/v1/needs/scenarios/{approved.pk}/",
        {"name": "Changed", "budget": "2000.00", "scoring_model": model.pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["A running or approved scenario cannot be changed."]
    }


def test_returning_a_report_with_a_body_that_is_no_object_is_a_400(officer, engineer, make_project):
    report = ProgressReport.objects.create(
        project=make_project(), report_date="2025-05-01", physical_percent=10,
        reporter=engineer, status=RS.SUBMITTED,
    )  # fmt: skip
    api = APIClient()
    api.force_authenticate(officer)
    response = api.post(f"/api/v1/progress-reports/{report.pk}/return/", [], format="json")
    assert response.status_code == 400
    assert ProgressReport.objects.get(pk=report.pk).status == RS.SUBMITTED
