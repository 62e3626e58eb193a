"""A content-addressed cache of loaded stores, kept outside the repository.

Loading 100,000 events means reading ~40 MB of YAML and validating every event; when the files
have not changed since the last load, the result can be read back from a pickle in a fraction of
the time. The key is the sha256 of every store file's bytes, the store's path (messages and
``Event.source_file`` name it) and a hash of this package's source code and of the Python and
pandas versions, so a changed file, a moved store, a new version of the validation rules or an
upgraded pandas (the entry holds the store's DataFrame too) never serves a stale result.

Only valid loads of local YAML stores are written (``cacheable``); an invalid store is always
read again, so its messages are fresh. Entries live in ``$XDG_CACHE_HOME/timeline`` (default
``~/.cache/timeline``); the newest :data:`MAX_ENTRIES` are kept. ``TIMELINE_CACHE=0`` turns the
cache off. A cache entry that cannot be read (truncated, from another Python, hand-edited) is
ignored and rewritten: the cache is only ever a shortcut, never the source of truth.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from timeline.model import Timeline
from timeline.store.eventcolumns import is_parquet
from timeline.store.objectstore import is_object_url

MAX_ENTRIES = 20
"""Stores kept in the cache; older entries are deleted when a new one is written."""

_SUFFIX = ".pickle"


def cache_enabled() -> bool:
    """Return False when ``TIMELINE_CACHE`` is set to 0 / off / false / no."""
    return os.environ.get("TIMELINE_CACHE", "1").strip().lower() not in ("0", "off", "false", "no")


def cacheable(path: str | os.PathLike[str]) -> bool:
    """Return True for a store the cache keeps: a local YAML file or folder that exists. A Parquet
    store is read about as fast as the cache; a store on object storage is never looked up on the
    local disk (its URL names no local file)."""
    return not is_object_url(path) and not is_parquet(path) and Path(path).exists()


def cache_dir() -> Path:
    """Return the folder cache entries live in (not created here)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Return a hash of the package's source and of the Python and pandas versions: any change
    to the model or the rules, or to how the entry's objects (a DataFrame among them) unpickle,
    changes it."""
    digest = hashlib.sha256(f"{sys.version}\0{_pandas_version()}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _pandas_version() -> str:
    """Return the installed pandas version without importing pandas (~0.4 s): the store never
    needs pandas, but an entry may hold a DataFrame the page built."""
    import importlib.metadata  # ~10 ms, needed only when the cache is used

    try:
        return importlib.metadata.version("pandas")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def cache_key(store: str, files: Sequence[Path]) -> str | None:
    """Return the key of a store's current content, or None when a file cannot be read."""
    digest = hashlib.sha256()
    digest.update(code_version().encode())
    digest.update(b"\0" + store.encode() + b"\0")
    for file in files:
        try:
            content = file.read_bytes()
        except OSError:
            return None
        digest.update(str(file).encode() + b"\0")
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def read_cached(key: str) -> Timeline | None:
    """Return the timeline stored under ``key``, or None when it is missing or unreadable."""
    entry = cache_dir() / f"{key}{_SUFFIX}"
    try:
        with entry.open("rb") as handle:
            timeline = pickle.load(handle)
    except FileNotFoundError:
        return None
    # A truncated or foreign entry can fail in many ways inside pickle; each means "rebuild it".
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
            TypeError, ValueError, KeyError, MemoryError):
        _remove(entry)
        return None
    if not isinstance(timeline, Timeline):
        _remove(entry)
        return None
    try:
        os.utime(entry)  # most recently used entries survive pruning
    except OSError:
        pass
    return timeline


def write_cached(key: str, timeline: Timeline) -> None:
    """Store ``timeline`` under ``key`` atomically; a cache that cannot be written is skipped."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Temp file + os.replace: a reader never sees half an entry, even with two writers.
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(timeline, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, folder / f"{key}{_SUFFIX}")
        finally:
            _remove(Path(temp))
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    entries = []
    for entry in folder.glob(f"*{_SUFFIX}"):
        if entry.name.startswith(".tmp-"):
            continue
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, entry in entries[MAX_ENTRIES:]:
        _remove(entry)


def _remove(entry: Path) -> None:
    try:
        entry.unlink()
    except OSError:
        pass
