"""The annual report's figures: shares, new members, first-year rules, exhibits, key messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ascn.reference import FocusArea, Status
from ascn.report import charts, contents, environment, exhibits, narrative, reconciled
from ascn.report import render as report
from ascn.report.provenance import Provenance
from ascn.validate import validate

PROVENANCE = Provenance("0" * 40, False, "0.0.0-test", "2024-03-01")


def build(year: int, data: Path = Path("data")) -> contents.Contents:
    """The report contents for `year` from the dataset in `data`."""
    result = validate(data)
    return contents.build(result.dataset, result.problems, year, PROVENANCE)


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40))
def test_largest_remainder_adds_up_to_100(values: list[int]) -> None:
    """Shares of any counts add up to exactly 100 (or are all 0 when there is nothing)."""
    shares = exhibits.largest_remainder(values)
    assert sum(shares) == (100 if sum(values) else 0)
    assert all(
        abs(s - 100 * v / (sum(values) or 1)) < 1 for s, v in zip(shares, values, strict=True)
    )


def test_largest_remainder_gives_the_spare_point_to_the_earliest_tie() -> None:
    """Three equal counts are 34, 33, 33: the tie goes to the first, deterministically."""
    assert exhibits.largest_remainder([1, 1, 1]) == [34, 33, 33]


@pytest.mark.parametrize("table", ["by_focus_area", "by_status", "by_country", "by_city"])
def test_every_share_column_adds_up_to_100(report_fixture: Path, table: str) -> None:
    """The share column of each breakdown in the 2023 report sums to 100%."""
    rows = getattr(build(2023), table)
    assert sum(int(r.share.rstrip("%")) for r in rows) == 100


def test_a_new_member_has_no_previous_value_and_says_new_member(report_fixture: Path) -> None:
    """Harbour City joined in 2023: its 2022 value is none and its change "new member"."""
    row = next(r for r in build(2023).by_city if r.key == "harbour-city")
    assert (row.previous, row.change) == (None, "new member")


def test_no_change_is_shown_against_a_year_without_statuses(report_fixture: Path) -> None:
    """2022 is the first year with statuses: the reported count's change is a dash, not +3."""
    row = next(r for r in build(2022).key_figures if r.key == "reported")
    assert (row.value, row.previous, row.change) == (3, 0, "\u2013")


def test_the_first_year_with_statuses_flags_completions_as_first_reported(
    report_fixture: Path,
) -> None:
    """Only the first year with statuses marks its completions as first reports."""
    assert (build(2022).first_status_year, build(2023).first_status_year) == (True, False)


def test_founding_year_trends_span_one_year(report_fixture: Path) -> None:
    """The founding year's trends cover that year alone: "2018", never "2018-2018"."""
    view = build(2018)
    assert (view.span, [t.year for t in view.trends]) == ("2018", [2018])


def test_status_changes_since_last_year(report_fixture: Path) -> None:
    """Projects reported in 2022 and 2023 with another status are listed with both."""
    changes = [(c.title, c.before, c.after) for c in build(2023).status_changes]
    assert changes == [
        ("Citizen Portal", "Planning", "Planning or ongoing"),
        ("Smart Water Meters", "Ongoing", "Completed"),
    ]


def test_partners_are_split_into_external_and_member_state_agencies(report_fixture: Path) -> None:
    """A partner from an ASEAN member state (SG) is not external; one from Japan is."""
    groups = {g.key: [p.partner for p in g.partnerships] for g in build(2023).partner_groups}
    assert groups == {"external": ["Water Agency"], "member-states": ["Tech Co"]}


def test_status_by_country_ends_with_the_total(report_fixture: Path) -> None:
    """Exhibit 3 has one line per member state with cities, then the total line."""
    rows = [(r.country, r.cities, list(r.counts), r.total) for r in build(2023).by_country_status]
    assert rows == [
        ("Singapore", 1, [0, 0, 1, 0, 0], 1),
        ("Thailand", 1, [1, 0, 0, 0, 1], 2),
        ("Viet Nam", 1, [0, 1, 0, 1, 0], 2),
        ("All member states", 3, [1, 1, 1, 1, 1], 5),
    ]


def test_overview_puts_each_project_under_its_focus_area(report_fixture: Path) -> None:
    """Exhibit 2 gives each city a cell per focus area holding its projects' status shapes."""
    row = next(r for r in build(2023).overview if r.city_id == "hilltown")
    assert [[(m.shapes, m.text) for m in cell.marks] for cell in row.cells] == [
        [],
        [("?", "1 not reported")],
        [],
        [],
        [],
        [("○", "1 planning")],
    ]


def test_key_messages_point_at_their_tables(report_fixture: Path) -> None:
    """Each key message names the table it is read from."""
    messages = build(2023).key_messages
    assert [m.anchor for m in messages] == ["t-trends", "t-key", "t-status", "t-focus", "partners"]
    assert messages[0].text == "The network has 3 member cities in 2023, 1 more than in 2022."


def test_citation_fills_its_placeholders_and_keeps_other_braces(report_fixture: Path) -> None:
    """The citation template from network.yaml gets the year, title, publisher and cut-off."""
    assert build(2023).front.citation == (
        "Test Secretariat, ASEAN Smart Cities Network: annual monitoring report 2023 (2023), "
        "data cut-off 2024-03-01. A {brace} stays as written."
    )


def test_an_unpublished_plan_says_so(make_dataset: object) -> None:
    """A city whose plan is marked unpublished shows "no action plan published"."""
    assert callable(make_dataset)
    data = make_dataset(**{"plans/da-nang.yaml": "city: da-nang\npublished: false\n"})
    text = report.render(build(2019, Path(data)), "md")
    assert "- Action plan: no action plan published\n" in text


def test_narrative_is_rendered_as_escaped_paragraphs(report_fixture: Path, tmp_path: Path) -> None:
    """The Secretariat's file becomes paragraphs; its markup is shown as text."""
    path = tmp_path / "2023.md"
    path.write_text("First <b>bold</b>\nline.\n\nSecond [link](x).\n", encoding="utf-8")
    result = validate(Path("data"))
    words = narrative.paragraphs(path, 2023)
    view = contents.build(result.dataset, result.problems, 2023, PROVENANCE, words)
    assert words == ["First <b>bold</b> line.", "Second [link](x)."]
    assert "<p>First &lt;b&gt;bold&lt;/b&gt; line.</p>" in report.render(view, "html")
    assert "\nSecond \\[link\\](x).\n" in report.render(view, "md")


def test_a_missing_narrative_file_is_an_error(tmp_path: Path) -> None:
    """A narrative file given but unreadable stops the report (exit 2), never half-written."""
    with pytest.raises(narrative.NarrativeUnreadable, match=r"narrative .*nope\.md"):
        narrative.paragraphs(tmp_path / "nope.md", 2023)


def test_markdown_contents_links_reach_headings(report_fixture: Path) -> None:
    """Every link of the Markdown contents list is the GitHub anchor of a heading."""
    text = report.render(build(2023), "md")
    anchors = {environment.slug(h) for h in re.findall(r"^#{1,3} (.+)$", text, re.MULTILINE)}
    targets = re.findall(r"^\d+\. \[[^\]]+\]\(#([^)]+)\)$", text, re.MULTILINE)
    assert len(targets) == 14
    assert set(targets) <= anchors


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("see www.asean.org", "see www&#46;asean.org"),
        ("at https://x.org", "at https&#58;//x.org"),
        ("USD 1.5 e.g. here", "USD 1.5 e.g. here"),
    ],
)
def test_md_filter_keeps_github_from_autolinking(text: str, shown: str) -> None:
    """URLs in data text stay text on GitHub (ascn.escape breaks `www.` and `scheme:`)."""
    assert environment.md(text) == shown


def test_bar_chart_draws_no_zero_bar() -> None:
    """A zero is written as a number, never drawn as a sliver."""
    svg = charts.bar_chart("c", "t", [charts.Bar("a", 0, "#000"), charts.Bar("b", 2, "#000")])
    assert len(re.findall(r"<rect ", svg)) == 1


def test_column_chart_legend_lists_only_drawn_series() -> None:
    """A series that is zero in every column is neither drawn nor in the legend."""
    series = [
        charts.Series("Drawn", "#111", [1, 2]),
        charts.Series("Absent", "#222", [0, 0]),
        charts.Series("Also drawn", "#333", [0, 1]),
    ]
    svg = charts.column_chart("c", "t", ["2020", "2021"], series)
    assert re.findall(r">([A-Za-z ]+)</text>", svg) == ["Drawn", "Also drawn"]
    assert "Absent" not in svg


@dataclass(frozen=True)
class _Comparison:
    """A comparison shaped like ascn.figures.reconcile.Comparison (fixture for the section)."""

    year: int
    measure: str
    status: Status | None
    focus_area: FocusArea | None
    published: float
    as_printed: str | None
    kind: str
    computed: float | None
    difference: float | None
    note: str | None
    sources: tuple[str, ...]


def test_published_figures_sit_beside_the_computed_ones(report_fixture: Path) -> None:
    """Each published figure shows as printed, the data's count and the difference."""
    comparisons = [
        _Comparison(2023, "projects", None, None, 6, "six", "report", 5, -1, None, ("me-2023",)),
        _Comparison(
            2023,
            "projects-by-status",
            Status.COMPLETED,
            None,
            1,
            None,
            "statement",
            None,
            None,
            None,
            (),
        ),
        _Comparison(
            2023,
            "focus-area-share",
            None,
            FocusArea.CIVIC_AND_SOCIAL,
            20,
            None,
            "report",
            20,
            0,
            "rounded",
            ("me-2023",),
        ),
    ]
    view = replace(build(2023), reconciliation=reconciled.lines(comparisons))
    text = report.render(view, "md")
    assert (
        "| Figure | Published in | Published | Data | Difference | Note |\n"
        "| --- | --- | ---: | ---: | ---: | --- |\n"
        "| Projects | official report (me-2023) | six | 5 | -1 |  |\n"
        "| Projects: completed | statement | 1 | \u2013 | \u2013 | not computable from the data |\n"
        "| Share of projects: Civic & Social | official report (me-2023) | 20% | 20% | 0 "
        "| rounded |\n"
    ) in text


def test_without_published_figures_the_section_says_so(report_fixture: Path) -> None:
    """A year with no published figure recorded says so instead of an empty table."""
    text = report.render(build(2023), "md")
    assert "The dataset records no figure that ASEAN published for 2023.\n" in text
