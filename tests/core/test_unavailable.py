"""The database unavailable: a translated 503 page (JSON under /api/) with Retry-After, and
nothing the request wrote is kept."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from imar.core import errors
from imar.organizations import services as organization_services
from imar.organizations.models import Organization


@pytest.fixture
def failing_client():
    """The test client answering as the server does (the error handled, not re-raised)."""
    return Client(raise_request_exception=False)


def _database_goes_away(monkeypatch):
    """The connection drops after the organization row is written, before its audit event."""

    def drop(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(organization_services, "record_event", drop)


def _create(client):
    return client.post(
        reverse("partners:organization_create"),
        {"name_ar": "وكالة", "name_en": "Agency", "kind": "development_agency", "country": "IT"},
    )


@pytest.mark.parametrize(
    ("lang", "title"), [("ar", "الخدمة غير متاحة مؤقتًا"), ("en", "Service unavailable")]
)
def test_a_write_cut_by_the_database_is_a_translated_503_and_saves_nothing(
    failing_client, officer, settings, monkeypatch, lang, title
):
    failing_client.force_login(officer)
    failing_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    _database_goes_away(monkeypatch)
    response = _create(failing_client)
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.IMAR_RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert title in body
    assert f'lang="{lang}"' in body and ('dir="rtl"' in body) == (lang == "ar")
    assert not Organization.objects.filter(name_en="Agency").exists()  # rolled back


def test_the_api_answers_503_in_its_json_shape(failing_client, monkeypatch, db):
    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    from imar.portal.api import PublicProjectViewSet

    monkeypatch.setattr(PublicProjectViewSet, "get_queryset", down)
    response = failing_client.get("/api/v1/public/projects/")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "detail" in response.json()


def test_a_bug_in_a_query_stays_a_500():
    from django.db import IntegrityError, ProgrammingError

    assert not errors.database_unavailable(ProgrammingError("no such column"))
    assert not errors.database_unavailable(IntegrityError("duplicate key"))
    assert errors.database_unavailable(OperationalError("connection refused"))
    wrapped = RuntimeError("while rendering")
    wrapped.__cause__ = OperationalError("terminating connection due to administrator command")
    assert errors.database_unavailable(wrapped)
