"""A run whose worker died is detected and marked failed with a translated reason, on the
scenario page and in the API, and can be run again; a live worker's run is left alone."""

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from imar.needs import runs
from imar.needs.models import Scenario
from imar.needs.scenarios import scenario_create, scenario_start


@pytest.fixture
def scenario(scoring_model, officer, make_project):
    make_project(code="C-1", budget=Decimal("1000000"))
    return scenario_create(
        by=officer, name="Balanced 2027", budget=Decimal("2500000"), scoring_model=scoring_model
    )


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _running(scenario, *, owner: str, heartbeat_ago: timedelta = timedelta(0)):
    now = timezone.now()
    Scenario.objects.filter(pk=scenario.pk).update(
        status="running",
        run_id=uuid.uuid4(),
        run_owner=owner,
        started_at=now - heartbeat_ago - timedelta(seconds=1),
        heartbeat_at=now - heartbeat_ago,
    )


def test_a_run_whose_process_died_is_failed_on_the_page_and_can_be_run_again(
    client, officer, scenario, runs_inline, django_capture_on_commit_callbacks
):
    _running(scenario, owner=f"{socket.gethostname()}:{_dead_pid()}:1")
    client.force_login(officer)
    for language, reason in [
        ("en", "The run stopped: the process running it has ended"),
        ("ar", "توقف التشغيل: انتهت العملية التي كانت تشغّله"),
    ]:
        client.cookies["imar_language"] = language
        page = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
        assert reason in page
    scenario.refresh_from_db()
    assert scenario.status == "failed" and scenario.result["error_code"] == "worker_gone"
    from imar.accounts.models import AuditEvent

    lost = AuditEvent.objects.get(action="run_lost", object_id=str(scenario.pk))
    assert lost.changes == {"status": ["running", "failed"]} and "worker_gone" in lost.reason
    assert reverse("needs:scenario_run", args=[scenario.pk]) in page  # the Run button is back
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("needs:scenario_run", args=[scenario.pk]))
    scenario.refresh_from_db()
    assert scenario.status == "done", scenario.error


def test_a_silent_worker_elsewhere_is_failed_in_the_api_which_runs_it_again(
    officer, scenario, runs_inline, django_capture_on_commit_callbacks
):
    _running(scenario, owner="other-host:4242:7", heartbeat_ago=runs.stale_after() * 2)
    api = APIClient()
    api.force_authenticate(officer)
    body = api.get(f"/api/v1/needs/scenarios/{scenario.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["status"] == "failed"
    assert body["error"].startswith("The run stopped: its worker has given no sign of life since")
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(f"/api/v1/needs/scenarios/{scenario.pk}/run/")
    assert started.status_code == 202
    scenario.refresh_from_db()
    assert scenario.status == "done" and scenario.run_owner.endswith(
        f":{os.getpid()}:{threading.get_ident()}"
    )


def test_a_run_that_was_never_picked_up_is_failed_after_the_limit(officer, scenario):
    Scenario.objects.filter(pk=scenario.pk).update(
        status="running", started_at=timezone.now() - runs.stale_after() - timedelta(seconds=5)
    )
    assert runs.fail_stuck_runs() == [scenario.pk]


def test_a_live_workers_run_stays_running_and_cannot_be_started_twice(officer, scenario):
    from django.core.exceptions import ValidationError

    _running(scenario, owner=runs.worker_identity())
    assert runs.fail_stuck_runs() == []
    with pytest.raises(ValidationError, match="running or approved"):
        scenario_start(scenario=scenario, by=officer)
    assert Scenario.objects.get(pk=scenario.pk).status == "running"


def test_a_run_whose_thread_ended_in_this_process_is_failed_at_once(scenario):
    worker = threading.Thread(target=lambda: None)
    worker.start()
    worker.join()
    _running(scenario, owner=f"{socket.gethostname()}:{os.getpid()}:{worker.ident}")
    if worker.ident in {t.ident for t in threading.enumerate()}:
        pytest.skip("the thread id was reused at once")  # pragma: no cover
    assert runs.fail_stuck_runs() == [scenario.pk]


def test_a_late_result_from_a_replaced_run_is_not_stored(scenario):
    _running(scenario, owner="other-host:1:1")
    old_run = Scenario.objects.get(pk=scenario.pk).run_id
    _running(scenario, owner="other-host:2:2")  # failed and started again meanwhile
    assert not runs.store(scenario.pk, old_run, status="done")
    assert Scenario.objects.get(pk=scenario.pk).status == "running"


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_says_the_worker_is_alive_while_it_works(scoring_model, officer, gazetteer):
    scenario = scenario_create(
        by=officer, name="Beat", budget=Decimal("1000"), scoring_model=scoring_model
    )
    _running(scenario, owner=runs.worker_identity(), heartbeat_ago=timedelta(minutes=1))
    run_id = Scenario.objects.get(pk=scenario.pk).run_id
    before = Scenario.objects.get(pk=scenario.pk).heartbeat_at
    with runs.heartbeat(scenario.pk, run_id, every=0.05):
        time.sleep(0.5)
    assert Scenario.objects.get(pk=scenario.pk).heartbeat_at > before + timedelta(seconds=50)


def test_a_crash_inside_the_run_fails_it_instead_of_leaving_it_running(
    officer, scenario, runs_inline, django_capture_on_commit_callbacks
):
    from imar.needs.models import ScoringModel

    ScoringModel.objects.filter(pk=scenario.scoring_model_id).update(definition={"criteria": 5})
    with django_capture_on_commit_callbacks(execute=True):
        scenario_start(scenario=scenario, by=officer)
    scenario.refresh_from_db()
    assert scenario.status == "failed"
