"""Reading a CSV file (ACLED, UCDP GED, TimelineJS's sheet, or any file with ``--map``) into events
and the store's registries, every bad row named by its CSV line.

Holds: ``import_csv`` and ``ImportResult``.
May import: ``timeline.edit.csvrows``, ``.csvpresets``, ``.csvmap``, ``.newstore``, ``.events`` (ids),
``timeline.dates``, ``timeline.store``, ``timeline.model``. Never ``export`` or ``cli``.

A row is read by its preset (:mod:`timeline.edit.csvpresets`) into a draft, then ``--map`` adds
to it or overrides it; here the draft's date text is read as the store reads it, ids are made
unique, places that share a name but not a position are told apart, and the categories, actors
and places the valid rows use become the registries. Nothing is written here
(:mod:`timeline.edit.newstore` writes).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from timeline.dates.reading import combine_range, parse_date
from timeline.edit.csvmap import ColumnMap, apply_map
from timeline.edit.csvpresets import OKABE_ITO, PRESETS, Preset
from timeline.edit.csvrows import Draft, PlaceDraft, Row, RowProblems
from timeline.edit.events import new_event_id
from timeline.edit.newstore import StoreContent
from timeline.errors import DateError, TimelineError, ValidationError
from timeline.model import CATEGORIES, Actor, Category, Era, Event, Place, Source
from timeline.store.eventdates import latest_report
from timeline.store.records import ID_PATTERN, did_you_mean, suggest_id

MAX_REPORTED = 100
"""A broken file can hold thousands of bad rows; the first hundred and the count say enough."""
PROGRESS_EVERY = 500
"""Rows between two reports to the progress callback."""

NOT_UTF8_FIX = "save the file as CSV UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')"
_NOT_UTF8 = re.compile("[\udc80-\udcff]")

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: what is being done, and how far (bytes read, files written)."""


@dataclass(frozen=True)
class ImportResult:
    """What a CSV file gave: the store to write, how many rows were read, and the rows left out."""

    content: StoreContent
    rows: int
    skipped: tuple[TimelineError, ...] = ()


def import_csv(path: str | Path, *, preset: str | None = None, mapping: Iterable[ColumnMap] = (),
               skip_invalid: bool = False, progress: Progress | None = None) -> ImportResult:
    """Read every row of a CSV file into events and registries.

    Raises:
        ValidationError: a row has problems and ``skip_invalid`` is false: every problem of every
            row, as ``FILE:LINE: column 'x': what is wrong; how to fix it`` (LINE the CSV line).
        TimelineError: the file cannot be read, lacks a column the preset or ``--map`` needs,
            or no row could be imported.
    """
    shown = str(path)
    chosen = PRESETS[preset] if preset else None
    maps = tuple(mapping)
    assembler = _Assembler(shown, chosen)
    rows = 0
    for row in _rows(Path(path), shown, chosen, maps, progress):
        rows += 1
        assembler.add(row, maps)
    if not rows:
        raise TimelineError("the file holds a header but no rows; export the data again", source=shown)
    if assembler.problems and (not skip_invalid or not assembler.events):
        raise ValidationError(assembler.problems[:MAX_REPORTED], total=len(assembler.problems))
    if not assembler.events:
        raise TimelineError("no row of the file is an event (only a title slide or eras); add event rows",
                            source=shown)
    return ImportResult(assembler.content(), rows, tuple(assembler.problems))


def _rows(path: Path, shown: str, preset: Preset | None, maps: tuple[ColumnMap, ...],
          progress: Progress | None) -> Iterator[Row]:
    """Yield each non-empty record with the line it starts on; report progress by bytes read."""
    try:
        binary = path.open("rb")
    except OSError as err:
        raise TimelineError(f"cannot read the file: {err.strerror}; check the path", source=shown) from err
    total = max(path.stat().st_size, 1)
    line = 0  # the last line read: a problem is on the next one
    # Bytes that are not UTF-8 are kept as lone surrogates, so the row holding them is named.
    with binary, io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
        try:
            first = text.readline()
            reader = csv.reader(io.StringIO(first), delimiter=_delimiter(first))
            header = [name.strip() for name in next(reader, [])]
            columns = _columns(header, shown)
            _check_columns(columns, preset, maps, shown)
            line = 1
            reader = csv.reader(text, delimiter=reader.dialect.delimiter)
            for count, cells in enumerate(reader, start=1):
                record_line, line = line + 1, reader.line_num + 1
                if progress and count % PROGRESS_EVERY == 0:
                    progress("reading", binary.tell(), total)
                if not any(cell.strip() for cell in cells):
                    continue
                yield Row(record_line, dict(zip(header, cells)), columns, extra=max(len(cells) - len(header), 0),
                          utf8=not _NOT_UTF8.search("".join(cells)))
        except csv.Error as err:
            raise TimelineError(f"not valid CSV: {err}; check the quotes on this line", source=shown,
                                line=line + 1) from err
    if progress:
        progress("reading", total, total)


def _delimiter(header: str) -> str:
    """The header's separator: a comma, or the semicolon or tab some spreadsheets write."""
    return max((",", ";", "\t"), key=header.count) if header else ","


def _columns(header: list[str], shown: str) -> dict[str, str]:
    if not any(header):
        raise TimelineError("the file is empty; a CSV file starts with a header line naming its columns",
                            source=shown, line=1)
    if _NOT_UTF8.search("".join(header)):
        raise TimelineError(f"the file is not UTF-8 text; {NOT_UTF8_FIX}", source=shown, line=1)
    columns: dict[str, str] = {}
    for name in header:
        if name and name.lower() in columns:
            raise TimelineError(f"the column '{name}' appears twice in the header; rename one", source=shown, line=1)
        columns[name.lower()] = name
    return columns


def _check_columns(columns: dict[str, str], preset: Preset | None, maps: tuple[ColumnMap, ...], shown: str) -> None:
    """Refuse, before any row is read, a file that lacks what the preset or ``--map`` needs."""
    listed = ", ".join(columns.values())
    if preset and (missing := [name for name in preset.required if name.lower() not in columns]):
        raise TimelineError(f"the {preset.label} preset needs the column{'s' * (len(missing) > 1)} "
                            f"{', '.join(missing)}, which the file lacks; its columns are: {listed}", source=shown,
                            line=1)
    for item in maps:
        if item.column.lower() not in columns:
            raise TimelineError(f"--map {item.column}={item.target}: the file has no column '{item.column}'"
                                f"{did_you_mean(item.column, tuple(columns.values()))}; its columns are: {listed}",
                                source=shown, line=1)
    single = [item.target for item in maps if item.target not in ("actors", "places", "tags", "source")]
    if twice := sorted({target for target in single if single.count(target) > 1}):
        raise TimelineError(f"--map gives '{twice[0]}' more than one column; map one column to it", source=shown)
    if preset is None:
        mapped = {item.column.lower() for item in maps}
        for target, hints in (("title", ("title", "headline", "event", "name")),
                              ("date", ("date", "day", "when", "time", "year"))):
            if target not in single:
                guess = next((name for hint in hints for name in columns.values()
                              if hint in name.lower() and name.lower() not in mapped), "COLUMN")
                raise TimelineError(f"no column is mapped to the event's {target}; add --map {guess}={target} "
                                    f"(or choose a --preset); the file's columns are: {listed}", source=shown)


class _Assembler:
    """Turns drafts into events row by row; keeps the ids, places, actors and categories used."""

    def __init__(self, shown: str, preset: Preset | None) -> None:
        self.shown, self.preset = shown, preset
        self.default = preset.source if preset else Source(outlet="CSV import", title=Path(shown).name)
        self.events: list[Event] = []
        self.eras: list[Era] = []
        self.problems: list[TimelineError] = []
        self.ids: dict[str, int] = {}
        self.places: dict[str, Place] = {}
        self.groups: dict[str, str] = {}
        self.labels: dict[str, str] = {}

    def add(self, row: Row, maps: tuple[ColumnMap, ...]) -> None:
        if not row.utf8:
            self.problems.append(TimelineError(f"the row holds bytes that are not UTF-8 text; {NOT_UTF8_FIX}",
                                               source=self.shown, line=row.line))
            return
        problems = RowProblems()
        draft = self.preset.read(row, problems) if self.preset else Draft()
        if draft is None:  # not an event (TimelineJS's title slide)
            return
        if row.extra:
            problems.add(None, f"the row has {row.extra} more cell{'s' * (row.extra > 1)} than the header has "
                         "columns; put quotes around the cells that hold a comma")
        for item in maps:
            apply_map(item, row, draft, problems)
        place_names = [self._place_name(place) for place in draft.places]
        built = self._build(draft, row, problems, tuple(dict.fromkeys(place_names)))
        if problems.found or built is None:
            self.problems += [TimelineError(message, source=self.shown, line=row.line) for message in problems.found]
            return
        if isinstance(built, Era):
            self.eras.append(built)
            return
        self.ids[built.id] = row.line
        for place, name in zip(draft.places, place_names):
            self._keep_place(place, name)
        for actor, group in draft.actor_groups.items():
            self.groups.setdefault(actor, group)
        self.labels.setdefault(built.category, draft.category or "other")
        self.events.append(built)

    def _build(self, draft: Draft, row: Row, problems: RowProblems, places: tuple[str, ...]) -> Event | Era | None:
        for part, text in (("title", draft.title), ("date", draft.date)):
            if not text and not problems.found:
                problems.add(None, f"the row has no {part}; fill in its {part}")
        if not (draft.title and draft.date):
            return None
        sources = tuple(draft.sources) or (self.default,)
        try:
            value = parse_date(draft.date)
            if draft.end:
                value = combine_range(value, parse_date(draft.end))
        except DateError as err:
            problems.add(draft.columns.get("end" if draft.end else "date"), err.message)
            return None
        report = latest_report(sources)
        if report and value.start > report[0]:
            problems.add(draft.columns.get("date"), f"the event starts after every source of it was published (the "
                         f"latest, {report[1]}, on {report[0]}); check the date and the sources' dates")
        if draft.era:
            return Era(self._new_id(draft.title, row.line), draft.title, value.start, value.end)
        event_id = self._event_id(draft, row, problems)
        if problems.found:
            return None
        return Event(id=event_id, title=draft.title, date=value, date_text=draft.date, end_text=draft.end,
                     category=suggest_id(draft.category or "other"), sources=sources,
                     actors=tuple(name for name, _ in draft.actors),
                     roles=tuple((name, role) for name, role in draft.actors if role),
                     places=places,
                     tags=tuple(dict.fromkeys(draft.tags)), summary=draft.summary, quote=draft.quote,
                     fatalities=draft.fatalities, media=draft.media, fields=tuple(draft.fields.items()))

    def _event_id(self, draft: Draft, row: Row, problems: RowProblems) -> str:
        if draft.id is None:
            return self._new_id(draft.title or "event", row.line)
        event_id = draft.id if ID_PATTERN.match(draft.id) else suggest_id(draft.id)
        if event_id in self.ids:
            problems.add(draft.columns.get("id"), f"'{draft.id}' is the id of the row on line {self.ids[event_id]} "
                         "too; each row needs its own id (remove the duplicate row)")
        return event_id

    def _new_id(self, title: str, line: int) -> str:
        base = new_event_id(title)
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        self.ids[candidate] = line
        return candidate

    def _place_name(self, place: PlaceDraft) -> str:
        """The place's name, unless another place of that name stands elsewhere: then the name
        with its area ('Al-Hamdaniya (Ninewa)'), or with its coordinates."""
        candidates = [place.name] + [f"{place.name} ({area})" for area in place.admin if area != place.name]
        if place.lat is not None:
            candidates.append(f"{place.name} ({place.lat:.4f}, {place.lon:.4f})")
        return next((name for name in candidates if _same_place(self.places.get(name), place)), candidates[-1])

    def _keep_place(self, place: PlaceDraft, name: str) -> None:
        known = self.places.get(name)
        if known is None:
            self.places[name] = Place(name, place.lat, place.lon, place.country, place.admin)
        elif known.lat is None and place.lat is not None:
            self.places[name] = replace(known, lat=place.lat, lon=place.lon, admin=known.admin or place.admin,
                                        country=known.country or place.country)

    def content(self) -> StoreContent:
        kind = self.preset.label if self.preset else "CSV"
        header = (f"Imported from {Path(self.shown).name} ({kind}) by `timeline import-csv`.\n"
                  "Check it with: timeline validate PATH")
        return StoreContent(
            events=tuple(sorted(self.events, key=lambda e: (e.date.start, e.date.end, e.id))),
            eras=tuple(self.eras), default_source=self.default, header=header, categories=self._categories(),
            actors=tuple(Actor(name, group=group) for name, group in sorted(self.groups.items())),
            places=tuple(sorted(self.places.values(), key=lambda place: place.name)))

    def _categories(self) -> tuple[Category, ...]:
        """The categories the events use: the preset's codebook entries first, in its order, then
        the others; none when every one is a default category and the preset has no vocabulary."""
        if not self.preset or not self.preset.categories:
            if set(self.labels) <= set(CATEGORIES):
                return ()
        known = {category.id: category for category in self.preset.categories} if self.preset else {}
        found = [known[key] for key in known if key in self.labels]
        used = {category.color for category in found}
        colours = iter(colour for colour in OKABE_ITO if colour not in used)
        for key, label in self.labels.items():
            if key not in known:
                found.append(Category(key, label if key not in CATEGORIES else key.capitalize(), CATEGORIES.get(key),
                                      next(colours, None)))
        return tuple(found)


def _same_place(known: Place | None, place: PlaceDraft) -> bool:
    if known is None or known.lat is None or place.lat is None:
        return True
    return abs(known.lat - place.lat) < 1e-4 and abs((known.lon or 0) - (place.lon or 0)) < 1e-4


