"""What the CSP forbids never enters the source: no inline script, style or event handler in
a template, no |safe or autoescape off on data, and in our JavaScript no HTML built from data
(Leaflet tooltips and popups get text nodes, through imar.text). The browser tests catch the
same at run time; this names the file and line before anything runs."""

import re
from pathlib import Path

import pytest

IMAR = Path(__file__).resolve().parents[2] / "imar"
TEMPLATES = sorted(p for p in IMAR.glob("*/templates/**/*.html"))
SCRIPTS = sorted(p for p in IMAR.glob("*/static/**/*.js") if "vendor" not in p.parts)

TEMPLATE_RULES = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "inline style": re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "unescaped output": re.compile(r"\|\s*safe\b|autoescape\s+off|\|\s*safeseq\b"),
}
SCRIPT_RULES = {
    "HTML from a string": re.compile(
        r"\.(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML\(|document\.write\("
    ),
    "eval": re.compile(r"\beval\(|new Function\(|set(Timeout|Interval)\(\s*[\"']"),
    # Leaflet inserts a string tooltip or popup as HTML: only imar.text nodes go in.
    "tooltip or popup from a string": re.compile(
        r"bind(Tooltip|Popup)\((?!\s*imar\.text\(|\s*function \(\) \{ return imar\.text\()"
    ),
}
# The report form shows the page the server answered (Django-escaped HTML) after a retried
# upload; no data of the client's own goes through it.
ALLOWED = {("monitoring/static/monitoring/monitoring_report_form.js", "document.write(html)")}


def _problems(path: Path, rules: dict) -> list[str]:
    found = []
    name = str(path.relative_to(IMAR))
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for problem, pattern in rules.items():
            if pattern.search(line) and not any(
                name == where and snippet in line for where, snippet in ALLOWED
            ):
                found.append(f"{name}:{number}: {problem}: {line.strip()[:100]}")
    return found


def test_there_are_files_to_check():
    assert len(TEMPLATES) > 100 and len(SCRIPTS) >= 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(IMAR)))
def test_template_has_no_inline_code_or_unescaped_output(path):
    assert _problems(path, TEMPLATE_RULES) == []


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(IMAR)))
def test_script_builds_no_html_from_data(path):
    assert _problems(path, SCRIPT_RULES) == []


def test_the_rules_catch_what_they_are_for(tmp_path):
    bad_template = tmp_path / "bad.html"
    bad_template.write_text(
        '<script>x()</script>\n<div style="color:red" onclick="go()">{{ title|safe }}</div>\n'
        '<a href="javascript:go()">go</a>\n<script id="d" type="application/json">{}</script>\n'
    )
    bad_script = tmp_path / "bad.js"
    bad_script.write_text(
        'el.innerHTML = name;\nmarker.bindTooltip(p.code + " " + p.title);\n'
        "marker.bindTooltip(imar.text(p.code));\n"
    )
    found_template = [p.split(": ", 1)[1] for p in _problems_outside(bad_template, TEMPLATE_RULES)]
    found_script = [p.split(": ", 1)[1] for p in _problems_outside(bad_script, SCRIPT_RULES)]
    assert found_template == [
        "inline script",
        "inline style",
        "event handler attribute",
        "unescaped output",
        "javascript: URL",
        "inline script",
    ]
    assert found_script == ["HTML from a string", "tooltip or popup from a string"]


def _problems_outside(path: Path, rules: dict) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        found += [
            f"{number}: {problem}" for problem, pattern in rules.items() if pattern.search(line)
        ]
    return found
