"""The report's lean escaping (ascn/report/environment.py) gives Jinja's own bytes."""

from __future__ import annotations

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from ascn.report import contents, render
from ascn.report import environment as environment_module
from ascn.report.environment import LeanEscape, environment, escape_output, strict
from ascn.validate import validate
from tests.conftest import DatasetBuilder
from tests.unit.test_report_injection import CORPUS, PROVENANCE, YEAR, dataset


class Html:
    """An object that renders itself as HTML (markupsafe's protocol)."""

    def __html__(self) -> str:
        return "<b>as it is</b>"


class Text(str):
    """A str subclass, as some libraries return: not the plain-str fast path."""

    __slots__ = ()


VALUES: list[object] = [
    *CORPUS,
    "",
    "plain",
    "a & b < c > d ' e \" f",
    "&amp; already",
    0,
    -7,
    2026,
    True,
    False,
    None,
    3.5,
    Markup("<em>safe</em>"),
    Html(),
    Text("<i>sub</i>"),
    ["<li>", 1],
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_escape_output_is_markupsafe_escape(value: object) -> None:
    """The same text as markupsafe.escape for every kind of value a template may output."""
    assert escape_output(value) == str(escape(value))
    if type(value) in {str, int}:  # the values escaped without a Markup wrapper
        assert type(escape_output(value)) is str


@given(st.text())
def test_both_ways_of_escaping_text_are_markupsafe_escape(value: str) -> None:
    """markupsafe's C escape and the replacements used without it give escape's text."""
    assert environment_module._ESCAPE_STR(value) == str(escape(value))
    assert environment_module._escape_text(value) == str(escape(value))


def test_markupsafe_c_escape_is_used_where_installed() -> None:
    """With markupsafe's speedups installed (CI's), text is escaped by them, not by Python."""
    speedups = pytest.importorskip("markupsafe._speedups")
    assert environment_module._ESCAPE_STR is speedups._escape_inner


TEMPLATES = {
    "values.html": "{% for v in values %}<p title='{{ v }}'>{{ v }}</p>{% endfor %}",
    "macro.html": (
        "{% macro plain(v) %}<span>{{ v }}</span>{% endmacro %}"
        "{% macro box(v) %}<div>{{ v }}{{ caller() }}</div>{% endmacro %}"
        "{% for v in values %}{% call box(v) %}<i>{{ v }}</i>{% endcall %}"
        "{{ plain(v) }}{{ plain(v)|safe }}{% endfor %}"
    ),
    "blocks.html": (
        "{% for v in values %}{% set held %}<b>{{ v }}</b>{% endset %}{{ held }}{{ held }}"
        "{% filter upper %}{{ v }}{% endfilter %}{{ v ~ '<x>' }}{{ [v, v]|join('<br>') }}"
        "{% endfor %}"
    ),
    "switch.html": (
        "{% for v in values %}{% autoescape false %}{{ v }}{% endautoescape %}"
        "{% autoescape flag %}{{ v }}{% endautoescape %}{% endfor %}"
    ),
    "plain.txt": "{% for v in values %}{{ v }}|{% endfor %}",
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@pytest.mark.parametrize("flag", [True, False])
def test_templates_render_as_with_jinjas_own_code(name: str, flag: bool) -> None:
    """Macros, call blocks, set blocks, filters, joins and autoescape switches: same bytes."""
    loader = jinja2.DictLoader(TEMPLATES)
    values = [v for v in VALUES if v is not None]
    ours = strict(loader).get_template(name)
    jinjas = jinjas_own(strict(loader)).get_template(name)
    assert ours.render(values=values, flag=flag) == jinjas.render(values=values, flag=flag)


def test_lean_escape_replaces_escape_in_autoescaped_output_only() -> None:
    """HTML outputs call escape_output; text templates keep str(); nothing else changes."""
    env = strict(jinja2.DictLoader(TEMPLATES))
    html = env.compile(TEMPLATES["values.html"], "values.html", raw=True)
    text = env.compile(TEMPLATES["plain.txt"], "plain.txt", raw=True)
    assert "environment.escape_output(" in html
    assert "escape(" not in html.replace("environment.escape_output(", "")
    assert "escape_output" not in text
    assert env.code_generator_class is LeanEscape


@pytest.mark.parametrize("text", [*CORPUS, "Plain text"])
def test_report_html_equals_jinjas_own_rendering(make_dataset: DatasetBuilder, text: str) -> None:
    """The real report template, hostile text in every field: the same bytes either way."""
    result = validate(dataset(make_dataset, text), current_year=2026)
    view = contents.build(result.dataset, result.problems, YEAR, PROVENANCE)
    ours = environment(None).get_template("report.html.j2")
    jinjas = jinjas_own(environment(None)).get_template("report.html.j2")
    context = render._context(view, "html")
    assert ours.render(context) == jinjas.render(context)


def jinjas_own(env: jinja2.Environment) -> jinja2.Environment:
    """The same environment options and filters, with Jinja's own code generator (also for
    the site's pages: tests/cli/test_site_cli.py)."""
    plain = jinja2.Environment(
        loader=env.loader,
        undefined=env.undefined,
        autoescape=env.autoescape,
        keep_trailing_newline=env.keep_trailing_newline,
        trim_blocks=env.trim_blocks,
        lstrip_blocks=env.lstrip_blocks,
    )
    plain.filters.update(env.filters)
    return plain
