"""The briefing answers the director: the country picker in the page's language and its
alphabetical order, no cancelled project among the strategic ones, each total labelled."""

import pytest
from django.urls import reverse

from imar.core.countries import collation_key
from imar.partners.views.briefing import country_choices
from tests.partners.test_briefing import _figures, _get, us_world  # noqa: F401 (fixture)

URL = reverse("partners:briefing")


def _picker(html: str) -> list[tuple[str, str]]:
    select = html.split('id="briefing-country"')[1].split("</select>")[0]
    out = []
    for part in select.split("<option ")[2:]:  # the first is "Choose a country"
        code = part.split('value="')[1].split('"')[0]
        name = part.split(">", 1)[1].split("</option>")[0]
        out.append((code, name))
    return out


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_country_picker_is_in_the_page_language_and_sorted(client, officer, lang):
    options = _picker(_get(client, officer, query="", lang=lang).content.decode())
    names = dict(options)
    assert len(options) > 240 and "LY" not in names
    if lang == "ar":
        assert names["US"] == "الولايات المتحدة الأمريكية"
        assert names["DZ"] == "الجزائر"
    else:
        assert names["US"] == "United States of America"
    keys = [collation_key(name) for _code, name in options]
    assert keys == sorted(keys)


def test_arabic_order_folds_hamza_and_sets_the_article_aside(db):
    from django.utils import translation

    with translation.override("ar"):
        names = [name for _code, name in country_choices()]
    # Algeria (الجزائر) sorts under ج among the other ج names, not with every "ال" name.
    algeria = names.index("الجزائر")
    assert collation_key(names[algeria - 1])[:1] == collation_key(names[algeria + 1])[:1] == "ج"
    # أ, إ and آ sort as ا: Armenia (أرمينيا) and Aruba (آروبا) sit among the alef names.
    first = [collation_key(n)[:1] for n in names[:20]]
    assert set(first) == {"ا"}
    assert names.index("أرمينيا") < names.index("أستراليا") < names.index("بلجيكا")


def test_strategic_projects_leave_cancelled_ones_out(client, officer, us_world):  # noqa: F811
    us_world["port"].status = "cancelled"
    us_world["port"].save(update_fields=["status"])
    html = _get(client, officer).content.decode()
    strategic = html.split("Strategic projects")[1].split("</table>")[0]
    assert us_world["school"].code in strategic
    assert us_world["port"].code not in strategic


def test_each_committed_total_says_what_it_counts(client, officer, us_world):  # noqa: F811
    _figures(us_world["school"], "1000.00", "600.00", "100.00")
    html = _get(client, officer).content.decode()
    assert "Committed by them (LYD)" in html
    assert "whose provider is an organization of United States" in html
    assert "Committed on these projects (all providers)" in html
    assert 'id="projects-money-note"' in html
