"""Loading files: file-level problems, schema problems mapped to positions, messages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ascn.load import filecheck
from ascn.problems import DataDirNotFound, Severity
from ascn.validate import validate
from tests.conftest import DatasetBuilder

Found = list[tuple[str, int, int, str]]


def found(data: Path) -> Found:
    """(file, line, column, code) of every problem, sorted as printed."""
    return [(p.file, p.line, p.column, p.code) for p in validate(data, current_year=2026).problems]


def test_minimal_dataset_is_clean(make_dataset: DatasetBuilder) -> None:
    """The fixture dataset has no problems."""
    assert found(make_dataset()) == []


def test_missing_data_dir_cannot_run(tmp_path: Path) -> None:
    """A missing data directory is an AscnError, not a problem list."""
    with pytest.raises(DataDirNotFound, match="data directory not found"):
        validate(tmp_path / "nope")


def test_unknown_field_points_at_key_with_suggestion(make_dataset: DatasetBuilder) -> None:
    """A misspelt field is reported at its key with the closest field name."""
    data = make_dataset(**{"cities/da-nang.yaml": MINIMAL_CITY + "populaton: 5\n"})
    [problem] = validate(data, current_year=2026).problems
    assert (problem.file, problem.line, problem.column) == ("data/cities/da-nang.yaml", 5, 1)
    assert problem.code == "unknown-field"
    assert problem.message == "city Da Nang: unknown field 'populaton'"
    assert problem.hint == "did you mean 'population'?"


MINIMAL_CITY = "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\n"


def test_bad_value_points_at_value(make_dataset: DatasetBuilder) -> None:
    """A wrong type is reported at the value."""
    data = make_dataset(**{"cities/da-nang.yaml": MINIMAL_CITY.replace("2018", "soon")})
    [problem] = validate(data, current_year=2026).problems
    assert (problem.line, problem.column, problem.code) == (4, 9, "wrong-type")
    assert problem.message == "city Da Nang: joined must be a whole number"


def test_yaml_1_1_boolean_word_is_not_a_boolean(make_dataset: DatasetBuilder) -> None:
    """`national_capital: no` is the text 'no' in YAML 1.2, so it is the wrong type."""
    data = make_dataset(**{"cities/da-nang.yaml": MINIMAL_CITY + "national_capital: no\n"})
    assert found(data) == [("data/cities/da-nang.yaml", 5, 19, "wrong-type")]


def test_missing_field_points_at_the_item(make_dataset: DatasetBuilder) -> None:
    """A missing field in a list item is reported at the item's first key."""
    plan = "city: da-nang\nprojects:\n  - id: da-nang-water\n    title: Water\n"
    plan += "    first_listed: 2018\n"
    data = make_dataset(**{"plans/da-nang.yaml": plan})
    [problem] = validate(data, current_year=2026).problems
    assert (problem.line, problem.column, problem.code) == (3, 5, "missing-field")
    assert problem.message == (
        "Da Nang plan, project \"Water\": required field 'focus_area' is missing"
    )


def test_enum_typo_suggests_closest(make_dataset: DatasetBuilder) -> None:
    """A focus area typo names the valid values and suggests the closest."""
    plan = (
        "city: da-nang\nprojects:\n  - id: da-nang-water\n    title: Water\n"
        "    focus_area: quality-enviroment\n    first_listed: 2018\n"
    )
    [problem] = validate(make_dataset(**{"plans/da-nang.yaml": plan}), current_year=2026).problems
    assert (problem.line, problem.column, problem.code) == (5, 17, "bad-value")
    assert problem.hint == "did you mean 'quality-environment'?"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", (1, 1, "empty-file")),
        (b"# only a comment\n", (1, 1, "empty-file")),
        (b"- a\n- b\n", (1, 1, "not-a-mapping")),
        (b"just text\n", (1, 1, "not-a-mapping")),
        (b"\xef\xbb\xbfid: da-nang\n", (1, 1, "bom")),
        (b"\xff\xfei\x00d\x00", (1, 1, "encoding")),
        (b"id: da-nang\nname: Da \xe9 Nang\n", (2, 10, "encoding")),
        (b"id: da-nang\nname: Da\x00Nang\n", (2, 9, "encoding")),
        (b"id: da-nang\nname:\n\tDa Nang\n", (3, 1, "yaml-tab")),
        (b"id: da-nang\nid: hue\n", (2, 1, "yaml-duplicate-key")),
        (b"id: &x da-nang\nname: *x\n", (1, 5, "yaml-alias")),
        (b"id: !!python/object:os.system x\n", (1, 5, "yaml-tag")),
        (b"id: [da-nang\n", (2, 1, "yaml-syntax")),
    ],
)
def test_broken_file_gives_one_problem(
    make_dataset: DatasetBuilder, content: bytes, expected: tuple[int, int, str]
) -> None:
    """Each kind of broken file yields exactly one problem with its position."""
    data = make_dataset()
    (data / "cities" / "da-nang.yaml").write_bytes(content)
    problems = [(p.file, p.line, p.column, p.code) for p in validate(data, 2026).problems]
    # References to the broken city are not reported again.
    assert problems == [("data/cities/da-nang.yaml", *expected)]


def test_a_broken_file_does_not_stop_the_others(make_dataset: DatasetBuilder) -> None:
    """Problems in two files are both reported."""
    data = make_dataset(**{"countries/sg.yaml": "iso2: [SG\n", "countries/vn.yaml": "iso2: vn\n"})
    assert [(f, c) for f, _, _, c in found(data)][:2] == [
        ("data/countries/sg.yaml", "yaml-syntax"),
        ("data/countries/vn.yaml", "missing-field"),
    ]


def test_file_over_the_size_cap(make_dataset: DatasetBuilder) -> None:
    """A file over 1 MiB is not read."""
    data = make_dataset(**{"sources/big.yaml": "notes: " + "x" * (1024 * 1024) + "\n"})
    [problem] = validate(data, 2026).problems
    assert (problem.file, problem.code) == ("data/sources/big.yaml", "file-too-large")
    assert problem.message == "file is 1.0 MiB, over the 1024 KiB limit for one record"


def test_stray_files_and_folders(make_dataset: DatasetBuilder) -> None:
    """A non-YAML file, a folder named like a record and an unknown folder are reported."""
    data = make_dataset(**{"cities/notes.txt": "hi\n", "people/x.yaml": "a: 1\n"})
    (data / "partners" / "adb.yaml").mkdir()
    assert found(data) == [
        ("data/cities/notes.txt", 1, 1, "stray-file"),
        ("data/partners/adb.yaml", 1, 1, "stray-file"),
        ("data/people", 1, 1, "stray-file"),
    ]


def test_hidden_files_are_ignored(make_dataset: DatasetBuilder) -> None:
    """Editor swap files and .DS_Store are not records."""
    data = make_dataset(**{"cities/.da-nang.yaml.swp": "x", "cities/.DS_Store": "x"})
    assert found(data) == []


def test_bad_file_name(make_dataset: DatasetBuilder) -> None:
    """A file name that is not an id is reported, not loaded."""
    data = make_dataset(**{"countries/Viet Nam.yaml": "iso2: VN\nname: Viet Nam\n"})
    assert found(data) == [("data/countries/Viet Nam.yaml", 1, 1, "bad-file-name")]


def test_symlink_outside_data(make_dataset: DatasetBuilder, tmp_path: Path) -> None:
    """A link to a file outside data/ is refused without reading it."""
    data = make_dataset()
    secret = tmp_path / "secret.yaml"
    secret.write_text("iso2: TH\nname: Thailand\n")
    (data / "countries" / "th.yaml").symlink_to(secret)
    assert found(data) == [("data/countries/th.yaml", 1, 1, "unsafe-link")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(make_dataset: DatasetBuilder) -> None:
    """A file without read permission is reported."""
    data = make_dataset()
    (data / "countries" / "sg.yaml").chmod(0)
    assert found(data)[0] == ("data/countries/sg.yaml", 1, 1, "unreadable-file")


def test_unreadable_file_simulated(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A permission error while reading is a problem (simulated: CI runs as root)."""
    data = make_dataset()
    real_open = filecheck.open_file

    def open_file(path: Path) -> int:
        if path.name == "sg.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(path)

    monkeypatch.setattr(filecheck, "open_file", open_file)
    [problem] = validate(data, 2026).problems
    assert (problem.file, problem.line, problem.column, problem.code, problem.message) == (
        "data/countries/sg.yaml",
        1,
        1,
        "unreadable-file",
        "cannot read the file: Permission denied",
    )


def test_missing_network_file(make_dataset: DatasetBuilder) -> None:
    """data/network.yaml must exist."""
    data = make_dataset(**{"network.yaml": None})
    assert found(data)[0] == ("data/network.yaml", 1, 1, "missing-file")


def test_problems_carry_their_source_line(make_dataset: DatasetBuilder) -> None:
    """Located problems keep the text of their line for the caret display."""
    data = make_dataset(**{"cities/da-nang.yaml": MINIMAL_CITY + "populaton: 5\n"})
    [problem] = validate(data, 2026).problems
    assert problem.context == "populaton: 5"
    assert problem.severity is Severity.ERROR
