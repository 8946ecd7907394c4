"""Every workflow transition, the lock on approved periods, baselines, audit, idempotency."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from imar.accounts.models import AuditEvent
from imar.results import services
from imar.results.enums import PeriodStatus as S
from imar.results.models import IndicatorPeriod, StandardIndicator
from tests.images import photo_with_gps_and_payload

from .conftest import PERIOD

pytestmark = pytest.mark.django_db


def _events(instance):
    return AuditEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("sequence")


def _refused(field, call):
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict, error.value.message_dict
    return error.value.message_dict[field][0]


def test_catalogue_is_loaded_with_iati_codes():
    codes = set(StandardIndicator.objects.values_list("code", flat=True))
    assert {"housing-units-rebuilt", "road-km-reopened", "schools-reopened"} <= codes
    water = StandardIndicator.objects.get(code="people-water-restored")
    assert (water.iati_vocabulary, water.iati_code, water.damage_sector) == (
        "9",
        "6.1.1",
        "water_sanitation",
    )


def test_standard_indicator_takes_catalogue_shape_and_damage_baseline(storm, make_indicator):
    indicator = make_indicator()  # a Derna project
    assert (indicator.unit, indicator.measure) == ("housing_units", "count")
    assert indicator.title_en == "Housing units rebuilt or repaired"
    assert indicator.baseline_value == Decimal(10360)
    assert indicator.baseline_date == dt.date(2024, 1, 15)
    assert "Storm assessment" in indicator.baseline_source
    (event,) = _events(indicator)
    assert event.action == "create" and event.changes["baseline_value"] == [None, "10360.00"]


def test_standard_indicator_refuses_another_unit(make_indicator):
    _refused("unit", lambda: make_indicator(unit="km", measure="length"))


def test_indicator_needs_exactly_one_owner(officer, make_project, program):
    _refused(
        "project",
        lambda: services.indicator_create(by=officer, title_ar="س", unit="km", measure="length"),
    )
    _refused(
        "project",
        lambda: services.indicator_create(
            by=officer,
            project=make_project(),
            program=program,
            title_ar="س",
            unit="km",
            measure="length",
        ),
    )
    made = services.indicator_create(
        by=officer, program=program, title_ar="طرق", title_en="Roads", unit="km", measure="length"
    )
    assert made.program == program and made.baseline_value is None


def test_percent_unit_and_percentage_measure_go_together(officer, make_project):
    _refused(
        "measure",
        lambda: services.indicator_create(
            by=officer, project=make_project(), title_ar="س", unit="percent", measure="count"
        ),
    )


def test_draft_submit_approve_locks_the_period(make_indicator, report, engineer, officer):
    indicator = make_indicator()
    period, created = report(indicator, narrative_ar="أعيد بناء 120 وحدة")
    assert created and period.status == S.DRAFT and period.reported_by == engineer
    services.period_submit(period=period, by=engineer)
    period.refresh_from_db()
    assert period.status == S.SUBMITTED and period.submitted_at
    _refused("status", lambda: services.period_update(period=period, by=engineer, actual_value=5))
    services.period_approve(period=period, by=officer)
    period.refresh_from_db()
    assert period.status == S.APPROVED and period.approved_by == officer
    # Locked: no edit, no second report into it, no resubmission, no return.
    _refused("status", lambda: services.period_update(period=period, by=officer, actual_value=5))
    _refused("period_start", lambda: report(indicator, actual_value=Decimal(1)))
    _refused("status", lambda: services.period_submit(period=period, by=engineer))
    _refused("status", lambda: services.period_return(period=period, by=officer, reason="x"))
    _refused("status", lambda: services.period_approve(period=period, by=officer))
    period.refresh_from_db()
    assert period.actual_value == Decimal(120)
    assert [e.action for e in _events(period)] == ["create", "transition", "transition"]
    assert _events(period)[2].changes == {"status": ["submitted", "approved"]}


def test_return_needs_a_reason_and_goes_back_to_the_reporter(
    make_indicator, report, engineer, officer
):
    period, _ = report(make_indicator(), submit=True)
    assert period.status == S.SUBMITTED
    _refused(
        "return_reason", lambda: services.period_return(period=period, by=officer, reason="  ")
    )
    services.period_return(period=period, by=officer, reason="Photos missing")
    period.refresh_from_db()
    assert (period.status, period.return_reason) == (S.RETURNED, "Photos missing")
    assert _events(period).last().reason == "Photos missing"
    # The reporter corrects it and submits again; it can then be approved.
    services.period_update(period=period, by=engineer, actual_value="110")
    services.period_submit(period=period, by=engineer)
    services.period_approve(period=period, by=officer)
    period.refresh_from_db()
    assert (period.status, period.actual_value, period.return_reason) == (
        S.APPROVED,
        Decimal(110),
        "",
    )


def test_only_submitted_periods_are_approved_or_returned(make_indicator, report, officer):
    period, _ = report(make_indicator())
    _refused("status", lambda: services.period_approve(period=period, by=officer))
    _refused("status", lambda: services.period_return(period=period, by=officer, reason="x"))


def test_reporter_cannot_approve_own_period(make_indicator, report, officer):
    period, _ = report(make_indicator(), by=officer, submit=True)
    _refused("status", lambda: services.period_approve(period=period, by=officer))


def test_retried_upload_returns_the_same_period(make_indicator, report, engineer, officer):
    indicator = make_indicator()
    token = uuid.uuid4()
    first, created = report(indicator, client_token=token, submit=True)
    again, created_again = report(indicator, client_token=token, submit=True)
    assert created and not created_again and first.pk == again.pk
    assert IndicatorPeriod.objects.filter(indicator=indicator).count() == 1
    assert _events(first).count() == 1
    _refused("client_token", lambda: report(indicator, by=officer, client_token=token))


def test_report_fills_the_planned_period(make_indicator, report, officer):
    indicator = make_indicator()
    planned = services.period_plan(
        by=officer,
        indicator=indicator,
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        target_value=200,
    )
    period, _ = report(indicator)
    assert period.pk == planned.pk and period.target_value == Decimal(200)
    assert period.actual_value == Decimal(120)


def test_overlapping_and_backwards_periods_are_refused(make_indicator, officer):
    indicator = make_indicator()
    services.period_plan(
        by=officer, indicator=indicator, period_start=PERIOD[0], period_end=PERIOD[1]
    )
    _refused(
        "period_start",
        lambda: services.period_plan(
            by=officer,
            indicator=indicator,
            period_start=dt.date(2025, 3, 1),
            period_end=dt.date(2025, 9, 30),
        ),
    )
    _refused(
        "period_end",
        lambda: services.period_plan(
            by=officer,
            indicator=indicator,
            period_start=dt.date(2026, 3, 1),
            period_end=dt.date(2026, 1, 1),
        ),
    )


@pytest.mark.parametrize("value", ["-1", "abc", "NaN", "Infinity", "1e30"])
def test_bad_actual_values_are_refused(make_indicator, report, value):
    _refused("actual_value", lambda: report(make_indicator(), actual_value=value))


def test_percentage_needs_numerator_within_denominator(officer, make_project, report):
    indicator = services.indicator_create(
        by=officer, project=make_project(), title_ar="نسبة", unit="percent", measure="percentage"
    )
    _refused("actual_value", lambda: report(indicator, actual_value=50))
    _refused("actual_denominator", lambda: report(indicator, actual_value=None, actual_numerator=5))
    _refused(
        "actual_numerator",
        lambda: report(indicator, actual_value=None, actual_numerator=11, actual_denominator=10),
    )
    period, _ = report(indicator, actual_value=None, actual_numerator=3, actual_denominator=4)
    assert period.actual_display == Decimal("75.0")


def test_disaggregation_is_checked_and_kept(make_indicator, report):
    indicator = make_indicator()
    rows = [("sex", "female", 70), ("sex", "male", 50), ("district", "LY-DR", 120)]
    period, _ = report(indicator, disaggregations=rows)
    assert sorted(period.disaggregations.values_list("category", "value")) == [
        ("LY-DR", Decimal(120)),
        ("female", Decimal(70)),
        ("male", Decimal(50)),
    ]
    other = make_indicator()
    assert "more than the actual" in _refused(
        "disaggregations", lambda: report(other, disaggregations=[("sex", "female", 121)])
    )
    _refused("disaggregations", lambda: report(other, disaggregations=[("district", "LY-XX", 1)]))
    _refused(
        "disaggregations",
        lambda: report(other, disaggregations=[("sex", "female", 1), ("sex", "female", 2)]),
    )
    _refused("disaggregations", lambda: report(other, disaggregations=[("colour", "red", 1)]))
    assert not IndicatorPeriod.objects.filter(indicator=other).exists()  # nothing half-written


def test_evidence_photo_public_copy_has_no_gps(make_indicator, report):
    upload = SimpleUploadedFile("site.jpg", photo_with_gps_and_payload(), content_type="image/jpeg")
    document = SimpleUploadedFile(
        "handover.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
    )
    period, _ = report(
        make_indicator(), photos=[(upload, "Block A")], documents=[(document, "Handover")]
    )
    photo, doc = period.evidence.order_by("id")
    assert (photo.kind, doc.kind, photo.caption) == ("photo", "document", "Block A")
    public = photo.public_image.open("rb").read()
    assert b"PhoneMaker" not in public and b"<script>" not in public
    assert b"PhoneMaker" in photo.original.open("rb").read()  # the evidence keeps it, privately
    assert not doc.public_image


def test_evidence_that_is_not_a_pdf_is_refused(make_indicator, report):
    fake = SimpleUploadedFile(
        "report.pdf", b"<html><script>1</script>", content_type="application/pdf"
    )
    indicator = make_indicator()
    _refused("documents", lambda: report(indicator, documents=[(fake, "")]))
    assert not IndicatorPeriod.objects.filter(indicator=indicator).exists()


def test_unit_and_measure_freeze_once_a_period_is_approved(officer, make_project, report, engineer):
    indicator = services.indicator_create(
        by=officer, project=make_project(), title_ar="طرق", unit="km", measure="length"
    )
    services.indicator_update(indicator=indicator, by=officer, unit="m2", measure="area")
    period, _ = report(indicator, submit=True)
    services.period_approve(period=period, by=officer)
    _refused(
        "unit",
        lambda: services.indicator_update(
            indicator=indicator, by=officer, unit="km", measure="length"
        ),
    )
    services.indicator_update(indicator=indicator, by=officer, title_en="Public space")
    indicator.refresh_from_db()
    assert (indicator.unit, indicator.title_en) == ("m2", "Public space")
    assert _events(indicator).last().changes == {"title_en": ["", "Public space"]}


def test_future_period_cannot_have_an_actual(make_indicator, report):
    start = dt.date.today() + dt.timedelta(days=30)
    _refused(
        "period_start",
        lambda: report(make_indicator(), start=start, end=start + dt.timedelta(days=90)),
    )
