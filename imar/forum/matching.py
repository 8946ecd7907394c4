"""Forum matchmaking: who should meet whom, and which showcased projects fit a participant.

Pure module (no Django): profiles and projects in, ranked recommendations with reasons out.
Ranking combines sector overlap, complementary participant kinds (a foreign company and a
Libyan institution complement each other; two foreign companies in one sector compete) and
text similarity of what one offers against what the other seeks, in both directions.

Text similarity works across Arabic and English: character 3-5-gram TF-IDF on the folded
text (catches spelling variants and shared words in one language) plus a small bilingual
glossary of reconstruction terms that maps both languages onto shared concept tokens, so an
Arabic "تحلية المياه" need meets an English "desalination plants" offer. No model downloads.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from imar.core.glossary import CONCEPTS, concepts_in
from imar.core.glossary import tokens as _tokens
from imar.core.text import normalize_search

__all__ = [
    "GLOSSARY",
    "KINDS",
    "Matches",
    "Profile",
    "Reason",
    "Recommendation",
    "ShowcaseItem",
    "concepts_in",
    "recommend",
]

KINDS = ("libyan_institution", "foreign_company", "government", "agency")
KIND_LABELS = {
    "libyan_institution": "Libyan institution",
    "foreign_company": "foreign company",
    "government": "government body",
    "agency": "agency",
}


@dataclass(frozen=True)
class Profile:
    id: str
    organization_id: str
    kind: str  # one of KINDS
    country: str  # ISO 3166 alpha-2, e.g. "LY"
    sectors: frozenset[str]
    offers: str  # free text, Arabic and/or English
    seeks: str


@dataclass(frozen=True)
class ShowcaseItem:
    id: str
    sectors: frozenset[str]
    title: str
    description: str
    needs: str  # what the project is looking for (contractors, financing, equipment...)
    organization_id: str | None = None  # the project owner, never recommended its own project


@dataclass(frozen=True)
class Reason:
    code: str  # "shared_sectors", "seeks", "offers", "needs", "complementary", "competitor"
    params: dict[str, object]
    text: str  # English rendering; the Django side translates from code + params


@dataclass(frozen=True)
class Recommendation:
    target_id: str
    target_type: str  # "participant" or "project"
    score: float  # 0..1, comparable within one list
    reasons: tuple[Reason, ...]
    text: str  # the reasons joined: "both in water; seeks desalination; complementary: ..."


@dataclass(frozen=True)
class Matches:
    participants: list[Recommendation] = field(default_factory=list)
    projects: list[Recommendation] = field(default_factory=list)


# --------------------------------------------------------------------------- glossary

# concept -> (English label, terms in English and Arabic), from the glossary data
# (`imar.core.glossary`, shared with the donor-activity matcher). Terms are folded like the
# text, so spelling variants (ة/ه, أ/ا) need not be listed; plurals do.
GLOSSARY: dict[str, tuple[str, tuple[str, ...]]] = {
    code: (concept.en, concept.terms) for code, concept in CONCEPTS.items()
}

_STOP_TEXT = (
    "and the for with from that this our their of in on to a an we are is or by at as "
    "في من على الى عن مع او و ان التي الذي هذه هذا"
)
_STOPWORDS = frozenset(_STOP_TEXT.split())


# --------------------------------------------------------------------------- vectors

_CHAR_SHARE = 0.4  # cosine = 0.4 * character-gram cosine + 0.6 * concept cosine


def _char_grams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in normalize_search(text).split():
        if word in _STOPWORDS:
            continue
        padded = f" {word} "
        for n in (3, 4, 5):
            for k in range(len(padded) - n + 1):
                grams[padded[k : k + n]] += 1
    return grams


class _Vectorizer:
    """TF-IDF of character grams and of glossary concepts, each L2-normalised."""

    def __init__(self, docs: Sequence[str]) -> None:
        self.grams = [_char_grams(d) for d in docs]
        self.concepts = [Counter(concepts_in(d)) for d in docs]
        self.words = [{w for w in _tokens(d) if len(w) > 3 and w not in _STOPWORDS} for d in docs]
        self.concept_idf = self._idf(self.concepts)
        self.matrix = sparse.hstack(
            [
                math.sqrt(_CHAR_SHARE) * self._tfidf(self.grams),
                math.sqrt(1 - _CHAR_SHARE) * self._tfidf(self.concepts),
            ]
        ).tocsr()
        word_df: Counter[str] = Counter()
        for ws in self.words:
            word_df.update(ws)
        n = len(docs)
        self.word_idf = {w: math.log((1 + n) / (1 + df)) + 1 for w, df in word_df.items()}

    @staticmethod
    def _idf(counts: Sequence[Counter[str]]) -> dict[str, float]:
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        n = len(counts)
        return {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}

    def _tfidf(self, counts: Sequence[Counter[str]]) -> sparse.csr_matrix:
        idf = self._idf(counts)
        vocab = {t: k for k, t in enumerate(sorted(idf))}
        rows, cols, vals = [], [], []
        for i, c in enumerate(counts):
            for t, n in c.items():
                rows.append(i)
                cols.append(vocab[t])
                vals.append((1 + math.log(n)) * idf[t])  # sublinear tf
        m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(counts), max(len(vocab), 1)))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ m

    def shared_concepts(self, i: int, j: int) -> list[str]:
        shared = self.concepts[i].keys() & self.concepts[j].keys()
        return sorted(shared, key=lambda t: (-self.concept_idf[t], t))

    def shared_words(self, i: int, j: int) -> list[str]:
        shared = self.words[i] & self.words[j]
        return sorted(shared, key=lambda w: (-self.word_idf[w], w))


# --------------------------------------------------------------------------- scoring

# How useful a meeting between two kinds is likely to be (symmetric).
_COMPLEMENT = {
    frozenset({"foreign_company", "libyan_institution"}): 1.0,
    frozenset({"foreign_company", "government"}): 0.9,
    frozenset({"foreign_company", "agency"}): 0.6,
    frozenset({"agency", "government"}): 0.7,
    frozenset({"agency", "libyan_institution"}): 0.7,
    frozenset({"government", "libyan_institution"}): 0.5,
    frozenset({"libyan_institution"}): 0.4,
    frozenset({"government"}): 0.3,
    frozenset({"agency"}): 0.3,
    frozenset({"foreign_company"}): 0.3,  # no shared sector: possible consortium partners
}
_COMPETITOR_FACTOR = 0.35  # two foreign companies in one sector mostly compete for contracts
_W_TEXT, _W_SECTOR, _W_KIND = 0.5, 0.25, 0.25
_W_PROJECT_TEXT, _W_PROJECT_SECTOR = 0.65, 0.35
_TEXT_REASON_MIN = 0.08  # below this a text match is noise, not a reason


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _labels(concepts: Sequence[str]) -> list[str]:
    return [GLOSSARY[c][0] for c in concepts]


def _what(vec: _Vectorizer, i: int, j: int) -> tuple[list[str], list[str]]:
    """(shared concepts, shared words) explaining the match of documents i and j."""
    concepts = vec.shared_concepts(i, j)[:3]
    words = [] if concepts else vec.shared_words(i, j)[:3]
    return concepts, words


def _text_reason(code: str, template: str, concepts: list[str], words: list[str]) -> Reason:
    subject = _join(_labels(concepts)) if concepts else _join(words)
    return Reason(code, {"concepts": concepts, "words": words}, template.format(subject))


def _sector_score(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def recommend(
    profiles: Sequence[Profile],
    showcase: Sequence[ShowcaseItem] = (),
    *,
    top_k: int = 10,
    only: Sequence[str] | None = None,
) -> dict[str, Matches]:
    """Top-``top_k`` participants and projects for each profile (or the ``only`` ids).

    Same person and same organization are excluded; ties break by id, so results are
    deterministic.
    """
    n, m = len(profiles), len(showcase)
    docs = [p.seeks for p in profiles] + [p.offers for p in profiles]
    docs += [f"{s.title}\n{s.description}\n{s.needs}\n{s.needs}" for s in showcase]
    vec = _Vectorizer(docs)
    X = vec.matrix
    seeks, offers, items = X[:n], X[n : 2 * n], X[2 * n :]
    seek_offer = (seeks @ offers.T).toarray()  # [i, j]: what i seeks vs what j offers
    offer_item = (offers @ items.T).toarray() if m else np.zeros((n, 0))
    seek_item = (seeks @ items.T).toarray() if m else np.zeros((n, 0))
    pair_score, proj_score = _score_matrices(profiles, showcase, seek_offer, offer_item, seek_item)
    wanted = set(only) if only is not None else None
    result: dict[str, Matches] = {}
    person_rank = _id_rank([p.id for p in profiles])
    item_rank = _id_rank([s.id for s in showcase])
    for i, p in enumerate(profiles):
        if wanted is not None and p.id not in wanted:
            continue
        people = [
            _score_pair(vec, p, profiles[j], i, j, n, seek_offer)
            for j in _candidates(pair_score[i], top_k, person_rank)
        ]
        projects = [
            _score_project(vec, p, showcase[k], i, k, n, offer_item, seek_item)
            for k in _candidates(proj_score[i], top_k, item_rank)
        ]
        people.sort(key=lambda r: (-r.score, r.target_id))
        projects.sort(key=lambda r: (-r.score, r.target_id))
        result[p.id] = Matches(people[:top_k], projects[:top_k])
    return result


def _id_rank(ids: list[str]) -> np.ndarray:
    rank = np.empty(len(ids), dtype=np.int64)
    rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    return rank


def _candidates(row: np.ndarray, top_k: int, id_rank: np.ndarray) -> list[int]:
    """The top k indices by score, ties broken by id (-inf = excluded)."""
    if top_k <= 0 or row.size == 0:
        return []
    order = np.lexsort((id_rank, -row))
    return [int(j) for j in order[:top_k] if np.isfinite(row[j])]


def _score_matrices(
    profiles: Sequence[Profile],
    showcase: Sequence[ShowcaseItem],
    seek_offer: np.ndarray,
    offer_item: np.ndarray,
    seek_item: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """All pair and project scores at once (the same formulas as _score_pair/_score_project);
    -inf marks excluded pairs (self, same organization, own project)."""
    n = len(profiles)
    sector_ids = {s: k for k, s in enumerate(sorted({s for p in profiles for s in p.sectors}))}
    M = np.zeros((n, len(sector_ids)))
    for i, p in enumerate(profiles):
        M[i, [sector_ids[s] for s in p.sectors]] = 1.0
    size = M.sum(axis=1)
    inter = M @ M.T
    denom = np.minimum.outer(size, size)
    sector = np.divide(inter, denom, out=np.zeros_like(inter), where=denom > 0)
    kinds = sorted({p.kind for p in profiles})
    table = np.array([[_COMPLEMENT.get(frozenset({a, b}), 0.4) for b in kinds] for a in kinds])
    kind_idx = np.array([kinds.index(p.kind) for p in profiles], dtype=int)
    complement = table[np.ix_(kind_idx, kind_idx)] if n else np.zeros((0, 0))
    text = 0.7 * np.maximum(seek_offer, seek_offer.T) + 0.3 * np.minimum(seek_offer, seek_offer.T)
    score = _W_TEXT * np.minimum(text / 0.6, 1.0) + _W_SECTOR * sector + _W_KIND * complement
    foreign = np.array([p.kind == "foreign_company" for p in profiles], dtype=bool)
    competitor = np.logical_and(np.outer(foreign, foreign), inter > 0)
    score = np.where(competitor, score * _COMPETITOR_FACTOR, score)
    org_code: dict[str, int] = {}
    orgs = np.array([org_code.setdefault(p.organization_id, len(org_code)) for p in profiles])
    score[orgs[:, None] == orgs[None, :]] = -np.inf  # includes self

    m = len(showcase)
    P = np.zeros((m, len(sector_ids)))
    for k, item in enumerate(showcase):
        P[k, [sector_ids[s] for s in item.sectors if s in sector_ids]] = 1.0
    isize = np.array([len(item.sectors) for item in showcase], dtype=float)
    pinter = M @ P.T
    pdenom = np.minimum.outer(size, isize)
    psector = np.divide(pinter, pdenom, out=np.zeros_like(pinter), where=pdenom > 0)
    ptext = 0.75 * offer_item + 0.25 * seek_item
    proj = _W_PROJECT_TEXT * np.minimum(ptext / 0.5, 1.0) + _W_PROJECT_SECTOR * psector
    # -1: no owner, or an owner with no participant here
    owners = np.array([org_code.get(item.organization_id or "", -1) for item in showcase])
    if m and n:
        proj[orgs[:, None] == owners[None, :]] = -np.inf
    return score, proj


def _score_pair(
    vec: _Vectorizer, p: Profile, q: Profile, i: int, j: int, n: int, seek_offer: np.ndarray
) -> Recommendation:
    s_ij, s_ji = float(seek_offer[i, j]), float(seek_offer[j, i])  # p seeks/q offers, reverse
    text = 0.7 * max(s_ij, s_ji) + 0.3 * min(s_ij, s_ji)
    shared = sorted(p.sectors & q.sectors)
    sector = _sector_score(p.sectors, q.sectors)
    kinds = frozenset({p.kind, q.kind})
    complement = _COMPLEMENT.get(kinds, 0.4)
    competitor = p.kind == q.kind == "foreign_company" and bool(shared)
    score = _W_TEXT * min(text / 0.6, 1.0) + _W_SECTOR * sector + _W_KIND * complement
    reasons: list[Reason] = []
    if shared:
        reasons.append(Reason("shared_sectors", {"sectors": shared}, f"both in {_join(shared)}"))
    if s_ij >= _TEXT_REASON_MIN:
        concepts, words = _what(vec, i, n + j)
        if concepts or words:
            reasons.append(_text_reason("seeks", "you seek {}, they offer it", concepts, words))
    if s_ji >= _TEXT_REASON_MIN:
        concepts, words = _what(vec, n + i, j)
        if concepts or words:
            reasons.append(_text_reason("offers", "you offer {}, they seek it", concepts, words))
    if competitor:
        score *= _COMPETITOR_FACTOR
        reasons.append(
            Reason(
                "competitor",
                {"sectors": shared},
                f"both foreign companies in {_join(shared)}: likely competitors",
            )
        )
    elif complement >= 0.9:
        a, b = sorted((p.kind, q.kind), key=lambda k: k != "foreign_company")
        reasons.append(
            Reason(
                "complementary",
                {"kinds": [a, b]},
                f"complementary: {KIND_LABELS[a]} and {KIND_LABELS[b]}",
            )
        )
    return Recommendation(
        q.id, "participant", round(score, 6), tuple(reasons), "; ".join(r.text for r in reasons)
    )


def _score_project(
    vec: _Vectorizer,
    p: Profile,
    item: ShowcaseItem,
    i: int,
    k: int,
    n: int,
    offer_item: np.ndarray,
    seek_item: np.ndarray,
) -> Recommendation:
    o, s = float(offer_item[i, k]), float(seek_item[i, k])
    text = 0.75 * o + 0.25 * s
    shared = sorted(p.sectors & item.sectors)
    score = _W_PROJECT_TEXT * min(text / 0.5, 1.0) + _W_PROJECT_SECTOR * _sector_score(
        p.sectors, item.sectors
    )
    reasons: list[Reason] = []
    if shared:
        reasons.append(Reason("shared_sectors", {"sectors": shared}, f"project in {_join(shared)}"))
    if o >= _TEXT_REASON_MIN:
        concepts, words = _what(vec, n + i, 2 * n + k)
        if concepts or words:
            reasons.append(
                _text_reason("needs", "the project needs {}, you offer it", concepts, words)
            )
    return Recommendation(
        item.id, "project", round(score, 6), tuple(reasons), "; ".join(r.text for r in reasons)
    )
