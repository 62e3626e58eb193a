"""``timeline import-csv``: a CSV file (ACLED, UCDP GED, TimelineJS's sheet, any with ``--map``)
into a new store. Parse the arguments, call the library, print.

Holds: :func:`register` (adds the command to the main parser) and the progress bar of long imports.
May import: ``timeline.edit`` (inside the command), the errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from timeline.errors import TimelineError

# csvimport is imported inside the command: `timeline validate` builds this parser too.
PRESET_NAMES = ("acled", "ucdp-ged", "timelinejs-sheet")
MAP_HELP = ("id, title, date, end, category, actors, places, tags, summary, quote, fatalities, source, "
            "or fields.NAME")


def register(subcommands: Any) -> None:
    """Add ``import-csv`` to the main parser's subcommands."""
    command = subcommands.add_parser(
        "import-csv", help="turn a CSV file (ACLED, UCDP GED, a TimelineJS sheet, any with --map) into a store",
        description="Read a CSV file into a new, validated store: events with their dates as precise as the "
        "data says, actors with their sides, fatalities, places with coordinates (a 'places:' registry), the "
        "dataset's own categories and every other column as free 'fields:'. A bad row is reported as "
        "FILE:LINE (the CSV line) and nothing is written, unless --skip-invalid. More than 20,000 events are "
        "written as a folder of one file per year; OUT ending in .parquet is one Parquet file.")
    command.add_argument("file", metavar="FILE", help="the CSV file (UTF-8; comma, semicolon or tab separated)")
    command.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="the store to write: a .yaml file, a folder for more than 20,000 events, "
                         "or a .parquet file")
    command.add_argument("--preset", choices=PRESET_NAMES,
                         help="the file's format: ACLED's export, UCDP's GED, or TimelineJS's Google Sheet template")
    command.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD", dest="maps",
                         help=f"fill an event field from a column (repeatable): {MAP_HELP}. Without a preset, "
                         "title and date are needed and other columns are left out; with one, it adds or overrides. "
                         "Lists (actors, places, tags, source) are separated by ';'")
    command.add_argument("--skip-invalid", action="store_true",
                         help="write the good rows and report each bad one (by default a bad row writes nothing)")
    command.add_argument("--force", action="store_true", help="replace OUT if it exists")
    command.set_defaults(command=run_import_csv)


def run_import_csv(args: argparse.Namespace) -> int:
    from timeline.edit.convert import write_parquet_store
    from timeline.edit.csvimport import import_csv
    from timeline.edit.csvmap import parse_map
    from timeline.edit.newstore import FOLDER_THRESHOLD, write_new_store

    out = Path(args.output)
    if (out.exists() or out.is_symlink()) and not args.force:
        raise TimelineError(f"'{out}' already exists; choose another -o or pass --force to replace it")
    try:
        maps = [parse_map(text) for text in args.maps]
    except TimelineError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = import_csv(args.file, preset=args.preset, mapping=maps, skip_invalid=args.skip_invalid,
                            progress=bar)
        if bar:
            bar.done()
        for problem in result.skipped:
            where, _, message = str(problem).partition(": ")
            print(f"{where}: skipped: {message}", file=sys.stderr)
        if out.suffix.lower() == ".parquet":
            files = write_parquet_store(result.content, out, force=args.force, progress=bar)
        else:
            files = write_new_store(result.content, out, force=args.force, folder_threshold=FOLDER_THRESHOLD,
                                    progress=bar)
    finally:
        if bar:
            bar.done()
    events = len(result.content.events)
    skipped = len({problem.line for problem in result.skipped})
    parts = [f"{events:,} event{'s' * (events != 1)} from {result.rows:,} row{'s' * (result.rows != 1)}"]
    if skipped:
        parts.append(f"{skipped:,} row{'s' * (skipped != 1)} skipped")
    if eras := len(result.content.eras):
        parts.append(f"{eras} era{'s' * (eras != 1)}")
    if len(files) > 1 or out.is_dir():
        parts.append(f"{len(files)} files, one per year")
    print(f"wrote {out} ({'; '.join(parts)})", file=sys.stderr)
    return 0


class ProgressBar:
    """A one-line bar on a terminal: ``reading [#########.........]  45%``, redrawn at most ten
    times a second, wiped when done. Only used when stderr is a terminal: logs stay clean."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        share = min(done / total, 1.0) if total else 1.0
        filled = round(self.WIDTH * share)
        self.stream.write(f"\r{stage:<8}[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.WIDTH + 16) + "\r")
            self.stream.flush()
            self.shown = False
