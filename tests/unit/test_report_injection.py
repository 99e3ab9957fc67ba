"""HTML and Markdown injection: hostile text in every field a report shows renders as text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ascn.report import contents, environment
from ascn.report import render as report
from ascn.report.provenance import Provenance
from ascn.validate import validate
from tests.conftest import DatasetBuilder

PROVENANCE = Provenance("0123456789abcdef0123456789abcdef01234567", False, "0.0.0-test")
YEAR = 2022
CORPUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)' x='",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "![pixel](https://evil.example/p.png)",
    "javascript:alert(1)",
    "</td></tr></table><h1>owned</h1>",
    "<style>body{display:none}</style>",
    "<!-- hidden --> <iframe src=//evil.example>",
    "| injected | cells |",
    "# Heading injected",
    "text\n## Heading after a line break\n| a | b |",
    "---",
    "`code` **bold** _em_ ~~gone~~ \\ backslash",
    "&lt;already escaped&gt; &amp; &#60;script&#62;",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "\u202eevil right-to-left",
]


def dataset(make_dataset: DatasetBuilder, text: str) -> Path:
    """The minimal dataset with `text` in every free-text field that reaches the report."""
    value = json.dumps(text)  # a YAML double-quoted scalar
    return make_dataset(
        **{
            "network.yaml": f"""\
                name: {value}
                founded: 2018
                years:
                  - year: {YEAR}
                    chair: SG
                    annual_meeting: {{date: {YEAR}-08-01, place: {value}, mode: online}}
                    notes: {value}
                """,
            "cities/da-nang.yaml": f"id: da-nang\nname: {value}\ncountry: VN\njoined: {YEAR}\n",
            "plans/da-nang.yaml": f"""\
                city: da-nang
                vision: {{text: {value}}}
                strategic_targets: [{{text: {value}}}]
                projects:
                  - id: da-nang-water
                    title: {value}
                    focus_area: quality-environment
                    first_listed: {YEAR}
                    updates: [{{year: {YEAR}, status: completed}}]
                """,
            "partners/jica.yaml": f"""\
                id: jica
                name: {value}
                kind: government
                country: JP
                partnerships:
                  - id: da-nang-jica
                    city: da-nang
                    topic: {value}
                    projects: [da-nang-water]
                    since: {YEAR}
                """,
        }
    )


def render(data: Path, fmt: str) -> str:
    """The report for YEAR in `fmt`."""
    result = validate(data, current_year=2026)
    assert [p for p in result.problems if p.severity == "error"] == []
    return report.render(contents.build(result.dataset, result.problems, YEAR, PROVENANCE), fmt)


class Elements(HTMLParser):
    """Every start tag with its attributes, and all text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the tag."""
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        """Keep the text."""
        self.text.append(data)


def parse(html: str) -> Elements:
    """The parsed document."""
    parser = Elements()
    parser.feed(html)
    return parser


def words(text: str) -> str:
    """Whitespace runs made one space."""
    return " ".join(text.split())


@pytest.fixture
def clean(make_dataset: DatasetBuilder, tmp_path: Path) -> dict[str, str]:
    """The same report with harmless text, to compare structure with."""
    data = dataset(make_dataset, "Plain text")
    return {fmt: render(data, fmt) for fmt in ("md", "html")}


@pytest.mark.parametrize("text", CORPUS)
def test_html_shows_hostile_text_as_text(
    make_dataset: DatasetBuilder, clean: dict[str, str], text: str
) -> None:
    """No new element, no event attribute, no javascript: URL; the text is there as text."""
    hostile, baseline = parse(render(dataset(make_dataset, text), "html")), parse(clean["html"])
    assert {tag for tag, _ in hostile.tags} <= {tag for tag, _ in baseline.tags}
    assert len(hostile.tags) == len(baseline.tags)
    attributes = [(name, value or "") for _, attrs in hostile.tags for name, value in attrs]
    assert [name for name, _ in attributes if name.startswith("on")] == []
    assert [v for _, v in attributes if v.strip().lower().startswith("javascript:")] == []
    assert words(text) in words(" ".join(hostile.text))


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def table_shapes(markdown: str) -> list[int]:
    """The number of unescaped pipes on each table line, in order."""
    return [len(_UNESCAPED_PIPE.findall(line)) for line in markdown.splitlines() if line[:1] == "|"]


@pytest.mark.parametrize("text", CORPUS)
def test_markdown_shows_hostile_text_as_text(
    make_dataset: DatasetBuilder, clean: dict[str, str], text: str
) -> None:
    """Tables keep their columns, no heading or HTML element appears, links stay text."""
    hostile = render(dataset(make_dataset, text), "md")
    assert table_shapes(hostile) == table_shapes(clean["md"])
    headings = [line for line in hostile.splitlines() if line.startswith("#")]
    assert len(headings) == len([line for line in clean["md"].splitlines() if line[:1] == "#"])
    tags = set(re.findall(r"<(/?[A-Za-z!][\w-]*)", hostile))
    # <br> is how a table cell keeps a line break of the data; nothing else may appear.
    assert tags <= {"br", *re.findall(r"<(/?[A-Za-z!][\w-]*)", clean["md"])}
    links = re.compile(r"(?<!\\)\]\(")  # the template's own links only: none from the data
    assert len(links.findall(hostile)) == len(links.findall(clean["md"]))
    assert "](javascript:" not in hostile.replace("\\]", "")
    assert hostile.count("\n---\n") == clean["md"].count("\n---\n")


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("# Heading", "\\# Heading"),
        ("---", "\\---"),
        ("= underline", "\\= underline"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("-1 degrees", "-1 degrees"),
        ("0.0.0-test", "0.0.0-test"),
        ("2018 plan", "2018 plan"),
    ],
)
def test_md_escapes_block_markers_at_the_start(value: str, escaped: str) -> None:
    """A value that starts a line cannot become a heading, a rule or a list."""
    assert environment.md(value) == escaped
