"""People's names in both scripts: the name as written and its Latin spelling, shown in the
page's language with the other script beneath (contacts, forum delegates, staff users)."""

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import translation

from imar.accounts.models import Profile, Role
from imar.core.models import in_language, is_arabic_script, person_names
from imar.forum.models import Session
from imar.organizations.models import Contact

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load names %}" + source).render(Context(context))


def test_an_arabic_name_keeps_its_latin_spelling_and_a_latin_name_stands_alone():
    assert is_arabic_script("سالم العبيدي") and not is_arabic_script("Salem Al-Obeidi")
    assert person_names("سالم العبيدي", "Salem Al-Obeidi") == ("سالم العبيدي", "Salem Al-Obeidi")
    assert person_names("Daniel Brooks", "") == ("", "Daniel Brooks")
    assert person_names(" هدى ", "") == ("هدى", "")


def test_a_contact_in_the_page_language_with_the_other_script_beneath(organization):
    contact = Contact.objects.create(
        organization=organization, name="هدى بن علي", name_latin="Huda Ben Ali", role="مديرة"
    )
    with translation.override("en"):
        html = render("{{ c|bilingual_name }}", c=contact)
        assert html.index("Huda Ben Ali") < html.index("هدى بن علي")
        assert 'lang="ar" dir="rtl"' in html
    with translation.override("ar"):
        html = render("{{ c|bilingual_name_inline }}", c=contact)
        assert html.index("هدى بن علي") < html.index("Huda Ben Ali")
    foreign = Contact(organization=organization, name="Daniel Brooks")
    with translation.override("ar"):
        assert render("{{ c|bilingual_name }}", c=foreign) == "<bdi>Daniel Brooks</bdi>"


def test_a_staff_user_is_named_from_the_profile_latin_spelling():
    user = get_user_model().objects.create_user("salem", first_name="سالم", last_name="العبيدي")
    Profile.objects.create(user=user, role=Role.FUND_OFFICER, name_latin="Salem Al-Obeidi")
    user = get_user_model().objects.select_related("profile").get(pk=user.pk)
    with translation.override("en"):
        assert render("{{ u|person_name_short }}", u=user) == "<bdi>Salem Al-Obeidi</bdi>"
        html = render("{{ u|person_name }}", u=user)
        assert html.index("Salem Al-Obeidi") < html.index("سالم العبيدي")
    with translation.override("ar"):
        assert render("{{ u|person_name_short }}", u=user) == "<bdi>سالم العبيدي</bdi>"
    nobody = get_user_model().objects.create_user("no-profile")
    with translation.override("en"):
        assert render("{{ u|person_name }}", u=nobody) == "<bdi>no-profile</bdi>"


def test_a_free_text_in_the_page_language_falls_back_to_the_other():
    session = Session(speakers="سفير الولايات المتحدة", speakers_en="U.S. Ambassador")
    with translation.override("en"):
        assert in_language(session, "speakers") == "U.S. Ambassador"
        assert render('{{ s|in_language:"speakers" }}', s=session) == "U.S. Ambassador"
    with translation.override("ar"):
        assert in_language(session, "speakers") == "سفير الولايات المتحدة"
    only_arabic = Session(speakers="سفير الولايات المتحدة")
    with translation.override("en"):
        assert in_language(only_arabic, "speakers") == "سفير الولايات المتحدة"
