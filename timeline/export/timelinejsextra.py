"""What our export keeps in ``timeline_extra``, read back exactly.

Holds: ``extra_event`` (an event's values from its slide's extra), ``extra_source`` and
``registry`` (the places, actors and categories kept in the document's extra).
May import: ``timeline.export.timelinejs``, ``timeline.export.slidedates``, ``timeline.dates``,
``timeline.model``, ``timeline.errors``.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any

from timeline.dates.days import parse_iso_day
from timeline.errors import TimelineError
from timeline.export.slidedates import extra_date
from timeline.export.timelinejs import EXTRA
from timeline.model import ActorRole, Fatalities, Media, Source


def extra_event(extra: dict[str, Any], title: str, file_source: Source, categories: tuple[str, ...]) -> dict[str, Any]:
    """Everything our export wrote, exactly.

    Raises:
        TimelineError: a value is not of the kind our export writes (the file was edited).
    """
    sources = tuple(extra_source(item) for item in _list(extra, "sources")) or (file_source,)
    reference = next((s.published for s in sources if s.published), None)
    value, date_text, end_text, calendar = extra_date(extra, reference)
    category = extra.get("category")
    importance = extra.get("importance")
    try:
        return dict(
            title=title, date=value, date_text=date_text, end_text=end_text, calendar=calendar,
            category=category if category in categories else "other", sources=sources,
            actors=_texts(extra, "actors"), places=_texts(extra, "places"), tags=_texts(extra, "tags"),
            summary=_text(extra, "summary"), quote=_text(extra, "quote"), related=_texts(extra, "related"),
            importance=importance if type(importance) is int else None,
            fatalities=_fatalities(extra.get("fatalities")),
            roles=tuple((_text(r, "name") or "", ActorRole(_text(r, "side"), _text(r, "role")))
                        for r in _list(extra, "roles")),
            media=_media(extra.get("media")),
            fields=tuple(_field(item) for item in _list(extra, "fields")),
        ) | _per_language(extra.get("translations"))
    except (TypeError, KeyError, ValueError) as err:
        raise TimelineError(f"{EXTRA} is not as this tool writes it ({err}); remove it to read the slide "
                            "as TimelineJS shows it") from err


def _per_language(raw: Any) -> dict[str, Any]:
    """The texts written per language, and each such field's own (first) text: a slide exported in
    another language (``--lang``) reads back as the event it was."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(texts, dict) and texts and all(
            isinstance(code, str) and isinstance(text, str) for code, text in texts.items()) for texts in raw.values()):
        raise TypeError("'translations' must map each field to {language: text}")
    translations = tuple((name, tuple(texts.items())) for name, texts in raw.items())
    return {"translations": translations, **{name: texts[0][1] for name, texts in translations
                                            if name in ("title", "summary", "quote")}}


def _texts(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    values = _list(raw, key)
    if not all(isinstance(value, str) for value in values):
        raise TypeError(f"'{key}' must be a list of text")
    return tuple(values)


def _text(raw: Any, key: str) -> str | None:
    value = raw.get(key) if isinstance(raw, dict) else None
    if value is not None and not isinstance(value, str):
        raise TypeError(f"'{key}' must be text")
    return value


def _fatalities(raw: Any) -> Fatalities | None:
    if raw is None:
        return None
    numbers = {key: raw.get(key) for key in ("best", "low", "high")} if isinstance(raw, dict) else {}
    if type(numbers.get("best")) is not int or any(v is not None and type(v) is not int for v in numbers.values()):
        raise TypeError("'fatalities' must be {best, low, high} whole numbers")
    return Fatalities(**numbers)


def _media(raw: Any) -> Media | None:
    if raw is None:
        return None
    url = _text(raw, "url")
    if not url:
        raise TypeError("'media' needs a url")
    return Media(url, _text(raw, "caption"), _text(raw, "credit"))


def _field(item: Any) -> tuple[str, Any]:
    name, value = item
    if isinstance(value, dict):
        value = parse_iso_day(str(value["date"]))
    if not isinstance(name, str) or isinstance(value, (bool, list)) or not isinstance(value, (str, int, float, date)):
        raise TypeError("'fields' must be [name, text, number or {date}] pairs")
    return name, value


def extra_source(raw: Any) -> Source:
    if not isinstance(raw, dict) or not isinstance(raw.get("outlet"), str):
        raise TimelineError(f"a source in {EXTRA} needs an outlet")
    published = raw.get("published")
    try:
        day = date.fromisoformat(published) if isinstance(published, str) else None
    except ValueError as err:
        raise TimelineError(f"a source in {EXTRA} has the published date {published!r}; write YYYY-MM-DD") from err
    try:
        return Source(outlet=raw["outlet"], title=_text(raw, "title"), url=_text(raw, "url"), published=day)
    except TypeError as err:
        raise TimelineError(f"a source in {EXTRA} is not as this tool writes it ({err})") from err


def registry(extra: dict[str, Any], key: str, kind: type, name: str) -> tuple[Any, ...]:
    """The entries of a registry our export wrote in the document's ``timeline_extra``.

    Raises:
        TimelineError: an entry is not as our export writes it.
    """
    known = {f.name for f in dataclass_fields(kind)}
    entries = []
    for index, raw in enumerate(_list(extra, key), start=1):
        values = raw if isinstance(raw, dict) else {}
        try:
            if not isinstance(values.get(name), str) or not all(_plain(v) for v in values.values()):
                raise TypeError(f"it needs '{name}' and values of text, numbers or lists of text")
            entries.append(kind(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items() if k in known}))
        except TypeError as err:
            raise TimelineError(f"{EXTRA}.{key} entry {index} is not as this tool writes it ({err}); remove it "
                                "or fix it") from err
    return tuple(entries)


def _plain(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    return value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool))


def _list(raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key)
    return value if isinstance(value, list) else []
