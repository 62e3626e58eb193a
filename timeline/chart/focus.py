"""Where the chart spends its width: on the events, with long empty stretches cut out and marked.

Political timelines are lumpy: the bundled data has two events in January, one in May and
seventeen in September. Drawn to scale, September gets 7 % of the width and its marks pile up.
Here the x axis keeps the clusters of events at scale and skips each long stretch without any
(Plotly's ``rangebreaks``), and the figure marks every skip with a dotted line and how long it
is, so nobody reads the distance across it as time.

A period known only to its year or decade (a band of 365 days or more) does not widen the
view: it counts as its middle day for the window and the clusters, and its band runs to the
plot's edge, where an arrow says it continues.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from timeline.lang.catalogs import Messages, messages

ENGLISH = messages()
MS_PER_DAY = 86_400_000
MIN_BREAK_DAYS = 45
"""An empty stretch shorter than this stays on the axis (weeks read fine at scale)."""
MIN_BREAK_SHARE = 0.12
"""...and so does one shorter than this share of the whole span: a break must buy real width."""
COARSE_DAYS = 365
"""A band this long or longer (a year, a decade) neither widens the window nor makes clusters."""


@dataclass(frozen=True)
class Focus:
    """The x window (epoch ms) and the stretches inside it that the axis skips."""

    window: tuple[int, int]
    breaks: tuple[tuple[int, int], ...] = ()

    def squeeze(self, x_ms: np.ndarray | float) -> np.ndarray:
        """Map real times to positions along the drawn axis (the skipped stretches removed)."""
        return squeeze(x_ms, self.breaks)

    @property
    def drawn_ms(self) -> float:
        """The length of time the axis shows, without the skipped stretches."""
        return float(self.squeeze(self.window[1]) - self.squeeze(self.window[0]))


def squeeze(x_ms: np.ndarray | float, breaks: tuple[tuple[float, float], ...]) -> np.ndarray:
    """Map real times (epoch ms) to positions along an axis that skips ``breaks``."""
    x = np.asarray(x_ms, dtype=float)
    out = x.copy()
    for start, end in breaks:
        out = out - np.clip(x - start, 0, end - start)
    return out


def focus_of(start_ms: np.ndarray, end_ms: np.ndarray, *, reference_ms: int | None = None,
             allow_breaks: bool = True, bounds: tuple[int | None, int | None] = (None, None)) -> Focus:
    """Return the window and breaks for marks spanning ``start_ms``..``end_ms`` (end exclusive).

    ``allow_breaks=False`` (WebGL traces, which Plotly cannot draw across breaks) gives the
    window alone. ``bounds`` (epoch ms, either may be None) is a period asked for: the window
    is exactly that on each side given, and what lies outside it counts for nothing.
    """
    start = np.asarray(start_ms, dtype=np.int64)
    end = np.asarray(end_ms, dtype=np.int64)
    coarse = (end - start) >= COARSE_DAYS * MS_PER_DAY
    if coarse.all():
        coarse[:] = False  # only periods: show them whole
    middle = (start + end) // 2
    first = np.where(coarse, middle, start)
    last = np.where(coarse, middle + MS_PER_DAY, end)
    if reference_ms is not None:
        first = np.append(first, reference_ms)
        last = np.append(last, reference_ms + MS_PER_DAY)
    low, high = bounds
    if low is not None or high is not None:
        lo, hi = (-np.inf if low is None else low), (np.inf if high is None else high)
        first, last = np.clip(first, lo, hi).astype(np.int64), np.clip(last, lo, hi).astype(np.int64)
        focus = focus_of(first, np.maximum(last, first + 1), allow_breaks=allow_breaks)
        window = (focus.window[0] if low is None else low, focus.window[1] if high is None else high)
        breaks = tuple((a, b) for a, b in focus.breaks if window[0] < a and b < window[1])
        return Focus(window, breaks)
    clusters = _clusters(first, last)
    span = int(last.max() - first.min())
    gaps = [(a_end, b_start) for (_, a_end), (b_start, _) in zip(clusters, clusters[1:])
            if b_start - a_end >= max(MIN_BREAK_DAYS * MS_PER_DAY, MIN_BREAK_SHARE * span)]
    if not allow_breaks or not gaps:
        pad = max(span // 20, 3 * MS_PER_DAY)
        return Focus((int(first.min()) - pad, int(last.max()) + pad))
    drawn = span - sum(b - a for a, b in gaps)
    pad = max(drawn // 25, 2 * MS_PER_DAY)
    # Each side of a break keeps a margin of empty time, so a mark is never on the break line.
    breaks = tuple((a + pad, b - pad) for a, b in gaps if b - a > 3 * pad)
    return Focus((int(first.min()) - pad, int(last.max()) + pad), breaks)


def _clusters(first: np.ndarray, last: np.ndarray) -> list[tuple[int, int]]:
    """Merge the marks' extents into runs of time with no empty stretch between them."""
    order = np.argsort(first, kind="stable")
    clusters: list[list[int]] = []
    for lo, hi in zip(first[order].tolist(), last[order].tolist()):
        if clusters and lo <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], hi)
        else:
            clusters.append([lo, hi])
    return [(lo, hi) for lo, hi in clusters]


def break_text(start_ms: int, end_ms: int, text: Messages = ENGLISH) -> str:
    """Say how long a skipped stretch is, roughly: 'about 4 months left out' (in the reader's language)."""
    days = (end_ms - start_ms) / MS_PER_DAY
    if days >= 2 * 365:
        count = round(days / 365.25)
        words = text.ngettext("≈ {count} year left out", "≈ {count} years left out", count)
    elif days >= 60:
        count = round(days / 30.44)
        words = text.ngettext("≈ {count} month left out", "≈ {count} months left out", count)
    else:
        count = round(days / 7)
        words = text.ngettext("≈ {count} week left out", "≈ {count} weeks left out", count)
    return words.format(count=text.digits(str(count)))
