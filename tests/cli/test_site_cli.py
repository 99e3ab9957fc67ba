"""`ascn site`: every record has its page and JSON, links resolve, the build is deterministic."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import jinja2
import pytest
from ruamel.yaml import YAML

from ascn.models import Dataset
from ascn.report.environment import strict
from ascn.report.provenance import Provenance
from ascn.site import build as site_build
from ascn.site.build import Files, build
from ascn.validate import validate
from tests.conftest import DatasetBuilder
from tests.unit.test_report_escaping import jinjas_own

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "fixtures" / "portal" / "data"
PROVENANCE = Provenance("0123456789abcdef0123456789abcdef01234567", False, "0.0.0-test")
TEMPLATES = REPO / "templates"


class Links(HTMLParser):
    """Collects href and src values of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [v for k, v in attrs if k in ("href", "src", "action") and v]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The portal fixture dataset, validated."""
    result = validate(DATA)
    assert result.problems == []
    return result.dataset


@pytest.fixture(scope="module")
def files(dataset: Dataset) -> Files:
    """The site built from the fixture with a fixed provenance."""
    return build(dataset, [], PROVENANCE, TEMPLATES, TEMPLATES)


def internal_targets(page: str, html: str) -> list[str]:
    """Site paths that a page's links and scripts point to (external URLs left out)."""
    parser = Links()
    parser.feed(html)
    found = []
    for target in parser.targets:
        parts = urlsplit(target)
        if parts.scheme or target.startswith("#"):
            continue
        joined = PurePosixPath(page).parent / parts.path
        found.append(str(PurePosixPath(*_normalised(joined.parts))))
    return found


def _normalised(parts: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part != ".":
            out.append(part)
    return out


def test_every_record_has_a_page_and_json(dataset: Dataset, files: Files) -> None:
    """Each city, project, partner and member state has an HTML page with its JSON beside it."""
    expected = [f"cities/{c}" for c in dataset.cities]
    expected += [f"projects/{p.id}" for _, _, p in dataset.projects()]
    expected += [f"partners/{p}" for p in dataset.partners]
    expected += [f"countries/{c}" for c in dataset.countries]
    missing = [e for e in expected if f"{e}.html" not in files or f"{e}.json" not in files]
    assert missing == []


def test_city_json_mirrors_the_yaml(files: Files) -> None:
    """A city's JSON holds its record and its plan as the YAML files state them."""
    doc = json.loads(files["cities/chiang-mai.json"])
    yaml = YAML(typ="safe", pure=True)
    assert doc["kind"] == "city"
    assert doc["record"] == yaml.load(DATA / "cities" / "chiang-mai.yaml")
    assert doc["plan"] == yaml.load(DATA / "plans" / "chiang-mai.yaml")


def test_every_internal_link_resolves(files: Files) -> None:
    """Every href, src and form action in every page names a file of the site."""
    broken = [
        (page, target)
        for page, data in files.items()
        if page.endswith(".html") and not page.startswith("reports/")
        for target in internal_targets(page, data.decode())
        if target not in files
    ]
    assert broken == []


def test_links_are_relative(files: Files) -> None:
    """No page links to an absolute path: the site works from file:// and a sub-path."""
    absolute = [
        page
        for page, data in files.items()
        if page.endswith(".html") and re.search(rb'(href|src|action)="/', data)
    ]
    assert absolute == []


def test_no_page_loads_anything_from_the_network(files: Files) -> None:
    """No script, stylesheet or image comes from another host."""
    remote = [
        page
        for page, data in files.items()
        if page.endswith(".html") and re.search(rb'(src|<link[^>]*href)="(https?:)?//', data)
    ]
    assert remote == []


def test_city_page_shows_plan_projects_and_partnerships(files: Files) -> None:
    """Chiang Mai's page has its vision, targets, headings, projects with statuses, partner."""
    html = files["cities/chiang-mai.html"].decode()
    for text in (
        "<h1>Chiang Mai</h1>",
        "A liveable heritage city by 2030.",
        "<li>Cut PM2.5 days by half. (by 2025)</li>",
        "<li>Smart Mobility</li>",
        '<a href="../projects/chiang-mai-air.html">Air Quality Sensors</a>',
        "2019: Ongoing (40%)",
        '<a href="../partners/jica.html">Japan International Cooperation Agency</a>',
    ):
        assert text in html, text


def test_unpublished_plan_is_said_plainly(files: Files) -> None:
    """A member without a published plan says so instead of an empty plan section."""
    html = files["cities/siem-reap.html"].decode()
    assert "<p>No published Smart City Action Plan. No published plan.</p>" in html


def test_year_page_sets_published_figures_beside_counts(files: Files) -> None:
    """The 2020 page lists each published figure with the dataset's own count and sources."""
    html = files["years/2020.html"].decode()
    table = html[html.index("<caption>Published figures") : html.index("</table>")]
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", table)
    assert [[re.sub(r"<[^>]+>", "", c) for c in r.split("</td><td>")] for r in rows] == [
        [
            "Projects",
            "",
            "5",
            "2020-06",
            "report",
            "3",
            "Two projects the fixture leaves out.",
            "Test monitoring report 2023",
        ],
        [
            "Projects by status",
            "Ongoing",
            "two",
            "",
            "statement",
            "0",
            "Counted from a speech.",
            "https://example.org/speech",
        ],
        [
            "Share of a focus area",
            "Quality Environment",
            "40",
            "",
            "report",
            "66.67%",
            "A share of a larger portfolio.",
            "Test monitoring report 2023",
        ],
    ]


def test_each_year_has_its_report(files: Files) -> None:
    """Every year of the data has the annual report built by the report core."""
    reports = sorted(p for p in files if p.startswith("reports/"))
    assert reports == [f"reports/ascn-report-{y}.html" for y in range(2018, 2021)]


def test_search_index_lists_every_record(dataset: Dataset, files: Files) -> None:
    """The search index has one entry per city, project and partner, with facets."""
    text = files["assets/search-index.js"].decode()
    entries = json.loads(text.removeprefix("window.ASCN_SEARCH_INDEX = ").removesuffix(";\n"))
    kinds = [e["k"] for e in entries]
    assert kinds.count("City") == len(dataset.cities)
    assert kinds.count("Project") == sum(1 for _ in dataset.projects())
    assert kinds.count("Partner") == len(dataset.partners)
    water = next(e for e in entries if e["u"] == "projects/da-nang-water.html")
    assert (water["c"], water["f"], water["s"]) == (
        ["VN"],
        ["quality-environment"],
        "planning-or-ongoing",
    )


def test_downloads_hold_every_format(files: Files) -> None:
    """downloads/ holds the CSV (with BOM), the Data Package, JSON, SQLite and GeoJSON."""
    assert files["downloads/csv/cities.csv"].startswith(b"\xef\xbb\xbfid,name,")
    for name in ("datapackage/datapackage.json", "ascn.json", "ascn.sqlite", "cities.geojson"):
        assert f"downloads/{name}" in files


def test_the_build_is_deterministic(dataset: Dataset, files: Files) -> None:
    """A second build from the same data gives byte-identical files, search index included."""
    assert build(dataset, [], PROVENANCE, TEMPLATES, TEMPLATES) == files


def test_cli_writes_the_site_and_prints_the_home_page(run_ascn: Any, tmp_path: Path) -> None:
    """`ascn site --out DIR` writes the site and prints DIR/index.html."""
    out = tmp_path / "site"
    result = run_ascn(["site", "--data", str(DATA), "--out", str(out)])
    assert result.exit_code == 0
    assert result.stdout == f"{out / 'index.html'}\n"
    assert (out / "cities" / "da-nang.json").is_file()


def test_cli_stops_on_data_errors(run_ascn: Any, make_dataset: DatasetBuilder) -> None:
    """A dataset with errors exits 1 and writes no site."""
    data = make_dataset(**{"cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: VN\n"})
    result = run_ascn(["site", "--data", str(data), "--out", "site"])
    assert result.exit_code == 1
    assert not Path("site").exists()


def test_cli_reports_a_broken_template(run_ascn: Any, tmp_path: Path) -> None:
    """A site template with a syntax error stops with exit 2 and names the file and line."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "site" / "base.html.j2").write_text(
        "{% block main %}\n{{ oops(\n", encoding="utf-8"
    )
    result = run_ascn(["site", "--data", str(DATA), "--templates", str(templates), "--out", "x"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: site/base.html.j2, line 2:")


def test_hostile_names_are_escaped_everywhere(make_dataset: DatasetBuilder) -> None:
    """A city and a project named like markup stay text in pages, JSON and the search index."""
    hostile = '<script>alert(1)</script> & "x"'
    data = make_dataset(
        **{
            "cities/da-nang.yaml": f"id: da-nang\nname: '{hostile}'\ncountry: VN\njoined: 2018\n",
            "plans/da-nang.yaml": f"""\
                city: da-nang
                projects:
                  - id: da-nang-water
                    title: '{hostile} </script>'
                    focus_area: quality-environment
                    first_listed: 2018
                """,
        }
    )
    result = validate(data)
    files = build(result.dataset, result.problems, PROVENANCE)
    raw = [path for path, content in files.items() if b"<script>alert" in content]
    assert [p for p in raw if not p.endswith((".json", ".js", ".csv", ".sqlite", ".geojson"))] == []
    index = files["assets/search-index.js"].decode()
    assert "</script>" not in index
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;"
        in files["cities/da-nang.html"].decode()
    )


def test_the_shipped_data_builds_a_site_whose_links_resolve() -> None:
    """The real network (every measure of published figure it holds) builds, links resolving."""
    result = validate(REPO / "data")
    built = build(result.dataset, result.problems, PROVENANCE, TEMPLATES, TEMPLATES)
    broken = [
        (page, target)
        for page, content in built.items()
        if page.endswith(".html")
        for target in internal_targets(page, _text(content))
        if target not in built
    ]
    assert broken == []


def _text(content: str | bytes) -> str:
    return content if isinstance(content, str) else content.decode("utf-8")


def test_pages_are_jinjas_own_rendering(
    dataset: Dataset, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site's pages escape through the report's lean escape: the same bytes as Jinja's
    own code generator gives (ascn/report/environment.py)."""

    def plain(loader: jinja2.BaseLoader) -> jinja2.Environment:
        return jinjas_own(strict(loader))

    monkeypatch.setattr(site_build, "strict", plain)
    pages = {name for name in files if name.endswith(".html") and not name.startswith("reports/")}
    assert len(pages) > 20
    jinjas = build(dataset, [], PROVENANCE, TEMPLATES, TEMPLATES)
    assert {name: jinjas[name] for name in pages} == {name: files[name] for name in pages}
