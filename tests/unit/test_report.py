"""Rendering the annual report: golden files, escaping, templates, no-status years."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from markupsafe import escape

from ascn.escape import markdown_cell
from ascn.figures.progress import BUCKET_SHORT
from ascn.problems import TemplateNotFound
from ascn.report import contents, environment
from ascn.report import render as report
from ascn.report.environment import Templates
from ascn.report.provenance import Provenance
from ascn.validate import validate

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
PROVENANCE = Provenance("0123456789abcdef0123456789abcdef01234567", False, "0.0.0-test")
HOSTILE = 'Bad <script>alert("x")</script> & Co | part\nsecond line'


def build(data: Path, year: int) -> contents.Contents:
    """The report contents for `year` from the dataset in `data`, with a fixed provenance."""
    result = validate(data)
    return contents.build(result.dataset, result.problems, year, PROVENANCE)


def hostile_dataset(make_dataset: object) -> Path:
    """The minimal dataset with a project title full of HTML and Markdown syntax."""
    title = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    assert callable(make_dataset)
    return Path(
        make_dataset(
            **{
                "plans/da-nang.yaml": f"""\
                city: da-nang
                projects:
                  - id: da-nang-water
                    title: "{title}"
                    focus_area: quality-environment
                    first_listed: 2018
                    updates:
                      - year: 2022
                        status: ongoing
                """
            }
        )
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_matches_the_golden_file(
    report_fixture: Path, update_golden: bool, fmt: str
) -> None:
    """The small fixture dataset's 2023 report is exactly the reviewed golden file."""
    text = report.render(build(Path("data"), 2023), fmt)
    golden = GOLDEN / f"report.{fmt}"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_markdown_escapes_a_hostile_title(make_dataset: object) -> None:
    """A title with <script>, &, | and a newline becomes one harmless table cell."""
    text = report.render(build(hostile_dataset(make_dataset), 2022), "md")
    row = next(line for line in text.splitlines() if line.startswith("| Bad"))
    assert row == (
        '| Bad &lt;script&gt;alert("x")&lt;/script&gt; & Co \\| part<br>second line '
        "| Quality Environment | \u25b2 Ongoing | 2022 Ongoing |"
    )


def test_html_escapes_a_hostile_title(make_dataset: object) -> None:
    """In HTML the title is text: no script element, & and quotes escaped."""
    text = report.render(build(hostile_dataset(make_dataset), 2022), "html")
    assert "<script" not in text
    assert (
        "Bad &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co | part\nsecond line" in text
    )


def test_html_report_loads_nothing_and_runs_no_script(report_fixture: Path) -> None:
    """The HTML has no script, no external reference, and a CSP that forbids fetching."""
    text = report.render(build(Path("data"), 2023), "html")
    assert re.findall(r"<(?:script|link|img|iframe|object)\b", text) == []
    assert re.findall(r"(?:src|srcset)=|url\(|@import", text) == []
    assert "default-src 'none'" in text


def test_html_report_has_five_charts_with_text_alternatives(report_fixture: Path) -> None:
    """Focus area, status and three trend charts are inline SVG with a title and description."""
    text = report.render(build(Path("data"), 2023), "html")
    labels = re.findall(r'<svg [^>]*aria-labelledby="([^"]+)"', text)
    assert labels == [
        f"chart-{name}-title chart-{name}-desc"
        for name in ("focus-area", "status", "members", "partnerships", "series")
    ]


def test_year_without_statuses_says_so(report_fixture: Path) -> None:
    """A year with no status update states it plainly instead of showing zero statuses."""
    text = report.render(build(Path("data"), 2021), "md")
    assert (
        "> **No project statuses for 2021.** The dataset has no status update for any project "
        "in 2021. The figures below count what the plans list (2 projects), not how far the "
        "projects have got; each project's last known status is shown where there is one.\n"
    ) in text
    assert "| Projects completed in 2021 | \u2013 | \u2013 | \u2013 |\n" in text


def test_year_without_statuses_has_no_status_chart(report_fixture: Path) -> None:
    """Without statuses the HTML shows no status chart, only focus areas and the trends."""
    text = report.render(build(Path("data"), 2021), "html")
    assert re.findall(r'aria-labelledby="(chart-[a-z-]+)-title', text) == [
        "chart-focus-area",
        "chart-members",
        "chart-partnerships",
        "chart-series",
    ]


def test_founding_year_has_nothing_to_compare_with(report_fixture: Path) -> None:
    """In the founding year there is no column for the year before, and the report says why."""
    text = report.render(build(Path("data"), 2018), "md")
    assert "| Figure | 2018 |\n| --- | ---: |\n| Member cities | 2 |\n" in text
    assert "There is no earlier year to compare with: the network was founded in 2018.\n" in text
    assert "2017" not in text


def test_rendering_twice_gives_identical_text(report_fixture: Path) -> None:
    """The same contents render to the same bytes."""
    view = build(Path("data"), 2023)
    assert report.render(view, "html") == report.render(view, "html")


def test_the_package_reads_the_one_copy_of_the_templates() -> None:
    """ascn/templates is the repository's templates/ folder itself, not a second copy to keep."""
    assert (REPO / "ascn" / "templates").resolve() == (REPO / "templates").resolve()


def test_the_wheel_ships_the_templates_and_no_benchmarks(tmp_path: Path) -> None:
    """An installed ascn gets templates/ byte for byte, and the benchmarks stay out of it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("ascn-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        shipped = {n: archive.read(n) for n in names if n.startswith("ascn/templates/")}
    expected = {
        f"ascn/templates/{p.relative_to(REPO / 'templates').as_posix()}": p.read_bytes()
        for p in sorted((REPO / "templates").rglob("*.j2"))
    }
    assert shipped == expected
    assert [n for n in names if n.startswith("benchmarks/")] == []


def test_missing_template_raises_template_not_found(report_fixture: Path, tmp_path: Path) -> None:
    """A templates folder without the report template is a TemplateNotFound error."""
    with pytest.raises(TemplateNotFound, match=f"template report.md.j2 not found in {tmp_path}"):
        report.render(build(Path("data"), 2023), "md", Templates(tmp_path))


def test_template_syntax_error_raises_template_invalid(
    report_fixture: Path, tmp_path: Path
) -> None:
    """A broken template names the file and line."""
    (tmp_path / "report.md.j2").write_text("# {{ r.year }\n", encoding="utf-8")
    with pytest.raises(report.TemplateInvalid, match=r"report.md.j2 in .*, line 1: "):
        report.render(build(Path("data"), 2023), "md", Templates(tmp_path))


def test_unknown_value_in_template_raises_template_invalid(
    report_fixture: Path, tmp_path: Path
) -> None:
    """Templates are strict: a misspelt value is an error, not an empty string."""
    (tmp_path / "report.md.j2").write_text("{{ r.yeer }}\n", encoding="utf-8")
    with pytest.raises(report.TemplateInvalid, match="has no attribute 'yeer'"):
        report.render(build(Path("data"), 2023), "md", Templates(tmp_path))


def test_html_templates_are_autoescaped(report_fixture: Path, tmp_path: Path) -> None:
    """Values in an .html.j2 template are escaped without a filter."""
    (tmp_path / "report.html.j2").write_text("{{ '<b>' }}{{ r.year }}", encoding="utf-8")
    assert report.render(build(Path("data"), 2023), "html", Templates(tmp_path)) == "&lt;b&gt;2023"


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("R&D", "R&D"),
        ("&amp;", "&amp;amp;"),
        ("*x* _y_ `z` [l]", "\\*x\\* \\_y\\_ \\`z\\` \\[l\\]"),
        ("one\n two", "one two"),
    ],
)
def test_md_filter_escapes_markdown_and_html(value: str, escaped: str) -> None:
    """The md filter neutralises HTML, entities and Markdown syntax in inline text."""
    assert environment.md(value) == escaped


def test_cell_filter_keeps_line_breaks() -> None:
    """In a table cell a newline becomes <br> so the row stays one line."""
    assert environment.cell("one\ntwo | three") == "one<br>two \\| three"


def test_mdurl_encodes_characters_an_autolink_cannot_hold() -> None:
    """Spaces and angle brackets in a URL are percent-encoded."""
    assert environment.mdurl("https://x.org/a b<c>") == "https://x.org/a%20b%3Cc%3E"


def test_templates_default_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --templates, ./templates is used when it exists, else the packaged ones (None)."""
    monkeypatch.chdir(tmp_path)
    assert environment.resolve_templates(None) is None
    (tmp_path / "templates").mkdir()
    assert environment.resolve_templates(None) == Path("templates")
    assert environment.resolve_templates(Path("x")) == Path("x")


def test_pipeline_annex_appears_with_investment_records() -> None:
    """A dataset with investment records gets the pipeline annex, listed in the contents."""
    view = build(REPO / "tests" / "fixtures" / "match" / "data", 2025)
    markdown, html = report.render(view, "md"), report.render(view, "html")
    assert "\n## Investment pipeline\n" in markdown
    assert "(#investment-pipeline)" in markdown
    assert '<section id="pipeline" aria-labelledby="pipeline-h">' in html
    assert '<li><a href="#pipeline">Annex: investment pipeline</a></li>' in html


def test_no_pipeline_annex_without_investment_records(report_fixture: Path) -> None:
    """Without investment records the report has neither the annex nor its contents entry."""
    view = build(Path("data"), 2023)
    markdown, html = report.render(view, "md"), report.render(view, "html")
    assert ("Investment pipeline" in markdown, 'id="pipeline"' in html) == (False, False)


def test_status_history_labels_need_no_escaping() -> None:
    """A history is escaped as one joined text: its labels pass both escapers unchanged."""
    for label in BUCKET_SHORT.values():
        text = f"2023 {label} · 2024 {label}"
        assert markdown_cell(text) == text
        assert str(escape(text)) == text


def test_dash_filter_marks_unknown_figures() -> None:
    """An unknown figure (None) is an en dash; zero and text stay as they are."""
    assert environment.dash(None) == "\u2013"
    assert environment.dash(0) == 0
    assert environment.dash("12%") == "12%"


BLANK_LINE_TEXTS = [
    "a\n\n\n\nb\n\n\nc\n",
    "\n\n\n\nstart",
    "end\n\n\n\n",
    "\n\n\n",
    "x\n\ny\n\n\n\n\n\n\n\nz",
    "no newline at all",
    "",
]


@pytest.mark.parametrize("text", BLANK_LINE_TEXTS)
@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_blank_lines_made_one_in_pieces_as_in_the_whole(text: str, size: int) -> None:
    """Runs of blank lines split across pieces anywhere are made one, as in the joined text."""
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    whole = re.sub(r"\n\n\n+", "\n\n", text)
    assert "".join(report._single_blank_lines(pieces)) == whole


def test_pieces_join_into_the_report(
    report_fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendered a few outputs at a time, many of them empty, the pieces are the whole text."""
    (tmp_path / "report.md.j2").write_text(
        '{% for i in range(40) %}{{ "" }}{% endfor %}a\n\n\n\n{{ r.year }}\n\n\n', "utf-8"
    )
    monkeypatch.setattr(report, "PIECE", 3)
    pieces = list(report.render_pieces(build(Path("data"), 2023), "md", Templates(tmp_path)))
    assert "".join(pieces) == "a\n\n2023\n\n"
    assert len(pieces) > 1  # not one whole text


def test_a_template_error_midway_is_raised_while_the_pieces_are_taken(
    report_fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unknown value after some output: TemplateInvalid, after the first pieces came."""
    (tmp_path / "report.md.j2").write_text("{{ r.year }}\n{{ r.yeer }}\n", encoding="utf-8")
    monkeypatch.setattr(report, "PIECE", 1)
    pieces = report.render_pieces(build(Path("data"), 2023), "md", Templates(tmp_path))
    assert next(pieces) == "2023"
    with pytest.raises(report.TemplateInvalid, match="has no attribute 'yeer'"):
        list(pieces)
