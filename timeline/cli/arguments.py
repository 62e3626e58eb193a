"""Argument types shared by the command-line modules."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """Read a YYYY-MM-DD argument, or fail with a usage error that shows the form."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD, e.g. 2020-09-28")
