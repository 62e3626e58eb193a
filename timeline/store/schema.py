"""The JSON Schema of an event file, so editors get completion and checks as they type.

It mirrors the loader's rules (fields, vocabulary, id and URL forms); the loader stays the judge
of dates, since no schema can say whether 'late September 2020' is readable.
"""

from __future__ import annotations

from typing import Any

from timeline.model import CATEGORIES, Calendar
from timeline.store.records import ID_PATTERN
from timeline.store.localtext import LANGUAGE_CODE
from timeline.store.stories import SELECTION_ID

SCHEMA_PATH = "schema/events.schema.json"

_TEXT = {"type": "string", "minLength": 1}
_LOCAL_TEXT = {"oneOf": [_TEXT, {"type": "object", "minProperties": 1, "additionalProperties": _TEXT,
                                  "propertyNames": {"pattern": LANGUAGE_CODE.pattern}}],
               "description": "text, or the text per language: {en: ..., ar: ...} (the first is its own language)"}
_TEXT_LIST = {"type": "array", "items": _TEXT, "uniqueItems": True}
_DATE_TEXT = {
    "type": "string",
    "minLength": 1,
    "description": "As written: '13 September 2020', 'Sept. 13', 'late September 2020', "
    "'2020-09-13', 'Sept. 26-27, 2020', '25 سبتمبر 2020'. Check one with "
    "'python -m timeline parse-date TEXT'.",
}
_COUNT = {"type": "integer", "minimum": 0}
_URL = {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "description": "http(s) only"}
_ISO_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def event_file_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft-07) of a store file."""
    source = {
        "type": "object",
        "additionalProperties": False,
        "required": ["outlet"],
        "properties": {
            "outlet": {**_TEXT, "description": "Who published it, e.g. Al-Monitor"},
            "title": _TEXT,
            "url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "description": "http(s) only"},
            "published": {**_ISO_DATE, "description": "YYYY-MM-DD; relative dates resolve against it"},
        },
    }
    event = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "date", "category"],
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN.pattern, "description": "unique, kebab-case"},
            "title": _LOCAL_TEXT,
            "date": _DATE_TEXT,
            "end": {**_DATE_TEXT, "description": "optional end of a range, written like 'date'"},
            "calendar": {"enum": [c.value for c in Calendar]},
            "category": {**_TEXT, "examples": list(CATEGORIES),
                         "description": "one of the store's 'categories:' ids, or without them one of: "
                         + "; ".join(f"{k}: {v}" for k, v in CATEGORIES.items())},
            "importance": {"type": "integer", "minimum": 1, "maximum": 5,
                           "description": "1 (minor) to 5 (key event); the most important are labelled"},
            "actors": _TEXT_LIST,
            "places": _TEXT_LIST,
            "tags": _TEXT_LIST,
            "summary": _LOCAL_TEXT,
            "quote": _LOCAL_TEXT,
            "related": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN.pattern}},
            "sources": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/source"}},
            "fatalities": {"oneOf": [_COUNT, {
                "type": "object", "additionalProperties": False, "required": ["best"],
                "properties": {"low": _COUNT, "best": _COUNT, "high": _COUNT}}],
                "description": "people killed: a whole number, or {low, best, high} as UCDP gives them"},
            "media": {"type": "object", "additionalProperties": False, "required": ["url"],
                      "properties": {"url": _URL, "caption": _TEXT, "credit": _TEXT}},
            "fields": {"type": "object", "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                       "additionalProperties": {"type": ["string", "number"]},
                       "description": "a dataset's own values (text, number or YYYY-MM-DD date), kept untouched"},
        },
    }
    event["properties"]["actors"] = {"type": "array", "items": {"oneOf": [_TEXT, {
        "type": "object", "additionalProperties": False, "required": ["name"],
        "properties": {"name": _TEXT, "side": {"enum": ["a", "b"]}, "role": _TEXT}}]},
        "description": "names (or an alias from 'actors:'), or {name, side: a|b, role}"}
    actor = {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {
        "name": {**_TEXT, "description": "the canonical name, used in events"},
        "group": {**_TEXT, "description": "the side or affiliation, e.g. 'Government of Iraq'"},
        "country": _TEXT, "aliases": _TEXT_LIST,
        "native": {**_TEXT, "description": "the name in its own script"}}}
    place = {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {
        "name": _TEXT, "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lon": {"type": "number", "minimum": -180, "maximum": 180}, "country": _TEXT,
        "admin": {**_TEXT_LIST, "description": "administrative areas, largest first"}, "aliases": _TEXT_LIST}}
    category = {"type": "object", "additionalProperties": False, "required": ["id", "label"], "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN.pattern}, "label": _TEXT, "description": _TEXT,
        "color": {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}}}
    era = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "label", "start"],
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN.pattern},
            "label": _TEXT,
            "start": _DATE_TEXT,
            "end": _DATE_TEXT,
            "color": {"type": "string", "description": "a CSS colour, e.g. '#dde6f0'"},
        },
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "timeline event file",
        "type": "object",
        "additionalProperties": False,
        "anyOf": [{"required": ["events"]}, {"required": ["actors"]}, {"required": ["places"]},
                  {"required": ["categories"]}],
        # Without a 'categories:' registry in the file, the default vocabulary applies.
        "if": {"not": {"required": ["categories"]}},
        "then": {"properties": {"events": {"items": {"properties": {"category": {"enum": list(CATEGORIES)}}}}}},
        "definitions": {"source": source, "event": event, "era": era, "actor": actor, "place": place,
                        "category": category},
        "properties": {
            "defaults": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"source": {"$ref": "#/definitions/source"}},
            },
            "categories": {"type": "array", "items": {"$ref": "#/definitions/category"},
                           "description": "the store's own category vocabulary; without it the default ten apply"},
            "actors": {"type": "array", "items": {"$ref": "#/definitions/actor"}},
            "places": {"type": "array", "items": {"$ref": "#/definitions/place"}},
            "eras": {"type": "array", "items": {"$ref": "#/definitions/era"}},
            "stories": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["id", "title", "steps"],
                "properties": {"id": {"type": "string", "pattern": ID_PATTERN.pattern, "not": {"const": SELECTION_ID}},
                               "title": _LOCAL_TEXT, "intro": _LOCAL_TEXT,
                               "steps": {"type": "array", "minItems": 1, "items": {"oneOf": [
                                   {"type": "string", "pattern": ID_PATTERN.pattern},
                                   {"type": "object", "additionalProperties": False, "required": ["event"],
                                    "properties": {"event": {"type": "string", "pattern": ID_PATTERN.pattern},
                                                   "narration": _LOCAL_TEXT}}]}}}},
                "description": "told sequences of the store's events: the story view and 'export --format story'"},
            "events": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/event"}},
        },
    }
