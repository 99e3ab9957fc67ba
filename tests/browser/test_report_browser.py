"""The HTML report in headless Chromium: opened from disk with no network, at phone and desktop.

Skipped when Chromium is missing, unless ASCN_REQUIRE_BROWSER=1 (as .ci/run sets), then it
fails. Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from ascn.report import contents, provenance
from ascn.report import render as report
from ascn.validate import validate
from tests.browser.chromium import Chromium, find_chromium

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
WIDTHS = (390, 1280)
YEAR = 2025
ERROR_EVENTS = ("Runtime.exceptionThrown", "Log.entryAdded", "Runtime.consoleAPICalled")
# Collected in the page: everything the tests below assert on.
PAGE_FACTS = """({
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
})"""


@pytest.fixture(scope="module")
def chromium_path() -> str:
    """Chromium's executable, or skip (fail when ASCN_REQUIRE_BROWSER=1) if it is missing."""
    path = find_chromium()
    if path is None:
        if os.environ.get("ASCN_REQUIRE_BROWSER") == "1":
            pytest.fail("ASCN_REQUIRE_BROWSER=1 but Chromium is missing (apt-get install chromium)")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data's report for YEAR, written to a temporary folder."""
    data = REPO / "data"
    result = validate(data)
    view = contents.build(result.dataset, result.problems, YEAR, provenance.lookup(data))
    path = tmp_path_factory.mktemp("report") / f"ascn-report-{YEAR}.html"
    path.write_text(report.render(view, "html"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    """One headless Chromium with a fresh profile for the module."""
    chromium = Chromium(chromium_path, tmp_path_factory.mktemp("profile"))
    for domain in ("Runtime", "Log", "Network"):
        chromium.page(f"{domain}.enable")
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def seen(browser: Chromium, report_file: Path) -> dict[int, dict[str, Any]]:
    """What the page shows at each width, its errors and requests; saves screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    facts = {}
    for width in WIDTHS:
        browser.events.clear()
        browser.open(report_file.as_uri(), width)
        facts[width] = browser.evaluate(PAGE_FACTS)
        facts[width]["errors"] = [e for e in browser.events if _is_error(e)]
        facts[width]["requests"] = [
            e["params"]["request"]["url"]
            for e in browser.events
            if e.get("method") == "Network.requestWillBeSent"
        ]
        browser.screenshot(ARTIFACTS / f"report-{YEAR}-{width}.png", max_height=4000)
        top = browser.evaluate(
            "Math.round(document.querySelector('article.city').getBoundingClientRect().top"
            " + window.scrollY)"
        )
        browser.screenshot(ARTIFACTS / f"report-{YEAR}-{width}-city.png", 1600, top)
    browser.pdf(ARTIFACTS / f"report-{YEAR}.pdf")
    return facts


def _is_error(event: dict[str, Any]) -> bool:
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        return True
    if method == "Runtime.consoleAPICalled":
        return params.get("type") in {"error", "assert", "warning"}
    return method == "Log.entryAdded" and params["entry"]["level"] in {"error", "warning"}


@pytest.mark.parametrize("width", WIDTHS)
def test_report_renders_without_console_errors(seen: dict[int, Any], width: int) -> None:
    """Opening the report logs no error, warning or exception."""
    assert seen[width]["errors"] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_report_fetches_nothing_but_itself(
    seen: dict[int, Any], report_file: Path, width: int
) -> None:
    """The only request is the report file itself: no fonts, scripts or images from anywhere."""
    assert seen[width]["requests"] == [report_file.as_uri()]
    assert seen[width]["scripts"] == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_report_shows_three_labelled_charts(seen: dict[int, Any], width: int) -> None:
    """Status, focus area and per-year charts are visible and each has a title and description."""
    charts = seen[width]["charts"]
    assert [c["title"] for c in charts] == [
        f"Projects in the portfolio by status, {YEAR}",
        f"Projects in the portfolio by focus area, {YEAR}",
        f"Projects in the portfolio per year, 2018-{YEAR}, by status",
    ]
    assert all(c["shown"] and c["desc"] for c in charts)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_has_a_caption_and_column_headers(seen: dict[int, Any], width: int) -> None:
    """Tables are real tables: a caption and <th scope=col> headers."""
    assert seen[width]["tables"] > 40
    assert seen[width]["tablesWithoutHeaders"] == 0


def test_headings_descend_one_level_at_a_time(seen: dict[int, Any]) -> None:
    """One h1, then no heading skips a level."""
    levels = seen[1280]["headings"]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def test_report_has_a_section_per_member_city(seen: dict[int, Any]) -> None:
    """Each member city in the year gets its own section."""
    members = sum(1 for c in validate(REPO / "data").dataset.cities.values() if c.joined <= YEAR)
    assert seen[1280]["cities"] == members


@pytest.mark.parametrize("width", WIDTHS)
def test_page_is_no_wider_than_the_screen(seen: dict[int, Any], width: int) -> None:
    """The page never scrolls sideways, on a phone or a desktop (wide tables scroll inside)."""
    assert seen[width]["width"] == width


def test_printed_report_starts_each_city_on_a_new_page(seen: dict[int, Any]) -> None:
    """The A4 print has at least one page per city section plus the report's first pages."""
    pdf = (ARTIFACTS / f"report-{YEAR}.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))  # \b: not /Pages
    assert pdf.startswith(b"%PDF-")
    assert pages > seen[1280]["cities"]


def test_screenshots_are_saved_for_review(seen: dict[int, Any]) -> None:
    """PNG screenshots at phone and desktop width are in tests/artifacts/."""
    for width in WIDTHS:
        for suffix in ("", "-city"):
            png = ARTIFACTS / f"report-{YEAR}-{width}{suffix}.png"
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
