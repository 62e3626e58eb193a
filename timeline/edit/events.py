"""Adding and changing events in a store file, for the page's form and the command line.

Every save is validated first (the event alone, then the whole file as it would be saved) and
goes through :mod:`timeline.edit.writer`: locked, atomic, refused when the file changed since the
editor opened it. Only the lines of the added or changed event (for a change: only the changed
fields) are rewritten, so the diff an editor reviews shows that event and nothing else.

Typical use by a form::

    signature = file_signature(path)                     # when the form opens
    outcome = draft_event(fields, default_sources=file_defaults(path))   # on every keystroke
    new_id = add_event(path, fields, expected_signature=signature)      # on "Save"
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from datetime import date
from typing import Any, Iterable, Mapping

from timeline.errors import TimelineError, ValidationError, WriteError
from timeline.edit.eventtext import Item, StoreText, content_end, field_lines, item_lines
from timeline.model import Event, Source
from timeline.store.records import Problems, did_you_mean, read_event, read_source, suggest_id
from timeline.store.registries import Vocabulary, vocabulary_of
from timeline.store.serialize import EVENT_KEY_ORDER, source_record
from timeline.edit.writer import rewrite
from timeline.store.yamldoc import Document, decode_yaml_bytes, read_yaml

MAX_ID_LENGTH = 60
"""Ids come from titles; past this they are cut at a word boundary to stay readable in URLs."""

_NO_SOURCE = "(no source yet)"


def new_event_id(title: str, existing_ids: Iterable[str] = ()) -> str:
    """Return a kebab-case id made from a title, unique among ``existing_ids`` (-2, -3, ...)."""
    plain = re.sub(r"['’]s\b|['’]", "", title)  # "Iran’s" -> "iran", not "iran-s"
    ascii_title = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    base = suggest_id(ascii_title)
    while len(base) > MAX_ID_LENGTH and "-" in base:
        base = base.rsplit("-", 1)[0]
    taken = set(existing_ids)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def event_record(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Return a form's fields as the mapping written to the file: documented key order, text
    stripped, empty values dropped, :class:`Source` values turned into mappings."""
    known = [key for key in EVENT_KEY_ORDER if key in fields]
    record: dict[str, Any] = {}
    for key in known + [key for key in fields if key not in EVENT_KEY_ORDER]:
        value = _clean(fields[key])
        if value not in (None, "", [], {}):
            record[key] = value
    return record


def file_defaults(path: str | os.PathLike[str]) -> tuple[Source, ...]:
    """Return the file's ``defaults: source:`` (what an event without ``sources:`` inherits)."""
    source = str(path)
    try:
        text = decode_yaml_bytes(open(path, "rb").read(), source)
    except OSError as err:
        raise TimelineError(f"cannot read the file: {err.strerror}; check that it exists", source=source) from err
    return defaults_of(read_yaml(text, source))


def draft_event(
    fields: Mapping[str, Any],
    reference: date | None = None,
    *,
    default_sources: Iterable[Source] = (),
    existing_ids: Iterable[str] | None = None,
    warnings: list[TimelineError] | None = None,
    vocabulary: Vocabulary = Vocabulary(),
) -> Event | list[TimelineError]:
    """Validate a form's fields without writing: the event it would save, or every problem.

    ``warnings``, when given, receives what is readable but probably not meant (a relative date
    landing months before its source), for the form and ``add`` to show.

    Args:
        reference: the publication date relative dates ("Sept. 13") resolve against when the
            event's own sources give none; by default the default source's.
        default_sources: the file's defaults (:func:`file_defaults`), used when ``fields`` has
            no ``sources``.
        existing_ids: ids already in the file: the id must be new and ``related`` ids must
            exist. A missing id is made from the title.
        vocabulary: the store's registries (its categories, aliases): ``vocabulary_of``.
    """
    record = event_record(fields)
    taken = set(existing_ids) if existing_ids is not None else None
    if "id" not in record and isinstance(record.get("title"), str):
        record = {"id": new_event_id(record["title"], taken or ()), **record}
    defaults = tuple(default_sources)
    stand_in = defaults
    if reference is not None:
        stand_in = tuple(replace(s, published=reference) for s in defaults) or (
            Source(outlet=_NO_SOURCE, published=reference),)
    problems = Problems(Document(data=record, source=None))  # type: ignore[arg-type]
    event = read_event(record, (), problems, stand_in, vocabulary)
    if "sources" not in record and not defaults and reference is not None:  # the stand-in is no source
        problems.add((), "the event has no source; add 'sources:' with an outlet, or a file-level "
                     "'defaults: source:'", field_name="sources")
    if taken is not None:
        _check_ids(record, taken, problems)
    if warnings is not None:
        warnings += problems.warnings
    if problems.found or event is None:
        return problems.found
    return replace(event, sources=defaults) if event.sources == stand_in and "sources" not in record else event


def add_event(path: str | os.PathLike[str], fields: Mapping[str, Any], *,
              expected_signature: str | None = None, report: list[object] | None = None) -> str:
    """Append a validated event at the end of the file's events; return its (new) id.

    ``report``, when given, receives the event as saved (its resolved date) and then any
    warning about it, so ``add`` can say what the date was read as.

    Raises:
        ValidationError: the event (or the file with it) has problems; nothing is written.
        WriteError: the file changed since ``expected_signature`` was read, or cannot be written.
    """
    added: list[str] = []

    def change(text: str) -> str:
        store = StoreText(text, str(path))
        ids = _ids(store)
        record = _validated(store, fields, ids, report)
        added.append(record["id"])
        return _append(store, record)

    rewrite(path, change, expected_signature=expected_signature)
    return added[0]


def update_event(path: str | os.PathLike[str], event_id: str, fields: Mapping[str, Any], *,
                 expected_signature: str | None) -> None:
    """Replace the fields of event ``event_id`` by ``fields`` (all of them: a field left out is
    removed; ``id`` may be left out to keep it). Only the lines of changed fields are rewritten.

    Raises:
        ValidationError: the changed event (or the file with it) has problems; nothing is written.
        WriteError: no such event, a conflict (see ``expected_signature``), or a failed write.
    """

    def change(text: str) -> str:
        store = StoreText(text, str(path))
        ids = _ids(store)
        if event_id not in ids:
            raise WriteError(f"there is no event '{event_id}' in this file{did_you_mean(event_id, ids)}; "
                             "reload the file, it may have been renamed or deleted", source=str(path))
        index = ids.index(event_id)
        others = ids[:index] + ids[index + 1:]
        record = _validated(store, {"id": event_id, **_keep_languages(store.data["events"][index], fields)}, others)
        return _replace(store, store.items("events")[index], store.data["events"][index], record)

    rewrite(path, change, expected_signature=expected_signature)


def _keep_languages(existing: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The form edits a text in its first language: a field written per language keeps its other
    languages, with the first one's text replaced by the form's."""
    kept = dict(fields)
    for name, value in fields.items():
        written = existing.get(name) if isinstance(existing, dict) else None
        if isinstance(written, dict) and written and isinstance(value, str):
            first = next(iter(written))
            kept[name] = {**written, first: value}
    return kept


def _validated(store: StoreText, fields: Mapping[str, Any], ids: list[str],
               report: list[object] | None = None) -> dict[str, Any]:
    record = event_record(fields)
    if "id" not in record and isinstance(record.get("title"), str):
        record = {"id": new_event_id(record["title"], ids), **record}
    warnings: list[TimelineError] = []
    document = read_yaml(store.text, store.source)
    outcome = draft_event(record, default_sources=defaults_of(document), existing_ids=ids, warnings=warnings,
                          vocabulary=vocabulary_of([document.data]))
    if isinstance(outcome, list):
        raise ValidationError(outcome)
    if report is not None:
        report[:] = [outcome, *warnings]
    return record


def _ids(store: StoreText) -> list[str]:
    events = store.data.get("events") if isinstance(store.data, dict) else None
    return [str(e.get("id")) for e in events if isinstance(e, dict)] if isinstance(events, list) else []


def defaults_of(document: Document) -> tuple[Source, ...]:
    """Return the ``defaults: source:`` of a document read with :func:`read_yaml` (or none)."""
    root = document.data
    raw = root.get("defaults") if isinstance(root, dict) else None
    if not isinstance(raw, dict) or raw.get("source") is None:
        return ()
    source = read_source(raw["source"], ("defaults", "source"), Problems(document))
    return (source,) if source else ()


def _check_ids(record: Mapping[str, Any], taken: set[str], problems: Problems) -> None:
    event_id = record.get("id")
    if isinstance(event_id, str) and event_id in taken:
        problems.add(("id",), f"the id '{event_id}' is already used in this file; choose another, e.g. "
                     f"'{new_event_id(event_id, taken)}'", field_name="id")
    related = record.get("related")
    for other in related if isinstance(related, list) else ():
        if isinstance(other, str) and other not in taken:
            problems.add(("related",), f"related id '{other}' is not an event in this file"
                         f"{did_you_mean(other, taken)}; fix the id or remove it", field_name="related")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Source):
        return source_record(value)
    if isinstance(value, Mapping):
        cleaned = {key: _clean(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in (None, "", [], {})}
    if isinstance(value, (list, tuple)):
        return [item for item in (_clean(v) for v in value) if item not in (None, "", [], {})]
    return value


def _columns(store: StoreText, item: Item | None) -> tuple[int, int]:
    """Return (dash column, key column) of an existing event, or the house style's (2, 4)."""
    if item is None:
        return 2, 4
    dash = store.lines[item.first].index("-")
    same_line = item.node.start_mark.line == item.first
    return dash, item.node.start_mark.column if same_line and item.is_block_mapping else dash + 2


def _append(store: StoreText, record: dict[str, Any]) -> str:
    lines, nl = list(store.lines), store.newline
    items = store.items("events")
    dash, key = _columns(store, items[-1] if items else None)
    new = [line + nl for line in item_lines(record, dash_column=dash, key_column=key)]
    if items:
        at = store.tail_end(items[-1]) + 1
        gap = store.lines[items[-2].last + 1: items[-1].first] if len(items) > 1 else []
        separator = [nl] if any(not line.strip() for line in gap) else []
        _end_line(lines, at, nl)
        return "".join(lines[:at] + separator + new + lines[at:])
    key_node, value = store.top_value("events")
    if key_node is None:
        _end_line(lines, len(lines), nl)
        return "".join(lines + [f"events:{nl}"] + new)
    if not (value.tag.endswith(":null") or (value.tag.endswith(":seq") and not value.value)):
        raise WriteError("'events' is not a list of events written one per '- ' line; fix it first",
                         source=store.source, line=key_node.start_mark.line + 1)
    first, last = key_node.start_mark.line, content_end(value)
    _end_line(lines, last + 1, nl)
    return "".join(lines[:first] + [" " * key_node.start_mark.column + f"events:{nl}"] + new + lines[last + 1:])


def _end_line(lines: list[str], count: int, newline: str) -> None:
    """Give line ``count - 1`` a line break (a file may end without one) before text follows."""
    if count and lines and not lines[count - 1].endswith(("\n", "\r")):
        lines[count - 1] += newline


def _replace(store: StoreText, item: Item, old: Mapping[str, Any], record: dict[str, Any]) -> str:
    lines, nl = store.lines, store.newline
    dash, key_col = _columns(store, item)
    whole = [line + nl for line in item_lines(record, dash_column=dash, key_column=key_col)]
    if not item.is_block_mapping:
        return "".join(lines[:item.first] + whole + lines[item.last + 1:])
    blocks = store.blocks(item.node)
    present = [b.key for b in blocks]
    out: list[str] = []
    cursor = item.first
    pending = [k for k in record if k not in present]
    for index, block in enumerate(blocks):
        out += lines[cursor:block.first]
        if block.key in record and _same(old.get(block.key), record[block.key]):
            out += lines[block.first:block.last + 1]
        elif block.key in record:
            new = [line + nl for line in field_lines(block.key, record[block.key], key_col)]
            if block.first == item.first:
                new[0] = lines[block.first][:key_col] + new[0][key_col:]
            out += new
        elif block.first == item.first:  # the field on the dash line is gone: rewrite the event
            return "".join(lines[:item.first] + whole + lines[item.last + 1:])
        cursor = block.last + 1
        later = present[index + 1:]
        for name in list(pending):
            if _goes_before_all(name, later):
                out += [line + nl for line in field_lines(name, record[name], key_col)]
                pending.remove(name)
    return "".join(lines[:item.first] + out + lines[item.last + 1:])


def _goes_before_all(name: str, later: list[Any]) -> bool:
    order = {key: i for i, key in enumerate(EVENT_KEY_ORDER)}
    rank = order.get(name, len(order))
    return all(order.get(other, len(order) + 1) > rank for other in later)


def _same(old: Any, new: Any) -> bool:
    return _normal(old) == _normal(new)


def _normal(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):
        return {key: _normal(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(item) for item in value]
    return value

