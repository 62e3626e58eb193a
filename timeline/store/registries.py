"""The store's registries: ``actors:``, ``places:`` and ``categories:``, all optional.

Holds: ``Vocabulary`` (what every event of a store is checked and resolved against, gathered
from all its files before any event is read) and the readers of registry entries.
May import: ``timeline.store.fieldcheck`` (``Problems``, text checks), ``.gazetteer``, ``.serialize`` (registry records),
``timeline.model``.

An actor or place written by an alias ("Khamenei") is read as its canonical name ("Ali Khamenei")
everywhere, with a warning that names it. A store that defines ``categories:`` uses them instead
of the default ten.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, NamedTuple

from timeline.errors import TimelineError
from timeline.model import CATEGORIES, Actor, Category, Place, Timeline
from timeline.store.gazetteer import suggest_place
from timeline.store.serialize import actor_record, category_record, place_record
from timeline.store.fieldcheck import ID_PATTERN, Problems, check_unknown, text_field, text_list
from timeline.store.yamldoc import Path

ACTOR_FIELDS = ("name", "group", "country", "aliases", "native")
PLACE_FIELDS = ("name", "lat", "lon", "country", "admin", "aliases")
CATEGORY_FIELDS = ("id", "label", "description", "color")
REGISTRY_KEYS = ("categories", "actors", "places")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class Vocabulary(NamedTuple):
    """The names a store's events may use, from the registries of all its files."""

    categories: tuple[str, ...] = tuple(CATEGORIES)
    actor_aliases: dict[str, str] = {}
    """alias -> canonical name"""
    place_aliases: dict[str, str] = {}
    places: frozenset[str] = frozenset()
    """The registry's canonical place names; empty: the store keeps no place registry."""
    has_places: bool = False
    actor_groups: dict[str, str] = {}
    """canonical actor name -> its group"""
    other_names: dict[str, str] = {}
    """canonical actor or place name -> its aliases and native name, for search"""

    def groups_of(self, actors: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.actor_groups[a] for a in actors if a in self.actor_groups))

    def known_as(self, names: tuple[str, ...]) -> str:
        return " · ".join(self.other_names[n] for n in names if n in self.other_names)


def vocabulary_of(roots: Iterable[Any]) -> Vocabulary:
    """Gather the registries of every file's top-level mapping (malformed entries are left to
    the careful reading of their own file, which reports them)."""
    categories: list[str] = []
    actor_aliases: dict[str, str] = {}
    place_aliases: dict[str, str] = {}
    places: set[str] = set()
    has_places = False
    groups: dict[str, str] = {}
    other_names: dict[str, str] = {}
    for root in roots:
        if not isinstance(root, dict):
            continue
        categories += [entry["id"] for entry in _entries(root, "categories") if isinstance(entry.get("id"), str)]
        for key, aliases in (("actors", actor_aliases), ("places", place_aliases)):
            for entry in _entries(root, key):
                name = entry.get("name")
                if not isinstance(name, str):
                    continue
                others = [a.strip() for a in entry.get("aliases") or () if isinstance(a, str)]
                aliases.update({alias: name.strip() for alias in others})
                others += [entry["native"].strip()] if isinstance(entry.get("native"), str) else []
                if others:
                    other_names[name.strip()] = " · ".join(others)
                if key == "actors" and isinstance(entry.get("group"), str) and entry["group"].strip():
                    groups[name.strip()] = entry["group"].strip()
        has_places = has_places or isinstance(root.get("places"), list)
        places.update(entry["name"].strip() for entry in _entries(root, "places") if isinstance(entry.get("name"), str))
    return Vocabulary(tuple(dict.fromkeys(categories)) or tuple(CATEGORIES), actor_aliases, place_aliases,
                      frozenset(places), has_places, groups, other_names)


def timeline_vocabulary(timeline: Timeline) -> Vocabulary:
    """The vocabulary of a loaded store, for checking a new event against it (the editor's form):
    its registries written back as the mappings a file holds, gathered as a file's are."""
    root: dict[str, Any] = {"categories": [category_record(c) for c in timeline.categories],
                            "actors": [actor_record(a) for a in timeline.actors]}
    if timeline.places:
        root["places"] = [place_record(p) for p in timeline.places]
    return vocabulary_of([root])


def _entries(root: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = root.get(key)
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def read_actor(raw: Any, path: Path, problems: Problems) -> Actor | None:
    """Return the ``actors:`` entry at ``path``, or None with its problems added."""
    if not _is_mapping(raw, path, problems, "an actor", "name, group, country, aliases, native"):
        return None
    before = len(problems.found)
    check_unknown(raw, ACTOR_FIELDS, path, problems, what="actor")
    name = text_field(raw, "name", path, problems, required=True)
    actor = Actor(name=name or "", group=text_field(raw, "group", path, problems),
                  country=text_field(raw, "country", path, problems),
                  aliases=text_list(raw, "aliases", path, problems), native=text_field(raw, "native", path, problems))
    return actor if len(problems.found) == before and name else None


def read_place(raw: Any, path: Path, problems: Problems) -> Place | None:
    """Return the ``places:`` entry at ``path``, or None with its problems added; a place
    without coordinates gets a warning, with the gazetteer's coordinates when it knows the name."""
    if not _is_mapping(raw, path, problems, "a place", "name, lat, lon, country, admin, aliases"):
        return None
    before = len(problems.found)
    check_unknown(raw, PLACE_FIELDS, path, problems, what="place")
    name = text_field(raw, "name", path, problems, required=True)
    lat, lon = (_coordinate(raw, key, limit, path, problems) for key, limit in (("lat", 90), ("lon", 180)))
    if (lat is None) != (lon is None) and len(problems.found) == before:
        problems.add(path, "give both 'lat' and 'lon', or neither", field_name="lat" if lat is None else "lon")
    place = Place(name=name or "", lat=lat, lon=lon, country=text_field(raw, "country", path, problems),
                  admin=text_list(raw, "admin", path, problems), aliases=text_list(raw, "aliases", path, problems))
    if len(problems.found) > before or not name:
        return None
    if lat is None and lon is None:
        found = suggest_place(name, place.country)
        hint = (f"; the offline gazetteer (GeoNames) has {found.name}, {found.country}: add 'lat: {found.lat}' "
                f"and 'lon: {found.lon}' if that is the place" if found else "; add 'lat:' and 'lon:'")
        problems.warn(path, f"place '{name}' has no coordinates, so maps cannot show it{hint}", field_name="lat")
    return place


def read_category(raw: Any, path: Path, problems: Problems) -> Category | None:
    """Return the ``categories:`` entry at ``path``, or None with its problems added."""
    if not _is_mapping(raw, path, problems, "a category", "id, label, description, color"):
        return None
    before = len(problems.found)
    check_unknown(raw, CATEGORY_FIELDS, path, problems, what="category")
    category_id = text_field(raw, "id", path, problems, required=True)
    if category_id is not None and not ID_PATTERN.match(category_id):
        problems.add(path + ("id",), f"'{category_id}' is not a valid category id; use lower-case letters, "
                     "digits and hyphens, e.g. 'armed-clash'", field_name="id")
    label = text_field(raw, "label", path, problems, required=True)
    color = text_field(raw, "color", path, problems)
    if color is not None and not _COLOUR.match(color):
        problems.add(path + ("color",), f"'{color}' is not a colour; write it as '#RRGGBB', e.g. '#0072B2'",
                     field_name="color")
    if len(problems.found) > before or not category_id or not label:
        return None
    return Category(id=category_id, label=label, description=text_field(raw, "description", path, problems),
                    color=color)


def check_names_once(entries: list[tuple[str, tuple[str, ...], Path]], what: str, problems: Problems) -> None:
    """Report a name or alias given to two entries of one registry (``entries``: name, aliases, where)."""
    owner: dict[str, str] = {}
    for name, aliases, path in entries:
        for each in (name, *aliases):
            if each in owner and owner[each] != name:
                problems.add(path, f"'{each}' already names the {what} '{owner[each]}'; a name or alias "
                             "may stand for one entry only", field_name="aliases" if each != name else "name")
            elif each in owner and each == name:
                problems.add(path, f"the {what} '{name}' is listed twice; merge the two entries", field_name="name")
            owner[each] = name


def defined_twice(files: list[tuple[str, tuple[list[Actor], list[Place], list[Category]]]]) -> list[TimelineError]:
    """Report a registry entry defined in two files of a folder store (``files``: each file's
    name and its actors, places and categories; a file reports its own twins when read)."""
    problems = []
    for index, what in enumerate(("actor", "place", "category")):
        first_file: dict[str, str] = {}
        for source, registries in files:
            for entry in registries[index]:
                name = entry.id if isinstance(entry, Category) else entry.name
                if first_file.setdefault(name, source) != source:
                    problems.append(TimelineError(f"the {what} '{name}' is also defined in {first_file[name]}; "
                                                  "keep one entry", source=source, field="name"))
    return problems


def _is_mapping(raw: Any, path: Path, problems: Problems, what: str, fields: str) -> bool:
    if isinstance(raw, dict):
        return True
    problems.add(path, f"{what} must be a mapping with {fields}")
    return False


def _coordinate(raw: dict[str, Any], key: str, limit: int, path: Path, problems: Problems) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
        problems.add(path + (key,), f"'{key}' must be a number from -{limit} to {limit} (decimal degrees), "
                     f"not {value!r}", field_name=key)
        return None
    return float(value)
