"""Recommendations adapter: participants and showcase from the database into the pure
matcher (`imar.forum.matching`), its reasons translated from their codes."""

from dataclasses import dataclass

from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from imar.core import glossary
from imar.forum import matching
from imar.forum.enums import ParticipantKind, ParticipantStatus
from imar.forum.models import Participant, Showcase
from imar.portfolio.sectors import Sector


@dataclass
class Suggestion:
    target: object  # a Participant or a Showcase
    score: float
    reasons: list[str]


def _profile(p: Participant) -> matching.Profile:
    return matching.Profile(
        id=str(p.pk),
        organization_id=str(p.organization_id),
        kind=p.kind,
        country=str(p.country),
        sectors=frozenset(p.sectors),
        offers=p.offers,
        seeks=p.seeks,
    )


def _item(s: Showcase) -> matching.ShowcaseItem:
    project = s.project
    return matching.ShowcaseItem(
        id=str(s.pk),
        sectors=frozenset([project.sector]),
        title=f"{project.title_ar}\n{project.title_en}",
        description=f"{project.description_ar}\n{project.description_en}",
        needs=f"{s.funding_needs}\n{s.partner_needs}",
        organization_id=str(s.owner.organization_id) if s.owner_id else None,
    )


def _sector_names(codes) -> str:
    labels = dict(Sector.choices)
    separator = "، " if get_language_bidi() else ", "
    return separator.join(str(labels.get(c, c)) for c in codes)


def reason_text(reason: matching.Reason) -> str:
    """The reason in the active language; free words found in the texts stay as they are."""
    params = reason.params
    if reason.code == "shared_sectors":
        return _("both in %(sectors)s") % {"sectors": _sector_names(params["sectors"])}
    if reason.code == "competitor":
        return _("both foreign companies in %(sectors)s: likely competitors") % {
            "sectors": _sector_names(params["sectors"])
        }
    if reason.code == "complementary":
        kinds = dict(ParticipantKind.choices)
        a, b = (str(kinds.get(k, k)) for k in params["kinds"])
        return _("complementary: %(a)s and %(b)s") % {"a": a, "b": b}
    concepts = params.get("concepts") or []
    if concepts:
        language = get_language() or "ar"
        labels = [glossary.label(c, language) for c in concepts]
    else:
        labels = list(params.get("words", []))
    subject = "، ".join(labels) if get_language_bidi() else ", ".join(labels)
    if reason.code == "seeks":
        return _("you seek %(what)s, they offer it") % {"what": subject}
    if reason.code == "offers":
        return _("you offer %(what)s, they seek it") % {"what": subject}
    if reason.code == "needs":
        return _("the project needs %(what)s, you offer it") % {"what": subject}
    return reason.text


def recommendations_for(
    participant: Participant, *, top_k: int = 10
) -> tuple[list[Suggestion], list[Suggestion]]:
    """(participants, showcased projects) recommended to ``participant``, best first."""
    people = list(
        Participant.objects.filter(
            event_id=participant.event_id, status=ParticipantStatus.APPROVED
        ).select_related("organization")
    )
    if participant.pk not in {p.pk for p in people}:
        people.append(participant)
    showcase = list(
        Showcase.objects.filter(event_id=participant.event_id).select_related("project", "owner")
    )
    result = matching.recommend(
        [_profile(p) for p in people],
        [_item(s) for s in showcase],
        top_k=top_k * 3,  # room to keep one delegate per organization
        only=[str(participant.pk)],
    )[str(participant.pk)]
    by_id = {str(p.pk): p for p in people}
    items = {str(s.pk): s for s in showcase}
    seen_organizations: set[int] = set()
    people_suggested = []
    for r in result.participants:
        target = by_id[r.target_id]
        if target.organization_id in seen_organizations or len(people_suggested) == top_k:
            continue
        seen_organizations.add(target.organization_id)
        people_suggested.append(Suggestion(target, r.score, [reason_text(x) for x in r.reasons]))
    return (
        people_suggested,
        [
            Suggestion(items[r.target_id], r.score, [reason_text(x) for x in r.reasons])
            for r in result.projects[:top_k]
        ],
    )
