"""The errors that leave the ``timeline`` package.

Exception tree::

    TimelineError                 one problem, with where it is and how to fix it
    ├── DateError                 a date that cannot be read (raised by ``timeline.dates``)
    ├── ExportError               an image or data export that cannot be made
    ├── WriteError                a write to the event store that was refused or failed
    ├── ValidationError           many problems found at once in a store (``.problems``)
    └── StoreWarning              probably wrong, yet readable: shown, never fatal (``validate --strict``
                                  makes warnings fatal)

Inner code raises with what it knows (a date, a field); the store adds the file, line and field
with :meth:`TimelineError.located`, so every message reads like
``data/events.yaml:14:11: field 'date': cannot read 'soon-ish' as a date; write ...``.
"""

from __future__ import annotations

from typing import Sequence


class TimelineError(Exception):
    """One problem, with where it is (file, line, column, field) and how to fix it."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.field = field

    def location(self) -> str:
        """Return ``path:line:column`` (as much of it as is known), or ``''``."""
        parts = [self.source or ""]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts) if any(parts) else ""

    def __str__(self) -> str:
        body = f"field '{self.field}': {self.message}" if self.field else self.message
        where = self.location()
        return f"{where}: {body}" if where else body

    def located(
        self,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> "TimelineError":
        """Return a copy of this error with the location filled in where it was unknown."""
        copy = type(self).__new__(type(self))
        Exception.__init__(copy, self.message)
        copy.__dict__.update(self.__dict__)
        copy.source = self.source or source
        copy.line = self.line if self.line is not None else line
        copy.column = self.column if self.column is not None else column
        copy.field = self.field or field
        copy.__cause__ = self.__cause__
        return copy


class DateError(TimelineError):
    """A date as written that cannot be read, with a suggestion of what to write instead."""


class ExportError(TimelineError):
    """An export that cannot be made (no browser for images, an unknown format, ...)."""


class WriteError(TimelineError):
    """A write to the store that was refused (conflict, invalid event) or failed (disk, rights)."""


class StoreWarning(TimelineError):
    """Something in a store that is readable but probably not what was meant (a relative date
    resolving months before its source). Shown with its place, never fatal by itself."""

    def __str__(self) -> str:
        body = f"field '{self.field}': {self.message}" if self.field else self.message
        where = self.location()
        return f"{where}: warning: {body}" if where else f"warning: {body}"


class ValidationError(TimelineError):
    """Every problem found in a store at once; ``problems`` holds them in file order."""

    def __init__(self, problems: Sequence[TimelineError], *, total: int | None = None) -> None:
        self.problems: tuple[TimelineError, ...] = tuple(problems)
        self.total = total if total is not None else len(self.problems)
        noun = "problem" if self.total == 1 else "problems"
        lines = [str(problem) for problem in self.problems]
        if self.total > len(self.problems):
            lines.append(f"... and {self.total - len(self.problems)} more {noun} not shown")
        super().__init__(f"{self.total} {noun}:\n" + "\n".join(lines))

    def __str__(self) -> str:
        return self.message
