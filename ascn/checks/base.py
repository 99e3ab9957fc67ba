"""What every check shares: the context, the check signature and a few helpers."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeGuard, get_args

from ascn.problems import Problem

if TYPE_CHECKING:  # the models (pydantic) load only when checks run: `ascn explain` starts fast
    from pydantic import BaseModel

    from ascn.models import Dataset, Plan, Project


@dataclass(frozen=True)
class Context:
    """What checks may know beyond the data: the current year, for 'in the future'."""

    current_year: int


Check = Callable[["Dataset", Context], Iterator[Problem]]


def did_you_mean(given: str, known: Iterable[str]) -> str | None:
    """A "did you mean" hint naming the closest known value, if one is close."""
    close = difflib.get_close_matches(given, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def did_you_mean_record(given: str, names: Mapping[str, str]) -> str | None:
    """A "did you mean" for a record id, comparing ids, then names, then the id's parts.

    `jica-japan` is not close to `jica` letter by letter, but it starts with it; `hue-city`
    is close to the slug of the name "Hue City" of the record `hue`.
    """
    hint = did_you_mean(given, names)
    if hint:
        return hint
    by_slug = {_slug(name): record_id for record_id, name in names.items()}
    close = difflib.get_close_matches(given, sorted(by_slug), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{by_slug[close[0]]}' ({names[by_slug[close[0]]]})?"
    parts = given.split("-")
    within = [
        known
        for known in sorted(names, key=lambda k: (-len(k), k))
        if any(
            "-".join(parts[i:j]) == known
            for i in range(len(parts))
            for j in range(i + 1, len(parts) + 1)
        )
    ]
    return f"did you mean '{within[0]}' ({names[within[0]]})?" if within else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def project_label(plan: Plan, project: Project, ds: Dataset) -> str:
    """A project as people name it: its city and its title."""
    return f'{ds.city_name(plan.city)}, project "{project.title}"'


def _by_kind(ds: Dataset) -> tuple[tuple[str, Mapping[str, BaseModel]], ...]:
    """Each kind of record file and the dataset's records of it, in loading order."""
    return (
        ("source", ds.sources),
        ("country", ds.countries),
        ("city", ds.cities),
        ("plan", ds.plans),
        ("partner", ds.partners),
    )


def all_records(ds: Dataset) -> Iterator[tuple[str, str, BaseModel]]:
    """Every loaded record as (kind, file stem, record)."""
    if ds.network is not None:
        yield "network", "network", ds.network
    for kind, records in _by_kind(ds):
        for stem, record in records.items():
            yield kind, stem, record


def record_keys(ds: Dataset) -> Iterator[tuple[str, str]]:
    """Every loaded record as (kind, file stem), in `all_records` order, reading no record.

    A plans mapping may build each plan when it is read (ascn.load.incremental): walks
    that need a record only now and then fetch it with `record_of`.
    """
    if ds.network is not None:
        yield "network", "network"
    for kind, records in _by_kind(ds):
        for stem in records:
            yield kind, stem


def record_of(ds: Dataset, kind: str, stem: str) -> BaseModel:
    """The record `record_keys` names."""
    if kind == "network" and ds.network is not None:
        return ds.network
    return dict(_by_kind(ds))[kind][stem]


_IS_MODEL: dict[type, bool] = {}


def is_model(value: object) -> TypeGuard[BaseModel]:
    """Whether `value` is a pydantic model (without importing pydantic: see the imports).

    Memoised by type: a failed hasattr() costs several times an isinstance() check, and
    the walks over every record ask this of every value.
    """
    kind = type(value)
    known = _IS_MODEL.get(kind)
    if known is None:
        known = _IS_MODEL[kind] = hasattr(kind, "__pydantic_fields__")
    return known


def fields_of(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """A model's declared fields and values, in order.

    Read from the instance __dict__ (a third of the cost of getattr; these walks visit
    every record). Pydantic puts the declared fields first; cached properties such as
    `Project.update_by_year` come after them and are left out.
    """
    return islice(model.__dict__.items(), len(type(model).__pydantic_fields__))


_HOLDERS: dict[tuple[type, str], tuple[str, ...]] = {}


def fields_holding(kind: type[BaseModel], name: str) -> tuple[str, ...]:
    """The fields of a model class, in order, that are `name` or may hold a model that has it.

    Worked out once per class from the field annotations: a walk that follows only these
    fields skips the many that cannot lead to `name` (a project's updates, its titles);
    ref-unknown-source walked every field, 0.15 s of 0.64 s of checks at 1,000 cities.
    """
    key = (kind, name)
    known = _HOLDERS.get(key)
    if known is None:
        # A model that holds itself (none does today) would see all its fields: walked.
        _HOLDERS[key] = tuple(kind.__pydantic_fields__)
        known = _HOLDERS[key] = tuple(
            field
            for field, info in kind.__pydantic_fields__.items()
            if field == name or any(fields_holding(m, name) for m in _models_in(info.annotation))
        )
    return known


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    """The model classes an annotation names anywhere (`list[Project] | None`: Project)."""
    if isinstance(annotation, type) and hasattr(annotation, "__pydantic_fields__"):
        yield annotation
    for argument in get_args(annotation):
        yield from _models_in(argument)
