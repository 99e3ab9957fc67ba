"""`ascn fmt` and `ascn schema`: exact output, exit codes, files written or left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.edit.schema import expected_files
from tests.conftest import DatasetBuilder

CITY_MODELINE = "# yaml-language-server: $schema=../../schema/city.schema.json\n"
CANONICAL_CITY = CITY_MODELINE + "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\n"


def _run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _city_only(make_dataset: DatasetBuilder, text: str) -> Path:
    data = make_dataset({"cities/da-nang.yaml": text})
    return data / "cities" / "da-nang.yaml"


def test_fmt_check_shows_a_diff_and_exits_1(make_dataset: DatasetBuilder) -> None:
    """--check prints a unified diff of the file that would change and writes nothing."""
    text = CITY_MODELINE + "name: Da Nang\nid: da-nang\ncountry: VN\njoined: 2018\n"
    path = _city_only(make_dataset, text)
    result = _run("fmt", "--check", "data/cities/da-nang.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- data/cities/da-nang.yaml\n"
        "+++ data/cities/da-nang.yaml (formatted)\n"
        "@@ -1,5 +1,5 @@\n"
        " # yaml-language-server: $schema=../../schema/city.schema.json\n"
        "+id: da-nang\n"
        " name: Da Nang\n"
        "-id: da-nang\n"
        " country: VN\n"
        " joined: 2018\n"
        "1 file would be reformatted, 0 already formatted.\n"
    )
    assert path.read_text(encoding="utf-8") == text


def test_fmt_writes_the_canonical_layout(make_dataset: DatasetBuilder) -> None:
    """Without --check the file is rewritten and named; a second run changes nothing."""
    path = _city_only(make_dataset, "name: Da Nang\nid: da-nang\ncountry:   VN\njoined: 2018")
    first = _run("fmt", "data/cities")
    assert (first.exit_code, first.stdout) == (
        0,
        "reformatted data/cities/da-nang.yaml\n1 file reformatted, 0 left unchanged.\n",
    )
    assert path.read_text(encoding="utf-8") == CANONICAL_CITY
    second = _run("fmt", "data/cities")
    assert (second.exit_code, second.stdout) == (0, "0 files reformatted, 1 left unchanged.\n")


def test_fmt_keeps_comments_in_place(make_dataset: DatasetBuilder) -> None:
    """Comments survive: at line ends they follow their key; above a key they block a move."""
    text = (
        CITY_MODELINE + "id: da-nang\nname: Da Nang  # as in the 2018 concept note\n"
        "country: VN\njoined: 2018\nsources:\n  - me-2024\n"
        "# 2019 census\npopulation:\n  note: census  # rounded\n  value: 1200000\n"
    )
    path = _city_only(make_dataset, text)
    result = _run("fmt", "data/cities/da-nang.yaml")
    assert result.exit_code == 0
    assert result.stdout == (
        "reformatted data/cities/da-nang.yaml\n"
        "data/cities/da-nang.yaml: kept the key order of the top level so that a comment stays "
        "in place\n"
        "1 file reformatted, 0 left unchanged.\n"
    )
    assert path.read_text(encoding="utf-8") == (
        CITY_MODELINE + "id: da-nang\nname: Da Nang  # as in the 2018 concept note\n"
        "country: VN\njoined: 2018\nsources:\n  - me-2024\n"
        "# 2019 census\npopulation:\n  value: 1200000\n  note: census  # rounded\n"
    )


def test_fmt_reports_a_file_that_does_not_parse_and_leaves_it(
    make_dataset: DatasetBuilder,
) -> None:
    """A broken file is reported with its position and code, and not touched."""
    text = CITY_MODELINE + "id: da-nang\nname: Da Nang\n\tcountry: VN\n"
    path = _city_only(make_dataset, text)
    result = _run("fmt", "data/cities/da-nang.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/cities/da-nang.yaml:4:1: error yaml-tab: tab character in indentation\n"
        "data/cities/da-nang.yaml: left unchanged: it must be fixed before it can be formatted\n"
        "0 files reformatted, 0 left unchanged, 1 could not be formatted.\n"
    )
    assert path.read_text(encoding="utf-8") == text


def test_fmt_on_a_missing_path_exits_2(make_dataset: DatasetBuilder) -> None:
    """A path that does not exist means the command could not run."""
    make_dataset()
    result = _run("fmt", "data/cities/hue.yaml")
    assert result.exit_code == 2
    assert result.stderr == "error: no such file or folder: data/cities/hue.yaml\n"


def test_schema_writes_files_then_check_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ascn schema` writes schema/ beside --data; `--check` then finds it current."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    written = _run("schema")
    assert written.exit_code == 0
    assert written.stdout == "".join(f"wrote schema/{name}\n" for name in expected_files())
    assert (tmp_path / "schema" / "city.schema.json").read_text(encoding="utf-8") == (
        expected_files()["city.schema.json"]
    )
    check = _run("schema", "--check")
    assert (check.exit_code, check.stdout) == (0, "The 6 schema files in schema are up to date.\n")


def test_schema_check_names_stale_and_missing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--check exits 1 and names each file that differs from the models or is missing."""
    monkeypatch.chdir(tmp_path)
    _run("schema", "--out", "out")
    (tmp_path / "out" / "plan.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "out" / "city.schema.json").unlink()
    result = _run("schema", "--check", "--out", "out")
    assert result.exit_code == 1
    assert result.stdout == (
        "out/city.schema.json is missing\n"
        "out/plan.schema.json is out of date with the models\n"
        "Run `ascn schema` to update the schema files.\n"
    )


def test_fmt_makes_mixed_line_endings_consistent(make_dataset: DatasetBuilder) -> None:
    """A CRLF file with one LF line comes out all CRLF, and --check says why it differs."""
    mixed = CANONICAL_CITY.replace("\n", "\r\n").replace("country: VN\r\n", "country: VN\n")
    path = make_dataset() / "cities" / "da-nang.yaml"
    path.write_bytes(mixed.encode())
    check = _run("fmt", "--check", "data/cities/da-nang.yaml")
    assert check.exit_code == 1
    assert check.stdout.splitlines()[-2:] == [
        "data/cities/da-nang.yaml: only the line endings differ (a mix of CRLF and LF)",
        "1 file would be reformatted, 0 already formatted.",
    ]
    assert _run("fmt", "data/cities/da-nang.yaml").exit_code == 0
    assert path.read_bytes() == CANONICAL_CITY.replace("\n", "\r\n").encode()


def test_fmt_leaves_a_link_alone(make_dataset: DatasetBuilder, tmp_path: Path) -> None:
    """A data file that is a link is never written through (nor replaced by a copy)."""
    data = make_dataset()
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: Da Nang\nid: da-nang\ncountry: VN\njoined: 2018\n")
    link = data / "cities" / "da-nang.yaml"
    link.unlink()
    link.symlink_to(outside)
    result = _run("fmt", "data/cities/da-nang.yaml")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        1,
        "data/cities/da-nang.yaml: left unchanged: a link; ascn fmt rewrites only plain files",
    )
    assert (link.is_symlink(), outside.read_text()) == (
        True,
        "name: Da Nang\nid: da-nang\ncountry: VN\njoined: 2018\n",
    )


def test_fmt_never_grows_a_file_past_the_size_cap(make_dataset: DatasetBuilder) -> None:
    """A file just under 1 MiB that formatting would grow past it is left as it is."""
    path = make_dataset() / "cities" / "da-nang.yaml"
    # Formatting adds the schema modeline (62 bytes) to a file that lacks it.
    head = "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\nnotes: "
    text = head + "x" * (1024 * 1024 - len(head) - 20) + "\n"
    assert len(text) < 1024 * 1024
    path.write_text(text)
    result = _run("fmt", "data/cities/da-nang.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        "data/cities/da-nang.yaml:1:1: error file-too-large: the file would be "
    )
    assert path.read_text() == text
