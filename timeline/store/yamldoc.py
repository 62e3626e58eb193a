"""Reading YAML text into plain data that remembers where every value stood.

Why not ``yaml.safe_load``: it forgets line numbers, silently keeps the last of two duplicate
keys and expands aliases without limit. Here the text is *composed* into nodes (never
constructed into arbitrary objects), and a small walker turns the nodes into plain values,
refusing unknown tags, duplicate keys, runaway alias expansion and absurd nesting, and recording
the line and column of every mapping key and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import yaml

from timeline.errors import TimelineError

try:  # libyaml's composer is ~4x faster; pure Python is the fallback where it is not built.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[Any, ...]
"""Where a value sits in the document: keys and list indexes from the root."""

MAX_NODES = 2_000_000
"""More nodes than this (after following aliases) is an alias bomb or not an event file."""

MAX_DEPTH = 64
"""An event file is a few levels deep; thousands of levels is hostile or broken."""

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_SCALARS = yaml.constructor.SafeConstructor()
_SEXAGESIMAL_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


@dataclass
class Document:
    """Plain data read from one YAML file, with the position of each value and mapping key."""

    data: Any
    source: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int | None, int | None]:
        """Return (line, column) of the value at ``path``, or of its nearest ancestor."""
        for cut in range(len(path), -1, -1):
            found = self.positions.get(path[:cut])
            if found:
                return found
        return None, None

    def where_key(self, path: Path) -> tuple[int | None, int | None]:
        """Return (line, column) of the key that names ``path`` (falls back to its value)."""
        return self.key_positions.get(path) or self.where(path)


def without_bom(raw: bytes) -> bytes:
    """Return a file's bytes without a leading UTF-8 byte order mark."""
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def decode_yaml_bytes(raw: bytes, source: str) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is dropped), naming the line of a bad byte."""
    raw = without_bom(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise TimelineError(
            f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(in most editors: 'Save with encoding' > UTF-8)",
            source=source,
            line=line,
            column=column,
        ) from err


def read_yaml(text: str, source: str) -> Document:
    """Parse one YAML document safely and return its plain data with positions.

    Raises:
        TimelineError: for syntax errors, several documents, tags that would construct
            objects, duplicate keys, alias bombs and absurd nesting, each with a line.
    """
    try:
        _check_shape(text, source)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, source) from err
    except yaml.YAMLError as err:
        raise TimelineError(f"cannot read the file as YAML: {err}", source=source) from err
    except RecursionError as err:
        raise TimelineError(
            f"the YAML is nested too deeply to be an event file (more than {MAX_DEPTH} levels)",
            source=source,
        ) from err
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1
        raise TimelineError(
            "the file holds several YAML documents (separated by '---'); keep one per file "
            "or split them into files in one folder",
            source=source,
            line=line,
        )
    document = Document(data=None, source=source)
    if nodes:
        walker = _Walker(document)
        document.data = walker.value(nodes[0], (), 0)
    return document


def _check_shape(text: str, source: str) -> None:
    """Refuse absurd nesting and alias bombs from the parser's events, before composing.

    libyaml's composer recurses in C, and 100,000 nested brackets crash the process instead of
    raising; its event parser keeps an explicit stack, so depth is counted here, at about a tenth
    of a full read. An alias bomb composes cheaply (an alias is the same node again) but expands
    to millions of values when walked. So each anchored node's expanded size is noted when it
    ends, an alias adds that size, and the file is refused at the alias that takes the count of
    values past MAX_NODES, having expanded nothing. The count is the walker's: the root, every
    list item and every mapping value, after following aliases; keys are not values.
    """
    stack: list[_Open] = []
    sizes: dict[str, int] = {}
    total = 0
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            done = stack.pop()
            if done.anchor is not None:
                # Capped: anchors nested under keys are never counted, and could grow without end.
                sizes[done.anchor] = min(done.size, MAX_NODES + 1)
            if stack and not done.is_key:
                stack[-1].size += done.size
            continue
        if kind not in _NODE_EVENTS:
            continue
        parent = stack[-1] if stack else None
        is_key = False
        if parent is not None and parent.mapping:
            is_key = parent.key_next
            parent.key_next = not is_key
        counted = not is_key and (parent is None or parent.counted)
        if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            stack.append(_Open(event.anchor, kind is yaml.MappingStartEvent, counted, is_key))
            if len(stack) > MAX_DEPTH:
                raise _event_error(event, source, f"nested more than {MAX_DEPTH} levels deep; an event "
                                   "file is a few levels")
            size = 1  # itself; what it holds reaches its parent when it ends
        elif kind is yaml.AliasEvent:
            if any(node.anchor == event.anchor for node in stack):
                raise _event_error(event, source, f"the alias '*{event.anchor}' sits inside the list or "
                                   f"mapping it names ('&{event.anchor}'), so it never ends; write the "
                                   "values out instead")
            size = sizes.get(event.anchor, 1)  # an undefined alias: the composer names it
        else:
            size = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        if counted:
            total += size
            if total > MAX_NODES:
                raise _event_error(event, source, f"the file expands to more than {MAX_NODES:,} values "
                                   "(an alias bomb?); write the values out instead of repeating aliases")
        if parent is not None and not is_key and (kind is yaml.ScalarEvent or kind is yaml.AliasEvent):
            parent.size += size


@dataclass(slots=True)
class _Open:
    """A list or mapping whose end the parser has not reached yet."""

    anchor: str | None
    mapping: bool
    counted: bool  # its values are values of the document: it is not a key, nor inside one
    is_key: bool
    size: int = 1  # values in it so far, itself included, after following aliases
    key_next: bool = True  # a mapping's next node is a key


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _event_error(event: yaml.Event, source: str, message: str) -> TimelineError:
    mark = event.start_mark
    return TimelineError(message, source=source, line=mark.line + 1, column=mark.column + 1)


def _syntax_error(err: yaml.MarkedYAMLError, source: str) -> TimelineError:
    mark = err.problem_mark or err.context_mark
    problem = err.problem or "invalid YAML"
    hint = _SYNTAX_HINTS.get(_hint_key(problem), "check the indentation and the quotes around it")
    context = f" {err.context}" if err.context else ""
    opened = err.context_mark
    kind = next((name for word, name in (("flow sequence", "list"), ("flow mapping", "mapping"),
                                         ("quoted scalar", "quote")) if word in (err.context or "")), None)
    if kind and opened is not None and err.problem_mark is not None and opened.line != err.problem_mark.line:
        # An unclosed '[', '{' or quote is noticed lines later, at the next event: point at it.
        where = f"at line {err.problem_mark.line + 1}, column {err.problem_mark.column + 1}"
        return TimelineError(f"YAML syntax error: the {kind} opened here is not closed ({problem} {where}); {hint}",
                             source=source, line=opened.line + 1, column=opened.column + 1)
    return TimelineError(
        f"YAML syntax error: {problem}{context}; {hint}",
        source=source,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _hint_key(problem: str) -> str:
    for key in _SYNTAX_HINTS:
        if key in problem:
            return key
    return ""


_SYNTAX_HINTS = {
    "found character '\\t'": "YAML indents with spaces, never tabs: replace the tab by spaces",
    "found a tab character": "YAML indents with spaces, never tabs: replace the tab by spaces",
    "mapping values are not allowed": (
        "a value containing ': ' must be quoted, e.g. title: \"Sadr: a committee\"; "
        "or the indentation is off"
    ),
    "expected ',' or ']'": "close the list with ']' and separate items with ','",
    "expected ',' or '}'": "close the mapping with '}' and separate items with ','",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "did not find expected key": "the indentation of this line does not match its neighbours",
    "did not find expected '-' indicator": "list items must line up under each other",
    "found undefined alias": "define the anchor ('&name') before using it ('*name')",
}


class _Walker:
    """Turns composed nodes into plain values, recording positions as it goes."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def value(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self._error(
                node, f"nested more than {MAX_DEPTH} levels deep; an event file is a few levels"
            )
        self.document.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.value(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
            return self._scalar(node)
        raise self._error(
            node,
            f"the YAML tag '{node.tag}' is not allowed; event files hold plain text, numbers, "
            "dates, lists and mappings only: remove the tag",
        )

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(key_node, "merge keys ('<<') are not supported; write the fields out")
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag in _PLAIN_TAGS):
                raise self._error(key_node, "a mapping key must be plain text, not a list or mapping")
            key = self._scalar(key_node)
            if key in result:
                first_line, _ = self.document.key_positions[path + (key,)]
                raise self._error(
                    key_node,
                    f"duplicate key '{key}' (first at line {first_line}); "
                    "keep one and delete the other",
                )
            self.document.key_positions[path + (key,)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.value(value_node, path + (key,), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag in _SEXAGESIMAL_TAGS and ":" in node.value:
            return node.value  # '14:30' is a time of day to a person, not YAML 1.1's 870 (base 60)
        try:
            value = _SCALARS.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError) as err:
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # '2020-02-30': let the date reader say why it is not a day
            raise self._error(node, f"cannot read '{node.value}': {err}; quote it as text") from err
        if isinstance(value, datetime):
            return node.value  # a time of day has no place in an event date: keep the text
        return value

    def _error(self, node: yaml.Node, message: str) -> TimelineError:
        return TimelineError(
            message,
            source=self.document.source,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )
