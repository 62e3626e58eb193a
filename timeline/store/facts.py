"""An event's measured facts and its actors' parts: ``fatalities``, ``media``, free ``fields``, and
``actors:`` items written with a side or role.

Holds: the readers of those event fields.
May import: ``timeline.store.fieldcheck`` (``Problems``, text checks), ``.eventdates``, ``.registries``, ``.gazetteer``, ``timeline.model``.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import Any

from timeline.model import ActorRole, Fatalities, FieldValue, Media
from timeline.store.eventdates import kind_of
from timeline.store.fieldcheck import URL_PATTERN, Problems, check_unknown, text_field
from timeline.store.gazetteer import suggest_place
from timeline.store.registries import Vocabulary
from timeline.store.yamldoc import Path

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SIDES = ("a", "b")


def read_actors(raw: dict[str, Any], path: Path, problems: Problems,
                vocabulary: Vocabulary) -> tuple[tuple[str, ...], tuple[tuple[str, ActorRole], ...]]:
    """Return an event's actors (canonical names) and the roles of those given with one.

    An item is a name, or ``{name: ..., side: a|b, role: ...}``; a name that is an alias of the
    registry's is read as its canonical name, with a warning saying so.
    """
    value = raw.get("actors")
    if value is None:
        return (), ()
    if not isinstance(value, list):
        problems.add(path + ("actors",), f"must be a list, e.g. actors: [{value}]", field_name="actors")
        return (), ()
    names: list[str] = []
    roles: list[tuple[str, ActorRole]] = []
    for index, item in enumerate(value):
        where = path + ("actors", index)
        role = None
        if isinstance(item, dict):
            check_unknown(item, ("name", "side", "role"), where, problems, what="actor item")
            name = text_field(item, "name", where, problems, required=True)
            side, part = text_field(item, "side", where, problems), text_field(item, "role", where, problems)
            if side is not None and side not in _SIDES:
                problems.add(where + ("side",), f"side must be 'a' or 'b' (the two sides of a dyad), not '{side}'",
                             field_name="actors")
            role = ActorRole(side=side, role=part) if side or part else None
        elif isinstance(item, str) and item.strip():
            name = item.strip()
        else:
            problems.add(where, f"item {index + 1} must be a name or {{name: ..., side: a}}, not {kind_of(item)}",
                         field_name="actors")
            continue
        if name is None:
            continue
        canonical = vocabulary.actor_aliases.get(name)
        if canonical and canonical != name:
            problems.warn(where, f"'{name}' is an alias of the actor '{canonical}'; it is read as "
                          f"'{canonical}' (write that name to silence this warning)", field_name="actors")
            name = canonical
        if name in names:
            problems.add(where, f"'{name}' is listed twice; remove one", field_name="actors")
            continue
        names.append(sys.intern(name))
        if role:
            roles.append((name, role))
    return tuple(names), tuple(roles)


def resolve_places(places: tuple[str, ...], path: Path, problems: Problems, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Read places written by an alias as their canonical names (with a warning); with a
    registry, warn about a place it does not list."""
    if not places or not (vocabulary.place_aliases or vocabulary.has_places):
        return places
    resolved: list[str] = []
    for index, name in enumerate(places):
        canonical = vocabulary.place_aliases.get(name)
        if canonical and canonical != name:
            problems.warn(path + ("places", index), f"'{name}' is an alias of the place '{canonical}'; it is "
                          f"read as '{canonical}' (write that name to silence this warning)", field_name="places")
            name = canonical
        elif vocabulary.has_places and name not in vocabulary.places:
            found = suggest_place(name)
            hint = (f" (the offline gazetteer has {found.name}, {found.country}: lat: {found.lat}, lon: {found.lon})"
                    if found else "")
            problems.warn(path + ("places", index), f"place '{name}' is not in the store's 'places:' "
                          f"registry, so maps cannot show it; add it there with 'lat:' and 'lon:'{hint}",
                          field_name="places")
        if name not in resolved:
            resolved.append(name)
    return tuple(resolved)


def read_fatalities(raw: dict[str, Any], path: Path, problems: Problems) -> Fatalities | None:
    """``fatalities: 3``, or ``{low: 1, best: 3, high: 5}`` as UCDP gives its estimates."""
    value = raw.get("fatalities")
    where = path + ("fatalities",)
    if value is None:
        return None
    if _count(value):
        return Fatalities(best=value)
    if not isinstance(value, dict):
        problems.add(where, f"fatalities must be a whole number (0 or more) or {{low, best, high}}, not {value!r}",
                     field_name="fatalities")
        return None
    check_unknown(value, ("low", "best", "high"), where, problems, what="fatalities")
    numbers = {key: value.get(key) for key in ("low", "best", "high")}
    bad = [key for key, number in numbers.items() if number is not None and not _count(number)]
    if numbers["best"] is None or bad:
        problems.add(where, "fatalities need 'best' and whole numbers (0 or more): e.g. {low: 1, best: 3, high: 5}",
                     field_name="fatalities")
        return None
    low, best, high = numbers["low"], numbers["best"], numbers["high"]
    if (low is not None and low > best) or (high is not None and high < best):
        problems.add(where, f"fatalities must run low ≤ best ≤ high, not {low}, {best}, {high}", field_name="fatalities")
        return None
    return Fatalities(best=best, low=low, high=high)


def read_media(raw: dict[str, Any], path: Path, problems: Problems) -> Media | None:
    """``media: {url: https://..., caption: ..., credit: ...}``"""
    value = raw.get("media")
    if value is None:
        return None
    where = path + ("media",)
    if not isinstance(value, dict):
        problems.add(where, "media must be a mapping: {url: https://..., caption: ..., credit: ...}", field_name="media")
        return None
    before = len(problems.found)
    check_unknown(value, ("url", "caption", "credit"), where, problems, what="media")
    url = text_field(value, "url", where, problems, required=True)
    if url is not None and not URL_PATTERN.match(url):
        problems.add(where + ("url",), f"'{url}' is not an http(s) address", field_name="media")
    caption, credit = text_field(value, "caption", where, problems), text_field(value, "credit", where, problems)
    return Media(url, caption, credit) if url and len(problems.found) == before else None


def read_fields(raw: dict[str, Any], path: Path, problems: Problems) -> tuple[tuple[str, FieldValue], ...]:
    """``fields: {acled_id: IRQ12345, geo_precision: 1}``: a dataset's own values, kept untouched."""
    value = raw.get("fields")
    if value is None:
        return ()
    where = path + ("fields",)
    if not isinstance(value, dict):
        problems.add(where, "fields must be a mapping of names to values, e.g. fields: {acled_id: IRQ1234}",
                     field_name="fields")
        return ()
    kept: list[tuple[str, FieldValue]] = []
    for key, item in value.items():
        if not isinstance(key, str) or not _FIELD_NAME.match(key):
            problems.add(where + (key,), f"field name {key!r} must be lower-case letters, digits and '_', "
                         "starting with a letter, e.g. acled_id", field_name="fields", key=True)
        elif isinstance(item, bool) or not isinstance(item, (str, int, float, date)):
            problems.add(where + (key,), f"field '{key}' must be text, a number or a date, not {kind_of(item)}",
                         field_name="fields")
        else:
            kept.append((key, item))
    return tuple(kept)


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0
