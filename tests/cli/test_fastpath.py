"""`ascn validate` without typer, and from the result cache before the rest of the tool loads.

test_cache.py checks, for every case folder, that the replayed output is the cold one;
here: the quick manifest equals the full scan's, which command lines are answered, and
that an answer needs neither typer nor pydantic. No timing is asserted (`make bench`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app, fastpath
from ascn.console import FORCING_COLOUR
from ascn.load import cache, manifest, scan
from tests.cli.hostile import prepare
from tests.cli.test_cases import ALL_CASES, expected_exit
from tests.conftest import DatasetBuilder


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_quick_manifest_is_the_scan_manifest(case: Path, tmp_path: Path) -> None:
    """Where the quick manifest gives an answer it is the full scan's; valid cases get one."""
    data = prepare(case, tmp_path) / "data"
    quick = manifest.quick_manifest(str(data))
    if case.parent.name == "valid":
        assert quick is not None
    if quick is not None:
        assert quick == scan.scan(data).manifest()


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_without_typer_prints_what_typer_prints(
    case: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    private_cache: Path,
) -> None:
    """Every case folder validated by the fast path, cold then stored: the expected output."""
    monkeypatch.chdir(prepare(case, tmp_path))
    args_file = case / "args.txt"
    args = args_file.read_text().split() if args_file.exists() else []
    request = fastpath.request_of(["validate", *args])
    if request is None:  # not a plain line (match cases): typer runs it
        return
    expected = ((case / "expected.txt").read_text(), expected_exit(case, args))
    for extra in (["--no-cache"], [], []):
        again = fastpath.request_of(["validate", *args, *extra])
        assert again is not None
        code = fastpath.run(again)
        assert (capsys.readouterr().out, code) == expected


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["validate"], ("data", "text", False)),
        (["validate", "--data", "d/", "--strict"], ("d", "text", True)),
        (["validate", "--data=./d", "--format=json"], ("d", "json", False)),
        (["validate", "--strict", "--no-strict", "--format", "github"], ("data", "github", False)),
        (["validate", "--format", "markdown", "--data", "x"], ("x", "markdown", False)),
        (["validate", "--no-cache"], ("data", "text", False)),
    ],
)
def test_plain_validate_lines_are_understood(
    argv: list[str], expected: tuple[str, str, bool]
) -> None:
    """`validate` with --data, --format and --strict, spelt as typer accepts them."""
    request = fastpath.request_of(argv)
    assert request is not None
    assert (request.data, request.fmt, request.strict) == expected


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["progress"],
        ["validate", "--help"],
        ["validate", "data/cities"],
        ["validate", "--changed-since", "main"],
        ["validate", "--format", "yaml"],
        ["validate", "--data"],
        ["validate", "--data", "--strict"],
        ["validate", "--data="],
        ["validate", "--", "x"],
    ],
)
def test_other_lines_run_in_full(argv: list[str]) -> None:
    """Anything else (other commands, options, paths, bad values) is left to the full CLI."""
    assert fastpath.request_of(argv) is None


def _request(argv: list[str]) -> fastpath.Request:
    request = fastpath.request_of(argv)
    assert request is not None
    return request


def _fill(*args: str) -> tuple[str, int]:
    result = CliRunner().invoke(app, ["validate", "--data", "data", *args])
    return result.stdout, result.exit_code


def test_warning_exit_code_follows_strict(make_dataset: DatasetBuilder) -> None:
    """The stored exit code is the one of the same options: --strict fails on warnings."""
    make_dataset(**{"countries/sg.yaml": "iso2: SG\nname: Singapore, mail a@b.sg\n"})
    plain, strict = _fill(), _fill("--strict")
    assert fastpath.answer(_request(["validate"])) == plain
    assert fastpath.answer(_request(["validate", "--strict"])) == strict


def test_colour_is_never_replayed(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text is not answered where rich could colour it; JSON has no colours and is."""
    make_dataset()
    text, json_out = _fill(), _fill("--format", "json")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert fastpath.answer(_request(["validate"])) is None
    assert fastpath.answer(_request(["validate", "--format", "json"])) == json_out
    monkeypatch.delenv("FORCE_COLOR")
    assert fastpath.answer(_request(["validate"])) == text


def test_a_changed_file_is_a_miss(make_dataset: DatasetBuilder) -> None:
    """One changed byte in one file: no stored answer."""
    make_dataset()
    _fill()
    make_dataset(
        **{"cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2019\n"}
    )
    assert fastpath.answer(_request(["validate"])) is None


@pytest.mark.parametrize("value", [[], {"out": 1, "exit": 0}, {"out": "x", "exit": 7}])
def test_a_malformed_entry_is_a_miss(make_dataset: DatasetBuilder, value: object) -> None:
    """A stored output that is not text with exit 0 or 1 is not printed."""
    make_dataset()
    _fill()
    request = fastpath.request_of(["validate"])
    assert request is not None
    quick = manifest.quick_manifest("data")
    assert quick is not None
    fastpath._store().put(request.entry_name(quick), value)
    assert fastpath.answer(_request(["validate"])) is None


def test_answer_needs_neither_typer_nor_pydantic(make_dataset: DatasetBuilder) -> None:
    """The console script's answer imports no typer, rich, pydantic or models."""
    make_dataset()
    _fill()
    script = (
        "import sys\nfrom ascn.cli import fastpath\n"
        "found = fastpath.answer(fastpath.request_of(['validate']))\n"
        "heavy = [m for m in ('typer', 'rich', 'pydantic', 'ascn.models') if m in sys.modules]\n"
        "print(json.dumps([found, heavy]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", "import json\n" + script],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout) == [["No problems in 7 files.\n", 0], []]


def test_environment_key_needs_no_metadata_import() -> None:
    """Dependency versions come from the installed metadata folders, as importlib finds them."""
    for name in cache.DEPENDENCIES:
        assert cache._version(name) == metadata.version(name)
    assert cache._version("no-such-distribution") == "none"


def test_a_miss_hands_its_hashes_to_the_full_scan(make_dataset: DatasetBuilder) -> None:
    """After a miss the full scan takes the replay's hashes: the same Scanned as reading."""
    make_dataset()
    quick = manifest.quick_scan("data")
    assert quick is not None
    scan.hand_over(quick)
    handed = scan.scan(Path("data"))
    read = scan.scan(Path("data"))
    assert (handed.digests, handed.read_problems) == (read.digests, read.read_problems)
    assert handed.manifest() == read.manifest() == quick.manifest


def test_a_stale_hand_over_is_not_used(make_dataset: DatasetBuilder) -> None:
    """Hashes of another folder, or of a different set of files, are ignored."""
    make_dataset()
    quick = manifest.quick_scan("data")
    assert quick is not None
    make_dataset(**{"countries/th.yaml": "iso2: TH\nname: Thailand\n"})
    scan.hand_over(quick)
    assert scan.scan(Path("data")).manifest() != quick.manifest
    quick.data_dir = "elsewhere"
    scan.hand_over(quick)
    assert scan.scan(Path("data")).manifest() == manifest.quick_manifest("data")


def test_replay_and_console_agree_on_forced_colour() -> None:
    """The replay's list of colour-forcing variables is the console's (kept apart for speed)."""
    assert fastpath._FORCING == FORCING_COLOUR


def test_a_missing_folder_says_so_as_typer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Could not run: the same one-line error on stderr and exit 2 with or without typer."""
    monkeypatch.chdir(tmp_path)
    typer_run = CliRunner().invoke(app, ["validate", "--data", "nowhere"])
    code = fastpath.run(_request(["validate", "--data", "nowhere"]))
    assert (capsys.readouterr().err, code) == (typer_run.stderr, typer_run.exit_code)
    assert code == 2


def test_code_fingerprint_reads_no_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The tool's own files are fingerprinted by size and time, as CPython's bytecode cache."""
    (tmp_path / "models.py").write_text("class City: ...\n")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    before = cache.code_digest.__wrapped__()
    (tmp_path / "models.py").chmod(0)  # unreadable: the fingerprint does not need its text
    assert cache.code_digest.__wrapped__() == before


REPORT_LINES = [
    ["report", "--year", "2022"],
    ["report", "--year=2022", "--data", "d/", "--out=./o", "--no-cache"],
    ["report", "--year", "0999", "--format", "md", "--templates", "t", "--narrative", "n.md"],
    ["report", "--format=pdf", "--year", "2021", "--year", "2022", "--format", "html"],
    ["report", "--narrative", "a b.md", "--year", "2025", "--data=x", "--format", "all"],
]


@pytest.mark.parametrize("argv", REPORT_LINES)
def test_plain_report_lines_are_read_as_typer_reads_them(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The request a plain `report` line makes is the one typer's command makes of it."""
    made: list[fastpath.ReportRequest] = []
    monkeypatch.setattr(fastpath, "write_report", lambda request: made.append(request) or 0)
    assert CliRunner().invoke(app, argv).exit_code == 0
    plain = fastpath.report_request_of(argv)
    assert plain is not None
    assert [vars(request) for request in made] == [vars(plain)]


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],
        ["report", "--help"],
        ["report", "--data", "d"],
        ["report", "--year", "x"],
        ["report", "--year", "-1"],
        ["report", "--year", "\uff12\uff10\uff12\uff12"],  # full-width digits: typer's say
        ["report", "--year", "2022", "--format", "docx"],
        ["report", "--year", "2022", "--out"],
        ["report", "--year", "2022", "--out="],
        ["report", "--year", "2022", "--strict"],
        ["report", "--year", "2022", "extra"],
        ["progress", "--year", "2022"],
    ],
)
def test_other_report_lines_run_in_full(argv: list[str]) -> None:
    """Help, a missing or bad value, or anything else is left to typer, which says why."""
    assert fastpath.report_request_of(argv) is None
    assert fastpath.run_line(argv) is None


def _outcome(tmp_path: Path, run: Callable[[], int]) -> tuple[int, dict[str, bytes]]:
    """A run's exit code and the files it left in tmp_path/out (then removed)."""
    try:
        code = run()
    except SystemExit as stop:
        code = int(stop.code or 0)
    out = tmp_path / "out"
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())} if out.is_dir() else {}
    shutil.rmtree(out, ignore_errors=True)
    return code, files


@pytest.mark.parametrize(
    ("extra", "files"),
    [
        ({}, {}),
        ({"plans/da-nang.yaml": None}, {}),  # a dataset with errors: exit 1
        ({"countries/sg.yaml": "iso2: SG\nname: Singapore, mail a@b.sg\n"}, {}),  # a warning
        ({}, {"narrative.md": "The year in *one* line.\n"}),
    ],
)
@pytest.mark.parametrize(
    "options",
    [
        ["--year", "2022", "--out", "out"],
        ["--year", "2022", "--out", "out", "--format", "md", "--no-cache"],
        ["--year", "2022", "--out", "out", "--narrative", "narrative.md"],
        ["--year", "2030", "--out", "out"],
        ["--year", "2022", "--out", "out", "--data", "nowhere"],
        ["--year", "2022", "--out", "out", "--narrative", "none.md"],
    ],
)
def test_a_plain_report_line_does_what_typer_does(  # noqa: PLR0917 - pytest's fixtures
    extra: dict[str, str | None],
    files: dict[str, str],
    options: list[str],
    make_dataset: DatasetBuilder,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Same output, errors, exit code and files written, with typer and without it."""
    make_dataset(**extra)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    argv = ["report", *options]
    typer_run = CliRunner().invoke(app, argv)
    typer_result = (typer_run.stdout, typer_run.stderr)
    typer_code, typer_files = _outcome(tmp_path, lambda: typer_run.exit_code)
    capsys.readouterr()
    plain_code, plain_files = _outcome(tmp_path, lambda: fastpath.run_line(argv) or 0)
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == typer_result
    assert (plain_code, plain_files) == (typer_code, typer_files)


def test_a_plain_report_needs_no_typer(make_dataset: DatasetBuilder) -> None:
    """The console script writes a plain report without importing typer or click."""
    make_dataset()
    script = (
        "import sys, json\nfrom ascn.cli import fastpath\n"
        "code = fastpath.run_line(['report', '--year', '2022', '--out', 'out'])\n"
        "heavy = [m for m in ('typer', 'click') if m in sys.modules]\n"
        "print(json.dumps([code, heavy]))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1] == "[0, []]"
