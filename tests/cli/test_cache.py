"""The result cache: warm runs give exactly the cold output, and the cache is safe.

Every case folder is validated three times (without the cache, filling it, from it);
the three outputs and exit codes must be identical and match expected.txt. No timing
is asserted here: `make bench` measures the speed.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ascn.cli import app, fastpath
from ascn.load import cache
from tests.cli.hostile import prepare
from tests.cli.test_cases import ALL_CASES, expected_exit
from tests.conftest import REPO, DatasetBuilder


def _validate(*args: str) -> tuple[str, int]:
    result = CliRunner().invoke(app, ["validate", "--data", "data", *args])
    return result.stdout, result.exit_code


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_warm_run_equals_cold_run(
    case: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_cache: Path
) -> None:
    """Cold, cache-filling and cached runs print the same and exit the same, for every case."""
    monkeypatch.chdir(prepare(case, tmp_path))
    args_file = case / "args.txt"
    args = args_file.read_text().split() if args_file.exists() else []
    cold = _validate(*args, "--no-cache")
    assert list(private_cache.iterdir()) == []
    filling = _validate(*args)
    warm = _validate(*args)
    assert (
        cold == filling == warm == ((case / "expected.txt").read_text(), expected_exit(case, args))
    )
    request = fastpath.request_of(["validate", "--data", "data", *args])
    replayed = None if request is None else fastpath.answer(request)
    assert replayed == cold if _ordinary(case) else replayed in (None, cold)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_warm_run_after_one_change_equals_cold_run(
    case: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_cache: Path
) -> None:
    """After a warm run, one file changed (a plan's title if there is one): warm is cold.

    The changed file's per-file checks run over a small dataset, the others come from the
    cache (ascn/checks/perfile.py).
    """
    folder = tmp_path / "copy"
    try:
        shutil.copytree(prepare(case, tmp_path / "built"), folder, symlinks=True)
    except (OSError, shutil.Error):
        pytest.skip("a case with files that cannot be copied (unreadable, special)")
    monkeypatch.chdir(folder)
    args_file = case / "args.txt"
    args = args_file.read_text().split() if args_file.exists() else []
    _validate(*args)
    _validate(*args)
    files = sorted(Path("data").rglob("*.yaml"), key=lambda p: (p.parent.name != "plans", p))
    changed = next((f for f in files if f.is_file() and not f.is_symlink()), None)
    if changed is None:
        pytest.skip("no file to change")
    text = changed.read_bytes()
    changed.unlink()  # a new file, as an editor that saves by renaming writes it
    # A value that messages quote where there is one (a title), else a comment.
    edited = text.replace(b"title: ", b"title: Changed ", 1)
    changed.write_bytes(edited if edited != text else text + b"\n# changed\n")
    warm = _validate(*args)
    assert warm == _validate(*args, "--no-cache")
    assert _validate(*args) == warm


def _ordinary(case: Path) -> bool:
    """A case the replay must answer: a valid or warning-only dataset with no odd files."""
    return case.parent.name in ("valid", "warnings")


def test_one_changed_file_is_seen(make_dataset: DatasetBuilder) -> None:
    """After a warm run, a changed file's new problem is reported (and gone once fixed)."""
    make_dataset()
    assert _validate() == ("No problems in 7 files.\n", 0)
    make_dataset(
        **{"cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: XX\njoined: 2018\n"}
    )
    broken = _validate()
    assert broken == _validate("--no-cache")
    assert broken[1] == 1
    make_dataset()
    assert _validate() == ("No problems in 7 files.\n", 0)


# A plan whose problems quote its city's name (update-in-future, focus-area-not-in-plan).
_PLAN_WITH_PROBLEMS = """\
    city: da-nang
    focus_areas: [built-infrastructure]
    projects:
      - id: da-nang-water
        title: Smart Water Management
        focus_area: quality-environment
        first_listed: 2018
        updates:
          - year: 2022
            status: ongoing
          - year: 2031
            status: completed
    """


def _warm_equals_cold() -> tuple[str, int]:
    warm = _validate()
    assert warm == _validate("--no-cache")
    assert _validate() == warm
    return warm


def test_edited_city_name_reaches_its_plans_messages(make_dataset: DatasetBuilder) -> None:
    """A plan's stored problems name its city: editing the city's name checks the plan again."""
    make_dataset(**{"plans/da-nang.yaml": _PLAN_WITH_PROBLEMS})
    before = _warm_equals_cold()
    assert "Da Nang, project" in before[0]
    make_dataset(
        **{
            "plans/da-nang.yaml": _PLAN_WITH_PROBLEMS,
            "cities/da-nang.yaml": "id: da-nang\nname: Danang City\ncountry: VN\njoined: 2018\n",
        }
    )
    after = _warm_equals_cold()
    assert "Danang City, project" in after[0]
    assert "Da Nang, project" not in after[0]


def test_renamed_city_file_reaches_its_plans_messages(make_dataset: DatasetBuilder) -> None:
    """A city file renamed (the plan's city is gone): the plan's messages quote the id."""
    make_dataset(**{"plans/da-nang.yaml": _PLAN_WITH_PROBLEMS})
    _warm_equals_cold()
    make_dataset(
        **{
            "plans/da-nang.yaml": _PLAN_WITH_PROBLEMS,
            "cities/da-nang.yaml": None,
            "cities/danang.yaml": "id: danang\nname: Da Nang\ncountry: VN\njoined: 2018\n",
        }
    )
    after = _warm_equals_cold()
    assert "da-nang, project" in after[0]


def test_plan_named_for_another_city_warm_equals_cold(make_dataset: DatasetBuilder) -> None:
    """A plan whose city is another plan's (its problems land in that file): warm is cold."""
    hue = _PLAN_WITH_PROBLEMS.replace("da-nang-water", "hue-water")
    make_dataset(**{"plans/da-nang.yaml": _PLAN_WITH_PROBLEMS, "plans/hue.yaml": hue})
    before = _warm_equals_cold()
    assert "(id-mismatch)" in before[0]
    make_dataset(**{"plans/da-nang.yaml": _PLAN_WITH_PROBLEMS, "plans/hue.yaml": None})
    _warm_equals_cold()
    make_dataset(**{"plans/da-nang.yaml": _PLAN_WITH_PROBLEMS, "plans/hue.yaml": hue})
    assert _warm_equals_cold() == before


def test_removed_source_file_is_reported_warm(make_dataset: DatasetBuilder) -> None:
    """Source ids are kept per file, whether they are known is decided on every run."""
    city = "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\nsources: [me-2024]\n"
    make_dataset(**{"cities/da-nang.yaml": city})
    clean = _warm_equals_cold()
    make_dataset(**{"cities/da-nang.yaml": city, "sources/me-2024.yaml": None})
    assert "(ref-unknown-source)" in _warm_equals_cold()[0]
    make_dataset(**{"cities/da-nang.yaml": city})
    assert _warm_equals_cold() == clean


def test_personal_data_warning_comes_back_warm(make_dataset: DatasetBuilder) -> None:
    """A per-record check's warning, kept per file in the cache, is printed on a warm run."""
    make_dataset(**{"countries/sg.yaml": "iso2: SG\nname: Singapore, mail a@b.sg\n"})
    cold = _validate("--no-cache")
    assert "(personal-data)" in cold[0]
    assert _validate() == cold
    assert _validate() == cold


def test_report_from_the_cache_is_identical(
    report_fixture: Path, tmp_path: Path, private_cache: Path
) -> None:
    """`ascn report` writes the same bytes cold and from a warm cache."""
    outputs = []
    for run, extra in enumerate((["--no-cache"], [], [])):
        out = tmp_path / str(run)
        args = ["report", "--year", "2021", "--data", "data", "--out", str(out), *extra]
        assert CliRunner().invoke(app, args).exit_code == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1] == outputs[2]
    names = [json.loads(p.read_text())["name"].split(":")[0] for p in private_cache.iterdir()]
    assert (names.count("result"), names.count("template")) == (1, 2)
    assert set(names) == {"files", "result", "template"}


def test_no_cache_writes_nothing(make_dataset: DatasetBuilder, private_cache: Path) -> None:
    """--no-cache neither reads nor writes the cache, on every command that loads data."""
    make_dataset()
    commands = (
        ["validate"],
        ["progress", "--year", "2018"],
        ["report", "--year", "2018"],
        ["match", "--seeking", "--year", "2018"],
        ["twinning", "--year", "2018"],
        ["pipeline", "--year", "2018"],
    )
    for command in commands:
        result = CliRunner().invoke(app, [*command, "--data", "data", "--no-cache"])
        assert result.exit_code == 0, result.stdout
    assert list(private_cache.iterdir()) == []


def test_entries_are_private_files(make_dataset: DatasetBuilder, private_cache: Path) -> None:
    """The folder is 0700 and every entry 0600, JSON, with no temporary file left behind."""
    make_dataset()
    _validate()
    assert stat.S_IMODE(private_cache.stat().st_mode) == 0o700
    entries = sorted(private_cache.iterdir())
    assert {p.suffix for p in entries} == {".json"}
    for path in entries:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert set(json.loads(path.read_text())) == {"key", "name", "value"}


def test_new_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder the tool creates is readable by its user only."""
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "new" / "ascn"))
    cache.open_cache(2025).put("x", [1])
    assert stat.S_IMODE((tmp_path / "new" / "ascn").stat().st_mode) == 0o700


def test_default_folder_is_outside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ASCN_CACHE_DIR the cache is the user's ($XDG_CACHE_HOME/ascn), not the repo."""
    monkeypatch.delenv(cache.ENV_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache.folder() == Path("/somewhere/cache/ascn")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.folder() == Path.home() / ".cache" / "ascn"
    assert not cache.folder().resolve().is_relative_to(REPO)


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[1, 2]", b'{"key": "other", "name": "n", "value": 1}', b"\xff\xfe"],
    ids=["empty", "truncated", "not-an-entry", "foreign-key", "binary"],
)
def test_corrupt_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    """An entry that does not parse, or belongs to another key, reads as missing."""
    store = cache.Cache(tmp_path, "k")
    store.put("n", {"a": 1})
    (path,) = tmp_path.iterdir()
    path.write_bytes(damage)
    assert store.get("n") is None


def _change_file_entries(cache_dir: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply `change` to each stored shard of per-file entries, in place; remove the other
    entries (the whole result and the printed output would answer before the files)."""
    for path in cache_dir.iterdir():
        entry = json.loads(path.read_text())
        if not entry["name"].startswith("files:"):
            path.unlink()
            continue
        change(entry["value"])
        path.write_text(json.dumps(entry))
        path.chmod(0o600)


def test_stored_plan_that_no_longer_builds_gives_the_cold_output(
    make_dataset: DatasetBuilder, private_cache: Path
) -> None:
    """A plan's stored values that fail only when the plan is first read (its text is
    unchanged): the run parses it again, gives the cold output and stores a fresh entry."""
    make_dataset(**{"plans/da-nang.yaml": _PLAN_WITH_PROBLEMS})
    cold = _validate("--no-cache")
    _validate()

    def break_plan(files: dict[str, Any]) -> None:
        plan = files.get("data/plans/da-nang.yaml")
        if plan is not None:
            values = json.loads(plan[1]["j"])
            values["projects"] = "not a list"
            plan[1]["j"] = json.dumps(values)
            del plan[1]["f"]  # so that the plan is read (for its file checks)

    _change_file_entries(private_cache, break_plan)
    assert _validate() == cold
    assert _validate() == cold


def test_corrupt_cache_gives_the_cold_output(
    make_dataset: DatasetBuilder, private_cache: Path
) -> None:
    """Entries damaged in place (valid JSON, wrong shapes) only make the run cold again."""
    make_dataset(**{"countries/sg.yaml": "iso2: SG\nname: Singapore, mail a@b.sg\n"})
    cold = _validate("--no-cache")
    _validate()
    for path in private_cache.iterdir():
        entry = json.loads(path.read_text())
        entry["value"] = (
            {"problems": [["x"]], "files": "many"}
            if "result" in entry["name"]
            else {
                "data/countries/sg.yaml": [1, {"j": 5, "p": "?"}],
                "data/network.yaml": ["digest", {"j": '{"name": 1}', "p": [], "c": [[]]}],
            }
        )
        path.write_text(json.dumps(entry))
        path.chmod(0o600)
    assert _validate() == cold


@pytest.mark.parametrize("damage", [[["x"]], [[1] * 10 + ["x"]], 7, [None]])
def test_damaged_stored_problems_are_a_miss(
    make_dataset: DatasetBuilder, private_cache: Path, damage: object
) -> None:
    """Stored per-file problems of any wrong shape (a `related` place that is a string, a
    number, a short list) make the file checked again: the cold output, no traceback."""
    make_dataset(**{"plans/da-nang.yaml": _PLAN_WITH_PROBLEMS})
    cold = _validate("--no-cache")
    _validate()

    def damage_all(files: dict[str, Any]) -> None:
        for stored in files.values():
            stored[1].update({"c": damage, "f": damage})

    _change_file_entries(private_cache, damage_all)
    assert _validate() == cold


def test_entry_others_may_write_is_ignored(tmp_path: Path) -> None:
    """An entry that other users may write is not trusted."""
    store = cache.Cache(tmp_path, "k")
    store.put("n", {"a": 1})
    (path,) = tmp_path.iterdir()
    assert store.get("n") == {"a": 1}
    path.chmod(0o666)
    assert store.get("n") is None


def test_key_changes_with_code_dependencies_and_year(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key covers the tool's own source, each dependency's version and the year."""
    base = cache.environment_key(2025)
    assert cache.environment_key(2026) != base
    monkeypatch.setattr(cache, "code_digest", lambda: "edited models")
    assert cache.environment_key(2025) != base
    monkeypatch.undo()
    real = cache._version
    monkeypatch.setattr(cache, "_version", lambda name: "9.9" if name == "pydantic" else real(name))
    assert cache.environment_key(2025) != base


def test_code_digest_follows_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing a module (an editable install keeps its version number) changes the digest."""
    (tmp_path / "load").mkdir()
    (tmp_path / "models.py").write_text("class City: ...\n")
    (tmp_path / "load" / "loader.py").write_text("def load(): ...\n")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    before = cache.code_digest.__wrapped__()
    (tmp_path / "models.py").write_text("class City:\n    name: str\n")
    after = cache.code_digest.__wrapped__()
    (tmp_path / "load" / "loader.py").write_text("def load(): return 1\n")
    assert len({before, after, cache.code_digest.__wrapped__()}) == 3


def test_size_cap_removes_the_oldest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond the entry cap, the least recently written entries are removed."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    store = cache.Cache(tmp_path, "k")
    for number in range(5):
        store.put(f"entry {number}", number)
        path = store._path(f"entry {number}")
        os.utime(path, ns=(number * 10**9, number * 10**9))
    assert [store.get(f"entry {n}") for n in range(5)] == [None, None, 2, 3, 4]


def test_byte_cap_skips_a_huge_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry larger than the byte cap is not written at all."""
    monkeypatch.setattr(cache, "MAX_BYTES", 100)
    store = cache.Cache(tmp_path, "k")
    store.put("big", "x" * 200)
    assert list(tmp_path.iterdir()) == []
    assert store.get("big") is None


def test_one_change_rewrites_one_shard(make_dataset: DatasetBuilder, private_cache: Path) -> None:
    """Per-file results are stored in shards: a changed file rewrites its shard only.

    The run also stores its whole result and its printed output for the new files."""
    make_dataset()
    _validate()
    before = {p.name: p.read_bytes() for p in private_cache.iterdir()}
    make_dataset(
        **{"cities/da-nang.yaml": "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2019\n"}
    )
    _validate()
    after = {p.name: p.read_bytes() for p in private_cache.iterdir()}
    changed = [n for n in after if before.get(n) != after[n]]
    kinds = sorted(json.loads(after[n])["name"].split(":")[0] for n in changed)
    assert kinds == ["files", "output", "result"]


def test_unusable_cache_folder_changes_nothing(
    make_dataset: DatasetBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder that cannot be created (a file is in the way) only makes runs cold."""
    make_dataset(**{"countries/sg.yaml": "iso2: SG\nname: Singapore, mail a@b.sg\n"})
    cold = _validate("--no-cache")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "ascn"))
    assert _validate() == cold
    assert _validate() == cold
