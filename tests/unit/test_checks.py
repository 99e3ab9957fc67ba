"""Cross-file checks: one behaviour per test, asserting code, file and exact position."""

from __future__ import annotations

from pathlib import Path

from ascn.checks import CHECKS
from ascn.checks.base import fields_of
from ascn.models import Project
from ascn.problems import Severity
from ascn.validate import validate
from tests.conftest import DatasetBuilder

CITY = "id: da-nang\nname: Da Nang\ncountry: VN\njoined: 2018\n"
PLAN_HEAD = "city: da-nang\n"


def project(updates: str = "", extra: str = "", focus: str = "quality-environment") -> str:
    """A plan with one project, its updates given as `year:status` pairs."""
    lines = [
        PLAN_HEAD + "projects:",
        "  - id: da-nang-water",
        "    title: Smart Water Management",
        f"    focus_area: {focus}",
        "    first_listed: 2018",
    ]
    if updates:
        lines.append("    updates:")
        for pair in updates.split():
            year, status = pair.split(":")
            lines += [f"      - year: {year}", f"        status: {status}"]
    return "\n".join(lines) + "\n" + extra


def problems(data: Path) -> list[tuple[str, int, int, str, str]]:
    """(file, line, column, code, message) of every problem."""
    result = validate(data, current_year=2025)
    return [(p.file, p.line, p.column, p.code, p.message) for p in result.problems]


def test_every_check_is_registered_under_its_own_code() -> None:
    """CHECKS keys are the functions' names in kebab case."""
    assert all(check.__name__ == code.replace("-", "_") for code, check in CHECKS.items())


def test_id_mismatch(make_dataset: DatasetBuilder) -> None:
    """A city whose id differs from its file name."""
    data = make_dataset(**{"cities/da-nang.yaml": CITY.replace("id: da-nang", "id: danang")})
    assert problems(data) == [
        (
            "data/cities/da-nang.yaml",
            1,
            5,
            "id-mismatch",
            "id 'danang' does not match the file name 'da-nang.yaml'",
        )
    ]


def test_duplicate_project_id_across_plans(make_dataset: DatasetBuilder) -> None:
    """Two plans define the same project id."""
    other = project().replace("da-nang", "hue", 1).replace("id: da-nang-water", "id: da-nang-water")
    data = make_dataset(
        **{
            "cities/hue.yaml": CITY.replace("da-nang", "hue").replace("Da Nang", "Hue"),
            "plans/hue.yaml": other,
        }
    )
    assert [p for p in problems(data) if p[3] == "duplicate-id"] == [
        (
            "data/plans/hue.yaml",
            3,
            9,
            "duplicate-id",
            "project id 'da-nang-water' is already used at data/plans/da-nang.yaml:3"
            ' ("Smart Water Management")',
        )
    ]


def test_duplicate_partnership_id(make_dataset: DatasetBuilder) -> None:
    """Two partnerships share an id."""
    adb = (
        "id: adb\nname: Asian Development Bank\nkind: multilateral-financial-institution\n"
        "partnerships:\n  - id: da-nang-jica-2019\n    city: da-nang\n    topic: Loans\n"
    )
    data = make_dataset(**{"partners/adb.yaml": adb})
    assert problems(data) == [
        (
            "data/partners/jica.yaml",
            6,
            9,
            "duplicate-id",
            "partnership id 'da-nang-jica-2019' is already used at data/partners/adb.yaml:5"
            " (of Asian Development Bank)",
        )
    ]


def test_duplicate_network_year(make_dataset: DatasetBuilder) -> None:
    """The network lists a year twice."""
    network = (
        "name: ASEAN Smart Cities Network\nfounded: 2018\nyears:\n"
        "  - year: 2018\n    chair: SG\n  - year: 2018\n    chair: VN\n"
    )
    data = make_dataset(**{"network.yaml": network})
    assert problems(data) == [
        ("data/network.yaml", 6, 11, "duplicate-year", "year 2018 is listed twice")
    ]


def test_plan_without_city(make_dataset: DatasetBuilder) -> None:
    """A plan for a city with no city file, with a suggestion."""
    data = make_dataset(
        **{
            "plans/da-nag.yaml": project()
            .replace("city: da-nang", "city: da-nag")
            .replace("da-nang-water", "da-nag-water")
        }
    )
    found = validate(data, current_year=2025).problems
    assert [(p.file, p.line, p.column, p.code, p.hint) for p in found] == [
        ("data/plans/da-nag.yaml", 1, 7, "plan-without-city", "did you mean 'da-nang'?")
    ]


def test_ref_unknown_city_in_partnership(make_dataset: DatasetBuilder) -> None:
    """A partnership with a city that has no file."""
    jica = (
        "id: jica\nname: JICA\nkind: government\ncountry: JP\npartnerships:\n"
        "  - id: hue-jica-2019\n    city: hue\n    topic: Water\n"
    )
    data = make_dataset(**{"partners/jica.yaml": jica})
    assert problems(data) == [
        (
            "data/partners/jica.yaml",
            7,
            11,
            "ref-unknown-city",
            "JICA: partnership hue-jica-2019 names unknown city 'hue'",
        )
    ]


def test_ref_unknown_partner_in_project(make_dataset: DatasetBuilder) -> None:
    """A project lists a partner with no file."""
    data = make_dataset(**{"plans/da-nang.yaml": project() + "    partners: [jica, adb]\n"})
    assert problems(data) == [
        (
            "data/plans/da-nang.yaml",
            7,
            22,
            "ref-unknown-partner",
            "Da Nang, project \"Smart Water Management\" names unknown partner 'adb'",
        )
    ]


def test_ref_unknown_project_in_partnership(make_dataset: DatasetBuilder) -> None:
    """A partnership supports a project no plan defines."""
    jica = (
        "id: jica\nname: JICA\nkind: government\npartnerships:\n"
        "  - id: da-nang-jica-2019\n    city: da-nang\n    topic: Water\n"
        "    projects: [da-nang-watr]\n"
    )
    found = validate(make_dataset(**{"partners/jica.yaml": jica}), current_year=2025).problems
    assert [(p.line, p.column, p.code, p.hint) for p in found] == [
        (8, 16, "ref-unknown-project", "did you mean 'da-nang-water'?")
    ]


def test_partnership_naming_a_project_of_another_city(make_dataset: DatasetBuilder) -> None:
    """A Hue partnership cannot support a Da Nang project."""
    jica = (
        "id: jica\nname: JICA\nkind: government\npartnerships:\n"
        "  - id: hue-jica-2019\n    city: hue\n    topic: Water\n"
        "    projects: [da-nang-water]\n"
    )
    hue = CITY.replace("da-nang", "hue").replace("Da Nang", "Hue")
    data = make_dataset(**{"partners/jica.yaml": jica, "cities/hue.yaml": hue})
    assert problems(data) == [
        (
            "data/partners/jica.yaml",
            8,
            16,
            "partnership-foreign-project",
            "JICA: partnership hue-jica-2019 is with Hue "
            "but project 'da-nang-water' belongs to Da Nang",
        )
    ]


def test_ref_unknown_country_for_city_and_partner(make_dataset: DatasetBuilder) -> None:
    """A city outside the member states and a partner with a non-ISO code."""
    data = make_dataset(
        **{
            "cities/da-nang.yaml": CITY.replace("VN", "JP"),
            "partners/jica.yaml": "id: jica\nname: JICA\nkind: government\ncountry: XX\n",
        }
    )
    assert [p[:4] for p in problems(data)] == [
        ("data/cities/da-nang.yaml", 3, 10, "ref-unknown-country"),
        ("data/partners/jica.yaml", 4, 10, "ref-unknown-country"),
    ]


def test_ref_unknown_source(make_dataset: DatasetBuilder) -> None:
    """A source id without a file; a URL is fine."""
    city = CITY + "sources: [me-2024, 'https://asean.org/x', me-2042]\n"
    data = make_dataset(**{"cities/da-nang.yaml": city})
    assert problems(data) == [
        (
            "data/cities/da-nang.yaml",
            5,
            43,
            "ref-unknown-source",
            "unknown source 'me-2042': no data/sources/me-2042.yaml",
        )
    ]


def test_project_outside_plan_period(make_dataset: DatasetBuilder) -> None:
    """A project listed before its plan's period starts."""
    plan = project("2022:ongoing").replace(
        PLAN_HEAD, PLAN_HEAD + "period:\n  start: 2020\n  end: 2030\n"
    )
    assert [p[:4] for p in problems(make_dataset(**{"plans/da-nang.yaml": plan}))] == [
        ("data/plans/da-nang.yaml", 9, 19, "project-outside-period")
    ]


def test_updates_after_the_plan_period_are_allowed(make_dataset: DatasetBuilder) -> None:
    """A project of a 2018-2021 plan is still monitored in 2022: no problem."""
    plan = project("2022:ongoing").replace(
        PLAN_HEAD, PLAN_HEAD + "period:\n  start: 2018\n  end: 2021\n"
    )
    assert problems(make_dataset(**{"plans/da-nang.yaml": plan})) == []


def test_project_listed_after_the_plan_period(make_dataset: DatasetBuilder) -> None:
    """A project first listed after its plan's period ended is outside the plan."""
    plan = project().replace(PLAN_HEAD, PLAN_HEAD + "period:\n  start: 2015\n  end: 2017\n")
    assert [p[:4] for p in problems(make_dataset(**{"plans/da-nang.yaml": plan}))] == [
        ("data/plans/da-nang.yaml", 9, 19, "project-outside-period")
    ]


def test_bad_period(make_dataset: DatasetBuilder) -> None:
    """A plan period that ends before it starts."""
    plan = project().replace(PLAN_HEAD, PLAN_HEAD + "period:\n  start: 2030\n  end: 2020\n")
    assert problems(make_dataset(**{"plans/da-nang.yaml": plan}))[0][:4] == (
        "data/plans/da-nang.yaml",
        4,
        8,
        "bad-period",
    )


def test_updates_out_of_order(make_dataset: DatasetBuilder) -> None:
    """An update for an earlier year after a later one."""
    data = make_dataset(**{"plans/da-nang.yaml": project("2023:ongoing 2022:planning")})
    assert problems(data) == [
        (
            "data/plans/da-nang.yaml",
            10,
            15,
            "update-order",
            'Da Nang, project "Smart Water Management": update 2022 comes after update 2023',
        )
    ]


def test_update_repeating_a_year(make_dataset: DatasetBuilder) -> None:
    """Two updates for the same year."""
    data = make_dataset(**{"plans/da-nang.yaml": project("2023:ongoing 2023:completed")})
    assert [p[1:4] for p in problems(data)] == [(10, 15, "update-order")]


def test_update_in_the_future(make_dataset: DatasetBuilder) -> None:
    """An update for a year after the current one."""
    data = make_dataset(**{"plans/da-nang.yaml": project("2024:ongoing 2026:completed")})
    assert [p[1:4] for p in problems(data)] == [(10, 15, "update-in-future")]


def test_update_before_first_listed(make_dataset: DatasetBuilder) -> None:
    """An update before the project was first listed."""
    data = make_dataset(**{"plans/da-nang.yaml": project("2017:planning")})
    assert [p[1:4] for p in problems(data)] == [(8, 15, "update-before-listed")]


def test_status_going_back_from_completed(make_dataset: DatasetBuilder) -> None:
    """Completed, then ongoing again."""
    data = make_dataset(**{"plans/da-nang.yaml": project("2022:completed 2023:ongoing")})
    assert problems(data) == [
        (
            "data/plans/da-nang.yaml",
            11,
            17,
            "status-regression",
            'Da Nang, project "Smart Water Management": ongoing in 2023 after completed',
        )
    ]


def test_completed_then_removed_is_fine(make_dataset: DatasetBuilder) -> None:
    """A completed project may drop off the list later."""
    data = make_dataset(**{"plans/da-nang.yaml": project("2022:completed 2023:removed")})
    assert problems(data) == []


def test_update_after_removal(make_dataset: DatasetBuilder) -> None:
    """A removed project gets no further updates."""
    data = make_dataset(**{"plans/da-nang.yaml": project("2022:removed 2023:ongoing")})
    assert [p[1:4] for p in problems(data)] == [(11, 17, "status-regression")]


def test_percent_outside_range(make_dataset: DatasetBuilder) -> None:
    """percent_complete over 100 is a bad value at the value."""
    plan = project("2022:ongoing").rstrip("\n") + "\n        percent_complete: 120\n"
    assert [p[1:4] for p in problems(make_dataset(**{"plans/da-nang.yaml": plan}))] == [
        (10, 27, "bad-value")
    ]


def test_focus_area_not_in_plan_is_a_warning(make_dataset: DatasetBuilder) -> None:
    """A project outside the plan's chosen focus areas is a warning."""
    plan = project().replace(PLAN_HEAD, PLAN_HEAD + "focus_areas: [built-infrastructure]\n")
    found = validate(make_dataset(**{"plans/da-nang.yaml": plan}), current_year=2025).problems
    assert [(p.line, p.column, p.code, p.severity) for p in found] == [
        (6, 17, "focus-area-not-in-plan", Severity.WARNING)
    ]


def test_focus_area_headings_alone_are_not_compared(make_dataset: DatasetBuilder) -> None:
    """A plan with only the city's own headings is never mapped to the framework: no warning."""
    head = PLAN_HEAD + "focus_area_headings: [Smart Environment]\n"
    plan = project(focus="built-infrastructure").replace(PLAN_HEAD, head)
    assert problems(make_dataset(**{"plans/da-nang.yaml": plan})) == []


def test_focus_area_note_explains_an_area_outside_the_plan(make_dataset: DatasetBuilder) -> None:
    """A project whose focus_area_note says why its area differs is not reported."""
    plan = project(extra="    focus_area_note: Listed later under another area.\n").replace(
        PLAN_HEAD, PLAN_HEAD + "focus_areas: [built-infrastructure]\n"
    )
    assert problems(make_dataset(**{"plans/da-nang.yaml": plan})) == []


def test_figure_unexplained_points_at_the_value(make_dataset: DatasetBuilder) -> None:
    """A report figure that differs from the records without a note is a warning at its value."""
    network = (
        "name: ASEAN Smart Cities Network\nfounded: 2018\nyears:\n  - year: 2018\n"
        "    chair: SG\npublished_figures:\n  - year: 2018\n    measure: member-cities\n"
        "    value: 26\n    kind: report\n    sources: [me-2024]\n"
    )
    assert problems(make_dataset(**{"network.yaml": network})) == [
        (
            "data/network.yaml",
            9,
            12,
            "figure-unexplained",
            "published member-cities for 2018 is 26, the records give 1, and no note explains it",
        )
    ]


def test_statements_are_not_held_to_the_records(make_dataset: DatasetBuilder) -> None:
    """A figure from a speech (kind statement) may differ without a note."""
    network = (
        "name: ASEAN Smart Cities Network\nfounded: 2018\nyears:\n  - year: 2018\n"
        "    chair: SG\npublished_figures:\n  - year: 2018\n    measure: member-cities\n"
        "    value: 26\n    kind: statement\n    sources: [me-2024]\n"
    )
    assert problems(make_dataset(**{"network.yaml": network})) == []


def test_personal_data_is_an_error_and_not_echoed(make_dataset: DatasetBuilder) -> None:
    """An e-mail address in notes is an error (the data is public), not repeated."""
    city = CITY + "notes: Contact focal.point@example.org for details\n"
    found = validate(make_dataset(**{"cities/da-nang.yaml": city}), current_year=2025).problems
    assert [(p.line, p.column, p.code, p.severity, p.message) for p in found] == [
        (5, 8, "personal-data", Severity.ERROR, "notes looks like it holds an e-mail address")
    ]


def test_phone_number_is_flagged_but_dates_and_year_ranges_are_not(
    make_dataset: DatasetBuilder,
) -> None:
    """+84 236 3822 111 is a phone number; 2017-2021 and 2022-03-04 are not."""
    city = CITY + "notes: 'Call +84 236 3822 111; works 2017-2021, signed 2022-03-04'\n"
    found = validate(make_dataset(**{"cities/da-nang.yaml": city}), current_year=2025).problems
    assert [(p.code, p.message) for p in found] == [
        ("personal-data", "notes looks like it holds a phone number")
    ]


def test_model_walks_see_declared_fields_only() -> None:
    """Cached lookups on a project (kept in its __dict__) are not walked as fields."""
    project = Project.model_validate(
        {"id": "x", "title": "X", "focus_area": "quality-environment", "first_listed": 2018}
    )
    assert project.update_by_year == {}
    assert [name for name, _ in fields_of(project)] == list(Project.model_fields)
