"""Progress reports: draft → submitted → verified, or returned with a reason and resubmitted.

Only verified reports count in figures. A field upload carries a client token chosen
before the first attempt, so retrying after a broken connection returns the report that
was already saved instead of creating a second one.
"""

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.core.versioning import adopt, lock_current
from imar.monitoring.errors import refuse
from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import ProgressReport, ReportPhoto, ReportStatus
from imar.monitoring.photos import check_image, public_copy
from imar.portfolio.models import Project

S = ReportStatus
MAX_PHOTOS = 10


def _clean_percent(value) -> Decimal:
    try:
        percent = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise refuse("physical_percent", _("Enter the progress as a number.")) from None
    if not percent.is_finite() or percent < 0 or percent > 100:
        raise refuse("physical_percent", _("Progress must be between 0 and 100%."))
    return percent.quantize(Decimal("0.01"))


def last_verified_percent(project: Project, before: dt.date, exclude_id=None) -> Decimal | None:
    queryset = ProgressReport.objects.filter(
        project=project, status=S.VERIFIED, report_date__lte=before
    )
    if exclude_id:
        queryset = queryset.exclude(pk=exclude_id)
    row = queryset.order_by("-report_date", "-physical_percent").first()
    return None if row is None else row.physical_percent


def check_report_rules(project, report_date, percent, progress_note, exclude_id=None) -> None:
    if report_date is None:
        raise refuse("report_date", _("Enter the date of the visit."))
    if report_date > timezone.localdate():
        raise refuse("report_date", _("A report cannot be dated in the future."))
    previous = last_verified_percent(project, report_date, exclude_id)
    if previous is not None and percent < previous and not (progress_note or "").strip():
        raise refuse(
            "progress_note",
            _("Progress is lower than the %(previous)s%% of the last verified report: explain why.")
            % {"previous": f"{previous.normalize():f}"},
        )


@transaction.atomic
def report_save(
    *,
    by,
    project: Project,
    report_date: dt.date,
    physical_percent,
    client_token: uuid.UUID | None = None,
    narrative_ar: str = "",
    narrative_en: str = "",
    progress_note: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    photos: list[tuple] = (),
    submit: bool = False,
) -> tuple[ProgressReport, bool]:
    """Create a report with its photos [(file, caption)]; returns (report, created).

    With a client token already used by this reporter, nothing is written and the
    existing report is returned: the first attempt got through.
    """
    if client_token is not None:
        existing = ProgressReport.objects.filter(client_token=client_token).first()
        if existing is not None:
            if existing.project_id != project.pk or existing.reporter_id != by.pk:
                raise refuse("client_token", _("This upload token belongs to another report."))
            return existing, False
    percent = _clean_percent(physical_percent)
    check_report_rules(project, report_date, percent, progress_note)
    if (latitude is None) != (longitude is None):
        raise refuse("latitude", _("Give both latitude and longitude, or neither."))
    if len(photos) > MAX_PHOTOS:
        raise refuse("photos", _("At most %(n)s photos per report.") % {"n": MAX_PHOTOS})
    for number, (upload, _caption) in enumerate(photos, start=1):
        check_image(upload, label=_("Photo %(n)s") % {"n": number})
    report = ProgressReport(
        project=project,
        report_date=report_date,
        physical_percent=percent,
        progress_note=progress_note.strip(),
        narrative_ar=narrative_ar.strip(),
        narrative_en=narrative_en.strip(),
        latitude=latitude,
        longitude=longitude,
        reporter=by,
        status=S.SUBMITTED if submit else S.DRAFT,
        submitted_at=timezone.now() if submit else None,
    )
    if client_token is not None:
        report.client_token = client_token
    report.save()
    for upload, caption in photos:
        photo_add(report=report, upload=upload, caption=caption)
    record_event(
        action="create",
        instance=report,
        actor=by,
        changes={"physical_percent": [None, str(percent)], "status": [None, report.status]},
    )
    return report, True


def photo_add(*, report: ProgressReport, upload, caption: str = "") -> ReportPhoto:
    check_image(upload)
    photo = ReportPhoto(report=report, caption=(caption or "").strip()[:300])
    name = f"{report.client_token}-{uuid.uuid4().hex[:8]}.jpg"
    photo.original.save(getattr(upload, "name", name) or name, upload, save=False)
    photo.public_image.save(name, public_copy(upload), save=False)
    photo.save()
    return photo


def _photo_files_delete(photo: ReportPhoto) -> None:
    originals = [(f.storage, f.name) for f in (photo.original, photo.public_image) if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in originals])


@transaction.atomic
def report_correct(
    *,
    report: ProgressReport,
    by,
    token: uuid.UUID | None = None,
    expected_version: int | None = None,
    fields: dict | None = None,
    add: list[tuple] = (),
    replace: dict | None = None,
    remove: list[int] = (),
    captions: dict | None = None,
    submit: bool = False,
) -> tuple[ProgressReport, bool]:
    """The author's correction of a draft or returned report: its fields, photos added
    [(file, caption)], replaced {photo id: (file, caption)} and removed [photo id], captions
    changed {photo id: caption}, then optionally sent again. One transaction, one audit event.

    `token` is chosen by the form before the first attempt (as for the first upload): a
    correction resent with a token already applied writes nothing and returns (report, False).
    """
    if token is not None:
        if ProgressReport.objects.filter(pk=report.pk, correction_token=token).exists():
            return ProgressReport.objects.get(pk=report.pk), False
        if ProgressReport.objects.filter(client_token=token).exists():
            raise refuse("client_token", _("This upload token belongs to another report."))
    replace, captions = replace or {}, captions or {}
    current = lock_current(report, expected_version=expected_version)
    if current.reporter_id != by.pk:
        raise refuse("status", _("Only the author of a report corrects it."))
    if current.status not in (S.DRAFT, S.RETURNED):
        raise refuse("status", _("Only a draft or returned report can be changed."))
    photos = {p.pk: p for p in current.photos.all()}
    unknown = [pk for pk in [*replace, *remove, *captions] if pk not in photos]
    if unknown:
        raise refuse("photos", _("A photo of another report cannot be changed."))
    if len(photos) - len(set(remove)) + len(add) > MAX_PHOTOS:
        raise refuse("photos", _("At most %(n)s photos per report.") % {"n": MAX_PHOTOS})
    for number, (upload, _caption) in enumerate(add, start=1):
        check_image(upload, label=_("New photo %(n)s") % {"n": number})
    for pk, (upload, _caption) in replace.items():
        check_image(upload, label=_("Replacement for “%(photo)s”") % {"photo": photos[pk]})
    changes = {}
    for name, value in (fields or {}).items():
        if name == "physical_percent":
            value = _clean_percent(value)
        if getattr(current, name) != value:
            changes[name] = [getattr(current, name), value]
        setattr(current, name, value)
    check_report_rules(
        current.project,
        current.report_date,
        current.physical_percent,
        current.progress_note,
        current.pk,
    )
    removed, replaced, added = [], [], []
    for pk in sorted(set(remove)):
        photo = photos[pk]
        removed.append(str(photo))
        _photo_files_delete(photo)
        photo.delete()
    for pk, (upload, caption) in replace.items():
        if pk in remove:
            continue
        old = photos[pk]
        new = photo_add(report=current, upload=upload, caption=caption or old.caption)
        replaced.append(f"{old} → {new}")
        _photo_files_delete(old)
        old.delete()
    for pk, caption in captions.items():
        photo = photos[pk]
        if pk in remove or pk in replace or photo.caption == (caption or "").strip()[:300]:
            continue
        changes[f"caption {pk}"] = [photo.caption, caption.strip()[:300]]
        photo.caption = caption.strip()[:300]
        photo.save(update_fields=["caption"])
    for upload, caption in add:
        added.append(str(photo_add(report=current, upload=upload, caption=caption)))
    for key, names in (("photos_removed", removed), ("photos_replaced", replaced)):
        if names:
            changes[key] = [", ".join(names), None]
    if added:
        changes["photos_added"] = [None, ", ".join(added)]
    if token is not None:
        current.correction_token = token
    current.save()
    record_event(action="update", instance=current, actor=by, changes=changes)
    report = adopt(report, current)
    if submit:
        report_submit(report=report, by=by)
    return report, True


def _transition(report, to, by, fields, reason=""):
    before = report.status
    report.status = to
    report.save(update_fields=[*fields, "status", "updated_at"])
    record_event(
        action="transition",
        instance=report,
        actor=by,
        changes={"status": [before, to]},
        reason=reason,
    )


@transaction.atomic
def report_update(
    *, report: ProgressReport, by, expected_version: int | None = None, **fields
) -> ProgressReport:
    """Correct a draft or returned report (its author does, before submitting again).
    With `expected_version`, a report saved elsewhere since is refused (`StaleVersion`)."""
    current = lock_current(report, expected_version=expected_version)
    if current.status not in (S.DRAFT, S.RETURNED):
        raise refuse("status", _("Only a draft or returned report can be changed."))
    if "physical_percent" in fields:
        fields["physical_percent"] = _clean_percent(fields["physical_percent"])
    for name, value in fields.items():
        setattr(current, name, value)
    check_report_rules(
        current.project,
        current.report_date,
        current.physical_percent,
        current.progress_note,
        current.pk,
    )
    current.save()
    record_event(action="update", instance=current, actor=by, changes={})
    return adopt(report, current)


@transaction.atomic
def report_submit(*, report: ProgressReport, by) -> ProgressReport:
    if report.status not in (S.DRAFT, S.RETURNED):
        raise refuse("status", _("Only a draft or returned report can be submitted."))
    report.submitted_at = timezone.now()
    _transition(report, S.SUBMITTED, by, ["submitted_at"])
    return report


@transaction.atomic
def report_verify(*, report: ProgressReport, by) -> ProgressReport:
    """Accept a submitted report: from now on it counts in the project's figures."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status != S.SUBMITTED:
        raise refuse("status", _("Only a submitted report can be verified."))
    if by is not None and by.pk == report.reporter_id:
        raise refuse("status", _("A report is verified by someone other than its author."))
    check_report_rules(
        report.project,
        report.report_date,
        report.physical_percent,
        report.progress_note,
        report.pk,
    )
    report.verified_by, report.verified_at, report.return_reason = by, timezone.now(), ""
    _transition(report, S.VERIFIED, by, ["verified_by", "verified_at", "return_reason"])
    refresh_figures(project_ids=[report.project_id])
    return report


@transaction.atomic
def report_return(*, report: ProgressReport, by, reason: str) -> ProgressReport:
    """Send a submitted report back to its author with what to correct."""
    if report.status != S.SUBMITTED:
        raise refuse("status", _("Only a submitted report can be returned."))
    if not (reason or "").strip():
        raise refuse("return_reason", _("Say what the reporter should correct."))
    report.return_reason = reason.strip()
    _transition(report, S.RETURNED, by, ["return_reason"], reason=report.return_reason)
    return report
