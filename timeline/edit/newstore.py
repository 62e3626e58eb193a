"""Writing a new store, one file or a folder of one file per year, atomically and validated.

Holds: ``StoreContent`` (what a new store holds), ``write_new_store`` and ``FOLDER_THRESHOLD``.
May import: ``timeline.edit.writer``, ``timeline.store``, ``timeline.model``, the errors.

Why a folder past 20,000 events: one YAML file of 100,000 events is a 40 MB file that no editor
opens comfortably and every save rewrites; a file per year keeps each one reviewable, and the
loader reads a folder as one store. The registries (categories, actors, places), the eras and
the stories get a file of their own, ``registries.yaml``: the loader gathers the registries of every file of a
folder store before it reads any event, and takes a file that holds only registries.

Why the way it is written: a single file goes through :func:`timeline.edit.writer.write_atomic`
(temporary file, fsync, validated, renamed). A folder is written whole into a hidden temporary
folder beside the target, validated as a store, then renamed into place; an old folder it
replaces is renamed aside first and removed last, so a failure leaves the old store or the new
one, never a mix of both years' files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import yaml

from timeline.edit.writer import write_atomic
from timeline.errors import TimelineError, ValidationError, WriteError
from timeline.model import Actor, Category, Era, Event, Place, Source, Story
from timeline.store.loading import check_store
from timeline.store.serialize import (actor_record, category_record, era_record, event_record, place_record,
                                      StoreDumper, store_yaml, story_record)

FOLDER_THRESHOLD = 20_000
"""More events than this are written as a folder of one YAML file per year."""
CHUNK = 1_000
"""Events rendered at a time, between two reports of progress."""
REGISTRY_FILE = "registries.yaml"
"""In a folder store: the categories, actors, places and eras, apart from the years' events."""

_STORE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class StoreContent:
    """Everything a new store holds: events, eras, registries, the default source, a header."""

    events: tuple[Event, ...]
    eras: tuple[Era, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    categories: tuple[Category, ...] = ()
    default_source: Source | None = None
    header: str = ""
    stories: tuple[Story, ...] = ()


def write_new_store(content: StoreContent, out: str | os.PathLike[str], *, force: bool = False,
                    folder_threshold: int = FOLDER_THRESHOLD,
                    progress: Callable[[str, int, int], None] | None = None) -> list[Path]:
    """Write ``content`` as the store ``out`` and return the files written.

    Up to ``folder_threshold`` events make one file; more make a folder ``out`` with a file per
    year (``out/2020.yaml``) and one for the registries and eras (``out/registries.yaml``).
    Nothing is replaced unless ``force``; what is written is loaded as a store first and refused,
    with every problem, if it would not load.

    Raises:
        WriteError: ``out`` exists (without ``force``), is of the other kind, or cannot be written.
        ValidationError: the written store would not load (nothing is replaced).
    """
    target = Path(out)
    folder = len(content.events) > folder_threshold
    _check_target(target, folder, force, len(content.events), folder_threshold)
    report = _Report(progress, len(content.events))
    if not folder:
        write_atomic(target, render_store(content, content.events, registries=True, report=report).encode("utf-8"),
                     validate=True)
        return [target]
    years: dict[int, list[Event]] = {}
    for event in content.events:
        years.setdefault(event.date.start.year, []).append(event)
    temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        registry = _registry_text(content)
        names = [REGISTRY_FILE] if registry else []
        if registry:
            _write_synced(temporary / REGISTRY_FILE, registry)
        for index, (year, events) in enumerate(sorted(years.items())):
            names.append(f"{_year_name(year)}.yaml")
            # Without registries there is no file of their own: the eras go with the first year.
            _write_synced(temporary / names[-1], render_store(content, events, registries=not registry and index == 0,
                                                              report=report))
        problems = check_store(temporary)
        if problems:
            raise ValidationError([_relabel(problem, temporary, target) for problem in problems[:100]],
                                  total=len(problems))
        _swap_in(temporary, target)
    except OSError as err:
        raise WriteError(f"cannot write the folder: {err.strerror}; check the disk and your rights; nothing was "
                         "replaced", source=str(target)) from err
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)
    return [target / name for name in names]


def _check_target(target: Path, folder: bool, force: bool, count: int, threshold: int) -> None:
    shown = str(target)
    if not target.parent.is_dir():
        raise WriteError(f"the folder '{target.parent}' does not exist; create it or choose another -o")
    if folder and target.suffix.lower() in _STORE_SUFFIXES:
        raise WriteError(f"{count:,} events are more than {threshold:,}: they are written as a folder of one YAML "
                         f"file per year, and '{shown}' names a file; give -o a folder name, e.g. "
                         f"-o {target.with_suffix('')}")
    if not target.exists() and not target.is_symlink():
        return
    if not force:
        raise WriteError(f"'{shown}' already exists; choose another -o or pass --force to replace it")
    if target.is_dir() != folder:
        what = "a folder" if target.is_dir() else "a file"
        raise WriteError(f"'{shown}' is {what} and the import is {'a folder' if folder else 'one file'}; remove "
                         "it first or choose another -o (--force replaces a store only by one of its kind)")
    if folder and (strangers := sorted(p.name for p in target.iterdir() if not _part_of_store(p))):
        raise WriteError(f"'{shown}' holds files that are not part of a store ({', '.join(strangers[:5])}); "
                         "move them or choose another -o (--force never deletes them)")


def _part_of_store(path: Path) -> bool:
    return path.is_file() and (path.suffix in _STORE_SUFFIXES or path.name.endswith((".lock", ".tmp")))


class _Report:
    """Counts the events rendered and tells ``progress`` ('writing', done, total)."""

    def __init__(self, progress: Callable[[str, int, int], None] | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress("writing", self.done, self.total)


def render_store(content: StoreContent, events: Sequence[Event], *, registries: bool,
                 report: Callable[[int], None] = lambda count: None) -> str:
    """Return the text :func:`timeline.store.serialize.store_yaml` writes for these events (the
    registries and eras too when ``registries``), rendered a thousand events at a time.

    Why not one ``store_yaml`` call: PyYAML's Python emitter takes ~1.5 ms an event, so 20,000
    events are half a minute without a sign of life; chunks let the bar move, and libyaml's
    emitter, where PyYAML has it, writes the same bytes about three times faster (tested).
    """
    head = store_yaml((), eras=content.eras if registries else (), default_source=content.default_source,
                      header=content.header, actors=content.actors if registries else (),
                      places=content.places if registries else (),
                      categories=content.categories if registries else (),
                      stories=content.stories if registries else ())
    empty = "events: []\n"
    if not head.endswith(empty):  # store_yaml changed its layout: let it write the whole file
        report(len(events))
        return store_yaml(events, eras=content.eras if registries else (), default_source=content.default_source,
                          header=content.header, actors=content.actors if registries else (),
                          places=content.places if registries else (),
                          categories=content.categories if registries else (),
                          stories=content.stories if registries else ())
    defaults = (content.default_source,) if content.default_source else ()
    parts = [head[:-len(empty)], "events:\n" if events else empty]
    for start in range(0, len(events), CHUNK):
        chunk = events[start:start + CHUNK]
        parts.append(yaml.dump([event_record(e, default_sources=defaults) for e in chunk], Dumper=StoreDumper,
                               allow_unicode=True, sort_keys=False, width=100, default_flow_style=False))
        report(len(chunk))
    return "".join(parts)


def _registry_text(content: StoreContent) -> str:
    """The registries, eras and stories of a folder store as a file of their own ('' when there
    are neither registries nor stories)."""
    document = {key: records for key, records in (
        ("categories", [category_record(c) for c in content.categories]),
        ("actors", [actor_record(a) for a in content.actors]),
        ("places", [place_record(p) for p in content.places]),
        ("eras", [era_record(e) for e in content.eras]),
        ("stories", [story_record(s) for s in content.stories])) if records}
    if not any(key in document for key in ("categories", "actors", "places", "stories")):
        return ""
    body = yaml.dump(document, Dumper=StoreDumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    return "".join(f"# {line}\n" for line in content.header.splitlines()) + body


def _year_name(year: int) -> str:
    return str(year) if year > 0 else f"{1 - year}-bce"


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())


def _swap_in(temporary: Path, target: Path) -> None:
    """Rename the new folder into place; an old one is moved aside first and removed last."""
    os.chmod(temporary, 0o777 & ~_umask())
    aside = None
    if target.exists():
        aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old.", suffix=".tmp"))
        aside.rmdir()
        os.replace(target, aside)
    try:
        os.replace(temporary, target)
    except OSError:
        if aside is not None:
            os.replace(aside, target)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _relabel(problem: TimelineError, temporary: Path, target: Path) -> TimelineError:
    copy = problem.located()
    if copy.source and copy.source.startswith(str(temporary)):
        copy.source = str(target) + copy.source[len(str(temporary)):] + " (not written)"
    return copy
