"""One-off: transcribe the Smart City Action Plans from facts.csv into data/plans/.

Documented for the record, not run by tests or `make test` (the repository never reads the
source tables at run time). It was run once on the source folder of the ASCN tables:

    .venv/bin/python tools/transcribe_facts.py PATH/TO/sources [--data data]
    .venv/bin/python tools/transcribe_record.py [--data data]
    .venv/bin/ascn fmt --data data

What it writes (every value from a facts.csv row, cited by its source id or URL):
- each pilot city's plan: the plan period of the concept note, the vision and the year it
  names, the focus-area headings as printed, the framework's focus areas only where the
  source states them, every strategic target (its year where the text prints one); where the
  2019 report restates the plan differently (RESTATED), the 2019 statement is current and the
  2018 SCAP is kept under `earlier`;
- each city that joined from 2023: `published: false`, its own municipal plans as notes.
The official record (published figures, network years, partnership ends) is written by
tools/transcribe_record.py.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ascn.edit.yamlout import dump_record, modeline
from ascn.models import Plan

Row = dict[str, str]

# The five cities whose 2019 report changes the plan's vision or focus areas (facts README).
RESTATED = ("yangon", "luang-prabang", "manila", "kuala-lumpur", "ha-noi")
PLAN_PERIOD = {"start": 2018, "end": 2025}
SCAP, REPORT_2019, CONCEPT = "scap-2018", "ascn2019-report", "concept-note-2018"
OWN_LABELS = {
    "own_plan": "plan",
    "own_plan_document": "plan document",
    "own_plan_domains": "domains",
    "own_plan_period": "period",
    "own_plan_target": "target",
    "own_plan_target_year": "target year",
    "own_plan_vision": "vision",
    "own_city_vision": "city vision",
    "own_programme": "programme",
    "own_programme_since": "programme since",
    "related_initiative": "related initiative",
}
_BY_YEAR = re.compile(r"\b(?:by|By) (?:year )?(\d{4})\b")
_RANGE = re.compile(r"^From \d{4} to (\d{4}):")


def read_facts(sources: Path) -> list[Row]:
    """The rows of facts.csv."""
    with (sources / "facts.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, strict=True))


def target_year(text: str) -> int | None:
    """The one year a target names ("By 2025:", "by 2030", "From 2018 to 2025:"), else None."""
    ranged = _RANGE.match(text)
    if ranged:
        return int(ranged.group(1))
    years = set(_BY_YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None


def split_2019_headings(value: str) -> list[str]:
    """The 2019 report prints the focus areas on one line: split at semicolons, else commas."""
    parts = value.split("; ") if "; " in value else re.split(r", |\. ", value)
    return [re.sub(r"^and ", "", part).rstrip(".").strip() for part in parts if part.strip()]


def statement(rows: list[Row], prefix: str) -> dict[str, Any]:
    """Vision, headings, framework areas and targets of one document (scap / report2019)."""
    values: dict[str, list[str]] = {}
    for row in rows:
        values.setdefault(row["field"], []).append(row["value"])
    one = {key: items[0] for key, items in values.items()}
    out: dict[str, Any] = {}
    if f"{prefix}_vision" in one:
        vision: dict[str, Any] = {"text": one[f"{prefix}_vision"]}
        if f"{prefix}_vision_target_year" in one:
            vision["year"] = int(one[f"{prefix}_vision_target_year"])
        out["vision"] = vision
    if f"{prefix}_focus_areas_framework" in one:
        out["focus_areas"] = one[f"{prefix}_focus_areas_framework"].split()
    printed = one.get(f"{prefix}_focus_areas_as_printed")
    if printed:
        split = printed.split(" | ") if prefix == "scap" else split_2019_headings(printed)
        out["focus_area_headings"] = split
    targets = []
    for text in values.get(f"{prefix}_target", []):
        year = target_year(text)
        targets.append({"text": text, **({"year": year} if year else {})})
    if targets:
        out["strategic_targets"] = targets
    return out


def pilot_plan(plan: dict[str, Any], rows: list[Row]) -> dict[str, Any]:
    """A pilot city's plan with its vision, focus areas and targets from the SCAP and report."""
    scap, report = statement(rows, "scap"), statement(rows, "report2019")
    plan["published"] = True
    plan["period"] = dict(PLAN_PERIOD)
    if plan["city"] in RESTATED:
        plan.update({k: v for k, v in report.items() if k != "strategic_targets"})
        plan["strategic_targets"] = scap.get("strategic_targets", [])
        earlier = {k: v for k, v in scap.items() if k != "strategic_targets"}
        earlier_note = (
            "The plan as the 2018 Smart City Action Plan states it; the 2019 ASCN report "
            "restates the vision and focus areas differently, and that later statement is the "
            "current one. The SCAP's strategic targets are still the plan's targets: the 2019 "
            "report restates none."
        )
        plan["earlier"] = [{"as_of": 2018, **earlier, "notes": earlier_note, "sources": [SCAP]}]
        plan["notes"] = (
            "Vision and focus areas as the 2019 ASCN report restates them (the current "
            "statement; the 2018 SCAP's are under earlier). Strategic targets from the 2018 "
            "SCAP, which the 2019 report does not restate. The 2019 report prints the focus "
            "areas on one line; they are split at commas (semicolons where it uses them). "
            "Plan period 2018-2025 from the concept note."
        )
    else:
        plan.update(scap)
        plan["notes"] = (
            "Vision, focus areas and strategic targets from the 2018 Smart City Action Plan, "
            "which is the current statement; the 2019 ASCN report restates the plan"
            + restated_wording(scap, report)
            + ". Plan period 2018-2025 from the concept note."
        )
    plan["sources"] = merge_sources(plan.get("sources", []), [SCAP, REPORT_2019, CONCEPT])
    return plan


def restated_wording(scap: dict[str, Any], report: dict[str, Any]) -> str:
    """Where the 2019 report words the vision differently, its wording (kept, not lost)."""
    old, new = scap.get("vision", {}).get("text"), report.get("vision", {}).get("text")
    if new and _plain(new) != _plain(old or ""):
        return f" in its own words (vision: '{new}')"
    return ""


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def merge_sources(existing: list[str], more: list[str]) -> list[str]:
    """Sources in their first order, without repeats."""
    return list(dict.fromkeys([*existing, *more]))


def later_member_plan(plan: dict[str, Any], rows: list[Row]) -> dict[str, Any]:
    """A city that joined from 2023: no published SCAP; its own plans cited as notes."""
    own = [row for row in rows if row["field"].startswith(("own_", "related_"))]
    text = (
        "No Smart City Action Plan of this city has been published by ASEAN: none of the "
        "cities that joined from 2023 has a published SCAP, although the ASCN Terms of "
        "Reference (2019) ask applicant cities to submit one."
    )
    by_url: dict[str, list[str]] = {}
    for row in own:
        label = OWN_LABELS[row["field"]]
        by_url.setdefault(row["source_url"], []).append(f"{label}: {row['value']}")
    if by_url:
        cited = "; ".join(f"{', '.join(items)} ({url})" for url, items in by_url.items())
        text += f" The city's own plans and programmes, which are not ASCN plans: {cited}."
    plan["published"] = False
    plan["notes"] = text
    plan["sources"] = merge_sources(plan.get("sources", []), ["asean-ascn-page", REPORT_2019])
    return plan


def load_yaml(path: Path) -> Any:
    """A data file as a round-trip tree (comments kept, the schema modeline left out)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    body = lines[1:] if lines and lines[0].startswith("# yaml-language-server:") else lines
    return YAML(typ="rt").load("".join(body))


def write(path: Path, kind: str, depth: int, data: Any, model: Any) -> None:
    """Validate a record with its model and write it with its modeline."""
    model.model_validate(YAML(typ="safe", pure=True).load(dump_record(data)))
    path.write_text(dump_record(data, modeline(kind, depth)), encoding="utf-8", newline="\n")


def plans(data: Path, facts: list[Row], joined: dict[str, int]) -> None:
    """Every plan file: pilot plans completed, later members marked unpublished."""
    for city, year in sorted(joined.items()):
        path = data / "plans" / f"{city}.yaml"
        plan = load_yaml(path) if path.is_file() else {"city": city}
        rows = [row for row in facts if row["subject"] == city]
        plan = pilot_plan(plan, rows) if year == 2018 else later_member_plan(plan, rows)
        write(path, "plan", 2, plan, Plan)


def city_years(data: Path) -> dict[str, int]:
    """The year each city joined, from data/cities."""
    safe = YAML(typ="safe", pure=True)
    return {p.stem: safe.load(p)["joined"] for p in sorted((data / "cities").glob("*.yaml"))}


def main(argv: list[str] | None = None) -> int:
    """Transcribe plans, figures and partnership ends; print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="folder of the source tables (facts.csv)")
    parser.add_argument("--data", type=Path, default=Path("data"), help="dataset folder")
    args = parser.parse_args(argv)
    facts = read_facts(args.sources)
    plans(args.data, facts, city_years(args.data))
    print("plans written; run tools/transcribe_record.py, then `ascn fmt`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
