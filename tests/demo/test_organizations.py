"""The demo step that creates the partner organizations."""

import random
from collections import Counter

import pytest

from imar.core.text import normalize_search
from imar.demo import organizations as demo_organizations
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization

ARABIC = range(0x0600, 0x06FF + 1)


def _load():
    demo_organizations.load(rng=random.Random(1), options={}, log=lambda _line: None)


@pytest.fixture
def loaded(db):
    _load()


def test_the_fund_is_the_libyan_government_body_drf(loaded):
    fund = Organization.objects.get(acronym="DRF")
    assert fund.name_ar == "صندوق التنمية وإعادة إعمار ليبيا"
    assert fund.kind == OrganizationKind.GOVERNMENT_BODY
    assert fund.country.code == "LY"


def test_acronyms_are_unique_and_every_name_is_bilingual(loaded):
    acronyms = Counter(Organization.objects.values_list("acronym", flat=True))
    assert acronyms and max(acronyms.values()) == 1
    for org in Organization.objects.all():
        assert org.name_en and org.acronym
        assert any(ord(char) in ARABIC for char in org.name_ar), org.acronym


def test_every_kind_is_represented_and_companies_are_forty_to_sixty(loaded):
    kinds = Counter(Organization.objects.values_list("kind", flat=True))
    assert set(kinds) == set(OrganizationKind.values)
    assert 40 <= kinds[OrganizationKind.COMPANY] <= 60


def test_foreign_partners_include_greece_and_the_united_states(loaded):
    governments = Organization.objects.filter(kind=OrganizationKind.FOREIGN_GOVERNMENT)
    countries = {org.country.code for org in governments}
    assert {"GR", "US", "EG", "TR", "IT", "DE", "CN"} <= countries


def test_companies_come_from_several_countries_and_are_marked_synthetic(loaded):
    companies = Organization.objects.filter(kind=OrganizationKind.COMPANY)
    assert {"LY", "GR", "US", "EG", "TR", "IT"} <= {org.country.code for org in companies}
    assert all(org.notes == demo_organizations.SYNTHETIC_NOTE for org in companies)


def test_search_key_is_the_one_save_would_build(loaded):
    for org in Organization.objects.filter(acronym__in=["DRF", "GECOL", "HDA", "AEGC"]):
        stored = org.search_text
        org.save()
        assert (
            stored
            == org.search_text
            == normalize_search(" ".join([org.name_ar, org.name_en, org.acronym]))
        )
    assert Organization.objects.filter(search_text__contains="اعمار").filter(acronym="DRF")


def test_loading_twice_creates_nothing_new(loaded):
    before = Organization.objects.count()
    _load()
    assert Organization.objects.count() == before
