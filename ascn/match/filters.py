"""The hard filters: what the record says a partner cannot do for a project.

A filter only excludes on what a record states: a partner's `offers:` (an empty list there
means "any"), the partnerships it already has, and its kind and country. A partner that
states no offer is never excluded for what it might not offer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from ascn.figures.pipeline import amount_words
from ascn.match.target import Target
from ascn.match.words import instrument_words, join
from ascn.models import Offer, Partner
from ascn.reference import MEMBER_STATES, Instrument, PartnerKind, SeekingKind

# Which offered instruments serve what a city seeks (a partner: any of them).
SERVES: Mapping[SeekingKind, frozenset[Instrument]] = MappingProxyType(
    {
        SeekingKind.FUNDING: frozenset(Instrument) - {Instrument.TECHNICAL_ASSISTANCE},
        SeekingKind.TECHNICAL_ASSISTANCE: frozenset({Instrument.TECHNICAL_ASSISTANCE}),
        SeekingKind.PARTNER: frozenset(Instrument),
    }
)


def served(t: Target) -> frozenset[Instrument]:
    """The instruments that serve what the project seeks (any, if it states nothing)."""
    seeking = t.project.seeking
    if seeking is None:
        return frozenset(Instrument)
    return frozenset[Instrument]().union(*(SERVES[kind] for kind in seeking.what))


def _supports(partner_id: str, partner: Partner, t: Target) -> str | None:
    named = any(t.project.id in p.projects for p in partner.partnerships)
    return "already supports this project" if named or partner_id in t.project.partners else None


def _government_elsewhere(partner: Partner, t: Target) -> str | None:
    home = partner.country
    if partner.kind is not PartnerKind.GOVERNMENT or home not in MEMBER_STATES:
        return None
    if t.country is None or home == t.country:
        return None
    return f"a government body of {MEMBER_STATES[home]}: it works with its own country's cities"


OfferRule = Callable[[Offer, Target], str | None]


def _focus(offer: Offer, t: Target) -> str | None:
    if not offer.focus_areas or t.project.focus_area in offer.focus_areas:
        return None
    return f"offers only for {join([a.value for a in offer.focus_areas], 'and')} projects"


def _countries(offer: Offer, t: Target) -> str | None:
    if not offer.countries or t.country in offer.countries:
        return None
    names = [MEMBER_STATES.get(c, c) for c in offer.countries]
    return f"offers only in {join(names, 'and')}"


def _stage(offer: Offer, t: Target) -> str | None:
    investment = t.project.investment
    if not offer.stages or investment is None or investment.stage in offer.stages:
        return None
    stages = join([s.value for s in offer.stages], "or")
    return f"supports only projects at the {stages} stage; this one is at {investment.stage.value}"


def _instruments(offer: Offer, t: Target) -> str | None:
    seeking = t.project.seeking
    if seeking is None or not offer.instruments or served(t) & set(offer.instruments):
        return None
    wanted = join([w.value for w in seeking.what], "and")
    return f"offers only {instrument_words(offer.instruments)}; the city seeks {wanted}"


def _ticket(offer: Offer, t: Target) -> str | None:
    seeking, ticket = t.project.seeking, offer.ticket_size
    if seeking is None or seeking.amount is None or ticket is None:
        return None
    amount = seeking.amount
    if amount.currency != ticket.currency:
        return None  # no exchange rates: amounts in two currencies are not compared
    low, high = ticket.min, ticket.max
    if (low is None or amount.amount >= low) and (high is None or amount.amount <= high):
        return None
    span = (
        f"up to {amount_words(high)}"
        if low is None and high is not None
        else f"from {amount_words(low or 0)}"
        if high is None
        else f"{amount_words(low or 0)} to {amount_words(high)}"
    )
    sought = amount_words(amount.amount)
    return f"gives {span} {ticket.currency} per project; the city seeks {sought} {amount.currency}"


OFFER_RULES: tuple[OfferRule, ...] = (_focus, _countries, _stage, _instruments, _ticket)


def filtered_out(partner_id: str, partner: Partner, t: Target) -> str | None:
    """Why the partner cannot serve the project, from the record; None if it may."""
    reason = _supports(partner_id, partner, t) or _government_elsewhere(partner, t)
    if reason is not None or partner.offers is None:
        return reason
    offer = partner.offers
    return next((r for rule in OFFER_RULES if (r := rule(offer, t)) is not None), None)
