"""Addresses as a page in a given language links them: English pages link to /en/…"""

from django.urls import reverse
from django.utils import translation


def reverse_in(language: str, viewname: str, *args, **kwargs) -> str:
    with translation.override(language):
        return reverse(viewname, *args, **kwargs)


def reverse_en(viewname: str, *args, **kwargs) -> str:
    return reverse_in("en", viewname, *args, **kwargs)
