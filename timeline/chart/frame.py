"""The chart's frame around the marks: axes, legend and range slider, era bands, the reference
line, and the chart shown when no event matches."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import plotly.graph_objects as go

from timeline.chart import palette
from timeline.chart.density import is_weekly
from timeline.chart.focus import Focus, break_text
from timeline.chart.hover import plotly_text
from timeline.chart.labels import SLIDER_THICKNESS, plotly_dates
from timeline.chart.options import FigureOptions
from timeline.model import Era


MS_PER_DAY = 86_400_000
TOP = -1.0
"""The y axis starts half a lane above the first lane's band: room for era and reference labels."""
_EPOCH = date(1970, 1, 1)


def ms(day: date) -> int:
    """Return the first millisecond of ``day`` since 1970, as Plotly's date axis counts."""
    return (day - _EPOCH).days * MS_PER_DAY


def chart_layout(options: FigureOptions, height: int, margin: dict, lanes: list[str],
                 focus: Focus, with_strip: bool) -> dict:
    window = focus.window
    x_range = plotly_dates(np.array(window)).tolist()
    names = [plotly_text(lane) for lane in lanes]
    limit = 14 if options.compact else 28
    shown_names = [plotly_text(lane if len(lane) <= limit else lane[:limit - 1].rstrip() + "…") for lane in lanes]
    axis = dict(type="date", range=x_range, showgrid=True, gridcolor="#EEF0F3", linecolor="#C8CDD3")
    if focus.breaks:
        axis["rangebreaks"] = [dict(bounds=plotly_dates(np.array(b)).tolist()) for b in focus.breaks]
    bottom = "xaxis2" if with_strip else "xaxis"
    layout: dict = dict(
        template="plotly_white", height=height, margin=margin, hovermode="closest", dragmode="zoom",
        font=dict(family=palette.FONT_FAMILY, size=12, color=palette.TEXT_COLOR),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom",
                    itemsizing="constant", font=dict(size=11), title=dict(text="")),
        hoverlabel=dict(align="left", bgcolor="white", font=dict(size=12)),
        xaxis=dict(axis),
        showlegend=not options.compact,
        yaxis=dict(type="category", categoryorder="array", categoryarray=names, tickvals=names,
                   ticktext=shown_names,
                   range=[len(names) - 0.5, TOP], autorange=False, fixedrange=True, showgrid=True,
                   gridcolor="#EEF0F3", zeroline=False,
                   ticks="", automargin=True, tickfont=dict(size=11)),
    )
    # The slider spans the data, not eras far outside it, which would squash the data to a sliver.
    layout[bottom] = dict(axis, rangeslider=dict(visible=True, thickness=SLIDER_THICKNESS, range=x_range),
                          title=dict(text=palette.MARKS_KEY, standoff=6,
                                     font=dict(size=11, color="#5A6270")))
    if with_strip:
        per = "events per week" if is_weekly(window) else "events per month"
        layout["yaxis2"] = dict(fixedrange=True, rangemode="tozero", showgrid=True, gridcolor="#EEF0F3",
                                tickfont=dict(size=10), nticks=3, title=dict(text=per, font=dict(size=10)))
    if options.title:
        layout["title"] = dict(text=plotly_text(options.title), x=0, xref="paper", xanchor="left",
                               y=0.98, yanchor="top", font=dict(size=17))
    return layout


def era_shape(era: Era, window: tuple[int, int]) -> dict:
    # An era still running when the data ends is drawn to the window's edge.
    end = (era.end + timedelta(days=1)).isoformat() if era.end else plotly_dates(np.array([window[1]])).tolist()[0]
    return dict(type="rect", xref="x", yref="paper", x0=era.start.isoformat(), x1=end,
                y0=0, y1=1, layer="below", line=dict(width=0), fillcolor=era.color or palette.ERA_COLOR,
                opacity=0.35 if era.color else 0.45, name=f"era:{era.id}",
                label=dict(text=plotly_text(era.label), textposition="top left",
                           font=dict(size=11, color="#4A5868")))


def add_breaks(fig: go.Figure, focus: Focus, domain_bottom: float) -> None:
    """Mark each skipped stretch with a dotted line and, along its foot, how much time it leaves out."""
    for start, end in focus.breaks:
        x = plotly_dates(np.array([start]))[0]
        fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, name="break",
                      line=dict(color=palette.BREAK_COLOR, width=1.2, dash="dot"), layer="above")
        fig.add_annotation(x=x, xref="x", y=domain_bottom, yref="paper", yanchor="bottom",
                           text=plotly_text(break_text(start, end)), textangle=-90, showarrow=False, name="break", bgcolor="rgba(255,255,255,0.85)",
                           font=dict(size=10, color=palette.BREAK_COLOR), borderpad=1)


def add_continuations(fig: go.Figure, cut_off: list[tuple[str, bool, bool]], lanes: list[str]) -> None:
    """Put an arrow at the plot's edge where a year- or decade-long band runs on beyond it."""
    for lane, left, right in dict.fromkeys(cut_off):
        for side, shown in (("left", left), ("right", right)):
            if shown:
                fig.add_annotation(x=0 if side == "left" else 1, xref="paper", y=plotly_text(lane), yref="y",
                                   xanchor=side, text="◀" if side == "left" else "▶", showarrow=False,
                                   name="continues", font=dict(size=10, color=palette.BREAK_COLOR),
                                   hovertext="the period runs on beyond the chart's edge")


def add_reference(fig: go.Figure, options: FigureOptions, window: tuple[int, int]) -> None:
    day = options.reference_date
    x_ms = ms(day) + MS_PER_DAY // 2
    x = plotly_dates(np.array([x_ms]))[0]
    right_half = x_ms > (window[0] + window[1]) / 2
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, name="reference",
                  line=dict(color=palette.REFERENCE_COLOR, width=1.3, dash="dot"))
    fig.add_annotation(x=x, xref="x", y=1, yref="paper", yanchor="top", showarrow=False, yshift=-2,
                       xanchor="right" if right_half else "left", xshift=-3 if right_half else 3,
                       text=plotly_text(f"{options.reference_label}: {day.day} {day:%B %Y}"),
                       font=dict(size=11, color=palette.REFERENCE_COLOR), bgcolor="rgba(255,255,255,0.8)",
                       name="reference")


def empty_figure(options: FigureOptions) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template="plotly_white", height=options.height or 360,
                      font=dict(family=palette.FONT_FAMILY, color=palette.TEXT_COLOR),
                      xaxis=dict(visible=False), yaxis=dict(visible=False),
                      title=dict(text=plotly_text(options.title), x=0) if options.title else None)
    fig.add_annotation(text="No events match the filters", x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font=dict(size=15, color="#5A6270"))
    return fig
