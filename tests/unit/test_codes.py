"""Every problem code is documented, and every documented example behaves as documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ascn import checks
from ascn.explain import CODES, CodeDoc, Example, UnknownCode, explain_text, list_text, lookup
from ascn.problems import Severity
from ascn.validate import validate
from tests.conftest import REPO, DatasetBuilder

CODE_SHAPE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
# Hyphenated strings in the emitting modules that are not problem codes.
NOT_CODES = {"utf-8"}
# Functions that take a problem code, and the position of that argument.
EMITTERS = {
    "Problem": 3,
    "at_pointer": 0,
    "warning": 0,
    "error": 0,
    "_file_problem": 0,
    "_problem": 1,
    "YamlIssue": 0,
    "_at": 1,
    "_event_issue": 1,
}
CURRENT_YEAR = 2026


def _strings(node: ast.AST | None) -> set[str]:
    """String constants a code expression can evaluate to (through `a if c else b`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    if isinstance(node, ast.Tuple):
        return set().union(*(_strings(item) for item in node.elts))
    return set()


def _call_codes(call: ast.Call) -> set[str]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    found = {s for k in call.keywords if k.arg == "code" for s in _strings(k.value)}
    position = EMITTERS.get(name)
    if position is not None and len(call.args) > position:
        found |= _strings(call.args[position])
    return found


def _assigned_codes(node: ast.Assign) -> set[str]:
    """Strings assigned to a variable named `code` (also `code, message = "x", ...`)."""
    found: set[str] = set()
    for target in node.targets:
        if isinstance(target, ast.Name) and target.id == "code":
            found |= _strings(node.value)
        if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
            for name, value in zip(target.elts, node.value.elts, strict=False):
                if isinstance(name, ast.Name) and name.id == "code":
                    found |= _strings(value)
    return found


def emitted_codes() -> dict[str, set[str]]:
    """Problem codes found in the source of ascn/, by module, outside the docs themselves."""
    by_module: dict[str, set[str]] = {}
    for path in sorted((REPO / "ascn").rglob("*.py")):
        name = path.relative_to(REPO / "ascn").as_posix()
        if name in ("explain.py", "examples.py"):
            continue
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found |= _call_codes(node)
            elif isinstance(node, ast.Assign):
                found |= _assigned_codes(node)
        if found:
            by_module[name] = found
    return by_module


def _all_emitted() -> set[str]:
    return set().union(*emitted_codes().values()) | set(checks.CHECKS)


def test_scanner_finds_the_codes_of_every_emitting_module() -> None:
    """The source scan really sees codes in each module that emits them (it is not blind)."""
    found = emitted_codes()
    assert {
        "load/loader.py",
        "load/filecheck.py",
        "load/yamlread.py",
        "load/schema_errors.py",
        "checks/identity.py",
        "checks/references.py",
        "checks/timeline.py",
        "checks/privacy.py",
    } <= set(found)
    assert {"bom", "encoding", "file-too-large", "unreadable-file"} <= found["load/filecheck.py"]
    assert {"yaml-alias", "yaml-tag", "yaml-duplicate-key", "yaml-too-deep"} <= found[
        "load/yamlread.py"
    ]
    assert {"missing-field", "unknown-field", "wrong-type", "bad-value"} <= found[
        "load/schema_errors.py"
    ]
    assert {"empty-file", "not-a-mapping"} <= found["load/loader.py"]
    assert "yaml-tab" in found["load/issues.py"]
    assert {"missing-file", "stray-file", "unsafe-link"} <= found["load/discovery.py"]


def test_every_emitted_code_is_documented() -> None:
    """A code the tool can emit without an entry in ascn/codes.py fails this test."""
    assert sorted(_all_emitted() - set(CODES)) == []


def test_every_documented_code_is_emitted() -> None:
    """No entry documents a code that nothing emits any more."""
    assert sorted(set(CODES) - _all_emitted()) == []


def test_hyphenated_strings_in_emitting_modules_are_codes() -> None:
    """A new code written where the scanner does not look still has to be documented."""
    modules = [
        "load/loader.py",
        "load/filecheck.py",
        "load/yamlread.py",
        "load/schema_errors.py",
        "load/discovery.py",
    ]
    modules += [f"checks/{p.name}" for p in sorted((REPO / "ascn" / "checks").glob("*.py"))]
    strays = set()
    for name in modules:
        tree = ast.parse((REPO / "ascn" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and CODE_SHAPE.match(text) and text not in NOT_CODES:
                strays.add(text)
    assert sorted(strays - set(CODES)) == []


def test_check_severities_match_the_docs() -> None:
    """The warning checks are documented as warnings, every other code as an error."""
    warnings = sorted(code for code, doc in CODES.items() if doc.severity is Severity.WARNING)
    assert warnings == [
        "currency-mismatch",
        "figure-unexplained",
        "focus-area-not-in-plan",
        "partnership-before-joined",
        "stage-without-feasibility",
    ]


def _write(data: Path, example: Example) -> None:
    path = data / example.path
    path.unlink(missing_ok=True)
    if example.link is not None:
        path.symlink_to(example.link)
    elif example.text is not None:
        path.write_bytes((example.text * example.repeat).encode(example.encoding))


def _codes_of(make_dataset: DatasetBuilder, example: Example) -> list[str]:
    data = make_dataset(dict(example.others))
    _write(data, example)
    return [p.code for p in validate(data, current_year=CURRENT_YEAR).problems]


@pytest.mark.parametrize("doc", CODES.values(), ids=list(CODES))
def test_failing_example_produces_its_code(make_dataset: DatasetBuilder, doc: CodeDoc) -> None:
    """Validating the failing example in a small dataset reports exactly this code."""
    assert doc.code in _codes_of(make_dataset, doc.failing)


@pytest.mark.parametrize("doc", CODES.values(), ids=list(CODES))
def test_fixed_example_is_clean(make_dataset: DatasetBuilder, doc: CodeDoc) -> None:
    """The fixed example validates with no problem at all."""
    assert _codes_of(make_dataset, doc.fixed) == []


@pytest.mark.parametrize("doc", CODES.values(), ids=list(CODES))
def test_failing_example_has_the_documented_severity(
    make_dataset: DatasetBuilder, doc: CodeDoc
) -> None:
    """The problem the failing example produces has the severity the entry states."""
    data = make_dataset(dict(doc.failing.others))
    _write(data, doc.failing)
    problems = validate(data, current_year=CURRENT_YEAR).problems
    assert {p.severity for p in problems if p.code == doc.code} == {doc.severity}


def test_lookup_suggests_the_closest_code() -> None:
    """A misspelt code is an error naming the code it most resembles."""
    with pytest.raises(UnknownCode) as caught:
        lookup("update-ordr")
    assert str(caught.value) == (
        "unknown problem code 'update-ordr'; did you mean 'update-order'? "
        "(`ascn explain` lists them all)"
    )


def test_lookup_without_a_close_code_has_no_suggestion() -> None:
    """A code like no other gets no suggestion."""
    with pytest.raises(UnknownCode) as caught:
        lookup("zzz")
    assert str(caught.value) == "unknown problem code 'zzz' (`ascn explain` lists them all)"


def test_explain_text_of_one_code() -> None:
    """The explanation shows meaning, both examples (tabs made visible) and the fix."""
    assert explain_text("yaml-tab") == (
        "yaml-tab (error): a tab character is used for indentation\n"
        "\n"
        "What it means:\n"
        "  YAML indents with spaces only. A tab at the start of a line, often typed by the Tab\n"
        "  key in a plain text editor, makes the file unreadable.\n"
        "\n"
        "Failing example: data/cities/da-nang.yaml\n"
        "  | id: da-nang\n"
        "  | name: Da Nang\n"
        "  | country: VN\n"
        "  | joined: 2018\n"
        "  | population:\n"
        "  | <TAB>value: 1200000\n"
        "\n"
        "Fixed: data/cities/da-nang.yaml\n"
        "  | id: da-nang\n"
        "  | name: Da Nang\n"
        "  | country: VN\n"
        "  | joined: 2018\n"
        "  | population:\n"
        "  |   value: 1200000\n"
        "\n"
        "How to fix:\n"
        "  Replace the tab with spaces (two per level). Editors with the YAML extension insert\n"
        "  spaces when you press Tab.\n"
    )


def test_explain_text_shows_links_and_notes() -> None:
    """An example that is a link shows where it points and the note that explains it."""
    text = explain_text("unsafe-link")
    failing = text.split("\n\n")[2]
    assert failing == (
        "Failing example: data/cities/hue.yaml (a link to a file outside data/)\n"
        "  -> ../../hue.yaml"
    )


def test_list_text_has_one_line_per_code() -> None:
    """The list names every code once, sorted, with its severity and summary."""
    lines = list_text().splitlines()
    assert len(lines) == len(CODES) + 2
    assert (
        lines[0] == "bad-file-name                error    the file name is not a valid record id"
    )
    assert lines[-1] == "Run `ascn explain CODE` for its meaning and an example."
    assert [line.split()[0] for line in lines[:-2]] == sorted(CODES)
