"""Shared fixtures: the real gazetteer, users of every role, and project factories.

No mocks: tests run against the real database (SQLite, or PostgreSQL via DATABASE_URL).
"""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from django.utils import translation

from imar.accounts.models import Profile, Role
from imar.geo.loader import load_gazetteer
from imar.geo.models import District, Municipality
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.enums import ProjectType
from imar.portfolio.models import Program, Project
from imar.portfolio.sectors import Sector

_codes = itertools.count(1)


# The SQLite test database lives in memory, and the live server hands its one connection to
# every request thread; a browser's parallel requests (page, data, scripts) then collide
# ("cannot start a transaction within a transaction"). One request at a time avoids it; the
# single-threaded server closes each connection, so keep-alive cannot stall it.
class _OneRequestAtATimeServer(WSGIServer):
    def __init__(self, *args, connections_override=None, **kwargs):
        # Requests run in the live server's own thread, which already uses the override.
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        try:
            super().process_request(request, client_address)
        finally:
            # As Django's threaded server does: no connection outlives its request (closing
            # is a no-op for in-memory SQLite).
            connections.close_all()


LiveServerThread.server_class = _OneRequestAtATimeServer


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Every user fixture hashes a password; the default hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _publication_identifiers(settings):
    """Tests set the publisher's identifiers explicitly (there are no defaults outside a
    demo instance): test values that no registry holds."""
    settings.IMAR_FUND_IATI_ID = "XX-TEST-FUND"
    settings.IMAR_OC4IDS_PREFIX = "xxtest"


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Services called directly speak English in tests; requests pick their own language.

    "en-us" is English without a language address: reverse() outside a request gives the
    unprefixed address (/portfolio/…), as tests write their links; a request's own English
    ("en") links to /en/… (imar.core.languages)."""
    with translation.override("en-us"):
        yield


@pytest.fixture(autouse=True)
def _job_files(settings, tmp_path):
    """Files uploaded for jobs, and the agenda PDFs jobs write, in the test's own folder."""
    settings.IMAR_JOBS_FILES_DIR = tmp_path / "jobs"
    settings.IMAR_FORUM_AGENDA_DIR = tmp_path / "agendas"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def gazetteer(db):
    load_gazetteer()


@pytest.fixture
def derna(gazetteer) -> Municipality:
    return Municipality.objects.get(pcode="LY010102")


@pytest.fixture
def tripoli(gazetteer) -> Municipality:
    return Municipality.objects.get(pcode="LY021104")


@pytest.fixture
def derna_district(gazetteer) -> District:
    return District.objects.get(iso_code="LY-DR")


def _user(username: str, role: str | None, **profile):
    user = get_user_model().objects.create_user(username, f"{username}@imar.test", "pass-Imar-2026")
    if role:
        districts = profile.pop("districts", [])
        prof = Profile.objects.create(user=user, role=role, **profile)
        prof.districts.set(districts)
    return user


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@imar.test", "pass-Imar-2026")


@pytest.fixture
def officer(db):
    return _user("officer", Role.FUND_OFFICER)


@pytest.fixture
def engineer(derna_district):
    """A regional engineer limited to Derna district."""
    return _user("engineer", Role.REGIONAL_ENGINEER, districts=[derna_district])


@pytest.fixture
def auditor(db):
    return _user("auditor", Role.AUDITOR)


@pytest.fixture
def finance(db):
    """A finance officer: reads the whole country, records money, moves no lifecycle."""
    return _user("finance", Role.FINANCE)


@pytest.fixture
def outsider(db):
    """Logged in, but with no role in the fund."""
    return _user("outsider", None)


@pytest.fixture
def organization(db) -> Organization:
    return Organization.objects.create(
        name_ar="وزارة الإسكان والتعمير",
        name_en="Ministry of Housing and Construction",
        kind=OrganizationKind.GOVERNMENT_BODY,
        country="LY",
    )


@pytest.fixture
def program(db) -> Program:
    return Program.objects.create(
        code="DRN", name_ar="برنامج إعادة إعمار درنة", name_en="Derna reconstruction"
    )


@pytest.fixture
def make_project(gazetteer):
    """Create a project with sensible defaults; override any field by keyword."""

    def make(**fields) -> Project:
        n = next(_codes)
        defaults = {
            "code": f"P-{n:05d}",
            "title_ar": f"مشروع رقم {n}",
            "title_en": f"Project number {n}",
            "sector": Sector.HOUSING,
            "project_type": ProjectType.REHABILITATION,
            "municipality": Municipality.objects.get(pcode="LY010102"),
            "budget": Decimal("1000000.00"),
            "planned_start": date(2025, 1, 1),
            "planned_end": date(2026, 12, 31),
            "is_public": True,
        }
        defaults.update(fields)
        return Project.objects.create(**defaults)

    return make
