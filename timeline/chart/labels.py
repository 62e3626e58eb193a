"""On-chart labels: which events get one, their text, and where they fit without overlapping.

The browser lays text out only after the figure is built, so placement works on an estimate:
11 px text is about 6.5 px per character, the plot is assumed to be ``ASSUMED_PLOT_WIDTH_PX``
wide (a narrow Streamlit column; wider screens only add room) and lanes share the plot height
equally. Boxes are in pixels from the plot's top-left corner.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from timeline.chart.axisdates import date_ms
from timeline.chart.focus import squeeze
from timeline.chart.hover import plotly_text

LABEL_FONT_PX = 11
CHAR_WIDTH_PX = 6.5
LABEL_PADDING_PX = 6
LABEL_HEIGHT_PX = 17
LABEL_MAX_CHARS = 40
ASSUMED_PLOT_WIDTH_PX = 900
MARKER_HALF_PX = 6
SLIDER_THICKNESS = 0.06
CANDIDATES_PER_LABEL = 20
_AXIS_BAND_PX = 48
"""x tick labels and the x axis title (the marks key) under the plot, measured in PNGs."""
_MS_PER_DAY = 86_400_000


def label_text(title: str) -> str:
    """Return ``title`` cut to ``LABEL_MAX_CHARS`` characters with '…', not yet HTML-escaped."""
    title = " ".join(title.split())
    if len(title) <= LABEL_MAX_CHARS:
        return title
    return title[: LABEL_MAX_CHARS - 1].rstrip(" .,;:-–") + "…"


def label_width_px(text: str) -> float:
    """Estimate the drawn width of an unescaped label at 11 px, padding included."""
    return len(text) * CHAR_WIDTH_PX + 2 * LABEL_PADDING_PX


def plot_height_px(height: int, margin_top: int, margin_bottom: int) -> float:
    """Estimate the plot area's height: the figure less margins, x ticks and the range slider.

    Calibrated on exported PNGs (360 and 700 px high): the slider takes ~7.5 % of the plot.
    """
    return max(1.0, (height - margin_top - margin_bottom - _AXIS_BAND_PX) / 1.075)


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels, y growing downwards."""

    left: float
    right: float
    top: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)


@dataclass(frozen=True)
class Geometry:
    """Where things are on screen: the x window in epoch ms and the lanes' pixel heights."""

    x0_ms: float
    x1_ms: float
    lane_px: float
    lanes_px: float
    top: float = -0.5
    """The y value (in lane indices) at the top edge of the plot; lanes sit at 0, 1, …"""
    breaks: tuple[tuple[float, float], ...] = ()
    """Stretches of time the x axis skips (``timeline.chart.focus``): they take no pixels."""
    width_px: float = ASSUMED_PLOT_WIDTH_PX
    """The plot's width on screen (``FigureOptions.plot_width_px``)."""

    @property
    def ms_per_px(self) -> float:
        return float(squeeze(self.x1_ms, self.breaks) - squeeze(self.x0_ms, self.breaks)) / self.width_px

    def x_px(self, ms: float | np.ndarray) -> Any:
        return (squeeze(ms, self.breaks) - squeeze(self.x0_ms, self.breaks)) / self.ms_per_px

    def y_px(self, lane_index: float) -> float:
        return (lane_index - self.top) * self.lane_px


@dataclass(frozen=True)
class Candidate:
    """An event that may get a label: its text, x (epoch ms) and lanes, best lane first."""

    event_id: str
    text: str
    x_ms: float
    lane_indices: tuple[int, ...]


@dataclass(frozen=True)
class Placement:
    """A placed label: at the event's mark in lane ``lane_index``, offset by (ax, ay) pixels."""

    event_id: str
    text: str
    x_ms: float
    lane_index: int
    ax: float
    ay: float


def label_box(text: str, x_px: float, y_px: float, ax: float, ay: float) -> Box:
    """Return the box of a label whose arrow points at (x_px, y_px) from offset (ax, ay)."""
    half_w = label_width_px(text) / 2
    cx, cy = x_px + ax, y_px + ay
    return Box(cx - half_w, cx + half_w, cy - LABEL_HEIGHT_PX / 2, cy + LABEL_HEIGHT_PX / 2)


def _offsets(text: str, lane_px: float) -> list[tuple[float, float]]:
    near = LABEL_HEIGHT_PX / 2 + MARKER_HALF_PX + 2
    far = near + LABEL_HEIGHT_PX + 2
    # A label reaching a neighbouring lane's centre line would read as that lane's: use the far
    # offset only in tall lanes (the near one always, else crowded charts get no labels at all).
    heights = [near] + [far] * (far + LABEL_HEIGHT_PX / 2 < lane_px - MARKER_HALF_PX)
    side = label_width_px(text) / 2 - MARKER_HALF_PX
    return [(ax, ay) for h in heights for ay in (-h, h) for ax in (0.0, side, -side)]


def place_labels(candidates: Sequence[Candidate], marks_x_ms: np.ndarray, marks_lane: np.ndarray,
                 geometry: Geometry, limit: int) -> list[Placement]:
    """Place up to ``limit`` labels greedily, in candidate order; skip those that do not fit.

    A label may not overlap another label, a mark (``marks_*``: every mark's x and lane index),
    the headroom above the first lane (era and reference labels live there) or the plot's edge.
    It may cross an axis break's dotted line: the break's note finds room afterwards
    (:func:`break_notes`).
    """
    placed: list[Placement] = []
    boxes: list[Box] = []
    mark_x = np.asarray(geometry.x_px(np.asarray(marks_x_ms, dtype=float)), dtype=float)
    mark_y = (np.asarray(marks_lane, dtype=float) - geometry.top) * geometry.lane_px
    order = np.argsort(mark_x, kind="stable")
    mark_x, mark_y = mark_x[order], mark_y[order]
    # Where a dozen labels cannot fit among the first hundreds, the chart is too dense for more;
    # trying every event would make 100k events take minutes.
    for candidate in candidates[: max(limit * CANDIDATES_PER_LABEL, limit)]:
        if len(placed) >= limit:
            break
        x = float(geometry.x_px(candidate.x_ms))
        spot = _first_free_spot(candidate, x, mark_x, mark_y, boxes, geometry)
        if spot is not None:
            lane, ax, ay, box = spot
            boxes.append(box)
            placed.append(Placement(candidate.event_id, candidate.text, candidate.x_ms, lane, ax, ay))
    return placed


BREAK_NOTE_PX = 120
"""The height of a break's note, written vertically along its dotted line."""


def break_notes(placements: Sequence[Placement], marks_x_ms: np.ndarray, marks_lane: np.ndarray,
                geometry: Geometry) -> tuple[list[float], set[int]]:
    """Return where each axis break's note goes and which labels must give way to it.

    Labels are placed first, importance first, so a note takes whatever stretch of its dotted
    line no label or mark covers, trying from the first row down. Where labels cover the whole
    line, the note still matters more than the least important of them (without it the reader
    misreads distances): it goes where the labels it covers are the least important ones, and
    those are dropped. Returns (each note's top in lane units, indexes into ``placements`` to drop).
    """
    boxes = [label_box(p.text, float(geometry.x_px(p.x_ms)), geometry.y_px(p.lane_index), p.ax, p.ay)
             for p in placements]
    mark_x = np.asarray(geometry.x_px(np.asarray(marks_x_ms, dtype=float)), dtype=float)
    mark_y = (np.asarray(marks_lane, dtype=float) - geometry.top) * geometry.lane_px
    first, last = geometry.y_px(-0.5), max(geometry.y_px(-0.5), geometry.lanes_px - BREAK_NOTE_PX)
    step = max(geometry.lane_px / 4, 2.0)
    tops: list[float] = []
    dropped: set[int] = set()
    for start, _ in geometry.breaks:
        x = float(geometry.x_px(start))
        marks_near = mark_y[np.abs(mark_x - x) < 8 + MARKER_HALF_PX]
        best: tuple[tuple[int, int, int], float, list[int]] | None = None
        for top in np.arange(first, last + 0.5, step):
            note = Box(x - 8, x + 8, float(top), float(top) + BREAK_NOTE_PX)
            on_marks = int(((marks_near + MARKER_HALF_PX > note.top) & (marks_near - MARKER_HALF_PX < note.bottom)).sum())
            covered = [i for i, box in enumerate(boxes) if i not in dropped and note.overlaps(box)]
            # Fewest marks covered, then the most important label covered as unimportant as can be.
            cost = (on_marks, -min(covered, default=len(boxes)), len(covered))
            if best is None or cost < best[0]:
                best = (cost, float(top), covered)
            if cost[0] == 0 and not covered:
                break
        assert best is not None
        tops.append(geometry.top + best[1] / geometry.lane_px)
        dropped.update(best[2])
    return tops, dropped


def _first_free_spot(candidate: Candidate, x: float, mark_x: np.ndarray, mark_y: np.ndarray,
                     boxes: list[Box], geometry: Geometry) -> tuple[int, float, float, Box] | None:
    if not 0 <= x <= geometry.width_px:
        return None
    for lane in candidate.lane_indices:
        y = geometry.y_px(lane)
        for ax, ay in _offsets(candidate.text, geometry.lane_px):
            box = label_box(candidate.text, x, y, ax, ay)
            if (box.left < 0 or box.right > geometry.width_px or box.top < geometry.y_px(-0.5)
                    or box.bottom > geometry.lanes_px or any(box.overlaps(b) for b in boxes)):
                continue
            lo, hi = np.searchsorted(mark_x, (box.left - MARKER_HALF_PX, box.right + MARKER_HALF_PX))
            near_y = mark_y[lo:hi]
            if not ((near_y + MARKER_HALF_PX > box.top) & (near_y - MARKER_HALF_PX < box.bottom)).any():
                return lane, ax, ay, box
    return None


def label_annotation(placement: Placement, lane_name: str, x_iso: str, color: str, rtl: bool = False) -> dict[str, Any]:
    """Return the layout annotation for a placed label; its text is HTML-escaped (and set to read
    right to left for an Arabic or Persian reader: see ``hover.directed``)."""
    return dict(
        name=f"label:{placement.event_id}", x=x_iso, y=lane_name, xref="x", yref="y",
        text=f"\u200f{plotly_text(placement.text)}\u200f" if rtl else plotly_text(placement.text),
        showarrow=True, arrowhead=0, arrowwidth=1,
        arrowcolor="rgba(60,60,60,0.45)", ax=placement.ax, ay=placement.ay, standoff=MARKER_HALF_PX - 1,
        font=dict(size=LABEL_FONT_PX, color=color), bgcolor="rgba(255,255,255,0.7)",
        borderpad=1, captureevents=False,
    )


def label_boxes(figure: Any) -> list[Box]:
    """Return the estimated pixel box of every on-chart label of a figure from ``build_figure``."""
    layout = figure.layout
    geometry = figure_geometry(figure)
    lanes = list(layout.yaxis.categoryarray)
    boxes = []
    for note in layout.annotations:
        if not (note.name or "").startswith("label:"):
            continue
        text = html.unescape(note.text)
        x = float(geometry.x_px(date_ms(note.x)))
        y = geometry.y_px(lanes.index(note.y))
        boxes.append(label_box(text, x, y, note.ax, note.ay))
    return boxes


def figure_geometry(figure: Any) -> Geometry:
    """Return the label geometry of a figure from ``build_figure`` (read from its layout)."""
    layout = figure.layout
    plot_px = plot_height_px(layout.height, layout.margin.t, layout.margin.b)
    domain = layout.yaxis.domain or (0, 1)
    lanes_px = plot_px * (domain[1] - domain[0])
    x0, x1 = (date_ms(v) for v in layout.xaxis.range)
    bottom, top = layout.yaxis.range
    breaks = tuple(bounds for bounds in ((date_ms(b.bounds[0]), date_ms(b.bounds[1]))
                                         for b in (layout.xaxis.rangebreaks or ())) if bounds[1] > bounds[0])
    width = (layout.meta or {}).get("plot_width_px", ASSUMED_PLOT_WIDTH_PX)
    return Geometry(x0, x1, lanes_px / (bottom - top), lanes_px, top, breaks, width)
