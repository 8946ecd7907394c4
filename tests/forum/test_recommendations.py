from django.utils import translation

from imar.forum.enums import ParticipantKind
from imar.forum.recommendations import recommendations_for


def test_recommendations_rank_complementary_partners_with_translated_reasons(
    event, make_participant
):
    me = make_participant(
        "Jane", offers="Desalination plants and water networks", seeks="Libyan partners"
    )
    utility = make_participant(
        "سالم",
        kind=ParticipantKind.LIBYAN_INSTITUTION,
        country="LY",
        seeks="مقاولون لمحطات تحلية المياه",
    )
    colleague = make_participant("Same org", organization=utility.organization, country="LY")
    make_participant("Builder", sectors=("housing",), offers="Prefabricated housing units")
    with translation.override("en"):
        people, _projects = recommendations_for(me)
    assert people[0].target == utility
    assert colleague not in [s.target for s in people]  # one delegate per organization
    assert me not in [s.target for s in people]
    assert "both in Water and sanitation" in people[0].reasons
    assert any("desalination" in r for r in people[0].reasons)
    with translation.override("ar"):
        people, _projects = recommendations_for(me)
    assert "كلاكما في قطاع المياه والصرف الصحي" in people[0].reasons
    assert any("تحلية" in r for r in people[0].reasons)
