"""The timeline chart of a selection of any size: every event as a mark, or counts and the most
important events when there are too many to draw (see :mod:`timeline.chart.overview`).

Holds: ``selection_figure``.
May import: ``timeline.chart.figure``, ``timeline.chart.overview``, ``timeline.chart.options``,
``timeline.view.filters``, the model.
"""

from __future__ import annotations

from typing import Any, MutableMapping, Sequence

import plotly.graph_objects as go

from timeline.chart.figure import build_figure
from timeline.chart.options import FigureOptions
from timeline.chart.overview import OVERVIEW_FROM, OVERVIEW_MARKS, overview_of
from timeline.model import Era
from timeline.view.filters import FilterState


def selection_figure(selection: Any, source: Any, state: FilterState, options: FigureOptions, *,
                     eras: Sequence[Era] = (), hover_cache: MutableMapping[str, str] | None = None,
                     overview_from: int = OVERVIEW_FROM, marks: int = OVERVIEW_MARKS) -> go.Figure:
    """Return the chart of ``selection`` (a :class:`~timeline.view.eventsource.Selection` of
    ``source`` for ``state``): all its events up to ``overview_from``, else the overview counted
    by the source's engine with its ``marks`` most important events (and the open one) on top."""
    if len(selection) <= overview_from:
        return build_figure(selection.all(), options, eras=eras, hover_cache=hover_cache)
    engine = source.engine
    overview = overview_of(engine, state)
    positions = set(engine.most_important(state, marks).tolist())
    if options.selected_id and selection.index_of(options.selected_id) is not None:
        positions.add(source.position_of(options.selected_id))  # its ring shows where it is
    return build_figure(source.events_at(sorted(positions)), options, eras=eras, hover_cache=hover_cache,
                        overview=overview)
