"""The small example dataset that every problem code's documentation is written against.

Each documented example is one file of a dataset that is otherwise valid: Da Nang in Viet Nam,
its plan with the project `da-nang-water`, the partner `jica` and the source `me-2024`. A test
validates every failing example (it must produce its code) and every fixed one (no problems).
"""

from __future__ import annotations

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


def plan(project_lines: str, head: str = "") -> str:
    """A Da Nang plan whose one project `da-nang-water` has these extra lines."""
    return (
        f"city: da-nang\n{head}projects:\n  - id: da-nang-water\n"
        "    title: Smart Water Management\n    focus_area: quality-environment\n"
        f"{project_lines}"
    )


def partnership(lines: str) -> str:
    """The jica partner file whose one partnership with Da Nang has these lines."""
    return (
        "id: jica\nname: Japan International Cooperation Agency\nkind: government\n"
        "country: JP\npartnerships:\n  - id: da-nang-jica-2019\n"
        f"{lines}    topic: Water supply\n    since: 2019\n"
    )


def period(start: int, end: int) -> str:
    return f"period:\n  start: {start}\n  end: {end}\n"


def network(years: str) -> str:
    return f"name: ASEAN Smart Cities Network\nfounded: 2018\nyears:\n{years}"
