"""Property tests: the loader never raises on any bytes, and validation is deterministic."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn.console import render_json, render_text
from ascn.load import loader
from ascn.validate import validate
from tests.conftest import MINIMAL_FILES

SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Pieces of YAML, so that examples reach the parser and the models, not only the decoder.
PIECES = [
    "id: ",
    "name: ",
    "joined: ",
    "country: VN",
    "\n",
    "  ",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!python/object ",
    "'",
    '"',
    "#",
    "\t",
    "\\",
    "\x00",
    "\ufeff",
    "é",
    "2018",
    "-1",
    ".inf",
    "no",
    "~",
    "?",
    "|",
    ">",
    "%TAG ",
    "---",
    "...",
    "\r\n",
    "da-nang",
]
yamlish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
content = st.one_of(st.binary(max_size=400), yamlish.map(str.encode))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A minimal valid dataset whose city file each example overwrites."""
    data = tmp_path_factory.mktemp("properties") / "data"
    for relative, text in MINIMAL_FILES.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return data


@SETTINGS
@given(raw=content)
def test_loader_never_raises_and_locates_every_problem(dataset: Path, raw: bytes) -> None:
    """Any bytes in a record file give problems with a position, never an exception."""
    (dataset / "cities" / "da-nang.yaml").write_bytes(raw)
    result = loader.load(dataset)
    assert all(p.line >= 1 and p.column >= 1 for p in result.problems)
    assert all(p.message.isprintable() for p in result.problems)


@SETTINGS
@given(raw=content)
def test_validate_output_is_the_same_on_every_run(dataset: Path, raw: bytes) -> None:
    """The same input gives byte-identical text and JSON output, run after run."""
    (dataset / "cities" / "da-nang.yaml").write_bytes(raw)
    first, second = validate(dataset, 2026), validate(dataset, 2026)
    assert render_json(first.problems, first.files) == render_json(second.problems, second.files)
    assert render_text(first.problems, first.files) == render_text(second.problems, second.files)
