"""Helpers for browser tests that walk many pages: log a browser context in as a user, and
watch every page for what must never happen (a script from data running, a dialog, a
Content Security Policy violation, a JavaScript error, an HTML response without the policy).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client

# Runs in every page before its own scripts: violations are kept on window for the test to read.
WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    [e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample].join(" "));
});
"""


def log_in(context, live_server, user, *, language: str = "ar") -> None:
    """Give the browser context a session of `user` (no login form: the accounts pages and
    their throttles are tested elsewhere) and a language."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


@dataclass
class Watch:
    """What went wrong on the pages of one browser context, one line per problem."""

    problems: list[str] = field(default_factory=list)
    html_responses: int = 0

    def attach(self, context) -> None:
        context.add_init_script(WATCH_SCRIPT)
        context.on("page", self._attach_page)
        for page in context.pages:
            self._attach_page(page)
        context.on("response", self._check_response)

    def _attach_page(self, page) -> None:
        page.on("dialog", lambda dialog: self._dialog(page, dialog))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: JS error {error}"))

    def _dialog(self, page, dialog) -> None:
        self.problems.append(f"{page.url}: a {dialog.type} dialog opened: {dialog.message!r}")
        dialog.dismiss()

    def _check_response(self, response) -> None:
        if "text/html" not in response.headers.get("content-type", ""):
            return
        self.html_responses += 1
        policy = response.headers.get("content-security-policy", "")
        if "script-src 'self'" not in policy or "frame-ancestors 'none'" not in policy:
            self.problems.append(f"{response.url}: HTML without the CSP ({policy!r})")

    def expect(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)

    def check_page(self, page, where: str) -> None:
        """After a page settled: nothing ran, nothing was injected, nothing was refused."""
        state = page.evaluate(
            """() => ({
              xss: typeof window.__xss !== "undefined",
              violations: window.__cspViolations || [],
              injected: Array.from(document.querySelectorAll(
                "[onerror], [onload], [onclick], [onmouseover], img[src='x'], svg script"))
                .map((el) => el.outerHTML.slice(0, 120)),
              scripts: Array.from(document.scripts)
                // json_script blocks carry the data (escaped) and never run.
                .filter((s) => s.type !== "application/json" && s.textContent.includes("__xss"))
                .map((s) => s.outerHTML.slice(0, 120)),
            })"""
        )
        if state["xss"]:
            self.problems.append(f"{where}: a script from the data ran")
        for violation in state["violations"]:
            self.problems.append(f"{where}: CSP violation {violation}")
        for element in state["injected"] + state["scripts"]:
            self.problems.append(f"{where}: markup from the data became an element: {element}")
