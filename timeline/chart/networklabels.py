"""Actor names on the network: which actors get one, and on which side of its node it fits.

As for the timeline's labels (:mod:`.labels`), the browser lays text out only after the figure is
built, so placement works on an estimate of the plot's size in pixels. A label that fits on a
narrow plot still fits on a wider one (nodes only move apart sideways, labels keep their size),
so labels are placed once for several widths (``tiered_labels``) and each is drawn from the
narrowest width it fits on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from timeline.chart.labels import CHAR_WIDTH_PX, Box

LABEL_FONT_PX = 11
LABEL_HEIGHT_PX = 15
LABEL_MAX_CHARS = 24
GAP_PX = 3
PAD_PX = 2
SIDES = ("right", "left", "top", "bottom", "top right", "bottom right", "top left", "bottom left")
"""Where a label may go, tried in this order: beside its node reads best, then above or below it,
then at a corner."""


@dataclass(frozen=True)
class Node:
    """An actor's node as drawn: its name, its place in data units and its radius in pixels."""

    name: str
    x: float
    y: float
    radius_px: float


@dataclass(frozen=True)
class Plot:
    """The plot area in pixels and the data ranges it shows."""

    width_px: float
    height_px: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def pixels(self, x: float, y: float) -> tuple[float, float]:
        """Return (left, top) pixels of a data point, from the plot's top-left corner."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (x - x0) / (x1 - x0) * self.width_px, (y1 - y) / (y1 - y0) * self.height_px


@dataclass(frozen=True)
class Label:
    name: str
    text: str
    side: str
    box: Box


def label_text(name: str) -> str:
    """Return ``name`` cut to ``LABEL_MAX_CHARS`` characters with '…' (not yet escaped)."""
    name = " ".join(name.split())
    return name if len(name) <= LABEL_MAX_CHARS else name[: LABEL_MAX_CHARS - 1].rstrip(" .,;:-–") + "…"


def label_box(node: Node, text: str, side: str, plot: Plot) -> Box:
    """Estimate the box of ``text`` on ``side`` of ``node``, in plot pixels."""
    cx, cy = plot.pixels(node.x, node.y)
    width, height = len(text) * CHAR_WIDTH_PX, LABEL_HEIGHT_PX
    dx, dy = offsets(side, node.radius_px)
    vertical, horizontal = side_parts(side)
    left = cx + dx - {"left": width, "center": width / 2, "right": 0}[horizontal]
    top = cy - dy - {"top": height, "middle": height / 2, "bottom": 0}[vertical]
    return Box(left=left, right=left + width, top=top, bottom=top + height)


def side_parts(side: str) -> tuple[str, str]:
    """Return (vertical, horizontal) of a side, as Plotly's ``textposition`` says them:
    'right' is ('middle', 'right'), 'top' is ('top', 'center'), 'top left' is ('top', 'left')."""
    if side in ("left", "right"):
        return "middle", side
    vertical, _, horizontal = side.partition(" ")
    return vertical, horizontal or "center"


def offsets(side: str, radius_px: float) -> tuple[float, float]:
    """Return (dx, dy) in pixels, y up, from a node's centre to the anchor of a label on ``side``."""
    reach = radius_px + GAP_PX
    corner = radius_px * 0.7 + GAP_PX
    return {"right": (reach, 0), "left": (-reach, 0), "top": (0, reach), "bottom": (0, -reach),
            "top right": (corner, corner), "bottom right": (corner, -corner),
            "top left": (-corner, corner), "bottom left": (-corner, -corner)}[side]


def place_labels(nodes: Sequence[Node], plot: Plot, fixed: Sequence[Label] = ()) -> list[Label]:
    """Give each node in turn (most important first) a label on the first side where it stays in
    the plot and touches no node and no label already placed; a node with no such side gets none.

    ``fixed`` labels (placed on a narrower plot) keep their sides and come first; new labels
    avoid them. Returns the fixed labels, re-measured on ``plot``, then the new ones.
    """
    sides = {label.name: (label.text, label.side) for label in fixed}
    ordered = [node for node in nodes if node.name in sides] + [node for node in nodes if node.name not in sides]
    return _placed(ordered, plot, lambda node: [sides[node.name]] if node.name in sides
                   else [(label_text(node.name), side) for side in SIDES], nodes)


def still_fitting(labels: Sequence[Label], nodes: Sequence[Node], plot: Plot) -> list[Label]:
    """Return the labels (placed on a wider plot) that keep their side on ``plot``, a narrower one,
    in the same way: in the plot, touching no node and no label kept before them."""
    sides = {label.name: (label.text, label.side) for label in labels}
    return _placed([node for node in nodes if node.name in sides], plot, lambda node: [sides[node.name]], nodes)


def tiered_labels(nodes: Sequence[Node], plots: Mapping[int, Plot], primary: int) -> list[tuple[Label, int]]:
    """Label the nodes for charts of several widths at once: each label with the narrowest width
    (a key of ``plots``) from which on it is drawn.

    The labels are placed for the ``primary`` width (the most important nodes first); narrower
    charts keep those of them that still fit, wider charts add labels around them. So a label
    never moves with the width, and the labels of any width fit on every wider chart.
    """
    placed = place_labels(nodes, plots[primary])
    narrowest = {label.name: primary for label in placed}
    kept = placed
    for width in sorted((w for w in plots if w < primary), reverse=True):
        kept = still_fitting(kept, nodes, plots[width])
        narrowest.update((label.name, width) for label in kept)
    for width in sorted(w for w in plots if w > primary):
        placed = place_labels(nodes, plots[width], fixed=placed)
        narrowest.update((label.name, width) for label in placed if label.name not in narrowest)
    return [(label, narrowest[label.name]) for label in placed]


def _placed(nodes: Sequence[Node], plot: Plot, choices: Callable[[Node], list[tuple[str, str]]],
            obstacles: Sequence[Node]) -> list[Label]:
    discs = {node.name: _disc(node, plot) for node in obstacles}
    taken: list[Box] = []
    labels: list[Label] = []
    for node in nodes:
        for text, side in choices(node):
            box = label_box(node, text, side, plot)
            room = _padded(box)
            if (box.left >= 0 and box.top >= 0 and box.right <= plot.width_px and box.bottom <= plot.height_px
                    and not any(room.overlaps(other) for other in taken)
                    and not any(room.overlaps(disc) for name, disc in discs.items() if name != node.name)):
                taken.append(box)
                labels.append(Label(node.name, text, side, box))
                break
    return labels


def _padded(box: Box) -> Box:
    """The box with the room a reader needs between two texts (the estimate is not exact)."""
    return Box(left=box.left - PAD_PX, right=box.right + PAD_PX, top=box.top - PAD_PX, bottom=box.bottom + PAD_PX)


def _disc(node: Node, plot: Plot) -> Box:
    cx, cy = plot.pixels(node.x, node.y)
    r = node.radius_px
    return Box(left=cx - r, right=cx + r, top=cy - r, bottom=cy + r)
