"""Plain words for matching's reasons: lists, city names and instruments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ascn.models import Dataset
from ascn.reference import Instrument

INSTRUMENT_WORDS: dict[Instrument, str] = {
    Instrument.BUDGET: "public budget",
    Instrument.GRANT: "grants",
    Instrument.LOAN: "loans",
    Instrument.EQUITY: "equity",
    Instrument.GUARANTEE: "guarantees",
    Instrument.PPP: "public-private partnerships",
    Instrument.GREEN_BOND: "green bonds",
    Instrument.LAND_VALUE_CAPTURE: "land value capture",
    Instrument.TECHNICAL_ASSISTANCE: "technical assistance",
}


def join(items: Sequence[str], word: str) -> str:
    """`a`, `a and b`, `a, b and c` (or with `or`)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def city_names(ds: Dataset, city_ids: Iterable[str]) -> str:
    """The cities' names, each once, in alphabetical order, joined in words."""
    names = sorted({ds.city_name(c) for c in city_ids}, key=str.casefold)
    return join(names, "and")


def instrument_words(instruments: Iterable[Instrument]) -> str:
    """Instruments in words, in the order the record gives them."""
    return join([INSTRUMENT_WORDS[i] for i in dict.fromkeys(instruments)], "and")
