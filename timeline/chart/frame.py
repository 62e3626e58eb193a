"""The chart's frame around the marks: axes, legend and range slider, era bands, the reference
line, and the chart shown when no event matches; in the reader's language, mirrored for Arabic
and Persian (row names on the right, legend, title and notes from the right) while time still
runs left to right, as Arabic and Persian news graphics draw it."""

from __future__ import annotations

from datetime import date

import numpy as np
import plotly.graph_objects as go

from timeline.chart import palette
from timeline.chart.density import is_weekly
from timeline.chart.focus import Focus, break_text
from timeline.chart.hover import directed, plotly_text
from timeline.chart.axisdates import YEAR_ONE_MS, YEAR_ZERO_BREAK, plotly_dates, reader_ticks
from timeline.chart.labels import SLIDER_THICKNESS
from timeline.chart.options import FigureOptions
from timeline.lang.catalogs import Messages, messages
from timeline.dates.readerdates import describe_date_in
from timeline.model import DateValue, Era, Precision


ENGLISH = messages()
MS_PER_DAY = 86_400_000
TOP = -1.0
"""The y axis starts half a lane above the first lane's band: room for era and reference labels."""
_EPOCH = date(1970, 1, 1)
_YEAR_1000_MS = (date(1000, 1, 1) - _EPOCH).days * 86_400_000


def ms(day: date) -> int:
    """Return the first millisecond of ``day`` since 1970, as Plotly's date axis counts."""
    return (day - _EPOCH).days * MS_PER_DAY


def chart_layout(options: FigureOptions, height: int, margin: dict, lanes: list[str],
                 focus: Focus, with_strip: bool, labels: list[str] | None = None) -> dict:
    """Return the layout: ``lanes`` are the rows' values, ``labels`` their names as shown (the
    values themselves when None)."""
    text = options.text
    rtl = text.rtl
    window = focus.window
    x_range = plotly_dates(np.array(window)).tolist()
    names = [plotly_text(lane) for lane in lanes]
    limit = 14 if options.compact else 28
    shown_names = [plotly_text(label if len(label) <= limit else label[:limit - 1].rstrip() + "…")
                   for label in (lanes if labels is None else labels)]
    # Upright dates, or standing ones where they would touch: Plotly's default angles accept a
    # 30° turn that still overlaps where a break brings two ticks close (measured at 330-900 px).
    axis = dict(type="date", range=x_range, showgrid=True, gridcolor="#EEF0F3", linecolor="#C8CDD3",
                autotickangles=[0, 90])
    if window[0] < _YEAR_1000_MS:
        # d3 pads years to four digits ("0700"); ancient years are written as people write them.
        axis["tickformatstops"] = [dict(dtickrange=[None, "M1"], value="%-d %b %-Y"),
                                   dict(dtickrange=["M1", "M12"], value="%b %-Y"),
                                   dict(dtickrange=["M12", None], value="%-Y")]
    axis.update(reader_ticks(window, options.lang))
    breaks = [plotly_dates(np.array(b)).tolist() for b in focus.breaks]
    if window[0] < YEAR_ONE_MS < window[1] and not any(a < YEAR_ONE_MS < b for a, b in focus.breaks):
        breaks.append(list(YEAR_ZERO_BREAK))  # days BCE are drawn a year early: see axisdates
    if breaks:
        axis["rangebreaks"] = [dict(bounds=bounds) for bounds in breaks]
    if focus.breaks:
        # Plotly spaces ticks over the whole range, breaks included, and drops those inside a
        # break: asking for as many more as the breaks hide leaves every shown stretch its dates.
        shown = (window[1] - window[0]) - sum(end - start for start, end in focus.breaks)
        axis["nticks"] = int(min(60, max(8, round(8 * (window[1] - window[0]) / max(shown, 1)))))
    bottom = "xaxis2" if with_strip else "xaxis"
    layout: dict = dict(
        template="plotly_white", height=height, margin=margin, hovermode="closest", dragmode="zoom",
        font=dict(family=palette.font_family(options.lang), size=12, color=palette.TEXT_COLOR),
        legend=dict(orientation="h", x=1 if rtl else 0, xanchor="right" if rtl else "left", y=1.0, yanchor="bottom",
                    itemsizing="constant", font=dict(size=11), title=dict(text="")),
        hoverlabel=dict(align="right" if rtl else "left", bgcolor="white", font=dict(size=12)),
        xaxis=dict(axis),
        showlegend=not options.compact,
        yaxis=dict(type="category", categoryorder="array", categoryarray=names, tickvals=names,
                   ticktext=shown_names,
                   range=[len(names) - 0.5, TOP], autorange=False, fixedrange=True, showgrid=True,
                   gridcolor="#EEF0F3", zeroline=False,
                   ticks="", automargin=True, tickfont=dict(size=11), **({"side": "right"} if rtl else {})),
    )
    # The slider spans the data, not eras far outside it, which would squash the data to a sliver.
    layout[bottom] = dict(axis, rangeslider=dict(visible=True, thickness=SLIDER_THICKNESS, range=x_range),
                          title=dict(text=directed(text.gettext(palette.MARKS_KEY), text), standoff=6,
                                     font=dict(size=11, color="#5A6270")))
    if with_strip:
        per = text.gettext("events per week") if is_weekly(window) else text.gettext("events per month")
        layout["yaxis2"] = dict(fixedrange=True, rangemode="tozero", showgrid=True, gridcolor="#EEF0F3",
                                tickfont=dict(size=10), nticks=3, title=dict(text=per, font=dict(size=10)),
                                **({"side": "right"} if rtl else {}))
    if options.title:
        layout["title"] = dict(text=directed(plotly_text(options.title), text), x=1 if rtl else 0, xref="paper",
                               xanchor="right" if rtl else "left", y=0.98, yanchor="top", font=dict(size=17))
    return layout


RULER_PX = 4
"""The height of the date ruler's own strip above the rows; its labels go above it."""
RULER_LABELS_PX = 60
"""Room above the ruler for its dates, turned when crowded as the bottom axis's are."""
RULER_FROM_PX = 640
"""Charts taller than this (on the page, not in images) get the ruler: their bottom axis is
below a laptop's first screen under the page's title and picker."""


def add_ruler(fig: go.Figure, focus: Focus, plot_px: float) -> None:
    """Put a date ruler along the top of the rows: an axis of its own that follows every zoom.

    Why a subplot and not a second axis over the rows: an overlaying axis with range breaks is
    labelled wrongly (measured in Plotly 6), while an axis of its own gets the same ticks as the
    bottom one.
    """
    low, high = fig.layout.yaxis.domain or (0.0, 1.0)
    share = min(0.05, RULER_PX / max(plot_px, 1.0))
    bottom = fig.layout.xaxis
    fig.update_layout(
        margin=dict(t=fig.layout.margin.t + RULER_LABELS_PX),
        legend=dict(y=1 + RULER_LABELS_PX / max(plot_px, 1.0)),
        yaxis=dict(domain=[low, high - share]),
        yaxis9=dict(domain=[high - share, high], visible=False, fixedrange=True, range=[0, 1]),
        xaxis9=dict(anchor="y9", side="top", matches="x", type="date", range=bottom.range,
                    rangebreaks=bottom.rangebreaks, tickformatstops=bottom.tickformatstops,
                    labelalias=bottom.labelalias, showgrid=False, showline=True, linecolor="#C8CDD3",
                    zeroline=False, ticks="outside", ticklen=4, tickfont=dict(size=12), fixedrange=False,
                    autotickangles=[0, 90]))
    # An axis shows only with a trace on it: one invisible point, never hovered or clicked.
    fig.add_trace(go.Scatter(x=plotly_dates(np.array([focus.window[0]])).tolist(), y=[0.5], xaxis="x9",
                             yaxis="y9", mode="markers", marker=dict(opacity=0), name="ruler",
                             showlegend=False, hoverinfo="skip"))


def era_shape(era: Era, window: tuple[int, int], rtl: bool = False) -> dict:
    # An era still running when the data ends is drawn to the window's edge.
    end_ms = ms(era.end) + MS_PER_DAY if era.end else window[1]
    x0, x1 = plotly_dates(np.array([ms(era.start), end_ms])).tolist()
    return dict(type="rect", xref="x", yref="y domain", x0=x0, x1=x1,
                y0=0, y1=1, layer="below", line=dict(width=0), fillcolor=era.color or palette.ERA_COLOR,
                opacity=0.35 if era.color else 0.45, name=f"era:{era.id}",
                label=dict(text=plotly_text(era.label), textposition="top right" if rtl else "top left",
                           font=dict(size=11, color="#4A5868")))


def add_breaks(fig: go.Figure, focus: Focus, note_tops: list[float], text: Messages = ENGLISH) -> None:
    """Mark each skipped stretch with a dotted line and, written down it from ``note_tops`` (lane
    units, where no label is: see ``labels.break_notes``), how much time it leaves out."""
    for (start, end), top in zip(focus.breaks, note_tops):
        x = plotly_dates(np.array([start]))[0]
        fig.add_shape(type="line", xref="x", yref="y domain", x0=x, x1=x, y0=0, y1=1, name="break",
                      line=dict(color=palette.BREAK_COLOR, width=1.2, dash="dot"), layer="above")
        fig.add_annotation(x=x, xref="x", y=top, yref="y", yanchor="top",
                           text=directed(plotly_text(break_text(start, end, text)), text), textangle=-90,
                           showarrow=False, name="break", bgcolor="rgba(255,255,255,0.85)",
                           font=dict(size=10, color=palette.BREAK_COLOR), borderpad=1)


def add_continuations(fig: go.Figure, cut_off: list[tuple[str, bool, bool]], lanes: list[str],
                      text: Messages = ENGLISH) -> None:
    """Put an arrow at the plot's edge where a year- or decade-long band runs on beyond it."""
    for lane, left, right in dict.fromkeys(cut_off):
        for side, shown in (("left", left), ("right", right)):
            if shown:
                fig.add_annotation(x=0 if side == "left" else 1, xref="paper", y=plotly_text(lane), yref="y",
                                   xanchor=side, text="◀" if side == "left" else "▶", showarrow=False,
                                   name="continues", font=dict(size=10, color=palette.BREAK_COLOR),
                                   hovertext=text.gettext("the period runs on beyond the chart's edge"))


def add_reference(fig: go.Figure, options: FigureOptions, window: tuple[int, int]) -> None:
    day = options.reference_date
    x_ms = ms(day) + MS_PER_DAY // 2
    x = plotly_dates(np.array([x_ms]))[0]
    right_half = x_ms > (window[0] + window[1]) / 2
    fig.add_shape(type="line", xref="x", yref="y domain", x0=x, x1=x, y0=0, y1=1, name="reference",
                  line=dict(color=palette.REFERENCE_COLOR, width=1.3, dash="dot"))
    fig.add_annotation(x=x, xref="x", y=1, yref="y domain", yanchor="top", showarrow=False, yshift=-2,
                       xanchor="right" if right_half else "left", xshift=-3 if right_half else 3,
                       text=directed(plotly_text(options.text.gettext("{label}: {day}").format(
                           label=options.text.gettext(options.reference_label),
                           day=describe_date_in(DateValue(day, day, Precision.DAY), options.lang))), options.text),
                       font=dict(size=11, color=palette.REFERENCE_COLOR), bgcolor="rgba(255,255,255,0.8)",
                       name="reference")


def empty_figure(options: FigureOptions) -> go.Figure:
    fig = go.Figure()
    rtl = options.text.rtl
    fig.update_layout(template="plotly_white", height=options.height or 360,
                      font=dict(family=palette.font_family(options.lang), color=palette.TEXT_COLOR),
                      xaxis=dict(visible=False), yaxis=dict(visible=False),
                      title=dict(text=plotly_text(options.title), x=0.95 if rtl else 0,
                                 xanchor="right" if rtl else "auto") if options.title else None)
    fig.add_annotation(text=options.text.gettext("No events match the filters"), x=0.5, y=0.5,
                       xref="paper", yref="paper",
                       showarrow=False, font=dict(size=15, color="#5A6270"))
    return fig
