"""The text of a store file seen as lines: where each event and field stands, and new YAML lines.

Why lines and not a YAML library's dump: an editor's diff must show only the event that changed.
A round-trip dump reproduces a file only as well as its library models comments, folded
scalars and blank lines; splicing the lines of one event (found from the parser's marks) leaves
every other byte exactly as it was. New text is made by PyYAML's emitter one field at a time, so
user text is always quoted safely (': ', '#', quotes, '&', '!', newlines), never concatenated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import yaml

from timeline.errors import TimelineError
from timeline.store.yamldoc import read_yaml

try:  # same choice as yamldoc: libyaml when built, else pure Python
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")
"""One line and its break, with the breaks YAML (and so the parser's line numbers) counts."""

_FLOW_LIST_FIELDS = ("actors", "places", "tags", "related")
_QUOTED_FIELDS = ("quote",)  # the house style writes quotes in double quotes


def split_lines(text: str) -> list[str]:
    """Return the lines of ``text`` with their line breaks; ``"".join`` gives ``text`` back."""
    lines = _LINE.findall(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def newline_of(text: str) -> str:
    """Return the line break the file uses (``\\r\\n`` for Windows files), ``\\n`` by default."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


@dataclass(frozen=True)
class Block:
    """Lines ``first``..``last`` (0-based, inclusive) of one mapping key and its value."""

    key: Any
    first: int
    last: int
    node: yaml.Node


@dataclass(frozen=True)
class Item:
    """One item of a block list: its dash line, its last line of content and its mapping."""

    first: int
    last: int
    node: yaml.Node

    @property
    def is_block_mapping(self) -> bool:
        return isinstance(self.node, yaml.MappingNode) and not self.node.flow_style


class StoreText:
    """A store file's text, parsed once, with the line span of each event, era and field."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.data = read_yaml(text, source).data  # raises a located TimelineError on bad YAML
        self.lines = split_lines(text)
        self.newline = newline_of(text)
        self.root = yaml.compose(text, Loader=_Loader) if self.data is not None else None

    def top_value(self, key: str) -> tuple[yaml.Node | None, yaml.Node | None]:
        """Return (key node, value node) of a top-level key, or (None, None)."""
        if not isinstance(self.root, yaml.MappingNode):
            return None, None
        for key_node, value_node in self.root.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
        return None, None

    def items(self, key: str) -> list[Item]:
        """Return the items of the top-level list ``key`` ('events' or 'eras'), in file order."""
        _, node = self.top_value(key)
        if not isinstance(node, yaml.SequenceNode):
            return []
        return [Item(self.dash_line(item), content_end(item), item) for item in node.value]

    def dash_line(self, node: yaml.Node) -> int:
        """Return the line of the '- ' that starts a list item (usually the item's first line)."""
        line = node.start_mark.line
        before = self.lines[line][: node.start_mark.column] if line < len(self.lines) else ""
        while "-" not in before and line > 0:
            line -= 1
            before = self.lines[line]
        return line

    def tail_end(self, item: Item) -> int:
        """Return the last line of an item counting the comment lines indented under it (such
        as a commented-out field at its end), which belong to it rather than to the next."""
        dash = self.lines[item.first].index("-") if "-" in self.lines[item.first] else 0
        end = item.last
        while end + 1 < len(self.lines):
            line = self.lines[end + 1]
            if not line.strip().startswith("#") or len(line) - len(line.lstrip()) <= dash:
                break
            end += 1
        return end

    def blocks(self, mapping: yaml.MappingNode) -> list[Block]:
        """Return each key of a block mapping with the lines of its value, in file order."""
        return [Block(key.value, key.start_mark.line, content_end(value), value) for key, value in mapping.value]


def content_end(node: yaml.Node) -> int:
    """Return the last line (0-based) holding the node's own text, not the comments after it.

    A block collection's end mark sits at the next token, past any comments and blank lines;
    a block scalar's sits at the start of the line after it; so descend to the last leaf.
    """
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return content_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return content_end(node.value[-1])
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return end.line - 1
    return end.line


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe emitter with the house style: double quotes where quotes are needed, and
    always for a ``quote``."""

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


class _DoubleQuoted(str):
    pass


_Dumper.add_representer(
    _DoubleQuoted, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"'))


def field_lines(key: str, value: Any, column: int) -> list[str]:
    """Return the YAML lines of ``key: value`` starting at ``column``, without line breaks.

    Lists of text become flow lists (``actors: [A, B]``); ``sources`` a block list of mappings.
    """
    if key == "sources" and isinstance(value, Sequence) and not isinstance(value, str):
        lines = [" " * column + "sources:"]
        for source in value:
            inner = [line for k, v in source.items() for line in field_lines(k, v, column + 4)]
            inner[0] = " " * (column + 2) + "- " + inner[0][column + 4:]
            lines += inner
        return lines
    if key in _QUOTED_FIELDS and isinstance(value, str):
        value = _DoubleQuoted(value)
    flow = key in _FLOW_LIST_FIELDS
    emitted = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30,
                        default_flow_style=None if flow else False)
    return [" " * column + line for line in emitted.splitlines()]


def item_lines(record: Mapping[str, Any], *, dash_column: int, key_column: int) -> list[str]:
    """Return the lines of one list item (an event) with '- ' at ``dash_column``."""
    lines = [line for key, value in record.items() for line in field_lines(key, value, key_column)]
    if not lines:
        raise TimelineError("an event needs at least one field")
    lines[0] = " " * dash_column + "-" + " " * (key_column - dash_column - 1) + lines[0][key_column:]
    return lines

