"""The checks' shortcuts give what the straightforward walks give, on varied inputs."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ascn import checks, models
from ascn.checks import identity, privacy, references, timeline
from ascn.checks import years as year_checks
from ascn.checks.base import all_records, fields_holding, fields_of, is_model, project_label
from ascn.edit import guard
from ascn.load import contacts, discovery, loader, parallel
from ascn.problems import Pointer, Problem
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


@pytest.mark.parametrize("data", FOLDERS, ids=_ids)
def test_source_ids_are_every_entry_but_web_addresses(data: Path) -> None:
    """The ids the cache keeps per file for ref-unknown-source: every entry that may be one."""
    dataset = validate(data, current_year=2026).dataset
    for _, _, record in all_records(dataset):
        refs = {ref for _, ref in _every_source_ref(record, ())}
        assert references.source_ids(record) == sorted(
            ref for ref in refs if not ref.startswith(("http://", "https://"))
        )


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
    walked = dataclasses.replace(dataset, contact_free={})
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


YEARS = st.integers(2015, 2030)
UPDATE = st.fixed_dictionaries(
    {"year": YEARS, "status": st.sampled_from(["planning", "ongoing", "completed", "removed"])}
)


@st.composite
def timelines(draw: st.DrawFn) -> models.Dataset:
    """Small datasets whose years, statuses and ids are often wrong, and sometimes right."""
    cities, plans, partners = {}, {}, {}
    for city in draw(st.lists(st.sampled_from(["hue", "vinh", "hanoi"]), unique=True)):
        cities[city] = models.City(id=city, name=city.title(), country="VN", joined=draw(YEARS))
        period = draw(st.one_of(st.none(), st.tuples(YEARS, YEARS)))
        projects = [
            {
                "id": draw(st.sampled_from([f"{city}-a", f"{city}-b", "hue-a", "x"])),
                "title": "T",
                "focus_area": "quality-environment",
                "first_listed": draw(YEARS),
                "updates": draw(st.lists(UPDATE, max_size=5)),
            }
            for _ in range(draw(st.integers(0, 3)))
        ]
        plan = {"city": city, "projects": projects}
        if period:
            plan["period"] = {"start": period[0], "end": period[1]}
        plans[city] = models.Plan.model_validate(plan)
    for partner in draw(st.lists(st.sampled_from(["jica", "adb"]), unique=True)):
        ids = draw(st.lists(st.sampled_from(["p-1", "p-2", "p-3"]), max_size=3))
        partnerships = [
            {"id": i, "topic": "T", "since": draw(st.one_of(st.none(), YEARS))} for i in ids
        ]
        partners[partner] = models.Partner.model_validate(
            {"id": partner, "name": partner, "kind": "ngo", "partnerships": partnerships}
        )
    records = {"city": cities, "plan": plans, "partner": partners}
    files = {(k, stem): f"{k}/{stem}.yaml" for k, found in records.items() for stem in found}
    return models.Dataset.from_records(records, files)


def _found(check: Callable[..., Iterator[Problem]], ds: models.Dataset, year: int) -> list[Any]:
    return [(p, p.related) for p in check(ds, privacy.Context(year))]


@settings(max_examples=300, deadline=None)
@given(timelines(), st.integers(2018, 2027))
def test_year_checks_match_full_walks(ds: models.Dataset, year: int) -> None:
    """The update checks' quick tests per project, and duplicate-id's, drop no problem."""
    fast = {code: _found(checks.CHECKS[code], ds, year) for code in SHORTCUT_CODES}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline, "_updates", _every_update)
        patch.setattr(identity, "_repeats", lambda ids: True)
        full = {code: _found(checks.CHECKS[code], ds, year) for code in SHORTCUT_CODES}
    assert fast == full
    assert _found(timeline.project_outside_period, ds, year) == _outside_period(ds)
    assert _found(year_checks.year_in_future, ds, year) == _in_future(ds, year)


SHORTCUT_CODES = [
    "update-order", "update-in-future", "update-before-listed", "status-regression",
    "duplicate-id", "project-id-prefix",
]  # fmt: skip


def _every_update(ds: models.Dataset, suspect: object) -> Iterator[Any]:
    """`timeline._updates` as it was: every update of every project."""
    for plan, index, project in ds.projects():
        for n, update in enumerate(project.updates):
            yield (plan, index, project, n), update


def _outside_period(ds: models.Dataset) -> list[Any]:
    """project-outside-period as it was: every year of every project compared."""
    found = []
    for plan, index, project in ds.projects():
        if plan.period is None:
            continue
        start, end = plan.period.start, plan.period.end
        years = [(("projects", index, "first_listed"), project.first_listed, end)]
        years += [
            (("projects", index, "updates", n, "year"), u.year, u.year)
            for n, u in enumerate(project.updates)
        ]
        for pointer, year, last in years:
            if not start <= year <= last:
                label = project_label(plan, project, ds)
                message = f"{label}: {year} is outside the plan period {start}-{end}"
                file = ds.file_of("plan", plan.city)
                problem = Problem.at_pointer("project-outside-period", message, file, pointer)
                found.append((problem, None))
    return found


def _in_future(ds: models.Dataset, current: int) -> list[Any]:
    """year-in-future as it was: a message for every observed year, then the comparison."""
    observed = [
        ("city", stem, ("joined",), city.joined, f"{city.name} joined")
        for stem, city in ds.cities.items()
    ]
    observed += [
        ("plan", plan.city, ("projects", index, "first_listed"), project.first_listed,
         f"{project_label(plan, project, ds)} first listed")
        for plan, index, project in ds.projects()
    ]  # fmt: skip
    observed += [
        ("partner", stem, ("partnerships", index, "since"), p.since,
         f"{partner.name}: partnership {p.id} begins")
        for stem, partner, index, p in ds.partnerships()
        if p.since is not None
    ]  # fmt: skip
    hint = f"it is {current}: record what has happened, not what is planned"
    return [
        (Problem.at_pointer("year-in-future", f"{what} in {year}, which has not begun",
                            ds.file_of(kind, stem), pointer, hint=hint), None)
        for kind, stem, pointer, year, what in observed
        if year > current
    ]  # fmt: skip


def test_a_replaced_record_is_walked(tmp_path: Path) -> None:
    """A record replaced after loading (as a writer's check does) is not skipped by its key."""
    (tmp_path / "cities").mkdir()
    (tmp_path / "cities" / "hue.yaml").write_text(CITY, encoding="utf-8")
    dataset = loader.load(tmp_path).dataset
    assert ("city", "hue") in dataset.contact_free
    contact = models.City.model_validate({**dataset.cities["hue"].model_dump(), "notes": "a@b.vn"})
    replaced = dataclasses.replace(dataset, cities={"hue": contact})
    found = list(privacy.personal_data(replaced, privacy.Context(2026)))
    assert [p.pointer for p in found] == [("notes",)]


def test_a_writer_cannot_add_contacts_to_a_clean_file(tmp_path: Path) -> None:
    """The writers' guard still finds an e-mail address a new text adds to a contact-free file."""
    (tmp_path / "cities").mkdir()
    path = tmp_path / "cities" / "hue.yaml"
    path.write_text(CITY, encoding="utf-8")
    added = guard.new_errors(tmp_path, path, CITY + "notes: mr.an@hue.gov.vn\n", 2026)
    assert [p.code for p in added] == ["personal-data"]
