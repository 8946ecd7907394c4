"""Writes of citizens' cases: keyword-only, one transaction and one audit event each.

The audit events name the case, its project and what changed, never the reporter's text,
contact or location."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imar.accounts.audit import record_event
from imar.feedback import limits, photos, rules
from imar.feedback.access import can_handle
from imar.feedback.enums import Category, Status
from imar.feedback.models import MAX_TEXT, Case, CaseNote, CasePhoto

DUPLICATE_DAYS = 30


@dataclass(frozen=True)
class Received:
    case: Case
    code: str  # shown to the reporter once; only its hash is stored


def sla_days(category: str) -> int:
    return int(settings.IMAR_FEEDBACK_SLA_DAYS.get(category, 10))


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _check_submission(*, category, text, latitude, longitude, contact) -> None:
    if category not in Category.values:
        raise _refuse("category", _("Category: choose what the case is about."))
    if not text.strip():
        raise _refuse("text", _("What happened: write a few words."))
    if len(text) > MAX_TEXT:
        raise _refuse(
            "text", _("What happened: at most %(n)s characters, please.") % {"n": MAX_TEXT}
        )
    if (latitude is None) != (longitude is None):
        raise _refuse("latitude", _("Location: give both latitude and longitude, or neither."))
    if latitude is not None and not (19 <= latitude <= 34 and 9 <= longitude <= 26):
        raise _refuse("latitude", _("Location: the point is outside Libya."))
    if len(contact) > 200:
        raise _refuse("contact", _("Contact: at most 200 characters."))


def case_submit(
    *,
    project,
    category: str,
    text: str,
    client_address: str,
    photo_files=(),
    latitude: float | None = None,
    longitude: float | None = None,
    contact: str = "",
    language: str = "ar",
    now: dt.datetime | None = None,
) -> Received:
    """Take a citizen's case on a public project (anonymous unless a contact is given)."""
    now = now or timezone.now()
    text = text.strip()
    contact = contact.strip()
    if not type(project).objects.public().filter(pk=project.pk).exists():
        raise _refuse("project", _("Project: cases can be raised only on public projects."))
    _check_submission(
        category=category, text=text, latitude=latitude, longitude=longitude, contact=contact
    )
    photo_files = list(photo_files)
    photos.check_photos(photo_files)
    print_ = rules.fingerprint(text, project.code)
    since = now - dt.timedelta(days=DUPLICATE_DAYS)
    if Case.objects.filter(project=project, fingerprint=print_, received_at__gte=since).exists():
        raise _refuse(
            "text",
            _(
                "What happened: the same text was already received on this project; it is "
                "being followed. Use your tracking code to see it."
            ),
        )
    limited = limits.allow(address=client_address, project_key=project.code, now=now.timestamp())
    if limited == "address":
        raise _refuse(
            "__all__", _("Too many cases from this connection in the last hour; try later.")
        )
    if limited == "project":
        raise _refuse(
            "__all__", _("This project received many cases in the last hour; try again later.")
        )
    positions = [photos.gps_of(f) for f in photo_files]
    cleaned = [photos.clean_copy(f) for f in photo_files]
    first_position = next((p for p in positions if p), None)
    code = rules.new_tracking_code()
    with transaction.atomic():
        case = Case(
            project=project,
            category=category,
            text=text,
            language=language[:8],
            latitude=latitude,
            longitude=longitude,
            photo_latitude=first_position[0] if first_position else None,
            photo_longitude=first_position[1] if first_position else None,
            contact=contact,
            tracking_hash=rules.code_hash(code, settings.SECRET_KEY),
            fingerprint=print_,
            received_at=now,
            due_at=rules.due_at(now, sla_days(category)),
        )
        case.save()
        for content in cleaned:
            CasePhoto.objects.create(case=case, image=content)
        record_event(
            action="feedback_case.received",
            instance=case,
            changes={"project": [None, project.code], "category": [None, category]},
        )
    return Received(case=case, code=code)


def case_by_code(code: str) -> Case | None:
    if not rules.canonical_code(code):
        return None
    digest = rules.code_hash(code, settings.SECRET_KEY)
    return Case.objects.select_related("project").filter(tracking_hash=digest).first()


def _locked(by, case: Case) -> Case:
    current = (
        Case.objects.select_for_update().select_related("project__municipality").get(pk=case.pk)
    )
    if not can_handle(by, current):
        raise PermissionDenied
    return current


def case_assign(*, by, case: Case, assignee) -> Case:
    with transaction.atomic():
        current = _locked(by, case)
        before = current.assigned_to_id
        current.assigned_to = assignee
        current.save(update_fields=["assigned_to"])
        record_event(
            action="feedback_case.assign",
            instance=current,
            actor=by,
            changes={"assigned_to": [before, assignee.pk if assignee else None]},
        )
    return current


def case_note_add(*, by, case: Case, text: str) -> CaseNote:
    text = text.strip()
    if not text:
        raise _refuse("text", _("Note: write the note."))
    with transaction.atomic():
        current = _locked(by, case)
        note = CaseNote.objects.create(case=current, author=by, text=text[:4000])
        record_event(action="feedback_case.note", instance=current, actor=by)
    return note


TRANSITION_MESSAGES = {
    "not_allowed": gettext_lazy("Status: a case cannot move from “%(from)s” to “%(to)s”."),
    "reason_required": gettext_lazy("Reason: say why (the reporter sees it)."),
    "answer_required": gettext_lazy("Answer: write the public answer in Arabic and in English."),
}


def case_move(
    *,
    by,
    case: Case,
    status: str,
    reason: str = "",
    answer_ar: str = "",
    answer_en: str = "",
    now: dt.datetime | None = None,
) -> Case:
    """Move a case along its workflow (rules.TRANSITIONS); an answer comes with "answered"."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked(by, case)
        answer_ar = answer_ar.strip() or current.answer_ar
        answer_en = answer_en.strip() or current.answer_en
        problems = rules.transition_problems(
            current.status, status, reason=reason, answer_ar=answer_ar, answer_en=answer_en
        )
        if problems:
            labels = dict(Status.choices)
            params = {"from": labels.get(current.status), "to": labels.get(status, status)}
            field = {"not_allowed": "status", "reason_required": "reason"}.get(
                problems[0], "answer_ar"
            )
            raise _refuse(field, str(TRANSITION_MESSAGES[problems[0]]) % params)
        before = current.status
        current.status = status
        fields = ["status"]
        if status == Status.UNDER_REVIEW and current.reviewed_at is None:
            current.reviewed_at = now
            fields.append("reviewed_at")
        if status == Status.ANSWERED:
            current.answer_ar, current.answer_en = answer_ar, answer_en
            current.answered_at = current.answered_at or now
            fields += ["answer_ar", "answer_en", "answered_at"]
        if status in (Status.RESOLVED, Status.REJECTED):
            current.decided_at = now
            fields.append("decided_at")
        if status == Status.REJECTED:
            current.rejection_reason = reason.strip()
            fields.append("rejection_reason")
        current.save(update_fields=fields)
        record_event(
            action="feedback_case.transition",
            instance=current,
            actor=by,
            changes={"status": [before, status]},
            reason=reason.strip(),
        )
    return current


def case_moderate(*, by, case: Case, public_text: str, publish: bool, public_photo_ids=()) -> Case:
    """What of the case the public may read: a moderated text (no names, numbers or
    places of people), which photos, and whether it is published at all."""
    public_text = public_text.strip()
    if publish and not public_text:
        raise _refuse("public_text", _("Public text: write the text the public will read."))
    if len(public_text) > MAX_TEXT:
        raise _refuse("public_text", _("Public text: at most %(n)s characters.") % {"n": MAX_TEXT})
    with transaction.atomic():
        current = _locked(by, case)
        before = current.is_published
        current.public_text = public_text
        current.is_published = publish
        current.save(update_fields=["public_text", "is_published"])
        chosen = {int(pk) for pk in public_photo_ids}
        for photo in current.photos.all():
            if photo.is_public != (photo.pk in chosen):
                photo.is_public = photo.pk in chosen
                photo.save(update_fields=["is_public"])
        record_event(
            action="feedback_case.moderate",
            instance=current,
            actor=by,
            changes={"is_published": [before, publish], "public_photos": [None, sorted(chosen)]},
        )
    return current


def escalate_overdue(*, now: dt.datetime | None = None) -> list[int]:
    """Raise the escalation level of every open case past its due time (one level per SLA
    period overdue); returns the ids escalated in this run. Running it twice escalates
    nothing more until another period passes."""
    now = now or timezone.now()
    escalated = []
    overdue = Case.objects.filter(status__in=[Status.RECEIVED, Status.UNDER_REVIEW], due_at__lt=now)
    for case_id in overdue.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case_id)
            level = rules.escalation_level(case.due_at, now, sla_days(case.category))
            if level <= case.escalation_level or case.status not in (
                Status.RECEIVED,
                Status.UNDER_REVIEW,
            ):
                continue
            before = case.escalation_level
            case.escalation_level = level
            case.escalated_at = now
            case.save(update_fields=["escalation_level", "escalated_at"])
            record_event(
                action="feedback_case.escalate",
                instance=case,
                changes={"escalation_level": [before, level]},
            )
            escalated.append(case.pk)
    return escalated
