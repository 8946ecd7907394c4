"""The partners forms with rows (agreement parties, batch signing, engagement people) save
from a real Chromium with their extra rows left empty, as a person leaves them: the bug that
kept the project forms from saving must not hide here."""

import os

import pytest
from django.urls import reverse

from imar.partners.models import Agreement, Engagement
from tests.browser_pages import Watch, log_in
from tests.test_browser import CHROMIUM, browser  # noqa: F401  (the shared browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


def _submit(page, selector="main form button.btn-primary[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.django_db(transaction=True)
def test_partner_forms_with_rows_save_from_a_browser(
    live_server,
    browser,  # noqa: F811
    officer,
    fund,
    greek_ministry,
    us_agency,
):
    watch = Watch()
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    watch.attach(context)
    log_in(context, live_server, officer, language="en")
    page = context.new_page()
    base = live_server.url

    # An agreement and its two parties.
    page.goto(base + reverse("partners:agreement_create"))
    page.select_option("#id_kind", "mou")
    page.fill("#id_reference", "GR-2026-01")
    page.fill("#id_title_ar", "مذكرة تفاهم لإعادة إعمار المدارس")
    page.fill("#id_title_en", "Memorandum on school reconstruction")
    page.fill("#id_signed_on", "2026-03-10")
    page.select_option("#id_party-0-organization", str(fund.pk))
    page.select_option("#id_party-1-organization", str(greek_ministry.pk))
    _submit(page)
    agreement = Agreement.objects.get(reference="GR-2026-01")
    assert page.url.endswith(agreement.get_absolute_url())
    assert sorted(agreement.parties.values_list("organization__name_en", "role")) == [
        ("Development and Reconstruction Fund of Libya", "first_party"),
        ("Hellenic Ministry of Development", "second_party"),
    ]

    # Batch signing: two of the eight rows filled, one more added and left empty.
    page.goto(base + reverse("partners:batch_signing"))
    page.select_option("#id_partner", str(us_agency.pk))
    page.fill("#id_signed_on", "2026-05-12")
    for i, (reference, title) in enumerate([("US-01", "Water plant"), ("US-02", "Power line")]):
        page.fill(f"#id_row-{i}-reference", reference)
        page.select_option(f"#id_row-{i}-kind", "mou")
        page.fill(f"#id_row-{i}-title_ar", title)
        page.fill(f"#id_row-{i}-title_en", title)
    page.click("#add-row")
    _submit(page)
    assert "/partners/agreements/" in page.url and "batch" not in page.url, page.url
    assert set(
        Agreement.objects.filter(parties__organization=us_agency).values_list(
            "reference", flat=True
        )
    ) == {"US-01", "US-02"}

    # An engagement with one of its three people rows filled.
    page.goto(base + reverse("partners:engagement_create"))
    page.select_option("#id_kind", "delegation")
    page.fill("#id_title_ar", "زيارة الوفد الأمريكي")
    page.fill("#id_title_en", "US delegation visit")
    page.fill("#id_starts_on", "2026-05-11")
    page.fill("#id_person-0-name", "Jane Doe")
    _submit(page)
    engagement = Engagement.objects.get(title_en="US delegation visit")
    assert page.url.endswith(engagement.get_absolute_url())
    assert list(engagement.people.values_list("name", flat=True)) == ["Jane Doe"]

    assert not watch.problems, "\n".join(watch.problems)
    context.close()
