"""Results fixtures: the storm's damage records, a housing standard, indicators."""

import datetime as dt
from decimal import Decimal

import pytest

from imar.geo.models import Municipality
from imar.needs.models import Assessment, DamageRecord
from imar.results import services
from imar.results.catalogue import catalogue_sync
from imar.results.models import StandardIndicator

PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))


@pytest.fixture
def storm(gazetteer):
    assessment = Assessment.objects.create(
        name_en="Storm assessment", name_ar="تقييم العاصفة", conducted_on=dt.date(2024, 1, 15)
    )
    for pcode, units in [("LY010102", 10360), ("LY010601", 2220), ("LY010201", 5920)]:
        DamageRecord.objects.create(
            assessment=assessment,
            municipality=Municipality.objects.get(pcode=pcode),
            sector="housing",
            units_damaged=units,
        )
    DamageRecord.objects.create(
        assessment=assessment,
        municipality=Municipality.objects.get(pcode="LY010102"),
        sector="transport_telecom",
        units_damaged=120,
    )
    return assessment


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def catalogue(db):
    """What the migration loads (a flush by a transactional test elsewhere removes it)."""
    catalogue_sync(StandardIndicator)


@pytest.fixture
def housing(db) -> StandardIndicator:
    return StandardIndicator.objects.get(code="housing-units-rebuilt")


@pytest.fixture
def make_indicator(make_project, housing, officer):
    def make(project=None, standard=housing, **fields):
        project = project or make_project()
        return services.indicator_create(by=officer, project=project, standard=standard, **fields)

    return make


@pytest.fixture
def report(engineer):
    """The engineer's field report of one period (draft unless submit=True)."""

    def send(indicator, by=engineer, start=PERIOD[0], end=PERIOD[1], **fields):
        fields.setdefault("actual_value", Decimal(120))
        return services.period_report(
            by=by, indicator=indicator, period_start=start, period_end=end, **fields
        )

    return send
