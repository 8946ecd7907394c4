"""Submitting, moving, moderating and escalating cases; each write audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from imar.accounts.models import AuditEvent
from imar.feedback import services
from imar.feedback.models import Case
from tests.feedback.conftest import geotagged_jpeg

pytestmark = pytest.mark.django_db


def test_submission_keeps_the_code_hashed_and_the_photo_position_private(submit):
    received = submit(photo_files=[geotagged_jpeg()], contact="+218 91 000 0000")
    case = received.case
    assert case.status == "received"
    assert received.code not in case.tracking_hash
    assert services.case_by_code(received.code) == case
    assert services.case_by_code(received.code.lower()) == case
    assert services.case_by_code("2345-6789-AB") is None
    assert case.photo_latitude == pytest.approx(32 + 45 / 60 + 36 / 3600)
    assert case.photo_longitude == pytest.approx(22 + 38 / 60 + 24 / 3600)
    stored = case.photos.get().image
    with stored.open("rb") as handle:
        data = handle.read()
    assert b"SENTINEL-CAMERA" not in data
    with stored.open("rb") as handle:
        image = Image.open(handle)
        assert not image.getexif()
    assert case.due_at - case.received_at == dt.timedelta(days=10)
    event = AuditEvent.objects.get(action="feedback_case.received", object_id=str(case.pk))
    assert "+218" not in str(event.changes) and "المدرسة" not in str(event.changes)


def test_sla_per_category_comes_from_settings(submit, settings):
    settings.IMAR_FEEDBACK_SLA_DAYS = {**settings.IMAR_FEEDBACK_SLA_DAYS, "quality_safety": 2}
    case = submit(category="quality_safety").case
    assert case.due_at - case.received_at == dt.timedelta(days=2)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"category": "gossip"}, "category"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"latitude": 32.7}, "latitude"),
        ({"latitude": 48.8, "longitude": 2.3}, "latitude"),
        ({"contact": "c" * 201}, "contact"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(submit, fields, field):
    with pytest.raises(ValidationError) as error:
        submit(**fields)
    assert field in error.value.message_dict
    assert Case.objects.count() == 0


def test_private_project_takes_no_case(submit, make_project):
    hidden = make_project(is_public=False)
    with pytest.raises(ValidationError) as error:
        submit(project=hidden)
    assert "project" in error.value.message_dict


def test_photos_limited_in_number_and_kind(submit):
    with pytest.raises(ValidationError):
        submit(photo_files=[geotagged_jpeg(f"{i}.jpg") for i in range(4)])
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as error:
        submit(photo_files=[SimpleUploadedFile("x.jpg", b"<svg onload=alert(1)>")])
    assert "photos" in error.value.message_dict
    assert Case.objects.count() == 0


def test_duplicate_text_on_the_same_project_is_refused(submit, make_project):
    submit(text="الجدار الشرقي مائل وخطير")
    with pytest.raises(ValidationError) as error:
        submit(text="  الجدار   الشرقيّ مائل وخطير!! ")
    assert "text" in error.value.message_dict
    other = make_project()
    submit(project=other, text="الجدار الشرقي مائل وخطير")  # another project: not a duplicate
    assert Case.objects.count() == 2


def test_rate_limit_per_address_then_per_project(submit, settings):
    settings.IMAR_FEEDBACK_PER_ADDRESS_HOUR = 2
    settings.IMAR_FEEDBACK_PER_PROJECT_HOUR = 3
    submit(address="203.0.113.9")
    submit(address="203.0.113.9")
    with pytest.raises(ValidationError, match="connection"):
        submit(address="203.0.113.9")
    submit(address="203.0.113.10")  # a new address; the project's third case this hour
    with pytest.raises(ValidationError, match="project"):
        submit(address="203.0.113.11")
    assert Case.objects.count() == 3


def _walk(officer, case, *steps):
    for status, extra in steps:
        case = services.case_move(by=officer, case=case, status=status, **extra)
    return case


def test_full_workflow_with_audit_and_dates(submit, officer):
    case = submit().case
    case = _walk(
        officer,
        case,
        ("under_review", {}),
        ("answered", {"answer_ar": "استؤنف العمل", "answer_en": "Work resumed"}),
        ("resolved", {}),
    )
    assert case.status == "resolved"
    assert case.reviewed_at and case.answered_at and case.decided_at
    actions = list(
        AuditEvent.objects.filter(object_id=str(case.pk), action="feedback_case.transition")
        .order_by("sequence")
        .values_list("changes", flat=True)
    )
    assert [c["status"] for c in actions] == [
        ["received", "under_review"],
        ["under_review", "answered"],
        ["answered", "resolved"],
    ]
    with pytest.raises(ValidationError):
        services.case_move(by=officer, case=case, status="under_review", reason="again")


def test_refused_moves_change_nothing(submit, officer):
    case = submit().case
    with pytest.raises(ValidationError) as error:
        services.case_move(by=officer, case=case, status="answered", answer_ar="a", answer_en="b")
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.case_move(by=officer, case=case, status="rejected")
    assert "reason" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == "received"
    services.case_move(by=officer, case=case, status="under_review")
    with pytest.raises(ValidationError) as error:
        services.case_move(by=officer, case=case, status="answered", answer_ar="نعم")
    assert "answer_ar" in error.value.message_dict
    case = services.case_move(by=officer, case=case, status="rejected", reason="Not our project")
    assert case.rejection_reason == "Not our project"


def test_sensitive_case_is_handled_by_the_auditor_only(submit, officer, auditor, engineer):
    case = submit(category="misuse_of_money").case
    for user in (officer, engineer):
        with pytest.raises(PermissionDenied):
            services.case_move(by=user, case=case, status="under_review")
    assert services.case_move(by=auditor, case=case, status="under_review").status == "under_review"
    ordinary = submit().case
    with pytest.raises(PermissionDenied):
        services.case_move(by=auditor, case=ordinary, status="under_review")
    assert services.case_move(by=engineer, case=ordinary, status="under_review")


def test_engineer_handles_only_their_districts(submit, engineer, make_project, tripoli):
    elsewhere = make_project(municipality=tripoli)
    case = submit(project=elsewhere).case
    with pytest.raises(PermissionDenied):
        services.case_note_add(by=engineer, case=case, text="seen")


def test_assign_note_and_moderate(submit, officer, engineer):
    case = submit(photo_files=[geotagged_jpeg()]).case
    services.case_assign(by=officer, case=case, assignee=engineer)
    services.case_note_add(by=officer, case=case, text="Called the contractor")
    photo = case.photos.get()
    with pytest.raises(ValidationError):
        services.case_moderate(by=officer, case=case, public_text="", publish=True)
    case = services.case_moderate(
        by=officer, case=case, public_text="Work stopped", publish=True, public_photo_ids=[photo.pk]
    )
    photo.refresh_from_db()
    assert case.assigned_to == engineer and case.is_published and photo.is_public
    assert case.notes.get().text == "Called the contractor"
    actions = set(
        AuditEvent.objects.filter(object_id=str(case.pk)).values_list("action", flat=True)
    )
    assert {"feedback_case.assign", "feedback_case.note", "feedback_case.moderate"} <= actions


def test_escalation_when_overdue_once_per_period(submit, officer, settings):
    start = timezone.now() - dt.timedelta(days=40)
    late = submit(category="quality_safety", now=start).case  # due after 3 days
    on_time = submit(category="thanks").case  # due in 30 days
    answered = submit(category="quality_safety", now=start).case
    _walk(
        officer,
        answered,
        ("under_review", {}),
        ("answered", {"answer_ar": "تم", "answer_en": "Done"}),
    )
    now = start + dt.timedelta(days=3, hours=1)
    assert services.escalate_overdue(now=now) == [late.pk]
    assert services.escalate_overdue(now=now) == []  # same period: nothing more
    assert services.escalate_overdue(now=now + dt.timedelta(days=3)) == [late.pk]
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.escalation_level == 2 and late.escalated_at is not None
    assert on_time.escalation_level == 0
    assert AuditEvent.objects.filter(action="feedback_case.escalate").count() == 2


def test_escalate_command(submit, capsys):
    from django.core.management import call_command

    submit(category="quality_safety", now=timezone.now() - dt.timedelta(days=5))
    call_command("feedback_escalate")
    assert "1 case(s) escalated." in capsys.readouterr().out
