"""The offline search index: one entry per page, with the facets the search page filters on.

Hand-written on purpose. Pagefind (the maintained engine the issue suggests) handles Thai,
Khmer and Vietnamese well when served over HTTP (checked with 1.5.2), but it loads its script
as a module and its index with fetch(), which browsers refuse for file:// pages (Pagefind
issue #241); the portal must also search offline from a folder. Lunr and MiniSearch split
words on whitespace by default, which Thai and Khmer do not put between words. So the index
is a script (a <script> loads from file:// as from a web host) and assets/search.js matches
substrings of accent-folded text: it finds a Thai or Khmer word inside a name and "Da Nang"
in "Đà Nẵng". A linear scan of a few thousand entries takes milliseconds.
"""

from __future__ import annotations

import json
from typing import Any

from ascn.models import Dataset
from ascn.reference import PARTNER_KIND_LABELS
from ascn.site import links
from ascn.site.links import Related
from ascn.site.views import area_label, country_name, latest_status

Entry = dict[str, Any]
KIND_ORDER = {"City": 0, "Project": 1, "Partner": 2, "Member state": 3, "Focus area": 4}


def _entry(kind: str, title: str, url: str, **facets: Any) -> Entry:
    return {
        "k": kind,
        "t": title,
        "u": url,
        "c": sorted(set(facets.get("countries", []))),
        "f": sorted(set(facets.get("areas", []))),
        "s": facets.get("status", ""),
        "x": " ".join(w for w in facets.get("words", []) if w),
        "d": facets.get("detail", ""),
    }


def _cities(ds: Dataset, rel: Related) -> list[Entry]:
    entries = []
    for city in ds.cities.values():
        plan = ds.plans.get(city.id)
        areas = [a.value for a in plan.focus_areas] if plan else []
        areas += [p.focus_area.value for _, p in rel.projects_by_city.get(city.id, [])]
        words = [*city.name_variants, country_name(city.country)]
        entries.append(
            _entry(
                "City",
                city.name,
                links.city(city.id),
                countries=[city.country],
                areas=areas,
                words=words,
                detail=country_name(city.country),
            )
        )
    return entries


def _projects(ds: Dataset) -> list[Entry]:
    entries = []
    for plan, _, item in ds.projects():
        city = ds.cities.get(plan.city)
        words = [*item.former_titles, ds.city_name(plan.city), (item.description or "")[:300]]
        entries.append(
            _entry(
                "Project",
                item.title,
                links.project(item.id),
                countries=[city.country] if city else [],
                areas=[item.focus_area.value],
                status=latest_status(item),
                detail=ds.city_name(plan.city),
                words=words,
            )
        )
    return entries


def _partners(ds: Dataset) -> list[Entry]:
    entries = []
    for stem, owner in ds.partners.items():
        cities = [ds.cities.get(s.city) for s in owner.partnerships if s.city]
        places = [c.country for c in cities if c is not None]
        areas = [a.value for a in owner.focus_areas]
        areas += [s.focus_area.value for s in owner.partnerships if s.focus_area]
        words = [PARTNER_KIND_LABELS[owner.kind], *(s.topic for s in owner.partnerships)]
        entries.append(
            _entry(
                "Partner",
                owner.name,
                links.partner(stem),
                countries=places,
                areas=areas,
                words=words,
                detail=PARTNER_KIND_LABELS[owner.kind],
            )
        )
    return entries


def entries(ds: Dataset, rel: Related, countries: list[str], areas: list[str]) -> list[Entry]:
    """Every searchable page, sorted by kind and title."""
    found = _cities(ds, rel) + _projects(ds) + _partners(ds)
    found += [
        _entry("Member state", country_name(c), links.country(c), countries=[c]) for c in countries
    ]
    found += [_entry("Focus area", area_label(a), links.focus_area(a), areas=[a]) for a in areas]
    return sorted(found, key=lambda e: (KIND_ORDER[e["k"]], e["t"].casefold(), e["u"]))


def script(found: list[Entry]) -> str:
    """The index as a script that sets window.ASCN_SEARCH_INDEX."""
    data = json.dumps(found, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # "</" could close the <script> element if the index were ever inlined: escape it.
    safe = data.replace("</", "<\\/")
    return f"window.ASCN_SEARCH_INDEX = {safe};\n"
