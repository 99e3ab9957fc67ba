"""The HTML report in headless Chromium: opened from disk with no network, at phone and desktop.

Driven by Playwright for Python, pointed at the system Chromium (`executable_path`), so no
browser is downloaded. axe-core (npm, installed by `make test-tools`) checks accessibility.
Skipped when Chromium, Playwright or axe-core is missing, unless ASCN_REQUIRE_BROWSER=1 (as
.ci/run sets), then it fails. Screenshots go to tests/artifacts/ (git-ignored) for review.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
YEARS = (2018, 2021, 2022, 2025)
YEAR = 2025
# Collected in the page: everything the tests below assert on.
PAGE_FACTS = """() => ({
  width: document.documentElement.scrollWidth,
  charts: [...document.querySelectorAll('svg[role="img"]')].map(svg => ({
    title: svg.querySelector('title')?.textContent || '',
    desc: svg.querySelector('desc')?.textContent || '',
    shown: svg.getBoundingClientRect().width > 200 && svg.getBoundingClientRect().height > 40,
  })),
  tables: document.querySelectorAll('table').length,
  tablesWithoutHeaders: [...document.querySelectorAll('table')]
    .filter(t => !t.querySelector('thead th[scope="col"]') || !t.querySelector('caption')).length,
  headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]),
  cities: document.querySelectorAll('article.city').length,
  scripts: document.scripts.length,
  focusable: [...document.querySelectorAll('[tabindex="0"]')]
    .map(e => e.scrollWidth > e.clientWidth),
  clipped: [...document.querySelectorAll('table')].filter(t => {
    const box = t.closest('.table-wrap.scroll');
    return !box && t.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
  }).length,
  landmarks: [...document.querySelectorAll(
    'section[aria-labelledby], [role="region"], nav, main')]
    .map(e => e.getAttribute('aria-label') ||
      document.getElementById(e.getAttribute('aria-labelledby'))?.textContent || e.tagName),
})"""


def _require(what: str) -> None:
    if os.environ.get("ASCN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ASCN_REQUIRE_BROWSER=1 but {what} is missing (see .ci/run)")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """The system Chromium driven by Playwright, or skip (fail under ASCN_REQUIRE_BROWSER=1)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        _require("Chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - may be missing: skip
    except ImportError:
        _require("Playwright for Python (pip install playwright)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        browser.close()


def _report(tmp: Path, year: int) -> Path:
    """The shipped data's HTML report for `year`, written by the CLI in its own process
    (which also keeps this test process small for the memory bounds of later tests)."""
    args = ["report", "--year", str(year), "--data", str(REPO / "data"), "--out", str(tmp)]
    command = [sys.executable, "-m", "ascn", *args, "--format", "html"]
    subprocess.run(command, check=True, capture_output=True)
    return tmp / f"ascn-report-{year}.html"


@pytest.fixture(scope="module")
def seen(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[Any, dict[str, Any]]:
    """What each year's page shows at each width, its errors, requests and axe results."""
    if not AXE.is_file():
        _require("axe-core (make test-tools: npm install)")
    ARTIFACTS.mkdir(exist_ok=True)
    tmp = tmp_path_factory.mktemp("report")
    facts: dict[Any, dict[str, Any]] = {}
    for year in YEARS:
        path = _report(tmp, year)
        for width in WIDTHS:
            facts[year, width] = _visit(chromium, path, width, year)
    return facts


def _visit(chromium: Any, path: Path, width: int, year: int) -> dict[str, Any]:
    # bypass_csp: the report forbids scripts; only the test injects axe-core, after loading.
    page = chromium.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    facts: dict[str, Any] = page.evaluate(PAGE_FACTS)
    facts["errors"], facts["requests"] = list(errors), list(requests)
    # Full pages only on request (ASCN_FULL_SCREENSHOTS=1): they are tens of megapixels.
    full = os.environ.get("ASCN_FULL_SCREENSHOTS") == "1"
    page.screenshot(path=ARTIFACTS / f"report-{year}-{width}.png", full_page=full)
    page.add_script_tag(path=AXE)
    facts["axe"] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    page.close()
    return facts


CASES = [(y, w) for y in YEARS for w in WIDTHS]


@pytest.mark.parametrize(("year", "width"), CASES)
def test_axe_finds_no_violation(seen: dict[Any, Any], year: int, width: int) -> None:
    """axe-core reports no accessibility violation."""
    assert seen[year, width]["axe"] == []


@pytest.mark.parametrize(("year", "width"), CASES)
def test_report_renders_without_console_errors(seen: dict[Any, Any], year: int, width: int) -> None:
    """Opening the report logs no error, warning or exception."""
    assert seen[year, width]["errors"] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_report_fetches_nothing_but_itself(seen: dict[Any, Any], width: int) -> None:
    """The only request is the report file itself: no fonts, scripts or images from anywhere."""
    assert [Path(u).name for u in seen[YEAR, width]["requests"]] == [f"ascn-report-{YEAR}.html"]
    assert seen[YEAR, width]["scripts"] == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_report_shows_its_labelled_charts(seen: dict[Any, Any], width: int) -> None:
    """Focus area, status and trend charts are visible and each has a title and description."""
    charts = seen[YEAR, width]["charts"]
    assert [c["title"] for c in charts] == [
        f"Share of projects by focus area, {YEAR}",
        f"Projects in the portfolio by status, {YEAR}",
        f"Member cities per year, 2018\u2013{YEAR}",
        f"Active partnerships per year, 2018\u2013{YEAR}",
        f"Projects in the portfolio per year, 2018\u2013{YEAR}, by status",
    ]
    assert all(c["shown"] and c["desc"] for c in charts)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_has_a_caption_and_column_headers(seen: dict[Any, Any], width: int) -> None:
    """Tables are real tables: a caption and <th scope=col> headers."""
    assert seen[YEAR, width]["tables"] > 40
    assert seen[YEAR, width]["tablesWithoutHeaders"] == 0


def test_headings_descend_one_level_at_a_time(seen: dict[Any, Any]) -> None:
    """One h1, then no heading skips a level."""
    levels = seen[YEAR, 1280]["headings"]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def test_report_has_a_section_per_member_city(seen: dict[Any, Any]) -> None:
    """Each member city in the year gets its own section."""
    joined = [
        int(m.group(1))
        for path in (REPO / "data" / "cities").glob("*.yaml")
        if (m := re.search(r"^joined: (\d{4})$", path.read_text(encoding="utf-8"), re.M))
    ]
    members = sum(1 for year in joined if year <= YEAR)
    assert seen[YEAR, 1280]["cities"] == members


@pytest.mark.parametrize(("year", "width"), CASES)
def test_page_is_no_wider_than_the_screen(seen: dict[Any, Any], year: int, width: int) -> None:
    """The page never scrolls sideways, and no table outside a scrolling region is cut off."""
    assert seen[year, width]["width"] == width
    assert seen[year, width]["clipped"] == 0


def test_on_a_phone_every_focusable_region_scrolls(seen: dict[Any, Any]) -> None:
    """At 390 px only regions that do scroll sideways take keyboard focus."""
    assert all(seen[YEAR, 390]["focusable"])


def test_landmark_names_are_unique(seen: dict[Any, Any]) -> None:
    """No two landmarks share a name, so a screen reader's landmark list is unambiguous."""
    names = seen[YEAR, 1280]["landmarks"]
    assert len(names) == len(set(names))
