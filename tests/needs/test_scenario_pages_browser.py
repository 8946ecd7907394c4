"""The scenario result (rules beside what was achieved) and the approval confirmation in a
real headless Chromium, Arabic and English, desktop and phone width: no CSP violation, no
script error, nothing wider than the phone's screen. Screenshots land in var/screenshots/."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from imar.needs.scenarios import scenario_create, scenario_run
from imar.needs.services import scoring_model_save
from imar.portfolio.models import Project
from tests.browser_pages import Watch, log_in
from tests.needs.conftest import WEIGHTS
from tests.test_browser import CHROMIUM, browser  # noqa: F401 (the fixture)

SCREENSHOTS = Path(
    os.environ.get("IMAR_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots")
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]
DESCRIBED = {"description_en": "Rebuild", "beneficiaries": 5000}


@pytest.mark.django_db(transaction=True)
def test_result_and_approval_pages_in_both_languages_and_widths(
    live_server,
    browser,  # noqa: F811 (the fixture imported above)
    officer,
    make_project,
    tripoli,  # noqa: F811
):
    model = scoring_model_save(by=officer, name="Criteria", weights=WEIGHTS, method="weighted_sum")
    make_project(code="A-1", budget=Decimal("1000000"), **DESCRIBED)
    make_project(code="B-1", budget=Decimal("1000000"), sector="health", **DESCRIBED)
    make_project(code="C-1", budget=Decimal("1000000"), municipality=tripoli,
                 sector="education", **DESCRIBED)  # fmt: skip
    make_project(code="D-1", budget=Decimal("2000000"), municipality=tripoli, **DESCRIBED)
    scenario = scenario_create(
        by=officer,
        name="Balanced 2027",
        budget=Decimal("2500000"),
        rules={
            "regions": {"LY02": {"min_share": 0.4, "max_share": 0.6}},
            "sectors": {"housing": {"max_share": 0.5}, "health": {"max_share": 0.8}},
        },
        scoring_model=model,
    )
    from imar.needs.models import Scenario

    Scenario.objects.filter(pk=scenario.pk).update(status="running")
    scenario = scenario_run(scenario_id=scenario.pk, time_limit=5)
    assert scenario.status == "done", scenario.error
    blocked = sorted(scenario.result["selected"])[0]
    Project.objects.filter(code=blocked).update(planned_start=None, planned_end=None)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for language in ("ar", "en"):
        for width, height, name in ((1280, 900, "desktop"), (390, 844, "phone")):
            context = browser.new_context(viewport={"width": width, "height": height})
            watch = Watch()
            watch.attach(context)
            log_in(context, live_server, officer, language=language)
            page = context.new_page()
            for path, label in (
                (f"/needs/scenarios/{scenario.pk}/", "result"),
                (f"/needs/scenarios/{scenario.pk}/approve/", "approve"),
            ):
                page.goto(f"{live_server.url}{path}")
                page.wait_for_load_state("networkidle")
                watch.check_page(page, f"{path} {language} {name}")
                assert page.locator("html").get_attribute("dir") == (
                    "rtl" if language == "ar" else "ltr"
                )
                overflow = page.evaluate(
                    "() => document.documentElement.scrollWidth - window.innerWidth"
                )
                watch.expect(overflow <= 1, f"{path} {language} {name}: {overflow}px too wide")
                if label == "result":
                    page.locator("#rule-results").scroll_into_view_if_needed()
                    assert page.locator("#rule-results tbody tr").count() == 5
                else:
                    assert page.locator("#approval-plan tbody tr").count() == len(
                        scenario.result["selected"]
                    )
                    assert page.locator("#confirm-approval").count() == 0
                page.screenshot(
                    path=str(SCREENSHOTS / f"scenario-{label}-{language}-{name}.png"),
                    full_page=True,
                )
            context.close()
            assert not watch.problems, watch.problems
