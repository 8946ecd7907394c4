"""`/metrics`: Prometheus text for administrators, auditors and the scraper's token only;
request counts and latency, and the job queue's depth."""

from datetime import timedelta

import pytest
from django.utils import timezone

from imar.jobs.enums import JobState
from imar.jobs.models import Job


def _job(kind: str, state: str, key: str, **fields) -> Job:
    return Job.objects.create(kind=kind, key=key, state=state, **fields)


@pytest.mark.parametrize("role", ["admin_user", "auditor"])
def test_operators_read_the_metrics(client, request, role):
    client.force_login(request.getfixturevalue(role))
    client.get("/healthz")  # a request to count
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")  # Prometheus text
    text = response.content.decode()
    assert "django_http_requests_total_by_view_transport_method_total" in text
    assert 'view="jobs:healthz"' in text
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text


@pytest.mark.parametrize("role", ["engineer", "officer", "finance", "outsider"])
def test_other_staff_and_everyone_else_are_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/metrics").status_code == 403


def test_anonymous_is_refused(client, db):
    assert client.get("/metrics").status_code == 403


def test_a_scraper_with_the_token_reads_them_and_a_wrong_one_is_refused(client, db, settings):
    settings.IMAR_METRICS_TOKEN = "s3cret-scraper-token"
    ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-scraper-token"})
    assert ok.status_code == 200
    assert client.get("/metrics", headers={"Authorization": "Bearer guess"}).status_code == 403
    assert (
        client.get("/metrics", headers={"Authorization": "s3cret-scraper-token"}).status_code == 403
    )


def test_no_token_is_accepted_when_none_is_set(client, db, settings):
    settings.IMAR_METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 403


def test_the_queue_depth_by_state_and_kind(client, admin_user):
    now = timezone.now()
    _job("opendata.export", JobState.QUEUED, "a")
    _job("opendata.export", JobState.QUEUED, "b")
    _job("needs.allocate", JobState.RUNNING, "c")
    _job("aid.import", JobState.FAILED, "d", finished_at=now)
    _job("aid.import", JobState.FAILED, "e", finished_at=now - timedelta(days=3))
    _job("aid.import", JobState.SUCCEEDED, "f", finished_at=now)
    client.force_login(admin_user)
    text = client.get("/metrics").content.decode()
    assert 'imar_jobs{kind="opendata.export",state="queued"} 2.0' in text
    assert 'imar_jobs{kind="needs.allocate",state="running"} 1.0' in text
    assert 'imar_jobs{kind="aid.import",state="failed"} 1.0' in text  # the last day only
    assert 'imar_jobs_total_by_state{state="queued"} 2.0' in text
    assert 'imar_jobs_total_by_state{state="running"} 1.0' in text
    assert 'imar_jobs_total_by_state{state="failed"} 1.0' in text
    assert "succeeded" not in text.split("# HELP imar_jobs")[1]


def test_an_empty_queue_reads_zero(client, admin_user):
    client.force_login(admin_user)
    text = client.get("/metrics").content.decode()
    for state in ("queued", "running", "failed"):
        assert f'imar_jobs_total_by_state{{state="{state}"}} 0.0' in text
