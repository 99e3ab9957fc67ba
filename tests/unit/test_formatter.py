"""`ascn fmt`'s core: canonical layout, comments kept in place, values never changed."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ascn.edit.comments import comment_map
from ascn.edit.formatter import FormatRefused, format_all, format_text
from ascn.edit.yamlout import round_trip_yaml
from ascn.load.loader import KIND_BY_NAME
from ascn.load.yamlread import compose, construct
from tests.conftest import REPO

CITY = KIND_BY_NAME["city"]
PLAN = KIND_BY_NAME["plan"]
MODELINE = "# yaml-language-server: $schema=../../schema/city.schema.json\n"


def test_shipped_data_is_already_formatted() -> None:
    """`ascn fmt --check` passes on data/ as shipped: no file changes, none fails."""
    results = format_all([], REPO / "data")
    assert len(results) > 100
    assert [r.file for r in results if r.changed or r.problems or r.refusal] == []


def test_keys_follow_the_model_order_at_every_level() -> None:
    """Top-level and nested keys are sorted as the model's fields, unknown keys last."""
    text = (
        MODELINE + "joined: 2018\nname: Hue\nextra: kept\nid: hue\ncountry: VN\n"
        "population:\n  note: census\n  value: 652572\n"
    )
    assert format_text(text, CITY) == (
        MODELINE + "id: hue\nname: Hue\ncountry: VN\njoined: 2018\n"
        "population:\n  value: 652572\n  note: census\nextra: kept\n",
        (),
    )


def test_projects_and_updates_are_ordered_inside_lists() -> None:
    """Mappings inside lists (projects, updates) follow their own models' order."""
    text = (
        "# yaml-language-server: $schema=../../schema/plan.schema.json\ncity: hue\nprojects:\n"
        "  - title: Lights\n    id: hue-lights\n    first_listed: 2019\n"
        "    focus_area: built-infrastructure\n    updates:\n      - status: ongoing\n"
        "        year: 2022\n"
    )
    assert format_text(text, PLAN)[0] == (
        "# yaml-language-server: $schema=../../schema/plan.schema.json\ncity: hue\nprojects:\n"
        "  - id: hue-lights\n    title: Lights\n    focus_area: built-infrastructure\n"
        "    first_listed: 2019\n    updates:\n      - year: 2022\n        status: ongoing\n"
    )


def test_layout_indentation_quotes_and_final_newline() -> None:
    """Four-space indents, needless quotes and flow lists become the canonical layout."""
    text = MODELINE + 'id: "hue"\nname: Hue\npopulation:\n    value: 1\nname_variants: [Huế]'
    assert format_text(text, CITY)[0] == (
        MODELINE + "id: hue\nname: Hue\npopulation:\n  value: 1\nname_variants:\n  - Huế\n"
    )


def test_quotes_that_keep_a_value_text_are_kept() -> None:
    """A quoted '010' or 'no' stays quoted where the quotes are what makes it text."""
    text = MODELINE + "id: hue\nnotes: '010'\n"
    assert format_text(text, CITY)[0] == text


def test_missing_modeline_is_added_for_the_files_kind() -> None:
    """A file without the schema modeline gets the one for its kind and depth."""
    assert format_text(
        "name: ASEAN Smart Cities Network\nfounded: 2018\n", KIND_BY_NAME["network"]
    )[0] == (
        "# yaml-language-server: $schema=../schema/network.schema.json\n"
        "name: ASEAN Smart Cities Network\nfounded: 2018\n"
    )


def test_modeline_after_another_header_comment_is_not_repeated() -> None:
    """A modeline on the second header line counts: no second modeline is added."""
    text = "# Hue, added 2024\n" + MODELINE + "id: hue\n"
    assert format_text(text, CITY)[0] == text


def test_end_of_line_comments_move_with_their_key() -> None:
    """A comment at the end of a line stays on the line of its key when the key moves."""
    text = MODELINE + "name: Hue  # official spelling\nid: hue\n"
    assert format_text(text, CITY) == (MODELINE + "id: hue\nname: Hue  # official spelling\n", ())


def test_comment_above_a_key_keeps_that_mapping_in_its_order() -> None:
    """A full-line comment that reordering would separate from its key blocks that reorder."""
    text = (
        MODELINE + "id: hue\nname: Hue\nsources:\n  - me-2024\n"
        "# from the 2019 census\npopulation:\n  note: census\n  value: 652572\n"
    )
    out, kept = format_text(text, CITY)
    assert kept == ((),)
    assert out == (
        MODELINE + "id: hue\nname: Hue\nsources:\n  - me-2024\n"
        "# from the 2019 census\npopulation:\n  value: 652572\n  note: census\n"
    )


def test_comment_inside_a_flow_list_leaves_the_file_alone() -> None:
    """ruamel would drop a comment inside [...]: the file is refused, not damaged."""
    with pytest.raises(FormatRefused):
        format_text(MODELINE + "id: hue\nname_variants: [a, # first\n  b]\n", CITY)


def test_comments_in_block_scalars_are_text_not_comments() -> None:
    """A `#` line inside a literal block is part of the value and is kept as it is."""
    text = MODELINE + "id: hue\nnotes: |  # header comment\n  # not a comment\n  text\n"
    assert format_text(text, CITY)[0] == text
    assert sorted(c.text for c in comment_map(text)) == ["# header comment", MODELINE.strip()]


def test_formatting_twice_changes_nothing_the_second_time() -> None:
    """The canonical layout is a fixed point."""
    text = MODELINE + "joined: 2018  # year\nid: hue\n# the name\nname:   Hue\n"
    once = format_text(text, CITY)[0]
    assert format_text(once, CITY) == (once, ())


# Property-based tests: random records, written in random key order with random comments.

FIELDS = ["id", "name", "country", "joined", "population", "notes", "sources", "value", "note"]
WORDS = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"
    ),
    max_size=12,
)
SCALARS = (
    WORDS
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.booleans()
    | st.none()
    | st.sampled_from(["no", "yes", "010", "2018-07-08", "~", "null", "a: b", "# x", "- y"])
)
KEYS = st.sampled_from(FIELDS) | st.text(alphabet="abcxyz_", min_size=1, max_size=6)


def _values(depth: int) -> st.SearchStrategy[Any]:
    if depth == 0:
        return SCALARS
    child = _values(depth - 1)
    return SCALARS | st.lists(child, max_size=3) | st.dictionaries(KEYS, child, max_size=4)


RECORDS = st.dictionaries(KEYS, _values(2), min_size=1, max_size=6)
COMMENT_TEXT = st.text(alphabet="abc #:-'\"é", max_size=10).map(lambda t: "# " + t.strip())


def _dump(data: dict[str, Any]) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def _comment_texts(text: str) -> Counter[str]:
    return Counter(c.text for c in comment_map(text))


@st.composite
def commented_files(draw: st.DrawFn) -> str:
    """A record written as YAML, with comments on their own lines and at line ends."""
    lines = _dump(draw(RECORDS)).splitlines()
    result = []
    for line in lines:
        if draw(st.booleans()):
            indent = draw(st.sampled_from(["", "  ", "    "]))
            result.append(indent + draw(COMMENT_TEXT))
        eol = draw(st.booleans()) and not line.rstrip().endswith(("|", "|-", ">", ">-"))
        result.append(line + ("  " + draw(COMMENT_TEXT) if eol else ""))
    if draw(st.booleans()):
        result.append(draw(COMMENT_TEXT))
    return MODELINE + "\n".join(result) + "\n"


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(commented_files())
def test_formatting_never_changes_the_data(text: str) -> None:
    """Whatever the layout, the formatted file reads back to exactly the same values."""
    try:
        out = format_text(text, CITY)[0]
    except FormatRefused:
        return  # the file is left untouched, which keeps its data by definition
    assert construct(compose(out)) == construct(compose(text))


@PROPERTY
@given(commented_files())
def test_formatting_never_drops_a_comment(text: str) -> None:
    """Every comment of the file is in the formatted file, annotating the same entry."""
    try:
        out = format_text(text, CITY)[0]
    except FormatRefused:
        return
    assert comment_map(out) == comment_map(text)
    assert _comment_texts(out) == _comment_texts(text)


@PROPERTY
@given(commented_files())
def test_formatting_is_idempotent(text: str) -> None:
    """Formatting the formatted text changes nothing."""
    try:
        out = format_text(text, CITY)[0]
    except FormatRefused:
        return
    assert format_text(out, CITY)[0] == out


@settings(max_examples=200, deadline=None)
@given(RECORDS)
def test_records_without_comments_are_always_formatted(data: dict[str, Any]) -> None:
    """Without comments nothing can block a reorder: the layout is always applied."""
    out, kept = format_text(MODELINE + _dump(data), CITY)
    assert kept == ()
    assert construct(compose(out)) == construct(compose(MODELINE + _dump(data)))
