"""`ascn new` and `ascn update`: new files and edits that are valid from the start.

A new file holds the schema modeline, the required fields from the options and every
optional field commented out with an example and its description, in the model's order,
so that a focal point only deletes the `# ` in front of a line to use it. Edits of an
existing plan (a new project, a yearly status) go through ruamel's round trip and are
accepted only if every other line of the file stays as it was.
"""

from __future__ import annotations

import difflib
import io
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ascn.edit.comments import hash_count
from ascn.edit.schema import description_of, examples_of
from ascn.edit.yamlout import dump_record, modeline, round_trip_yaml
from ascn.load import loader
from ascn.load.loader import KIND_BY_NAME
from ascn.load.schema_errors import model_at, problems_from_validation
from ascn.load.yamlread import compose, construct
from ascn.models import Dataset, Project, StatusUpdate
from ascn.problems import AscnError


class BadOption(AscnError):
    """An option's value would make an invalid record."""


class RecordExists(AscnError):
    """`ascn new` would overwrite a file or reuse an id."""


class RecordMissing(AscnError):
    """The record an edit needs (a plan, a project, a city) does not exist."""


class EditRefused(AscnError):
    """The edit cannot be made without rewriting other lines of the file."""


@dataclass(frozen=True)
class Edit:
    """A file to write: where, its new text, and what to tell the user."""

    path: Path
    text: str
    message: str


def _validated(model: type[BaseModel], values: Mapping[str, Any], what: str) -> None:
    """Raise BadOption, in the validator's words, if the values do not make a valid record."""
    try:
        model.model_validate(dict(values))
    except ValidationError as e:
        problems = problems_from_validation(e, model, dict(values), what)
        raise BadOption("; ".join(p.message for p in problems)) from e


def _example(model: type[BaseModel], field: str) -> Any:
    """An example value of a field, built from the examples of its parts where needed."""
    examples = examples_of(model.__name__, field)
    if examples is not None:
        return examples[0]
    is_list, inner = _unwrap(model.model_fields[field].annotation)
    nested = model_at(model, (field,))
    if nested is not None:
        required = [f for f, info in nested.model_fields.items() if info.is_required()]
        item = {f: _example(nested, f) for f in required}
        return [item] if is_list else item
    if isinstance(inner, type) and issubclass(inner, Enum):
        first = next(iter(inner)).value
        return [first] if is_list else first
    return None


def _unwrap(annotation: Any) -> tuple[bool, Any]:
    """Whether a field holds a list, and the type it holds (through `X | None`)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is list:
        return True, args[0]
    if len(args) == 1 and typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return _unwrap(args[0])
    return False, annotation


def _commented(model: type[BaseModel], field: str) -> list[str]:
    """An optional field as commented-out lines, its description at the end of the first."""
    example = _example(model, field)
    if example is None:
        return []
    lines = dump_record({field: example}).splitlines()
    description = description_of(model, field)
    if description:
        lines[0] += f"  # {description}"
    return ["# " + line for line in lines]


def skeleton(kind: str, values: Mapping[str, Any]) -> str:
    """A new file of a kind: modeline, the given fields, the optional ones commented out."""
    model = KIND_BY_NAME[kind].model
    _validated(model, values, f"new {kind}")
    lines = [modeline(kind, 2)]
    for field in model.model_fields:
        if field in values:
            lines += dump_record({field: values[field]}).splitlines()
        else:
            lines += _commented(model, field)
    return "\n".join(lines) + "\n"


def new_record(data_dir: Path, kind: str, values: Mapping[str, Any]) -> Edit:
    """The file `ascn new KIND` writes, after checking what it refers to exists."""
    model = KIND_BY_NAME[kind].model
    _validated(model, values, f"new {kind}")
    record_id = str(values["city" if kind == "plan" else "id"])
    path = data_dir / str(KIND_BY_NAME[kind].folder) / f"{record_id}.yaml"
    if path.exists():
        raise RecordExists(f"{loader.display_path(path)} already exists; edit it instead")
    _check_references(data_dir, kind, values)
    text = skeleton(kind, values)
    return Edit(path, text, f"wrote {loader.display_path(path)}")


def _check_references(data_dir: Path, kind: str, values: Mapping[str, Any]) -> None:
    if kind == "city":
        country = str(values["country"])
        if not (data_dir / "countries" / f"{country.lower()}.yaml").exists():
            raise RecordMissing(f"no member state {country} in {data_dir}/countries/")
    if kind == "plan" and not (data_dir / "cities" / f"{values['city']}.yaml").exists():
        raise RecordMissing(f"no city {values['city']}: add it first with `ascn new city`")


def _load_plan(data_dir: Path, city: str) -> tuple[Path, str, CommentedMap]:
    path = data_dir / "plans" / f"{city}.yaml"
    if not path.is_file():
        raise RecordMissing(f"no plan for {city}: add it first with `ascn new plan --city {city}`")
    text = path.read_text(encoding="utf-8")
    return path, text, round_trip_yaml().load(text)


def _dump(tree: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(tree, out)
    return out.getvalue()


def _insert_in_order(mapping: CommentedMap, key: str, value: Any, model: type[BaseModel]) -> None:
    """Add a key where the model's field order puts it."""
    fields = list(model.model_fields)
    before = [k for k in mapping if k in fields and fields.index(k) < fields.index(key)]
    position = list(mapping).index(before[-1]) + 1 if before else 0
    mapping.insert(position, key, value)


def _checked(path: Path, old: str, new: str, expected: Any, rewritten: int) -> str:
    """The new text, if it holds the expected data and changes at most `rewritten` old lines."""
    changed = sum(
        i2 - i1
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(
            None, old.splitlines(), new.splitlines(), autojunk=False
        ).get_opcodes()
        if tag in ("replace", "delete")
    )
    if (
        changed > rewritten
        or hash_count(new) != hash_count(old)
        or construct(compose(new)) != expected
    ):
        shown = loader.display_path(path)
        raise EditRefused(
            f"{shown} is not in the canonical layout, so the edit would rewrite other lines; "
            f"run `ascn fmt {shown}` first"
        )
    return new


def new_project(data_dir: Path, city: str, values: Mapping[str, Any]) -> Edit:
    """Add a project to a city's plan, touching no other line of the file."""
    _validated(Project, values, "new project")
    dataset = loader.load(data_dir).dataset
    if any(project.id == values["id"] for _, _, project in dataset.projects()):
        raise RecordExists(f"project id '{values['id']}' is already used")
    path, text, tree = _load_plan(data_dir, city)
    project = CommentedMap(values)
    if "projects" in tree:
        tree["projects"].append(project)
    else:
        _insert_in_order(tree, "projects", CommentedSeq([project]), KIND_BY_NAME["plan"].model)
    expected = construct(compose(text))
    expected.setdefault("projects", []).append(dict(values))
    new = _checked(path, text, _dump(tree), expected, rewritten=0)
    return Edit(path, new, f"added project {values['id']} to {loader.display_path(path)}")


def _find_project(dataset: Dataset, project_id: str) -> tuple[str, int]:
    for plan, index, project in dataset.projects():
        if project.id == project_id:
            return plan.city, index
    raise RecordMissing(f"no project '{project_id}' in any plan")


def record_status(data_dir: Path, project_id: str, update: Mapping[str, Any]) -> Edit:
    """Record a project's status for a year: a new update in year order, or a corrected one."""
    _validated(StatusUpdate, update, "update")
    city, index = _find_project(loader.load(data_dir).dataset, project_id)
    path, text, tree = _load_plan(data_dir, city)
    project = tree["projects"][index]
    expected = construct(compose(text))
    updates = expected["projects"][index].setdefault("updates", [])
    years = [u.get("year") for u in updates]
    if "updates" not in project:
        _insert_in_order(project, "updates", CommentedSeq(), Project)
    if update["year"] in years:
        position = years.index(update["year"])
        updates[position] = {**updates[position], **update}
        project["updates"][position].update(update)
        rewritten, verb = len(update), "changed"
    else:
        position = sum(1 for year in years if isinstance(year, int) and year < update["year"])
        updates.insert(position, dict(update))
        project["updates"].insert(position, CommentedMap(update))
        rewritten, verb = 0, "recorded"
    new = _checked(path, text, _dump(tree), expected, rewritten)
    status = f"{update['year']} {update['status']}"
    return Edit(path, new, f"{verb} status {status} of {project_id} in {loader.display_path(path)}")
