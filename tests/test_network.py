"""The actor network: its graph (a node per actor, edges weighted by shared events), its measures,
its layout (the same every time), the limit past a few hundred actors, and its figure: sizes,
group colours, escaped hovers and labels that never touch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import plotly.io as pio
import pytest

from timeline.chart.actorgraph import (EDGE_LIMIT, MAX_NODE_LIMIT, NODE_LIMIT, actor_graph, actor_rows, layout,
                                       limited)
from timeline.chart.network import (LABEL_WIDTHS_PX, MARGIN, PHONE_WIDTH_PX, RANGE, NetworkOptions,
                                    build_network_figure, label_widths)
from timeline.chart.labels import Box
from timeline.chart.networklabels import Node, Plot, label_box, label_text
from timeline.chart.palette import NO_GROUP, UNKNOWN_COLOR, actor_groups, store_colours
from timeline.model import DateValue, Event, Precision, Source
from timeline.store.loading import load_timeline

ROOT = Path(__file__).resolve().parent.parent


def event(id: str, *actors: str, day: int = 1, title: str | None = None) -> Event:
    value = DateValue(date(2020, 9, day), date(2020, 9, day), Precision.DAY)
    return Event(id=id, title=title or f"Event {id}", date=value, date_text=f"{day} September 2020",
                 category="statement", sources=(Source("Al-Monitor"),), actors=actors)


@pytest.fixture(scope="module")
def bundled():
    return load_timeline(ROOT / "data/events.yaml")


def figure_json(figure) -> dict:
    data = json.loads(pio.to_json(figure))
    data["layout"].pop("template", None)
    return data


def node_traces(data: dict) -> list[dict]:
    return [trace for trace in data["data"] if trace.get("customdata") and trace["mode"] == "markers"]


def drawn_actors(data: dict) -> list[str]:
    return [row[0] for trace in node_traces(data) for row in trace["customdata"]]


def test_a_node_per_actor_of_the_shown_events_and_nothing_else_carries_an_actor(bundled) -> None:
    september = [e for e in bundled.events if e.start >= date(2020, 9, 1)]
    data = figure_json(build_network_figure(actor_graph(september)))
    expected = {actor for e in september for actor in e.actors}
    assert sorted(drawn_actors(data)) == sorted(expected)  # each once
    assert "Qasem Soleimani" not in expected  # January's killing is outside the window
    other = [t for t in data["data"] if t not in node_traces(data) and t.get("customdata")]
    assert all(t["name"] == "labels" for t in other), "only nodes and their labels name an actor"


def test_edges_join_actors_of_one_event_weighted_by_the_events_they_share() -> None:
    network = actor_graph([event("a", "Sadr", "Kadhimi", day=1), event("b", "Kadhimi", "Sadr", "Halbousi", day=2),
                           event("c", "Khamenei", day=3), event("d", "Sadr", "Sadr", day=4)])
    graph = network.graph
    assert sorted(graph.nodes) == ["Halbousi", "Kadhimi", "Khamenei", "Sadr"]
    assert graph.edges["Kadhimi", "Sadr"]["weight"] == 2
    assert [e.id for e in graph.edges["Sadr", "Kadhimi"]["events"]] == ["a", "b"]
    assert graph.edges["Halbousi", "Sadr"]["weight"] == 1
    assert graph.degree("Khamenei") == 0 and not graph.has_edge("Sadr", "Sadr")
    rows = {row["Actor"]: row for row in actor_rows(graph)}
    assert rows["Sadr"] == {"Actor": "Sadr", "Group": "", "Events": 3, "Partners": 2, "Shared events": 3,
                            "Most often with": "Kadhimi (2), Halbousi (1)"}
    assert list(rows)[0] in ("Kadhimi", "Sadr") and list(rows)[-1] == "Khamenei"


def test_no_events_or_one_actor_still_make_a_figure() -> None:
    assert drawn_actors(figure_json(build_network_figure(actor_graph([])))) == []
    assert layout(actor_graph([event("a", "Sadr")]).graph) == {"Sadr": (0.0, 0.0)}


def test_thicker_lines_for_ties_that_share_more_events() -> None:
    events = [event(f"e{i}", "Sadr", "Kadhimi") for i in range(5)] + [event("x", "Sadr", "Halbousi")]
    data = figure_json(build_network_figure(actor_graph(events)))
    widths = {t["name"]: t["line"]["width"] for t in data["data"] if t["mode"] == "lines"}
    assert len(widths) == 2 and widths["ties 2"] > widths["ties 0"]


def test_hovers_list_the_shared_events_and_partners_escaped() -> None:
    events = [event("a", "<b>Sadr</b>", "Kadhimi & co", title="Talks <script>x</script> & more", day=2),
              event("b", "<b>Sadr</b>", "Kadhimi & co", day=1)]
    data = figure_json(build_network_figure(actor_graph(events)))
    ties = next(t for t in data["data"] if t["name"] == "ties" and t["mode"] == "markers")
    assert ties["hovertext"] == ["<b>&lt;b&gt;Sadr&lt;/b&gt; – Kadhimi &amp; co</b>: 2 shared events<br>"
                                 "Event b (1 September 2020)<br>Talks &lt;script&gt;x&lt;/script&gt; &amp; more "
                                 "(2 September 2020)"]
    hovers = dict(zip(drawn_actors(data), [h for t in node_traces(data) for h in t["hovertext"]]))
    assert hovers["<b>Sadr</b>"].startswith("<b>&lt;b&gt;Sadr&lt;/b&gt;</b><br>2 events · 1 partner · 2 shared events"
                                           "<br>Most often with: Kadhimi &amp; co (2)")
    assert "<script>" not in json.dumps(data)


def test_nodes_take_their_group_colour_and_size_by_events(bundled) -> None:
    data = figure_json(build_network_figure(actor_graph(bundled.events, dict(actor_groups(bundled))),
                                            NetworkOptions(colours=store_colours(bundled))))
    colours = dict(store_colours(bundled))
    for trace in node_traces(data):
        members = [row[0] for row in trace["customdata"]]
        assert {bundled.actor(a).group for a in members} == {trace["name"]}
        assert trace["marker"]["color"] == colours[trace["name"]]
    legend = [t["name"] for t in node_traces(data)]
    assert legend == [g for g in dict.fromkeys(a.group for a in bundled.actors) if g in legend]  # registry order
    sizes = dict(zip(drawn_actors(data), [s for t in node_traces(data) for s in t["marker"]["size"]]))
    assert sizes["Mustafa al-Kadhimi"] > sizes["Mike Pompeo"] > sizes["Ali Khamenei"]  # 4, 2 and 1 events


def test_actors_without_a_group_are_grey_and_a_store_without_groups_has_no_legend() -> None:
    events = [event("a", "Sadr", "Kadhimi")]
    some = figure_json(build_network_figure(actor_graph(events, {"Sadr": "Sadrists"}),
                                            NetworkOptions(colours=(("Sadrists", "#D55E00"),))))
    assert {t["name"]: t["marker"]["color"] for t in node_traces(some)} == {"Sadrists": "#D55E00",
                                                                           NO_GROUP: UNKNOWN_COLOR}
    none = figure_json(build_network_figure(actor_graph(events)))
    assert len(node_traces(none)) == 1 and none["layout"]["showlegend"] is False


def test_the_layout_is_the_same_for_the_same_actors_whatever_the_order_or_process(bundled) -> None:
    forward = figure_json(build_network_figure(actor_graph(bundled.events)))
    backward = figure_json(build_network_figure(actor_graph(reversed(bundled.events))))
    assert forward == backward
    positions = layout(actor_graph(bundled.events).graph)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in positions.values())
    # A set of strings iterates in another order in each process (hash seeds): the layout must not follow it.
    probe = ("from timeline.store.loading import load_timeline\n"
             "from timeline.chart.actorgraph import actor_graph, layout\n"
             "print(sorted(layout(actor_graph(load_timeline('data/events.yaml').events).graph).items()))")
    runs = {subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert runs == {repr(sorted(positions.items())) + "\n"}


def many_actors(count: int) -> list[Event]:
    """``count`` actors: a hub with one partner per event, and a few busier ones."""
    events = [event(f"e{i}", "Hub", f"Actor {i:03}") for i in range(count - 1)]
    return events + [event(f"x{i}", f"Actor {i:03}", f"Actor {i + 1:03}") for i in range(0, 20, 2)]


def test_past_the_limit_the_most_connected_are_drawn_with_a_note() -> None:
    network = actor_graph(many_actors(NODE_LIMIT + 50))
    drawn = limited(network)
    assert drawn.graph.number_of_nodes() == NODE_LIMIT and network.total_actors == NODE_LIMIT + 50
    assert "Hub" in drawn.graph and all(f"Actor {i:03}" in drawn.graph for i in range(20))  # two partners each
    assert drawn.note == (f"Showing the {NODE_LIMIT} most connected of {NODE_LIMIT + 50} actors (by number of "
                          "partners); draw more, or narrow the dates or filters to see the others.")
    # The hover and the table keep the measures of the whole graph.
    assert drawn.graph.nodes["Hub"]["degree"] == NODE_LIMIT + 49
    assert limited(network, 10).graph.number_of_nodes() == 10
    assert limited(actor_graph(many_actors(40))).note is None
    bigger = actor_graph(many_actors(MAX_NODE_LIMIT + 20))
    at_most = limited(bigger, 10_000)
    assert at_most.graph.number_of_nodes() == MAX_NODE_LIMIT and "draw more" not in at_most.note
    with pytest.raises(ValueError, match=f"at most {MAX_NODE_LIMIT} actors"):
        layout(bigger.graph)


def test_past_the_edge_limit_the_strongest_ties_are_drawn() -> None:
    events = [event(f"e{i}", *[f"A{j}" for j in range(i % 7, i % 7 + 70)]) for i in range(7)]
    drawn = limited(actor_graph(events), edge_limit=100)
    assert drawn.graph.number_of_edges() == 100 and drawn.note.startswith("The 100 strongest of ")
    assert min(w for *_, w in drawn.graph.edges(data="weight")) >= 6
    assert EDGE_LIMIT >= 1000


@pytest.mark.parametrize("count", [36, 200])
def test_labels_never_touch_each_other_or_a_node_at_any_width(bundled, count: int) -> None:
    """At each chart width the page shows, the labels drawn there (the phone's text and the
    annotations for that width or narrower) stay apart, off the nodes and inside the plot."""
    network = actor_graph(bundled.events if count == 36 else many_actors(count))
    for options in (NetworkOptions(), NetworkOptions(compact=True, height=480)):
        figure = build_network_figure(network, options)
        data = figure_json(figure)
        nodes = {row[0]: Node(row[0], x, y, size / 2) for t in node_traces(data)
                 for row, x, y, size in zip(t["customdata"], t["x"], t["y"], t["marker"]["size"])}
        at = {(node.x, node.y): node for node in nodes.values()}
        phone = next(t for t in data["data"] if t["name"] == "labels")
        everywhere = [(nodes[row[0]], side_of(position))
                      for row, position in zip(phone["customdata"], phone["textposition"])]
        annotations = data["layout"].get("annotations", [])
        wider = {width: [(at[(a["x"], a["y"])], side_of(f"{FLIP[a['yanchor']]} {FLIP[a['xanchor']]}"))
                         for a in (annotations[i] for i in indices)]
                 for width, indices in label_widths(figure).items()}
        widths = (PHONE_WIDTH_PX,) if options.compact else LABEL_WIDTHS_PX
        assert set(wider) <= set(widths) - {PHONE_WIDTH_PX}
        layout_ = data["layout"]
        plot_height = layout_["height"] - layout_["margin"]["t"] - layout_["margin"]["b"]
        for width in widths:
            plot = Plot(width - MARGIN["l"] - MARGIN["r"], plot_height, RANGE, RANGE)
            labels = everywhere + [label for w, found in wider.items() if w <= width for label in found]
            boxes = [label_box(node, label_text(node.name), side, plot) for node, side in labels]
            for (node, side), box in zip(labels, boxes):
                assert box.left >= 0 and box.right <= plot.width_px and box.top >= 0 and box.bottom <= plot.height_px
                assert sum(box.overlaps(other) for other in boxes) == 1, (width, node.name)  # itself only
                for other in nodes.values():
                    cx, cy = plot.pixels(other.x, other.y)
                    r = other.radius_px
                    disc = Box(left=cx - r, right=cx + r, top=cy - r, bottom=cy + r)
                    assert other is node or not box.overlaps(disc), (width, node.name, other.name)
        if count == 36 and not options.compact:
            assert len(everywhere) >= 8 and len(annotations) >= 10


FLIP = {"left": "right", "right": "left", "center": "center", "top": "bottom", "bottom": "top", "middle": "middle"}


def side_of(position: str) -> str:
    """A side as the labels module names it, from Plotly's 'middle right' or 'top center'."""
    vertical, horizontal = position.split()
    return horizontal if vertical == "middle" else vertical if horizontal == "center" else position
