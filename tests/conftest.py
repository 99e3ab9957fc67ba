"""Shared fixtures: a CLI runner, a tiny dataset builder and the --update-golden flag."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app

REPO = Path(__file__).resolve().parents[1]

# Results must not change when the calendar year does: every test runs in 2026 (README,
# "Year rules"); a test that needs another year sets ASCN_NOW itself.
os.environ["ASCN_NOW"] = "2026"

# The smallest valid dataset: tests add or replace files to make the case they need.
MINIMAL_FILES: dict[str, str] = {
    "network.yaml": """\
        name: ASEAN Smart Cities Network
        founded: 2018
        years:
          - year: 2018
            chair: SG
        """,
    "countries/sg.yaml": "iso2: SG\nname: Singapore\n",
    "countries/vn.yaml": "iso2: VN\nname: Viet Nam\n",
    "cities/da-nang.yaml": """\
        id: da-nang
        name: Da Nang
        country: VN
        joined: 2018
        """,
    "plans/da-nang.yaml": """\
        city: da-nang
        projects:
          - id: da-nang-water
            title: Smart Water Management
            focus_area: quality-environment
            first_listed: 2018
            updates:
              - year: 2022
                status: ongoing
        """,
    "partners/jica.yaml": """\
        id: jica
        name: Japan International Cooperation Agency
        kind: government
        country: JP
        partnerships:
          - id: da-nang-jica-2019
            city: da-nang
            topic: Water supply
            projects: [da-nang-water]
            since: 2019
        """,
    "sources/me-2024.yaml": """\
        id: me-2024
        title: ASCN Monitoring and Evaluation Report 2024
        kind: official
        """,
}

DatasetBuilder = Callable[..., Path]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden: rewrite golden files instead of comparing with them."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ (review the diff!)",
    )


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test's result cache in a fresh folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("ascn-cache")
    monkeypatch.setenv("ASCN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run refreshes golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def run_ascn() -> Callable[[list[str]], object]:
    """Run the CLI in-process and return Click's result (stdout and stderr kept apart)."""
    runner = CliRunner()

    def run(args: list[str]) -> object:
        return runner.invoke(app, args, catch_exceptions=False)

    return run


@pytest.fixture
def make_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DatasetBuilder:
    """Write the minimal dataset under tmp_path/data with overrides; cwd becomes tmp_path.

    `make_dataset(**{"cities/hue.yaml": "..."})` adds or replaces a file (text is
    dedented); a value of None removes the file.
    """
    monkeypatch.chdir(tmp_path)

    def build(files: dict[str, str | None] | None = None, **more: str | None) -> Path:
        contents: dict[str, str | None] = {**MINIMAL_FILES, **(files or {}), **more}
        data = tmp_path / "data"
        for relative, text in contents.items():
            path = data / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        return data

    return build


REPORT_FIXTURE = REPO / "tests" / "fixtures" / "report"


@pytest.fixture
def report_fixture(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small hand-made report dataset's folder (holding data/), made the working directory."""
    monkeypatch.chdir(REPORT_FIXTURE)
    return REPORT_FIXTURE
