"""Which files a store is made of, and its signature: what the load cache and the page's caches
are keyed on.

Holds: ``store_files`` (a store's local files) and ``store_signature`` (each file's or object's
name, modification time and size).
May import: ``timeline.store.eventcolumns`` and ``timeline.store.objectstore`` (which paths are
Parquet stores, which are on object storage), ``timeline.store.parquetstore`` only for a store on
object storage (pyarrow's S3 client lists its objects), the errors.

Why a store on object storage has no files here: it is read by :mod:`timeline.store.parquetstore`
and never written, so what works on local files (``timeline fmt``) refuses it in one line.
"""

from __future__ import annotations

import os
from pathlib import Path as FilePath

from timeline.errors import TimelineError
from timeline.store.eventcolumns import is_parquet, parquet_files
from timeline.store.objectstore import NO_LOCAL_FILES, is_object_url


def store_files(path: str | os.PathLike[str]) -> list[FilePath]:
    """Return the files a store is made of: the file itself, a folder's *.yaml/*.yml, or a Parquet
    store's (a folder's or a glob's *.parquet, and any YAML beside them, which is refused).

    Raises:
        TimelineError: the store is on object storage (``s3://``): it has no local files.
    """
    if is_object_url(path):
        raise TimelineError(NO_LOCAL_FILES, source=str(path))
    store = FilePath(path)
    if is_parquet(store):
        return sorted(sum(parquet_files(store), []))
    return sorted(p for p in store.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()) if store.is_dir() \
        else [store]


def store_signature(path: str | os.PathLike[str]) -> tuple[tuple[str, int, int], ...]:
    """Return (file, modification time, size) of each store file: it changes when a file is saved.
    A store on object storage: (object URL, when it was written, size) of each object, listed."""
    if is_object_url(path):
        from timeline.store.parquetstore import object_signature  # pyarrow only for a store on object storage

        return object_signature(str(path))
    signature = []
    for file in store_files(path):
        try:
            stat = file.stat()
        except OSError:
            continue
        signature.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)
