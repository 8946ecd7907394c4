"""Suggesting the fund's projects that may be a donor activity: pure (no Django).

The reasons, each with a weight: a shared organization (the project's organizations and
the activity's reporting and participating organizations, by IATI ref or by name), a
shared agreement (an agreement of the project signed with one of those organizations),
the same municipality or district, the same sector, and title similarity.

Title similarity is the bilingual matcher's character 3-5-gram cosine over
`imar.core.text.normalize_search` (the folding the forum matcher and the search use:
Arabic letter variants, marks and digits folded): the donor's English title against the
project's English title, its Arabic title against the Arabic one, the best of the two.
The forum's glossary (cross-language concepts) lives in `imar.forum`, a sibling layer
aid may not import; titles are compared in the same language only.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from imar.core.text import normalize_search

W_ORGANIZATION, W_AGREEMENT, W_MUNICIPALITY, W_DISTRICT, W_SECTOR, W_TITLE = (
    0.3, 0.15, 0.2, 0.1, 0.15, 0.3,
)  # fmt: skip
TITLE_MIN = 0.25  # below this cosine a title match is noise, not a reason
SUGGEST_MIN = 0.3
_STOP_TEXT = (
    "and the for with from of in on to a an project programme program libya "
    "في من على الى عن مع و مشروع برنامج ليبيا"
)
_STOP = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True)
class ActivityFacts:
    titles: dict[str, str]  # {"en": ..., "ar": ...}
    org_refs: frozenset[str]
    org_names: frozenset[str]  # normalized
    districts: frozenset[int]
    municipalities: frozenset[int]
    sectors: frozenset[str]


@dataclass(frozen=True)
class ProjectFacts:
    project_id: int
    title_en: str
    title_ar: str
    org_refs: frozenset[str]
    org_names: frozenset[str]
    agreement_org_refs: frozenset[str]
    agreement_org_names: frozenset[str]
    district: int | None
    municipality: int | None
    sector: str


@dataclass
class Suggestion:
    project_id: int
    score: float
    reasons: list[dict] = field(default_factory=list)


def grams(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for word in normalize_search(text or "").split():
        if word in _STOP:
            continue
        padded = f" {word} "
        for n in (3, 4, 5):
            for k in range(len(padded) - n + 1):
                out[padded[k : k + n]] += 1
    return out


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def title_similarity(
    activity_titles: dict[str, str], title_en: str, title_ar: str
) -> tuple[float, str]:
    """(best cosine, language) of the donor's titles against the project's."""
    best, lang = 0.0, ""
    pairs = [("en", title_en), ("ar", title_ar)]
    for code, project_title in pairs:
        for activity_lang, text in activity_titles.items():
            if activity_lang not in (code, "") or not project_title:
                continue
            value = cosine(grams(text), grams(project_title))
            if value > best:
                best, lang = value, code
    return best, lang


def score(activity: ActivityFacts, project: ProjectFacts) -> Suggestion:
    reasons: list[dict] = []
    total = 0.0
    shared = (activity.org_refs & project.org_refs) | (activity.org_names & project.org_names)
    if shared:
        total += W_ORGANIZATION
        reasons.append({"code": "organization", "detail": sorted(shared)[0]})
    agreement = (activity.org_refs & project.agreement_org_refs) | (
        activity.org_names & project.agreement_org_names
    )
    if agreement:
        total += W_AGREEMENT
        reasons.append({"code": "agreement", "detail": sorted(agreement)[0]})
    if project.municipality is not None and project.municipality in activity.municipalities:
        total += W_MUNICIPALITY
        reasons.append({"code": "municipality", "detail": project.municipality})
    elif project.district is not None and project.district in activity.districts:
        total += W_DISTRICT
        reasons.append({"code": "district", "detail": project.district})
    if project.sector and project.sector in activity.sectors:
        total += W_SECTOR
        reasons.append({"code": "sector", "detail": project.sector})
    similarity, lang = title_similarity(activity.titles, project.title_en, project.title_ar)
    if similarity >= TITLE_MIN:
        total += W_TITLE * similarity
        reasons.append({"code": "title", "detail": round(similarity, 2), "lang": lang})
    return Suggestion(project_id=project.project_id, score=round(total, 4), reasons=reasons)


def suggest(
    activity: ActivityFacts, projects: list[ProjectFacts], limit: int = 5
) -> list[Suggestion]:
    """The best projects above SUGGEST_MIN, best first (ties by project id)."""
    found = [score(activity, project) for project in projects]
    found = [s for s in found if s.score >= SUGGEST_MIN]
    found.sort(key=lambda s: (-s.score, s.project_id))
    return found[:limit]
