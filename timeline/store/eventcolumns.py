"""A store as columns: its events as one list of values per column, and back, with the checks a
file written by someone else needs; its registries, eras and stories as JSON.

Holds: ``is_parquet`` and ``parquet_files`` (which paths are columnar stores: a file, a folder of
them, a glob; and their files), ``COLUMNS`` (each column's name and what it holds),
``event_columns`` (events -> columns),
``events_from_columns`` (columns -> events, every problem reported), ``fields_problems`` (the
``fields`` JSON checked alone, for a store opened without its events), ``store_metadata`` and
``read_metadata`` (the registries, eras and stories as the JSON the columnar file keeps beside
its rows).
May import: ``timeline.store.registries``, ``timeline.store.serialize``, ``timeline.store.records``,
``timeline.store.objectstore`` (``is_object_url``),
``timeline.dates.days``, ``timeline.model``, the errors. Never pyarrow: the file format is
:mod:`timeline.store.parquetstore`'s business, so this module is tested and read without it.

Why the days are ordinals: a proleptic Gregorian day number (``date.toordinal()``, 0 and below
before 1 CE, see :mod:`timeline.dates.days`) holds every day of every era in an int64, sorts and
compares in any engine, and is read back without parsing any text. The date as written is kept
(``date_text``, ``end_text``) so that the store can be written back as YAML; it is not read again.
"""

from __future__ import annotations

import glob
import json
import os
from pathlib import Path
from datetime import date
from typing import Any, Collection, Iterable, Sequence

from timeline.dates.days import FIRST_YEAR, day_from_ordinal, make_day, parse_iso_day
from timeline.errors import TimelineError
from timeline.model import (Actor, ActorRole, Calendar, Category, DateValue, Era, Event, Fatalities, Media, Place,
                            Precision, Source, Story, StoryStep, Timeline, Translations)
from timeline.store.objectstore import is_object_url
from timeline.store.records import did_you_mean
from timeline.store.registries import Vocabulary, vocabulary_of
from timeline.store.serialize import actor_record, category_record, place_record

COLUMNS: dict[str, str] = {
    "id": "text", "title": "text", "start": "day", "end": "day", "start_iso": "text", "end_iso": "text",
    "precision": "text", "approximate": "flag", "is_range": "flag", "date_text": "text", "end_text": "text",
    "calendar": "text", "category": "text", "actors": "texts", "places": "texts", "tags": "texts",
    "related": "texts", "sources": "sources", "importance": "count", "summary": "text", "quote": "text",
    "reported_by": "date", "fatalities": "fatalities", "roles": "roles", "media": "media", "fields": "json",
    "translations": "json",
}
"""Every column in file order, with the kind of value it holds (the file's types are in
:data:`timeline.store.parquetstore.SCHEMA`)."""
REQUIRED = ("id", "title", "start", "end", "precision", "date_text", "category")
"""Columns a file must have; a missing other column reads as empty (no actors, no summary, ...)."""
METADATA_KEY = "timeline"
"""The key of the file's key-value metadata that holds the registries, eras and stories."""
_MIN_ORDINAL = make_day(FIRST_YEAR, 1, 1).toordinal()
_MAX_ORDINAL = date.max.toordinal()


def is_parquet(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` names a columnar (Parquet) store: a ``.parquet`` file or glob (by its
    extension), a folder holding a ``.parquet`` file (one that holds YAML too is refused when read),
    or any ``s3://`` URL (only Parquet is read from object storage; nothing is looked up)."""
    if is_object_url(path):
        return True
    store = Path(path)
    if store.suffix.lower() == ".parquet":
        return True
    return store.is_dir() and any(_is_parquet_file(file) for file in store.iterdir())


def parquet_files(path: str | os.PathLike[str]) -> tuple[list[Path], list[Path]]:
    """Return the Parquet files of a columnar store (the file itself, a folder's ``*.parquet``, or
    the files a glob such as ``data/*.parquet`` matches), and the YAML files of a folder beside them."""
    store = Path(path)
    if store.is_dir():
        files = sorted(store.iterdir())
        return ([file for file in files if _is_parquet_file(file)],
                [file for file in files if file.suffix.lower() in (".yaml", ".yml") and file.is_file()])
    if store.exists() or not any(mark in str(path) for mark in "*?["):
        return [store], []
    return sorted(Path(match) for match in glob.glob(str(path)) if _is_parquet_file(Path(match))), []


def _is_parquet_file(file: Path) -> bool:
    return file.suffix.lower() == ".parquet" and file.is_file()


def event_columns(events: Sequence[Event]) -> dict[str, list[Any]]:
    """Return the events as columns (``COLUMNS``' names, one value per event, in order)."""
    return {
        "id": [e.id for e in events], "title": [e.title for e in events],
        "start": [e.start.toordinal() for e in events], "end": [e.end.toordinal() for e in events],
        "start_iso": [e.start.isoformat() for e in events], "end_iso": [e.end.isoformat() for e in events],
        "precision": [e.precision.value for e in events], "approximate": [e.approximate for e in events],
        "is_range": [e.date.is_range for e in events], "date_text": [e.date_text for e in events],
        "end_text": [e.end_text for e in events], "calendar": [e.calendar.value for e in events],
        "category": [e.category for e in events], "actors": [list(e.actors) for e in events],
        "places": [list(e.places) for e in events], "tags": [list(e.tags) for e in events],
        "related": [list(e.related) for e in events],
        "sources": [[s.to_json() | {"published": s.published} for s in e.sources] for e in events],
        "importance": [e.importance for e in events], "summary": [e.summary for e in events],
        "quote": [e.quote for e in events], "reported_by": [e.reported_by for e in events],
        "fatalities": [e.fatalities.to_json() if e.fatalities else None for e in events],
        "roles": [[{"name": name, "side": role.side, "role": role.role} for name, role in e.roles] for e in events],
        "media": [e.media.to_json() if e.media else None for e in events],
        "fields": [json.dumps({k: _field_json(v) for k, v in e.fields}, ensure_ascii=False) if e.fields else None
                   for e in events],
        "translations": [json.dumps({name: dict(texts) for name, texts in e.translations}, ensure_ascii=False)
                         if e.translations else None for e in events],
    }


def _field_json(value: Any) -> Any:
    # A date is tagged, so that the text '2020-09-30' (quoted in YAML) stays text and a date a date.
    return {"date": value.isoformat()} if isinstance(value, date) else value


def _texts_json(translations: Translations) -> dict[str, dict[str, str]]:
    return {name: dict(texts) for name, texts in translations}


def _texts_of(raw: Any) -> Translations:
    """Translations from their JSON form ({field: {language: text}}); raises on a wrong shape."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(v, dict) and v and all(isinstance(t, str) for t in v.values())
                                            for v in raw.values()):
        raise ValueError("translations must be {field: {language: text}}")
    return tuple((str(name), tuple((str(code), text) for code, text in texts.items())) for name, texts in raw.items())


def other_texts_of(text: str) -> str:
    """A ``translations`` cell's texts but each field's first, for search (as ``Event.other_texts``)."""
    return " ".join(text for by_lang in json.loads(text).values() for text in list(by_lang.values())[1:])


def store_metadata(timeline: Timeline) -> str:
    """Return the registries, eras and stories of a store as JSON text."""
    return json.dumps({
        "version": 1,
        "actors": [actor_record(a) for a in timeline.actors],
        "places": [place_record(p) for p in timeline.places],
        "categories": [category_record(c) for c in timeline.categories],
        "eras": [{"id": e.id, "label": e.label, "start": e.start.isoformat(),
                  "end": e.end.isoformat() if e.end else None, "color": e.color} for e in timeline.eras],
        "stories": [{"id": s.id, "title": s.title, "intro": s.intro, "translations": _texts_json(s.translations),
                     "steps": [{"event": step.event_id, "narration": step.narration,
                                "translations": _texts_json(step.translations)} for step in s.steps]}
                    for s in timeline.stories],
    }, ensure_ascii=False)


def read_metadata(text: str | None, source: str) -> tuple[dict[str, Any], list[TimelineError]]:
    """Return the metadata's registries, eras and stories as model values (keys ``actors``,
    ``places``, ``categories``, ``eras``, ``stories``, ``vocabulary``; ``raw``: the JSON object, for
    the vocabulary of a store of many files), and its problems."""
    if text is None:
        return {"vocabulary": vocabulary_of([]), "raw": {}}, []
    problem = f"metadata '{METADATA_KEY}': "
    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        found = {
            "actors": tuple(Actor(**{**a, "aliases": tuple(a.get("aliases", ()))}) for a in raw.get("actors", ())),
            "places": tuple(Place(**{**p, "admin": tuple(p.get("admin", ())), "aliases": tuple(p.get("aliases", ()))})
                            for p in raw.get("places", ())),
            "categories": tuple(Category(**c) for c in raw.get("categories", ())),
            "eras": tuple(Era(e["id"], e["label"], parse_iso_day(e["start"]),
                              parse_iso_day(e["end"]) if e.get("end") else None, e.get("color"))
                          for e in raw.get("eras", ())),
            "stories": tuple(Story(s["id"], s["title"], tuple(StoryStep(step["event"], step.get("narration"),
                                                                        _texts_of(step.get("translations")))
                                                              for step in s["steps"]), s.get("intro"),
                                   _texts_of(s.get("translations")))
                             for s in raw.get("stories", ())),
        }
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        return {"vocabulary": vocabulary_of([]), "raw": {}}, [TimelineError(
            f"{problem}cannot read the registries, eras and stories ({type(err).__name__}: {err}); write the "
            "file with 'timeline convert' or fix the JSON", source=source)]
    # The groups and other names of actors and places come from the registries, as in a YAML store.
    found["vocabulary"], found["raw"] = vocabulary_of([raw]), raw
    return found, []


class _Checked:
    """The problems of one file's columns, the first hundred kept."""

    def __init__(self, source: str) -> None:
        self.source, self.found = source, []

    def add(self, column: str, message: str) -> None:
        self.found.append(TimelineError(f"column '{column}': {message}", source=self.source))


def events_from_columns(columns: dict[str, list[Any]], rows: int, vocabulary: Vocabulary, stories: Iterable[Story],
                        source: str, known_ids: Collection[str] | None = None
                        ) -> tuple[list[Event], list[TimelineError]]:
    """Build the events of a columnar store and check what its writer may have got wrong: empty
    required values, precisions and calendars, start after end, day numbers out of range,
    duplicate ids, related ids and story steps that name no event, categories outside the
    vocabulary, importance, and the ``fields`` JSON. Rows count from 1. ``known_ids``: the ids
    related ids and story steps may name (a store of many files: every file's; default this file's)."""
    checked = _Checked(source)
    column = {name: columns.get(name) or [None] * rows for name in COLUMNS}
    for name in REQUIRED:
        empty = [index + 1 for index, value in enumerate(column[name]) if value is None or value == ""]
        if empty:
            checked.add(name, f"row {empty[0]} is empty{_more(empty)}; every event needs its {name}")
    if checked.found:
        return [], checked.found
    precisions = {p.value: p for p in Precision}
    calendars = {c.value: c for c in Calendar}
    _check_values(checked, "precision", column["precision"], precisions)
    _check_values(checked, "calendar", [c for c in column["calendar"] if c is not None], calendars)
    _check_values(checked, "category", column["category"], dict.fromkeys(vocabulary.categories))
    for name in ("start", "end"):
        wrong = [index + 1 for index, day in enumerate(column[name]) if not _MIN_ORDINAL <= day <= _MAX_ORDINAL]
        if wrong:
            checked.add(name, f"row {wrong[0]}: {column[name][wrong[0] - 1]} is not a day from 9999 BCE to 9999 CE"
                        f"{_more(wrong)}; write proleptic Gregorian day numbers (date.toordinal(), 1 is 1 January 1 CE)")
    backwards = [index + 1 for index, (s, e) in enumerate(zip(column["start"], column["end"])) if e < s]
    if backwards:
        checked.add("end", f"row {backwards[0]} ends before it starts{_more(backwards)}; end must be on or after start")
    wrong = [index + 1 for index, value in enumerate(column["importance"]) if value is not None and not 1 <= value <= 5]
    if wrong:
        checked.add("importance", f"row {wrong[0]}: must be a whole number from 1 (minor) to 5 (key event){_more(wrong)}")
    first_row: dict[str, int] = {}
    for index, event_id in enumerate(column["id"]):
        earlier = first_row.setdefault(event_id, index + 1)
        if earlier != index + 1:
            checked.add("id", f"row {index + 1}: duplicate id '{event_id}', already in row {earlier}; give one of them "
                        "another id")
    known = first_row if known_ids is None else known_ids
    for index, related in enumerate(column["related"]):
        for other in related or ():
            if other not in known:
                checked.add("related", f"row {index + 1}: related id '{other}' is not an event in this store"
                            f"{did_you_mean(other, known)}; fix the id or remove it")
    for story in stories:
        for step in story.steps:
            if step.event_id not in known:
                checked.add("stories", f"story '{story.id}' names event '{step.event_id}', which is not in this "
                            "store; fix the id or remove the step")
    fields = _read_fields(checked, column["fields"])
    texts = _read_translations(checked, column["translations"])
    if checked.found:
        return [], checked.found
    return _build(column, fields, texts, vocabulary, precisions, calendars, source), []


def _build(column: dict[str, list[Any]], fields: list[tuple[tuple[str, Any], ...]], texts: list[Translations],
           vocabulary: Vocabulary,
           precisions: dict[str, Precision], calendars: dict[str, Calendar], source: str) -> list[Event]:
    # Events share days, sources and actors: each is built once (fewer objects, a faster load).
    days: dict[int, Any] = {}
    sources_of: dict[Any, tuple[Source, ...]] = {}
    groups: dict[tuple[str, ...], tuple[str, ...]] = {}
    events = []
    for (event_id, title, start, end, precision, approximate, is_range, date_text, end_text, calendar, category,
         actors, places, tags, related, sources, importance, summary, quote, reported_by, fatalities, roles,
         media), values, translations in zip(zip(*(column[name] for name in COLUMNS
                                                   if name not in ("start_iso", "end_iso", "fields", "translations"))),
                                             fields, texts):
        actors = tuple(actors or ())
        places = tuple(places or ())
        first = days.get(start) or days.setdefault(start, day_from_ordinal(start))
        last = days.get(end) or days.setdefault(end, day_from_ordinal(end))
        events.append(Event(
            id=event_id, title=title,
            date=DateValue(first, last, precisions[precision], bool(approximate), bool(is_range)),
            date_text=date_text, category=category,
            sources=_sources(sources, sources_of),
            end_text=end_text, calendar=calendars[calendar] if calendar else Calendar.GREGORIAN,
            actors=actors, places=places, tags=tuple(tags or ()), summary=summary, quote=quote,
            related=tuple(related or ()), importance=importance, reported_by=reported_by, source_file=source,
            fatalities=Fatalities(fatalities["best"], fatalities["low"], fatalities["high"]) if fatalities else None,
            roles=tuple((r["name"], ActorRole(r["side"], r["role"])) for r in roles or ()),
            media=Media(media["url"], media["caption"], media["credit"]) if media else None,
            fields=values, groups=groups.get(actors) or groups.setdefault(actors, vocabulary.groups_of(actors)),
            known_as=vocabulary.known_as(actors + places), translations=translations))
    events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    return events


def _sources(raw: list[dict[str, Any]] | None, known: dict[Any, tuple[Source, ...]]) -> tuple[Source, ...]:
    key = tuple((s["outlet"], s["title"], s["url"], s["published"]) for s in raw or ())
    found = known.get(key)
    if found is None:
        found = known[key] = tuple(Source(*values) for values in key)
    return found


def _check_values(checked: _Checked, name: str, values: list[Any], allowed: dict[str, Any]) -> None:
    wrong = sorted({value for value in values if value not in allowed})
    if wrong:
        checked.add(name, f"{', '.join(repr(w) for w in wrong[:5])}{' ...' if len(wrong) > 5 else ''} "
                    f"{'is' if len(wrong) == 1 else 'are'} not allowed; use one of: {', '.join(allowed)}")


def fields_problems(texts: list[str | None], translations: list[str | None], source: str) -> list[TimelineError]:
    """Return the problems of a ``fields`` and a ``translations`` column (rows count from 1) without
    building events."""
    checked = _Checked(source)
    _read_fields(checked, texts)
    _read_translations(checked, translations)
    return checked.found


def _read_translations(checked: _Checked, texts: list[str | None]) -> list[Translations]:
    found: list[Translations] = []
    for index, text in enumerate(texts):
        try:
            found.append(_texts_of(json.loads(text)) if text is not None else ())
        except (ValueError, TypeError) as err:
            checked.add("translations", f"row {index + 1}: cannot read {text[:40]!r} ({err}); write a JSON object "
                        "{\"title\": {\"en\": \"...\", \"ar\": \"...\"}}")
            found.append(())
    return found


def _read_fields(checked: _Checked, texts: list[str | None]) -> list[tuple[tuple[str, Any], ...]]:
    found: list[tuple[tuple[str, Any], ...]] = []
    for index, text in enumerate(texts):
        if text is None:
            found.append(())
            continue
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
            found.append(tuple((key, parse_iso_day(value["date"]) if isinstance(value, dict) else value)
                               for key, value in raw.items()))
        except (ValueError, TypeError, KeyError) as err:
            checked.add("fields", f"row {index + 1}: cannot read {text[:40]!r} ({err}); write a JSON object of "
                        "text, numbers and {\"date\": \"YYYY-MM-DD\"}")
            found.append(())
    return found


def _more(rows: list[int]) -> str:
    return f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""
