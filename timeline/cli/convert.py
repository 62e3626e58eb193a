"""``timeline convert``: a store from one kind to the other (YAML to Parquet and back). Parse the
arguments, call :func:`timeline.edit.convert.convert_store`, print what was written.

Holds: :func:`register` (adds the command to the main parser) and the command.
May import: ``timeline.edit`` (inside the command), ``timeline.cli.importing`` (its progress bar).
An ``s3://`` OUT is refused before the command runs (``timeline.cli.main``): a store on object
storage is read-only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

# The converter (and pyarrow) is imported inside the command: `timeline validate` builds this parser too.


def register(subcommands: Any) -> None:
    """Add ``convert`` to the main parser's subcommands."""
    command = subcommands.add_parser(
        "convert", help="write a store as one Parquet file, or a Parquet store back as YAML",
        description="Load and validate STORE (a YAML file, a folder of them, or a .parquet file) and write "
        "it as OUT: a .parquet file holds every event's resolved days, the date as written, lists, sources "
        "and facts in columns, and the registries, eras and stories in its metadata; a .yaml file is one YAML "
        "file (a folder of one file per year past 20,000 events); any other name is a folder of one YAML "
        "file per year with the registries in registries.yaml. Written atomically; OUT is never replaced "
        "without --force.")
    command.add_argument("path", metavar="STORE", help="a YAML file, a folder of them, a .parquet file, or a "
                         "Parquet store on object storage (s3://bucket/events.parquet, a prefix or a pattern)")
    command.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="events.parquet, events.yaml, or a folder name")
    command.add_argument("--force", action="store_true", help="replace OUT if it exists")
    command.set_defaults(command=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    from timeline.cli.importing import ProgressBar
    from timeline.edit.convert import convert_store

    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        files = convert_store(args.path, args.output, force=args.force, progress=bar)
    finally:
        if bar:
            bar.done()
    out = Path(args.output)
    what = f"{len(files)} files" if len(files) > 1 or out.is_dir() else "1 file"
    print(f"wrote {out} ({what})", file=sys.stderr)
    return 0
