"""``fmt``: normalising a store file's layout without losing a comment or a byte of content.

What is normalised: the fields of each event in the documented order (``EVENT_KEY_ORDER``),
the fields of sources and eras likewise, a line break at the end of the file and, when asked,
events sorted by their resolved start date (stable: same-day events keep their order). Lines
move as whole blocks (a field with its value and the comment lines just above it; an event
with the comments above it), so nothing is re-quoted, re-wrapped or dropped. A formatted file
must hold exactly the same data as before: that is checked before anything is written.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any, Sequence

import yaml

from timeline.edit.events import defaults_of
from timeline.errors import TimelineError, ValidationError
from timeline.edit.eventtext import StoreText
from timeline.store.records import ERA_FIELDS, SOURCE_FIELDS, Problems, read_event
from timeline.store.registries import vocabulary_of
from timeline.store.serialize import EVENT_KEY_ORDER
from timeline.store.loading import store_files
from timeline.edit.writer import rewrite
from timeline.store.yamldoc import read_yaml

Edit = tuple[int, int, list[str]]
"""Replace lines ``first``..``last`` (inclusive, 0-based) by these lines."""


def format_text(text: str, source: str, *, sort_by_date: bool = False) -> str:
    """Return the formatted text of one store file (the same text when already formatted).

    Raises:
        TimelineError: the file is not readable YAML (nothing to format safely).
        ValidationError: ``sort_by_date`` and some events have problems (their dates are needed).
    """
    store = StoreText(text, source)
    store = _apply(store, _source_edits(store))
    store = _apply(store, _mapping_edits(store, "events", EVENT_KEY_ORDER) + _mapping_edits(store, "eras", ERA_FIELDS))
    if sort_by_date:
        store = _apply(store, _sort_edits(store))
    formatted = store.text
    if formatted and not formatted.endswith(("\n", "\r")):
        formatted += store.newline
    _check_same_data(text, formatted, source, sorted_events=sort_by_date)
    return formatted


def format_store(path: str | os.PathLike[str], *, sort_by_date: bool = False, check: bool = False) -> list[str]:
    """Format every file of a store in place (atomically, under the lock); return the files
    that changed. With ``check``, write nothing and return the files that would change."""
    changed: list[str] = []
    for file in store_files(path):
        shown = str(file)
        if check:
            text = file.read_text(encoding="utf-8-sig")
            if format_text(text, shown, sort_by_date=sort_by_date) != text:
                changed.append(shown)
        elif rewrite(file, lambda text, shown=shown: format_text(text, shown, sort_by_date=sort_by_date)):
            changed.append(shown)
    return changed


def _apply(store: StoreText, edits: list[Edit]) -> StoreText:
    if not edits:
        return store
    lines = list(store.lines)
    for first, last, new in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[first:last + 1] = new
    return StoreText("".join(lines), store.source)


def _source_edits(store: StoreText) -> list[Edit]:
    edits: list[Edit] = []
    _, defaults = store.top_value("defaults")
    if isinstance(defaults, yaml.MappingNode):
        for key, value in defaults.value:
            if key.value == "source":
                edits += _reordered(store, value, SOURCE_FIELDS, None)
    for item in store.items("events"):
        for block in store.blocks(item.node) if item.is_block_mapping else ():
            if block.key == "sources" and isinstance(block.node, yaml.SequenceNode):
                for source in block.node.value:
                    edits += _reordered(store, source, SOURCE_FIELDS, store.dash_line(source))
    return edits


def _mapping_edits(store: StoreText, key: str, order: Sequence[str]) -> list[Edit]:
    return [edit for item in store.items(key) for edit in _reordered(store, item.node, order, item.first)]


def _reordered(store: StoreText, node: yaml.Node, order: Sequence[str], dash_line: int | None) -> list[Edit]:
    """Return the edit that puts a block mapping's keys in ``order`` (none if they already are)."""
    if not isinstance(node, yaml.MappingNode) or node.flow_style or len(node.value) < 2:
        return []
    blocks = store.blocks(node)
    rank = {name: index for index, name in enumerate(order)}
    wanted = sorted(range(len(blocks)), key=lambda i: (rank.get(blocks[i].key, len(rank)), i))
    if wanted == list(range(len(blocks))):
        return []
    lines = store.lines
    region_first = blocks[0].first
    chunks: list[list[str]] = []
    start = region_first
    for block in blocks:  # comment lines just above a field move with it
        chunks.append(list(lines[start:block.last + 1]))
        start = block.last + 1
    key_column = node.start_mark.column
    prefix = ""
    if dash_line == region_first:  # '- id: ...': the dash stays on the first line of the item
        prefix = lines[region_first][:key_column]
        chunks[0][0] = " " * key_column + chunks[0][0][key_column:]
    out = [line for i in wanted for line in chunks[i]]
    if prefix:  # comments that were above the new first field go above the item
        at = next(i for i, line in enumerate(out)
                  if line.startswith(" " * key_column) and line[key_column:key_column + 1] not in (" ", "#"))
        out = out[:at] + [prefix + out[at][key_column:]] + out[at + 1:]
    return [(region_first, blocks[-1].last, out)]


def _sort_edits(store: StoreText) -> list[Edit]:
    items = store.items("events")
    starts = _start_dates(store)
    order = sorted(range(len(items)), key=lambda i: starts[i])
    if order == list(range(len(items))):
        return []
    key_node, _ = store.top_value("events")
    lines = store.lines
    separators: list[list[str]] = []
    bodies: list[list[str]] = []
    previous_end = key_node.start_mark.line
    for item in items:
        gap = list(lines[previous_end + 1:item.first])
        blank = 0
        while blank < len(gap) and not gap[blank].strip():
            blank += 1
        separators.append(gap[:blank])  # blank lines stay in place; comments move with the event
        end = store.tail_end(item)
        body = gap[blank:] + list(lines[item.first:end + 1])
        if not body[-1].endswith(("\n", "\r")):
            body[-1] += store.newline
        bodies.append(body)
        previous_end = end
    out = [line for slot, index in enumerate(order) for line in separators[slot] + bodies[index]]
    return [(key_node.start_mark.line + 1, previous_end, out)]


def _start_dates(store: StoreText) -> list[Any]:
    document = read_yaml(store.text, store.source)
    problems = Problems(document)
    defaults = defaults_of(document)
    vocabulary = vocabulary_of([document.data])
    events = [read_event(raw, ("events", i), problems, defaults, vocabulary)
              for i, raw in enumerate(document.data["events"])]
    if problems.found:
        raise ValidationError(problems.found)
    return [event.start for event in events if event is not None]


def _check_same_data(before: str, after: str, source: str, *, sorted_events: bool) -> None:
    """Refuse a result that would change the data: a bug here must never reach the file."""
    if before == after:
        return
    old, new = _canonical(read_yaml(before, source).data), _canonical(read_yaml(after, source).data)
    if sorted_events:  # the same events in any order, everything else equal
        old, new = _events_unordered(old), _events_unordered(new)
    if old != new:
        raise TimelineError("formatting would change the data, so the file was left as it was; "
                            "please report this with the file", source=source)


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted(((repr(k), _canonical(v)) for k, v in value.items())))
    if isinstance(value, list):
        return tuple(_canonical(v) for v in value)
    return repr(value)


def _events_unordered(root: Any) -> Any:
    if not isinstance(root, tuple):
        return root
    return tuple((k, tuple(sorted(Counter(v).items())) if k == repr("events") else v) for k, v in root)
