"""The staff project forms, driven in a real Chromium, in Arabic and in English: create a
project with one organization (the other extra rows left empty, as a person leaves them), see
it saved on its page, edit it (a second organization, the first removed, a new budget), see
the change; a row with a role and no organization gets an error on that row's field."""

import os
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole
from imar.portfolio.models import Project
from tests.browser_pages import Watch, log_in
from tests.test_browser import CHROMIUM, SCREENSHOTS, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]

HOSTILE = "<img src=x onerror=window.__xss=1>"


@pytest.fixture
def contractor(db) -> Organization:
    return Organization.objects.create(
        name_ar="شركة الجبل للمقاولات",
        name_en="Al Jabal Contracting",
        kind=OrganizationKind.COMPANY,
        country="LY",
    )


def _label(choice, language: str) -> str:
    with translation.override(language):
        return str(choice.label)


def _save(page) -> None:
    with page.expect_navigation():
        page.click("main form button.btn-success[type=submit]")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_create_then_edit_a_project_through_the_real_forms(
    live_server,
    browser,  # noqa: F811
    officer,
    derna,
    program,
    organization,
    contractor,
    language,
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watch = Watch()
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    watch.attach(context)
    log_in(context, live_server, officer, language=language)
    page = context.new_page()
    code = f"DRN-FORM-{language.upper()}"

    # ---- create: one organization, the second extra row left as it came -----------------
    page.goto(live_server.url + reverse("portfolio:project_create"))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("#id_orgs-1-role").input_value() == ""  # blank until chosen
    page.fill("#id_code", code)
    page.fill("#id_title_ar", "إعادة تأهيل مدرسة الساحل")
    page.fill("#id_title_en", "Coastal school rehabilitation")
    page.fill("#id_description_en", f"Roof and classrooms. {HOSTILE}")
    page.select_option("#id_program", str(program.pk))
    page.select_option("#id_municipality", str(derna.pk))
    page.select_option("#id_sector", "education")
    page.select_option("#id_project_type", "rehabilitation")
    page.fill("#id_beneficiaries", "1200")
    page.fill("#id_budget", "2500000")
    page.select_option("#id_currency", "LYD")
    page.fill("#id_planned_start", "2026-02-01")
    page.fill("#id_planned_end", "2027-06-30")
    page.select_option("#id_orgs-0-organization", str(organization.pk))
    page.select_option("#id_orgs-0-role", "funder")
    page.screenshot(path=str(SCREENSHOTS / f"project-form-{language}.png"), full_page=True)
    _save(page)

    assert page.url.endswith(reverse("portfolio:project_detail", args=[code])), page.url
    project = Project.objects.get(code=code)
    assert project.budget == Decimal("2500000") and project.municipality == derna
    assert list(project.participations.values_list("organization", "role")) == [
        (organization.pk, "funder")
    ]
    body = page.locator("main").inner_text()
    title = "إعادة تأهيل مدرسة الساحل" if language == "ar" else "Coastal school rehabilitation"
    assert page.locator("h1").inner_text() == title
    assert _label(OrganizationRole.FUNDER, language) in body
    assert (organization.name_ar if language == "ar" else organization.name_en) in body
    assert "2,500,000.00 LYD" in body
    if language == "en":
        assert HOSTILE in body  # text, not an element (the watch checks that too)
    page.screenshot(path=str(SCREENSHOTS / f"project-created-{language}.png"), full_page=True)

    # ---- edit: a row with a role and no organization is refused on that field ------------
    with translation.override(language):  # the page links in its own language (/en/… in English)
        edit = reverse("portfolio:project_edit", args=[code])
    page.click(f"a[href='{edit}']")
    page.wait_for_load_state()
    assert page.locator("#id_orgs-0-organization").input_value() == str(organization.pk)
    page.fill("#id_budget", "3100000")
    page.select_option("#id_orgs-1-role", "contractor")
    _save(page)
    error = page.locator("#id_orgs-1-organization-error")
    assert error.inner_text() == (
        "اختر الجهة التي تتولى هذا الدور."
        if language == "ar"
        else "Choose the organization that has this role."
    )
    assert page.locator(".alert-danger").count() == 1
    assert Project.objects.get(code=code).budget == Decimal("2500000")  # nothing saved
    page.screenshot(path=str(SCREENSHOTS / f"project-form-error-{language}.png"), full_page=True)

    # ... completed, with the first organization removed and a reason: saved.
    assert page.locator("#id_budget").input_value() == "3100000"  # the input was kept
    page.select_option("#id_orgs-1-organization", str(contractor.pk))
    page.check("#id_orgs-0-DELETE")
    page.fill("#id_title_en", "Coastal school rehabilitation, phase 2")
    page.fill("#id_reason", "Contract signed with the builder")
    _save(page)

    assert page.url.endswith(reverse("portfolio:project_detail", args=[code])), page.url
    project.refresh_from_db()
    assert project.budget == Decimal("3100000")
    assert project.title_en == "Coastal school rehabilitation, phase 2"
    assert list(project.participations.values_list("organization", "role")) == [
        (contractor.pk, "contractor")
    ]
    body = page.locator("main").inner_text()
    assert "3,100,000.00 LYD" in body
    assert _label(OrganizationRole.CONTRACTOR, language) in body
    assert (contractor.name_ar if language == "ar" else contractor.name_en) in body
    assert "Contract signed with the builder" in body  # the reason, in the change history

    watch.check_page(page, "project detail after edit")
    assert not watch.problems, "\n".join(watch.problems)
    context.close()
