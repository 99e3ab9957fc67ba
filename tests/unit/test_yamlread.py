"""The safe YAML reader: YAML 1.2 values, rejected constructs, positions."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ascn.load import yamlread
from ascn.load.yamlread import YamlRejected, compose, construct, node_at, resolve_scalar


def read(text: str) -> object:
    """Parse text the way the loader does."""
    return construct(compose(text))


def issue(text: str) -> tuple[str, int, int]:
    """The (code, 1-based line, 1-based column) the reader rejects text with."""
    with pytest.raises(YamlRejected) as caught:
        read(text)
    found = caught.value.issue
    return found.code, found.line + 1, found.column + 1


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("1.5", 1.5),
        ("-2", -2),
        ("2018-07-08", "2018-07-08"),
        ("12:30", "12:30"),
        ("da-nang", "da-nang"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(plain: str, value: object) -> None:
    """Plain scalars resolve by the YAML 1.2 core schema, not YAML 1.1."""
    assert resolve_scalar(plain) == value
    assert type(resolve_scalar(plain)) is type(value)


def test_quoted_scalars_stay_text() -> None:
    """A quoted number or boolean is text."""
    assert read("a: '2018'\nb: \"true\"\n") == {"a": "2018", "b": "true"}


def test_integer_too_long_for_python_stays_text() -> None:
    """A 5,000-digit number does not crash int(); it stays text for the model to reject."""
    assert read("a: " + "9" * 5000 + "\n") == {"a": "9" * 5000}


def test_empty_document_composes_to_none() -> None:
    """A file of only comments has no document."""
    assert compose("# nothing here\n") is None


def test_rejects_anchor_at_its_position() -> None:
    """An anchor is rejected where it is written."""
    assert issue("a: &x 1\nb: 2\n") == ("yaml-alias", 1, 4)


def test_rejects_alias_at_its_position() -> None:
    """An alias is rejected where it is written."""
    assert issue("a: [1]\nb:\n  - *x\n") == ("yaml-alias", 3, 5)


def test_rejects_billion_laughs() -> None:
    """The classic entity-expansion bomb is rejected at its first anchor, without expanding."""
    lines = ['a: &a ["lol","lol"]'] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)
    ]
    assert issue("\n".join(lines) + "\n") == ("yaml-alias", 1, 4)


def test_text_that_only_looks_like_an_anchor_is_fine() -> None:
    """`R&D` and `*note` inside text are not anchors or aliases."""
    assert read("a: R&D and *note\n") == {"a": "R&D and *note"}


def test_rejects_python_tag_without_constructing() -> None:
    """A Python object tag is rejected, never constructed."""
    text = "a: !!python/object/apply:os.system ['echo pwned']\n"
    assert issue(text) == ("yaml-tag", 1, 4)


def test_rejects_local_tag() -> None:
    """Any explicit tag is rejected."""
    assert issue("a: !custom x\n") == ("yaml-tag", 1, 4)


def test_rejects_duplicate_key_at_second_key() -> None:
    """A duplicate key points at the repeated key."""
    assert issue("a: 1\nb:\n  c: 1\n  c: 2\n") == ("yaml-duplicate-key", 4, 3)


def test_rejects_deep_flow_nesting_before_the_c_composer() -> None:
    """Deep nesting is refused (it would overflow the recursive C composer)."""
    assert issue("[" * 100_000 + "]" * 100_000) == ("yaml-too-deep", 1, 65)


def test_rejects_deep_block_nesting() -> None:
    """Nested block sequences on one line count as nesting too."""
    assert issue("- " * 500 + "x\n") == ("yaml-too-deep", 1, 129)


def test_moderate_nesting_is_accepted() -> None:
    """Nesting within the limit parses."""
    assert read("[" * 10 + "]" * 10) == [[[[[[[[[[]]]]]]]]]]


def test_syntax_error_position() -> None:
    """An unclosed flow sequence is a syntax error at the line libyaml reports."""
    assert issue("a: [1, 2\nb: 3\n") == ("yaml-syntax", 2, 2)


def test_node_at_points_at_key_or_value() -> None:
    """Pointers resolve to the key or to the value, 0-based."""
    root = compose("a:\n  - x: 1\n    y: [2, 3]\n")
    assert node_at(root, ("a", 0, "y"), "key") == (2, 4)
    assert node_at(root, ("a", 0, "y"), "value") == (2, 7)
    assert node_at(root, ("a", 0, "y", 1), "value") == (2, 11)


def test_node_at_falls_back_to_deepest_existing_node() -> None:
    """A pointer to a missing field resolves to the nearest node that exists."""
    root = compose("a:\n  - x: 1\n")
    assert node_at(root, ("a", 0, "missing"), "key") == (1, 4)


def test_c_parser_is_in_use() -> None:
    """The composer is libyaml's, from ruamel.yaml.clib, not a pure-Python fallback."""
    assert yamlread._Composer.__mro__[1].__module__.startswith(("_ruamel_yaml", "ruamel.yaml.clib"))


def test_rejects_anchor_right_after_a_colon_in_flow() -> None:
    """`{"k":&a 1}` is valid YAML with no space before the anchor; the prescan sees it."""
    assert issue('a: {"k":&x 1}\n') == ("yaml-alias", 1, 9)


def test_untagged_nodes_share_one_marker() -> None:
    """Every untagged node carries the same marker object, so tag checks are by identity."""
    root = compose("a: [1, {b: c}]\n")
    key, value = root.value[0]
    assert key.ctag is value.ctag is value.value[1].ctag is yamlread._NO_TAG


# Pieces of YAML without '&', '*' and '!' (texts with them take `construct`), so that
# examples reach the untagged walker's every branch: nested mappings and lists, complex
# and duplicate keys, quoted and plain scalars of every type.
UNTAGGED_PIECES = [
    *("a: 1\n", "a: ", "b: ", "a:", "\n", "  ", "- ", ": ", "[", "]", "{", "}", ", ", "? ", "'x'"),
    *('"y"', "2018", "-1", "0x1f", "1e3", ".nan", "no", "~", "null", "|\n  t", ">\n  t", "#"),
]


@settings(max_examples=500, deadline=None)
@example("a: 1\nb:\n  a: 1\n  a: 2\n")
@example("{a: [1, {? [a] : 1}]}")
@given(st.lists(st.sampled_from(UNTAGGED_PIECES), max_size=30).map("".join))
def test_parse_is_compose_and_construct(text: str) -> None:
    """`parse` gives the values, or the issue, that `construct(compose(text))` gives."""
    try:
        node = compose(text)
        expected: object = repr(None if node is None else construct(node))  # repr: nan == nan
    except YamlRejected as e:
        expected = e.issue
    try:
        found: object = repr(yamlread.parse(text))
    except YamlRejected as e:
        found = e.issue
    assert found == expected


class _PlainComposer(yamlread._Composer):  # type: ignore[misc]
    """The composer with the no-op resolver hooks written as Python methods, as before."""

    def descend_resolver(self, *_: object) -> None:
        """No path-based resolution."""

    def ascend_resolver(self, *_: object) -> None:
        """No path-based resolution."""


def _tree(node: object) -> object:
    """A node's kind, value, style and place, and those of the nodes under it."""
    value = getattr(node, "value", None)
    if isinstance(value, list):
        value = [
            _tree(item) if not isinstance(item, tuple) else tuple(map(_tree, item))
            for item in value
        ]
    mark = getattr(node, "start_mark", None)
    return type(node).__name__, value, getattr(node, "style", None), getattr(mark, "index", None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(UNTAGGED_PIECES), max_size=30).map("".join))
def test_builtin_resolver_hooks_compose_the_same(text: str) -> None:
    """The C builtins standing in for the resolver hooks give the same nodes, or the same error."""

    def composed(composer: type) -> object:
        try:
            return _tree(composer(text).get_single_node())
        except yamlread.YAMLError as e:
            return str(e)

    assert composed(yamlread._Composer) == composed(_PlainComposer)
