"""`ascn new` and `ascn update`: new files and edits that are valid from the start.

A new file holds the schema modeline, the required fields from the options and every
optional field commented out with an example and its description, in the model's order,
so that a focal point only deletes the `# ` in front of a line to use it. Edits of an
existing plan (a new project, a yearly status) go through ruamel's round trip and are
accepted only if every other line of the file stays as it was.
"""

from __future__ import annotations

import io
import re
import types
import typing
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ascn.checks.base import did_you_mean
from ascn.edit.comments import hash_count
from ascn.edit.guard import Edit
from ascn.edit.schema import description_of, examples_of
from ascn.edit.textedit import insert_item
from ascn.edit.yamlout import dump_record, modeline, round_trip_yaml
from ascn.ids import SLUG_PATTERN
from ascn.load import loader
from ascn.load.discovery import printable
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


def record_id(value: object, option: str) -> str:
    """An id given on the command line: a slug, never a path (`../cities/x`, `a/b`)."""
    text = str(value)
    if not re.fullmatch(SLUG_PATTERN, text):
        raise BadOption(
            f"{option} '{printable(text)}' is not an id: use lowercase letters, digits and "
            "hyphens, as in the file name without .yaml (da-nang)"
        )
    return text


def new_record(data_dir: Path, kind: str, values: Mapping[str, Any]) -> Edit:
    """The file `ascn new KIND` writes, after checking what it refers to exists."""
    model = KIND_BY_NAME[kind].model
    stem = record_id(
        values["city" if kind == "plan" else "id"], "--city" if kind == "plan" else "--id"
    )
    _validated(model, values, f"new {kind}")
    path = data_dir / str(KIND_BY_NAME[kind].folder) / f"{stem}.yaml"
    if path.exists() or path.is_symlink():
        raise RecordExists(f"{loader.display_path(path)} already exists; edit it instead")
    _check_references(data_dir, kind, values)
    text = skeleton(kind, values)
    return Edit(path, text, f"wrote {loader.display_path(path)}", None)


def _check_references(data_dir: Path, kind: str, values: Mapping[str, Any]) -> None:
    if kind == "city":
        country = str(values["country"])
        if not (data_dir / "countries" / f"{country.lower()}.yaml").exists():
            raise RecordMissing(f"no member state {country} in {data_dir}/countries/")
    if kind == "plan" and not (data_dir / "cities" / f"{values['city']}.yaml").exists():
        raise RecordMissing(f"no city {values['city']}: add it first with `ascn new city`")


def _load_plan(data_dir: Path, city: str) -> tuple[Path, str, Any]:
    """The plan file of a city, its text and plain data; refused if it names another city."""
    path = data_dir / "plans" / f"{record_id(city, '--city')}.yaml"
    if not path.is_file() or path.is_symlink():
        raise RecordMissing(f"no plan for {city}: add it first with `ascn new plan --city {city}`")
    text, problem = loader.read_text(path, loader.display_path(path))
    if text is None:
        raise RecordMissing(problem.message if problem else f"cannot read {path}")
    data = construct(compose(text))
    if not isinstance(data, dict) or data.get("city") != city:
        raise EditRefused(
            f"{loader.display_path(path)} does not hold the plan of '{city}' (its `city:` "
            "differs from the file name); fix the file first (`ascn validate` shows how)"
        )
    return path, text, data


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


def changed_lines(old: str, new: str) -> int:
    """How many lines of `old` an edit replaced or deleted: everything between the common
    first and last lines (linear; difflib's matcher was quadratic on a large plan)."""
    before, after = old.split("\n"), new.split("\n")
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return len(before) - head - tail


def _checked(path: Path, old: str, new: str, expected: Any, rewritten: int) -> str:
    """The new text, if it holds the expected data and changes at most `rewritten` old lines."""
    changed = changed_lines(old, new)
    if (
        changed > rewritten
        # Every old line kept: no comment can be lost, and counting them costs two parses.
        or (changed and hash_count(new) != hash_count(old))
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
    record_id(values["id"], "--id")
    _validated(Project, values, "new project")
    path, text, expected = _load_plan(data_dir, city)
    expected.setdefault("projects", []).append(dict(values))
    count = len(expected["projects"]) - 1
    new = insert_item(text, ("projects",), count, values)
    if new is None:
        tree = round_trip_yaml().load(text)
        project = CommentedMap(values)
        if "projects" in tree:
            tree["projects"].append(project)
        else:
            plan_model = KIND_BY_NAME["plan"].model
            _insert_in_order(tree, "projects", CommentedSeq([project]), plan_model)
        new = _dump(tree)
    new = _checked(path, text, new, expected, rewritten=0)
    return Edit(path, new, f"added project {values['id']} to {loader.display_path(path)}", text)


def _find_project(dataset: Dataset, project_id: str) -> tuple[str, int]:
    """The file id of the plan that holds the project, and the project's index in it."""
    for stem, plan in dataset.plans.items():
        for index, project in enumerate(plan.projects):
            if project.id == project_id:
                return stem, index
    hint = did_you_mean(project_id, [p.id for _, _, p in dataset.projects()])
    raise RecordMissing(f"no project '{project_id}' in any plan" + (f"; {hint}" if hint else ""))


def record_status(data_dir: Path, project_id: str, update: Mapping[str, Any]) -> Edit:
    """Record a project's status for a year: a new update in year order, or a corrected one."""
    record_id(project_id, "--project")
    _validated(StatusUpdate, update, "update")
    stem, index = _find_project(loader.load(data_dir).dataset, project_id)
    path, text, expected = _load_plan(data_dir, stem)
    if expected["projects"][index].get("id") != project_id:
        raise EditRefused(f"{loader.display_path(path)} changed while it was read; try again")
    updates = expected["projects"][index].setdefault("updates", [])
    years = [u.get("year") for u in updates]
    ordered = {key: update[key] for key in StatusUpdate.model_fields if key in update}
    if update["year"] in years:
        position = years.index(update["year"])
        updates[position] = {**updates[position], **ordered}
        rewritten, verb, new = len(update), "changed", None
    else:
        position = sum(1 for year in years if isinstance(year, int) and year < update["year"])
        updates.insert(position, ordered)
        rewritten, verb = 0, "recorded"
        new = insert_item(text, ("projects", index, "updates"), position, ordered)
    if new is None:
        new = _round_trip_status(text, index, position, ordered, verb == "changed")
    new = _checked(path, text, new, expected, rewritten)
    status = f"{update['year']} {update['status']}"
    shown = loader.display_path(path)
    return Edit(path, new, f"{verb} status {status} of {project_id} in {shown}", text)


def _round_trip_status(
    text: str, index: int, position: int, update: Mapping[str, Any], correct: bool
) -> str:
    """The status edit through ruamel's round trip (corrections, and lists insert_item cannot)."""
    tree = round_trip_yaml().load(text)
    project = tree["projects"][index]
    if "updates" not in project:
        _insert_in_order(project, "updates", CommentedSeq(), Project)
    if correct:
        project["updates"][position].update(update)
    else:
        project["updates"].insert(position, CommentedMap(update))
    return _dump(tree)
