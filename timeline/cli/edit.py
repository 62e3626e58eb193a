"""``python -m timeline add | fmt | extract``: the editing commands, a thin shell over the library.

:func:`register` adds them to the main parser (``timeline.cli.main.build_parser``); errors are
raised as :class:`TimelineError` and turned into ``error: ...`` on stderr (exit 1) by
:mod:`timeline.cli.main`, like every other command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from timeline.cli.arguments import iso_date
from timeline.errors import TimelineError
from timeline.model import CATEGORIES

# The editing library (file locks, the line-level store text) is imported inside each command:
# `timeline validate` builds this parser too and should not pay for it.


def register(subcommands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``add``, ``fmt`` and ``extract`` commands to the main parser's subcommands."""
    add = subcommands.add_parser(
        "add", help="append a validated event to a file and print its new id",
        description="Append one event at the end of the file's events, validated, under a lock and "
        "atomically (a concurrent or interrupted save never loses or corrupts the file). Without "
        "--source-outlet the event inherits the file's default source. Prints the new id.")
    add.add_argument("path", metavar="PATH", help="the YAML file to add to")
    add.add_argument("--title", required=True, help="a short headline; the id is made from it")
    add.add_argument("--date", required=True, metavar="D", help="as written, e.g. 'Sept. 13' or '13 September 2020'")
    add.add_argument("--end", metavar="D", help="the end of a range, as written")
    add.add_argument("--reference", type=iso_date, metavar="YYYY-MM-DD",
                     help="the source's publication date, that 'Sept. 13' resolves against; with "
                     "--source-outlet it becomes the source's 'published', without it it must be "
                     "the file's default source's date")
    add.add_argument("--category", default="other",
                     help=f"one of: {', '.join(CATEGORIES)} (default: other)")
    add.add_argument("--actor", action="append", default=[], metavar="A", help="an actor (repeat for more)")
    add.add_argument("--place", action="append", default=[], metavar="P", help="a place (repeat for more)")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for more)")
    add.add_argument("--summary", metavar="S", help="one or two sentences")
    add.add_argument("--quote", metavar="Q", help="a short quote from the source")
    add.add_argument("--source-url", metavar="U", help="the source's http(s) address (needs --source-outlet)")
    add.add_argument("--source-outlet", metavar="O", help="the outlet; gives the event its own source")
    add.set_defaults(command=run_add)

    fmt = subcommands.add_parser(
        "fmt", help="normalise the layout of event files, keeping every comment",
        description="Put each event's fields in the documented order (and sources' and eras'), "
        "optionally sort events by date; comments, quoting and line wrapping are kept. With "
        "--check, change nothing: print 'would reformat PATH' and exit 1 if a file is not formatted.")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="a YAML file or a folder of them")
    fmt.add_argument("--sort-by-date", action="store_true",
                     help="also order events by their resolved start date (stable)")
    fmt.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    fmt.set_defaults(command=run_fmt)

    extract = subcommands.add_parser(
        "extract", help="propose draft events from a news article, as YAML",
        description="Print a store file of draft events on stdout: one per sentence of the article "
        "that carries a date, with the date as written (resolved against --published in a comment), "
        "the sentence as the quote and suggested actors. Review before adding them to a store.")
    extract.add_argument("article", metavar="ARTICLE", help="the article as a UTF-8 text file")
    extract.add_argument("--published", required=True, type=iso_date, metavar="YYYY-MM-DD",
                         help="the article's publication date; relative dates resolve against it")
    extract.add_argument("--outlet", help="the outlet that published it (the drafts' default source)")
    extract.add_argument("--title", help="the article's title")
    extract.add_argument("--url", help="the article's http(s) address")
    extract.set_defaults(command=run_extract)


def run_add(args: argparse.Namespace) -> int:
    fields: dict[str, Any] = {
        "title": args.title, "date": args.date, "end": args.end, "category": args.category,
        "actors": args.actor, "places": args.place, "tags": args.tag, "summary": args.summary,
        "quote": args.quote, "sources": _sources(args),
    }
    from timeline.edit.events import add_event
    from timeline.dates.reading import is_relative
    from timeline.view.display import date_line

    report: list[Any] = []
    print(add_event(args.path, fields, report=report))
    if report:
        # What the date was read as, and against what: "Sept. 29" under a source of 28 September
        # 2020 is 29 September 2019, which the editor must see, not only the new id.
        event, warnings = report[0], report[1:]
        line = date_line(event)
        reference = next((s.published for s in event.sources if s.published), None)
        relative = reference is not None and is_relative(event.date_text)
        against = f", resolved against {reference.day} {reference:%B} {reference.year} (the source's date)" \
            if relative else ""
        print(f"date: {line.written} → {line.resolved} ({line.precision}){against}", file=sys.stderr)
        for warning in warnings:
            print(f"warning: {warning.message}", file=sys.stderr)
    return 0


def run_fmt(args: argparse.Namespace) -> int:
    from timeline.edit.fmt import format_store

    changed = [file for path in args.paths for file in format_store(path, sort_by_date=args.sort_by_date,
                                                                      check=args.check)]
    for file in changed:
        print(f"{'would reformat' if args.check else 'reformatted'} {file}", file=sys.stderr)
    if not changed:
        print(f"already formatted: {', '.join(args.paths)}", file=sys.stderr)
    return 1 if args.check and changed else 0


def run_extract(args: argparse.Namespace) -> int:
    from timeline.edit.extract import drafts_yaml, extract_drafts

    try:
        text = Path(args.article).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or "it is not UTF-8 text"
        raise TimelineError(f"cannot read the article: {reason}; give a UTF-8 text file",
                            source=args.article) from err
    drafts = extract_drafts(text, args.published)
    if not drafts:
        raise TimelineError("found no sentence with a date (such as 'Sept. 13' or '13 September 2020'); "
                            "nothing to propose", source=args.article)
    sys.stdout.write(drafts_yaml(drafts, published=args.published, outlet=args.outlet, title=args.title,
                                 url=args.url, article=Path(args.article).name))
    return 0


def _sources(args: argparse.Namespace) -> list[dict[str, Any]] | None:
    """Return the event's own source from the --source-* flags, or None to inherit the default."""
    if args.source_url and not args.source_outlet:
        raise TimelineError("--source-url needs --source-outlet (the outlet that published it)")
    if args.source_outlet:
        return [{"outlet": args.source_outlet, "url": args.source_url, "published": args.reference}]
    if args.reference is None:
        return None
    from timeline.edit.events import file_defaults

    default = next((s.published for s in file_defaults(args.path) if s.published), None)
    if default != args.reference:
        raise TimelineError(
            f"--reference {args.reference} is not the publication date of the file's default source "
            f"({default or 'none'}); give --source-outlet (and --source-url) for the source published "
            f"on {args.reference}, or leave --reference out")
    return None
