"""Argument types and checks shared by the command-line modules."""

from __future__ import annotations

import argparse
from datetime import date

from timeline.store.objectstore import is_object_url, read_only


def iso_date(text: str) -> date:
    """Read a YYYY-MM-DD argument, or fail with a usage error that shows the form."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD, e.g. 2020-09-28")


def refused_output(path: str) -> str | None:
    """The one-line error for an OUT no command writes, None for any other: a store on object
    storage (``s3://``) is read, never written (``main`` prints it and exits 2, a usage error)."""
    return f"error: {path}: {read_only(path)}" if is_object_url(path) else None
