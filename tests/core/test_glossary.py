"""The bilingual glossary in core, shared by the forum and aid matchers."""

from imar.core import glossary


def test_the_data_loads_with_both_labels_and_terms_in_both_languages():
    assert len(glossary.CONCEPTS) >= 20
    for concept in glossary.CONCEPTS.values():
        assert concept.en and concept.ar and concept.terms
        assert any(any("\u0600" <= ch <= "\u06ff" for ch in t) for t in concept.terms)
        assert any(t.isascii() for t in concept.terms)


def test_each_term_alone_is_read_as_its_own_concept():
    # independent of the index: every listed term, read as a text, names its concept
    for code, concept in glossary.CONCEPTS.items():
        for term in concept.terms:
            assert code in glossary.concepts_in(term), (code, term)


def test_labels_in_the_readers_language():
    assert glossary.label("desalination", "ar") == "تحلية المياه"
    assert glossary.label("desalination", "en") == "desalination"
    assert glossary.label("desalination", "fr") == "desalination"
    assert glossary.label("no-such-concept", "ar") == "no-such-concept"


def test_spelling_variants_clitics_and_plurals_are_folded():
    assert glossary.concepts_in("تَحْلِيَة المياه") == ["desalination"]
    assert glossary.concepts_in("والجسور") == ["bridges"]
    assert glossary.concepts_in("Bridges and roads") == ["bridges", "roads"]
    assert glossary.concepts_in("") == []


def test_the_longest_term_wins():
    # "تحلية المياه" is one desalination mention, not desalination + water
    assert glossary.concepts_in("محطة تحلية المياه") == ["desalination"]


def test_forum_and_aid_read_the_same_glossary():
    from imar.aid import matching as aid_matching
    from imar.forum import matching as forum_matching
    from imar.forum import recommendations

    assert forum_matching.concepts_in is glossary.concepts_in
    assert aid_matching.concepts_in is glossary.concepts_in
    assert recommendations.glossary is glossary
    assert set(forum_matching.GLOSSARY) == set(glossary.CONCEPTS)
