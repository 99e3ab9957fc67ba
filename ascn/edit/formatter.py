"""`ascn fmt`: one canonical layout for record files, keeping every comment and every value.

The layout is ruamel's round trip in the canonical settings of `yamlout` (two-space
mappings, list dashes indented by two, no line folding, quotes only where needed), keys in
the order of the model's fields at every level (unknown keys kept, after the known ones),
the schema modeline on top and one final newline.

Safety before beauty: the output is accepted only if it holds the same data (read back by
the tool's own reader) and the same comments annotating the same entries (`comments`).
ruamel attaches a full-line comment to the entry before it, so moving keys can move a
comment; when it would, the mapping concerned keeps its order and the result says so.
A file that does not parse is reported and left as it is.
"""

from __future__ import annotations

import difflib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarfloat import ScalarFloat

from ascn import output
from ascn.edit.comments import Comment, comment_map, hash_count
from ascn.edit.guard import kind_of, too_large
from ascn.edit.reorder import Move, unsafe_moves
from ascn.edit.yamlout import modeline, round_trip_yaml
from ascn.load import loader
from ascn.load.loader import KINDS, Kind, RecordFile
from ascn.load.schema_errors import model_at
from ascn.load.yamlread import YamlRejected, compose, construct
from ascn.problems import AscnError, DataDirNotFound, Pointer, Problem

MODELINE_START = "# yaml-language-server:"


class PathNotFound(AscnError):
    """A path given to `ascn fmt` does not exist."""


class FormatRefused(Exception):
    """No layout change could keep every value and comment; the file stays as it is."""


@dataclass(frozen=True)
class Formatted:
    """The outcome of formatting one file."""

    path: Path
    file: str  # as shown in messages
    original: str | None  # None when the file could not be read
    text: str | None = None  # None when it could not be formatted
    problems: tuple[Problem, ...] = ()
    refusal: str | None = None  # why the file was left alone, if it was
    kept_order: tuple[Pointer, ...] = ()  # mappings left in their order to keep a comment

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.text is not None and self.text != self.original

    @property
    def only_line_endings(self) -> bool:
        """Whether the file differs from its formatted text only in line endings (CRLF/LF)."""
        if not self.changed or self.original is None or self.text is None:
            return False
        return self.original.replace("\r\n", "\n") == self.text.replace("\r\n", "\n")

    def kept_order_words(self) -> list[str]:
        """The mappings whose order was kept, as a focal point reads them."""
        return [describe_pointer(pointer) for pointer in self.kept_order]

    def diff(self) -> str:
        """A unified diff from the file to its formatted text (empty if unchanged)."""
        if not self.changed or self.original is None or self.text is None:
            return ""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.text.splitlines(keepends=True),
            fromfile=self.file,
            tofile=f"{self.file} (formatted)",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def record_files(paths: list[Path], data_dir: Path) -> list[RecordFile]:
    """The record files to format: those under `paths` (files or folders), else the dataset's."""
    if not paths:
        if not data_dir.is_dir():
            raise DataDirNotFound(f"data directory not found: {loader.display_path(data_dir)}")
        return loader.discover(data_dir)[0]
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise PathNotFound(f"no such file or folder: {loader.display_path(path)}")
        found.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return [RecordFile(kind_of(p) or KINDS[0], p, loader.display_path(p)) for p in found]


def format_all(paths: list[Path], data_dir: Path) -> list[Formatted]:
    """Format every file under `paths`, or the whole dataset; nothing is written."""
    return [format_file(record_file) for record_file in record_files(paths, data_dir)]


def exit_code(results: list[Formatted], *, check: bool) -> int:
    """1 if a file could not be formatted, or (with --check) would change; else 0."""
    failed = any(r.problems or r.refusal for r in results)
    return 1 if failed or (check and any(r.changed for r in results)) else 0


def format_file(record_file: RecordFile) -> Formatted:
    """Format one file's text (the file itself is not touched)."""
    path, shown = record_file.path, record_file.display
    if _through_link(path):
        # A writer never follows a link: the file it leads to is formatted on its own.
        return Formatted(path, shown, None, refusal="a link; ascn fmt rewrites only plain files")
    text, problem = loader.read_text(path, shown)
    if text is None:
        return Formatted(path, shown, None, problems=(problem,) if problem else ())
    crlf = text.count("\r\n") * 2 > text.count("\n")  # the file's own line ending, kept
    try:
        formatted, kept = format_text(text.replace("\r\n", "\n"), kind_of(path))
    except YamlRejected:
        problems = tuple(loader.read_record(record_file)[1])
        return Formatted(path, shown, text, problems=problems)
    except FormatRefused as e:
        return Formatted(path, shown, text, refusal=str(e))
    formatted = formatted.replace("\n", "\r\n") if crlf else formatted
    large = too_large(path, formatted)
    if large is not None:
        return Formatted(path, shown, text, problems=(large,))
    return Formatted(path, shown, text, formatted, kept_order=kept)


def _through_link(path: Path) -> bool:
    """Whether the file, or a folder on its way from the current directory, is a link."""
    steps = [path, *path.parents] if not path.is_absolute() else [path, path.parent]
    return any(step.is_symlink() for step in steps if step != Path())


def write_formatted(results: list[Formatted]) -> None:
    """Replace each changed file with its formatted text, mode kept, if it did not change."""
    for result in results:
        if result.changed and result.text is not None:
            output.replace_data_file(result.path, result.text, result.original)


def format_text(text: str, kind: Kind | None) -> tuple[str, tuple[Pointer, ...]]:
    """The canonical text and the mappings whose order was kept (YamlRejected if unparseable)."""
    root = compose(text)
    if root is None:
        return text, ()  # nothing but comments: `ascn validate` reports the empty file
    data = construct(root)
    if kind is not None and not _has_modeline(text):
        text = modeline(kind.name, 1 if kind.folder is None else 2) + "\n" + text
    model = kind.model if kind is not None and isinstance(data, dict) else None
    try:
        return _format(text, data, _Layout(model, block=True))
    except FormatRefused:
        # ruamel may drop a comment inside [..] or {..} when writing it one entry per line.
        return _format(text, data, _Layout(model, block=False))


@dataclass(frozen=True)
class _Layout:
    model: type[BaseModel] | None
    block: bool  # write flow collections ([a, b]) one entry per line


def _format(text: str, data: Any, layout: _Layout) -> tuple[str, tuple[Pointer, ...]]:
    moves: dict[Pointer, Move] = {}
    out, moved = _render(text, layout, set(), moves=moves)
    if out == text:
        return out, ()  # already canonical: the common case, and nothing to verify
    comments = comment_map(text)
    skip = unsafe_moves(text, moves)
    if skip:
        out, moved = _render(text, layout, skip)
    while not _same_comments(out, comments):
        if not moved:
            raise FormatRefused("the layout cannot be changed without moving a comment")
        unsafe = {
            p for p in moved if not _same_comments(_render(text, layout, skip, {p})[0], comments)
        }
        skip |= unsafe or set(moved)
        out, moved = _render(text, layout, skip)
    if hash_count(out) != hash_count(text) or construct(compose(out)) != data:
        raise FormatRefused("the layout cannot be changed without changing the data")
    return out, tuple(sorted(skip, key=str))


def _same_comments(out: str, comments: Counter[Comment]) -> bool:
    """Whether `out` is YAML with exactly these comments annotating the same entries."""
    try:
        return comment_map(out) == comments
    except YamlRejected:
        return False  # ruamel wrote something unreadable (seen with comments after `[]`)


def _has_modeline(text: str) -> bool:
    """Whether the comments heading the file include an editor modeline."""
    for line in text.split("\n"):
        if line.startswith(MODELINE_START):
            return True
        if line.strip() and not line.lstrip().startswith("#"):
            return False
    return False


def _render(
    text: str,
    layout: _Layout,
    skip: set[Pointer],
    only: set[Pointer] | None = None,
    moves: dict[Pointer, Move] | None = None,
) -> tuple[str, list[Pointer]]:
    """The text re-dumped with mappings reordered (except `skip`; only `only` if given).

    `moves`, if given, receives each reordered mapping's keys in file order and new order.
    """
    yaml = round_trip_yaml()
    yaml.preserve_quotes = False  # quotes are part of the layout: only where needed
    tree = yaml.load(text)
    moved = []
    for pointer, mapping, order in _out_of_order(tree, layout.model, ()):
        if pointer not in skip and (only is None or pointer in only):
            if moves is not None:
                moves[pointer] = (list(mapping), order)
            for key in order:
                mapping.move_to_end(key)
            moved.append(pointer)
    _canonical_nodes(tree, layout.block)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue(), moved


def _canonical_nodes(node: Any, block: bool) -> None:
    """Lists and mappings one entry per line (if `block`), numbers written the plain way."""
    if not isinstance(node, CommentedMap | CommentedSeq):
        return
    if block:
        node.fa.set_block_style()
    for place in list(node.keys() if isinstance(node, CommentedMap) else range(len(node))):
        value = node[place]
        if isinstance(value, ScalarFloat):
            # ruamel re-writes a float in the digits it was read with and can lose the last
            # one (3.582547326717133e+16 -> ...132e+16); Python's repr never does.
            node[place] = float(value)
        _canonical_nodes(value, block)


def _out_of_order(
    node: Any, model: type[BaseModel] | None, pointer: Pointer
) -> Iterator[tuple[Pointer, CommentedMap, list[Any]]]:
    """Each mapping (with its pointer) whose keys are not in its model's order, deepest last."""
    if isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            yield from _out_of_order(item, model, (*pointer, index))
    if not isinstance(node, CommentedMap) or model is None:
        return
    fields = list(model.model_fields)
    order = [key for key in fields if key in node] + [key for key in node if key not in fields]
    if list(node) != order:
        yield pointer, node, order
    for key, value in node.items():
        child = model_at(model, (key,)) if key in model.model_fields else None
        yield from _out_of_order(value, child, (*pointer, key))


def describe_pointer(pointer: Pointer) -> str:
    """A mapping's place as a focal point reads it: `projects[2].budget`, or `the top level`."""
    if not pointer:
        return "the top level"
    words = ""
    for step in pointer:
        words += f"[{step}]" if isinstance(step, int) else f".{step}" if words else str(step)
    return words
