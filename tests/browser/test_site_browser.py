"""The portal in headless Chromium, opened from disk: links, search, map, phone width, axe, offline.

Skipped when Chromium (or axe-core, for the accessibility test) is missing, unless
ASCN_REQUIRE_BROWSER=1 (as .ci/run sets), then it fails. `make axe` installs axe-core from
npm into .venv/npm. Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from ascn.models import Dataset
from ascn.output import write_files
from ascn.report.provenance import Provenance
from ascn.site.build import build
from ascn.validate import validate
from tests.browser.chromium import Chromium, find_chromium

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "fixtures" / "portal" / "data"
ARTIFACTS = REPO / "tests" / "artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PROVENANCE = Provenance("0123456789abcdef0123456789abcdef01234567", False, "0.0.0-test")
PHONE, DESKTOP = 390, 1280
# Pages a person looks at first, and the search the screenshots show.
SHOWN = {
    "home": "index.html",
    "city": "cities/chiang-mai.html",
    "project": "projects/chiang-mai-air.html",
    "search": "search.html?q=smart",
}
LINKS = """[...document.querySelectorAll('[href], [src], form[action]')]
  .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
  .map(a => new URL(a, document.baseURI).href)"""
RESULTS = "[...document.querySelectorAll('#results a')].map(a => [a.textContent, a.href])"


def required(what: str) -> None:
    """Skip for a missing tool, or fail when ASCN_REQUIRE_BROWSER=1."""
    if os.environ.get("ASCN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ASCN_REQUIRE_BROWSER=1 but {what} is missing")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The portal fixture: Thai, Vietnamese and Khmer names, a city without a location."""
    return validate(DATA).dataset


@pytest.fixture(scope="module")
def site(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the fixture, written to a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    write_files(out, build(dataset, [], PROVENANCE))
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    """One headless Chromium with a fresh profile, recording every request."""
    path = find_chromium()
    if path is None:
        required("Chromium (apt-get install chromium)")
    assert path is not None
    chromium = Chromium(path, tmp_path_factory.mktemp("profile"))
    for domain in ("Runtime", "Network"):
        chromium.page(f"{domain}.enable")
    yield chromium
    chromium.close()


def url(site: Path, page: str) -> str:
    """The file:// URL of a page of the site, with its query if any."""
    path, _, query = page.partition("?")
    return (site / path).as_uri() + (f"?{query}" if query else "")


@pytest.fixture(scope="module")
def crawl(browser: Chromium, site: Path) -> dict[str, Any]:
    """Every page opened at phone width: its links, its width, and every request made."""
    browser.events.clear()
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    facts: dict[str, Any] = {"links": {}, "widths": {}}
    for page in pages:
        browser.open(url(site, page), PHONE)
        facts["links"][page] = browser.evaluate(LINKS)
        facts["widths"][page] = browser.evaluate("document.documentElement.scrollWidth")
    facts["requests"] = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    return facts


def search(browser: Chromium, site: Path, query: str) -> list[list[str]]:
    """The result titles and links the search page shows for a query string."""
    browser.open(url(site, f"search.html?{query}"), DESKTOP)
    return [[title, href] for title, href in browser.evaluate(RESULTS)]


def axe_violations(browser: Chromium) -> list[Any]:
    """axe-core's violations on the open page: rule id and the elements it names."""
    browser.evaluate(AXE.read_text(encoding="utf-8"))
    done = browser.page(
        "Runtime.evaluate",
        {
            "expression": "axe.run(document).then(r => JSON.stringify(r.violations.map("
            "v => [v.id, v.nodes.map(n => n.target.join(' '))])))",
            "awaitPromise": True,
            "returnByValue": True,
        },
    )
    return list(json.loads(done["result"]["value"]))


def test_every_internal_link_resolves(crawl: dict[str, Any]) -> None:
    """Every link, stylesheet, script and form target in every page is a file of the site."""
    broken = [
        (page, link)
        for page, found in crawl["links"].items()
        for link in found
        if link.startswith("file:") and not Path(unquote(urlsplit(link).path)).is_file()
    ]
    assert broken == []


def test_no_request_leaves_the_folder(crawl: dict[str, Any]) -> None:
    """Opening every page requests only file:// URLs: nothing from the network."""
    assert crawl["requests"]
    assert [u for u in crawl["requests"] if not u.startswith("file://")] == []


def test_no_page_scrolls_sideways_on_a_phone(crawl: dict[str, Any]) -> None:
    """At 390 px no portal page is wider than the screen (wide tables scroll inside)."""
    wide = {p: w for p, w in crawl["widths"].items() if w > PHONE and not p.startswith("reports/")}
    assert wide == {}


def test_search_finds_a_city_by_name(browser: Chromium, site: Path) -> None:
    """Searching 'chiang' lists Chiang Mai first."""
    assert search(browser, site, "q=chiang")[0] == [
        "Chiang Mai",
        url(site, "cities/chiang-mai.html"),
    ]


def test_search_finds_a_project_by_a_title_word(browser: Chromium, site: Path) -> None:
    """Searching 'sensors' finds the project 'Air Quality Sensors'."""
    assert [t for t, _ in search(browser, site, "q=sensors")] == ["Air Quality Sensors"]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("q=Da+Nang", "Đà Nẵng"),  # Vietnamese typed without its accents
        ("q=n%C6%B0%E1%BB%9Bc", "Hệ thống cấp nước thông minh"),  # "nước", a Vietnamese word
        ("q=%E0%B9%80%E0%B8%8A%E0%B8%B5%E0%B8%A2%E0%B8%87", "Chiang Mai"),  # Thai "เชียง"
        ("q=%E1%9E%9F%E1%9F%80%E1%9E%98", "សៀមរាប Siem Reap"),  # Khmer "សៀម", part of a word
    ],
)
def test_search_handles_asian_scripts(
    browser: Chromium, site: Path, query: str, title: str
) -> None:
    """Vietnamese with or without accents, and Thai and Khmer words inside names, are found."""
    assert search(browser, site, query)[0][0] == title


def test_search_filters_by_country_focus_area_and_status(browser: Chromium, site: Path) -> None:
    """Filters alone list what matches them: Viet Nam's records, completed projects."""
    in_vn = [t for t, _ in search(browser, site, "country=VN")]
    assert in_vn == ["Đà Nẵng", "Hệ thống cấp nước thông minh", "UN-Habitat", "Viet Nam"]
    done = [t for t, _ in search(browser, site, "status=completed&area=quality-environment")]
    assert done == ["Air Quality Sensors"]


def test_map_shows_every_member_city_with_a_location(
    browser: Chromium, site: Path, dataset: Dataset
) -> None:
    """The home page's map has a visible, linked point for each member city with a location."""
    browser.open(url(site, "index.html"), DESKTOP)
    points = browser.evaluate(
        """[...document.querySelectorAll('svg.ascn-map circle.map-city')].map(c => [
          c.dataset.id, c.closest('a').getAttribute('href'),
          c.getBoundingClientRect().width > 0])"""
    )
    located = sorted(c for c, city in dataset.cities.items() if city.location)
    assert points == [[c, f"cities/{c}.html", True] for c in located]
    unlocated = browser.evaluate("document.querySelector('.map + p').textContent")
    assert unlocated == "Not on the map (no location recorded): Sentosa."


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", sorted(SHOWN))
def test_axe_finds_no_violation(browser: Chromium, site: Path, name: str, width: int) -> None:
    """axe-core reports no accessibility violation on the main page kinds; screenshots saved."""
    if not AXE.is_file():
        required("axe-core (make axe)")
    browser.open(url(site, SHOWN[name]), width)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(ARTIFACTS / f"site-{name}-{width}.png", max_height=3000)
    assert axe_violations(browser) == []


@pytest.mark.parametrize("page", ["partners/jica.html", "countries/th.html", "years/2020.html"])
def test_axe_on_other_page_kinds(browser: Chromium, site: Path, page: str) -> None:
    """Partner, member state and year pages are axe-clean too."""
    if not AXE.is_file():
        required("axe-core (make axe)")
    browser.open(url(site, page), PHONE)
    assert axe_violations(browser) == []
