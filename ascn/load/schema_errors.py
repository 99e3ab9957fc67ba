"""Pydantic validation errors as problems a focal point understands."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ascn.load.yamlread import resolve_scalar
from ascn.problems import Pointer, Problem

# Patterns in models.py, said in words.
PATTERN_WORDS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "an id: lowercase letters, digits and hyphens (e.g. da-nang)",
    r"^[A-Z]{2}$": "a two-letter ISO country code in capitals (e.g. VN)",
    r"^[A-Z]{3}$": "a three-letter ISO currency code in capitals (e.g. USD)",
    r"^https?://\S+$": "a web address starting with http:// or https://",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    r"^([a-z0-9]+(-[a-z0-9]+)*|https?://\S+)$": "a source id (e.g. me-2024) or a web address",
}
TYPE_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "str": "text",
    "list": "a list (lines starting with '- ')",
    "dict": "a mapping of field: value",
    "model": "a mapping of field: value",
    "model_attributes": "a mapping of field: value",
    "date": "a date as YYYY-MM-DD",
    "date_from_datetime": "a date as YYYY-MM-DD",
}


def problems_from_validation(
    error: ValidationError,
    model: type[BaseModel],
    value: dict[str, Any],
    shown: str,
    record: str | None = None,
) -> list[Problem]:
    """One problem per Pydantic error, pointing at the key or value it concerns.

    `record` names the record in messages (e.g. "Da Nang plan"); by default the name
    is taken from the record's own fields.
    """
    return [_problem(detail, model, value, shown, record) for detail in _details(error)]


def _details(error: ValidationError) -> Iterator[ErrorDetails]:
    yield from error.errors(include_url=False, include_context=True)


def _problem(
    detail: ErrorDetails, model: type[BaseModel], value: Any, shown: str, record: str | None
) -> Problem:
    loc: Pointer = tuple(detail["loc"])
    subject = describe(model, value, loc, record)
    kind = detail["type"]
    if kind == "missing":
        field = str(loc[-1])
        message = f"{subject}: required field '{field}' is missing"
        return Problem.at_pointer("missing-field", message, shown, loc[:-1], part="key")
    if kind == "extra_forbidden":
        message = f"{subject}: unknown field '{loc[-1]}'"
        hint = _field_hint(str(loc[-1]), model_at(model, loc[:-1]))
        return Problem.at_pointer("unknown-field", message, shown, loc, part="key", hint=hint)
    code = "wrong-type" if kind.endswith(("_type", "_parsing")) else "bad-value"
    message, hint = _value_words(detail, model_at(model, loc[:-1]), loc)
    return Problem.at_pointer(code, f"{subject}: {message}", shown, loc, hint=hint)


def _value_words(detail: ErrorDetails, parent: Any, loc: Pointer) -> tuple[str, str | None]:
    """What is wrong with a value, and a suggestion, without echoing free text."""
    field = _field_name(loc)
    kind, ctx = detail["type"], detail.get("ctx") or {}
    if kind == "enum":
        choices = _enum_choices(parent, loc)
        given = detail["input"] if isinstance(detail["input"], str) else None
        return f"{field} must be one of: {', '.join(choices)}", _suggest(given, choices)
    if kind == "string_pattern_mismatch":
        words = PATTERN_WORDS.get(str(ctx.get("pattern")), f"match {ctx.get('pattern')}")
        return f"{field} must be {words}", None
    if kind in LIMIT_WORDS:
        limit = next(iter(ctx.values()), "?")
        return f"{field} must be {LIMIT_WORDS[kind]} {limit}", None
    base = kind.removesuffix("_type").removesuffix("_parsing")
    if base in TYPE_WORDS and base != kind:
        return f"{field} must be {TYPE_WORDS[base]}", _unquote_hint(detail["input"], base)
    return f"{field}: {detail['msg'][0].lower()}{detail['msg'][1:]}", None


LIMIT_WORDS = {
    "greater_than": "more than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
    "too_short": "at least this long:",
    "too_long": "at most this long:",
    "string_too_short": "at least this many characters:",
    "string_too_long": "at most this many characters:",
}


YAML_1_1_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})


def _unquote_hint(given: object, expected: str) -> str | None:
    """Suggest removing quotes when text was given where a number or boolean belongs."""
    if not isinstance(given, str) or expected not in ("int", "float", "bool"):
        return None
    if expected == "bool" and given.lower() in YAML_1_1_BOOLEANS:
        return f"write true or false: '{given}' is text in YAML 1.2"
    value = resolve_scalar(given)
    if isinstance(value, bool) != (expected == "bool") or isinstance(value, str) or value is None:
        return None
    return "write it without quotes"


def _field_name(loc: Pointer) -> str:
    names = [str(step) for step in loc if isinstance(step, str)]
    return names[-1] if names else "value"


def _field_hint(unknown: str, model: type[BaseModel] | None) -> str | None:
    if model is None:
        return None
    allowed = list(model.model_fields)
    close = _suggest(unknown, allowed)
    return close or f"allowed fields: {', '.join(allowed)}"


def _suggest(given: str | None, choices: list[str]) -> str | None:
    if not given:
        return None
    close = difflib.get_close_matches(given.lower(), choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _enum_choices(parent: type[BaseModel] | None, loc: Pointer) -> list[str]:
    name = _field_name(loc)
    if parent is None or name not in parent.model_fields:
        return []
    enum = _find(parent.model_fields[name].annotation, lambda t: issubclass(t, Enum))
    return [member.value for member in enum] if enum else []


def model_at(model: type[BaseModel], loc: Pointer) -> type[BaseModel] | None:
    """The model class that holds the node at `loc` (None if `loc` leaves the models)."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if current is None or step not in current.model_fields:
            return None
        annotation = current.model_fields[step].annotation
        current = _find(annotation, lambda t: issubclass(t, BaseModel))
    return typing.cast("type[BaseModel] | None", current)


def _find(annotation: Any, wanted: Any) -> Any:
    """The first class inside an annotation (through lists, unions, Annotated) that fits."""
    if isinstance(annotation, type) and not isinstance(annotation, types.GenericAlias):
        return annotation if wanted(annotation) else None
    for arg in typing.get_args(annotation):
        found = _find(arg, wanted)
        if found is not None:
            return found
    return None


def describe(model: type[BaseModel], value: Any, loc: Pointer, record: str | None = None) -> str:
    """The record (and item within it) at `loc`, in the user's terms."""
    words = [record or _record_words(model.__name__.lower(), value)]
    node = value
    for index, step in enumerate(loc):
        node = _step(node, step)
        if isinstance(step, int) and isinstance(node, dict) and index:
            words.append(item_words(str(loc[index - 1]), node, step))
    return ", ".join(words)


def _step(node: Any, step: str | int) -> Any:
    if isinstance(node, dict) and isinstance(step, str):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def _record_words(kind: str, value: Any) -> str:
    value = value if isinstance(value, dict) else {}
    label = value.get("name") or value.get("id") or value.get("city") or value.get("iso2")
    label = short(label) if isinstance(label, str) else label
    if kind == "plan":
        return f"plan of {label}" if isinstance(label, str) else "plan"
    return f"{kind} {label}" if isinstance(label, str) else kind


def item_words(list_name: str, item: dict[str, Any], index: int) -> str:
    """How to name the item `index` of a list field: by title, id or year where it has one."""
    singular = {"projects": "project", "partnerships": "partnership", "updates": "update"}
    noun = singular.get(list_name, list_name.rstrip("s"))
    for key in ("title", "id", "year"):
        label = item.get(key)
        label = short(label) if isinstance(label, str) else label
        if isinstance(label, str | int) and not isinstance(label, bool):
            return f'{noun} "{label}"' if key == "title" else f"{noun} {label}"
    return f"{noun} #{index + 1}"


MAX_LABEL = 80


def short(label: str) -> str:
    """A name or title from the data, cut for a message: a broken record's may be huge."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 3] + "..."
