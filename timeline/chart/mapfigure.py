"""The map: one mark per place, its area the number of shown events there, its colour the
category (or actor group) most of them have; ``build_map`` only builds and returns a ``go.Figure``.

The outlines (coasts, countries, lakes) are topojson that plotly.js loads when it draws: the page
serves them itself and the export hands them to the browser (``timeline.export.mapview``), so
``TOPOJSON_NAME`` is the one file a map needs. The region is framed around the places drawn,
in a Mercator projection fitted to the plot's shape, so the map fills its box. Its words are in the
reader's language (``MapOptions.lang``); for Arabic and Persian the legend and notes start from the right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import plotly.graph_objects as go

from timeline.chart import palette
from timeline.chart.hover import directed, plotly_text, shown_text
from timeline.chart.mapplaces import MappedPlace, key_rank, tally_places
from timeline.dates.readerdates import describe_date_in
from timeline.lang.catalogs import Messages, messages
from timeline.lang.languages import LANGUAGES, isolate
from timeline.model import COLOUR_CHOICES, ColourBy, Event, Place

ENGLISH = messages()
RESOLUTION = 50
"""Natural Earth's 1:50m outlines: the 1:110m ones lose Iraq's rivers and the Gulf's coast up close."""
TOPOJSON_NAME = f"world_{RESOLUTION}m"
"""The file plotly.js asks for (``<topojsonURL>/world_50m.json``): scope 'world' at this resolution."""
HOVER_EVENTS = 10
"""Events a place's hover lists at most (the list under the map has them all)."""
SELECTED_COLOR = palette.TEXT_COLOR
RING = 12
"""How much wider than its mark the ring around an open event's place is, in px."""
LAND, OCEAN, BORDERS = "#F1F0EC", "#E3EDF5", "#A4ABB5"


@dataclass(frozen=True)
class MapOptions:
    """How to draw the map. Immutable; the keyword names match ``FigureOptions``' where they
    mean the same, so ``**store_options(timeline)`` fits both."""

    colour_by: ColourBy = "category"
    colours: tuple[tuple[str, str], ...] = ()
    key_labels: tuple[tuple[str, str], ...] = ()
    actor_groups: tuple[tuple[str, str], ...] = ()
    native_names: tuple[tuple[str, str], ...] = ()
    """Both unused (an event's groups are on the event; the map names places); accepted so
    ``store_options`` fits."""
    selected_id: str | None = None
    """The open event: its places get a ring."""
    compact: bool = False
    """For a phone: smaller marks, no legend."""
    height: int | None = None
    width_px: int = 760
    """The figure's width where it is shown: the region is framed for it and the height."""
    plot_px: tuple[int, int] | None = None
    """(width, height) of the map itself when more than the map's own margins surround it (an
    export's title and source line); None: ``width_px`` and ``height`` less those margins."""
    label_limit: int = 20
    """Places named on the map at most, the busiest first; every place has its hover."""
    lang: str = "en"
    """The reader's language: the map's words, event titles where the store gives them in it."""

    @property
    def text(self) -> Messages:
        return messages(self.lang)

    def __post_init__(self) -> None:
        for name, allowed in (("colour_by", COLOUR_CHOICES), ("lang", LANGUAGES)):
            if getattr(self, name) not in allowed:
                raise ValueError(f"MapOptions.{name} is {getattr(self, name)!r}; use one of "
                                 + ", ".join(repr(v) for v in allowed))
        for name in ("height", "width_px", "label_limit"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValueError(f"MapOptions.{name} is {value!r}; use a whole number >= 0")


def build_map(events: Sequence[Event], registry: Sequence[Place], options: MapOptions = MapOptions()) -> go.Figure:
    """Return the map of ``events`` at the places of ``registry`` (the store's ``places:``)."""
    key_order = [key for key, _ in options.colours]
    tally = tally_places(events, registry, colour_by=options.colour_by, key_order=key_order)
    marks = tally.mapped
    height = options.height or (380 if options.compact else 520)
    show_legend = bool(marks) and not options.compact
    margin = dict(l=4, r=4, t=4, b=64 if show_legend else 4)
    size_of = mark_sizes(marks, compact=options.compact)
    points = [(m.place.lon, m.place.lat) for m in marks] or [(p.lon, p.lat) for p in registry if p.lat is not None]
    plot_w, plot_h = options.plot_px or (options.width_px - margin["l"] - margin["r"],
                                         height - margin["t"] - margin["b"])
    lon_range, lat_range = region(points, plot_w, plot_h)
    fig = go.Figure()
    text = options.text
    rtl = text.rtl
    colours = dict(options.colours)
    colour_of = lambda key: colours.get(key) or palette.category_color(key)  # noqa: E731
    if marks:
        ringed = [m for m in marks if any(e.id == options.selected_id for e in m.events)] if options.selected_id else []
        drawn = {**size_of, **{m.name: size_of[m.name] + RING for m in ringed}}  # labels keep clear of rings too
        positions = label_positions(marks, drawn, lon_range, lat_range, plot_w, plot_h, options.label_limit)
        labels = dict(options.key_labels)
        # The busiest first: smaller marks are drawn over (and clickable on top of) bigger neighbours.
        # Texts as object arrays: Plotly checks a list's colours and texts one by one (seconds at
        # thousands of places); numbers stay lists, which it checks fast and keeps readable in JSON.
        fig.add_trace(go.Scattergeo(
            lon=[m.place.lon for m in marks], lat=[m.place.lat for m in marks],
            mode="markers+text", name="places", showlegend=False,
            text=_column(plotly_text(m.name) if side else "" for m, side in zip(marks, positions)),
            textposition=_column(side or "middle right" for side in positions),
            textfont=dict(size=12, color=palette.TEXT_COLOR, shadow="auto", family=palette.font_family(options.lang)),
            customdata=np.array([[m.name] for m in marks], dtype=object),
            hovertext=_column(place_hover(m, labels, text) for m in marks), hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(size=[size_of[m.name] for m in marks], sizemode="diameter", opacity=0.85,
                        color=_column(colour_of(m.colour_key) for m in marks), line=dict(width=1, color="white")),
        ))
        if ringed:
            fig.add_trace(go.Scattergeo(
                lon=[m.place.lon for m in ringed], lat=[m.place.lat for m in ringed], mode="markers",
                name="selected", showlegend=False, hoverinfo="skip",
                marker=dict(symbol="circle-open", size=[size_of[m.name] + RING for m in ringed],
                            color=SELECTED_COLOR, line=dict(width=3)),
            ))
        keys = sorted({m.colour_key for m in marks}, key=key_rank(key_order))
        for key in keys:
            fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers",
                                        name=plotly_text(palette.key_label(key, labels, text)),
                                        marker=dict(size=10, color=colour_of(key)), hoverinfo="skip"))
        biggest = marks[0]
        key = (text.gettext("Area: events at the place (most: {place}, {count}) · colour: the category most of "
                            "them have") if options.colour_by == "category" else
               text.gettext("Area: events at the place (most: {place}, {count}) · colour: the actor group most "
                            "of them have"))
        fig.add_annotation(
            text=directed(plotly_text(key.format(place=isolate(biggest.name) if rtl else biggest.name,
                                                 count=text.digits(f"{len(biggest.events):,}"))), text),
            xref="paper", yref="paper", x=1 if rtl else 0, y=0, xanchor="right" if rtl else "left", yanchor="top",
            yshift=-30, showarrow=False,
            font=dict(size=11, color="#5A6270"), name="map-key", visible=show_legend)
    else:
        # A trace, even an empty one, is what makes plotly.js draw the map at all.
        fig.add_trace(go.Scattergeo(lon=[], lat=[], mode="markers", name="empty", showlegend=False, hoverinfo="skip"))
        fig.add_annotation(text=text.gettext("No shown event has a place with coordinates"), xref="paper", yref="paper",
                           x=0.5, y=0.5, showarrow=False, font=dict(size=15, color=palette.TEXT_COLOR),
                           bgcolor="rgba(255,255,255,0.85)", name="empty")
    fig.update_geos(
        resolution=RESOLUTION, projection_type="mercator", lonaxis_range=list(lon_range),
        lataxis_range=list(lat_range), showframe=False, showcountries=True, countrycolor=BORDERS,
        countrywidth=0.7, showcoastlines=True, coastlinecolor=BORDERS, coastlinewidth=0.7, showland=True,
        landcolor=LAND, showocean=True, oceancolor=OCEAN, showlakes=True, lakecolor=OCEAN, bgcolor=OCEAN,
        uirevision=repr((lon_range, lat_range)),
    )
    fig.update_layout(
        height=height, margin=margin, paper_bgcolor="white", showlegend=show_legend, hovermode="closest",
        font=dict(family=palette.font_family(options.lang), color=palette.TEXT_COLOR),
        legend=dict(orientation="h", x=1 if rtl else 0, xanchor="right" if rtl else "left", y=0, yanchor="top",
                    itemclick=False, itemdoubleclick=False, font=dict(size=12)),
        hoverlabel=dict(bgcolor="white", font=dict(size=12), align="right" if rtl else "left"),
    )
    return fig


def mark_sizes(marks: Sequence[MappedPlace], *, compact: bool = False) -> dict[str, float]:
    """Return each place's mark diameter in px: its area in proportion to its number of events,
    the busiest the largest, none smaller than a finger-friendly minimum."""
    smallest, largest = (8, 34) if compact else (10, 46)
    most = max((len(m.events) for m in marks), default=1)
    return {m.name: round(max(smallest, largest * math.sqrt(len(m.events) / most)), 1) for m in marks}


def place_hover(mark: MappedPlace, labels: dict[str, str], text: Messages = ENGLISH) -> str:
    """Return a place's hover text: its name and where it is, its events by category, and the
    first events by date (every user text escaped), in the reader's language."""
    place = mark.place
    own = isolate if text.rtl else (lambda value: value)
    comma = "، " if text.rtl else ", "
    where = comma.join(own(x) for x in dict.fromkeys(x for x in (place.country, *place.admin) if x))
    count = len(mark.events)
    kinds = comma.join(f"{palette.key_label(k, labels, text)} {text.digits(str(n))}" for k, n in mark.key_counts)
    lines = [f"<b>{plotly_text(own(place.name))}</b>" + (f" · {plotly_text(where)}" if where else ""),
             plotly_text(text.ngettext("{count} event: {kinds}", "{count} events: {kinds}", count).format(
                 count=text.digits(str(count)), kinds=kinds))]
    for event in mark.events[:HOVER_EVENTS]:
        title = shown_text(event, "title", text, short=True, cut=lambda t: t if len(t) <= 70 else t[:69] + "…")
        lines.append(f"{plotly_text(describe_date_in(event.date, text.lang))} · {plotly_text(' '.join(title.split()))}")
    if count > HOVER_EVENTS:
        lines.append(text.gettext("… and {count} more: click the place for the list").format(
            count=text.digits(str(count - HOVER_EVENTS))))
    return "<br>".join(directed(line, text) for line in lines)


MIN_SPAN = 20.0
"""Degrees of longitude a map spans at least: a single city still shows its country around it."""
PAD = 0.18
_MAX_Y = math.log(math.tan(math.pi / 4 + math.radians(80) / 2))  # Mercator y of 80° N


def _y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(-80.0, min(80.0, lat))) / 2))


def _lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def region(points: Sequence[tuple[float, float]], width_px: float, height_px: float
           ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return the (lon, lat) ranges that show every (lon, lat) point with a margin, in the shape
    of a ``width_px`` × ``height_px`` plot (Mercator), so the map fills it; the world without points."""
    if not points:
        return (-180.0, 180.0), (-60.0, 80.0)
    xs = [math.radians(lon) for lon, _ in points]
    ys = [_y(lat) for _, lat in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span_x = max(x1 - x0, math.radians(MIN_SPAN)) * (1 + 2 * PAD)
    span_y = max(y1 - y0, math.radians(MIN_SPAN) * 0.6) * (1 + 2 * PAD)
    aspect = max(width_px, 1) / max(height_px, 1)
    span_x, span_y = max(span_x, span_y * aspect), max(span_y, span_x / aspect)
    span_x, span_y = min(span_x, 2 * math.pi), min(span_y, 2 * _MAX_Y)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    cx = min(max(cx, -math.pi + span_x / 2), math.pi - span_x / 2)
    cy = min(max(cy, -_MAX_Y + span_y / 2), _MAX_Y - span_y / 2)
    lon = (round(math.degrees(cx - span_x / 2), 3), round(math.degrees(cx + span_x / 2), 3))
    lat = (round(_lat(cy - span_y / 2), 3), round(_lat(cy + span_y / 2), 3))
    return lon, lat


_SIDES = ("middle right", "middle left", "top center", "bottom center", "top right", "bottom right", "top left",
          "bottom left")
Box = tuple[float, float, float, float]


def label_positions(marks: Sequence[MappedPlace], size_of: dict[str, float], lon_range: tuple[float, float],
                    lat_range: tuple[float, float], width: float, height: float, limit: int) -> list[str | None]:
    """Return each mark's label side (Plotly's ``textposition``), or None to leave it unnamed:
    the busiest places first take the first side that covers no other label or mark (only the
    ``4 * limit`` busiest are tried, so thousands of places cost no more than a few dozen)."""
    circles = [(x, y, size_of[m.name] / 2) for m, (x, y) in zip(marks, mark_centres(marks, lon_range, lat_range,
                                                                                     width, height))]
    widest = max((r for _, _, r in circles), default=0)
    taken: list[Box] = []
    positions: list[str | None] = [None] * len(marks)
    for i, (mark, (x, y, r)) in enumerate(zip(marks[:4 * limit], circles)):
        if len(taken) >= limit:
            break
        boxes = {side: label_box((x, y), r, mark.name, side) for side in _SIDES}
        reach = max(b[2] - b[0] for b in boxes.values()) + r + widest + 20
        near = [c for j, c in enumerate(circles) if j != i and abs(c[0] - x) < reach and abs(c[1] - y) < reach]
        side = next((s for s, box in boxes.items() if _inside(box, width, height)
                     and not any(_overlap(box, other) for other in taken)
                     and not any(_covers(box, circle) for circle in near)), None)
        positions[i] = side
        if side:
            taken.append(boxes[side])
    return positions


def mark_centres(marks: Sequence[MappedPlace], lon_range: tuple[float, float], lat_range: tuple[float, float],
                 width: float, height: float) -> list[tuple[float, float]]:
    """Return where each mark's centre is in a ``width`` × ``height`` px plot of the region, in px
    from its top left corner."""
    x0, x1 = math.radians(lon_range[0]), math.radians(lon_range[1])
    y0, y1 = _y(lat_range[0]), _y(lat_range[1])
    return [((math.radians(m.place.lon) - x0) / (x1 - x0) * width, (y1 - _y(m.place.lat)) / (y1 - y0) * height)
            for m in marks]


def label_box(centre: tuple[float, float], radius: float, name: str, side: str) -> Box:
    """Return the box (left, top, right, bottom, in px) a place's name takes on ``side`` of its mark
    (about 7 px a character at 12 px Arial; a corner side starts at the circle's diagonal)."""
    (x, y), r = centre, radius
    w, h, d = 7.0 * len(name) + 4, 15.0, radius * 0.7
    return {"middle right": (x + r + 2, y - h / 2, x + r + 2 + w, y + h / 2),
            "middle left": (x - r - 2 - w, y - h / 2, x - r - 2, y + h / 2),
            "top center": (x - w / 2, y - r - h - 1, x + w / 2, y - r - 1),
            "bottom center": (x - w / 2, y + r + 1, x + w / 2, y + r + h + 1),
            "top right": (x + d, y - d - h, x + d + w, y - d),
            "bottom right": (x + d, y + d, x + d + w, y + d + h),
            "top left": (x - d - w, y - d - h, x - d, y - d),
            "bottom left": (x - d - w, y + d, x - d, y + d + h)}[side]


def _inside(box: Box, width: float, height: float) -> bool:
    return box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covers(box: Box, circle: tuple[float, float, float]) -> bool:
    """Whether ``box`` reaches into the middle of a circle: a label may cross another mark's rim
    (its text has a halo) but not hide the mark."""
    x, y, r = circle
    r *= 0.6
    nearest_x, nearest_y = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return (x - nearest_x) ** 2 + (y - nearest_y) ** 2 < r * r


def _column(values: Iterable[str]) -> np.ndarray:
    return np.array(list(values), dtype=object)
