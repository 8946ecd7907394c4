"""Country names in the page's language, in that language's alphabetical order.

django_countries sorts with a collation library when one is installed and otherwise by the
ASCII letters of each name, which leaves every Arabic name equal: an Arabic picker then lists
the countries in no order. Here names are sorted by their search key (Arabic letter variants
folded, so أ/إ/آ sort with ا; Latin accents and case dropped), in the active language,
with the Arabic article set aside as an index does (الجزائر sorts under ج, beside جيبوتي,
not with every country whose name takes the article).
"""

from django_countries import countries

from imar.core.text import normalize_search

ARTICLE = "ال"


def collation_key(name: str) -> str:
    """How a name sorts in a list a person reads: folded as search folds it, the Arabic
    article set aside."""
    key = normalize_search(name)
    if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1:
        key = key[len(ARTICLE) :]
    return key


def country_choices(*, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(code, name) of every country (less `exclude`), named and sorted in the active
    language; a callable for form and filter `choices`, so each request gets its own
    language."""
    pairs = [(str(code), str(name)) for code, name in countries if code not in exclude]
    return sorted(pairs, key=lambda pair: (collation_key(pair[1]), pair[0]))
