"""``python -m timeline export`` and ``import-timelinejs``: the argument parsing and file writing.

Every file is written to a temporary file in the same folder and then renamed over the target,
so a failed or interrupted export never leaves a half-written image or store behind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Any

from timeline.chart.options import FigureOptions
from timeline.chart.rows import ROW_LIMIT
from timeline.cli.arguments import iso_date
from timeline.errors import ExportError, TimelineError, ValidationError
from timeline.lang.languages import LANGUAGE_NAMES, LANGUAGES
from timeline.view.filters import FilterState, choices
from timeline.export.formats import csv_chunks, json_chunks
from timeline.model import COLOUR_CHOICES, LANE_CHOICES, Timeline
from timeline.store.records import suggest_id
from timeline.store.loading import load_timeline

FORMATS = ("png", "svg", "pdf", "html", "csv", "json", "timelinejs", "story")
EXTENSIONS = {".png": "png", ".svg": "svg", ".pdf": "pdf", ".html": "html", ".htm": "html",
              ".csv": "csv", ".json": "json"}
EACH = {"actor": "actors", "group": "groups", "category": "categories", "place": "places", "tag": "tags"}


def add_commands(commands: Any) -> None:
    """Add ``export`` and ``import-timelinejs`` to the CLI's subcommands."""
    export = commands.add_parser(
        "export", help="write the (filtered) timeline as PNG, SVG, PDF, HTML, CSV, JSON, TimelineJS or a story slideshow",
        description="Write the events the filters select, as an image (with title, date range and "
        "source line), a standalone HTML page, or data. The format comes from OUT's extension "
        "unless --format is given. Images need Chrome or Chromium (BROWSER_PATH overrides).")
    export.add_argument("path", metavar="PATH", help="a YAML file or a folder of them")
    export.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the file to write, e.g. timeline.png (with --each: the name's stem)")
    export.add_argument("--format", choices=FORMATS, help="override the format OUT's extension implies")
    picks = export.add_argument_group("filters (as on the page)")
    picks.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD")
    picks.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD")
    for name, plural in EACH.items():
        picks.add_argument(f"--{name}", dest=plural, action="append", default=[], metavar=name.upper(),
                           help=f"keep events with this {name} (repeatable)")
    picks.add_argument("--search", default="", metavar="TEXT", help="in title, summary and quote")
    picks.add_argument("--lanes", choices=LANE_CHOICES, default="actor", help="rows of the chart "
                       "(group: each actor's side or affiliation, from the store's 'actors:' registry)")
    picks.add_argument("--colour", choices=COLOUR_CHOICES, default="category",
                       help="colour the marks by the event's category or by its actor's group")
    picks.add_argument("--all-rows", action="store_true", help="a row for every actor (place, category); "
                       f"by default the {ROW_LIMIT - 1} busiest rows are kept and the rest share an 'Others' row")
    image = export.add_argument_group("images and HTML")
    image.add_argument("--preset", choices=("slide", "print"), default="slide",
                       help="slide: 1600x900 px; print: A4 landscape (1123x794 px, PNG at scale 3)")
    image.add_argument("--width", type=int, help="CSS pixels (default: the preset's)")
    image.add_argument("--height", type=int, help="CSS pixels (default: the preset's)")
    image.add_argument("--scale", type=float, help="PNG pixels per CSS pixel, e.g. 2 for high-DPI")
    image.add_argument("--title", help="the title in the image (default: 'Timeline' and the filters)")
    labels = image.add_mutually_exclusive_group()
    labels.add_argument("--label-limit", type=_label_limit, metavar="N",
                        help="label at most N events on the chart, most important first (default 12)")
    labels.add_argument("--no-labels", action="store_true", help="no labels on the chart (hover still works in HTML)")
    image.add_argument("--transparent", action="store_true",
                       help="PNG/SVG/PDF/HTML: a see-through background, for a slide's own")
    image.add_argument("--cdn", action="store_true", help="HTML: load plotly.js from its CDN (smaller, "
                       "needs the internet) instead of embedding it")
    export.add_argument("--story", metavar="ID", help="--format story (implied): the store's story to tell as "
                        "an offline HTML slideshow (default: its first story; a store without stories: the "
                        "story of the selection)")
    export.add_argument("--view", choices=("timeline", "map"), default="timeline",
                        help="images and HTML: the timeline (default) or the map of where the events happened "
                        "(one mark per place with coordinates in the store's places: registry; offline)")
    export.add_argument("--each", choices=tuple(EACH), help="one file per actor/group/category/place/tag of "
                        "the selection, named OUT-<value>.EXT; images share one browser")
    export.add_argument("--lang", choices=LANGUAGES, metavar="|".join(LANGUAGES),
                        help="the reader's language (default: en): "
                        + ", ".join(f"{code} {LANGUAGE_NAMES[code]}" for code in LANGUAGES)
                        + ". Images, HTML, the map and the story are written in it (its words, dates and titles; "
                        "an event's text in it where the store gives it, else in the store's own, marked), "
                        "right to left for Arabic and Persian, time still running left to right; TimelineJS "
                        "slides take their headline and text in it; CSV and JSON keep every language")
    export.set_defaults(command=run_export)

    imports = commands.add_parser(
        "import-timelinejs", help="turn a TimelineJS JSON file into an events YAML file",
        description="Read a TimelineJS JSON file (ours or anyone's; TimelineJS 2 files too) and write our "
        "YAML. Precision comes from the date parts present; HTML becomes text, its links sources; quotes, "
        "media, times of day and locations are kept; the result is validated before it is written. A "
        "Google Sheets CSV is read by import-csv --preset timelinejs-sheet.")
    imports.add_argument("file", metavar="FILE.json")
    imports.add_argument("-o", "--output", required=True, metavar="OUT.yaml")
    imports.add_argument("--source-outlet", metavar="NAME",
                         help="the file's own source, which every event cites beside the links in its text "
                         "(default: 'TimelineJS import')")
    imports.add_argument("--force", action="store_true", help="replace OUT.yaml if it exists")
    imports.add_argument("--skip-invalid", action="store_true",
                         help="write the slides that can be read and report each one skipped (by default a "
                         "file with a slide that cannot be read is reported whole and nothing is written)")
    imports.set_defaults(command=run_import)


def _label_limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 1000")
    return value


def run_export(args: argparse.Namespace) -> int:
    out = Path(args.output)
    fmt = args.format or ("story" if args.story else EXTENSIONS.get(out.suffix.lower()))
    if args.story and fmt != "story":
        print(f"error: --story tells a story as a slideshow; give --format story (not {fmt}), or leave --story out",
              file=sys.stderr)
        return 2
    if fmt == "story" and out.suffix.lower() not in ("", ".html", ".htm"):
        print(f"error: a story is written as an HTML slideshow; name the file .html, e.g. {out.with_suffix('.html')}",
              file=sys.stderr)
        return 2
    if fmt is None:
        print(f"error: cannot tell the format of '{out}' from its extension; name it .png, .svg, "
              ".pdf, .html, .csv or .json, or give --format " + "|".join(FORMATS), file=sys.stderr)
        return 2
    timeline, events = _load(args.path)
    state = FilterState(start=args.start, end=args.end, actors=tuple(args.actors),
                        categories=tuple(args.categories), places=tuple(args.places),
                        tags=tuple(args.tags), search=args.search, lanes=args.lanes,
                        every_row=args.all_rows, colour_by=args.colour, groups=tuple(args.groups))
    views = [(out, state)]
    if args.each:
        values = choices(_selected(timeline, events, state))[EACH[args.each]]
        suffix = out.suffix or f".{'json' if fmt == 'timelinejs' else fmt}"
        views = [(out.with_name(f"{out.stem}-{suggest_id(value)}{suffix}"),
                  replace(state, **{EACH[args.each]: (value,)})) for value in values]
    contents = _render(timeline, events, views, fmt, args)
    for (path, _), data in zip(views, contents):
        write_atomic(path, data)
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _load(path: str) -> tuple[Timeline, Any]:
    """The store, and its events as a source when it is kept as columns: a Parquet store of more
    events than the page keeps whole (``TIMELINE_COLUMNAR_FROM``) builds only the events the export
    shows (the map and the story at most ``VIEW_EVENT_LIMIT`` of them, as on the page)."""
    from timeline.store.eventcolumns import is_parquet

    if is_parquet(path):
        from timeline.store.parquetstore import parquet_row_count
        from timeline.view.appsettings import columnar_threshold

        if parquet_row_count(path) > columnar_threshold(os.environ):
            from timeline.store.lazystore import open_lazy_store
            from timeline.view.eventsource import in_columns

            store, problems = open_lazy_store(path)
            if store is None:
                raise ValidationError(problems)
            return store.header, in_columns(store)
    return load_timeline(path), None


def _selected(timeline: Timeline, events: Any, state: FilterState) -> Any:
    """The events ``state`` selects, from the source when the store is kept as columns."""
    from timeline.export.figures import selected_events

    if events is None:
        return selected_events(timeline, state)
    # Not built all at once: the data formats read a selection a few thousand events at a time.
    chosen = events.select(state)
    if not chosen:
        raise ExportError("no events match the filters; widen the dates or remove a filter "
                          f"(the store holds {events.size} events)")
    return chosen


def _render(timeline: Timeline, events_source: Any, views: list[tuple[Path, FilterState]], fmt: str,
            args: argparse.Namespace) -> list[bytes | str | Iterable[str]]:
    from timeline.export import images as export
    from timeline.export import figures as exportview

    preset = export.PRESETS[args.preset]
    options = export.ExportOptions(width=args.width or preset.width, height=args.height or preset.height,
                                   scale=args.scale if args.scale is not None else preset.scale)
    source = str(args.path)
    lang = args.lang or "en"
    chart = FigureOptions(label_limit=0 if args.no_labels else args.label_limit if args.label_limit is not None
                          else FigureOptions().label_limit, lang=lang)
    look = dict(figure_options=chart, transparent=args.transparent, lang=lang)
    if fmt in export.IMAGE_FORMATS:
        # The browser starts (~1.3 s) while the figures are built; a missing one is reported first.
        with export.ImageSession(wait=False) as session:
            figures = [_view_figure(timeline, state, args, source=source, options=options, look=look,
                                    events=events_source) for _, state in views]
            return list(export.export_images([(fig, fmt, options) for fig in figures], session=session))
    rendered: list[bytes | str | Iterable[str]] = []
    for path, state in views:
        if fmt == "story":
            from timeline.export.storyhtml import story_export

            rendered.append(story_export(timeline, state, story_id=args.story, source=source, lang=lang,
                                         events=events_source))
            continue
        # Only the data formats list every event; the HTML views draw from the source (a million
        # events need not all be built, and the map takes at most VIEW_EVENT_LIMIT of them).
        events = _selected(timeline, events_source, state) if fmt in ("csv", "json", "timelinejs") else None
        if fmt == "html" and args.view == "map":
            from timeline.export import mapview

            fig = _view_figure(timeline, state, args, source=source, options=options, look=look, interactive=True,
                               events=events_source)
            rendered.append(mapview.export_map_html(fig, cdn=args.cdn, filename=path.stem, options=options, lang=lang,
                                                    title=args.title or mapview.default_map_title(state, lang=lang)))
        elif fmt == "html":
            fig = exportview.view_figure(timeline, state, source=source, title=args.title, options=options,
                                         interactive=True, events=events_source, **look)
            rendered.append(exportview.export_html(fig, cdn=args.cdn, filename=path.stem, options=options, lang=lang,
                                                   title=args.title or exportview.default_title(state, lang=lang)))
        elif fmt == "csv":  # written as it is made: a million rows are never one string
            rendered.append(csv_chunks(events))
        elif fmt == "json":
            rendered.append(json_chunks(events))
        else:
            from timeline.export.timelinejs import to_timelinejs

            # Without --lang each slide keeps its text's own language, as before the option existed.
            document = to_timelinejs(events, timeline.eras, state.lanes, title=args.title, places=timeline.places,
                                     actors=timeline.actors, categories=timeline.categories, lang=args.lang)
            rendered.append(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return rendered


def _view_figure(timeline: Timeline, state: FilterState, args: argparse.Namespace, *, source: str,
                 options: Any, look: dict[str, Any], interactive: bool = False, events: Any = None) -> Any:
    """Return the decorated figure of the view ``--view`` names: the timeline or the map."""
    from timeline.export import figures as exportview

    if args.view == "map":
        from timeline.export.mapview import map_view_figure

        labels = look["figure_options"].label_limit if args.no_labels or args.label_limit is not None else None
        return map_view_figure(timeline, state, source=source, title=args.title, options=options,
                               interactive=interactive, label_limit=labels, transparent=look["transparent"],
                               lang=look["lang"], events_source=events)
    return exportview.view_figure(timeline, state, source=source, title=args.title, options=options,
                                  interactive=interactive, events=events, **look)


def run_import(args: argparse.Namespace) -> int:
    from timeline.export.timelinejsfiles import timelinejs_document
    from timeline.export.timelinejsimport import imported_yaml, read_timelinejs

    out = Path(args.output)
    if out.exists() and not args.force:
        raise TimelineError(f"'{out}' already exists; choose another -o or pass --force to replace it")
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise TimelineError(f"cannot read the file: {err.strerror}; check the path", source=args.file) from err
    except UnicodeDecodeError as err:
        raise TimelineError("the file is not UTF-8 text; save it as UTF-8 JSON", source=args.file) from err
    document = timelinejs_document(text, source_name=args.file)
    try:
        imported = read_timelinejs(document, source_outlet=args.source_outlet, source_name=args.file,
                                   skip_invalid=args.skip_invalid)
    except ValidationError as err:
        eras = document.get("eras")
        readable = max(0, len(document["events"]) + (len(eras) if isinstance(eras, list) else 0) - len(err.problems))
        fix = (f", or pass --skip-invalid to write the {readable} that can be read" if readable
               else " (none of them can be read)")
        hint = TimelineError(f"nothing written: fix the slides above{fix}", source=args.file)
        raise ValidationError([*err.problems, hint]) from err
    for problem in imported.skipped:
        print(problem, file=sys.stderr)
    if not imported.events:
        raise TimelineError("no slide could be read, so nothing was written", source=args.file)
    write_atomic(out, imported_yaml(imported, source_name=args.file), check=_check_store(out))
    skipped = f", {len(imported.skipped)} skipped" if imported.skipped else ""
    print(f"wrote {out} ({len(imported.events)} events{skipped})", file=sys.stderr)
    return 0


def _check_store(target: Path) -> Callable[[Path], None]:
    def check(written: Path) -> None:
        # Validate what was written, so a file that will not load never replaces anything.
        try:
            load_timeline(written)
        except ValidationError as err:
            raise ValidationError([replace_source(p, f"{target} (not written)") for p in err.problems],
                                  total=err.total) from err
    return check


def replace_source(problem: TimelineError, source: str) -> TimelineError:
    copy = problem.located()
    copy.source = source
    return copy


def write_atomic(path: Path, data: bytes | str | Iterable[str], *,
                 check: Callable[[Path], None] | None = None) -> None:
    """Write ``data`` (bytes, text, or text in chunks) to ``path`` through a temporary file in the
    same folder, then rename it.

    ``check`` (given the temporary file) may raise to keep ``path`` untouched.
    """
    chunks = [data] if isinstance(data, (bytes, str)) else data
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"the folder '{folder}' does not exist; create it or choose another -o")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=path.suffix or ".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            for chunk in chunks:
                file.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        # mkstemp makes the file private (0600); an export should get the usual rights.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if check:
            check(Path(temporary))
        os.replace(temporary, path)
    except OSError as err:
        raise ExportError(f"cannot write '{path}': {err.strerror}; check the folder and your rights") from err
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
