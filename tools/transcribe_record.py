"""One-off: the network's official record in data/ (published figures, 2026, partnership ends).

Documented for the record, not run by tests or `make test`. Transcribed by hand from the
`network` rows of facts.csv and the topics and notes of partnerships.csv (each value below
names its source id or URL); run once after tools/transcribe_facts.py:

    .venv/bin/python tools/transcribe_record.py [--data data]
    .venv/bin/ascn fmt --data data

- data/network.yaml: every official_*, stated_* and member_cities figure of facts.csv as a
  published figure (kind report for ASEAN's page and M&E reports, statement for speeches,
  briefings and news), with a note wherever it differs from what the records add up to;
  the 2026 chair; the ASEAN Smart City Action Plan 2026-2035; the East Asia Summit
  statement, which is not a partnership (its partner file is removed);
- partnerships: `until` where the topic or note gives an end (UNTIL);
- data/sources/antara-2021-ascn-progress.yaml: the 2021 briefing the statements cite;
- cities that joined from 2023: the joining-year evidence and its contradictions as notes.
Left out: the undated Brunei speech ("sixty-four (64) projec", cut off; no year), the 2021
"over 80 percent in three focus areas" (a share of three areas together) and the 2020
summit's "26 smart cities" (delegates, not members).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ascn.edit.yamlout import dump_record, modeline
from ascn.models import City, Network, Partner, Source

ME22, ME23, ME24, ME25 = "me-2022", "me-2023", "me-2024", "me-2025"
PAGE, BRIEFING = "asean-ascn-page", "antara-2021-ascn-progress"
SPEECH_2024 = "antaranews-2024-08"
DILG = (
    "https://calabarzon.dilg.gov.ph/ph-dilg-to-chair-asean-smart-cities-network-in-2026-"
    "setting-the-standard-for-resilient-and-accountable-local-governance/"
)
TRIBUNE = (
    "https://tribune.net.ph/2025/10/03/philippines-to-chair-asean-smart-cities-network-in-2026"
)
BANGKOK_POST = (
    "https://www.bangkokpost.com/thailand/general/2619154/3-provinces-join-asean-smart-cities"
)
PATTAYA_MAIL = (
    "https://www.pattayamail.com/thailandnews/chiang-mai-khon-kaen-rayong-join-asean-smart-"
    "cities-network-437046"
)
ANTARA_ID_2024 = (
    "https://m.antaranews.com/amp/berita/4167270/ditjen-bina-adwil-matangkan-persiapan-ri-di-"
    "asean-smart-cities-network"
)
SEASIA = (
    "https://seasia.co/2024/12/17/ascn-adds-5-more-smart-cities-to-2024-network-31-cities-in-total"
)
THESUN_2025_04 = (
    "https://thesun.my/malaysia-news/malaysia-gears-up-to-host-asean-ai-summit-se-asia-s-"
    "inaugural-smart-city-expo-GN14190969"
)
SMARTCITYSUMMIT = "https://smartcitysummit.org.vn/2020/en/about/about-ascn/"
ASEANRECORDS = (
    "https://aseanrecords.world/asean-smart-cities-network-the-first-network-to-build-and-"
    "connect-smart-cities-in-southeast-asia/"
)

NOT_LISTED_2021 = (
    "No public document lists the 65 projects of 2021. The dataset counts the 59 projects "
    "named by 2019 (50 in the 2018 SCAPs, 9 first in the 2019 report) that were still in "
    "the plans; a project enters the portfolio in the year of the first document naming it. "
    "The other six of the 65 are named in no public list for 2021: they are probably among "
    "the projects that the 2022 appendix names first, but no document says which, so the "
    "dataset counts them from 2022."
)
PARTNERSHIPS_UNLISTED = (
    "The official list of partnerships was not available: the dataset holds only the "
    "partnerships that the sources name (with their partner), so it counts fewer."
)
SPLIT_OPEN = (
    "The dataset keeps five projects (three of Bandar Seri Begawan, two of Kota Kinabalu) "
    "as planning-or-ongoing: the report's Exhibit 2 does not say which of them is in "
    "planning, only how many; by its figures it counts two of them as ongoing and three as "
    "planning."
)
EXHIBIT_AREAS = (
    "Not traced to a named project: the report's shares rest on its Exhibit 2 icons, which "
    "in several city-years use another focus area than the appendix; the dataset counts "
    "each project under its focus area in the latest appendix (see the projects' "
    "focus_area_note)."
)
LATER_AREA_2022 = (
    "The dataset counts 78 projects in 2022 (Phuket's City Data Platform, missing from the "
    "2022 appendix and listed again in 2023, stays in the portfolio as not reported) and "
    "each project under its latest focus area: Singapore's E-payments was Civic & Social in "
    "2022 and is Industry & Innovation from 2023. Over the report's 77 projects with their "
    "2022 focus areas the shares agree."
)
LATER_AREA_2023 = (
    "The 2023 exhibits still count Singapore's E-payments under Civic & Social (its 2022 "
    "focus area); the 2023 appendix and the dataset put it under Industry & Innovation. "
    "Counted the report's way the shares agree."
)


def fig(year: int, measure: str, value: float, kind: str, src: list[str], **more: Any) -> Any:
    """One published figure as data (keys in the record format's order after `ascn fmt`)."""
    return {"year": year, "measure": measure, "value": value, "kind": kind, **more, "sources": src}


def share(year: int, as_of: str, area: str, value: int, note: str | None = None) -> Any:
    """A focus-area share printed in an M&E report ("Civic and Social accounts for 29%")."""
    source = {2022: ME22, 2023: ME23, 2024: ME24, 2025: ME25}[year]
    extra = {"note": note} if note else {}
    return fig(year, "focus-area-share", value, "report", [source], as_of=as_of,
               focus_area=area, as_printed=f"{value}%", **extra)  # fmt: skip


def project_figures() -> list[Any]:
    """Totals of projects, printed and stated."""
    return [
        fig(2018, "projects", 53, "statement", [BRIEFING], as_printed="53 in 2018"),
        fig(2021, "projects", 65, "report", [ME22], as_of="2021",
            as_printed="65 projects in 2021", note=NOT_LISTED_2021),
        fig(2021, "projects", 65, "statement", [BRIEFING], as_of="2021-08",
            as_printed="65 projects", note=NOT_LISTED_2021),
        fig(2022, "projects", 77, "report", [ME22], as_of="2022-09-21", as_printed="77 projects",
            note="The 2022 appendix lists 77 projects. The dataset's portfolio also holds "
            "Phuket's City Data Platform, missing from the 2022 appendix but listed again in "
            "2023, so not removed: it counts as not reported in 2022."),
        fig(2023, "projects", 86, "report", [ME23], as_of="2023-08-14", as_printed="86"),
        fig(2024, "projects", 108, "report", [ME24], as_of="2024-09-25", as_printed="108"),
        fig(2024, "projects", 50, "statement", [SPEECH_2024, SPEECH_2024_ID], as_of="2024-07-31",
            as_printed="around 50 projects",
            note="A speech at the 7th Annual Meeting; it contradicts the M&E reports (86 "
            "projects in August 2023, 108 in September 2024) and is kept only as stated."),
        fig(2025, "projects", 134, "report", [ME25], as_of="2025-09-30", as_printed="134"),
    ]  # fmt: skip


def status_figures() -> list[Any]:
    """Status splits: percentages in 2022 and 2023, counts in 2024 and 2025."""
    completed_2022 = (
        "The printed 2.94% contradicts the report's own exhibits: Exhibit 2 shows two "
        "completed projects, and two of 77 is 2.60%; the three printed shares add up to "
        "100.34%. The dataset follows the exhibits."
    )
    return [
        fig(2022, "status-share", 75.32, "report", [ME22], as_of="2022-09-21", status="ongoing",
            as_printed="around 75.32%", note="75.32% is 58 of 77. " + LATER_STATUS_2022),
        fig(2022, "status-share", 22.08, "report", [ME22], as_of="2022-09-21", status="planning",
            as_printed="22.08%", note="22.08% is 17 of 77. " + LATER_STATUS_2022),
        fig(2022, "status-share", 2.94, "report", [ME22], as_of="2022-09-21",
            status="completed", as_printed="2.94%", note=completed_2022),
        fig(2023, "status-share", 77.9, "report", [ME23], as_of="2023-08-14", status="ongoing",
            as_printed="around 77.9%", note="77.9% is 67 of 86. " + SPLIT_OPEN),
        fig(2023, "status-share", 19.8, "report", [ME23], as_of="2023-08-14", status="planning",
            as_printed="19.8%", note="19.8% is 17 of 86. " + SPLIT_OPEN),
        fig(2023, "status-share", 2.3, "report", [ME23], as_of="2023-08-14", status="completed",
            as_printed="2.3%"),
        fig(2024, "projects-by-status", 81, "report", [ME24], as_of="2024-09-25",
            status="ongoing", as_printed="81 (around 75%)", note=SPLIT_OPEN),
        fig(2024, "projects-by-status", 16, "report", [ME24], as_of="2024-09-25",
            status="planning", as_printed="16 (14.8%)", note=SPLIT_OPEN),
        fig(2024, "projects-by-status", 11, "report", [ME24], as_of="2024-09-25",
            status="completed", as_printed="11 (10.2%)"),
        fig(2025, "projects-by-status", 108, "report", [ME25], as_of="2025-09-30",
            status="ongoing", as_printed="108 projects (81%)"),
        fig(2025, "projects-by-status", 8, "report", [ME25], as_of="2025-09-30",
            status="planning", as_printed="8 projects (6%)"),
        fig(2025, "projects-by-status", 18, "report", [ME25], as_of="2025-09-30",
            status="completed", as_printed="18 projects (13%)"),
    ]  # fmt: skip


LATER_STATUS_2022 = (
    "The dataset's 2022 portfolio has 78 projects: Phuket's City Data Platform (not in the "
    "2022 appendix) counts as not reported, and two Kota Kinabalu projects are "
    "planning-or-ongoing (the exhibit fixes how many of them are in planning, not which); "
    "the report's shares are of its 77."
)

AREA_ORDER = (
    "civic-and-social", "health-and-well-being", "safety-and-security",
    "quality-environment", "built-infrastructure", "industry-and-innovation",
)  # fmt: skip
AREA_SHARES = {
    (2022, "2022-09-21"): (29, 6, 13, 22, 25, 5),
    (2023, "2023-08-14"): (30, 6, 12, 21, 23, 8),
    (2024, "2024-09-25"): (27, 6, 12, 18, 26, 11),
    (2025, "2025-09-30"): (25, 6, 14, 18, 25, 12),
}
AREA_NOTES = {
    (2022, "civic-and-social"): LATER_AREA_2022,
    (2022, "built-infrastructure"): LATER_AREA_2022,
    (2022, "industry-and-innovation"): LATER_AREA_2022,
    (2023, "civic-and-social"): LATER_AREA_2023,
    (2023, "industry-and-innovation"): LATER_AREA_2023,
    (2024, "civic-and-social"): EXHIBIT_AREAS,
    (2024, "industry-and-innovation"): EXHIBIT_AREAS,
    (2025, "quality-environment"): EXHIBIT_AREAS,
    (2025, "built-infrastructure"): EXHIBIT_AREAS,
}


def area_figures() -> list[Any]:
    """The six focus-area shares of each M&E report."""
    return [
        share(year, as_of, area, value, AREA_NOTES.get((year, area)))
        for (year, as_of), values in AREA_SHARES.items()
        for area, value in zip(AREA_ORDER, values, strict=True)
    ]


def partnership_figures() -> list[Any]:
    """Partnership counts: the ASEAN page's 2018 figure and the statements."""
    stated_2021 = (
        "Counted as 'initial project partnerships between ASEAN cities and external "
        "partners' in a briefing. " + PARTNERSHIPS_UNLISTED
    )
    return [
        fig(2018, "partnerships", 33, "report", [PAGE, ASEANRECORDS],
            as_printed="33 partnerships were established in 2018", note=PARTNERSHIPS_UNLISTED),
        fig(2018, "partnerships", 32, "statement", [BRIEFING], as_printed="32",
            note="The same briefing's 2018 figure differs from the ASEAN page's 33. "
            + PARTNERSHIPS_UNLISTED),
        fig(2021, "partnerships", 48, "statement", [BRIEFING], as_of="2021-08",
            as_printed="48", note=stated_2021),
        fig(2024, "partnerships", 40, "statement", [SPEECH_2024, SPEECH_2024_ID],
            as_of="2024-07-31",
            as_printed="around 40 partnerships",
            note="A speech at the 7th Annual Meeting, with 'around 50 projects'; no official "
            "partnership count after 2018 was found. The dataset counts every named "
            "partnership active in 2024, so it counts more."),
    ]  # fmt: skip


def member_figures() -> list[Any]:
    """Member counts from the ASEAN page, the M&E reports and news."""
    after_september = (
        "As of 30 September 2025: Denpasar and Semarang, which the ASEAN page dates to "
        "2025, are not in the 2025 M&E report (they joined after it); the year rule counts "
        "every city that joined in 2025."
    )
    return [
        fig(2018, "member-cities", 26, "report", [PAGE], as_printed="26 pilot cities"),
        fig(2019, "member-cities", 26, "statement", [SMARTCITYSUMMIT], as_of="2019-08-23",
            as_printed="the 26 ASCN cities"),
        fig(2021, "member-cities", 26, "statement", ["aseanaccess-2021-08-31"],
            as_of="2021-08-31", as_printed="26 member cities"),
        fig(2023, "member-cities", 26, "statement", ["clc-knowledgehub-2023"], as_of="2023-07",
            as_printed="25 other ASCN Member Cities and three candidature cities",
            note="Singapore and the 25 other members: 26. At the 6th Annual Meeting (July "
            "2023) Chiang Mai, Khon Kaen and Rayong were candidates; they were accepted "
            "there, and the ASEAN page dates them to 2023."),
        fig(2023, "member-cities", 29, "statement", [BANGKOK_POST], as_of="2023-07-28",
            as_printed="from 26 to 29 cities"),
        fig(2024, "member-cities", 31, "statement", [ANTARA_ID_2024], as_of="2024-06",
            as_printed="dari 26 menjadi 31 kota"),
        fig(2024, "member-cities", 31, "report", [ME24], as_of="2024-09-25",
            as_printed="31 cities in 2024"),
        fig(2025, "member-cities", 34, "statement", [THESUN_2025_04], as_of="2025-04-06",
            as_printed="expanded to 34 cities",
            note="As of April 2025, before all six cities that the ASEAN page dates to 2025 "
            "had joined; the year rule counts every city that joined in 2025."),
        fig(2025, "member-cities", 35, "report", [ME25], as_of="2025-09-30",
            as_printed="35 cities as of September 2025", note=after_september),
        fig(2026, "member-cities", 38, "report", [PAGE], as_of="2026-01",
            as_printed="38 cities as of January 2026"),
    ]  # fmt: skip


NETWORK_NOTES = (
    "The cities' Smart City Action Plans run from 2018 to 2025 (concept note); the network's "
    "ASEAN Smart City Action Plan (ASCAP) 2026-2035 was developed and adopted under "
    "Malaysia's chairmanship in 2025 (2025 M&E report). The East Asia Summit Leaders' "
    "Statement on ASEAN Smart Cities (15 November 2018) supports the network; it is a "
    "statement of the summit's leaders, not a partnership, so it is not recorded as one. "
    "Not recorded as published figures: an undated speech's 'sixty-four (64) projec' (the "
    "stored copy is cut off and gives no date), a 2021 briefing's 'over 80 percent of the "
    "projects' in three focus areas together, and the 26 smart cities whose delegates "
    "attended the ASEAN Smart Cities Summit 2020 (participants, not a member count)."
)
MTIC_SPEECH = "https://www.mtic.gov.bn/Lists/Speeches/NewDispItem.aspx?ID=179"
SUMMIT_2020 = (
    "https://www.most.gov.vn/en/Pages/Detailnews.aspx?IDNews=776&tieude=asean-smart-cities-"
    "summit--expo-2020.aspx"
)
SPEECH_2024_ID = (
    "https://www.antaranews.com/berita/4235079/indonesia-perkuat-kemitraan-pemangku-"
    "kepentingan-wujudkan-kota-cerdas"
)
YEAR_2026 = {
    "year": 2026,
    "chair": "PH",
    "notes": "The Philippines (Department of the Interior and Local Government) chairs the "
    "ASCN in 2026; Malaysia handed the chairmanship over at the 8th Annual Meeting on 9 "
    "September 2025. First year of the ASEAN Smart City Action Plan 2026-2035. Shepherd and "
    "annual meeting not yet recorded.",
    "sources": [DILG, TRIBUNE, ME25],
}

# Partnership ends the topics and notes give (partnerships.csv), with the words that say so.
UNTIL = {
    "battambang-mlit-japan-2023": 2023,  # "completed by August 2023"
    "phnom-penh-jica-2017": 2022,  # "(PIBO) 2017-2022"
    "phnom-penh-aimf-2022": 2022,  # "completed May 2022"
    "phnom-penh-bmbf-germany-2020": 2024,  # "(2020-2024)"
    "siem-reap-jica-2023": 2025,  # "Technical assistance until 2025"
    "luang-prabang-mlit-japan-2021": 2022,  # "kick-off 9 April 2021, to March 2022"
    "luang-prabang-aasctf-2023": 2023,  # "completed December 2023"
    "johor-bahru-mlit-japan-2022": 2022,  # "completed March 2022"
    "kuching-jtec-2021": 2022,  # "Smart JAMP 2021-2022"
    "kuching-mlit-japan-2021": 2022,  # the same study: "Smart JAMP 2021-2022" (JTEC row)
    "davao-city-mlit-japan-2022": 2024,  # "ongoing 2022, completed by 2024"
    "ascn-australia-dfat-2018": 2022,  # "over five years", announced March 2018
    "ascn-seoul-national-university-2023": 2027,  # "Program 2023-2027"
    "ascn-mlit-japan-2021": 2022,  # "October 2021 to March 2022"
}
UNTIL_NOTES = {
    "kuching-mlit-japan-2021": "End year from the JTEC study it funds (Smart JAMP 2021-2022).",
    "ascn-aasctf-2022": "Amount: the trust fund's size (a five-year AUD 20 million initiative, "
    "DFAT mid-term review), for all its cities, not for one engagement.",
    "ascn-australia-dfat-2018": "End year: five years from the 2018 announcement (2018-2022), "
    "as the announcement gives the duration, not an end date.",
}
PHNOMPENHPOST = "https://www.phnompenhpost.com/national/un-forum-promotes-preah-sihanouk-smart-city"
JOINING = {
    ("chiang-mai", "khon-kaen", "rayong"): (
        "Accepted at the 6th Annual Meeting in July 2023 (Pattaya Mail, 29 July 2023; the "
        "Bangkok Post of 28 July 2023 names the province as the member). A secondary "
        "article (seasia.co, 17 December 2024) says it was 'added in mid-2024', which "
        "contradicts the ASEAN page; the ASEAN page is followed.",
        [PATTAYA_MAIL, BANGKOK_POST, SEASIA],
    ),
    ("sumedang",): (
        "A June 2024 coordination meeting (ANTARA) lists it among the new members, and "
        "seasia.co says 'added in mid-2024', in line with the ASEAN page.",
        [ANTARA_ID_2024, SEASIA],
    ),
    ("sihanoukville-city",): (
        "A June 2024 coordination meeting (ANTARA) lists it among the new members, and "
        "seasia.co says 'added in mid-2024', in line with the ASEAN page. An earlier article "
        "(Phnom Penh Post, on a meeting after November 2019) says Sihanoukville was not "
        "selected for the network then.",
        [ANTARA_ID_2024, SEASIA, PHNOMPENHPOST],
    ),
    ("cauayan-city",): ("The DILG also dates its joining to 2025.", [DILG]),
}
BRIEFING_SOURCE = {
    "id": BRIEFING,
    "title": "ASEAN Secretariat's briefing on ASCN progress and the ASEAN Sustainable "
    "Urbanisation Strategy (ANTARA news, 2021)",
    "as_of": "2021-10",
    "kind": "news",
    "notes": "Figures as of August 2021, given by the ASEAN Secretariat's Director of the "
    "ASEAN Connectivity Division at an ASEAN-Japan event; the article's web address was not "
    "kept. Its 2018 partnership count (32) differs from the ASEAN page (33).",
}


def load(path: Path) -> Any:
    """A data file as a round-trip tree, without its schema modeline."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    body = lines[1:] if lines and lines[0].startswith("# yaml-language-server:") else lines
    return YAML(typ="rt").load("".join(body))


def write(path: Path, kind: str, data: Any, model: Any) -> None:
    """Validate a record with its model and write it with its modeline."""
    model.model_validate(YAML(typ="safe", pure=True).load(dump_record(data)))
    depth = 1 if kind == "network" else 2
    path.write_text(dump_record(data, modeline(kind, depth)), encoding="utf-8", newline="\n")


def network(data: Path) -> None:
    """data/network.yaml with the published figures, 2026 and the network's notes."""
    path = data / "network.yaml"
    record = load(path)
    record["years"] = [y for y in record["years"] if y["year"] != 2026] + [YEAR_2026]
    record["published_figures"] = [
        *member_figures(), *project_figures(), *status_figures(), *area_figures(),
        *partnership_figures(),
    ]  # fmt: skip
    record["notes"] = NETWORK_NOTES
    more = [ME25, "eas-statement-2018", BRIEFING, MTIC_SPEECH, SUMMIT_2020]
    record["sources"] = list(dict.fromkeys([*record["sources"], *more]))
    write(path, "network", record, Network)


def partners(data: Path) -> None:
    """`until` on the partnerships whose sources give an end; the EAS statement removed."""
    (data / "partners" / "east-asia-summit-participants.yaml").unlink(missing_ok=True)
    for path in sorted((data / "partners").glob("*.yaml")):
        record = load(path)
        for partnership in record.get("partnerships", []):
            pid = partnership["id"]
            if pid in UNTIL:
                partnership["until"] = UNTIL[pid]
            if pid in UNTIL_NOTES and UNTIL_NOTES[pid] not in partnership.get("notes", ""):
                old = partnership.get("notes")
                partnership["notes"] = f"{old} {UNTIL_NOTES[pid]}" if old else UNTIL_NOTES[pid]
        write(path, "partner", record, Partner)


def cities(data: Path) -> None:
    """Joining-year evidence (and contradictions) on the cities that joined from 2023."""
    for ids, (note, sources) in JOINING.items():
        for city_id in ids:
            path = data / "cities" / f"{city_id}.yaml"
            record = load(path)
            if note not in record["notes"]:  # re-runs leave the note once
                record["notes"] = f"{record['notes']} {note}"
            record["sources"] = list(dict.fromkeys([*record["sources"], *sources]))
            write(path, "city", record, City)


def main(argv: list[str] | None = None) -> int:
    """Write the official record into data/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="dataset folder")
    data = parser.parse_args(argv).data
    write(data / "sources" / f"{BRIEFING}.yaml", "source", dict(BRIEFING_SOURCE), Source)
    network(data)
    partners(data)
    cities(data)
    print("network, partners, cities and sources written; run `ascn fmt` next")
    return 0


if __name__ == "__main__":
    sys.exit(main())
