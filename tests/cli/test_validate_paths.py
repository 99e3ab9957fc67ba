"""`ascn validate PATH...`: the named files' problems, found with the whole dataset."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ascn.cli import app
from tests.conftest import DatasetBuilder

HUE_CITY = "id: hue\nname: Hue\ncountry: VN\njoined: 2018\nnotes: [\n"


def test_only_the_named_files_problems_are_listed(make_dataset: DatasetBuilder) -> None:
    """A broken hue.yaml is not reported when only da-nang's plan is named."""
    make_dataset(**{"cities/hue.yaml": HUE_CITY})
    result = CliRunner().invoke(app, ["validate", "data/plans/da-nang.yaml"])
    assert (result.exit_code, result.stdout) == (0, "No problems in 1 file.\n")


def test_cross_file_problems_of_a_named_file_are_found(make_dataset: DatasetBuilder) -> None:
    """A plan that names an unknown partner is reported: references use the whole dataset."""
    plan = "city: da-nang\nprojects:\n  - id: da-nang-water\n    title: W\n"
    plan += (
        "    focus_area: quality-environment\n    first_listed: 2018\n    partners: [jica-japan]\n"
    )
    make_dataset(**{"plans/da-nang.yaml": plan})
    result = CliRunner().invoke(app, ["validate", "--format", "json", "data/plans/da-nang.yaml"])
    problems = json.loads(result.stdout)["problems"]
    hint = "did you mean 'jica' (Japan International Cooperation Agency)?"
    found = [(p["line"], p["code"], p["hint"]) for p in problems]
    assert (result.exit_code, found) == (1, [(7, "ref-unknown-partner", hint)])


def test_a_path_outside_the_data_folder_is_an_error(make_dataset: DatasetBuilder) -> None:
    """Naming a file that is not in --data exits 2 with a clear message."""
    make_dataset()
    (make_dataset().parent / "other.yaml").write_text("id: x\n")
    result = CliRunner().invoke(app, ["validate", "other.yaml"])
    assert (result.exit_code, result.stderr) == (
        2,
        "error: other.yaml is not inside the data folder data (give --data the folder it "
        "belongs to)\n",
    )
