"""Country names in the page's language, in that language's alphabetical order.

django_countries sorts with a collation library when one is installed and otherwise by the
ASCII letters of each name, which leaves every Arabic name equal: an Arabic picker then lists
the countries in no order. Here names are sorted by their search key (Arabic letter variants
folded, so أ/إ/آ sort with ا; Latin accents and case dropped), in the active language.
"""

from django_countries import countries

from imar.core.text import normalize_search


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, named and sorted in the active language; a callable
    for form and filter `choices`, so each request gets its own language."""
    pairs = [(str(code), str(name)) for code, name in countries]
    return sorted(pairs, key=lambda pair: (normalize_search(pair[1]), pair[0]))
