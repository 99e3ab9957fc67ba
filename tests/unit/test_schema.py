"""The JSON Schema files: generated from the models, enriched, current, and true to the data."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path
from typing import Annotated, Any

import jsonschema
import pytest
from pydantic import BaseModel, TypeAdapter

from ascn import models
from ascn.edit.schema import EXAMPLES, FIELD_DOCS, TITLES, build, expected_files, stale_files
from ascn.load.loader import KINDS
from ascn.load.yamlread import compose, construct
from tests.conftest import MINIMAL_FILES, REPO

KIND_OF_FOLDER = {str(kind.folder): kind.name for kind in KINDS if kind.folder}


def _read(path: Path) -> Any:
    return construct(compose(path.read_text(encoding="utf-8")))


def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = build(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _kind_of(relative: str) -> str:
    folder = relative.split("/", maxsplit=1)[0]
    return "network" if relative == "network.yaml" else KIND_OF_FOLDER[folder]


def _errors(kind: str, value: Any) -> list[str]:
    return sorted(error.message for error in _validator(kind).iter_errors(value))


def test_committed_schema_files_are_current() -> None:
    """schema/ in the repository is what the models give now (else run `ascn schema`)."""
    assert stale_files(REPO / "schema") == []


def test_every_shipped_data_file_is_valid_against_its_schema() -> None:
    """The editor would not flag any line of the real data."""
    problems = {}
    for path in sorted((REPO / "data").rglob("*.yaml")):
        relative = path.relative_to(REPO / "data").as_posix()
        errors = _errors(_kind_of(relative), _read(path))
        if errors:
            problems[relative] = errors
    assert problems == {}


@pytest.mark.parametrize("relative", sorted(MINIMAL_FILES))
def test_minimal_dataset_files_are_valid(relative: str) -> None:
    """Each file of the test fixture dataset passes its schema."""
    value = construct(compose(textwrap.dedent(MINIMAL_FILES[relative])))
    assert _errors(_kind_of(relative), value) == []


def test_schema_rejects_an_unknown_field_and_a_bad_status() -> None:
    """The schema catches what the models catch: extra fields and values outside an enum."""
    plan = {
        "city": "da-nang",
        "projects": [
            {
                "id": "da-nang-water",
                "title": "Smart Water",
                "focus_area": "quality-environment",
                "first_listed": 2018,
                "updates": [{"year": 2022, "status": "finished"}],
                "budgett": {"amount": 1, "currency": "USD"},
            }
        ],
    }
    assert _errors("plan", plan) == [
        "'finished' is not one of ['planning', 'planning-or-ongoing', 'ongoing', 'completed', "
        "'removed']",
        "Additional properties are not allowed ('budgett' was unexpected)",
    ]


def test_schema_rejects_a_missing_required_field() -> None:
    """A city without its country fails, as in `ascn validate`."""
    assert _errors("city", {"id": "hue", "name": "Hue", "joined": 2018}) == [
        "'country' is a required property"
    ]


def _model_nodes(schema: dict[str, Any]) -> list[dict[str, Any]]:
    defs = schema.get("$defs", {})
    return [schema, *(node for node in defs.values() if "properties" in node)]


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_every_field_has_a_title_and_a_description(kind: str) -> None:
    """Hovering any field in the editor shows what it is."""
    undocumented = [
        field
        for node in _model_nodes(build(kind))
        for field, prop in node["properties"].items()
        if not prop.get("description") or not prop.get("title")
    ]
    assert undocumented == []


def test_enums_carry_their_labels() -> None:
    """Focus areas, statuses and partner kinds list their labels beside their values."""
    defs = build("plan")["$defs"]
    assert defs["Status"]["enum"] == [
        "planning",
        "planning-or-ongoing",
        "ongoing",
        "completed",
        "removed",
    ]
    assert defs["Status"]["enumDescriptions"] == [
        "Planning",
        "Planning or ongoing (source leaves it open)",
        "Ongoing",
        "Completed",
        "Removed from the plan",
    ]
    assert build("partner")["$defs"]["PartnerKind"]["enumDescriptions"][0] == (
        "Government or government agency"
    )


def test_record_titles_are_words() -> None:
    """Model and enum titles read as words (Status update), not class names."""
    defs = build("plan")["$defs"]
    assert (defs["StatusUpdate"]["title"], defs["FocusArea"]["title"]) == (
        "Status update",
        "Focus area",
    )
    assert build("city")["properties"]["area_km2"]["title"] == "Area (km²)"


def _field(key: str) -> tuple[type[BaseModel], str]:
    model_name, field = key.split(".")
    return getattr(models, model_name), field


def test_documented_and_exemplified_fields_exist() -> None:
    """Every entry of FIELD_DOCS and EXAMPLES names a real field of a real model."""
    all_fields = {
        name
        for model in vars(models).values()
        if isinstance(model, type) and issubclass(model, BaseModel)
        for name in model.model_fields
    }
    for key in [*FIELD_DOCS, *EXAMPLES]:
        model_name, field = key.split(".")
        if model_name == "*":
            assert field in all_fields, key
        else:
            assert field in _field(key)[0].model_fields, key
    assert set(TITLES) <= all_fields


def test_field_docs_never_override_the_models() -> None:
    """A description written in models.py wins: FIELD_DOCS only fills gaps."""
    overridden = [
        key
        for key in FIELD_DOCS
        if not key.startswith("*") and _field(key)[0].model_fields[_field(key)[1]].description
    ]
    assert overridden == []


def _models_with(key: str) -> list[tuple[type[BaseModel], str]]:
    model_name, field = key.split(".")
    if model_name != "*":
        return [_field(key)]
    return [
        (model, field)
        for model in vars(models).values()
        if isinstance(model, type) and issubclass(model, BaseModel) and field in model.model_fields
    ]


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_every_example_is_a_valid_value(key: str) -> None:
    """Each example shown in the editor passes the model's own rules for that field."""
    for model, field in _models_with(key):
        info = model.model_fields[field]
        adapter: TypeAdapter[Any] = TypeAdapter(Annotated[info.annotation, info])
        for example in EXAMPLES[key]:
            adapter.validate_python(copy.deepcopy(example))


def test_expected_files_cover_every_kind() -> None:
    """One file per record kind, named as the data files' modelines say."""
    assert sorted(expected_files()) == [
        "city.schema.json",
        "country.schema.json",
        "network.schema.json",
        "partner.schema.json",
        "plan.schema.json",
        "source.schema.json",
    ]
