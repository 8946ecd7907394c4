"""A screenshot tour of Imar: every journey of its people, as each role, in Arabic and English,
on a 1280-px desktop and a 390-px phone, in headless Chromium.

    .venv/bin/python scripts/tour.py --serve                 # a throwaway demo instance
    .venv/bin/python scripts/tour.py --url http://127.0.0.1:8000   # a running demo

PNGs go under the output folder (`var/tour/` by default) with an `index.html` of them. The
tour fails loudly (exit status 1, every problem listed, and marked in the index) when a page
answers 4xx/5xx, a request of the page (style, script, image, data) fails, or the browser
logs a console error or a JavaScript exception.

Journeys are (role, addresses): an address may hold `{placeholder}`s (a project, a report, a
scenario...), found as the role by opening a list page and taking its first matching link,
so the tour runs against any demo whatever its ids. Roles are the demo logins (README, "Two
commands"); `anonymous` is a visitor who does not sign in. The same list is checked without a
browser by `tests/core/test_tour_journeys.py` (every address resolves).

Only Playwright is needed to walk a running instance; `--serve` also needs the `imar` command
(run it from the project's virtual environment).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "imar-demo-2026"
LANGUAGE_COOKIE = "imar_language"
LANGUAGES = ("ar", "en")
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
# Address beginnings that are not pages in a language (imar.core.languages.UNPREFIXED).
UNPREFIXED = ("/api/", "/open-data/", "/static/", "/media/", "/admin/", "/i18n/", "/healthz")
FORUM = "libyan-american-forum-2027"


@dataclass(frozen=True)
class Journey:
    """One journey of JOURNEYS.md: who walks it and the pages they open, in order."""

    key: str
    title: str
    role: str
    paths: tuple[str, ...]


# The journeys of the people who use Imar (the project's JOURNEYS.md), page by page.
JOURNEYS: tuple[Journey, ...] = (
    Journey(
        "director-1",
        "Director: commitments and payments this year, late projects",
        "director",
        ("/accounts/start/", "/portfolio/dashboard/", "/portfolio/attention/", "/portfolio/money/"),
    ),
    Journey(
        "director-2",
        "Director: briefing before a US delegation",
        "director",
        ("/partners/briefing/?country=US", "/partners/agreements/?country=US"),
    ),
    Journey(
        "director-3",
        "Director: records a meeting and its follow-up actions",
        "director",
        (
            "/partners/engagements/",
            "/partners/engagements/new/",
            "/partners/engagements/{engagement}/",
            "/partners/",
        ),
    ),
    Journey(
        "director-4",
        "Director: are we balanced? Money against needs per district",
        "director",
        ("/needs/", "/portfolio/districts/{district}/"),
    ),
    Journey(
        "officer-1",
        "Planning officer: imports candidate projects",
        "officer",
        ("/needs/import/projects/", "/needs/import/"),
    ),
    Journey(
        "officer-2",
        "Planning officer: scores, allocates, compares, approves",
        "officer",
        (
            "/needs/scoring/",
            "/needs/scoring/{scoring_model}/rank/",
            "/needs/scenarios/",
            "/needs/scenarios/{scenario}/",
            "/needs/scenarios/compare/",
        ),
    ),
    Journey(
        "officer-3",
        "Planning officer: moves approved projects to procurement",
        "officer",
        ("/procurement/plan/", "/procurement/{process}/"),
    ),
    Journey(
        "engineer-1",
        "Regional engineer: district projects, a progress report",
        "engineer",
        (
            "/accounts/start/",
            "/portfolio/projects/",
            "/portfolio/projects/{project}/",
            "/portfolio/projects/{project}/reports/new/",
        ),
    ),
    Journey(
        "engineer-2",
        "Regional engineer: a returned report, corrected",
        "engineer",
        ("/portfolio/reports/", "/portfolio/reports/{report}/"),
    ),
    Journey(
        "finance-1",
        "Finance officer: a disbursement in euros, rates",
        "finance",
        (
            "/accounts/start/",
            "/portfolio/money/",
            "/portfolio/exchange-rates/",
            "/portfolio/projects/{project}/transactions/new/",
        ),
    ),
    Journey(
        "organizer-1",
        "Forum organizer: registrations and the showcase",
        "officer",
        ("/forum/organize/", f"/forum/{FORUM}/organize/", f"/forum/{FORUM}/organize/showcase/"),
    ),
    Journey(
        "organizer-2",
        "Forum organizer: requests and the schedule",
        "officer",
        (
            f"/forum/{FORUM}/organize/requests/",
            f"/forum/{FORUM}/organize/schedule/",
            f"/forum/{FORUM}/organize/agenda/",
        ),
    ),
    Journey(
        "organizer-3",
        "Forum organizer: check-in, the live day, leads",
        "officer",
        (
            f"/forum/{FORUM}/organize/checkin/",
            f"/forum/{FORUM}/organize/live/",
            f"/forum/{FORUM}/organize/leads/",
        ),
    ),
    Journey(
        "delegate-1",
        "Forum delegate: their space, recommendations, agenda",
        "delegate",
        (
            "/accounts/start/",
            f"/forum/{FORUM}/me/",
            f"/forum/{FORUM}/me/agenda/",
            f"/forum/{FORUM}/me/profile/",
        ),
    ),
    Journey(
        "visitor-forum",
        "Visitor: the forum's public pages and registration",
        "anonymous",
        (f"/forum/{FORUM}/", f"/forum/{FORUM}/showcase/", f"/forum/{FORUM}/register/"),
    ),
    Journey(
        "citizen-1",
        "Citizen: the portal, the map, a project, a search",
        "anonymous",
        (
            "/",
            "/public/map/",
            "/public/projects/",
            "/public/projects/{public_project}/",
            "/public/search/?q=درنه",
            "/public/search/?q=درنة",
        ),
    ),
    Journey(
        "journalist-1",
        "Donor analyst: projects funded by one country, downloads",
        "anonymous",
        ("/public/projects/?funder_country=US", "/public/donors/", "/open-data/"),
    ),
    Journey(
        "journalist-2",
        "Donor analyst: the public API documentation",
        "anonymous",
        ("/api/v1/docs/",),
    ),
    Journey(
        "auditor-1",
        "Auditor: a project's history, the audit trail",
        "auditor",
        ("/accounts/start/", "/accounts/audit/", "/portfolio/projects/{project}/"),
    ),
    Journey(
        "aid-1",
        "Aid coordination officer: IATI imports, matches, the gap",
        "officer",
        (
            "/aid/",
            "/aid/imports/",
            "/aid/imports/upload/",
            "/aid/activities/{activity}/",
            "/aid/where/",
            "/needs/",
        ),
    ),
    Journey(
        "procurement-1",
        "Procurement officer: a tender, bids, award, contract",
        "officer",
        ("/procurement/", "/procurement/{process}/"),
    ),
    Journey(
        "procurement-2",
        "Auditor: red flags; the public contracts page",
        "auditor",
        (
            "/procurement/?flag=large_amendment",
            "/procurement/?flag=direct_award",
            "/procurement/{process}/",
        ),
    ),
    Journey(
        "procurement-2-public",
        "Journalist: the fund's contracts and their flags",
        "anonymous",
        ("/contracts/",),
    ),
    Journey(
        "complaint-1",
        "Citizen: a complaint on a project, its tracking code",
        "anonymous",
        (
            "/public/projects/{public_project}/feedback/",
            "/public/feedback/track/",
            "/public/feedback/response-times/",
        ),
    ),
    Journey(
        "complaint-1-staff",
        "Fund officer: the complaints queue and an answer",
        "officer",
        ("/feedback/", "/feedback/{case}/"),
    ),
    Journey(
        "operator-1", "Operator: jobs, health, the admin", "admin", ("/operations/jobs/", "/admin/")
    ),
)

# Placeholders: the link that names one, and the pages (in order) where the role looks for it;
# a page may itself name a placeholder found before.
FINDERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "project": (r"/portfolio/projects/([A-Za-z0-9._-]+)/$", ("/portfolio/projects/",)),
    "public_project": (r"/public/projects/([A-Za-z0-9._-]+)/$", ("/public/projects/",)),
    "report": (
        r"/portfolio/reports/(\d+)/$",
        ("/portfolio/reports/", "/portfolio/projects/{project}/"),
    ),
    "scenario": (r"/needs/scenarios/(\d+)/$", ("/needs/scenarios/",)),
    "scoring_model": (r"/needs/scoring/(\d+)/rank/$", ("/needs/scoring/",)),
    "process": (r"/procurement/(\d+)/$", ("/procurement/",)),
    "activity": (r"/aid/activities/(\d+)/$", ("/aid/",)),
    "engagement": (r"/partners/engagements/(\d+)/$", ("/partners/engagements/",)),
    "district": (r"/portfolio/districts/([A-Z]{2}-[A-Z]{2})/$", ("/portfolio/dashboard/",)),
    "case": (r"/feedback/(\d+)/$", ("/feedback/",)),
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class TourError(Exception):
    pass


def language_path(path: str, language: str) -> str:
    """The address in `language`: `/en/…` or `/ar/…`, except what has no language."""
    if path.startswith(UNPREFIXED):
        return path
    return f"/{language}{path}"


def bare_path(href: str) -> str:
    """A link's path without its host, query or language prefix."""
    path = re.sub(r"^[a-z]+://[^/]+", "", href).split("?")[0].split("#")[0]
    return re.sub(r"^/(ar|en)(?=/)", "", path)


@dataclass
class Shot:
    journey: Journey
    step: int
    path: str
    language: str
    size: str
    file: str = ""
    status: int | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Tour:
    base_url: str
    out: Path
    chromium: str
    languages: tuple[str, ...] = LANGUAGES
    sizes: tuple[str, ...] = tuple(SIZES)
    shots: list[Shot] = field(default_factory=list)
    found: dict[tuple[str, str], str] = field(default_factory=dict)

    def run(self, journeys) -> list[Shot]:
        from playwright.sync_api import sync_playwright

        self.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=self.chromium, headless=True)
            try:
                for journey in journeys:
                    for language in self.languages:
                        for size in self.sizes:
                            self._walk(browser, journey, language, size)
            finally:
                browser.close()
        return self.shots

    def _context(self, browser, role: str, language: str, size: str):
        width, height = SIZES[size]
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=1,
            is_mobile=size == "phone",
            has_touch=size == "phone",
            locale="ar-LY" if language == "ar" else "en-US",
        )
        context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": self.base_url}])
        if role != "anonymous":
            page = context.new_page()
            page.goto(f"{self.base_url}{language_path('/accounts/login/', language)}")
            page.fill("input[name=username]", role)
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.locator("form:has(input[name=password]) [type=submit]").first.click()
            if "/accounts/login/" in page.url:
                raise TourError(f"{role} could not sign in at {self.base_url}")
            page.close()
        return context

    def _find(self, context, role: str, name: str, language: str) -> str:
        if (role, name) in self.found:
            return self.found[(role, name)]
        if name not in FINDERS:
            raise TourError(f"no finder for {{{name}}}")
        pattern, pages = FINDERS[name]
        for list_path in pages:
            list_path = self._fill(context, role, list_path, language)
            page = context.new_page()
            page.goto(f"{self.base_url}{language_path(list_path, language)}")
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            page.close()
            for href in hrefs:
                if match := re.search(pattern, bare_path(href)):
                    self.found[(role, name)] = match.group(1)
                    return match.group(1)
        raise TourError(f"{role}: no link to a {name} on {', '.join(pages)}")

    def _fill(self, context, role: str, template: str, language: str) -> str:
        return PLACEHOLDER.sub(lambda m: self._find(context, role, m.group(1), language), template)

    def _walk(self, browser, journey: Journey, language: str, size: str) -> None:
        context = self._context(browser, journey.role, language, size)
        try:
            for step, template in enumerate(journey.paths, 1):
                shot = Shot(journey, step, template, language, size)
                self.shots.append(shot)
                try:
                    path = self._fill(context, journey.role, template, language)
                except TourError as error:
                    shot.problems.append(str(error))
                    continue
                shot.path = path
                self._shoot(context, shot, language_path(path, language))
        finally:
            context.close()

    def _shoot(self, context, shot: Shot, address: str) -> None:
        page = context.new_page()
        problems = shot.problems
        page.on(
            "console",
            lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on(
            "response",
            lambda r: (
                problems.append(f"{r.status} {r.request.method} {r.url}")
                if r.status >= 400
                else None
            ),
        )
        page.on(
            "requestfailed",
            lambda r: (
                problems.append(f"request failed: {r.url} ({r.failure})")
                if not r.url.startswith(("data:", "blob:"))
                else None
            ),
        )
        try:
            response = page.goto(f"{self.base_url}{address}", wait_until="load", timeout=60_000)
            shot.status = response.status if response else None
            # Maps, charts and the API docs draw after load; a page that keeps polling is
            # taken as it is after a few seconds.
            with contextlib.suppress(Exception):
                page.wait_for_load_state("networkidle", timeout=5_000)
            # Charts animate for about a second after they are drawn.
            page.wait_for_timeout(1_200 if page.locator("canvas").count() else 300)
            slug = re.sub(r"[^A-Za-z0-9]+", "-", shot.path).strip("-") or "home"
            name = f"{shot.journey.key}-{shot.step:02d}-{slug[:60]}-{shot.language}-{shot.size}.png"
            page.screenshot(path=str(self.out / name), full_page=True)
            shot.file = name
        except Exception as error:  # a timeout or a crashed page: reported, the tour goes on
            problems.append(f"{type(error).__name__}: {error}")
        finally:
            page.close()


def write_index(out: Path, shots: list[Shot], base_url: str) -> Path:
    rows = []
    for journey_key in dict.fromkeys(s.journey.key for s in shots):
        group = [s for s in shots if s.journey.key == journey_key]
        journey = group[0].journey
        cells = []
        for s in group:
            problems = "".join(f"<li>{html.escape(p)}</li>" for p in s.problems)
            image = (
                f'<a href="{html.escape(s.file)}"><img src="{html.escape(s.file)}" loading="lazy"'
                f' alt="{html.escape(s.path)}"></a>'
                if s.file
                else ""
            )
            cells.append(
                f'<figure class="{"bad" if s.problems else "ok"} {s.size}">{image}'
                f"<figcaption><code>{html.escape(s.path)}</code> · {s.language} · {s.size}"
                f" · {s.status or '—'}{f'<ul>{problems}</ul>' if problems else ''}"
                "</figcaption></figure>"
            )
        rows.append(
            f'<section id="{journey.key}"><h2>{html.escape(journey.title)} '
            f"<small>({html.escape(journey.role)})</small></h2>{''.join(cells)}</section>"
        )
    bad = sum(1 for s in shots if s.problems)
    body = (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Imar tour</title>'
        "<style>body{font-family:sans-serif;margin:1rem}figure{display:inline-block;"
        "vertical-align:top;margin:.5rem;max-width:330px}figure.phone{max-width:160px}"
        "img{width:100%;border:1px solid #ccc}.bad figcaption{color:#b00}"
        "figcaption{font-size:.75rem;overflow-wrap:anywhere}</style>"
        f"<h1>Imar tour of {html.escape(base_url)}</h1><p>{len(shots)} pages, "
        f"{bad} with problems.</p>{''.join(rows)}</html>"
    )
    index = out / "index.html"
    index.write_text(body, encoding="utf-8")
    return index


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _imar() -> str:
    beside = Path(sys.executable).with_name("imar")
    return str(beside) if beside.exists() else (shutil.which("imar") or "imar")


def serve(projects: int, data_dir: str | None):
    """A demo instance on a free port: migrate, load the demo (once), run the server.
    Returns (base url, server process, temporary folder or None)."""
    temporary = None if data_dir else tempfile.mkdtemp(prefix="imar-tour-")
    env = {**os.environ, "IMAR_DATA_DIR": data_dir or temporary, "IMAR_DEBUG": "true"}
    imar = _imar()
    for command in (["compilemessages_imar"], ["migrate", "--no-input"],
                    ["demo", "--projects", str(projects)]):  # fmt: skip
        print("imar", *command, file=sys.stderr)
        subprocess.run([imar, *command], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        [imar, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 (our own server)
            return base, server, temporary
        except OSError:
            if server.poll() is not None:
                raise TourError("the demo server stopped") from None
            time.sleep(0.5)
    server.terminate()
    raise TourError("the demo server did not answer")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="a running demo instance, e.g. http://127.0.0.1:8000")
    where.add_argument("--serve", action="store_true", help="start a throwaway demo instance")
    parser.add_argument("--projects", type=int, default=200, help="demo size with --serve")
    parser.add_argument("--data-dir", help="with --serve: reuse this IMAR_DATA_DIR")
    parser.add_argument("--out", default="var/tour", help="output folder (default var/tour)")
    parser.add_argument("--chromium", default=os.environ.get("IMAR_CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--only", nargs="*", help="journey keys (or their beginnings)")
    parser.add_argument("--languages", nargs="*", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    args = parser.parse_args(argv)

    journeys = [j for j in JOURNEYS if not args.only or any(j.key.startswith(o) for o in args.only)]
    server = temporary = None
    try:
        if args.serve:
            base, server, temporary = serve(args.projects, args.data_dir)
        else:
            base = args.url.rstrip("/")
        out = Path(args.out)
        tour = Tour(base, out, args.chromium, tuple(args.languages), tuple(args.sizes))
        shots = tour.run(journeys)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    index = write_index(out, shots, base)
    bad = [s for s in shots if s.problems]
    print(f"{len(shots)} pages, {len(bad)} with problems; {index}")
    for s in bad:
        for problem in s.problems:
            print(f"FAIL {s.journey.key} {s.path} [{s.language} {s.size}]: {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
