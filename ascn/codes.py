"""Every problem code the tool can emit, documented: meaning, a failing and a fixed example, a fix.

`ascn explain CODE` prints an entry; the README's table of codes is built from `CODES`. Each
example is a file of a small dataset that is otherwise valid (Da Nang in Viet Nam, its plan
with the project `da-nang-water`, the partner `jica`, the source `me-2024`), and a test
validates every failing example (it must produce its code) and every fixed one (no problems).
This module is mostly data, which is why it is longer than the other modules.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from ascn.problems import AscnError, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


class UnknownCode(AscnError):
    """`ascn explain` was given a code that the tool never emits."""


@dataclass(frozen=True)
class Example:
    """One file of an example dataset, as a focal point might write it."""

    path: str  # relative to data/
    text: str | None = None  # None: the file is absent, or is the link in `link`
    encoding: str = "utf-8"  # how the file is saved
    repeat: int = 1  # the file holds `text` this many times (to show a size limit)
    link: str | None = None  # the file is a symbolic link to this path, relative to its folder
    others: tuple[tuple[str, str | None], ...] = ()  # other files changed (None: removed)
    note: str | None = None  # what the text alone cannot show


@dataclass(frozen=True)
class CodeDoc:
    """The documentation of one problem code."""

    code: str
    severity: Severity
    summary: str
    meaning: str
    failing: Example
    fixed: Example
    fix: str


CITY = "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\n"
CITY_PATH = "cities/da-nang.yaml"
MODELINE = "# yaml-language-server: $schema=../../schema/city.schema.json\n"
PLAN_PATH = "plans/da-nang.yaml"
PARTNER_PATH = "partners/jica.yaml"
HUE_CITY = "id: hue\nname: Hue\ncountry: VN\njoined: 2018\n"
HUE_PLAN = (
    "city: hue\nprojects:\n  - id: hue-smart-lighting\n    title: Smart Lighting\n"
    "    focus_area: built-infrastructure\n    first_listed: 2018\n"
)


def _plan(project_lines: str, head: str = "") -> str:
    """A Da Nang plan whose one project `da-nang-water` has these extra lines."""
    return (
        f"city: da-nang\n{head}projects:\n  - id: da-nang-water\n"
        "    title: Smart Water Management\n    focus_area: quality-environment\n"
        f"{project_lines}"
    )


def _partnership(lines: str) -> str:
    """The jica partner file whose one partnership with Da Nang has these lines."""
    return (
        "id: jica\nname: Japan International Cooperation Agency\nkind: government\n"
        "country: JP\npartnerships:\n  - id: da-nang-jica-2019\n"
        f"{lines}    topic: Water supply\n    since: 2019\n"
    )


def _period(start: int, end: int) -> str:
    return f"period:\n  start: {start}\n  end: {end}\n"


def _network(years: str) -> str:
    return f"name: ASEAN Smart Cities Network\nfounded: 2018\nyears:\n{years}"


_FILE_DOCS = (
    CodeDoc(
        "file-too-large",
        ERROR,
        "the file is larger than one record can be (1 MiB)",
        "A record file holds one city, plan or partner: a few kilobytes. A file over 1 MiB is "
        "a mistake (text pasted many times, a document saved under a .yaml name) and is not "
        "read at all, so that a slip cannot slow down or break the check for everyone.",
        Example(
            CITY_PATH,
            CITY + "notes: Text pasted from the action plan, again and again.\n",
            repeat=12_000,
            note="these lines repeated 12,000 times: about 1.2 MiB",
        ),
        Example(CITY_PATH, CITY),
        "Remove the repeated or pasted text. Long documents belong in data/sources/ as a "
        "title and a web address, not copied into a record.",
    ),
    CodeDoc(
        "encoding",
        ERROR,
        "the file is not saved as UTF-8",
        "Data files must be saved as UTF-8, the encoding that keeps names such as Đà Nẵng "
        "intact everywhere. The file was saved in another encoding (for example UTF-16, which "
        "Notepad calls 'Unicode'), or holds bytes that are not text; the problem points at "
        "the first byte that is not valid UTF-8.",
        Example(CITY_PATH, CITY + "name_variants:\n  - Đà Nẵng\n", encoding="utf-16"),
        Example(CITY_PATH, CITY + "name_variants:\n  - Đà Nẵng\n"),
        "Save the file again as 'UTF-8' (in Notepad: Save as, Encoding: UTF-8). Editing in "
        "the GitHub web editor always saves UTF-8.",
    ),
    CodeDoc(
        "bom",
        ERROR,
        "the file starts with a byte order mark",
        "The file is UTF-8 but begins with an invisible byte order mark, which some Windows "
        "editors add. It is not part of YAML and would end up in the first field's name.",
        Example(
            CITY_PATH, CITY, encoding="utf-8-sig", note="saved as 'UTF-8 with BOM' (invisible)"
        ),
        Example(CITY_PATH, CITY),
        "Save the file as 'UTF-8' without BOM (in VS Code: click 'UTF-8 with BOM' in the "
        "status bar, then 'Save with Encoding', 'UTF-8').",
    ),
    CodeDoc(
        "empty-file",
        ERROR,
        "the file holds no data",
        "The file exists but holds nothing, or only comments. Every file in data/ must hold "
        "one record.",
        Example(CITY_PATH, "# yaml-language-server: $schema=../../schema/city.schema.json\n"),
        Example(
            CITY_PATH, "# yaml-language-server: $schema=../../schema/city.schema.json\n" + CITY
        ),
        "Fill in the record (`ascn new city` writes a complete skeleton), or delete the file "
        "if it was created by mistake.",
    ),
    CodeDoc(
        "not-a-mapping",
        ERROR,
        "the file is not a list of `field: value` lines",
        "A record file is a mapping: lines of `field: value` starting at the left margin. "
        "This file is a list (lines starting with '- ') or a single value instead.",
        Example(CITY_PATH, "- id: da-nang\n  name: Da Nang\n  country: VN\n  joined: 2018\n"),
        Example(CITY_PATH, CITY),
        "Remove the leading '- ' and the indentation so that each field starts at the left "
        "margin; one file holds one record.",
    ),
    CodeDoc(
        "stray-file",
        ERROR,
        "a file or folder that is not part of the dataset",
        "data/ holds network.yaml and the folders sources, countries, cities, plans and "
        "partners, each with files named <id>.yaml. Anything else (a .yml or .txt file, a "
        "sub-folder, a file at the wrong level) is not read, so its data would be silently "
        "ignored; the tool reports it instead.",
        Example("cities/hue.yml", HUE_CITY),
        Example("cities/hue.yaml", HUE_CITY),
        "Rename the file to end in .yaml and put it in the folder of its kind, or delete it.",
    ),
    CodeDoc(
        "bad-file-name",
        ERROR,
        "the file name is not a valid record id",
        "A file's name (without .yaml) is the record's id, which other files use to refer to "
        "it. Ids are lowercase ASCII letters, digits and single hyphens: 'da-nang', not "
        "'Da_Nang' or 'da nang'.",
        Example("cities/Hue.yaml", HUE_CITY),
        Example("cities/hue.yaml", HUE_CITY),
        "Rename the file to its id in lowercase with hyphens, e.g. hue.yaml.",
    ),
    CodeDoc(
        "unsafe-link",
        ERROR,
        "a symbolic link to a file outside the data folder",
        "The entry is a symbolic link that points outside data/. Such a link could make the "
        "tool read (and echo) files that are not part of the public dataset, so it is not "
        "followed.",
        Example("cities/hue.yaml", link="../../hue.yaml", note="a link to a file outside data/"),
        Example("cities/hue.yaml", HUE_CITY),
        "Replace the link with a copy of the file's content.",
    ),
    CodeDoc(
        "unreadable-file",
        ERROR,
        "the file cannot be read",
        "The file is listed in its folder but cannot be opened: a link to a file that does "
        "not exist, missing read permission, or a disk error. The message gives the reason.",
        Example("cities/hue.yaml", link="hue-2024.yaml", note="a link to a file that was deleted"),
        Example("cities/hue.yaml", HUE_CITY),
        "Replace the broken link with the real file, or give yourself read permission on it.",
    ),
    CodeDoc(
        "missing-file",
        ERROR,
        "a file the dataset needs is missing",
        "data/network.yaml describes the network itself (founding year, chair by year) and "
        "must exist.",
        Example("network.yaml", None, note="data/network.yaml was deleted"),
        Example("network.yaml", _network("  - year: 2018\n    chair: SG\n")),
        "Restore data/network.yaml from the repository's history, or create it.",
    ),
)

_YAML_DOCS = (
    CodeDoc(
        "yaml-syntax",
        ERROR,
        "the file is not valid YAML",
        "The file cannot be read as YAML at the position shown. The commonest cause is a "
        "colon followed by a space inside a value, which YAML reads as a new field; others "
        "are an unclosed quote or a line indented differently from its neighbours.",
        Example(CITY_PATH, CITY + "notes: Population: about 1.2 million\n"),
        Example(CITY_PATH, CITY + 'notes: "Population: about 1.2 million"\n'),
        "Look at the line shown and the line above it. Put text containing ': ' or starting "
        "with a quote, '[', '{', '&', '*', '!', '|', '>', '%' or '@' in double quotes, and "
        "indent fields of the same level by the same number of spaces.",
    ),
    CodeDoc(
        "yaml-tab",
        ERROR,
        "a tab character is used for indentation",
        "YAML indents with spaces only. A tab at the start of a line, often typed by the Tab "
        "key in a plain text editor, makes the file unreadable.",
        Example(CITY_PATH, CITY + "population:\n\tvalue: 1200000\n"),
        Example(CITY_PATH, CITY + "population:\n  value: 1200000\n"),
        "Replace the tab with spaces (two per level). Editors with the YAML extension insert "
        "spaces when you press Tab.",
    ),
    CodeDoc(
        "yaml-duplicate-key",
        ERROR,
        "the same field appears twice",
        "A field may appear only once in the same mapping. When it appears twice, which of "
        "the two values is meant cannot be known, so the file is rejected.",
        Example(CITY_PATH, CITY + "name: Da Nang City\n"),
        Example(CITY_PATH, CITY),
        "Keep one of the two lines and delete the other.",
    ),
    CodeDoc(
        "yaml-alias",
        ERROR,
        "YAML anchors (&name) and aliases (*name) are not allowed",
        "YAML lets a value be named with &name and repeated with *name. Data files do not "
        "use them: every value is written where it applies, so that each line can be read "
        "and reviewed on its own.",
        Example(
            CITY_PATH,
            CITY + "population:\n  value: 1200000\n  note: &census 2019 census\nnotes: *census\n",
        ),
        Example(
            CITY_PATH,
            CITY + "population:\n  value: 1200000\n  note: 2019 census\nnotes: 2019 census\n",
        ),
        "Write the value out in full in each place and remove the &name and *name marks.",
    ),
    CodeDoc(
        "yaml-tag",
        ERROR,
        "YAML tags (!!type or !name) are not allowed",
        "A tag such as !!str or !!int forces a type on a value. Data files hold plain text, "
        "numbers, lists and mappings, and the tool decides their types from the record "
        "format; tags are rejected because some can make other YAML readers run code.",
        Example(CITY_PATH, "id: da-nang\nname: Da Nang\ncountry: VN\njoined: !!int 2018\n"),
        Example(CITY_PATH, CITY),
        "Remove the tag and keep the value.",
    ),
    CodeDoc(
        "yaml-too-deep",
        ERROR,
        "the file nests lists or mappings too deeply",
        "Records nest only a few levels (plan, project, update). More than 64 levels of "
        "brackets or indentation is a typing slip or an attempt to crash the tool, and the "
        "file is not read.",
        Example(CITY_PATH, CITY + "notes: " + "[" * 70 + "]" * 70 + "\n"),
        Example(CITY_PATH, CITY + "notes: none\n"),
        "Check the brackets and the indentation at the line shown.",
    ),
)

_SCHEMA_DOCS = (
    CodeDoc(
        "missing-field",
        ERROR,
        "a required field is missing",
        "Every record kind has required fields (a city needs id, name, country and joined). "
        "The problem points at the mapping that lacks the field. `ascn schema` and the "
        "editor completion list the fields of each kind.",
        Example(CITY_PATH, "id: da-nang\nname: Da Nang\njoined: 2018\n"),
        Example(CITY_PATH, CITY),
        "Add the field named in the message with its value.",
    ),
    CodeDoc(
        "unknown-field",
        ERROR,
        "a field the record format does not have",
        "The field is not part of this kind of record, usually because of a typing mistake. "
        "It would otherwise be silently ignored, so it is reported, with the closest known "
        "field name when there is one.",
        Example(CITY_PATH, CITY + "populaton:\n  value: 1200000\n"),
        Example(CITY_PATH, CITY + "population:\n  value: 1200000\n"),
        "Correct the spelling as the hint suggests, or move the information to `notes:`.",
    ),
    CodeDoc(
        "wrong-type",
        ERROR,
        "a value has the wrong type (text, number, list, mapping)",
        "The field expects another kind of value: a list where text was given, a whole "
        "number where a quoted one was given, a mapping of fields where a single value was "
        "given. The message says what the field expects.",
        Example(CITY_PATH, CITY + "name_variants: Đà Nẵng\n"),
        Example(CITY_PATH, CITY + "name_variants:\n  - Đà Nẵng\n"),
        "Write the value in the form the message asks for: a list has one '- ' line per "
        "item, numbers are written without quotes, true/false without quotes.",
    ),
    CodeDoc(
        "bad-value",
        ERROR,
        "a value is not allowed for its field",
        "The value has the right type but is not allowed: a status or focus area that is not "
        "in the list, a country that is not a two-letter code, a year outside 1900-2100, a "
        "percentage over 100. The message lists or describes the allowed values.",
        Example(CITY_PATH, "id: da-nang\nname: Da Nang\ncountry: Vietnam\njoined: 2018\n"),
        Example(CITY_PATH, CITY),
        "Use one of the values the message lists, or a value of the form it describes.",
    ),
)

_CHECK_DOCS = (
    CodeDoc(
        "bad-period",
        ERROR,
        "a period ends before it starts",
        "A plan's period (start, end) or a partnership's since/until ends before it begins, "
        "usually because the two years were swapped.",
        Example(PLAN_PATH, _plan("    first_listed: 2018\n", _period(2025, 2018))),
        Example(PLAN_PATH, _plan("    first_listed: 2018\n", _period(2018, 2025))),
        "Swap or correct the two years.",
    ),
    CodeDoc(
        "duplicate-id",
        ERROR,
        "two projects or two partnerships share an id",
        "Project ids and partnership ids are unique across the whole dataset, because "
        "partnerships, reports and history refer to them. The problem points at the second "
        "use and names the file of the first.",
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n  - id: da-nang-water\n    title: Smart Water Meters\n"
                "    focus_area: quality-environment\n    first_listed: 2022\n"
            ),
        ),
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n  - id: da-nang-water-meters\n"
                "    title: Smart Water Meters\n    focus_area: quality-environment\n"
                "    first_listed: 2022\n"
            ),
        ),
        "Give the new project or partnership its own id: the city id, a hyphen and a short "
        "name (da-nang-water-meters). Never change the id of an existing project.",
    ),
    CodeDoc(
        "duplicate-year",
        ERROR,
        "the network lists the same year twice",
        "data/network.yaml has one entry per year (chair, shepherd, annual meeting); a year "
        "listed twice is usually a copied entry whose year was not changed.",
        Example(
            "network.yaml",
            _network("  - year: 2018\n    chair: SG\n  - year: 2018\n    chair: VN\n"),
        ),
        Example(
            "network.yaml",
            _network("  - year: 2018\n    chair: SG\n  - year: 2020\n    chair: VN\n"),
        ),
        "Correct the year of the copied entry, or merge the two entries.",
    ),
    CodeDoc(
        "focus-area-not-in-plan",
        WARNING,
        "a project's focus area is not among its plan's focus areas",
        "A plan lists the focus areas the city chose, and each project serves one of them. "
        "A project in another focus area is allowed (plans change) but worth a second look, "
        "so this is a warning: it fails only with --strict.",
        Example(
            PLAN_PATH,
            _plan("    first_listed: 2018\n", "focus_areas:\n  - built-infrastructure\n"),
        ),
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n",
                "focus_areas:\n  - built-infrastructure\n  - quality-environment\n",
            ),
        ),
        "Add the project's focus area to the plan's focus_areas, or correct the project's "
        "focus_area.",
    ),
    CodeDoc(
        "id-mismatch",
        ERROR,
        "a record's id differs from its file name",
        "The file name is the record's id (cities/da-nang.yaml holds `id: da-nang`; a plan's "
        "`city:` and a country's `iso2:` follow the same rule). When they differ, references "
        "would point at the wrong record.",
        Example(CITY_PATH, "id: danang\nname: Da Nang\ncountry: VN\njoined: 2018\n"),
        Example(CITY_PATH, CITY),
        "Make the id match the file name, or rename the file; the hint says which.",
    ),
    CodeDoc(
        "partnership-foreign-project",
        ERROR,
        "a partnership names a project of another city",
        "A partnership with a city may only name that city's projects. The project exists, "
        "but in another city's plan: either the project id or the partnership's city is "
        "wrong.",
        Example(
            PARTNER_PATH,
            _partnership("    city: da-nang\n    projects:\n      - hue-smart-lighting\n"),
            others=(("cities/hue.yaml", HUE_CITY), ("plans/hue.yaml", HUE_PLAN)),
            note="Hue's plan has the project hue-smart-lighting",
        ),
        Example(
            PARTNER_PATH,
            _partnership("    city: hue\n    projects:\n      - hue-smart-lighting\n"),
            others=(("cities/hue.yaml", HUE_CITY), ("plans/hue.yaml", HUE_PLAN)),
        ),
        "Correct the partnership's city, or name a project of that city.",
    ),
    CodeDoc(
        "personal-data",
        WARNING,
        "a text looks like it holds an e-mail address or a phone number",
        "The dataset is public and holds no personal data: people are named by their role "
        "and organisation only. A text that looks like an e-mail address or a phone number "
        "is reported (without repeating it) so that it can be removed before it is "
        "published. It is a warning because some matches are false alarms.",
        Example(
            CITY_PATH,
            CITY + "chief_smart_city_officer:\n  role: Director, mr.an@danang.gov.vn\n"
            "  organisation: Department of Information and Communications\n",
        ),
        Example(
            CITY_PATH,
            CITY + "chief_smart_city_officer:\n  role: Director\n"
            "  organisation: Department of Information and Communications\n",
        ),
        "Remove the contact details and keep the role and the organisation.",
    ),
    CodeDoc(
        "plan-without-city",
        ERROR,
        "a plan for a city that has no city file",
        "data/plans/<city>.yaml belongs to the city with the same id in data/cities/. The "
        "city file is missing, or the plan's file name is misspelt.",
        Example("plans/hue.yaml", HUE_PLAN),
        Example("cities/hue.yaml", HUE_CITY, others=(("plans/hue.yaml", HUE_PLAN),)),
        "Add the city first (`ascn new city`), or rename the plan to the city's id.",
    ),
    CodeDoc(
        "project-outside-period",
        ERROR,
        "a project year lies outside its plan's period",
        "A project's first_listed year and the years of its status updates must fall within "
        "the plan's period (start to end, inclusive).",
        Example(PLAN_PATH, _plan("    first_listed: 2018\n", _period(2019, 2025))),
        Example(PLAN_PATH, _plan("    first_listed: 2018\n", _period(2018, 2025))),
        "Correct the year, or the plan's period if the plan was extended.",
    ),
    CodeDoc(
        "ref-unknown-city",
        ERROR,
        "a partnership names a city that has no file",
        "A partnership's `city:` must be the id of a file in data/cities/ (its file name "
        "without .yaml).",
        Example(PARTNER_PATH, _partnership("    city: danang\n")),
        Example(PARTNER_PATH, _partnership("    city: da-nang\n")),
        "Use the city's id as the hint suggests; leave `city:` out for a partnership with the "
        "whole network.",
    ),
    CodeDoc(
        "ref-unknown-country",
        ERROR,
        "a country code that is not a member state (or not a country)",
        "A city's country and the network's chair and shepherd must be member states with a "
        "file in data/countries/; a partner's country must be an ISO 3166 country code.",
        Example(CITY_PATH, "id: da-nang\nname: Da Nang\ncountry: NV\njoined: 2018\n"),
        Example(CITY_PATH, CITY),
        "Use the two-letter ISO code: BN, KH, ID, LA, MY, MM, PH, SG, TH, TL or VN.",
    ),
    CodeDoc(
        "ref-unknown-partner",
        ERROR,
        "a project names a partner that has no file",
        "A project's `partners:` list holds ids of files in data/partners/.",
        Example(PLAN_PATH, _plan("    first_listed: 2018\n    partners:\n      - jica-japan\n")),
        Example(PLAN_PATH, _plan("    first_listed: 2018\n    partners:\n      - jica\n")),
        "Use the partner's id as the hint suggests, or add the partner (`ascn new partner`).",
    ),
    CodeDoc(
        "ref-unknown-project",
        ERROR,
        "a partnership names a project that no plan has",
        "A partnership's `projects:` list holds ids of projects in the plans.",
        Example(
            PARTNER_PATH,
            _partnership("    city: da-nang\n    projects:\n      - da-nang-water-supply\n"),
        ),
        Example(
            PARTNER_PATH, _partnership("    city: da-nang\n    projects:\n      - da-nang-water\n")
        ),
        "Use the project's id as the hint suggests, or add the project to the city's plan "
        "(`ascn new project`).",
    ),
    CodeDoc(
        "ref-unknown-source",
        ERROR,
        "a source that is neither a web address nor a file in data/sources/",
        "Every `sources:` entry is the id of a file in data/sources/ or a web address "
        "starting with http:// or https://.",
        Example(CITY_PATH, CITY + "sources:\n  - me2024\n"),
        Example(CITY_PATH, CITY + "sources:\n  - me-2024\n"),
        "Use the source's id as the hint suggests, give the full web address, or add the "
        "source to data/sources/.",
    ),
    CodeDoc(
        "status-regression",
        ERROR,
        "a status goes back after completed, or continues after removed",
        "A completed project stays completed, and a project removed from the plan gets no "
        "further updates. An update that says otherwise is usually entered under the wrong "
        "year or for the wrong project.",
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n    updates:\n      - year: 2022\n"
                "        status: completed\n      - year: 2023\n        status: ongoing\n"
            ),
        ),
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n    updates:\n      - year: 2022\n"
                "        status: ongoing\n      - year: 2023\n        status: completed\n"
            ),
        ),
        "Check the years and statuses against the source; if a completed project was "
        "restarted, record the new phase as a new project.",
    ),
    CodeDoc(
        "update-before-listed",
        ERROR,
        "a status update is older than the project",
        "A project's updates start in or after the year it was first listed.",
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2023\n    updates:\n      - year: 2022\n"
                "        status: ongoing\n"
            ),
        ),
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2022\n    updates:\n      - year: 2022\n"
                "        status: ongoing\n"
            ),
        ),
        "Correct the update's year or the project's first_listed year.",
    ),
    CodeDoc(
        "update-in-future",
        ERROR,
        "a status update is for a year that has not begun",
        "Statuses record what was monitored; a year after the current one is a typing "
        "mistake (2052 for 2025).",
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n    updates:\n      - year: 2052\n"
                "        status: ongoing\n"
            ),
        ),
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n    updates:\n      - year: 2025\n"
                "        status: ongoing\n"
            ),
        ),
        "Correct the year.",
    ),
    CodeDoc(
        "update-order",
        ERROR,
        "a project's yearly updates are out of order or repeat a year",
        "A project has at most one update per year, listed oldest first, so that the latest "
        "status is always the last one.",
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n    updates:\n      - year: 2023\n"
                "        status: ongoing\n      - year: 2022\n        status: planning\n"
            ),
        ),
        Example(
            PLAN_PATH,
            _plan(
                "    first_listed: 2018\n    updates:\n      - year: 2022\n"
                "        status: planning\n      - year: 2023\n        status: ongoing\n"
            ),
        ),
        "Move the update to its place by year (oldest first), or merge two updates of the "
        "same year. `ascn update` inserts updates in the right place.",
    ),
)

CODES: dict[str, CodeDoc] = {
    doc.code: doc for doc in (*_FILE_DOCS, *_YAML_DOCS, *_SCHEMA_DOCS, *_CHECK_DOCS)
}


def lookup(code: str) -> CodeDoc:
    """The documentation of a code; UnknownCode (with a suggestion) if there is none."""
    if code in CODES:
        return CODES[code]
    close = difflib.get_close_matches(code.lower(), sorted(CODES), n=1, cutoff=0.5)
    suggestion = f"; did you mean '{close[0]}'?" if close else ""
    raise UnknownCode(f"unknown problem code '{code}'{suggestion} (`ascn explain` lists them all)")


WIDTH = 88


def _paragraph(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  ", subsequent_indent="  ")


def _show_example(title: str, example: Example) -> list[str]:
    lines = [f"{title}: data/{example.path}" + (f" ({example.note})" if example.note else "")]
    if example.link is not None:
        lines.append(f"  -> {example.link}")
    for line in (example.text or "").splitlines():
        lines.append("  | " + line.replace("\t", "<TAB>"))
    return lines


def explain_text(code: str) -> str:
    """The full explanation of one code, as plain text."""
    doc = lookup(code)
    lines = [f"{doc.code} ({doc.severity.value}): {doc.summary}", "", "What it means:"]
    lines += [_paragraph(doc.meaning), "", *_show_example("Failing example", doc.failing), ""]
    lines += [*_show_example("Fixed", doc.fixed), "", "How to fix:", _paragraph(doc.fix)]
    return "\n".join(lines) + "\n"


def list_text(docs: Iterable[CodeDoc] | None = None) -> str:
    """Every code with its severity and summary, one per line, sorted by code."""
    chosen = sorted(docs if docs is not None else CODES.values(), key=lambda d: d.code)
    width = max(len(doc.code) for doc in chosen)
    lines = [
        f"{doc.code.ljust(width)}  {doc.severity.value.ljust(7)}  {doc.summary}" for doc in chosen
    ]
    return "\n".join([*lines, "", "Run `ascn explain CODE` for its meaning and an example."]) + "\n"
