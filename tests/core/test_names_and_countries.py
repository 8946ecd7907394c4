"""Names shown in the page's language with the other script beneath; country names in the
page's language and that language's order."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from imar.core.countries import collation_key, country_choices
from imar.organizations.models import Organization

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load names %}" + source).render(Context(context))


def test_the_page_language_first_and_the_other_script_beneath():
    org = Organization(name_ar="وزارة الإسكان", name_en="Ministry of Housing", country="LY")
    with translation.override("en"):
        html = render("{{ o|bilingual_name }}", o=org)
        assert html.index("Ministry of Housing") < html.index("وزارة الإسكان")
        assert 'lang="ar" dir="rtl"' in html
    with translation.override("ar"):
        html = render("{{ o|bilingual_name_inline }}", o=org)
        assert html.index("وزارة الإسكان") < html.index("Ministry of Housing")
        assert html.startswith("<bdi>") and 'lang="en"' in html


def test_one_line_when_there_is_one_name_or_both_are_equal():
    for org in (
        Organization(name_ar="", name_en="UNDP"),
        Organization(name_ar="UNDP", name_en="UNDP"),
    ):
        with translation.override("ar"):
            assert render("{{ o|bilingual_name }}", o=org) == "<bdi>UNDP</bdi>"


def test_names_are_escaped():
    org = Organization(name_ar="<b>x</b>", name_en="<script>y</script>")
    html = render("{{ o|bilingual_name }}", o=org)
    assert "<script>" not in html and "<b>" not in html


def test_country_names_follow_the_page_language_and_its_order():
    with translation.override("en"):
        english = dict(country_choices())
        names = [name for _code, name in country_choices()]
        assert english["US"] == "United States of America" or "United States" in english["US"]
        assert names == sorted(names, key=collation_key)
    with translation.override("ar"):
        choices = country_choices()
        arabic = dict(choices)
        assert re.search("[\u0600-\u06ff]", arabic["US"]) and arabic["LY"] == "ليبيا"
        keys = [collation_key(name) for _code, name in choices]
        assert keys == sorted(keys)
        # Alef forms sort together: أ (hamza) countries come among the ا ones, before ب.
        first_letters = [key[0] for key in keys if key]
        assert first_letters.index("ب") > max(
            i for i, letter in enumerate(first_letters) if letter == "ا"
        )


def _partner_country_select(client) -> str:
    html = client.get("/public/projects/").content.decode()
    return re.search(r'<select name="organization_country".*?</select>', html, re.S).group(0)


def test_the_partner_country_filter_lists_names_in_the_page_language(client):
    client.cookies["imar_language"] = "en"
    assert '<option value="US">United States' in _partner_country_select(client)
    client.cookies["imar_language"] = "ar"
    html = _partner_country_select(client)
    options = re.findall(r'<option value="([A-Z]{2})">([^<]+)</option>', html)
    assert dict(options).get("LY") == "ليبيا"
    names = [collation_key(name) for _code, name in options]
    assert names == sorted(names)
