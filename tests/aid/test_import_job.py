"""The IATI upload as a background job: queued with the stored file, run by the worker
(database backend) or at commit (immediate), its bar on the upload page, the report when
done, a translated reason when it fails; the same file twice is one job; and
`imar import iati` drawing its bar on a terminal only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from imar.aid import tasks
from imar.aid.models import DonorActivity, ImportRun
from imar.jobs import uploads, worker
from imar.jobs.enums import JobState
from imar.jobs.models import Job
from tests.aid import files

pytestmark = pytest.mark.django_db


def _post(client, data: bytes, name="donor.xml"):
    return client.post(reverse("aid:upload"), {"file": SimpleUploadedFile(name, data, "text/xml")})


@pytest.mark.django_db(transaction=True)
def test_upload_is_queued_then_the_worker_imports_it_and_the_page_shows_the_report(
    client, officer, gazetteer
):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    data = files.iati_file(files.activity("US-GOV-1-LY-1"), files.activity("US-GOV-1-LY-2"))
    response = _post(client, data)
    job = Job.objects.get(kind=tasks.IATI_IMPORT)
    assert response.status_code == 302 and response.url.endswith(f"?job={job.pk}")
    assert job.state == JobState.QUEUED and DonorActivity.objects.count() == 0
    waiting = client.get(response.url).content.decode()
    assert f'hx-get="/en/jobs/{job.pk}/progress/?refresh=1"' in waiting
    assert "Waiting for the job worker." in waiting
    worker.run_database_worker(batch=True, interval=0)
    job.refresh_from_db()
    run = ImportRun.objects.get()
    assert job.state == JobState.SUCCEEDED and job.attempts == 1
    assert job.result == {"run_id": run.pk, "status": "done", "counts": run.counts}
    assert run.counts["created"] == 2 and run.imported_by == officer
    assert job.progress_total == len(data) and job.progress_done == len(data)
    assert not list(uploads.path_of(job.arguments["upload"]).parent.glob("iati-*"))
    page = client.get(response.url, follow=True)
    assert page.redirect_chain[-1][0].endswith(run.get_absolute_url().removeprefix("/"))
    html = page.content.decode()
    assert "The file was imported; its report follows." in html and "US-GOV-1-LY-2" in html


def test_the_same_file_twice_while_queued_is_one_job(client, officer, gazetteer):
    client.force_login(officer)
    data = files.iati_file(files.activity())
    first, second = _post(client, data), _post(client, data)
    assert first.url == second.url
    assert Job.objects.filter(kind=tasks.IATI_IMPORT).count() == 1
    job = Job.objects.get()
    assert uploads.path_of(job.arguments["upload"]).read_bytes() == data


def test_a_refused_file_is_the_reports_outcome(
    client, officer, gazetteer, settings, django_capture_on_commit_callbacks
):
    settings.IMAR_JOBS_IMMEDIATE = True
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, files.XXE)
    job = Job.objects.get()
    assert job.state == JobState.SUCCEEDED and job.result["status"] == "failed"
    html = client.get(response.url, follow=True).content.decode()
    assert "The file was refused" in html and "DTD" in html
    assert DonorActivity.objects.count() == 0


def test_a_lost_upload_fails_the_job_with_a_translated_reason(
    client, officer, gazetteer, settings, django_capture_on_commit_callbacks
):
    settings.IMAR_JOBS_IMMEDIATE = True
    client.force_login(officer)
    name, digest = uploads.store(files.iati_file(files.activity()), prefix="iati")
    uploads.discard(name)
    from imar.jobs import services

    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(
            tasks.IATI_IMPORT,
            arguments={
                "upload": name,
                "sha256": digest,
                "file_name": "donor.xml",
                "user_id": officer.pk,
                "language": "ar",
            },  # fmt: skip
            by=officer,
        )
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error_code == tasks.UPLOAD_MISSING
    assert job.error_params == {"file": "donor.xml"}
    client.cookies["imar_language"] = "ar"
    html = client.get(f"{reverse('aid:upload')}?job={job.pk}").content.decode()
    assert "لم يعد الملف" in html and "donor.xml" in html
    client.cookies["imar_language"] = "en"
    html = client.get(f"{reverse('aid:upload')}?job={job.pk}").content.decode()
    assert "is no longer on the server; upload it again." in html
    assert ImportRun.objects.count() == 0


def test_the_import_reports_bytes_read_to_its_progress(gazetteer, officer, tmp_path):
    from imar.aid.services import activity_import

    calls = []
    data = b"".join(files.many_activities(30))
    path = tmp_path / "many.xml"
    path.write_bytes(data)
    activity_import(file=str(path), by=officer, progress=lambda *a: calls.append(a))
    assert calls[0] == (0, len(data), "Reading the activities")
    done = [c[0] for c in calls if len(c) == 2]
    assert len(done) == 30 and done == sorted(done) and done[-1] <= len(data)


def test_the_command_draws_no_bar_off_a_terminal(gazetteer, capsys):
    call_command("import", "iati", str(files.SDC))
    captured = capsys.readouterr()
    assert "created 6" in captured.out and captured.err == ""
