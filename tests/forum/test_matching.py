"""Forum matchmaking on a hand-labelled bilingual set (tests/forum/data/matching_fixture.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imar.forum.matching import Matches, Profile, ShowcaseItem, concepts_in, recommend

FIXTURE = Path(__file__).parent / "data" / "matching_fixture.json"


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def profiles(data: dict) -> list[Profile]:
    return [
        Profile(
            p["id"],
            p["org"],
            p["kind"],
            p["country"],
            frozenset(p["sectors"]),
            p["offers"],
            p["seeks"],
        )
        for p in data["participants"]
    ]


@pytest.fixture(scope="module")
def items(data: dict) -> list[ShowcaseItem]:
    return [
        ShowcaseItem(
            s["id"], frozenset(s["sectors"]), s["title"], s["description"], s["needs"], s["org"]
        )
        for s in data["projects"]
    ]


@pytest.fixture(scope="module")
def results(profiles: list[Profile], items: list[ShowcaseItem]) -> dict[str, Matches]:
    return recommend(profiles, items, top_k=10)


def labelled(data: dict) -> list[tuple[str, str, str]]:
    """(query, target, kind) for every labelled good pair; participant pairs both ways."""
    out = []
    for a, b in data["good_pairs"]:
        out += [(a, b, "participant"), (b, a, "participant")]
    out += [(a, b, "project") for a, b in data["good_projects"]]
    return out


def found(results: dict[str, Matches], query: str, target: str, kind: str) -> bool:
    m = results[query]
    return target in [
        r.target_id for r in (m.participants if kind == "participant" else m.projects)
    ]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_recall_at_10_per_query_language(data: dict, results: dict, lang: str) -> None:
    lang_of = {p["id"]: p["lang"] for p in data["participants"]}
    pairs = [x for x in labelled(data) if lang_of[x[0]] == lang]
    assert len(pairs) >= 15
    recall = sum(found(results, *x) for x in pairs) / len(pairs)
    assert recall >= 0.85, recall


def test_cross_language_pairs_are_found(data: dict, results: dict) -> None:
    lang_of = {p["id"]: p["lang"] for p in data["participants"]}
    lang_of |= {
        s["id"]: ("ar" if any("\u0600" <= ch <= "\u06ff" for ch in s["title"]) else "en")
        for s in data["projects"]
    }
    cross = [x for x in labelled(data) if {lang_of[x[0]], lang_of[x[1]]} == {"ar", "en"}]
    assert len(cross) >= 20
    assert sum(found(results, *x) for x in cross) / len(cross) >= 0.85
    # Arabic need, English offer: تحلية المياه -> desalination plants
    top = [r.target_id for r in results["ly-water"].participants[:3]]
    assert "es-desal" in top and "fr-desal" in top
    assert results["nl-dredge"].participants[0].target_id == "ly-ports"
    assert results["es-desal"].projects[0].target_id == "p-desal"


def test_glossary_bridges_languages_and_spellings() -> None:
    assert "desalination" in concepts_in("تَحْلِيَة المياه")
    assert "desalination" in concepts_in("Desalination plants")
    assert "power_plant" in concepts_in("إعادة تأهيل محطات الكهرباء")
    assert "power_plant" in concepts_in("power plant rehabilitation")
    assert "bridges" in concepts_in("والجسور") and "bridges" in concepts_in("bridges")
    assert "housing" in concepts_in("إسكان") and "housing" in concepts_in("اسكان")
    assert "financing" in concepts_in("تمويل") and "financing" in concepts_in("Financing")


def test_reasons_are_structured_and_readable(results: dict) -> None:
    rec = next(r for r in results["ly-water"].participants if r.target_id == "fr-desal")
    codes = {r.code: r for r in rec.reasons}
    assert codes["shared_sectors"].params == {"sectors": ["water"]}
    assert "desalination" in codes["seeks"].params["concepts"]
    assert codes["complementary"].params == {"kinds": ["foreign_company", "libyan_institution"]}
    assert rec.text.startswith("both in water; you seek ")
    assert "desalination" in rec.text
    assert rec.text.endswith("complementary: foreign company and Libyan institution")
    project = results["tn-prefab"].projects[0]
    assert project.target_id == "p-housing"
    assert "the project needs" in project.text and "prefabricated buildings" in project.text


def test_competitors_rank_below_complements(profiles: list[Profile], items: list) -> None:
    full = recommend(profiles, items, top_k=100)
    ranked = [r.target_id for r in full["es-desal"].participants]
    assert ranked.index("ly-water") < ranked.index("fr-desal")
    assert ranked.index("ly-derna") < ranked.index("fr-desal")
    rival = full["es-desal"].participants[ranked.index("fr-desal")]
    assert "competitor" in {r.code for r in rival.reasons}
    assert "likely competitors" in rival.text
    ranked = [r.target_id for r in full["eg-roads"].participants]
    assert ranked.index("ly-roads") < ranked.index("eg-bridges")


def test_excludes_self_and_same_organization(results: dict) -> None:
    for pid, m in results.items():
        ids = [r.target_id for r in m.participants]
        assert pid not in ids
    assert "ly-water-2" not in [r.target_id for r in results["ly-water"].participants]
    # the project owner is not recommended its own project
    assert "p-desal" not in [r.target_id for r in results["ly-water"].projects]
    assert len(results["ly-water"].participants) == 10


def test_deterministic_and_only(profiles: list[Profile], items: list, results: dict) -> None:
    again = recommend(profiles, items, top_k=10, only=["ly-water"])
    assert list(again) == ["ly-water"]
    assert again["ly-water"] == results["ly-water"]


def test_full_ranking_is_sorted_and_complete(profiles: list[Profile], items: list) -> None:
    full = recommend(profiles, items, top_k=1000)
    for p in profiles:
        ranked = full[p.id].participants
        scores = [r.score for r in ranked]
        assert scores == sorted(scores, reverse=True)
        others = {q.id for q in profiles if q.organization_id != p.organization_id}
        assert {r.target_id for r in ranked} == others
        assert all(0 <= s <= 1 for s in scores)
