"""Who appears with whom: the actors of some events as a graph, its measures and its layout.

Actors are nodes; two actors are joined when they appear in the same event, and the edge's
weight is the number of such events. networkx (a well-kept graph library) holds the graph, counts
degrees and lays it out; it is imported only here, so ``timeline validate`` never loads it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable, Mapping

import networkx as nx

from timeline.lang.catalogs import messages
from timeline.model import Event

NODE_LIMIT = 300
"""Actors drawn at most unless the reader asks for more: past it, the most connected are drawn."""
MAX_NODE_LIMIT = 480
"""The most the reader may ask to draw: networkx lays out 500 nodes or more only with scipy
(not installed), and the dense layout's cost grows with the square of the nodes."""
EDGE_LIMIT = 2_000
"""Ties drawn at most (the strongest): each carries a hover listing its events."""
LAYOUT_SEED = 2020
"""The layout starts from the same random positions every time: a view always looks the same."""
PARTNERS_LISTED = 3
MIN_BOX = 8.0
"""The height, in layout units, of the smallest box the layout fills (ten-odd actors fill it)."""


@dataclass(frozen=True)
class ActorGraph:
    """The actors of some events (nodes) and the events they share (weighted edges).

    Node attributes: ``events`` (how many of the events name the actor), ``group`` (from the
    store's ``actors:`` registry, or None), and measured on the whole graph (so they stay true
    when only some actors are drawn) ``degree`` (partners), ``strength`` (weighted degree: events
    shared with others, counted once per partner) and ``partners`` (the most frequent, with the
    events shared). Edge attributes: ``weight`` (shared events) and ``events`` (those events, in
    date order). Never changed once built: the page caches it and shares it between sessions.
    """

    graph: nx.Graph
    total_actors: int
    """Actors of the events before any limit: the note says how many are left out."""
    note: str | None = None
    """Why some actors or ties are not drawn, and how to see them; None when all are."""


def actor_graph(events: Iterable[Event], groups: Mapping[str, str] | None = None) -> ActorGraph:
    """Build the graph of the actors of ``events``: one node per actor, one edge per pair that shares an event.

    Nodes and edges are added in name order, so the same events in any order give the same graph
    (and the same layout).
    """
    groups = groups or {}
    counts: dict[str, int] = defaultdict(int)
    shared: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        actors = sorted(set(event.actors))
        for actor in actors:
            counts[actor] += 1
        for pair in combinations(actors, 2):
            shared[pair].append(event)
    graph = nx.Graph()
    for actor in sorted(counts):
        graph.add_node(actor, events=counts[actor], group=groups.get(actor))
    for (a, b) in sorted(shared):
        together = sorted(shared[(a, b)], key=lambda e: (e.start, e.end, e.id))
        graph.add_edge(a, b, weight=len(together), events=tuple(together))
    for actor, data in graph.nodes(data=True):
        data.update(degree=graph.degree(actor), strength=graph.degree(actor, weight="weight"),
                    partners=tuple(partners(graph, actor)))
    return ActorGraph(graph=graph, total_actors=graph.number_of_nodes())


def rank_key(graph: nx.Graph, actor: str) -> tuple[int, int, int, str]:
    """Sort key of the most connected first: partners, then shared events, then events, then name."""
    data = graph.nodes[actor]
    return (-data["degree"], -data["strength"], -data["events"], actor)


def limited(network: ActorGraph, limit: int = NODE_LIMIT, edge_limit: int = EDGE_LIMIT, *,
            lang: str = "en") -> ActorGraph:
    """Keep the ``limit`` most connected actors (by degree) and the ``edge_limit`` strongest ties
    among them: the graph to draw, with a note saying what is left out (in the reader's language ``lang``)."""
    graph = network.graph
    text = messages(lang)
    number = lambda n: text.digits(f"{n:,}")  # noqa: E731
    notes = []
    limit = min(limit, MAX_NODE_LIMIT)
    if graph.number_of_nodes() > limit:
        keep = sorted(graph.nodes, key=lambda actor: rank_key(graph, actor))[:limit]
        graph = induced(graph, keep)
        notes.append((text.gettext("Showing the {shown} most connected of {total} actors (by number of partners); "
                                   "draw more, or narrow the dates or filters to see the others.")
                      if limit < MAX_NODE_LIMIT else
                      text.gettext("Showing the {shown} most connected of {total} actors (by number of partners); "
                                   "narrow the dates or filters to see the others.")).format(
            shown=number(limit), total=number(network.total_actors)))
    if graph.number_of_edges() > edge_limit:
        ties = sorted(graph.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))
        strongest = nx.Graph()
        strongest.add_nodes_from(graph.nodes(data=True))
        strongest.add_edges_from((a, b, graph.edges[a, b]) for a, b, _ in sorted(ties[:edge_limit]))
        notes.append(text.gettext("The {shown} strongest of {total} ties are drawn.").format(
            shown=number(edge_limit), total=number(graph.number_of_edges())))
        graph = strongest
    return ActorGraph(graph=graph, total_actors=network.total_actors, note=" ".join(notes) or None)


def induced(graph: nx.Graph, actors: Iterable[str]) -> nx.Graph:
    """The graph of ``actors`` and the ties among them, in name order.

    Not ``graph.subgraph``: its nodes come out in the order of a set of strings, which changes
    from one process to the next, and so would the layout.
    """
    keep = set(actors)
    part = nx.Graph()
    part.add_nodes_from((actor, graph.nodes[actor]) for actor in sorted(keep))
    ties = sorted({(min(a, b), max(a, b)) for a, b in graph.edges(keep) if a in keep and b in keep})
    part.add_edges_from((a, b, graph.edges[a, b]) for a, b in ties)
    return part


def layout(graph: nx.Graph, seed: int = LAYOUT_SEED, aspect: float = 1.5) -> dict[str, tuple[float, float]]:
    """Place the actors within [-1, 1] on both axes: each group of connected actors by a
    force-directed layout from a fixed seed, the groups packed in rows, largest first, into a
    box ``aspect`` times as wide as high.

    Laid out together, the force layout pushes unconnected groups to the far edges and squeezes
    each into a corner; packed, every group gets room in proportion to its size.

    Raises:
        ValueError: for more than ``MAX_NODE_LIMIT`` actors (draw ``limited(network).graph``).
    """
    if graph.number_of_nodes() > MAX_NODE_LIMIT:
        raise ValueError(f"the layout takes at most {MAX_NODE_LIMIT} actors, not {graph.number_of_nodes():,}: "
                         "keep the most connected with limited() first")
    parts = sorted((sorted(part) for part in nx.connected_components(graph)), key=lambda part: (-len(part), part[0]))
    shapes: list[dict[str, tuple[float, float]]] = []
    for part in parts:
        radius = math.sqrt(len(part))  # room in proportion to the actors
        if len(part) == 1:
            shape = {part[0]: (0.0, 0.0)}
        else:
            # Ties that share more events pull harder. method="force" keeps to numpy (the sparse
            # solver networkx picks past 500 nodes needs scipy).
            shape = nx.spring_layout(induced(graph, part), weight="weight", seed=seed, method="force",
                                     iterations=80, scale=radius)
        shapes.append({a: (float(x), float(y)) for a, (x, y) in shape.items()})
    return _pack(shapes, aspect)


def _pack(shapes: list[dict[str, tuple[float, float]]], aspect: float) -> dict[str, tuple[float, float]]:
    """Put the parts side by side in rows about ``aspect`` times as wide as the whole is high, and
    fit that box (not the actors' own extent) to [-1, 1]: two actors stay near the middle,
    not stretched into opposite corners."""
    if not shapes:
        return {}
    cells = []
    for shape in shapes:
        xs, ys = [p[0] for p in shape.values()], [p[1] for p in shape.values()]
        # Each part's own extent, and half a unit of room around it.
        cells.append((shape, min(xs), max(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1))
    row_width = max(math.sqrt(sum(w * h for *_, w, h in cells) * aspect), max(w for *_, w, _ in cells))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for shape, left, top, cell_width, cell_height in cells:
        if x > 0 and x + cell_width > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for actor, (ax, ay) in shape.items():
            positions[actor] = (x + 0.5 + ax - left, y - 0.5 - (top - ay))
        x += cell_width
        width, row_height = max(width, x), max(row_height, cell_height)
    height = row_height - y
    # A few actors sit in the middle at the scale of about ten, not blown up to fill the plot.
    box_width, box_height = max(width, MIN_BOX * aspect), max(height, MIN_BOX)
    left, top = (box_width - width) / 2, (box_height - height) / 2
    # Every actor is at least half a unit inside the box: that half unit is its margin.
    return {actor: (round(2 * (left + px - 0.5) / (box_width - 1) - 1, 4),
                    round(1 - 2 * (top - py - 0.5) / (box_height - 1), 4))
            for actor, (px, py) in positions.items()}


def partners(graph: nx.Graph, actor: str, count: int = PARTNERS_LISTED) -> list[tuple[str, int]]:
    """Return the actor's most frequent partners with the events they share, most first."""
    ties = [(other, data["weight"]) for other, data in graph[actor].items()]
    return sorted(ties, key=lambda tie: (-tie[1], tie[0]))[:count]


def actor_rows(graph: nx.Graph) -> list[dict[str, object]]:
    """One row per actor, most connected first: group, events, partners (degree), shared events
    (weighted degree) and the most frequent partners."""
    nodes = graph.nodes
    return [{"Actor": actor, "Group": nodes[actor]["group"] or "", "Events": nodes[actor]["events"],
             "Partners": nodes[actor]["degree"], "Shared events": nodes[actor]["strength"],
             "Most often with": ", ".join(f"{other} ({weight})" for other, weight in nodes[actor]["partners"])}
            for actor in sorted(nodes, key=lambda actor: rank_key(graph, actor))]
