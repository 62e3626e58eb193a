"""Measured facts an event may carry beside its text: fatalities, actors' sides, media, free fields.

Holds: Fatalities, ActorRole, Media, FieldValue.
May import: nothing of the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

@dataclass(frozen=True)
class Fatalities:
    """People killed, as a count (``best``) or, as UCDP gives them, with ``low`` and ``high``
    estimates around it."""

    best: int
    low: int | None = None
    high: int | None = None

    def to_json(self) -> dict[str, int | None]:
        return {"low": self.low, "best": self.best, "high": self.high}


@dataclass(frozen=True)
class ActorRole:
    """How an actor took part in one event: its ``side`` ('a' or 'b', as UCDP and ACLED pair
    them) and/or its ``role`` ('target', 'mediator', ...)."""

    side: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Media:
    """A picture, video or document shown with an event (TimelineJS's media): its address,
    caption and credit."""

    url: str
    caption: str | None = None
    credit: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit}


FieldValue = str | int | float | date
"""A value of an event's free ``fields:`` (text, number or date), kept as it was given."""
