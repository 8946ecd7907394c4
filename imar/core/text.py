"""Arabic-aware text normalization: the one place search folds spelling variants.

Citizens and staff spell the same place many ways (درنة / درنه / دَرْنَة, إجدابيا /
اجدابيا). Search compares normalized forms, so every caller (ORM search, API,
matching) must fold text with :func:`normalize_search`.
"""

import re
import unicodedata

# Harakat, Quranic annotation marks, superscript alef and tatweel carry no meaning for search.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_VARIANTS = str.maketrans(
    {
        "\u0622": "\u0627",  # آ alef with madda  -> ا
        "\u0623": "\u0627",  # أ alef with hamza above -> ا
        "\u0625": "\u0627",  # إ alef with hamza below -> ا
        "\u0671": "\u0627",  # ٱ alef wasla -> ا
        "\u0649": "\u064a",  # ى alef maksura -> ي
        "\u06cc": "\u064a",  # ی Persian yeh -> ي
        "\u0629": "\u0647",  # ة taa marbuta -> ه
        "\u0624": "\u0648",  # ؤ waw with hamza -> و
        "\u0626": "\u064a",  # ئ yeh with hamza -> ي
        "\u06a9": "\u0643",  # ک keheh -> ك
    }
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize_arabic(text: str) -> str:
    """Fold Arabic diacritics, tatweel and letter variants; leave other scripts alone."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text)
    return text.translate(_LETTER_VARIANTS).translate(_DIGITS)


def normalize_search(text: str) -> str:
    """The search key of a text: Arabic folded, case folded, punctuation to single spaces."""
    folded = normalize_arabic(text or "").casefold()
    # Latin accents are dropped too, so "Ajdābiyā" matches "Ajdabiya".
    folded = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    return _NON_WORD.sub(" ", folded).strip()


def search_terms(query: str) -> list[str]:
    """Split a user's query into normalized terms (all must match)."""
    return [term for term in normalize_search(query).split(" ") if term]


def isolated(value) -> str:
    """`value` kept whole inside a sentence of the other direction: wrapped in Unicode
    isolates (FSI ... PDI), so an ISO date, a figure or a Latin name inside an Arabic sentence
    keeps its order ("(2025-06-08)" never shows as "08-06-2025")."""
    return f"\u2068{value}\u2069"


def parse_iso_date(raw: str):
    """A YYYY-MM-DD date typed in a filter or a form, or None when it is not one (wrong shape
    or an impossible day such as 2025-02-30)."""
    from django.utils.dateparse import parse_date

    raw = (raw or "").strip()
    if len(raw) != 10:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        return None
