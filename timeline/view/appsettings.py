"""How the page is started: which store it shows, whether editing is on, and from what size a
Parquet store is kept as columns.

``streamlit run app.py -- --data PATH --edit`` passes its own arguments after ``--``; the
environment (``TIMELINE_DATA``, ``TIMELINE_EDITOR``) is the other way to say the same. PATH may
be an ``s3://`` URL of a Parquet store: it is kept as the URL, a path that names no local file,
so the editor refuses it as it refuses any Parquet store.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from timeline.store.objectstore import ObjectStorePath, is_object_url

DEFAULT_DATA = Path("data/events.yaml")
TRUE_WORDS = ("1", "true", "yes", "on")
COLUMNAR_FROM = 200_000
"""Events above which a Parquet store is kept as columns, its events built only when shown: a
loaded event costs ~4 KB, so a million would need ~4 GB (measured); below it, loading the store
whole makes every view instant. ``TIMELINE_COLUMNAR_FROM`` changes it (tests use a small store)."""


@dataclass(frozen=True)
class AppSettings:
    data_path: Path = DEFAULT_DATA
    editor: bool = False
    columnar_from: int = COLUMNAR_FROM
    """A Parquet store of more events than this is kept as columns (see ``timeline.store.lazystore``)."""


def app_settings(argv: Sequence[str], environ: Mapping[str, str]) -> AppSettings:
    """Return the settings from the page's arguments, then the environment, then the defaults.

    Unknown arguments are ignored rather than fatal: Streamlit may pass its own.
    """
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    parser.add_argument("--edit", action="store_true")
    args, _ = parser.parse_known_args(list(argv))
    data = args.data or environ.get("TIMELINE_DATA") or str(DEFAULT_DATA)
    editor = args.edit or environ.get("TIMELINE_EDITOR", "").strip().lower() in TRUE_WORDS
    data_path = ObjectStorePath(data) if is_object_url(data) else Path(data)
    return AppSettings(data_path=data_path, editor=editor, columnar_from=columnar_threshold(environ))


def columnar_threshold(environ: Mapping[str, str]) -> int:
    """Events above which a Parquet store is kept as columns: ``TIMELINE_COLUMNAR_FROM`` or the default."""
    columnar = environ.get("TIMELINE_COLUMNAR_FROM", "").strip()
    return int(columnar) if columnar.isdigit() else COLUMNAR_FROM
