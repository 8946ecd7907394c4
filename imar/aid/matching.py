"""Suggesting the fund's projects that may be a donor activity: pure (no Django).

The reasons, each with a weight: a shared organization (the project's organizations and
the activity's reporting and participating organizations, by IATI ref or by name), a
shared agreement (an agreement of the project signed with one of those organizations),
the same municipality or district, the same sector, and title similarity.

Title similarity is the bilingual matcher's character 3-5-gram cosine over
`imar.core.text.normalize_search` (the folding the forum matcher and the search use:
Arabic letter variants, marks and digits folded): the donor's English title against the
project's English title, its Arabic title against the Arabic one. Across languages (an
English donor title against the project's Arabic title, or the other way round) the titles
are compared through the bilingual glossary (`imar.core.glossary`, the forum matcher's):
each title becomes the glossary concepts it mentions ("water network rehabilitation" and
"إعادة تأهيل شبكة المياه" both mention water and rehabilitation) and the concept cosine,
discounted by CROSS_DISCOUNT (a shared concept is weaker evidence than shared wording),
counts. The best comparison is the title's similarity.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from imar.core.glossary import concepts_in
from imar.core.text import normalize_search

W_ORGANIZATION, W_AGREEMENT, W_MUNICIPALITY, W_DISTRICT, W_SECTOR, W_TITLE = (
    0.3, 0.15, 0.2, 0.1, 0.15, 0.3,
)  # fmt: skip
TITLE_MIN = 0.25  # below this cosine a title match is noise, not a reason
SUGGEST_MIN = 0.3
CROSS_DISCOUNT = 0.8  # concept cosine across languages, as a share of a same-language match
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


def concepts(text: str) -> Counter[str]:
    """The glossary concepts a title mentions, counted."""
    return Counter(concepts_in(text or ""))


# Each project title is compared with every activity: its grams and concepts are read once.
# (Read-only: cosine never changes a Counter.)
_grams = lru_cache(maxsize=16384)(grams)
_concepts = lru_cache(maxsize=16384)(concepts)


@dataclass(frozen=True)
class TitleMatch:
    similarity: float
    lang: str  # "en" or "ar": same language; "en-ar" or "ar-en": donor's then project's
    concepts: tuple[str, ...] = ()  # the shared glossary concepts of a cross-language match


def title_match(activity_titles: dict[str, str], title_en: str, title_ar: str) -> TitleMatch:
    """The best comparison of the donor's titles with the project's: character grams in one
    language, glossary concepts across the two. A narrative without a language ("") is
    compared with both of the project's titles, by grams and by concepts."""
    best = TitleMatch(0.0, "")
    for code, project_title in (("en", title_en), ("ar", title_ar)):
        if not project_title:
            continue
        other = "ar" if code == "en" else "en"
        for activity_lang, text in activity_titles.items():
            if activity_lang in (code, ""):
                value = cosine(_grams(text), _grams(project_title))
                if value > best.similarity:
                    best = TitleMatch(value, code)
            if activity_lang in (other, ""):
                a, b = _concepts(text), _concepts(project_title)
                value = CROSS_DISCOUNT * cosine(a, b)
                if value > best.similarity:
                    shared = tuple(sorted(a.keys() & b.keys()))
                    best = TitleMatch(value, f"{activity_lang or other}-{code}", shared)
    return best


def title_similarity(
    activity_titles: dict[str, str], title_en: str, title_ar: str
) -> tuple[float, str]:
    """(best similarity, language) of the donor's titles against the project's."""
    found = title_match(activity_titles, title_en, title_ar)
    return found.similarity, found.lang


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
    title = title_match(activity.titles, project.title_en, project.title_ar)
    if title.similarity >= TITLE_MIN:
        total += W_TITLE * title.similarity
        reason = {"code": "title", "detail": round(title.similarity, 2), "lang": title.lang}
        if title.concepts:
            reason["concepts"] = list(title.concepts)
        reasons.append(reason)
    return Suggestion(project_id=project.project_id, score=round(total, 4), reasons=reasons)


def title_key(text: str) -> tuple:
    """The title's words (as `grams` reads them) as a multiset up to scale: two titles with
    the same key have the same gram vector up to a factor, so a cosine of 1."""
    words = Counter(w for w in normalize_search(text or "").split() if w not in _STOP)
    if not words:
        return ()
    divisor = math.gcd(*words.values())
    return tuple(sorted((w, n // divisor) for w, n in words.items()))


class ProjectIndex:
    """The projects by what a reason can share with an activity, so `suggest` scores only
    the candidates (blocking) instead of every project.

    A project outside the candidates shares no organization, agreement, municipality,
    district or sector with the activity: only its title can score, at most W_TITLE (a
    cosine of 1) = SUGGEST_MIN, reached only by a title with the same words (up to scale,
    `title_key`), which the index also finds. So the suggestions are the same as scoring
    every project; a different title whose cosine rounds to 1 (hundreds of shared grams
    and one apart) is the one case left out."""

    def __init__(self, projects: list[ProjectFacts]):
        self.size = len(projects)
        self.blocks: dict[tuple, list[ProjectFacts]] = {}

        def put(key, project):
            self.blocks.setdefault(key, []).append(project)

        for project in projects:
            for ref in project.org_refs:
                put(("org", ref), project)
            for name in project.org_names:
                put(("org_name", name), project)
            for ref in project.agreement_org_refs:
                put(("org", ref), project)
            for name in project.agreement_org_names:
                put(("org_name", name), project)
            if project.municipality is not None:
                put(("municipality", project.municipality), project)
            if project.district is not None:
                put(("district", project.district), project)
            if project.sector:
                put(("sector", project.sector), project)
            for title in {title_key(project.title_en), title_key(project.title_ar)} - {()}:
                put(("title", title), project)

    def __len__(self) -> int:
        return self.size

    def candidates(self, activity: ActivityFacts) -> list[ProjectFacts]:
        keys = (
            [("org", ref) for ref in activity.org_refs]
            + [("org_name", name) for name in activity.org_names]
            + [("municipality", m) for m in activity.municipalities]
            + [("district", d) for d in activity.districts]
            + [("sector", s) for s in activity.sectors]
            + [("title", title_key(text)) for text in activity.titles.values()]
        )
        found: dict[int, ProjectFacts] = {}
        for key in keys:
            for project in self.blocks.get(key, ()):
                found[project.project_id] = project
        return [found[pid] for pid in sorted(found)]


def suggest(
    activity: ActivityFacts, projects: "list[ProjectFacts] | ProjectIndex", limit: int = 5
) -> list[Suggestion]:
    """The best projects above SUGGEST_MIN, best first (ties by project id). Given a
    `ProjectIndex`, only the activity's candidates are scored (the same result)."""
    if isinstance(projects, ProjectIndex):
        projects = projects.candidates(activity)
    found = [score(activity, project) for project in projects]
    found = [s for s in found if s.score >= SUGGEST_MIN]
    found.sort(key=lambda s: (-s.score, s.project_id))
    return found[:limit]
