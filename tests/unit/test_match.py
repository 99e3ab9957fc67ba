"""Matchmaking's core: weights, the year rules of its reasons, the pipeline's sums, the annex."""

from __future__ import annotations

import textwrap

import pytest

from ascn.load.loader import load
from ascn.match.pipeline import pipeline, readiness_summary
from ascn.match.scoring import UnknownWeight, match_project, weights_with
from ascn.match.target import target
from ascn.models import Dataset
from ascn.report.environment import environment
from ascn.validate import validate
from tests.conftest import REPO, DatasetBuilder

FIXTURE = REPO / "tests" / "fixtures" / "match" / "data"
GOLDEN = REPO / "tests" / "golden"
ENDED = """\
    id: jica
    name: Japan International Cooperation Agency
    kind: government
    country: JP
    partnerships:
      - id: da-nang-jica-2019
        city: da-nang
        topic: Water supply
        focus_area: quality-environment
        since: 2019
        until: 2020
    """


def _dataset(make_dataset: DatasetBuilder, **files: str) -> Dataset:
    result = load(make_dataset(files))
    assert [p.code for p in result.problems] == []
    return result.dataset


def test_unknown_weight_is_refused() -> None:
    """A weight name the score does not have is an error naming the known ones."""
    with pytest.raises(UnknownWeight, match="no weight named reach: the weights are focus-area"):
        weights_with({"reach": 1})


def test_a_weight_of_zero_drops_its_reason(make_dataset: DatasetBuilder) -> None:
    """With focus-area at 0 the partner's focus-area experience neither scores nor shows."""
    ds = _dataset(make_dataset, **{"partners/jica.yaml": ENDED.replace("until: 2020", "")})
    t = target(ds, "da-nang-water", 2019)
    # jica supports no project here, so it is a candidate: focus area and city count.
    full = match_project(ds, t).candidates[0]
    less = match_project(ds, t, weights_with({"focus-area": 0})).candidates[0]
    assert (full.score, less.score) == (5, 2)
    assert less.reasons == ("already partners this city (Da Nang, since 2019)",)


def test_an_ended_partnership_no_longer_partners_the_city(make_dataset: DatasetBuilder) -> None:
    """`until: 2020` counts in 2020, not in 2021, and then reads as a past span."""
    ds = _dataset(make_dataset, **{"partners/jica.yaml": ENDED})
    in_2020 = match_project(ds, target(ds, "da-nang-water", 2020)).candidates[0].reasons
    in_2021 = match_project(ds, target(ds, "da-nang-water", 2021)).candidates[0].reasons
    assert "already partners this city (Da Nang, since 2019)" in in_2020
    assert in_2021 == ("worked on quality-environment projects with Da Nang from 2019 to 2020",)


def test_a_partnership_that_has_not_begun_gives_no_reason(make_dataset: DatasetBuilder) -> None:
    """A partnership beginning after the year leaves the partner without a score."""
    ds = _dataset(make_dataset, **{"partners/jica.yaml": ENDED})
    assert match_project(ds, target(ds, "da-nang-water", 2018)).candidates == ()


def test_pipeline_derives_the_gap_from_committed_funding() -> None:
    """Gap = cost - committed, in the cost's currency; pipeline money is not subtracted."""
    row = pipeline(load(FIXTURE).dataset, 2025).stages[1].rows[0]
    assert (row.cost, row.committed, row.pipeline, row.gap) == (50e6, 10e6, 15e6, 40e6)


def test_pipeline_leaves_the_gap_unknown_across_currencies() -> None:
    """Committed funding in KHR against a cost in USD gives no committed sum and no gap."""
    row = pipeline(load(FIXTURE).dataset, 2025).stages[0].rows[0]
    assert (row.project_id, row.cost, row.committed, row.gap) == (
        "phnom-penh-drainage",
        4e6,
        None,
        None,
    )


def test_readiness_summary_counts_answers_of_five() -> None:
    """Answers are counted over the five G20 dimensions; none stated says so."""
    summary = readiness_summary({"rationale": "yes", "options": "yes", "affordability": "no"})
    assert (summary, readiness_summary({})) == ("2 yes, 1 no of 5", "not stated")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_pipeline_annex_matches_the_golden_file(fmt: str, update_golden: bool) -> None:
    """The annex include renders the fixture's pipeline exactly as reviewed."""
    template = environment(REPO / "templates").get_template(f"pipeline.{fmt}.j2")
    text = template.render(pipeline=pipeline(load(FIXTURE).dataset, 2025))
    golden = GOLDEN / f"pipeline-annex.{fmt}"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_pipeline_annex_escapes_titles(make_dataset: DatasetBuilder) -> None:
    """A project title with markup is escaped in both formats."""
    plan = (
        "city: da-nang\nprojects:\n  - id: da-nang-water\n    title: <b>Water</b> | *x*\n"
        "    focus_area: quality-environment\n    first_listed: 2018\n    investment:\n"
        "      stage: identification\n"
    )
    ds = _dataset(make_dataset, **{"plans/da-nang.yaml": plan})
    env = environment(REPO / "templates")
    html = env.get_template("pipeline.html.j2").render(pipeline=pipeline(ds, 2022))
    md = env.get_template("pipeline.md.j2").render(pipeline=pipeline(ds, 2022))
    assert "&lt;b&gt;Water&lt;/b&gt; | *x*" in html
    assert "| &lt;b&gt;Water&lt;/b&gt; \\| \\*x\\* | Da Nang |" in md


def test_fixture_is_a_valid_dataset() -> None:
    """The match fixture validates, apart from the one currency warning it is built to show."""
    codes = [p.code for p in validate(FIXTURE).problems]
    assert codes == ["currency-mismatch"]


def test_an_offer_in_a_country_outside_asean_is_an_unknown_country(
    make_dataset: DatasetBuilder,
) -> None:
    """`offers: countries:` names member states: JP is reported at its position."""
    partner = textwrap.dedent(ENDED) + "offers:\n  countries: [VN, JP]\n  sources: [me-2024]\n"
    data = make_dataset(**{"partners/jica.yaml": partner})
    problems = [(p.code, p.line, p.column, p.message) for p in validate(data).problems]
    assert problems == [
        (
            "ref-unknown-country",
            13,
            19,
            "partner Japan International Cooperation Agency: offers in 'JP', which is not a "
            "member state with a file in data/countries/",
        )
    ]
