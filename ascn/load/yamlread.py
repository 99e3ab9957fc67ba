"""Safe, fast YAML reading: libyaml composes nodes, we construct plain values the YAML 1.2 way.

Why not a stock loader: ruamel's round-trip loader carries positions but is pure
Python and ~15x slower; the C safe loaders resolve scalars by YAML 1.1 rules
(`no` -> False, `010` -> 8) and construct tags such as `!!python/object`. Here
the C parser (ruamel.yaml.clib) builds nodes, which carry start marks, and a
small walker turns them into dicts, lists and scalars, rejecting aliases, tags
and duplicate keys as it goes. Positions are only looked up for files with
problems, by composing the file again (`node_at`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from _ruamel_yaml import CParser, MappingNode, ScalarNode, SequenceNode, YAMLError
from ruamel.yaml.tag import Tag

from ascn.problems import Pointer

MAX_DEPTH = 64  # records nest about 5 deep; deeper input is hostile, and crashes C recursion
# What our resolver answers, as one shared object: nodes keep it as is (ruamel wraps a
# string in a new Tag per node, which cost more than the parse), and the walker checks
# identity. Any other tag on a node was written in the file.
_NO_TAG = Tag(suffix="?")


class _Composer(CParser):  # type: ignore[misc]
    """libyaml's composer with a resolver that leaves typing to the walker."""

    # No path-based resolution. The composer calls these for every node, as
    # descend_resolver(parent, index) and ascend_resolver(), and ignores what they
    # return: C builtins that accept those arguments and do nothing else (a slice, an
    # empty tuple) spare two Python calls per node, 10-20% of composing a file.
    descend_resolver = staticmethod(slice)
    ascend_resolver = staticmethod(tuple)

    def resolve(self, *_: object) -> Tag:
        """Mark every untagged node; `construct` types plain scalars by YAML 1.2 rules."""
        return _NO_TAG


@dataclass(frozen=True)
class YamlIssue:
    """A reason a document cannot be read, at a 0-based line and column (libyaml's count)
    and at a character offset (-1: unknown), from which `positions` finds the line an
    editor shows."""

    code: str
    message: str
    line: int
    column: int
    offset: int = -1


class YamlRejected(Exception):
    """The document is not acceptable data; carries the issue."""

    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def compose(text: str) -> Any:
    """The root node of a one-document YAML text, or None if it has no document."""
    _prescan(text)
    try:
        return _Composer(text).get_single_node()
    except YAMLError as e:
        raise YamlRejected(_syntax_issue(e, text)) from e


def _syntax_issue(error: Any, text: str) -> YamlIssue:
    """A yaml-syntax issue from a libyaml error, at its problem mark.

    An unfinished simple key is reported where the key starts (its context mark): libyaml
    notices only at the end of the line, or 1,024 characters into a long key. A reader
    error (a control character) is at its own offset, which its message leaves out; libyaml
    gives that offset in bytes of UTF-8, marks in characters.
    """
    if getattr(error, "reason", None) is not None and hasattr(error, "position"):
        message = f"unacceptable character #x{error.character:04x}: {error.reason}"
        before = text.encode("utf-8", "surrogatepass")[: int(error.position)]
        offset = len(before.decode("utf-8", "replace"))
        return YamlIssue("yaml-syntax", message, 0, 0, offset)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if context == "while scanning a simple key" and getattr(error, "context_mark", None):
        mark = error.context_mark
    message = f"{context}: {problem}" if context else str(problem)
    if mark is None:
        return YamlIssue("yaml-syntax", message.replace("\n", " "), 0, 0)
    return YamlIssue("yaml-syntax", message.replace("\n", " "), mark.line, mark.column, mark.index)


_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_LONG_INDENT = re.compile(r"^[ \-?:]{32,}", re.MULTILINE)
# `&name` or `*name` where a node may start: maybe an anchor or alias (or a false alarm in
# text). `:` is there for flow mappings, where `{"k":&a 1}` is valid YAML.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s,\[\]{}]", re.MULTILINE)


def _prescan(text: str) -> None:
    """Cheaply rule out deep nesting and anchors; if in doubt, check the events exactly."""
    opens = text.count("[") + text.count("{")
    deepest = _flow_depth(text) if opens > MAX_DEPTH // 2 else opens
    indent = max((len(m) for m in _LONG_INDENT.findall(text)), default=0)
    # The `in` tests are memchr-fast and spare the regex on almost every file.
    maybe_anchor = ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text)
    if deepest + indent > MAX_DEPTH or maybe_anchor:
        _scan_events(text)


def _flow_depth(text: str) -> int:
    """How deep flow brackets nest, counting every bracket (also those in quoted text)."""
    flow = text.encode("utf-8", "surrogatepass").translate(None, _BRACKETS)
    depth = deepest = 0
    for byte in flow:
        depth += 1 if byte in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _scan_events(text: str) -> None:
    """Walk parser events (no recursion); reject anchors, aliases and too deep nesting."""
    parser = _Composer(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            name = type(event).__name__
            if name == "AliasEvent" or getattr(event, "anchor", None):
                word = "aliases (*name)" if name == "AliasEvent" else "anchors (&name)"
                raise YamlRejected(_event_issue(event, "yaml-alias", f"{word} are not allowed"))
            if name in ("SequenceStartEvent", "MappingStartEvent"):
                depth += 1
                if depth > MAX_DEPTH:
                    msg = f"nesting deeper than {MAX_DEPTH} levels"
                    raise YamlRejected(_event_issue(event, "yaml-too-deep", msg))
            elif name in ("SequenceEndEvent", "MappingEndEvent"):
                depth -= 1
            elif name == "StreamEndEvent":
                return
    except YAMLError as e:
        raise YamlRejected(_syntax_issue(e, text)) from e


def _event_issue(event: Any, code: str, message: str) -> YamlIssue:
    mark = event.start_mark
    return YamlIssue(code, message, mark.line, mark.column, mark.index)


def construct(node: Any) -> Any:
    """Plain Python values from a composed node; raises YamlRejected on unsafe input."""
    return _Walker().value(node)


def parse(text: str) -> Any:
    """The plain values of a one-document YAML text (None if it has none); may raise YamlRejected.

    An anchor needs '&', an alias '*' and a tag '!' in the text: without all three, no node
    can be one, and the values are built by a walker that does not look for them (the
    loader's parse took 0.2 s less CPU at 1,000 cities). Any other text gets `construct`.
    """
    node = compose(text)
    if node is None:
        return None
    if "&" in text or "*" in text or "!" in text:
        return construct(node)
    return _untagged_value(node)


def _untagged_value(node: Any) -> Any:
    """`construct` of a node that holds no alias and no tag: the same values, the same errors."""
    kind = type(node)
    if kind is ScalarNode:
        return node.value if node.style else resolve_scalar(node.value)
    if kind is SequenceNode:
        return [_untagged_value(item) for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode:
            raise YamlRejected(_at(key_node, "yaml-syntax", "a key must be plain text"))
        key = key_node.value
        if key in result:
            msg = f"duplicate key {key!r}: the mapping already has it"
            raise YamlRejected(_at(key_node, "yaml-duplicate-key", msg))
        if type(value_node) is ScalarNode:  # most values: typed without a call
            scalar = value_node.value
            result[key] = scalar if value_node.style else resolve_scalar(scalar)
        else:
            result[key] = _untagged_value(value_node)
    return result


class _Walker:
    """Turns nodes into values, remembering nodes seen to catch aliases.

    Written for speed (it visits every node of every file): exact type checks,
    the visit inlined, and scalar values of mappings typed without a call.
    """

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def value(self, node: Any) -> Any:
        """The value of one node."""
        self._visit(node)
        kind = type(node)
        if kind is ScalarNode:
            return node.value if node.style else resolve_scalar(node.value)
        if kind is SequenceNode:
            return [self.value(item) for item in node.value]
        return self._mapping(node)

    def _visit(self, node: Any) -> None:
        # Defence in depth: the prescan refuses anchors, so no node should be seen twice.
        seen = self.seen
        if id(node) in seen:
            raise YamlRejected(_at(node, "yaml-alias", "aliases (*name) are not allowed in data"))
        seen.add(id(node))
        if node.ctag is not _NO_TAG:
            tag = str(node.ctag).replace("tag:yaml.org,2002:", "!!")
            raise YamlRejected(_at(node, "yaml-tag", f"tags such as {tag} are not allowed in data"))

    def _mapping(self, node: Any) -> dict[str, Any]:
        result: dict[str, Any] = {}
        visit, value = self._visit, self.value
        for key_node, value_node in node.value:
            visit(key_node)
            if type(key_node) is not ScalarNode:
                raise YamlRejected(_at(key_node, "yaml-syntax", "a key must be plain text"))
            key = key_node.value
            if key in result:
                msg = f"duplicate key {key!r}: the mapping already has it"
                raise YamlRejected(_at(key_node, "yaml-duplicate-key", msg))
            result[key] = value(value_node)
        return result


def _at(node: Any, code: str, message: str) -> YamlIssue:
    mark = node.start_mark
    return YamlIssue(code, message, mark.line, mark.column, mark.index)


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}
_NUMBER_START = frozenset("0123456789+-.")


def resolve_scalar(text: str) -> Any:
    """A plain scalar typed by the YAML 1.2 core schema (`no` stays text, `010` is 10)."""
    if text in _WORDS:
        return _WORDS[text]
    if not text or text[0] not in _NUMBER_START:
        return text
    return _number(text)


def _number(text: str) -> Any:
    parse: Callable[[str], Any] | None = None
    if _INT.fullmatch(text):
        parse = int
    elif text.startswith("0o") and re.fullmatch(r"0o[0-7]+", text):
        return int(text[2:], 8)
    elif text.startswith("0x") and re.fullmatch(r"0x[0-9a-fA-F]+", text):
        return int(text[2:], 16)
    elif _FLOAT.fullmatch(text):
        parse = float
    if parse is None:
        return text
    try:
        return parse(text)
    except ValueError:  # an integer too long for int(): keep the text, the model rejects it
        return text


def node_at(root: Any, pointer: Pointer, part: str) -> tuple[int, int]:
    """The 0-based (line, column) of the node at `pointer`, or of its deepest existing parent.

    libyaml's own line count; the loader uses `NodeIndex.offset` and `positions` instead.
    """
    mark = NodeIndex(root).mark(pointer, part)
    return mark.line, mark.column


class NodeIndex:
    """Finds the node at a pointer in a composed document; each mapping's keys are indexed
    once, on first use, so that locating n problems in one file is linear, not n x keys."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self._keys: dict[int, dict[str, tuple[Any, Any]]] = {}

    def offset(self, pointer: Pointer, part: str) -> int:
        """The character offset of the node (or its key) at `pointer`, or of its deepest parent."""
        return int(self.mark(pointer, part).index)

    def mark(self, pointer: Pointer, part: str) -> Any:
        """The start mark of the node at `pointer` (its key's with part "key")."""
        node, key_node = self.root, None
        for step in pointer:
            child = self._child(node, step)
            if child is None:
                return (key_node or node).start_mark
            key_node, node = child
        return (key_node if part == "key" and key_node is not None else node).start_mark

    def _child(self, node: Any, step: str | int) -> tuple[Any, Any] | None:
        if isinstance(node, MappingNode) and isinstance(step, str):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key_node, value_node in node.value:
                    if type(key_node) is ScalarNode:  # other keys never match a field name
                        keys.setdefault(key_node.value, (key_node, value_node))
            return keys.get(step)
        if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            item = node.value[step]
            return item, item
        return None
