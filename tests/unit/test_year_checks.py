"""Year rules across records and against the current year, and the id rules of issue 8."""

from __future__ import annotations

from pathlib import Path

import pytest

from ascn import clock
from ascn.checks.base import did_you_mean_record
from ascn.validate import validate
from tests.conftest import DatasetBuilder

CITY = "id: da-nang\nname: Da Nang\ncountry: VN\njoined: {joined}\n"


def found(data: Path, year: int = 2026) -> list[tuple[str, int, int, str, str]]:
    """(file, line, column, code, message) of every problem, in `year`."""
    return [
        (p.file, p.line, p.column, p.code, p.message)
        for p in validate(data, current_year=year).problems
    ]


def test_joined_in_the_future(make_dataset: DatasetBuilder) -> None:
    """A city that joins after the current year is an error at `joined`."""
    data = make_dataset(**{"cities/da-nang.yaml": CITY.format(joined=2035)})
    assert [p for p in found(data) if p[3] == "year-in-future"] == [
        (
            "data/cities/da-nang.yaml",
            4,
            9,
            "year-in-future",
            "Da Nang joined in 2035, which has not begun",
        )
    ]


def test_planned_end_may_lie_in_the_future(make_dataset: DatasetBuilder) -> None:
    """A partnership's `until` after the current year is a plan, not an observation."""
    jica = (
        "id: jica\nname: JICA\nkind: government\npartnerships:\n  - id: da-nang-jica-2019\n"
        "    city: da-nang\n    topic: Water\n    since: 2019\n    until: 2030\n"
    )
    assert found(make_dataset(**{"partners/jica.yaml": jica})) == []


def test_partnership_since_in_the_future(make_dataset: DatasetBuilder) -> None:
    """A partnership that begins after the current year is an error at `since`."""
    jica = (
        "id: jica\nname: JICA\nkind: government\npartnerships:\n  - id: da-nang-jica-2019\n"
        "    city: da-nang\n    topic: Water\n    since: 2030\n"
    )
    assert found(make_dataset(**{"partners/jica.yaml": jica})) == [
        (
            "data/partners/jica.yaml",
            8,
            12,
            "year-in-future",
            "JICA: partnership da-nang-jica-2019 begins in 2030, which has not begun",
        )
    ]


def test_project_listed_before_the_city_joined(make_dataset: DatasetBuilder) -> None:
    """Da Nang joined in 2020; its project listed in 2018 is an error at first_listed."""
    jica = "id: jica\nname: JICA\nkind: government\n"
    data = make_dataset(
        **{"cities/da-nang.yaml": CITY.format(joined=2020), "partners/jica.yaml": jica}
    )
    assert [p[:4] for p in found(data)] == [("data/plans/da-nang.yaml", 6, 19, "before-joined")]


def test_partnership_ended_before_the_project_was_listed(make_dataset: DatasetBuilder) -> None:
    """A partnership that ended in 2017 cannot support a project listed in 2018."""
    jica = (
        "id: jica\nname: JICA\nkind: government\npartnerships:\n  - id: da-nang-jica-2019\n"
        "    city: da-nang\n    topic: Water\n    projects: [da-nang-water]\n    until: 2017\n"
    )
    assert found(make_dataset(**{"partners/jica.yaml": jica})) == [
        (
            "data/partners/jica.yaml",
            8,
            16,
            "partnership-ended",
            'JICA: partnership da-nang-jica-2019 ended in 2017, before project "Smart Water '
            'Management" was first listed (2018)',
        )
    ]


def test_clock_reads_ascn_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """ASCN_NOW=2031-05-02 makes the current year 2031."""
    monkeypatch.setenv("ASCN_NOW", "2031-05-02")
    assert clock.current_year() == 2031


def test_clock_refuses_a_bad_ascn_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """ASCN_NOW=soon is a clear error, not a traceback."""
    monkeypatch.setenv("ASCN_NOW", "soon")
    with pytest.raises(clock.BadNow, match="ASCN_NOW='soon' is not a year"):
        clock.current_year()


def test_validation_defaults_to_ascn_now(
    make_dataset: DatasetBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an explicit year, validation takes the current year from ASCN_NOW."""
    data = make_dataset(**{"cities/da-nang.yaml": CITY.format(joined=2018)})
    monkeypatch.setenv("ASCN_NOW", "2021")
    assert [p.code for p in validate(data).problems] == ["update-in-future"]


def test_did_you_mean_finds_an_id_inside_a_longer_one() -> None:
    """`jica-japan` suggests `jica`, which it starts with, naming the partner."""
    names = {"jica": "Japan International Cooperation Agency", "kotra": "KOTRA"}
    assert did_you_mean_record("jica-japan", names) == (
        "did you mean 'jica' (Japan International Cooperation Agency)?"
    )


def test_did_you_mean_compares_names() -> None:
    """`asian-development-bank` suggests `adb` by its name."""
    names = {"adb": "Asian Development Bank", "jica": "JICA"}
    assert did_you_mean_record("asian-devlopment-bank", names) == (
        "did you mean 'adb' (Asian Development Bank)?"
    )


def test_duplicate_id_suggests_a_free_id(make_dataset: DatasetBuilder) -> None:
    """The hint of a duplicate id skips ids already taken (da-nang-water-2 is used)."""
    plan = "city: da-nang\nprojects:\n" + "".join(
        f"  - id: {i}\n    title: T\n    focus_area: quality-environment\n    first_listed: 2018\n"
        for i in ("da-nang-water", "da-nang-water-2", "da-nang-water")
    )
    hints = [p.hint for p in validate(make_dataset(**{"plans/da-nang.yaml": plan})).problems]
    assert hints == [
        "give this project its own id, e.g. 'da-nang-water-3'; never change a published id"
    ]
