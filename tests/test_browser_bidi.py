"""Bidi in a real browser: the order in which glyphs are drawn, measured per character with
Range.getClientRects, for an ISO date inside an Arabic sentence and an Arabic date in a table
cell; key figures that fit their cards and wide tables that say they scroll, on a 390-px phone.
"""

from datetime import date

import pytest

from tests.browser_pages import log_in
from tests.test_browser import browser, pytestmark  # noqa: F401 (fixture, markers)

# The x (left edge, CSS px) of each character of the first text node containing `text`
# inside `selector`, in the text's logical order.
GLYPH_XS = """([selector, text]) => {
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const xs = [];
      for (let i = at; i < at + text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        xs.push(range.getClientRects()[0].left);
      }
      return xs;
    }
  }
  return null;
}"""


def glyph_xs(page, selector: str, text: str) -> list[float]:
    xs = page.evaluate(GLYPH_XS, [selector, text])
    assert xs, f"{text!r} not found in {selector}"
    return xs


@pytest.mark.django_db(transaction=True)
def test_dates_keep_their_order_in_arabic(live_server, browser, officer, make_project):  # noqa: F811
    from imar.monitoring.models import Milestone
    from imar.needs.models import Assessment

    Assessment.objects.create(
        name_ar="التقييم السريع لأضرار درنة", name_en="Derna rapid assessment",
        conducted_on=date(2025, 6, 8),
    )  # fmt: skip
    project = make_project(title_ar="مدرسة درنة", title_en="Derna school")
    Milestone.objects.create(
        project=project, name_ar="تسليم الموقع", name_en="Site handover",
        planned_date=date(2025, 10, 8), weight=1,
    )  # fmt: skip
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar-LY")
    log_in(context, live_server, officer, language="ar")
    page = context.new_page()

    # An ISO date in an Arabic line: "التقييم السريع لأضرار درنة (2025-06-08)". Unisolated, the
    # Arabic before it turns its digit groups into Arabic numbers laid out right to left
    # ("08-06-2025"); isolated, the year is drawn first, on the left.
    page.goto(f"{live_server.url}/needs/")
    xs = glyph_xs(page, "main li", "2025-06-08")
    assert xs == sorted(xs), f"ISO date drawn out of order: {xs}"

    # An Arabic date in a table cell of the public project page: "8 أكتوبر 2025" reads right
    # to left, the day rightmost and the year leftmost (a forced LTR drew "أكتوبر 2025 8").
    page.goto(f"{live_server.url}/public/projects/{project.code}/")
    cell = page.locator("td.num", has_text="2025").first.inner_text()
    assert cell.startswith("8 ") and cell.endswith(" 2025"), cell
    day, year = glyph_xs(page, "td.num", "8")[0], glyph_xs(page, "td.num", "2025")[0]
    assert day > year, f"day at x={day} should be right of the year at x={year}"
    context.close()


@pytest.mark.django_db(transaction=True)
def test_phone_figures_fit_and_tables_scroll(live_server, browser, officer, make_project):  # noqa: F811
    from decimal import Decimal

    make_project(budget=Decimal("987654321098.00"))
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar-LY")
    log_in(context, live_server, officer, language="ar")
    page = context.new_page()
    for path in ("/", "/portfolio/dashboard/"):
        page.goto(live_server.url + path)
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('.figure-card .value')]
                 .filter(v => v.scrollWidth > v.clientWidth + 1
                         || v.getBoundingClientRect().right > v.closest('.figure-card')
                              .getBoundingClientRect().right + 1)
                 .map(v => v.textContent.trim())"""
        )
        assert overflowing == [], f"{path}: figures wider than their card: {overflowing}"
    page.goto(f"{live_server.url}/portfolio/projects/")
    page.wait_for_load_state("load")
    hint = page.locator(".scroll-hint-text")
    assert hint.count() >= 1 and hint.first.is_visible()
    assert "اسحب" in hint.first.inner_text()
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main table')]
             .filter(t => t.getBoundingClientRect().width > window.innerWidth
                     && !t.closest('.table-responsive')).length"""
    )
    assert wide == 0
    context.close()
