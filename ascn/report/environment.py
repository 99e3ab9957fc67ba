"""The report's Jinja environment: its options and filters, how its templates compile.

Templates come from a directory (the secretariat edits the repository's `templates/`) or,
when there is none, from the copies shipped in the package, so an installed `ascn` works
anywhere. HTML is autoescaped; Markdown values go through the `md` and `cell` filters,
which escape HTML and Markdown syntax.

**Escaping without wrappers.** With autoescape, Jinja compiles every `{{ value }}` of an
HTML template to `markupsafe.escape(value)`, which wraps the escaped text in a `Markup`
object: two Python calls, about 1 us, of which the escaping itself is 4%. The HTML report
at 1,000 cities writes 124,000 values, so the wrapping was 0.12 s of its 0.17 s of
rendering. `LeanEscape` compiles those outputs to `environment.escape_output(value)`
instead (Jinja's documented extension point for changing the code a template compiles to
is `Environment.code_generator_class`). It returns the same text as `markupsafe.escape`:
a plain str is escaped by markupsafe's own C escape (or, without it, the replacements of its
pure-Python fallback),
an int is written as it is (digits and a sign need no escaping), and anything else (Markup,
objects with `__html__`, other types) goes through `markupsafe.escape` itself. The result
is a plain str where markupsafe's would be Markup; that is safe because an output value is
only ever joined into the template's output, never escaped again: Jinja marks a block's or
a macro's joined output as Markup itself, whatever its pieces are.
Tests: tests/unit/test_report_escaping.py (same bytes as Jinja's own code on hostile text).

**Compiled once, or ahead.** Compiling a template (lexing, parsing, generating Python
source) took 70-80 ms for each of the report's two templates. The generated Python source
is looked up by `source_key` (the template's name and source and the options) first in
`made` (made ahead on the second core while the command starts: ascn/report/prework.py),
then, with the result cache on, in the cache (Jinja's own bytecode cache stores
`marshal`led code objects, which the result cache never holds: ascn.load.cache keeps JSON
only), and is compiled with `compile()`: only text crosses, never code objects.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any
from urllib.parse import quote

import jinja2
import markupsafe
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import escape

from ascn import escape as escapers
from ascn.load import cache

TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2"}
DEFAULT_TEMPLATE_DIR = Path("templates")
OPTIONS = ("block_start_string", "variable_start_string", "comment_start_string",
           "trim_blocks", "lstrip_blocks", "keep_trailing_newline", "newline_sequence",
           "line_statement_prefix", "line_comment_prefix", "optimized")  # fmt: skip


def _escape_text(value: str) -> str:
    """What markupsafe's escape makes of a str, as a plain str (its pure-Python fallback)."""
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


# markupsafe 3 escapes a str with its C speedup `_escape_inner` (70 ns against 300 ns for the
# replacements: 35 ms of the HTML report at 1,000 cities) before wrapping it in Markup. The
# name is markupsafe's own, unlisted: with a markupsafe that lacks it the replacements run,
# and tests/unit/test_report_escaping.py checks both give markupsafe.escape's text.
_ESCAPE_STR: Callable[[str], str] = getattr(markupsafe, "_escape_inner", _escape_text)


def escape_output(value: object) -> str:
    """`str(markupsafe.escape(value))`, computed without creating a Markup object."""
    if type(value) is str:
        return _ESCAPE_STR(value)
    if type(value) is int:
        return str(value)
    return escape(value)


class LeanEscape(CodeGenerator):
    """Jinja's code generator, with autoescaped outputs calling `escape_output`."""

    def _output_child_pre(
        self, node: Any, frame: Frame, finalize: Any, *more: Any, **named: Any
    ) -> None:
        # Only where autoescape is fixed at compile time and no finalize step runs first;
        # elsewhere Jinja's own code (which chooses at run time, or finalizes) is kept. The
        # method is Jinja's own (unlisted in its API): called in another way by a later Jinja,
        # it hands over to Jinja's code; renamed, it is never called. Either way the output
        # stays Jinja's, and tests/unit/test_report_escaping.py reports the lost speed-up.
        lean = frame.eval_ctx.autoescape and not frame.eval_ctx.volatile
        if lean and not more and not named and getattr(finalize, "src", "") is None:
            self.write("environment.escape_output(")
            return
        super()._output_child_pre(node, frame, finalize, *more, **named)


class ReportEnvironment(jinja2.Environment):
    """A Jinja environment whose autoescaped templates escape through `escape_output`,
    and whose templates' Python source may come made ahead or from the result cache."""

    code_generator_class = LeanEscape
    escape_output = staticmethod(escape_output)
    made: Mapping[str, str] = {}  # Python source by `source_key`, made ahead (prework)
    store: cache.Cache | None = None  # the result cache, when it is on

    def compile(  # type: ignore[override]  # Jinja's signature, without its overloads
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> str | CodeType:
        """Jinja's compile, with the generated Python source made ahead or cached if it is."""
        if raw or defer_init or not isinstance(source, str):
            compiled: str | CodeType = super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]
            return compiled
        return self._compile(self.python_source(source, name, filename), filename or "<template>")

    def python_source(self, source: str, name: str | None, filename: str | None) -> str:
        """The Python source Jinja generates for a template: made ahead, cached or generated."""
        key = self.source_key(source, name, filename)
        python = self.made.get(key)
        if python is None and self.store is not None:
            stored = self.store.get(f"template:{key}")
            python = stored if isinstance(stored, str) else None
        if python is None:
            python = super().compile(source, name, filename, raw=True)
            if self.store is not None:
                self.store.put(f"template:{key}", python)
        return python

    def source_key(self, source: str, name: str | None, filename: str | None) -> str:
        """What the generated code depends on: the template, its name, the options."""
        escapes = self.autoescape(name) if callable(self.autoescape) else self.autoescape
        options = [getattr(self, option) for option in OPTIONS]
        return hashlib.sha256(repr((name, filename, source, escapes, options)).encode()).hexdigest()


def md(value: object) -> str:
    """Inline Markdown text from data: see `ascn.escape.markdown_inline` (fences, links,
    images, autolinks, raw HTML and leading block markers neutralised)."""
    return escapers.markdown_inline(value)


def slug(value: object) -> str:
    """The anchor GitHub gives a Markdown heading: lowercased, punctuation dropped, - for spaces."""
    text = re.sub(r"[^\w\- ]", "", str(value).lower())
    return text.replace(" ", "-")


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell: like `md`, with line breaks kept as <br>."""
    return escapers.markdown_cell(value)


def dash(value: object) -> object:
    """The value, or an en dash for a figure that is not known (None)."""
    return "\u2013" if value is None else value


def mdurl(value: object) -> str:
    """A URL safe inside a Markdown autolink `<...>`: characters it cannot hold are encoded."""
    return quote(str(value), safe=":/?#[]@!$&'()*+,;=%")


def resolve_templates(option: Path | None) -> Path | None:
    """The templates directory: the option, else ./templates if present, else None (package)."""
    if option is not None:
        return option
    return DEFAULT_TEMPLATE_DIR if DEFAULT_TEMPLATE_DIR.is_dir() else None


def strict(loader: jinja2.BaseLoader) -> ReportEnvironment:
    """Strict Jinja over `loader`, HTML templates autoescaped: the options of the report's
    templates and of the site's pages (ascn/site/build.py)."""
    return ReportEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def environment(
    template_dir: Path | None, use_cache: bool = False, made: Mapping[str, str] | None = None
) -> ReportEnvironment:
    """A strict Jinja2 environment over `template_dir`, or the packaged templates if None.

    With `use_cache`, compiled templates are kept in the result cache; `made` holds Python
    source made ahead (ascn/report/prework.py).
    """
    loader: jinja2.BaseLoader = (
        jinja2.FileSystemLoader(template_dir)
        if template_dir is not None
        else jinja2.PackageLoader("ascn", "templates")
    )
    env = strict(loader)
    env.made = made or {}
    env.store = cache.open_cache(0) if use_cache else None
    # The escapers themselves, not the wrappers above: one call less per cell (106,000 cells).
    env.filters["md"] = escapers.markdown_inline
    env.filters["cell"] = escapers.markdown_cell
    env.filters["mdurl"] = mdurl
    env.filters["dash"] = dash  # a filter, not a macro: macro calls in table rows add up
    env.filters["slug"] = slug
    return env


@dataclass(frozen=True)
class Templates:
    """Where a report's templates come from, and how they are compiled."""

    folder: Path | None = None  # None: the templates packaged with ascn
    use_cache: bool = False  # keep compiled templates in the result cache
    made: Mapping[str, str] = field(default_factory=dict)  # Python source made ahead

    def environment(self) -> ReportEnvironment:
        """A fresh environment over these templates (see `environment`)."""
        return environment(self.folder, self.use_cache, self.made)


PACKAGED = Templates()


def python_sources(
    template_dir: Path | None, names: list[str], use_cache: bool = False
) -> dict[str, str]:
    """The Python source of each named template, by `source_key` (for `environment(made=)`)."""
    env = environment(template_dir, use_cache)
    made = {}
    for name in names:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        made[env.source_key(source, name, filename)] = env.python_source(source, name, filename)
    return made
