"""The planning pages in a real headless Chromium, Arabic and English, desktop and phone:
a result with sensitivity and fairness, a multi-year plan's result, the comparison (its
region chart drawn), the scoring page and the scenario form. No CSP violation, no script
error, nothing wider than the phone. Screenshots land in IMAR_SCREENSHOTS (var/screenshots/)."""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from imar.needs.models import Scenario
from imar.needs.scenarios import scenario_create, scenario_run
from imar.needs.services import appraisal_set, scoring_model_save
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


def _run(scenario) -> Scenario:
    Scenario.objects.filter(pk=scenario.pk).update(status="running")
    scenario = scenario_run(scenario_id=scenario.pk, time_limit=5)
    assert scenario.status == "done", scenario.error
    return scenario


@pytest.mark.django_db(transaction=True)
def test_planning_pages_in_both_languages_and_widths(
    live_server,
    browser,  # noqa: F811 (the fixture imported above)
    officer,
    make_project,
    make_record,
    tripoli,
):
    model = scoring_model_save(by=officer, name="Criteria", weights=WEIGHTS, method="weighted_sum")
    make_record(pcode="LY010102", sector="housing", recovery_needs=Decimal("90000000"))
    projects = [
        make_project(code="A-1", budget=Decimal("1000000"), **DESCRIBED),
        make_project(code="B-1", budget=Decimal("1000000"), sector="health", **DESCRIBED),
        make_project(
            code="C-1",
            budget=Decimal("1000000"),
            municipality=tripoli,
            sector="education",
            **DESCRIBED,
        ),  # fmt: skip
        make_project(
            code="D-1",
            budget=Decimal("2000000"),
            municipality=tripoli,
            planned_start=dt.date(2027, 1, 1),
            planned_end=dt.date(2029, 1, 1),
            **DESCRIBED,
        ),  # fmt: skip
    ]
    appraisal_set(project=projects[0], score=80, note="<img src=x onerror=alert(1)>", by=officer)
    balanced = _run(
        scenario_create(
            by=officer,
            name="Balanced 2027",
            budget=Decimal("2500000"),
            rules={
                "regions": {"LY02": {"min_share": 0.4}},
                "districts": {"LY-DR": {"max_share": 0.6}},
                "sectors": {"housing": {"max_share": 0.5}},
                "analysis": {"sensitivity": True, "fairness": "lexicographic", "score_slack": 0.1},
            },
            scoring_model=model,
        )
    )
    plan = _run(
        scenario_create(
            by=officer,
            name="Plan 2027-2029",
            budget=Decimal("1"),
            rules={
                "years": {
                    "budgets": {"2027": 1000000, "2028": 1500000, "2029": 500000},
                    "carry_over": True,
                }
            },
            scoring_model=model,
        )
    )
    assert plan.result["years"] and balanced.result["sensitivity"]["rules"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = (
        (f"/needs/scenarios/{balanced.pk}/", "result", "#sensitivity-rules"),
        (f"/needs/scenarios/{plan.pk}/", "plan", "#plan-years"),
        (f"/needs/scenarios/compare/?a={balanced.pk}&b={plan.pk}", "compare", "#region-chart"),
        (f"/needs/scoring/{model.pk}/rank/", "scoring", "#ranking-table"),
        (f"/needs/scenarios/{balanced.pk}/edit/", "form", "#analysis-options"),
    )
    for language in ("ar", "en"):
        for width, height, name in ((1280, 900, "desktop"), (390, 844, "phone")):
            context = browser.new_context(viewport={"width": width, "height": height})
            watch = Watch()
            watch.attach(context)
            log_in(context, live_server, officer, language=language)
            page = context.new_page()
            for path, label, marker in pages:
                page.goto(f"{live_server.url}{path}")
                page.wait_for_load_state("networkidle")
                watch.check_page(page, f"{path} {language} {name}")
                assert page.locator(marker).count() == 1, (label, language)
                assert page.locator("html").get_attribute("dir") == (
                    "rtl" if language == "ar" else "ltr"
                )
                overflow = page.evaluate(
                    "() => document.documentElement.scrollWidth - window.innerWidth"
                )
                watch.expect(overflow <= 1, f"{path} {language} {name}: {overflow}px too wide")
                if label == "compare":
                    # Chart.js drew on the canvas (it sets its size attributes when it does).
                    drawn = page.evaluate(
                        "() => !!window.Chart && !!Chart.getChart(document.getElementById"
                        "('region-chart'))"
                    )
                    watch.expect(drawn, f"{path} {language} {name}: the chart was not drawn")
                page.screenshot(
                    path=str(SCREENSHOTS / f"{label}-{language}-{name}.png"), full_page=True
                )
            context.close()
            assert not watch.problems, watch.problems
