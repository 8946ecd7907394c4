"""`|isolate` keeps a date whole inside a translated sentence of the other direction."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_isolate_is_built_in_and_wraps_in_unicode_isolates():
    html = Template('{{ d|date:"Y-m-d"|isolate }}|{{ empty|isolate }}').render(
        Context({"d": date(2025, 6, 8), "empty": ""})
    )
    assert html == "\u20682025-06-08\u2069|"


def test_the_dashboards_date_is_isolated_in_its_arabic_sentence(client, officer):
    client.force_login(officer)
    html = client.get("/portfolio/dashboard/").content.decode()
    assert f"\u2068{timezone.localdate().isoformat()}\u2069" in html
