"""The matcher, pure: reasons and scores against a second formulation."""

import math
from collections import Counter

import numpy as np

from imar.aid import matching
from imar.aid.matching import ActivityFacts, ProjectFacts


def facts(**kw) -> ActivityFacts:
    base = {
        "titles": {"en": "Rehabilitation of the Derna water network"},
        "org_refs": frozenset({"US-GOV-1"}),
        "org_names": frozenset(),
        "districts": frozenset({7}),
        "municipalities": frozenset({70}),
        "sectors": frozenset({"water_sanitation"}),
    }
    base.update(kw)
    return ActivityFacts(**base)


def project(pid=1, **kw) -> ProjectFacts:
    base = {
        "project_id": pid,
        "title_en": "Derna water network rehabilitation",
        "title_ar": "إعادة تأهيل شبكة مياه درنة",
        "org_refs": frozenset(),
        "org_names": frozenset(),
        "agreement_org_refs": frozenset(),
        "agreement_org_names": frozenset(),
        "district": 7,
        "municipality": 70,
        "sector": "water_sanitation",
    }
    base.update(kw)
    return ProjectFacts(**base)


def test_cosine_agrees_with_numpy_on_the_same_grams():
    a = matching.grams("Derna water network")
    b = matching.grams("Water network of Derna city")
    keys = sorted(set(a) | set(b))
    va, vb = np.array([a.get(k, 0) for k in keys]), np.array([b.get(k, 0) for k in keys])
    expected = float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))
    assert math.isclose(matching.cosine(a, b), expected, rel_tol=1e-12)
    assert matching.cosine(a, b) == matching.cosine(b, a)
    assert math.isclose(matching.cosine(a, a), 1.0)
    assert matching.cosine(a, Counter()) == 0.0


def test_arabic_titles_match_across_letter_variants():
    # alef with hamza, ta marbuta and diacritics folded by imar.core.text
    similarity, lang = matching.title_similarity(
        {"ar": "إعادة تأهيل شبكة مياه درنة"}, "", "اعادة تاهيل شبكه مياه درنه"
    )
    assert lang == "ar" and similarity > 0.9


def test_place_names_alone_do_not_cross_languages():
    # "Derna"/"درنة" is no glossary concept: nothing shared across the two languages
    similarity, _lang = matching.title_similarity({"en": "Derna"}, "", "درنة")
    assert similarity == 0


def test_english_donor_title_meets_an_arabic_project_title_through_the_glossary():
    found = matching.title_match(
        {"en": "Rehabilitation of desalination plants"}, "", "إعادة تأهيل محطات تحلية المياه"
    )
    assert found.lang == "en-ar"
    assert found.concepts == ("desalination", "rehabilitation")
    assert found.similarity >= matching.TITLE_MIN


def test_arabic_donor_title_meets_an_english_project_title_through_the_glossary():
    found = matching.title_match({"ar": "صيانة المدارس في سبها"}, "Sabha schools repair", "")
    assert found.lang == "ar-en"
    assert found.concepts == ("rehabilitation", "school")
    # independent check: the concept cosine by hand, discounted
    assert math.isclose(found.similarity, matching.CROSS_DISCOUNT * 1.0)


def test_cross_language_concept_cosine_equals_a_hand_count():
    # donor: water, rehabilitation; project: water, sanitation -> cosine 1/2
    found = matching.title_match(
        {"en": "Water network rehabilitation"}, "", "مياه الشرب والصرف الصحي"
    )
    a = Counter(matching.concepts("Water network rehabilitation"))
    b = Counter(matching.concepts("مياه الشرب والصرف الصحي"))
    assert set(a) == {"water", "rehabilitation"} and set(b) == {"water", "sanitation"}
    assert math.isclose(found.similarity, matching.CROSS_DISCOUNT * 0.5)
    assert found.concepts == ("water",)


def test_unrelated_titles_across_languages_score_nothing():
    found = matching.title_match({"en": "Road paving in Sirte"}, "", "مستشفى الجلاء")
    assert found.similarity == 0


def test_a_same_language_match_beats_the_discounted_concept_match():
    found = matching.title_match(
        {"en": "Derna water network rehabilitation", "ar": "إعادة تأهيل شبكة مياه درنة"},
        "Derna water network rehabilitation",
        "",
    )
    assert found.lang == "en" and math.isclose(found.similarity, 1.0)


def test_a_cross_language_title_match_is_a_reason_with_its_concepts():
    activity = facts(
        titles={"en": "Desalination plant rehabilitation"},
        org_refs=frozenset(),
        districts=frozenset(),
        municipalities=frozenset(),
        sectors=frozenset(),
    )
    found = matching.score(activity, project(title_en="", title_ar="صيانة محطة التحلية"))
    (reason,) = found.reasons
    assert reason["code"] == "title" and reason["lang"] == "en-ar"
    assert reason["concepts"] == ["desalination", "rehabilitation"]


def test_all_reasons_add_up_to_the_score():
    activity = facts(org_refs=frozenset({"US-GOV-1"}))
    found = matching.score(
        activity,
        project(org_refs=frozenset({"US-GOV-1"}), agreement_org_refs=frozenset({"US-GOV-1"})),
    )
    codes = [r["code"] for r in found.reasons]
    assert codes == ["organization", "agreement", "municipality", "sector", "title"]
    title = next(r for r in found.reasons if r["code"] == "title")["detail"]
    expected = (
        matching.W_ORGANIZATION
        + matching.W_AGREEMENT
        + matching.W_MUNICIPALITY
        + matching.W_SECTOR
        + matching.W_TITLE * title
    )
    assert math.isclose(found.score, expected, abs_tol=0.01)


def test_district_counts_only_when_the_municipality_differs():
    found = matching.score(facts(), project(municipality=71))
    assert [r["code"] for r in found.reasons][:1] == ["district"]


def test_suggestions_are_ranked_and_unrelated_projects_left_out():
    unrelated = project(
        3,
        title_en="School in Sabha",
        title_ar="مدرسة في سبها",
        district=1,
        municipality=10,
        sector="education",
    )
    weaker = project(2, title_en="Derna water supply", municipality=71)
    best = project(1)
    found = matching.suggest(facts(), [unrelated, weaker, best])
    assert [s.project_id for s in found] == [1, 2]
    assert found[0].score > found[1].score


def test_suggest_equals_a_brute_force_sort_of_every_score():
    projects = [
        project(i, title_en=t, municipality=m, sector=s)
        for i, (t, m, s) in enumerate(
            [
                ("Derna water", 70, "water_sanitation"),
                ("Derna roads", 70, "roads_bridges"),
                ("Benghazi water", 60, "water_sanitation"),
                ("Water network", 71, "housing"),
                ("Derna water network repair", 70, "water_sanitation"),
            ],
            start=1,
        )
    ]
    brute = sorted(
        (matching.score(facts(), p) for p in projects), key=lambda s: (-s.score, s.project_id)
    )
    brute = [s.project_id for s in brute if s.score >= matching.SUGGEST_MIN][:5]
    assert [s.project_id for s in matching.suggest(facts(), projects)] == brute


def test_the_project_index_suggests_what_scoring_every_project_suggests():
    """Blocking by shared reasons loses nothing: an unrelated project with the very same
    title (the only way it can reach SUGGEST_MIN) is still found."""
    projects = [
        project(i, title_en=t, municipality=m, district=d, sector=s)
        for i, (t, m, d, s) in enumerate(
            [
                ("Derna water", 70, 7, "water_sanitation"),
                ("Derna roads", 70, 7, "roads_bridges"),
                ("Benghazi water", 60, 6, "water_sanitation"),
                ("Water network", 71, 7, "housing"),
                ("School in Sabha", 10, 1, "education"),
                ("Clinic in Sabha", 10, 1, "health"),
            ],
            start=1,
        )
    ]
    activity = facts()
    same_title = project(
        7, title_en=next(iter(activity.titles.values())), municipality=10, district=1,
        sector="education",
    )  # fmt: skip
    projects.append(same_title)
    index = matching.ProjectIndex(projects)
    candidates = {p.project_id for p in index.candidates(activity)}
    assert 5 not in candidates and 6 not in candidates  # nothing shared: not scored
    assert 7 in candidates
    by_index = matching.suggest(activity, index)
    assert by_index == matching.suggest(activity, projects)
    assert 7 in [s.project_id for s in by_index]
