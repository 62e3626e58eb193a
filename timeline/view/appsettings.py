"""How the page is started: which store it shows and whether editing is on.

``streamlit run app.py -- --data PATH --edit`` passes its own arguments after ``--``; the
environment (``TIMELINE_DATA``, ``TIMELINE_EDITOR``) is the other way to say the same.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

DEFAULT_DATA = Path("data/events.yaml")
TRUE_WORDS = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class AppSettings:
    data_path: Path = DEFAULT_DATA
    editor: bool = False


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
    return AppSettings(data_path=Path(data), editor=editor)
