"""The checks' shortcuts give what the straightforward walks give, on varied inputs."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ascn import models
from ascn.checks import privacy, references
from ascn.checks.base import all_records, fields_holding, fields_of, is_model
from ascn.load import contacts, discovery, loader, parallel
from ascn.problems import Pointer
from ascn.validate import validate
from tests.conftest import REPO

CASES = sorted((REPO / "tests" / "cases").glob("*/*/data"))
FOLDERS = [*CASES, REPO / "data"]


def _ids(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}" if path in CASES else path.name


def _every_source_ref(model: object, pointer: Pointer) -> Iterator[tuple[Pointer, str]]:
    """The walk ref-unknown-source made before: every field of every nested model."""
    assert is_model(model)
    for name, value in fields_of(model):
        if name == "sources":
            yield from (((*pointer, name, index), ref) for index, ref in enumerate(value))
        elif is_model(value):
            yield from _every_source_ref(value, (*pointer, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if is_model(item):
                    yield from _every_source_ref(item, (*pointer, name, index))


@pytest.mark.parametrize("data", FOLDERS, ids=_ids)
def test_source_walk_matches_full_walk(data: Path) -> None:
    """Following only the fields that can hold `sources` finds every entry, in order."""
    dataset = validate(data, current_year=2026).dataset
    for _, _, record in all_records(dataset):
        assert list(references._source_refs(record, ())) == list(_every_source_ref(record, ()))


def test_fields_holding_follows_nested_models() -> None:
    """A plan's projects are followed (their investment has sources); updates are not."""
    assert fields_holding(models.Plan, "sources") == ("earlier", "projects", "sources")
    assert "updates" not in fields_holding(models.Project, "sources")
    assert fields_holding(models.Investment, "sources") == ("funding", "readiness", "sources")
    assert fields_holding(models.StatusUpdate, "sources") == ()


def test_every_space_is_deleted() -> None:
    """No character above U+3000 is whitespace, so the probe's table deletes all of it."""
    assert not [c for c in range(0x3001, sys.maxunicode + 1) if chr(c).isspace()]


@pytest.mark.parametrize("data", CASES, ids=_ids)
@pytest.mark.parametrize("forked", [False, True])
def test_contact_free_changes_no_result(
    data: Path, forked: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On every case folder, personal-data finds the same with the probe's shortcut as without."""
    if forked:  # the parse helper's path, as for large datasets
        monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    dataset = validate(data, current_year=2026).dataset
    walked = dataclasses.replace(dataset, contact_free=frozenset())
    context = privacy.Context(2026)
    shortcut = list(privacy.personal_data(dataset, context))
    assert shortcut == list(privacy.personal_data(walked, context))


# Values rich in what the check looks for: digits (also non-ASCII ones), separators,
# line breaks that YAML folds into spaces, and characters YAML escapes.
PIECES = st.one_of(
    st.text(st.sampled_from("0123456789٣"), min_size=1, max_size=5),
    st.sampled_from(
        [" ", "-", "(", ")", "+", "\n", " \n ", "\t", "@", ".", "a", "\\", "#", "'", '"']
    ),
)
VALUE = st.lists(PIECES, max_size=12).map("".join)
STYLES = [
    lambda v: "notes: " + v.replace("\n", "\n  "),
    lambda v: 'notes: "' + v.replace("\n", "\n  ") + '"',
    lambda v: "notes: '" + v.replace("\n", "\n  ") + "'",
    lambda v: "notes: >\n  " + v.replace("\n", "\n  "),
    lambda v: "notes: |\n  " + v.replace("\n", "\n  "),
    lambda v: "name_variants: [" + v.replace("\n", "\n  ") + "]",
]


@settings(max_examples=600, deadline=None)
@example("084-236-382", 0)
@example("(084) 236\n 3822", 3)
@example("+84 236\t3822", 1)
@given(VALUE, st.sampled_from(range(len(STYLES))))
def test_probe_never_misses_a_contact(value: str, style: int) -> None:
    """A city file the probe calls contact-free never gets a personal-data problem."""
    text = CITY + STYLES[style](value) + "\n"
    if not contacts.may_hold_contacts(text):
        assert not _personal_data(text)


CITY = "id: hue\nname: Hue\ncountry: VN\njoined: 2018\n"


def _personal_data(text: str) -> list[Pointer]:
    """Where personal-data finds something in a city file's text (nothing if it does not load)."""
    kind = discovery.KIND_BY_NAME["city"]
    record_file = discovery.RecordFile(kind, Path("cities/hue.yaml"), "cities/hue.yaml")
    record, _ = loader.read_record_text(record_file, text)
    if record is None:
        return []
    return [p.pointer for p in privacy.personal_data_in(record, record_file.display)]


@pytest.mark.parametrize(
    "notes",
    [
        "notes: mr.an@danang.gov.vn\n",
        "notes: +84 236\n  3822 123\n",
        "notes: >\n  tel (0236)\n  382-2123\n",
        'notes: "0236 \\x33822 123"\n',
    ],
)
def test_probe_sees_contacts(notes: str) -> None:
    """A contact written plainly, folded or escaped is reported, and the probe says maybe."""
    assert _personal_data(CITY + notes) == [("notes",)]
    assert contacts.may_hold_contacts(CITY + notes)
