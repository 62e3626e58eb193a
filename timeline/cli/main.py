"""``python -m timeline ...``: a thin shell over the library. Each command opens the data, calls
one library function and turns :class:`TimelineError` into a message on stderr and exit 1."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Sequence

from timeline.cli import convert as cli_convert
from timeline.cli import edit as cli_edit
from timeline.cli import export as cli_export
from timeline.cli import importing as cli_importing
from timeline.dates.reading import parse_date
from timeline.export.formats import events_csv, events_json
from timeline.errors import TimelineError, ValidationError
from timeline.model import Calendar
from timeline.store.schema import event_file_schema
from timeline.store.loading import load_timeline, store_report
from timeline.cli.arguments import iso_date, refused_output

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (0 done, 1 a problem reported, 2 bad usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # Every command that writes takes its OUT as -o: one check refuses them all on object storage.
    if refused := refused_output(getattr(args, "output", None) or ""):
        print(refused, file=sys.stderr)
        return 2
    command: Command = args.command
    try:
        return command(args)
    except ValidationError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        if err.total > len(err.problems):
            print(f"... and {err.total - len(err.problems)} more problems not shown", file=sys.stderr)
        return 1
    except TimelineError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a traceback
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Political event timelines: validate, inspect and export an event store.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check event files; list every problem",
                                   description="Exit 0 if every store is valid; else print each "
                                   "problem as path:line:column: message on stderr and exit 1. Warnings "
                                   "(path:line:column: warning: message) are printed too and never fatal, "
                                   "unless --strict.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a YAML file, a folder of them, or a .parquet file")
    validate.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    validate.set_defaults(command=run_validate)

    dump = commands.add_parser("dump", help="print the normalised events as JSON or CSV",
                               description="Print the events of a store, dates resolved, on stdout.")
    dump.add_argument("path", metavar="PATH")
    dump.add_argument("--format", choices=("json", "csv"), default="json")
    dump.set_defaults(command=run_dump)

    parse = commands.add_parser("parse-date", help="read one date as written and print it resolved",
                                description="Print {start, end, precision, approximate} as JSON.")
    parse.add_argument("text", metavar="TEXT")
    parse.add_argument("--reference", type=iso_date, metavar="YYYY-MM-DD",
                       help="the source's publication date, for 'Sept. 13' or 'last week'")
    parse.add_argument("--calendar", choices=[c.value for c in Calendar], default=None,
                       help="the calendar TEXT is written in (default: detected, else gregorian)")
    parse.set_defaults(command=run_parse_date)

    schema = commands.add_parser("schema", help="print the JSON Schema of an event file",
                                 description="Print the JSON Schema that editors' tools use.")
    schema.set_defaults(command=run_schema)

    cli_export.add_commands(commands)
    cli_importing.register(commands)
    cli_edit.register(commands)
    cli_convert.register(commands)
    return parser


def run_validate(args: argparse.Namespace) -> int:
    problems, warnings = [], []
    for path in args.paths:
        found, warned = store_report(path)
        problems += found
        warnings += warned
    for message in problems + warnings:
        print(message, file=sys.stderr)
    failed = bool(problems) or (args.strict and bool(warnings))
    if not failed:
        noun = "warning" if len(warnings) == 1 else "warnings"
        print(f"ok: {', '.join(args.paths)}" + (f" ({len(warnings)} {noun})" if warnings else ""), file=sys.stderr)
    elif not problems:
        print(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''} and --strict: not ok", file=sys.stderr)
    return 1 if failed else 0


def run_dump(args: argparse.Namespace) -> int:
    timeline = load_timeline(args.path)
    render = events_json if args.format == "json" else events_csv
    sys.stdout.write(render(timeline.events))
    return 0


def run_parse_date(args: argparse.Namespace) -> int:
    value = parse_date(args.text, reference=args.reference, calendar=args.calendar)
    print(json.dumps(value.to_json(), ensure_ascii=False))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(event_file_schema(), ensure_ascii=False, indent=2))
    return 0
