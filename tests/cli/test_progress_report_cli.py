"""`ascn progress` and `ascn report` from the command line: output, files and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from tests.conftest import DatasetBuilder

DASH = "\u2013"
ZERO_KINDS = dict.fromkeys(
    [
        "academia",
        "government",
        "industry-body",
        "multilateral-financial-institution",
        "ngo",
        "private-sector",
        "un-agency",
    ],
    0,
)
ZERO_AREAS = dict.fromkeys(
    [
        "built-infrastructure",
        "civic-and-social",
        "health-and-well-being",
        "industry-and-innovation",
        "quality-environment",
        "safety-and-security",
    ],
    0,
)
ZERO_STATUSES = dict.fromkeys(
    ["completed", "not-reported", "ongoing", "planning", "planning-or-ongoing"], 0
)


def run(args: list[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of an in-process CLI run."""
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def minimal_figures(year: int, status: str) -> dict[str, Any]:
    """The figures of the minimal dataset (one city, project and partnership) in `year`."""
    return {
        "year": year,
        "cities": 1,
        "new_cities": 0,
        "projects": {
            "total": 1,
            "reported": int(status != "not-reported"),
            "new": 0,
            "completed": 0,
            "removed": 0,
            "by_status": {**ZERO_STATUSES, status: 1},
            "by_focus_area": {**ZERO_AREAS, "quality-environment": 1},
            "by_country": {"VN": 1},
            "by_city": {"da-nang": 1},
        },
        "partnerships": {
            "total": 1,
            "new": 0,
            "undated": 0,
            "by_partner_kind": {**ZERO_KINDS, "government": 1},
            "by_partner_country": {"JP": 1},
        },
    }


def test_progress_json_is_the_contract_document(make_dataset: DatasetBuilder) -> None:
    """--format json prints the year's figures and the year before's, keys sorted, version 1."""
    make_dataset()
    code, out, _ = run(["progress", "--format", "json"])
    expected = {
        "version": 1,
        **minimal_figures(2022, "ongoing"),
        "previous": minimal_figures(2021, "not-reported"),
        "published": [],
    }
    assert code == 0
    assert out == json.dumps(expected, indent=2, sort_keys=True) + "\n"


PUBLISHED_NETWORK = """\
name: ASEAN Smart Cities Network
founded: 2018
years:
  - year: 2018
    chair: SG
published_figures:
  - year: 2022
    as_of: 2022-09-21
    measure: projects
    value: 2
    as_printed: two projects
    kind: report
    note: One project is named in no public list.
    sources:
      - me-2024
  - year: 2022
    measure: focus-area-share
    focus_area: quality-environment
    value: 100
    kind: statement
    sources:
      - https://example.org/speech
  - year: 2021
    measure: projects
    value: 9
    kind: statement
    sources:
      - me-2024
"""


def test_progress_json_adds_the_published_figures_of_the_year(
    make_dataset: DatasetBuilder,
) -> None:
    """The added key `published` lists the year's figures beside the computed values, exactly."""
    make_dataset({"network.yaml": PUBLISHED_NETWORK})
    code, out, _ = run(["progress", "--format", "json"])
    document = json.loads(out)
    assert code == 0
    assert document["published"] == [
        {
            "measure": "projects",
            "status": None,
            "focus_area": None,
            "kind": "report",
            "as_of": "2022-09-21",
            "published": 2,
            "as_printed": "two projects",
            "computed": 1,
            "difference": -1,
            "agrees": False,
            "note": "One project is named in no public list.",
            "sources": ["me-2024"],
        },
        {
            "measure": "focus-area-share",
            "status": None,
            "focus_area": "quality-environment",
            "kind": "statement",
            "as_of": None,
            "published": 100,
            "as_printed": None,
            "computed": 100,
            "difference": 0,
            "agrees": True,
            "note": None,
            "sources": ["https://example.org/speech"],
        },
    ]
    assert set(document) - {"published"} == {
        "version", "year", "cities", "new_cities", "projects", "partnerships", "previous"
    }  # fmt: skip


def test_progress_text_shows_tables_with_changes(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text format prints the key figures and the chosen breakdown with shares and changes."""
    monkeypatch.setenv("COLUMNS", "100")
    make_dataset()
    code, out, _ = run(["progress", "--year", "2022", "--by", "country"])
    assert code == 0
    assert out == (
        "ASEAN Smart Cities Network, 2022\n"
        "Figure                                    2022   2021   change\n" + "\u2500" * 62 + "\n"
        "Member cities                                1      1        0\n"
        "Cities that joined in 2022                   0      0        0\n"
        "Projects in the portfolio                    1      1        0\n"
        f"Projects with a status for 2022              1      0        {DASH}\n"
        "Projects first listed in 2022                0      0        0\n"
        f"Projects completed in 2022                   0      {DASH}        {DASH}\n"
        "Projects removed from the plans in 2022      0      0        0\n"
        "Active partnerships                          1      1        0\n"
        "Partnerships begun in 2022                   0      0        0\n"
        "\n"
        "Projects in the portfolio by country, 2022\n"
        "Country    2022   share   2021   change\n" + "\u2500" * 39 + "\n"
        "Viet Nam      1    100%      1        0\n"
        "\n"
        "No project has a status for 2021: all count as not reported, and completions are "
        f"not known ({DASH}).\n"
    )


def test_progress_year_before_the_network_exits_2(make_dataset: DatasetBuilder) -> None:
    """A year before the founding is a clear error with exit code 2, not an empty table."""
    make_dataset()
    code, out, err = run(["progress", "--year", "2017"])
    assert (code, out) == (2, "")
    assert err == (
        "error: no figures for 2017: the data covers 2018 (the network's founding) to 2022 "
        "(the latest year in the data)\n"
    )


def test_progress_year_after_the_data_exits_2(make_dataset: DatasetBuilder) -> None:
    """A year after the last data year is an error with exit code 2."""
    make_dataset()
    code, _, err = run(["progress", "--year", "2023"])
    assert code == 2
    assert err.startswith("error: no figures for 2023:")


def test_progress_refuses_data_with_errors(make_dataset: DatasetBuilder) -> None:
    """Figures are not computed from a dataset with errors: the errors are listed, exit 1."""
    make_dataset(**{"cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: VN\n"})
    code, out, err = run(["progress"])
    assert (code, out) == (1, "")
    assert err.endswith(
        "error: the dataset has errors (listed above): fix them first, figures from it would be "
        "wrong\n"
    )


def test_report_writes_both_files_and_prints_their_paths(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """`ascn report` writes Markdown and HTML into --out and prints one path per line."""
    make_dataset()
    code, out, _ = run(["report", "--year", "2022", "--out", "out"])
    assert (code, out) == (0, "out/ascn-report-2022.html\nout/ascn-report-2022.md\n")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "ascn-report-2022.html",
        "ascn-report-2022.md",
    ]


def test_report_format_md_writes_only_markdown(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """--format md writes just the Markdown report."""
    make_dataset()
    code, out, _ = run(["report", "--year", "2022", "--format", "md", "--out", "out"])
    assert (code, out) == (0, "out/ascn-report-2022.md\n")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ascn-report-2022.md"]


def test_report_format_pdf_writes_only_the_pdf(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """--format pdf writes just the A4 PDF."""
    make_dataset()
    code, out, _ = run(["report", "--year", "2022", "--format", "pdf", "--out", "out"])
    assert (code, out) == (0, "out/ascn-report-2022.pdf\n")
    assert (tmp_path / "out" / "ascn-report-2022.pdf").read_bytes().startswith(b"%PDF-1.7\n")


def test_report_with_an_unreadable_narrative_exits_2_and_writes_nothing(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """A --narrative file that cannot be read stops the report before any file is written."""
    make_dataset()
    code, _, err = run(["report", "--year", "2022", "--narrative", "none.md", "--out", "out"])
    assert code == 2
    assert err.startswith("error: narrative none.md: ")
    assert not (tmp_path / "out").exists()


def test_report_into_a_file_exits_2_and_writes_nothing(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """An --out that cannot be a folder is OutputNotWritable: exit 2, nothing written."""
    make_dataset()
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    code, out, err = run(["report", "--year", "2022", "--out", "taken/reports"])
    assert (code, out) == (2, "")
    assert err == "error: cannot write to taken/reports: Not a directory\n"
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "a file"


def test_broken_template_keeps_the_previous_reports(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """When one format fails to render, no report is written: old files stay as they were."""
    make_dataset()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "ascn-report-2022.md").write_text("good", encoding="utf-8")
    templates = tmp_path / "broken"
    templates.mkdir()
    (templates / "report.md.j2").write_text("new {{ r.year }}\n", encoding="utf-8")
    (templates / "report.html.j2").write_text("{% if %}", encoding="utf-8")
    code, _, err = run(["report", "--year", "2022", "--out", "out", "--templates", "broken"])
    assert code == 2
    assert err.startswith("error: report.html.j2 in broken, line 1:")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ascn-report-2022.md"]
    assert (tmp_path / "out" / "ascn-report-2022.md").read_text(encoding="utf-8") == "good"


def test_report_uses_templates_from_the_working_directory(
    make_dataset: DatasetBuilder, tmp_path: Path
) -> None:
    """Without --templates, ./templates is used when it exists."""
    make_dataset()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "report.md.j2").write_text("custom {{ r.year }}\n", "utf-8")
    code, _, _ = run(["report", "--year", "2022", "--format", "md", "--out", "out"])
    assert code == 0
    assert (tmp_path / "out" / "ascn-report-2022.md").read_text("utf-8") == "custom 2022\n"


def test_report_missing_template_exits_2(make_dataset: DatasetBuilder, tmp_path: Path) -> None:
    """A --templates folder without the templates is TemplateNotFound: exit 2."""
    make_dataset()
    (tmp_path / "empty").mkdir()
    code, _, err = run(["report", "--year", "2022", "--templates", "empty"])
    assert code == 2
    assert err == "error: template report.md.j2 not found in empty\n"


def test_report_year_out_of_range_exits_2(make_dataset: DatasetBuilder, tmp_path: Path) -> None:
    """A report for a year the data does not cover is refused with exit code 2."""
    make_dataset()
    code, _, err = run(["report", "--year", "2030", "--out", "out"])
    assert code == 2
    assert err.startswith("error: no figures for 2030:")
    assert not (tmp_path / "out").exists()


def _report_bytes(out: Path, seed: str) -> dict[str, bytes]:
    """Run `python -m ascn report` in a fresh process with PYTHONHASHSEED=seed."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    args = [sys.executable, "-m", "ascn", "report", "--year", "2023", "--out", str(out)]
    subprocess.run(args, check=True, env=env, capture_output=True)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_report_is_byte_identical_across_runs(report_fixture: Path, tmp_path: Path) -> None:
    """Two processes with different hash seeds write byte-identical reports."""
    assert _report_bytes(tmp_path / "a", "1") == _report_bytes(tmp_path / "b", "2")


def test_progress_json_is_identical_across_runs(report_fixture: Path) -> None:
    """`ascn progress --format json` prints the same bytes under different hash seeds."""
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [sys.executable, "-m", "ascn", "progress", "--year", "2023", "--format", "json"]
        outputs.add(subprocess.run(args, check=True, env=env, capture_output=True).stdout)
    assert len(outputs) == 1


def test_progress_text_sets_published_figures_beside_the_data(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text format ends with the year's published figures, the data's value and the notes."""
    monkeypatch.setenv("COLUMNS", "100")
    make_dataset({"network.yaml": PUBLISHED_NETWORK})
    code, out, _ = run(["progress", "--year", "2022", "--by", "country"])
    assert code == 0
    assert out.split("\n\n")[-1] == (
        "Published figures, 2022, beside the data\n"
        "Figure                  Kind           Published   Data   Difference   Note\n"
        + "\u2500"
        * 75
        + "\n"
        "Projects                report      two projects      1           -1    [1]\n"
        "% Quality Environment   statement            100    100            0       \n"
        "[1] One project is named in no public list.\n"
    )
