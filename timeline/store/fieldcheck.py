"""What every reader of a store's mappings shares: the problems found so far, each located at its
line and column, and the checks of text, lists and unknown keys.

Holds: ``Problems``, ``FirstProblem``, ``check_unknown``, ``text_field``, ``text_list``,
``did_you_mean`` and the id and address patterns.
May import: ``timeline.errors``, ``timeline.store.yamldoc``, ``timeline.store.eventdates`` (``kind_of``).
"""

from __future__ import annotations

import difflib
import functools
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable

from timeline.errors import StoreWarning, TimelineError
from timeline.store.eventdates import kind_of
from timeline.store.yamldoc import Document, Path

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class FirstProblem(Exception):
    """Raised by ``Problems(..., first_only=True)`` at the first problem it is given."""


@dataclass
class Problems:
    """The problems found so far in one document, each located at its line and column.

    ``first_only``: raise :class:`FirstProblem` at the first problem instead of collecting it,
    for a reading that only asks whether the document is valid (describing 20,000 problems
    that nobody reads costs seconds).
    """

    document: Document
    found: list[TimelineError] = field(default_factory=list)
    first_only: bool = False
    warnings: list[TimelineError] = field(default_factory=list)
    """Readable but probably not meant; never fatal (see ``errors.StoreWarning``)."""

    def warn(self, path: Path, message: str, *, field_name: str | None = None) -> None:
        line, column = self.document.where(path)
        self.warnings.append(StoreWarning(message, source=self.document.source, line=line, column=column,
                                          field=field_name))

    def add(self, path: Path, message: str, *, field_name: str | None = None, key: bool = False) -> None:
        if self.first_only:
            raise FirstProblem(message)
        line, column = (self.document.where_key if key else self.document.where)(path)
        self.found.append(
            TimelineError(message, source=self.document.source, line=line, column=column, field=field_name)
        )

    def add_error(self, path: Path, error: TimelineError, field_name: str) -> None:
        if self.first_only:
            raise FirstProblem(error.message)
        line, column = self.document.where(path)
        self.found.append(error.located(source=self.document.source, line=line, column=column, field=field_name))


def check_unknown(raw: dict[Any, Any], known: tuple[str, ...], path: Path, problems: Problems, *, what: str) -> None:
    if raw.keys() <= _known_set(known):
        return
    for key in raw:
        if key not in known:
            problems.add(path + (key,), f"unknown {what} field '{key}'{did_you_mean(str(key), known)}; "
                         f"{what} fields are: {', '.join(known)}", field_name=str(key), key=True)




def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" with the choice closest to ``word``, or '' if none is close.

    The fixed names (fields, categories, calendars) come as tuples, and their answers are kept: a
    broken file repeats one slip thousands of times, and difflib costs ~50 µs a word.
    """
    lowered = word.lower()
    close = _closest(lowered, choices) if type(choices) is tuple else _closest_uncached(lowered, choices)
    return f" (did you mean '{close}'?)" if close else ""


def _closest_uncached(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


_closest = functools.lru_cache(maxsize=1024)(_closest_uncached)


def text_field(raw: dict[Any, Any], name: str, path: Path, problems: Problems, *, required: bool = False) -> str | None:
    value = raw.get(name)
    if type(value) is str:  # the common case first: read 600,000 times in a large store
        stripped = value.strip()
        if stripped:
            return stripped
    if value is None:
        if required or name in raw:
            how = "is empty" if name in raw else "is missing"
            problems.add(path + (name,) if name in raw else path, f"'{name}' {how}; write a value", field_name=name)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name in ("title", "summary", "quote"):
        value = str(value)
    if not isinstance(value, str):
        problems.add(path + (name,), f"must be text, not {kind_of(value)}; put it in quotes if it is meant as text",
                     field_name=name)
        return None
    if not value.strip():
        problems.add(path + (name,), f"'{name}' is empty; write a value or remove the line", field_name=name)
        return None
    return value.strip()


def text_list(raw: dict[Any, Any], name: str, path: Path, problems: Problems) -> tuple[str, ...]:
    value = raw.get(name)
    if value is None:
        return ()
    if type(value) is list:  # the common case first: a large store has hundreds of thousands
        try:
            # Interned: a store repeats a few hundred names across 100,000 events; one object
            # each makes the load cache smaller and faster to read, and the page lighter.
            stripped = tuple(map(sys.intern, map(str.strip, value)))
        except TypeError:  # an item is not text: said below
            stripped = ("",)
        if all(stripped) and len(set(stripped)) == len(stripped):
            return stripped
    if not isinstance(value, list):
        problems.add(path + (name,), f"must be a list, e.g. {name}: [{value}]", field_name=name)
        return ()
    items: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.add(path + (name, index), f"item {index + 1} must be non-empty text, not {kind_of(item)}",
                         field_name=name)
        elif item.strip() in items:
            problems.add(path + (name, index), f"'{item}' is listed twice; remove one", field_name=name)
        else:
            items.append(item.strip())
    return tuple(items)


@functools.lru_cache(maxsize=64)
def _known_set(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)
