"""Search over a model's normalized `search_text` column: every term must match."""

from django.db.models import Q, QuerySet

from imar.core.text import search_terms


def filter_by_search(queryset: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    for term in search_terms(query):
        queryset = queryset.filter(Q(**{f"{field}__contains": term}))
    return queryset
