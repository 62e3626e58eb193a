"""The page's export buttons: the view as PNG, SVG, PDF or HTML in the reader's language, and its
events as CSV or JSON."""

from __future__ import annotations

import streamlit as st

from app_pages.caches import image_session
from app_pages.language import _, reader_language
from timeline.export.figures import export_html, view_figure
from timeline.export.formats import events_csv, events_json
from timeline.export.images import PRESETS, ExportOptions, browser_available, export_images
from timeline.model import Timeline
from timeline.view.eventsource import VIEW_EVENT_LIMIT, EventSource, Selection
from timeline.view.filters import FilterState


def image_bytes(timeline: Timeline, filters: FilterState, source: str, fmt: str, options: ExportOptions,
                events: EventSource | None = None) -> bytes:
    figure = view_figure(timeline, filters, source=source, options=options, events=events, lang=reader_language())
    return export_images([(figure, fmt, options)], session=image_session())[0]


def export_section(timeline: Timeline, filters: FilterState, shown: Selection, source: str,
                   events: EventSource | None = None) -> None:
    lang = reader_language()
    with st.expander(_("Export this view"), expanded=False):
        preset = st.radio(_("Size"), list(PRESETS), key="export_preset", horizontal=True,
                          format_func={p: _(p) + f" ({size.width}×{size.height}"
                                       + (f" @ {size.scale:g}×)" if size.scale != 1 else ")")
                                       for p, size in PRESETS.items()}.get)
        options = PRESETS[preset]
        missing_browser = browser_available()
        if missing_browser:
            st.warning(_("Images are off on this machine: {reason}").format(reason=missing_browser))
        columns = st.columns(6)
        for column, fmt, mime in zip(columns, ("png", "svg", "pdf"), ("image/png", "image/svg+xml", "application/pdf")):
            column.download_button(
                fmt.upper(), key=f"download_{fmt}", file_name=f"timeline.{fmt}", mime=mime,
                data=lambda fmt=fmt: image_bytes(timeline, filters, source, fmt, options, events),
                disabled=bool(missing_browser) or not shown, help=missing_browser)
        columns[3].download_button(
            "HTML", key="download_html", file_name="timeline.html", mime="text/html", disabled=not shown,
            data=lambda: export_html(view_figure(timeline, filters, source=source, options=options, interactive=True,
                                                 events=events, lang=lang)),
            help=_("One file that opens offline and still zooms, pans and hovers"))
        # A download is made in the server's memory: past the views' limit of a store kept as
        # columns the command line writes the file as it reads the events instead.
        too_many = events is not None and not events.held and len(shown) > VIEW_EVENT_LIMIT
        data_help = _("{count} events: narrow the filters to {limit} or fewer, or write the file with `timeline "
                      "export PATH -o OUT.csv`, which takes any number.").format(
                          count=f"{len(shown):,}", limit=f"{VIEW_EVENT_LIMIT:,}") if too_many else None
        columns[4].download_button("CSV", key="download_csv", file_name="timeline.csv", mime="text/csv",
                                   data=lambda: events_csv(shown), disabled=not shown or too_many, help=data_help)
        columns[5].download_button("JSON", key="download_json", file_name="timeline.json", mime="application/json",
                                   data=lambda: events_json(shown), disabled=not shown or too_many, help=data_help)
        st.caption(_("The same from the command line: `timeline export PATH -o OUT.png --lang {lang}` "
                     "(see the README's Export section).").format(lang=lang))
