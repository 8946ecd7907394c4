"""The one search normalizer: every spelling variant of a word folds to the same key."""

import pytest

from imar.core.text import normalize_arabic, normalize_search, search_terms


def test_diacritics_are_removed():
    assert normalize_search("مُسْتَشْفَى") == normalize_search("مستشفى")
    assert normalize_search("دَرْنَةُ") == normalize_search("درنة")


def test_tatweel_is_removed():
    assert normalize_search("درنـــة") == normalize_search("درنة")


@pytest.mark.parametrize("variant", ["أحمد", "إحمد", "آحمد", "ٱحمد"])
def test_alef_variants_fold_to_bare_alef(variant):
    assert normalize_search(variant) == "احمد"


def test_alef_maqsura_folds_to_yaa():
    assert normalize_search("مستشفى") == normalize_search("مستشفي") == "مستشفي"


def test_taa_marbuta_folds_to_haa():
    assert normalize_search("درنة") == normalize_search("درنه") == "درنه"


def test_hamza_on_waw_and_yaa_folds_to_the_bare_letter():
    assert normalize_search("مؤسسة") == normalize_search("موسسه")
    assert normalize_search("بيئة") == normalize_search("بييه")


def test_arabic_indic_and_persian_digits_become_ascii():
    assert normalize_search("مشروع ٢٠٢٣") == "مشروع 2023"
    assert normalize_search("۱۲۳") == "123"


def test_latin_accents_and_case_are_dropped():
    assert normalize_search("Ajdābiyā") == "ajdabiya"
    assert normalize_search("ÉCOLE Sabhā") == "ecole sabha"


def test_mixed_text_keeps_both_scripts_and_folds_punctuation():
    assert normalize_search("إعادة إعمار - Derna, (2023)") == "اعاده اعمار derna 2023"


@pytest.mark.parametrize("empty", ["", None, "   ", "ـــ", "َ"])
def test_empty_or_meaningless_input_gives_empty_key(empty):
    assert normalize_search(empty) == ""
    assert search_terms(empty) == []


def test_normalize_arabic_leaves_other_scripts_alone():
    assert normalize_arabic("Café") == "Café"
    assert normalize_arabic("") == ""


def test_search_terms_splits_a_query_into_folded_terms():
    assert search_terms("  إعادة   إعمار مُسْتَشْفَى ") == ["اعاده", "اعمار", "مستشفي"]
