"""Writes of the results framework: keyword-only, one transaction and one audit event each.

A period goes draft → submitted → approved, or back to its reporter with a reason
(returned) and submitted again. Approved periods are locked: nothing changes them, and an
indicator with approved periods keeps its unit and measure. A field report carries a client
token chosen before the first attempt, so a retried upload returns the period already saved.
"""

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import apply_edit, diff_fields, record_event, snapshot
from imar.core.versioning import adopt, lock_current
from imar.geo.models import District
from imar.monitoring.photos import check_image, public_copy
from imar.portfolio.documents import clean_document
from imar.portfolio.models import Program, Project
from imar.results import rules
from imar.results.enums import EDITABLE_STATUSES, EvidenceKind, Measure, PeriodStatus, Unit
from imar.results.models import (
    Indicator,
    IndicatorPeriod,
    PeriodDisaggregation,
    PeriodEvidence,
    StandardIndicator,
)
from imar.results.selectors import damage_baseline

S = PeriodStatus
refuse = rules.refuse
MAX_EVIDENCE = 6
INDICATOR_FIELDS = [
    "title_ar",
    "title_en",
    "unit",
    "measure",
    "result_type",
    "baseline_value",
    "baseline_date",
    "baseline_source",
]
# What an approved period would no longer mean the same if changed.
SHAPE_FIELDS = ("unit", "measure")
PERIOD_FIELDS = [
    "period_start",
    "period_end",
    "target_value",
    "actual_value",
    "actual_numerator",
    "actual_denominator",
    "narrative_ar",
    "narrative_en",
]


def _check_indicator(indicator: Indicator) -> None:
    if not (indicator.title_ar or "").strip():
        raise refuse("title_ar", _("Give the indicator an Arabic title."))
    if indicator.unit not in Unit.values:
        raise refuse("unit", _("Choose one of the listed units."))
    if indicator.measure not in Measure.values:
        raise refuse("measure", _("Choose one of the listed measures."))
    if (indicator.unit == Unit.PERCENT) != (indicator.measure == Measure.PERCENTAGE):
        raise refuse("measure", _("A percentage is measured in %, and only a percentage is."))
    if indicator.standard_id and (
        indicator.unit != indicator.standard.unit or indicator.measure != indicator.standard.measure
    ):
        raise refuse(
            "unit",
            _("A standard indicator keeps the catalogue's unit and measure, so it adds up."),
        )
    indicator.baseline_value = rules.clean_value(indicator.baseline_value, "baseline_value")


@transaction.atomic
def indicator_create(
    *,
    by,
    project: Project | None = None,
    program: Program | None = None,
    standard: StandardIndicator | None = None,
    title_ar: str = "",
    title_en: str = "",
    unit: str = "",
    measure: str = "",
    result_type: str = "",
    baseline_value=None,
    baseline_date: date | None = None,
    baseline_source: str = "",
) -> Indicator:
    """An indicator of a project or a program. From a standard, the catalogue fills the
    title, unit and measure, and a project's baseline is the damage recorded for it in its
    municipality (most recent assessment that counted it), unless given."""
    if (project is None) == (program is None):
        raise refuse("project", _("An indicator belongs to a project or a program."))
    if standard is not None:
        title_ar, title_en = title_ar or standard.name_ar, title_en or standard.name_en
        unit, measure = unit or standard.unit, measure or standard.measure
        result_type = result_type or standard.result_type
        if project is not None and baseline_value in (None, ""):
            found = damage_baseline(standard=standard, municipality_id=project.municipality_id)
            if found is not None:
                baseline_value, baseline_date, baseline_source = found
    indicator = Indicator(
        project=project,
        program=program,
        standard=standard,
        title_ar=title_ar.strip(),
        title_en=title_en.strip(),
        unit=unit,
        measure=measure,
        result_type=result_type or "1",
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        baseline_source=(baseline_source or "").strip()[:300],
        created_by=by,
    )
    _check_indicator(indicator)
    indicator.save()
    record_event(
        action="create",
        instance=indicator,
        actor=by,
        changes=diff_fields({}, snapshot(indicator, ["standard", *INDICATOR_FIELDS])),
    )
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, by, expected_version: int | None = None, **fields
) -> Indicator:
    current = lock_current(indicator, expected_version=expected_version)
    before = apply_edit(current, fields, INDICATOR_FIELDS)
    changed = [name for name in SHAPE_FIELDS if before.get(name) != getattr(current, name)]
    if changed and current.periods.filter(status=S.APPROVED).exists():
        raise refuse(
            changed[0],
            _("This indicator has approved periods: its unit and measure can no longer change."),
        )
    _check_indicator(current)
    current.save()
    changes = diff_fields(before, snapshot(current, INDICATOR_FIELDS))
    record_event(action="update", instance=current, actor=by, changes=changes)
    return adopt(indicator, current)


def _clean_period_values(indicator: Indicator, values: dict) -> dict:
    cleaned = dict(values)
    for name in ("target_value", "actual_value", "actual_numerator", "actual_denominator"):
        if name in cleaned:
            cleaned[name] = rules.clean_value(cleaned[name], name)
    for name in ("narrative_ar", "narrative_en"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def _check_period(period: IndicatorPeriod) -> None:
    measure = period.indicator.measure
    rules.check_period_dates(period.period_start, period.period_end)
    rules.check_target(measure, period.target_value)
    rules.check_actual(
        measure, period.actual_value, period.actual_numerator, period.actual_denominator
    )
    if period.period_start > timezone.localdate() and period.has_actual:
        raise refuse("period_start", _("A period that has not started cannot have an actual yet."))
    clash = IndicatorPeriod.objects.filter(
        indicator=period.indicator,
        period_start__lte=period.period_end,
        period_end__gte=period.period_start,
    ).exclude(pk=period.pk)
    if clash.exists():
        raise refuse("period_start", _("This period overlaps another period of the indicator."))


@transaction.atomic
def period_plan(
    *, by, indicator: Indicator, period_start: date, period_end: date, target_value=None
) -> IndicatorPeriod:
    """A period with its target, before anything is reported (a draft)."""
    period = IndicatorPeriod(
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        target_value=rules.clean_value(target_value, "target_value"),
    )
    _check_period(period)
    period.save()
    record_event(
        action="create",
        instance=period,
        actor=by,
        changes=diff_fields({}, snapshot(period, ["period_start", "period_end", "target_value"])),
    )
    return period


def _district_codes() -> set[str]:
    return set(District.objects.values_list("iso_code", flat=True))


def _save_disaggregations(period, rows) -> int:
    cleaned = rules.clean_disaggregations(
        rows, actual=_actual_total(period), district_codes=_district_codes()
    )
    period.disaggregations.all().delete()
    PeriodDisaggregation.objects.bulk_create(
        PeriodDisaggregation(period=period, dimension=d, category=c, value=v) for d, c, v in cleaned
    )
    return len(cleaned)


def _actual_total(period):
    if period.indicator.measure == Measure.PERCENTAGE:
        return period.actual_numerator
    return period.actual_value


def _check_evidence(photos, documents, already: int = 0) -> None:
    if already + len(photos) + len(documents) > MAX_EVIDENCE:
        raise refuse(
            "photos", _("At most %(n)s photos and documents per period.") % {"n": MAX_EVIDENCE}
        )
    for number, (upload, _caption) in enumerate(photos, start=1):
        check_image(upload, label=_("Photo %(n)s") % {"n": number})


def evidence_add(
    *, period: IndicatorPeriod, upload, caption: str = "", kind: str
) -> PeriodEvidence:
    """Store one photo (original private, a clean public copy) or document (private)."""
    evidence = PeriodEvidence(period=period, kind=kind, caption=(caption or "").strip()[:300])
    stem = f"{period.client_token}-{uuid.uuid4().hex[:8]}"
    if kind == EvidenceKind.PHOTO:
        check_image(upload)
        evidence.original.save(f"{stem}.jpg", upload, save=False)
        evidence.public_image.save(f"{stem}.jpg", public_copy(upload), save=False)
    else:
        stored, _mime = clean_document(upload, field="documents", label=_("Document"))
        suffix = (getattr(stored, "name", "") or "").rsplit(".", 1)[-1].lower()[:5] or "bin"
        evidence.original.save(f"{stem}.{suffix}", stored, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def period_report(
    *,
    by,
    indicator: Indicator,
    period_start: date,
    period_end: date,
    client_token: uuid.UUID | None = None,
    actual_value=None,
    actual_numerator=None,
    actual_denominator=None,
    target_value=None,
    narrative_ar: str = "",
    narrative_en: str = "",
    disaggregations=(),
    photos: list[tuple] = (),
    documents: list[tuple] = (),
    submit: bool = False,
) -> tuple[IndicatorPeriod, bool]:
    """The field report of one period: its actual, narrative, breakdown and evidence, into
    the planned period with that start (if still a draft or returned) or a new one.
    Returns (period, saved); with a client token already used, nothing is written."""
    if client_token is not None:
        existing = IndicatorPeriod.objects.filter(client_token=client_token).first()
        if existing is not None:
            if existing.indicator_id != indicator.pk or existing.reported_by_id != by.pk:
                raise refuse("client_token", _("This upload token belongs to another report."))
            return existing, False
    values = _clean_period_values(
        indicator,
        {
            "period_end": period_end,
            "actual_value": actual_value,
            "actual_numerator": actual_numerator,
            "actual_denominator": actual_denominator,
            "narrative_ar": narrative_ar,
            "narrative_en": narrative_en,
        },
    )
    planned = (
        IndicatorPeriod.objects.select_for_update()
        .filter(indicator=indicator, period_start=period_start)
        .first()
    )
    if planned is not None and planned.status not in EDITABLE_STATUSES:
        raise refuse(
            "period_start",
            _("This period is already %(status)s: it can no longer be changed.")
            % {"status": planned.get_status_display().lower()},
        )
    period = planned or IndicatorPeriod(indicator=indicator, period_start=period_start)
    before = snapshot(period, PERIOD_FIELDS) if planned else {}
    for name, value in values.items():
        setattr(period, name, value)
    if target_value not in (None, ""):
        period.target_value = rules.clean_value(target_value, "target_value")
    _check_period(period)
    if not period.has_actual:
        raise refuse("actual_value", _("Enter what was achieved in this period."))
    _check_evidence(photos, documents, period.evidence.count() if planned else 0)
    period.reported_by = by
    if submit:
        period.status, period.submitted_at = S.SUBMITTED, timezone.now()
    if client_token is not None:
        period.client_token = client_token
    period.save()
    broken_down = _save_disaggregations(period, disaggregations)
    for upload, caption in photos:
        evidence_add(period=period, upload=upload, caption=caption, kind=EvidenceKind.PHOTO)
    for upload, caption in documents:
        evidence_add(period=period, upload=upload, caption=caption, kind=EvidenceKind.DOCUMENT)
    changes = diff_fields(before, snapshot(period, [*PERIOD_FIELDS, "status"]))
    changes["evidence"] = [None, len(photos) + len(documents)]
    changes["disaggregations"] = [None, broken_down]
    record_event(
        action="update" if planned else "create", instance=period, actor=by, changes=changes
    )
    return period, True


@transaction.atomic
def period_update(
    *,
    period: IndicatorPeriod,
    by,
    expected_version: int | None = None,
    disaggregations=None,
    **fields,
) -> IndicatorPeriod:
    """Correct a draft or returned period (target, actual, narrative, dates, breakdown)."""
    current = lock_current(period, expected_version=expected_version)
    if current.status not in EDITABLE_STATUSES:
        raise refuse("status", _("Only a draft or returned period can be changed."))
    before = apply_edit(current, _clean_period_values(current.indicator, fields), PERIOD_FIELDS)
    _check_period(current)
    current.save()
    if disaggregations is not None:
        _save_disaggregations(current, disaggregations)
    else:
        _save_disaggregations(
            current, current.disaggregations.values_list("dimension", "category", "value")
        )
    changes = diff_fields(before, snapshot(current, PERIOD_FIELDS))
    record_event(action="update", instance=current, actor=by, changes=changes)
    return adopt(period, current)


def _transition(period, to, by, fields, reason="") -> IndicatorPeriod:
    before = period.status
    period.status = to
    period.save(update_fields=[*fields, "status", "updated_at", "row_version"])
    record_event(
        action="transition",
        instance=period,
        actor=by,
        changes={"status": [before, to]},
        reason=reason,
    )
    return period


def _locked(period) -> IndicatorPeriod:
    return IndicatorPeriod.objects.select_for_update().select_related("indicator").get(pk=period.pk)


@transaction.atomic
def period_submit(*, period: IndicatorPeriod, by) -> IndicatorPeriod:
    period = _locked(period)
    if period.status not in EDITABLE_STATUSES:
        raise refuse("status", _("Only a draft or returned period can be submitted."))
    if not period.has_actual:
        raise refuse("actual_value", _("Enter what was achieved before submitting."))
    period.submitted_at = timezone.now()
    if period.reported_by_id is None:
        period.reported_by = by
    return _transition(period, S.SUBMITTED, by, ["submitted_at", "reported_by"])


@transaction.atomic
def period_approve(*, period: IndicatorPeriod, by) -> IndicatorPeriod:
    """Accept a submitted period: it counts in the roll-up and is locked from now on."""
    period = _locked(period)
    if period.status != S.SUBMITTED:
        raise refuse("status", _("Only a submitted period can be approved."))
    if by is not None and by.pk == period.reported_by_id:
        raise refuse("status", _("A period is approved by someone other than its reporter."))
    period.approved_by, period.approved_at, period.return_reason = by, timezone.now(), ""
    return _transition(period, S.APPROVED, by, ["approved_by", "approved_at", "return_reason"])


@transaction.atomic
def period_return(*, period: IndicatorPeriod, by, reason: str) -> IndicatorPeriod:
    """Send a submitted period back to its reporter with what to correct."""
    period = _locked(period)
    if period.status != S.SUBMITTED:
        raise refuse("status", _("Only a submitted period can be returned."))
    if not (reason or "").strip():
        raise refuse("return_reason", _("Say what the reporter should correct."))
    period.return_reason = reason.strip()[:2000]
    return _transition(period, S.RETURNED, by, ["return_reason"], reason=period.return_reason)
