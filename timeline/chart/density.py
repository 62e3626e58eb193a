"""The density strip under a crowded timeline: how many events per week or per month (counted
here from the events, or by the engine for an overview, see :mod:`timeline.chart.overview`)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from timeline.chart import palette
from timeline.chart.axisdates import plotly_dates
from timeline.lang.catalogs import Messages, messages

ENGLISH = messages()

_MS_PER_DAY = 86_400_000


def is_weekly(window: tuple[int, int]) -> bool:
    """Count per week up to two years shown, per month beyond (a week bar would be a hairline)."""
    return window[1] - window[0] <= 731 * _MS_PER_DAY


def density_bars(mid_ms: np.ndarray, window: tuple[int, int], text: Messages = ENGLISH) -> go.Bar:
    """Return bars counting events by the middle of their dates, per week or per month."""
    days = mid_ms // _MS_PER_DAY
    weekly = is_weekly(window)
    if weekly:  # weeks start on Monday; 1970-01-01 was a Thursday, so day 4 is a Monday
        bucket = (days - 4) // 7 * 7 + 4
        starts, counts = np.unique(bucket, return_counts=True)
        lefts = starts * _MS_PER_DAY
        widths = np.full(len(starts), 7 * _MS_PER_DAY)
    else:
        months = days.astype("datetime64[D]").astype("datetime64[M]")
        starts_m, counts = np.unique(months, return_counts=True)
        lefts = starts_m.astype("datetime64[ms]").astype(np.int64)
        widths = (starts_m + 1).astype("datetime64[ms]").astype(np.int64) - lefts
    return count_bars(lefts, widths, counts, weekly, text)


def count_bars(lefts_ms: np.ndarray, widths_ms: np.ndarray, counts: np.ndarray, weekly: bool,
               text: Messages = ENGLISH) -> go.Bar:
    """Return bars of ``counts`` events over weeks or months starting at ``lefts_ms`` (epoch ms)."""
    return go.Bar(x=plotly_dates(lefts_ms + widths_ms // 2), y=counts.tolist(), width=(widths_ms * 0.9).tolist(),
                  marker=dict(color=palette.NEUTRAL_COLOR), showlegend=False,
                  name=text.gettext("events per week") if weekly else text.gettext("events per month"),
                  # A count's plural form is not known when the figure is built: the number stands alone.
                  hovertemplate=text.gettext("{count} events").format(count="%{y}") + "<extra></extra>")
