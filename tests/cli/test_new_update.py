"""`ascn new` and `ascn update`: valid files, exact edits, refusals with exit code 2."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ascn.cli import app
from ascn.cli import edit as cli
from ascn.edit.formatter import format_all
from ascn.edit.scaffold import skeleton
from ascn.load.loader import KIND_BY_NAME
from ascn.load.yamlread import compose, construct
from ascn.validate import validate
from tests.conftest import DatasetBuilder

PLAN_WITH_COMMENT = """\
    # yaml-language-server: $schema=../../schema/plan.schema.json
    city: da-nang
    projects:
      - id: da-nang-water
        title: Smart Water Management  # as in the 2018 plan
        focus_area: quality-environment
        first_listed: 2018
        updates:
          - year: 2022
            status: ongoing
          # 2023 not reported
          - year: 2024
            status: ongoing
    sources:
      - me-2024
    """


def _run(*args: str, stdin: str | None = None) -> object:
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)


def _clean(data: Path) -> list[str]:
    return [f"{p.file}:{p.line} {p.code}" for p in validate(data).problems]


def test_new_city_writes_a_valid_commented_skeleton(make_dataset: DatasetBuilder) -> None:
    """The file has the modeline, the given fields and every optional field commented out."""
    data = make_dataset()
    result = _run(
        "new", "city", "--id", "hue", "--name", "Hue", "--country", "VN", "--joined", "2018"
    )
    assert (result.exit_code, result.stdout) == (0, "wrote data/cities/hue.yaml\n")
    text = (data / "cities" / "hue.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:6] == [
        "# yaml-language-server: $schema=../../schema/city.schema.json",
        "id: hue",
        "name: Hue",
        "country: VN",
        "# national_capital: false  # Whether the city is its country's capital.",
        "joined: 2018",
    ]
    assert _clean(data) == []


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["new", "plan", "--city", "hue"], "plans/hue.yaml"),
        (
            ["new", "partner", "--id", "kotra", "--name", "K", "--kind", "ngo"],
            "partners/kotra.yaml",
        ),
        (
            [
                "new",
                "city",
                "--id",
                "hoi-an",
                "--name",
                "Hoi An",
                "--country",
                "VN",
                "--joined",
                "2019",
            ],
            "cities/hoi-an.yaml",
        ),
    ],
    ids=["plan", "partner", "city"],
)
def test_new_files_validate_and_are_already_formatted(
    make_dataset: DatasetBuilder, args: list[str], written: str
) -> None:
    """What `ascn new` writes passes `ascn validate` and `ascn fmt --check` as it is."""
    data = make_dataset({"cities/hue.yaml": "id: hue\nname: Hue\ncountry: VN\njoined: 2018\n"})
    assert _run(*args).exit_code == 0
    assert _clean(data) == []
    [result] = format_all([data / written], data)
    assert (result.changed, result.problems, result.refusal, result.kept_order) == (
        False,
        (),
        None,
        (),
    )


def _uncommented(text: str) -> str:
    """The skeleton with every optional field's `# ` removed (the modeline stays)."""
    lines = text.splitlines()
    return "\n".join([lines[0], *(re.sub(r"^# ", "", line) for line in lines[1:])]) + "\n"


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("city", {"id": "hue", "name": "Hue", "country": "VN", "joined": 2018}),
        ("plan", {"city": "hue"}),
        ("partner", {"id": "kotra", "name": "KOTRA", "kind": "government"}),
    ],
)
def test_every_commented_field_is_valid_once_uncommented(
    kind: str, values: dict[str, object]
) -> None:
    """Deleting the `# ` in front of all optional lines still gives a valid record."""
    text = _uncommented(skeleton(kind, values))
    record = KIND_BY_NAME[kind].model.model_validate(construct(compose(text)))
    optional = [
        f for f, info in KIND_BY_NAME[kind].model.model_fields.items() if not info.is_required()
    ]
    assert sorted(record.model_fields_set) == sorted([*values, *optional])


def test_new_refuses_to_overwrite(make_dataset: DatasetBuilder) -> None:
    """An existing file is never replaced: exit 2 and the file is unchanged."""
    data = make_dataset()
    before = (data / "cities" / "da-nang.yaml").read_text(encoding="utf-8")
    result = _run(
        "new", "city", "--id", "da-nang", "--name", "X", "--country", "VN", "--joined", "2018"
    )
    assert result.exit_code == 2
    assert result.stderr == "error: data/cities/da-nang.yaml already exists; edit it instead\n"
    assert (data / "cities" / "da-nang.yaml").read_text(encoding="utf-8") == before


def test_new_with_a_bad_value_says_why(make_dataset: DatasetBuilder) -> None:
    """An option that would make an invalid record is refused in the validator's words."""
    make_dataset()
    result = _run(
        "new", "city", "--id", "hue", "--name", "Hue", "--country", "Vietnam", "--joined", "2018"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: city Hue: country must be a two-letter ISO country code in capitals (e.g. VN)\n"
    )


def test_new_plan_needs_the_city_file(make_dataset: DatasetBuilder) -> None:
    """A plan for a city without a file would not validate: it is refused."""
    make_dataset()
    result = _run("new", "plan", "--city", "hue")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: no city hue: add it first with `ascn new city`\n",
    )


def test_missing_option_outside_a_terminal_is_a_usage_error(make_dataset: DatasetBuilder) -> None:
    """Without a terminal nothing is prompted: a missing required option exits 2."""
    make_dataset()
    result = _run("new", "partner", "--id", "kotra", "--name", "KOTRA")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--kind': is required outside a terminal"
    )


def test_missing_options_are_prompted_in_a_terminal(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a terminal each missing option is asked for in turn."""
    data = make_dataset()
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    result = _run("new", "city", "--id", "hue", stdin="Hue\nVN\n2018\n")
    assert result.exit_code == 0
    assert result.stdout == "Name: Hue\nCountry: VN\nJoined: 2018\nwrote data/cities/hue.yaml\n"
    assert (data / "cities" / "hue.yaml").read_text(encoding="utf-8").splitlines()[1:3] == [
        "id: hue",
        "name: Hue",
    ]


def test_new_project_only_adds_lines(make_dataset: DatasetBuilder) -> None:
    """The project is appended; every existing line, comments included, stays as it was."""
    data = make_dataset({"plans/da-nang.yaml": PLAN_WITH_COMMENT})
    path = data / "plans" / "da-nang.yaml"
    before = path.read_text(encoding="utf-8")
    result = _run(
        "new", "project", "--city", "da-nang", "--id", "da-nang-lights", "--title", "Smart Lights",
        "--focus-area", "built-infrastructure", "--first-listed", "2024",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (
        0,
        "added project da-nang-lights to data/plans/da-nang.yaml\n",
    )
    lines = before.splitlines()
    assert path.read_text(encoding="utf-8").splitlines() == [
        *lines[:13],
        "  - id: da-nang-lights",
        "    title: Smart Lights",
        "    focus_area: built-infrastructure",
        "    first_listed: 2024",
        *lines[13:],
    ]
    assert _clean(data) == []


def test_new_project_with_a_used_id_is_refused(make_dataset: DatasetBuilder) -> None:
    """Project ids are unique across the dataset: exit 1, the problem, nothing written."""
    data = make_dataset()
    before = (data / "plans" / "da-nang.yaml").read_bytes()
    result = _run(
        "new", "project", "--city", "da-nang", "--id", "da-nang-water", "--title", "Water",
        "--focus-area", "quality-environment", "--first-listed", "2024",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        1,
        "data/plans/da-nang.yaml\n"
        "  10:9    error   project id 'da-nang-water' is already used at "
        'data/plans/da-nang.yaml:3 ("Smart Water Management")  (duplicate-id)\n'
        "              - id: da-nang-water\n"
        "                    ^\n"
        "            hint: give this project its own id, e.g. 'da-nang-water-2'; never change "
        "a published id\n"
        "\n"
        "1 error, 0 warnings in 1 file.\n"
        "error: nothing was written: the edit would add 1 error (shown above)\n",
    )
    assert (data / "plans" / "da-nang.yaml").read_bytes() == before


def test_edit_of_a_file_not_in_canonical_layout_is_refused(make_dataset: DatasetBuilder) -> None:
    """If the round trip would rewrite other lines, nothing is written and fmt is suggested."""
    odd = "city: da-nang\nprojects:\n    -   id: da-nang-water\n        title: Water\n" + (
        "        focus_area: quality-environment\n        first_listed: 2018\n"
    )
    data = make_dataset({"plans/da-nang.yaml": odd})
    result = _run("update", "--project", "da-nang-water", "--year", "2024", "--status", "ongoing")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: data/plans/da-nang.yaml is not in the canonical layout, so the edit would rewrite "
        "other lines; run `ascn fmt data/plans/da-nang.yaml` first\n"
    )
    assert (data / "plans" / "da-nang.yaml").read_text(encoding="utf-8") == odd


def test_update_inserts_the_year_in_order(make_dataset: DatasetBuilder) -> None:
    """A status for 2023 goes between 2022 and 2024; the comment after 2022 stays there."""
    data = make_dataset({"plans/da-nang.yaml": PLAN_WITH_COMMENT})
    path = data / "plans" / "da-nang.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    result = _run(
        "update", "--project", "da-nang-water", "--year", "2023", "--status", "ongoing",
        "--note", "Pipes laid in two districts.",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (
        0,
        "recorded status 2023 ongoing of da-nang-water in data/plans/da-nang.yaml\n",
    )
    assert lines[10] == "      # 2023 not reported"
    assert path.read_text(encoding="utf-8").splitlines() == [
        *lines[:11],
        "      - year: 2023",
        "        status: ongoing",
        "        note: Pipes laid in two districts.",
        *lines[11:],
    ]
    assert _clean(data) == []


def test_update_corrects_an_existing_year(make_dataset: DatasetBuilder) -> None:
    """A status for a year already recorded replaces that year's status."""
    data = make_dataset({"plans/da-nang.yaml": PLAN_WITH_COMMENT})
    path = data / "plans" / "da-nang.yaml"
    before = path.read_text(encoding="utf-8")
    result = _run("update", "--project", "da-nang-water", "--year", "2024", "--status", "completed")
    assert (
        result.stdout
        == "changed status 2024 completed of da-nang-water in data/plans/da-nang.yaml\n"
    )
    assert path.read_text(encoding="utf-8") == before.replace(
        "- year: 2024\n        status: ongoing", "- year: 2024\n        status: completed"
    )


def test_update_of_an_unknown_project_exits_2(make_dataset: DatasetBuilder) -> None:
    """The project must exist in some plan."""
    make_dataset()
    result = _run("update", "--project", "da-nang-wter", "--year", "2024", "--status", "ongoing")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: no project 'da-nang-wter' in any plan; did you mean 'da-nang-water'?\n",
    )


def test_prompts_ask_again_after_a_bad_answer(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistyped year and focus area are explained and asked again, never a traceback."""
    make_dataset()
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    answers = (
        "da-nang\nda-nang-lights\nSmart Lights\nbuilt infra\nbuilt-infrastructure\n2019a\n2019\n"
    )
    result = _run("new", "project", stdin=answers)
    assert (result.exit_code, result.stderr) == (
        0,
        "error: 'built infra' is not one of: civic-and-social, health-and-well-being, "
        "safety-and-security, quality-environment, built-infrastructure, "
        "industry-and-innovation; did you mean 'built-infrastructure'?\n"
        "error: '2019a' is not a year: type four digits, e.g. 2024\n",
    )
    assert result.stdout.endswith("added project da-nang-lights to data/plans/da-nang.yaml\n")


def test_prompt_for_a_partner_kind_suggests_the_closest(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`gov` is not a kind: the prompt names the kinds and asks again."""
    make_dataset()
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    result = _run("new", "partner", "--id", "kotra", "--name", "KOTRA", stdin="gov\ngovernment\n")
    assert result.exit_code == 0
    assert result.stderr.startswith("error: 'gov' is not one of: ")


def test_update_in_a_future_year_is_refused_and_writes_nothing(
    make_dataset: DatasetBuilder,
) -> None:
    """2027 has not begun (ASCN_NOW=2026): exit 1, the problem, the file unchanged."""
    data = make_dataset()
    before = (data / "plans" / "da-nang.yaml").read_bytes()
    result = _run("update", "--project", "da-nang-water", "--year", "2027", "--status", "ongoing")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "data/plans/da-nang.yaml",
        '  10:15   error   Da Nang, project "Smart Water Management": update for 2027 is in the '
        "future  (update-in-future)",
    ]
    assert (data / "plans" / "da-nang.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "new",
                "project",
                "--city",
                "../cities/da-nang",
                "--id",
                "da-nang-x",
                "--title",
                "X",
                "--focus-area",
                "built-infrastructure",
                "--first-listed",
                "2024",
            ],
            "error: --city '../cities/da-nang' is not an id: use lowercase letters, digits and "
            "hyphens, as in the file name without .yaml (da-nang)\n",
        ),
        (
            ["update", "--project", "a/b", "--year", "2024", "--status", "ongoing"],
            "error: --project 'a/b' is not an id: use lowercase letters, digits and hyphens, as "
            "in the file name without .yaml (da-nang)\n",
        ),
    ],
    ids=["new-project-city", "update-project"],
)
def test_ids_that_are_paths_are_refused(
    make_dataset: DatasetBuilder, args: list[str], message: str
) -> None:
    """An id on the command line never reaches the file system as a path."""
    make_dataset()
    result = _run(*args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_plan_naming_another_city_is_not_edited(make_dataset: DatasetBuilder) -> None:
    """plans/da-nang.yaml with `city: hue` is refused, not edited."""
    data = make_dataset()
    path = data / "plans" / "da-nang.yaml"
    path.write_text(path.read_text().replace("city: da-nang", "city: hue"))
    before = path.read_bytes()
    result = _run("update", "--project", "da-nang-water", "--year", "2024", "--status", "ongoing")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: data/plans/da-nang.yaml does not hold the plan of 'da-nang' (its `city:` differs "
        "from the file name); fix the file first (`ascn validate` shows how)\n",
    )
    assert path.read_bytes() == before


def test_update_keeps_the_file_mode(make_dataset: DatasetBuilder) -> None:
    """A plan readable only by its group stays so after an update."""
    data = make_dataset()
    path = data / "plans" / "da-nang.yaml"
    path.chmod(0o640)
    assert (
        _run(
            "update", "--project", "da-nang-water", "--year", "2024", "--status", "ongoing"
        ).exit_code
        == 0
    )
    assert (path.stat().st_mode & 0o777, len(list(path.parent.iterdir()))) == (0o640, 1)


def test_update_never_writes_through_a_link(make_dataset: DatasetBuilder, tmp_path: Path) -> None:
    """A plan that is a link (here to a file outside data/) is refused; the target is untouched."""
    data = make_dataset()
    outside = tmp_path / "outside.yaml"
    plan = data / "plans" / "da-nang.yaml"
    outside.write_bytes(plan.read_bytes())
    plan.unlink()
    plan.symlink_to(outside)
    result = _run("update", "--project", "da-nang-water", "--year", "2024", "--status", "ongoing")
    assert result.exit_code == 2
    assert outside.read_bytes() == (tmp_path / "outside.yaml").read_bytes()
    assert plan.is_symlink()


def test_a_killed_writers_temporary_file_is_removed(make_dataset: DatasetBuilder) -> None:
    """A temporary file of a process that no longer runs goes; a running one's stays."""
    data = make_dataset()
    folder = data / "plans"
    dead = folder / ".da-nang.yaml.999999999.0123abcd.tmp"
    alive = folder / f".da-nang.yaml.{os.getpid()}.0123abcd.tmp"
    dead.write_text("half")
    alive.write_text("half")
    assert (
        _run(
            "update", "--project", "da-nang-water", "--year", "2024", "--status", "ongoing"
        ).exit_code
        == 0
    )
    assert sorted(p.name for p in folder.iterdir()) == [alive.name, "da-nang.yaml"]


def test_update_keeps_crlf_line_endings(make_dataset: DatasetBuilder) -> None:
    """A plan saved with CRLF gets its new lines with CRLF too (no mixed endings)."""
    data = make_dataset()
    path = data / "plans" / "da-nang.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert (
        _run(
            "update", "--project", "da-nang-water", "--year", "2024", "--status", "ongoing"
        ).exit_code
        == 0
    )
    raw = path.read_bytes()
    assert (raw.count(b"\r\n"), b"2024" in raw) == (raw.count(b"\n"), True)
