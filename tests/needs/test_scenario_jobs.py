"""Allocation runs are background jobs: queued when the start commits, run by the worker,
shown with a progress bar while they wait or run; a killed worker leaves the scenario (and
its job) failed, never "running"."""

import socket
import subprocess
import sys
from decimal import Decimal

import pytest
from django.urls import reverse

from imar.jobs import worker
from imar.jobs.enums import JobState
from imar.jobs.models import Job
from imar.needs.models import Scenario
from imar.needs.scenarios import scenario_create, scenario_start
from imar.needs.tasks import scenario_job

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scenario(scoring_model, officer, make_project):
    make_project(code="C-1", budget=Decimal("1000000"))
    return scenario_create(
        by=officer, name="Balanced 2027", budget=Decimal("2500000"), scoring_model=scoring_model
    )


def _dead_identity() -> str:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}:1"


def test_a_run_is_a_job_that_the_worker_runs(client, officer, scenario, settings):
    settings.IMAR_SCENARIO_TIME_LIMIT = 5.0
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    client.post(reverse("needs:scenario_run", args=[scenario.pk]))
    scenario.refresh_from_db()
    assert scenario.status == "running"
    job = scenario_job(scenario)
    assert job.state == JobState.QUEUED and job.started_by == officer
    assert job.arguments == {"scenario_id": scenario.pk, "run_id": str(scenario.run_id)}
    page = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert "Waiting for the job worker." in page and "<progress" in page
    status = client.get(reverse("jobs:progress", args=[job.pk]))
    assert status.status_code == 200 and 'hx-trigger="every 2s"' in status.content.decode()
    worker.run_database_worker(batch=True, interval=0)
    scenario.refresh_from_db()
    job.refresh_from_db()
    assert scenario.status == "done", scenario.error
    assert job.state == JobState.SUCCEEDED and job.result["status"] == "done"
    api = client.get(f"/api/v1/jobs/{job.pk}/").json()
    assert api["state"] == "succeeded" and api["progress"]["percent"] == 100


def test_a_killed_worker_leaves_the_scenario_and_its_job_failed(client, officer, scenario):
    scenario_start(scenario=scenario, by=officer)
    scenario.refresh_from_db()
    job = scenario_job(scenario)
    dead = _dead_identity()  # the worker took the run, then was killed (kill -9)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, worker=dead, attempts=1)
    Scenario.objects.filter(pk=scenario.pk).update(run_owner=dead)
    worker.housekeeping()  # the next worker's round, or any look at the job
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error_code == "worker_lost"
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    page = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert "The run stopped: the process running it has ended" in page
    scenario.refresh_from_db()
    assert scenario.status == "failed"
