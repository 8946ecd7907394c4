"""No script from data, anywhere: a real Chromium walks every page that shows data, with every
text field of the demo world carrying a script payload, and sees nothing run.

The world is the demo (projects, programs, organizations, places, milestones, reports,
money, risks, agreements, engagements, needs, scenarios, the forum) with every free-text
column of every row then overwritten, behind the services' back as a hostile import or a
direct database edit would, with payloads in HTML, attribute and script contexts. Each page
is checked for: a payload that ran (window.__xss), a dialog, markup from the data that became
an element, a Content Security Policy violation (so a page the policy broke fails too), a
JavaScript error, an HTML response without the policy; and the payload must be on screen as
text. Map tooltips are opened, HTMX searches typed, the batch form's "add a row" clicked.
"""

import json
import os
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from imar.core.models import SearchKey
from imar.forum.models import Event, Participant
from imar.monitoring.models import ProgressReport
from imar.needs.models import Scenario, ScoringModel
from imar.needs.scenarios import scenario_create, scenario_run
from imar.organizations.models import Organization
from imar.partners.models import Agreement, Engagement
from imar.portfolio.models import Project
from tests.browser_pages import Watch, log_in
from tests.test_browser import CHROMIUM, browser  # noqa: F401  (the shared browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]

MARK = "__xss=1"  # every payload sets window.__xss; on screen, this is how a payload is found
PAYLOADS = [  # longest first: each field gets the longest that fits
    '"><img src=x onerror="window.__xss=1"><svg onload=window.__xss=1>'
    "</script><script>window.__xss=1</script><script>alert(1)</script>",
    '"><img src=x onerror=window.__xss=1>',
    "<svg onload=window.__xss=1>",
    "<b onclick=__xss=1>",
]
NOT_FREE_TEXT = {"code", "slug", "pcode", "iso_code", "iati_identifier", "checkin_code"}


def _payload_for(field) -> str | None:
    """The longest payload that fits, or None for a column too short for any (a run's
    16-letter method name)."""
    room = (field.max_length or 10_000) - 8  # " #<pk>" keeps unique columns unique
    return next((p for p in PAYLOADS if len(p) <= room), None)


def poison_every_text_field() -> int:
    """Overwrite every filled free-text column of every Imar row (the audit trail aside) with
    a payload; return how many columns. Identifiers, choices, e-mails and URLs keep their
    values: they are validated on the way in (codes by the new code format)."""
    columns = 0
    for model in apps.get_models():
        label = model._meta.app_label
        if not model.__module__.startswith("imar.") or label == "accounts":
            continue
        updates = {}
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, (models.CharField, models.TextField))
                and not isinstance(field, (models.EmailField, models.URLField, models.SlugField))
                and field.editable
                and not field.choices
                and field.name not in NOT_FREE_TEXT
                and _payload_for(field)
            ):
                # Filled values only: a blank one may be blank by rule (an override reason
                # exists only on an overridden disbursement), and shows nothing anyway.
                text = models.Value(_payload_for(field) + " #")
                updates[field.name] = models.Case(
                    models.When(**{field.name: ""}, then=models.Value("")),
                    default=Concat(text, Cast("pk", models.CharField())),
                )
        if updates:
            model.objects.update(**updates)
            columns += len(updates)
        if issubclass(model, SearchKey):
            rows = list(model.objects.all())
            for row in rows:
                row.refresh_search_text()
            model.objects.bulk_update(rows, ["search_text"], batch_size=500)
    return columns


@pytest.fixture
def hostile_world(gazetteer, settings):
    settings.IMAR_SCENARIO_RUNS_INLINE = True
    settings.IMAR_SCENARIO_TIME_LIMIT = 5.0
    call_command("demo", projects=40, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert poison_every_text_field() > 60
    # A website that a form would refuse, stored by a hostile import: never a link.
    organization = Organization.objects.public().order_by("pk").first()
    Organization.objects.filter(pk=organization.pk).update(website="javascript:window.__xss=1")
    # A scenario with room for every candidate (the small demo's own is infeasible), run
    # after the poisoning so its map and table show hostile titles.
    scenario = scenario_create(
        by=get_user_model().objects.get(username="officer"),
        name=PAYLOADS[1],
        budget=Decimal("1e10"),
        rules={},
        scoring_model=ScoringModel.objects.order_by("pk").first(),
    )
    Scenario.objects.filter(pk=scenario.pk).update(status="running", started_at=timezone.now())
    assert scenario_run(scenario_id=scenario.pk, time_limit=5).status == "done"
    return organization


def _visit(page, watch, url, *, shows_data=True, settle="load"):
    response = page.goto(url, wait_until=settle)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    page.wait_for_timeout(150)  # deferred scripts and charts draw
    watch.check_page(page, url)
    if shows_data:
        watch.expect(MARK in page.locator("body").inner_text(), f"{url}: no payload shown as text")
    return page


def _tooltip_text(page) -> str:
    tooltips = page.locator(".leaflet-tooltip")
    return " ".join(tooltips.all_inner_texts())


@pytest.mark.django_db(transaction=True)
def test_no_script_from_data_runs_on_any_page(live_server, browser, hostile_world):  # noqa: F811
    base = live_server.url
    project = Project.objects.public().filter(municipality__district__iso_code="LY-DR").first()
    assert project is not None and MARK in project.title_ar
    district = project.municipality.district.iso_code
    program = project.program.code
    partner = hostile_world
    event = Event.objects.order_by("pk").first()
    report = (
        ProgressReport.objects.filter(project=project).first() or ProgressReport.objects.first()
    )
    # One report waits for verification, so the queue lists a (hostile) project title.
    waiting = ProgressReport.objects.exclude(project=project).order_by("pk").first()
    ProgressReport.objects.filter(pk=waiting.pk).update(status="submitted")
    scenarios = list(Scenario.objects.order_by("pk").values_list("pk", flat=True))
    agreement = Agreement.objects.order_by("pk").first()
    engagement = Engagement.objects.order_by("pk").first()
    User = get_user_model()
    watch = Watch()

    # ---- the public portal and forum, anonymous -------------------------------------------
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch.attach(context)
    page = context.new_page()
    for url in [
        "/",
        "/public/projects/",
        reverse("portal:project_detail", args=[project.code]),
        reverse("portal:district_detail", args=[district]),
        reverse("portal:sector_detail", args=[project.sector]),
        reverse("portal:partner_detail", args=[partner.pk]),
        reverse("portal:program_detail", args=[program]),
        "/public/search/?q=" + quote("onload"),
        "/forum/",
        reverse("forum:event", args=[event.slug]),
        reverse("forum:showcase", args=[event.slug]),
    ]:
        _visit(page, watch, base + url)
    assert page.goto(base + reverse("portal:partner_detail", args=[partner.pk]))
    assert page.locator("a[href^='javascript:']").count() == 0
    # The query is echoed back into the search box, as a value, not as markup.
    _visit(page, watch, base + "/public/search/?q=" + quote(PAYLOADS[0]), shows_data=False)
    assert page.locator("#portal-search").input_value() == PAYLOADS[0]
    _visit(page, watch, base + reverse("forum:register", args=[event.slug]), shows_data=False)
    _visit(page, watch, base + "/api/v1/docs/", shows_data=False)
    page.locator(".opblock-summary").first.click()  # Swagger UI renders an operation
    page.wait_for_selector(".opblock-body")
    watch.check_page(page, "/api/v1/docs/ (operation open)")

    # The map: district names in tooltips as text (hover over the country), points drawn.
    _visit(page, watch, base + "/public/map/", shows_data=False)
    page.wait_for_function("() => Number(document.getElementById('map-count').textContent) > 0")
    box = page.locator("#project-map").bounding_box()
    for dx, dy in [(0.5, 0.5), (0.55, 0.4), (0.7, 0.3), (0.4, 0.6)]:
        page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
        page.wait_for_timeout(100)
        if MARK in _tooltip_text(page):
            break
    watch.check_page(page, "/public/map/ (tooltips)")
    watch.expect(MARK in _tooltip_text(page), "/public/map/: no district name in a tooltip")
    context.close()

    # ---- staff pages, as a fund officer ---------------------------------------------------
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch.attach(context)
    log_in(context, live_server, User.objects.get(username="director"))
    page = context.new_page()
    for url in [
        reverse("portfolio:project_list"),
        reverse("portfolio:project_detail", args=[project.code]),
        reverse("portfolio:project_edit", args=[project.code]),
        reverse("monitoring:dashboard"),
        reverse("monitoring:attention"),
        reverse("monitoring:district", args=[district]),
        reverse("monitoring:report_queue"),
        reverse("monitoring:report_detail", args=[report.pk]),
        reverse("needs:needs"),
        reverse("needs:scenario_list"),
        reverse("needs:scenario_compare") + f"?a={scenarios[0]}&b={scenarios[-1]}",
        reverse("needs:scoring_models"),
        reverse("partners:coordination"),
        reverse("partners:organization_list"),
        reverse("partners:organization_detail", args=[partner.pk]),
        reverse("partners:agreement_list"),
        reverse("partners:agreement_detail", args=[agreement.pk]),
        reverse("partners:agreement_edit", args=[agreement.pk]),
        reverse("partners:engagement_list"),
        reverse("partners:engagement_detail", args=[engagement.pk]),
        reverse("partners:briefing") + "?country=US",
        reverse("forum:organize", args=[event.slug]),
        reverse("forum:organize_showcase", args=[event.slug]),
        reverse("forum:organize_requests", args=[event.slug]),
        reverse("forum:organize_schedule", args=[event.slug]),
        reverse("forum:organize_leads", args=[event.slug]),
        reverse("forum:organize_live", args=[event.slug]),
    ]:
        _visit(page, watch, base + url)
    assert page.goto(base + reverse("partners:organization_detail", args=[partner.pk]))
    assert page.locator("a[href^='javascript:']").count() == 0

    # HTMX: the staff list's search and the check-in desk answer with fragments of data.
    _visit(page, watch, base + reverse("portfolio:project_list"))
    page.fill("#id_q", "onload")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length > 0")
    page.wait_for_timeout(300)
    watch.check_page(page, "project list (HTMX search)")
    _visit(
        page, watch, base + reverse("forum:organize_checkin", args=[event.slug]), shows_data=False
    )
    delegate = Participant.objects.filter(event=event).first()
    with page.expect_response(lambda r: "checkin" in r.url and r.request.method == "GET"):
        page.locator("input[type=search], input[name=q]").first.type("svg", delay=30)
    page.wait_for_timeout(300)
    assert MARK in page.locator("#checkin-results").inner_text(), delegate.delegate_name
    watch.check_page(page, "check-in desk (HTMX search)")

    # Batch signing: a cloned row carries organization names as option text, nothing more.
    _visit(page, watch, base + reverse("partners:batch_signing"))
    rows = page.locator("#batch-rows tr").count()
    page.click("#add-row")
    assert page.locator("#batch-rows tr").count() == rows + 1
    new_row = page.locator("#batch-rows tr").last
    assert new_row.locator("td.num").inner_text() == str(rows + 1)
    assert new_row.locator("[name*='__prefix__']").count() == 0
    watch.check_page(page, "batch signing (row added)")

    # The scenario page's map: a project's tooltip shows its code and title as text.
    tooltips_seen = 0
    for pk in scenarios:
        _visit(page, watch, base + reverse("needs:scenario_detail", args=[pk]))
        data = page.locator("#scenario-points")  # a scenario not yet run has no map
        points = json.loads(data.text_content()) if data.count() else []
        if points:
            # Markers are drawn after the 22 districts: the last path is a project.
            page.locator("#scenario-map path.leaflet-interactive").last.dispatch_event("mouseover")
            page.wait_for_selector(".leaflet-tooltip")
            watch.check_page(page, f"scenario {pk} (tooltip)")
            watch.expect(MARK in _tooltip_text(page), f"scenario {pk}: no title in the tooltip")
            tooltips_seen += 1
    assert tooltips_seen, [Scenario.objects.values_list("status", "error")]
    # The needs page's map of districts.
    _visit(page, watch, base + reverse("needs:needs"))
    page.locator("#needs-map path.leaflet-interactive").first.dispatch_event("mouseover")
    page.wait_for_selector(".leaflet-tooltip")
    watch.check_page(page, "needs map (tooltip)")
    watch.expect(MARK in _tooltip_text(page), "needs map: no district name in the tooltip")

    # A payload as a project code is refused by the form, with the field named.
    _visit(page, watch, base + reverse("portfolio:project_edit", args=[project.code]))
    page.fill("#id_code", PAYLOADS[2])
    page.click("form button.btn-success[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#id_code.is-invalid").count() == 1
    assert "رمز المشروع" in page.locator("#id_code-error").inner_text()
    watch.check_page(page, "project form (refused code)")
    assert Project.objects.filter(code=project.code).exists()
    context.close()

    # ---- a forum delegate's own space --------------------------------------------------------
    context = browser.new_context(viewport={"width": 390, "height": 844})
    watch.attach(context)
    log_in(context, live_server, User.objects.get(username="delegate"), language="en")
    page = context.new_page()
    for name in ("my_space", "agenda", "profile"):
        _visit(page, watch, base + reverse(f"forum:{name}", args=[event.slug]))
    context.close()

    # ---- the Django admin, as the administrator ---------------------------------------------
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch.attach(context)
    log_in(context, live_server, User.objects.get(username="admin"), language="en")
    page = context.new_page()
    for url in [
        "/admin/",
        "/admin/portfolio/project/",
        f"/admin/portfolio/project/{project.pk}/change/",
        f"/admin/organizations/organization/{partner.pk}/change/",
        "/admin/partners/agreement/",
        reverse("accounts:audit_trail"),
    ]:
        _visit(page, watch, base + url, shows_data=url not in ("/admin/", "/accounts/audit/"))
    # The admin's autocomplete (select2) lists hostile names from its JSON, as text. (Only
    # where the admin still edits projects: a read-only admin has no such widget.)
    _visit(page, watch, base + f"/admin/portfolio/project/{project.pk}/change/")
    if page.locator(".select2-selection").count():
        with page.expect_response(lambda r: "/admin/autocomplete/" in r.url):
            page.locator(".select2-selection").first.click()
        page.wait_for_selector(".select2-results__option")
        watch.expect(
            MARK in page.locator(".select2-results").inner_text(), "admin: no name in the list"
        )
        watch.check_page(page, "admin autocomplete")
    context.close()

    assert watch.html_responses > 50
    assert not watch.problems, "\n".join(watch.problems)
