"""The report's prework (ascn/report/prework.py): made in a helper, used, never trusted blindly.

`make bench` measures the speed; here only that what the helper makes is what the command
would make itself, that the templates' Python source it made is the one compiled, and that
any failure of the helper leaves the report as it would be without it.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from ascn.load import parallel
from ascn.report import environment, prework, provenance
from ascn.report.ahead import ReportJob
from ascn.report.prework import NOTHING, Prework
from ascn.report.render import TemplateInvalid
from ascn.validate import validate

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="needs fork and two cores")
NAMES = ["report.html.j2", "report.md.j2"]


def test_helper_makes_provenance_and_python_source(report_fixture: Path) -> None:
    """The helper's provenance is git's, its Python source Jinja's, for both templates."""
    work = Prework(Path("data"), None, ("md", "html"))
    work.start(use_cache=False)
    made = work.made()
    assert made.provenance == provenance.lookup(Path("data"))
    assert made.python == environment.python_sources(environment.resolve_templates(None), NAMES)
    assert len(made.python) == len(NAMES)
    assert work.made() is made  # collected once


def test_pdf_needs_only_the_html_template(report_fixture: Path) -> None:
    """A PDF is the HTML report typeset: only its template is compiled ahead."""
    work = Prework(Path("data"), None, ("pdf",))
    work.start(use_cache=False)
    folder = environment.resolve_templates(None)
    assert work.made().python == environment.python_sources(folder, ["report.html.j2"])


def test_made_source_is_compiled_not_generated(
    report_fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the source made ahead, Jinja's lexer, parser and code generator do not run."""
    folder = environment.resolve_templates(None)
    made = environment.python_sources(folder, NAMES)

    def generated(*args: object, **kwargs: object) -> str:
        raise AssertionError("generated again")

    monkeypatch.setattr(jinja2.Environment, "_generate", generated)
    for name in NAMES:
        assert environment.environment(folder, made=made).get_template(name).name == name
        with pytest.raises(AssertionError, match="generated again"):
            environment.environment(folder).get_template(name)


def test_a_changed_template_is_generated_again(tmp_path: Path) -> None:
    """Source made for other text of a template is never used for the text on disk."""
    (tmp_path / "report.md.j2").write_text("old {{ r }}\n", encoding="utf-8")
    made = environment.python_sources(tmp_path, ["report.md.j2"])
    (tmp_path / "report.md.j2").write_text("new {{ r }}\n", encoding="utf-8")
    template = environment.environment(tmp_path, made=made).get_template("report.md.j2")
    assert template.render(r=1) == "new 1\n"


@pytest.mark.parametrize(
    "answer",
    [
        None,
        [],
        "text",
        [["abc", None, "1.0"], {}],
        [["abc", "yes", "1.0", "2026-01-01"], {}],
        [["abc", None, "1.0", "2026-01-01"], {"key": 1}],
        [["abc", None, "1.0", "2026-01-01"], ["not", "a", "dict"]],
    ],
)
def test_a_damaged_answer_is_nothing(answer: object) -> None:
    """Anything but the expected shape is as if the helper had made nothing."""
    assert prework._made_of(answer) is NOTHING


def test_only_the_process_that_forked_it_collects(
    report_fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process forked later (the render-ahead helper) never waits for its uncle."""
    work = Prework(Path("data"), None, ("md",))
    work.start(use_cache=False)
    assert work._child is not None
    monkeypatch.setattr(os, "getpid", lambda: -1)
    assert work.made() is NOTHING
    assert work._child is not None  # left for the process that forked it
    monkeypatch.undo()
    assert work.made().provenance == provenance.lookup(Path("data"))


def test_a_bad_template_makes_nothing(report_fixture: Path, tmp_path: Path) -> None:
    """The helper fails on a template with a syntax error: nothing is made, and the job
    fails as it would without the helper (tests/cli: the command's message and exit code)."""
    (tmp_path / "report.md.j2").write_text("# {{ r.year }\n", encoding="utf-8")
    work = Prework(Path("data"), tmp_path, ("md",))
    work.start(use_cache=False)
    assert work.made() is NOTHING
    job = ReportJob(2021, Path("data"), ("md",), templates=tmp_path, prework=work)
    with pytest.raises(TemplateInvalid, match=r"report.md.j2 in .*, line 1: unexpected '}'"):
        job.render(validate(Path("data")).dataset, [])


def test_report_uses_what_the_helper_made(
    report_fixture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ReportJob takes the provenance and Python source from its prework (git and Jinja's
    generator are not asked again), and the report is the one made without it."""
    dataset = validate(Path("data")).dataset
    without = ReportJob(2021, Path("data"), ("md", "html")).render(dataset, [])
    work = Prework(Path("data"), None, ("md", "html"))
    work.start(use_cache=False)
    job = ReportJob(2021, Path("data"), ("md", "html"), prework=work)
    assert job.made() != NOTHING

    def asked_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("asked again")

    monkeypatch.setattr(provenance, "lookup", asked_again)
    monkeypatch.setattr(jinja2.Environment, "_generate", asked_again)
    assert job.render(dataset, []) == without
