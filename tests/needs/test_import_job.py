"""The candidate-project import as a background job: the bar on the import page, then
links to what was imported; a refused file's problems in the officer's language; the
same file twice while queued is one job; a lost upload fails with a translated reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imar.jobs import services, uploads, worker
from imar.jobs.enums import JobState
from imar.jobs.models import Job
from imar.needs.tasks import PROJECT_IMPORT, UPLOAD_MISSING
from imar.portfolio.models import Project
from tests.needs.test_import import post_import, project_csv

GOOD = project_csv(
    "MIN-1,مدرسة درنة,Derna school,New school,education,construction,LY010102,2500000,LYD,"
    "800,2027-01-01,2028-06-30",
    "MIN-2,طريق,Road,Resurfacing,roads_bridges,rehabilitation,Tripoli,100,LYD,,,",
)


@pytest.mark.django_db(transaction=True)
def test_queued_then_run_by_the_worker_then_the_page_links_what_was_imported(
    client, officer, gazetteer
):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(
        reverse("needs:import_projects"), {"file": SimpleUploadedFile("m.csv", GOOD)}
    )
    job = Job.objects.get(kind=PROJECT_IMPORT)
    assert response.url.endswith(f"?job={job.pk}") and not Project.objects.exists()
    waiting = client.get(response.url).content.decode()
    assert 'id="import-job"' in waiting and "Waiting for the job worker." in waiting
    worker.run_database_worker(batch=True, interval=0)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.result == {"created": 2, "codes": ["MIN-1", "MIN-2"], "errors": []}
    assert (job.progress_done, job.progress_total) == (2, 2)
    html = client.get(response.url).content.decode()
    assert "2 candidate projects imported" in html and 'id="import-job"' not in html
    for project in Project.objects.all():
        assert project.get_absolute_url() in html


@pytest.mark.django_db
def test_a_refused_file_lists_its_problems_in_the_officers_language(client, officer, gazetteer):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    response = post_import(
        client, project_csv("MIN-9,أ,A,d,spaceships,construction,Nowhere,100,LYD,,,")
    )
    job = Job.objects.get()
    assert job.state == JobState.SUCCEEDED and job.result["created"] == 0
    assert any("القطاع" in error for error in job.result["errors"]), job.result["errors"]
    html = client.get(response.url).content.decode()
    assert 'id="import-errors"' in html and "القطاع" in html
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_same_file_twice_while_queued_is_one_job(client, officer, gazetteer):
    client.force_login(officer)
    url = reverse("needs:import_projects")
    first = client.post(url, {"file": SimpleUploadedFile("m.csv", GOOD)})
    second = client.post(url, {"file": SimpleUploadedFile("m.csv", GOOD)})
    assert first.url == second.url and Job.objects.count() == 1


@pytest.mark.django_db
def test_a_lost_upload_fails_with_a_reason(
    client, officer, gazetteer, django_capture_on_commit_callbacks
):
    name, digest = uploads.store(GOOD, prefix="projects")
    uploads.discard(name)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(
            PROJECT_IMPORT,
            arguments={
                "upload": name,
                "sha256": digest,
                "file_name": "m.csv",
                "user_id": officer.pk,
                "language": "en",
            },  # fmt: skip
            by=officer,
            immediate=True,
        )
    job.refresh_from_db()
    assert (job.state, job.error_code) == (JobState.FAILED, UPLOAD_MISSING)
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(f"{reverse('needs:import_projects')}?job={job.pk}").content.decode()
    assert "The uploaded file \u2068m.csv\u2069 is no longer on the server" in html
    assert "Nothing was imported." in html


@pytest.mark.django_db
def test_another_kinds_job_is_not_shown(client, officer, gazetteer):
    job = Job.objects.create(kind="aid.iati_import", key="k", started_by=officer)
    client.force_login(officer)
    html = client.get(f"{reverse('needs:import_projects')}?job={job.pk}").content.decode()
    assert 'id="import-job"' not in html


@pytest.mark.django_db
def test_a_job_address_that_is_not_a_job_shows_the_plain_page(client, officer, gazetteer):
    client.force_login(officer)
    for value in ("not-a-uuid", "00000000-0000-0000-0000-000000000000"):
        response = client.get(reverse("needs:import_projects"), {"job": value})
        assert response.status_code == 200 and 'id="import-job"' not in response.content.decode()
