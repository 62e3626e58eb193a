"""Converting a store from one kind to the other: YAML (a file or a folder) to one Parquet file,
and a Parquet file back to YAML.

Holds: ``convert_store`` and ``write_parquet_store`` (new content, e.g. an import, as one Parquet file).
May import: ``timeline.edit.newstore``, ``timeline.edit.writer``, ``timeline.store`` (the Parquet
store lazily: pyarrow is loaded only by a conversion that needs it), the model and the errors.

Why through a loaded timeline: what is converted is what the page shows, validated; a store
with problems is refused with all of them. A Parquet file is written whole to a temporary file
beside the target and renamed into place (:func:`timeline.edit.writer.write_atomic`); a YAML
store through :func:`timeline.edit.newstore.write_new_store`, which validates it first.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from timeline.edit.newstore import FOLDER_THRESHOLD, StoreContent, write_new_store
from timeline.edit.writer import write_atomic
from timeline.errors import WriteError
from timeline.store.eventcolumns import is_parquet
from timeline.store.loading import load_timeline

_YAML_SUFFIXES = (".yaml", ".yml")


def convert_store(source: str | os.PathLike[str], out: str | os.PathLike[str], *, force: bool = False,
                  progress: Callable[[str, int, int], None] | None = None) -> list[Path]:
    """Write the store ``source`` as ``out`` and return the files written.

    ``out`` ending in ``.parquet`` is one Parquet file; ``.yaml``/``.yml`` is one YAML file (a
    folder of one file per year past 20,000 events, as :func:`write_new_store` decides); any other
    name is a folder of one YAML file per year, with the registries, eras and stories in
    ``registries.yaml``.

    Raises:
        ValidationError: ``source`` has problems (nothing is written).
        WriteError: ``out`` exists (without ``force``) or cannot be written.
    """
    timeline = load_timeline(source)
    target = Path(out)
    if is_parquet(target):
        _check_file_target(target, force)
        from timeline.store.parquetstore import parquet_bytes

        write_atomic(target, parquet_bytes(timeline))
        return [target]
    content = StoreContent(events=timeline.events, eras=timeline.eras, actors=timeline.actors,
                           places=timeline.places, categories=timeline.categories, stories=timeline.stories,
                           header=f"Converted from {Path(source).name} by `timeline convert`.\n"
                                  "Check it with: timeline validate PATH")
    # A name without .yaml is a folder, however few the events (-1: more events than that).
    threshold = FOLDER_THRESHOLD if target.suffix.lower() in _YAML_SUFFIXES else -1
    return write_new_store(content, target, force=force, folder_threshold=threshold, progress=progress)


def write_parquet_store(content: StoreContent, out: str | os.PathLike[str], *, force: bool = False,
                        progress: Callable[[str, int, int], None] | None = None) -> list[Path]:
    """Write new content as one Parquet file ``out`` (never a folder, however many events) and
    return it. The content is written as YAML in a hidden folder beside ``out`` and loaded as a
    store first, so that what is written is what a YAML store of it would load, validated.

    Raises:
        ValidationError: the content has problems (nothing is written).
        WriteError: ``out`` exists (without ``force``) or cannot be written.
    """
    target = Path(out)
    _check_file_target(target, force)
    from timeline.store.parquetstore import parquet_bytes

    with tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=target.parent) as folder:
        staged = Path(folder) / ("store.yaml" if len(content.events) <= FOLDER_THRESHOLD else "store")
        write_new_store(content, staged, folder_threshold=FOLDER_THRESHOLD, progress=progress)
        timeline = load_timeline(staged, use_cache=False)
    write_atomic(target, parquet_bytes(timeline))
    return [target]


def _check_file_target(target: Path, force: bool) -> None:
    if not target.parent.is_dir():
        raise WriteError(f"the folder '{target.parent}' does not exist; create it or choose another -o")
    if target.is_dir():
        raise WriteError(f"'{target}' is a folder; give -o a file name ending in .parquet, e.g. -o events.parquet")
    if target.exists() and not force:
        raise WriteError(f"'{target}' already exists; choose another -o or pass --force to replace it")
