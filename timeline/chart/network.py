"""The actor network as a figure: nodes sized by events and coloured by group, ties as lines whose
width grows with the events shared, hovers that list them. Builds and returns; draws nothing.

Clicking a node selects a point whose ``customdata`` is ``[actor]``; only nodes (trace mode
``markers``) and the labels beside them (``name="labels"``) carry customdata. Its words are in the
reader's language (``NetworkOptions.lang``); actors are named as the store writes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from timeline.chart.actorgraph import ActorGraph, layout
from timeline.chart.hover import directed, plotly_text, shown_text
from timeline.chart.networklabels import LABEL_FONT_PX, Label, Node, Plot, offsets, side_parts, tiered_labels
from timeline.chart.palette import NO_GROUP, TEXT_COLOR, UNKNOWN_COLOR, font_family
from timeline.lang.catalogs import Messages, messages
from timeline.lang.languages import LANGUAGES, isolate
from timeline.model import Event
from timeline.view.display import date_line, list_separator

ENGLISH = messages()

NODE_COLOR = "#0072B2"
"""Every node's colour when the store names no groups (Okabe–Ito blue)."""
EDGE_COLOR = "#A7B0BC"
EDGE_WIDTHS = (0.8, 1.6, 2.6, 3.8, 5.0)
"""Line widths for ties of 1, 2–3, 4–7, 8–15 and 16 or more shared events."""
NODE_SIZES_PX = (9, 30)
"""Diameter of the node with the fewest and the most events (area-like: by square root)."""
EVENTS_IN_HOVER = 8
TITLE_CHARS = 70
RANGE = (-1.12, 1.12)
"""Both axes: the layout fills [-1, 1]; the rest is room for the largest nodes at the edges
(wider margins for the names beside them cost more names on narrow charts than they gain)."""
MARGIN = {"l": 8, "r": 8, "t": 8, "b": 8}
LEGEND_ROW_PX = 22
LEGEND_CHAR_PX = 6.2
LEGEND_ITEM_PX = 40
"""A legend entry: its 12 px text, and its symbol and gaps (measured on the page in Chromium:
'Iran' takes 64 px, 'Militias and PMU' 135 px)."""
NODE_OPACITY = 0.95
UNDIMMED = {"selected": {"marker": {"opacity": NODE_OPACITY}}, "unselected": {"marker": {"opacity": NODE_OPACITY}}}
"""A click selects a point, and Plotly dims the rest until the next click; a click on a node opens
the timeline and one on a tie does nothing, so nothing should look picked out meanwhile."""
PHONE_WIDTH_PX = 358
"""The chart's width on a 390 px phone: its labels are text beside the nodes, drawn at every width."""
LABEL_WIDTHS_PX = (PHONE_WIDTH_PX, 460, 620, 820, 1100)
"""Chart widths at which more labels fit. Each label beyond the phone's is an annotation named
``label:WIDTH``, the narrowest width it fits; the page hides it on narrower charts."""
PRIMARY_WIDTH_PX = 820
"""The width labels are placed for first (the chart on a 1280–1400 px window): the most important
actors get their label there; narrower charts keep those that still fit."""


@dataclass(frozen=True)
class NetworkOptions:
    """How to draw the network. Immutable: make a new one with ``dataclasses.replace``."""

    colours: tuple[tuple[str, str], ...] = ()
    """(group, colour): ``palette.store_colours`` of the store."""
    height: int = 620
    compact: bool = False
    """For a phone: labels placed for its width only, and no legend."""
    lang: str = "en"
    """The reader's language: the legend and hovers in it, and from the right for Arabic and Persian."""

    def __post_init__(self) -> None:
        if not isinstance(self.height, int) or self.height < 200:
            raise ValueError(f"NetworkOptions.height is {self.height!r}; use a whole number of pixels >= 200")
        if self.lang not in LANGUAGES:
            raise ValueError(f"NetworkOptions.lang is {self.lang!r}; use one of " + ", ".join(map(repr, LANGUAGES)))


def build_network_figure(network: ActorGraph, options: NetworkOptions = NetworkOptions()) -> go.Figure:
    """Return the figure of ``network``: the same graph always gives the same figure."""
    graph = network.graph
    text = messages(options.lang)
    positions = layout(graph, aspect=0.8 if options.compact else 1.6)
    grouped = any(group for _, group in graph.nodes(data="group"))
    figure = go.Figure()
    for trace in edge_traces(network, positions, text):
        figure.add_trace(trace)
    colours = dict(options.colours)
    sizes = node_sizes(network)
    groups = group_order(network, [g for g, _ in options.colours])
    for group in groups:
        members = [actor for actor in graph.nodes if (graph.nodes[actor]["group"] or NO_GROUP) == group]
        colour = colours.get(group, UNKNOWN_COLOR) if grouped else NODE_COLOR
        figure.add_trace(go.Scatter(
            x=[positions[a][0] for a in members], y=[positions[a][1] for a in members], mode="markers",
            name=plotly_text(text.gettext(group)) if grouped else text.gettext("Actors"), legendgroup=group,
            showlegend=grouped,
            marker={"size": [sizes[a] for a in members], "color": colour, "line": {"color": "white", "width": 1},
                    "opacity": NODE_OPACITY},
            customdata=[[a] for a in members], hovertext=[node_hover(network, a, text) for a in members],
            hoverinfo="text", **UNDIMMED))
    legend = grouped and not options.compact
    top = legend_rows(groups, LABEL_WIDTHS_PX[1]) * LEGEND_ROW_PX if legend else 0
    plot_height = options.height - MARGIN["t"] - MARGIN["b"] - top
    nodes = [Node(a, *positions[a], sizes[a] / 2) for a in sorted(graph.nodes, key=lambda a: label_rank(network, a))]
    widths = LABEL_WIDTHS_PX[:1] if options.compact else LABEL_WIDTHS_PX
    plots = {width: Plot(width - MARGIN["l"] - MARGIN["r"], plot_height, RANGE, RANGE) for width in widths}
    labels = tiered_labels(nodes, plots, PHONE_WIDTH_PX if options.compact else PRIMARY_WIDTH_PX)
    figure.add_trace(label_trace([label for label, width in labels if width == PHONE_WIDTH_PX], positions, sizes))
    figure.update_layout(
        height=options.height, margin={**MARGIN, "t": MARGIN["t"] + top}, plot_bgcolor="white",
        font={"family": font_family(options.lang), "color": TEXT_COLOR}, hovermode="closest", uirevision="network",
        showlegend=legend, annotations=[label_annotation(label, width, positions, sizes)
                                        for label, width in labels if width != PHONE_WIDTH_PX],
        legend={"orientation": "h", "x": 1 if text.rtl else 0, "xanchor": "right" if text.rtl else "left", "y": 1,
                "yanchor": "bottom", "itemclick": False, "itemsizing": "constant",
                "itemdoubleclick": False, "font": {"size": 12}},
        xaxis={"range": list(RANGE), "visible": False},
        yaxis={"range": list(RANGE), "visible": False},
        hoverlabel={"align": "right" if text.rtl else "left"})
    return figure


def edge_traces(network: ActorGraph, positions: dict[str, tuple[float, float]],
                text: Messages = ENGLISH) -> list[go.Scatter]:
    """Lines for the ties, one trace per width; then invisible points at their middles that
    carry each tie's hover (a line's own hover shows only at its ends)."""
    graph = network.graph
    by_width: dict[int, list[tuple[str, str]]] = {}
    for a, b, weight in graph.edges(data="weight"):
        by_width.setdefault(min(len(EDGE_WIDTHS) - 1, int(math.log2(weight))), []).append((a, b))
    traces = []
    for level in sorted(by_width):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in by_width[level]:
            xs += [positions[a][0], positions[b][0], None]
            ys += [positions[a][1], positions[b][1], None]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 name=f"ties {level}", line={"color": EDGE_COLOR, "width": EDGE_WIDTHS[level]}))
    edges = list(graph.edges)
    if edges:
        traces.append(go.Scatter(
            x=[(positions[a][0] + positions[b][0]) / 2 for a, b in edges],
            y=[(positions[a][1] + positions[b][1]) / 2 for a, b in edges],
            mode="markers", marker={"size": 10, "opacity": 0, "color": EDGE_COLOR}, showlegend=False,
            name="ties", hovertext=[edge_hover(network, a, b, text) for a, b in edges], hoverinfo="text",
            selected={"marker": {"opacity": 0}}, unselected={"marker": {"opacity": 0}},
            hoverlabel={"bgcolor": "white", "bordercolor": EDGE_COLOR, "font": {"color": TEXT_COLOR}}))
    return traces


def node_sizes(network: ActorGraph) -> dict[str, float]:
    """Diameter of each node in pixels: by the square root of its events, so area follows them."""
    counts = dict(network.graph.nodes(data="events"))
    most = max(counts.values(), default=1)
    low, high = NODE_SIZES_PX
    if most <= 1:
        return {actor: float(low) for actor in counts}
    return {actor: round(low + (high - low) * math.sqrt((n - 1) / (most - 1)), 2) for actor, n in counts.items()}


def group_order(network: ActorGraph, registry_order: list[str]) -> list[str]:
    """The groups present, in the store's registry order (the legend's order), '(no group)' last."""
    present = {group or NO_GROUP for _, group in network.graph.nodes(data="group")}
    ordered = [g for g in registry_order if g in present and g != NO_GROUP]
    return ordered + sorted(present - set(ordered) - {NO_GROUP}) + ([NO_GROUP] if NO_GROUP in present else [])


def label_rank(network: ActorGraph, actor: str) -> tuple[int, int, str]:
    """Who is labelled first: the biggest nodes, then the most connected."""
    data = network.graph.nodes[actor]
    return (-data["events"], -data["degree"], actor)


def node_hover(network: ActorGraph, actor: str, text: Messages = ENGLISH) -> str:
    """An actor's hover: name, group, events, partners and the most frequent of them."""
    data = network.graph.nodes[actor]
    own = isolate if text.rtl else (lambda value: value)
    lines = [f"<b>{plotly_text(own(actor))}</b>"]
    if data["group"]:
        # A store's group passes through; a stand-in label of ours ("(no group)") is translated.
        translate = text.gettext
        lines.append(text.gettext("Group: {group}").format(group=plotly_text(own(translate(data["group"])))))
    events, partners, shared = data["events"], data["degree"], data["strength"]
    lines.append(" · ".join((
        _count(events, text.ngettext("{count} event", "{count} events", events), text),
        _count(partners, text.ngettext("{count} partner", "{count} partners", partners), text),
        _count(shared, text.ngettext("{count} shared event", "{count} shared events", shared), text))))
    if data["partners"]:
        lines.append(text.gettext("Most often with: {partners}").format(partners=list_separator(text.lang).join(
            f"{plotly_text(own(other))} ({text.digits(str(weight))})" for other, weight in data["partners"])))
    lines.append("<i>" + text.gettext("Click to see their events on the timeline") + "</i>")
    return "<br>".join(directed(line, text) for line in lines)


def edge_hover(network: ActorGraph, a: str, b: str, text: Messages = ENGLISH) -> str:
    """A tie's hover: the two actors and the events they share (the first few, in date order)."""
    events: tuple[Event, ...] = network.graph.edges[a, b]["events"]
    own = isolate if text.rtl else (lambda value: value)
    shared = _count(len(events), text.ngettext("{count} shared event", "{count} shared events", len(events)), text)
    lines = [text.gettext("<b>{first} – {second}</b>: {shared}").format(
        first=plotly_text(own(a)), second=plotly_text(own(b)), shared=shared)]
    for event in events[:EVENTS_IN_HOVER]:
        cut = lambda title: title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"  # noqa: E731
        title = shown_text(event, "title", text, short=True, cut=lambda t: cut(" ".join(t.split())))
        lines.append(f"{plotly_text(title)} ({plotly_text(own(date_line(event).written))})")
    if len(events) > EVENTS_IN_HOVER:
        lines.append(text.gettext("… and {count} more").format(count=text.digits(f"{len(events) - EVENTS_IN_HOVER:,}")))
    return "<br>".join(directed(line, text) for line in lines)


def label_trace(labels: list[Label], positions: dict[str, tuple[float, float]], sizes: dict[str, float]) -> go.Scatter:
    """The labels that fit on a phone, as text beside their nodes (drawn at every width).

    Invisible markers of the nodes' sizes set Plotly's text beside each node's edge, not on it;
    the trace takes no hover and so no clicks (those reach the node underneath), and names its
    actors as the nodes do all the same.
    """
    names = [label.name for label in labels]
    return go.Scatter(x=[positions[name][0] for name in names], y=[positions[name][1] for name in names],
                      mode="markers+text", text=[plotly_text(label.text) for label in labels],
                      textposition=[" ".join(side_parts(label.side)) for label in labels],
                      marker={"size": [sizes[name] for name in names], "opacity": 0},
                      customdata=[[name] for name in names], name="labels", hoverinfo="skip", showlegend=False,
                      textfont={"size": LABEL_FONT_PX, "color": TEXT_COLOR}, selected={"marker": {"opacity": 0}},
                      unselected={"marker": {"opacity": 0}, "textfont": {"color": TEXT_COLOR}})


def label_annotation(label: Label, width: int, positions: dict[str, tuple[float, float]],
                     sizes: dict[str, float]) -> dict:
    """A label that fits only on charts ``width`` pixels wide or wider: an annotation named for
    that width, which the page hides on narrower charts."""
    xshift, yshift = offsets(label.side, sizes[label.name] / 2)
    # The label's near corner sits at the anchor: a label to the right is anchored at its left.
    vertical, horizontal = side_parts(label.side)
    flip = {"left": "right", "right": "left", "center": "center", "top": "bottom", "bottom": "top", "middle": "middle"}
    xanchor, yanchor = flip[horizontal], flip[vertical]
    x, y = positions[label.name]
    return {"x": x, "y": y, "text": plotly_text(label.text), "showarrow": False, "xshift": xshift, "yshift": yshift,
            "xanchor": xanchor, "yanchor": yanchor, "name": f"label:{width}", "borderpad": 0,
            "font": {"size": LABEL_FONT_PX, "color": TEXT_COLOR}}


def legend_rows(names: list[str], width_px: int) -> int:
    """How many rows the legend takes on a chart ``width_px`` wide (Plotly wraps it)."""
    rows, used = 1, 0.0
    for name in names:
        item = len(name) * LEGEND_CHAR_PX + LEGEND_ITEM_PX
        if used and used + item > width_px:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def label_widths(figure: go.Figure) -> dict[int, list[int]]:
    """Return the indices of the label annotations by the narrowest chart width they are drawn at."""
    found: dict[int, list[int]] = {}
    for index, annotation in enumerate(figure.layout.annotations):
        if (annotation.name or "").startswith("label:"):
            found.setdefault(int(annotation.name.split(":")[1]), []).append(index)
    return found


def _count(n: int, words: str, text: Messages) -> str:
    """``words`` (the count's ``ngettext``, "{count} events") with the count written in."""
    return words.format(count=text.digits(f"{n:,}"))
