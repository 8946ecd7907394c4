"""The screenshot tour's journeys (scripts/tour.py) name only addresses that resolve, in both
languages, and their placeholders' finders recognise the links the site builds. No browser."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "tour.py"
spec = importlib.util.spec_from_file_location("imar_tour", SCRIPT)
tour = importlib.util.module_from_spec(spec)
sys.modules["imar_tour"] = tour
spec.loader.exec_module(tour)

# A value for each placeholder, and the page whose links its finder must recognise.
SAMPLES = {
    "project": ("DRN-0001", "portfolio:project_detail"),
    "public_project": ("DRN-0001", "portal:project_detail"),
    "report": ("12", "monitoring:report_detail"),
    "scenario": ("3", "needs:scenario_detail"),
    "scoring_model": ("2", "needs:scoring_rank"),
    "process": ("5", "procurement:process_detail"),
    "activity": ("7", "aid:activity_detail"),
    "engagement": ("4", "partners:engagement_detail"),
    "district": ("LY-DR", "monitoring:district"),
    "case": ("9", "feedback:case_detail"),
}
ROLES = {"anonymous", "admin", "director", "officer", "finance", "engineer", "auditor", "delegate"}


def _addresses():
    for journey in tour.JOURNEYS:
        for path in journey.paths:
            yield journey.key, path


def _filled(path: str) -> str:
    return tour.PLACEHOLDER.sub(lambda m: SAMPLES[m.group(1)][0], path).split("?")[0]


@pytest.mark.parametrize(("key", "path"), list(_addresses()))
@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_journey_address_resolves(key, path, language):
    address = tour.language_path(_filled(path), language)
    try:
        resolve(address)
    except Resolver404:
        pytest.fail(f"{key}: {address} does not resolve")


def test_journeys_are_walked_by_demo_roles_and_cover_every_person():
    assert {j.role for j in tour.JOURNEYS} <= ROLES
    keys = [j.key for j in tour.JOURNEYS]
    assert len(keys) == len(set(keys))
    # One or more journeys for each person of JOURNEYS.md (13 sections).
    people = {re.sub(r"-.*", "", k) for k in keys}
    assert people >= {"director", "officer", "engineer", "finance", "organizer", "citizen",
                      "journalist", "auditor", "aid", "procurement", "complaint", "operator"}  # fmt: skip


def test_placeholders_have_finders_that_recognise_the_sites_links():
    used = {name for _key, path in _addresses() for name in tour.PLACEHOLDER.findall(path)}
    assert used <= set(tour.FINDERS) == set(SAMPLES)
    for name, (pattern, pages) in tour.FINDERS.items():
        for list_path in pages:
            resolve(tour.language_path(_filled(list_path), "en"))
        value, url_name = SAMPLES[name]
        for language in ("ar", "en"):
            with translation.override(language):
                link = reverse(url_name, args=[value])
            match = re.search(pattern, tour.bare_path(f"http://testserver{link}?page=2"))
            assert match and match.group(1) == value, (name, link)


def test_language_paths_keep_unprefixed_addresses():
    assert tour.language_path("/needs/", "en") == "/en/needs/"
    assert tour.language_path("/", "ar") == "/ar/"
    assert tour.language_path("/api/v1/docs/", "en") == "/api/v1/docs/"
    assert tour.bare_path("http://x:8000/en/aid/activities/3/?a=1") == "/aid/activities/3/"
