"""A fast first reading of event files, trusted only where it cannot differ from the careful one.

The careful reader (:mod:`timeline.store.yamldoc`) composes nodes with libyaml and records every
position: about 2 MB/s here, 11 s for 100,000 events. rapidyaml parses the same text about 30x
faster, but it reads YAML 1.2 (``yes``, ``~`` and ``0x10`` stay text), keeps duplicate keys,
resolves no aliases and forgets positions. So this module reads a file with rapidyaml only when
nothing in it could be read differently, and says ``None`` otherwise:

- the text has no anchors, aliases, tags, merge keys, directives, extra documents, complex keys,
  tabs, characters or line breaks libyaml reads otherwise, nor the slips rapidyaml forgives and
  libyaml refuses (a junk block-scalar header, ':' or ']' where no value may start);
- no text value is one YAML 1.1 would read as a number, a boolean, null or a time (the careful
  reader's own resolver rules), except an ISO date or a year under a date field, where both
  readings give the same date;
- numbers are whole numbers or plain decimals ('33.3406', '-77.0364': coordinates), which both
  readers read alike, and no mapping repeats a key;
- each event's first line is found in the text and checked against its id.

The caller validates what comes back and, if anything is wrong, reads the file again with the
careful reader, which alone writes error messages. (So a slip that can only make a file invalid,
such as a key too long for libyaml, which is never a known field, needs no check here.)
``tests/test_fastyaml.py`` compares the two readers on every reference file and on generated
and mutated ones.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import operator
import os
import re
import tempfile
import threading
from typing import Any, Iterator

import ryml
import yaml

from timeline.store.yamldoc import Document

_NODE_PROPERTY_CHARACTERS = "&*!?%@`"
"""Anchors, aliases, tags, complex keys and directives start with one of these characters, and
libyaml refuses a node starting with '@' or '`'."""
_PROPERTY_PLACE = re.compile(r"^[ \t]*$|[:?-][ \t]+$|[\[{,][ \t]*$")
"""What stands before such a character on its line when it starts a node rather than sits in text."""
# What libyaml's reader refuses (PyYAML's Reader.NON_PRINTABLE), a BOM, and the line breaks
# libyaml counts and rapidyaml does not (NEL, LS, PS; a lone CR is below), found in the UTF-8
# bytes: control characters by deleting every other byte (C speed), the rest by their bytes.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_OTHER_BYTES = bytes(sorted(set(range(256)) - set(_CONTROL_BYTES)))
_NOT_FOR_LIBYAML = (
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),  # C1 controls, NEL among them
    (b"\xe2\x80", re.compile(rb"\xe2\x80[\xa8\xa9]")),  # line and paragraph separators
    (b"\xef", re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])")),  # BOM, U+FFFE, U+FFFF
)
_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")
_UNCOMMON_ESCAPE = re.compile(r'\\[^"\\/bfnrtu]')
# rapidyaml reads a block scalar header with junk after it ('>-1_0'), a flow item starting with
# ':' ('[:a]') and ':' before a flow indicator ('[a:, b]'), all of which libyaml refuses, and a
# block scalar at the top level differently. A header follows ': ', '- ' or '? ' or starts a
# line; '>' or '|' in running text ('growth > 3 %') is neither. Each pattern starts with a
# literal, which the regex engine finds fast; the rare '>' or '|' after two spaces or at the
# start of a line is looked at one by one.
_HEADER_REST = r"(?:[1-9][+-]?|[+-][1-9]?)?[ \t]*(?:#[^\n]*)?\r?(?:\n|\Z)"
_ODD_SYNTAX = (
    re.compile(r">(?<=[:?\-] >)(?!" + _HEADER_REST + ")"),
    re.compile(r"\|(?<=[:?\-] \|)(?!" + _HEADER_REST + ")"),
    re.compile(r":(?:(?<=[\[{,]:)|(?<=[\[{,] :)|[,?\[\]{}])"),
)
_SPACED_HEADERS = (re.compile(r">(?:(?<=  >)|(?<=\n>))"), re.compile(r"\|(?:(?<=  \|)|(?<=\n\|))"))
_HEADER_PLACE = re.compile(r"(?:.*[:?-])? +")
_VALID_HEADER = re.compile(r"[|>]" + _HEADER_REST)


def _odd_header(text: str) -> bool:
    """Whether a '>' or '|' after two or more spaces, or at a line's start, is a block scalar
    header the two readers might read differently: one at the top level, or with junk after it."""
    for pattern in _SPACED_HEADERS:
        for match in pattern.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            if line_start == match.start():
                return True  # a block scalar at the top level
            if _HEADER_PLACE.fullmatch(text, line_start, match.start()) and not _VALID_HEADER.match(text, match.start()):
                return True
    return False


def _unsafe_text(text: str, raw: bytes) -> bool:
    """Whether the text (and its UTF-8 ``raw``) holds YAML the two readers might read differently."""
    if "\t" in text or "<<" in text or _UNCOMMON_ESCAPE.search(text):
        return True
    if raw.translate(None, _OTHER_BYTES) or any(lead in raw and pattern.search(raw)
                                                 for lead, pattern in _NOT_FOR_LIBYAML):
        return True
    if text.startswith(("---", "...", "|", ">")) or "\n---" in text or "\n..." in text:
        return True  # document markers: one document per file is the careful reader's rule
    if "\r" in text and _LONE_CARRIAGE_RETURN.search(text):
        return True
    if any(pattern.search(text) for pattern in _ODD_SYNTAX) or _odd_header(text):
        return True
    for character in _NODE_PROPERTY_CHARACTERS:
        start = text.find(character)
        while start >= 0:
            line_start = text.rfind("\n", 0, start) + 1
            before = text[line_start:start]
            # A line whose first character is '#' is a comment (or a block scalar's text): nothing
            # on it starts a node, so "(`export`)" in a comment is no anchor, tag or alias.
            if _PROPERTY_PLACE.search(before) and not before.lstrip().startswith("#"):
                return True
            start = text.find(character, start + 1)
    return False


def _yaml11_text() -> re.Pattern[str]:
    """Match a JSON string that YAML 1.1 would read as something else than text if unquoted.

    The alternatives are the careful reader's own implicit resolvers (booleans, null, numbers in
    every base, sexagesimals, infinities, times, merge keys), behind a quick look at the first
    character. Forgiven: an ISO date or a plain whole number as the value of a date field,
    which reads the same whether the careful reader made it a date, a number or text ('2023'
    and 2023 are both the year 2023).
    """
    patterns = {tag: regexp.pattern for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
                for tag, regexp in resolvers}
    inner = "|".join(pattern.removeprefix("^").removesuffix("$") for pattern in patterns.values())
    first = "".join(sorted({key or '"' for key in yaml.resolver.Resolver.yaml_implicit_resolvers}))
    in_date_field = "".join(f'(?<!"{name}":[ ]")' for name in _DATE_FIELDS)
    unforgivable = r'(?![0-9]{4}-[0-9]{2}-[0-9]{2}"|[1-9][0-9]*")'
    return re.compile(f'"(?=[{re.escape(first)}])(?:{in_date_field}|{unforgivable})(?:{inner})"', re.VERBOSE)


_DATE_FIELDS = ("date", "end", "start", "published")
_YAML11_TEXT = _yaml11_text()
_CLOSER_FIRST = re.compile(r'"[\]}](?<=[ \[,\n]"[\]}])')
"""A JSON string that starts with ']' or '}': rapidyaml reads such plain text, libyaml refuses it.
(Written so that the quote is searched for first: that is fast.)"""
_EVENTS_KEY = re.compile(r"\nevents[ \t]*:[ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)")  # '\n' first: fast to find
_CONTENT_LINE = re.compile(r"^([ \t]*)([^\s#])", re.MULTILINE)

_stderr_lock = threading.Lock()


class _Doubt(Exception):
    """The fast reading might differ from the careful one."""


def read_fast(text: str, source: str, *, utf8: bytes | None = None) -> Document | None:
    """Return the document read by rapidyaml, or None where only the careful reader may judge.

    The document holds the plain data and, as positions, the first line of each event (the
    rest of the positions are only needed for error messages, which the careful reader writes).
    ``utf8``: the text's UTF-8 bytes when the caller has them (saves encoding 40 MB again).
    """
    raw = text.encode("utf-8") if utf8 is None else utf8
    if _unsafe_text(text, raw):
        return None
    as_json = _as_json(raw)
    if as_json is None or _YAML11_TEXT.search(as_json) or _CLOSER_FIRST.search(as_json):
        return None
    try:
        data = json.loads(as_json, object_pairs_hook=_mapping, parse_float=_decimal, parse_constant=_doubt)
    except (ValueError, _Doubt):
        return None
    del as_json
    document = Document(data=data, source=source)
    events = data.get("events") if isinstance(data, dict) else None
    if isinstance(events, list) and events:
        lines = _event_lines(text, events)
        if lines is None:
            return None
        for index, line in enumerate(lines):
            document.positions[("events", index)] = line
    return document


def _as_json(raw: bytes) -> str | None:
    """Parse with rapidyaml and emit JSON; None when it cannot, or the text is empty."""
    with _quiet_stderr():
        try:
            tree = ryml.parse_in_arena(raw)
            root = tree.root_id()
            if tree.size() <= 1 and not tree.has_val(root) or tree.is_stream(root):
                return None  # nothing but comments, or several documents: the careful reader says
            result = ryml.emit_json_malloc(tree, root)  # refuses deep nesting: ExceptionVisit
        except (ryml.ExceptionBasic, RuntimeError):
            return None
    return result if isinstance(result, str) else None


def _mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Doubt("a duplicate key: the careful reader names it")
    return mapping


def _decimal(text: str) -> float:
    """A plain decimal reads alike in YAML 1.1 and JSON; an exponent or a bare dot may not."""
    if _PLAIN_DECIMAL.fullmatch(text):
        return float(text)
    return _doubt(text)


_PLAIN_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


def _doubt(text: str) -> Any:
    raise _Doubt(f"{text}: YAML 1.1 and JSON may read this number differently")


def _event_lines(text: str, events: list[Any]) -> list[tuple[int, int]] | None:
    """Return where each event's mapping starts, in a block list under a top-level 'events:'.

    Every item of a block list starts a line at the list's indentation, so the items are the
    lines that do so inside the list. The count must match the parsed events and each event's
    id must lie between its line and the next: otherwise the text is unusual enough to leave to
    the careful reader. So is an item whose fields start on the line after its '-'.
    """
    keys = [match.end() for match in _EVENTS_KEY.finditer(text)]
    if at_start := _EVENTS_KEY.match("\n" + text[:1000]):
        keys.insert(0, at_start.end() - 1)
    if len(keys) != 1:
        return None
    first = _CONTENT_LINE.search(text, keys[0])
    if first is None or first.group(2) != "-" or "\t" in first.group(1):
        return None
    indent = len(first.group(1))
    block_end = re.compile(rf"\n(?: {{0,{indent - 1}}}[^\s#]| {{{indent}}}[^\s#-])" if indent
                           else r"\n[^\s#-]")
    end = block_end.search(text, first.end())
    stop = end.start() + 1 if end else len(text)
    bare_dash = re.compile(rf"\n {{{indent}}}-[ ]*(?:#[^\n]*)?\r?(?:\n|\Z)")
    if bare_dash.search(text, first.start() - 1, stop):
        return None  # an item whose fields start on a later line
    found = list(re.compile(rf"\n {{{indent}}}- +(?=[^\s#])").finditer(text, first.start() - 1, stop))
    if len(found) != len(events):
        return None
    ids = [event.get("id") if type(event) is dict else None for event in events]
    if not all(type(event_id) is str for event_id in ids):
        return None  # an event without a textual id is invalid: the careful reader explains
    starts = [item.end() for item in found]
    following = starts[1:] + [stop]
    if min(map(text.find, ids, starts, following)) < 0:
        return None
    lines = itertools.accumulate(map(text.count, itertools.repeat("\n"), [0] + starts[:-1], starts), initial=1)
    next(lines)
    columns = map(operator.sub, starts, [item.start() for item in found])  # '\n' + indent + '- ' + spaces
    return list(zip(lines, columns))


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep rapidyaml's own error printout (C++ writes it to fd 2) off the user's terminal.

    Only a text the careful reader will then explain makes rapidyaml print. Whatever another
    thread writes meanwhile is passed on, less rapidyaml's lines.
    """
    with _stderr_lock, tempfile.TemporaryFile() as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            kept = [line for line in capture.read().splitlines(keepends=True)
                    if not line.startswith(b"line=") and b"/c4/yml/" not in line]
            if kept:
                os.write(2, b"".join(kept))
