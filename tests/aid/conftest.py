import io
from datetime import date
from decimal import Decimal

import pytest

from imar.aid.services import activity_import
from imar.portfolio.models import ExchangeRate


@pytest.fixture
def do_import(gazetteer, officer):
    """Import bytes (or a path) as the officer; returns the ImportRun."""

    def run(data, name="donor.xml", by=None, **options):
        if isinstance(data, bytes | bytearray):
            return activity_import(
                file=io.BytesIO(data), by=by or officer, file_name=name, **options
            )
        with open(data, "rb") as handle:
            return activity_import(file=handle, by=by or officer, file_name=name, **options)

    return run


@pytest.fixture
def rates(db):
    """The fund's rates: USD and EUR from 2024 on, a higher USD rate from 2025-06-01."""
    ExchangeRate.objects.create(currency="USD", date=date(2024, 1, 1), rate_to_lyd=Decimal("4.80"))
    ExchangeRate.objects.create(currency="USD", date=date(2025, 6, 1), rate_to_lyd=Decimal("5.00"))
    ExchangeRate.objects.create(currency="EUR", date=date(2024, 1, 1), rate_to_lyd=Decimal("5.20"))
