"""How marks look: category and group colours, marker symbols, the neutral colours of the chart,
its fonts in each script, and the names of the built-in categories and row placeholders marked for
the catalogs (a store's own labels are shown as written)."""

from __future__ import annotations

from timeline.lang.catalogs import N_, Messages
from timeline.lang.languages import RIGHT_TO_LEFT
from timeline.model import CATEGORIES, DateValue, Precision, Timeline

# Okabe–Ito (safe for the common colour-vision deficiencies) has eight colours; the ninth is
# Paul Tol's "wine", also colour-blind safe. The mapping is keyed by the CATEGORIES order and
# never by which categories are present, so a category keeps its colour across filters.
_OKABE_ITO_PLUS = (
    "#0072B2",  # blue
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#000000",  # black
    "#E69F00",  # orange
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#882255",  # wine (Paul Tol)
    "#D4BE00",  # Okabe–Ito yellow darkened: #F0E442 vanishes on white
    "#999999",  # grey
)
CATEGORY_COLORS: dict[str, str] = dict(zip(CATEGORIES, _OKABE_ITO_PLUS))
"""Colour of each category key, in CATEGORIES order; 'other' is grey."""

UNKNOWN_COLOR = CATEGORY_COLORS["other"]
NEUTRAL_COLOR = "#8C96A3"
"""Bars of the density strip: present but quieter than any category."""
ERA_COLOR = "#C9D6E8"
"""Era band fill when an era names no colour of its own (light grey-blue)."""
REFERENCE_COLOR = "#444444"
BREAK_COLOR = "#6B7280"
"""Axis breaks and the arrows of bands that run past the edge: quiet, but readable (4.8:1 on white)."""
TEXT_COLOR = "#2A2F36"
FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, 'Helvetica Neue', sans-serif"
"""Fonts with Arial's metrics on every system (Windows and macOS ship Arial, Linux maps it to
Liberation Sans), so an exported SVG sets its text in the same widths on another machine and the
label placement's width estimate holds; ``system-ui`` was a different font everywhere."""
RTL_FONT_FAMILY = '"Noto Sans Arabic", "Noto Naskh Arabic", Vazirmatn, Tahoma, "DejaVu Sans", sans-serif'
"""Arabic and Persian: Noto Sans Arabic (Debian's fonts-noto-core) shapes both scripts, joined
letters and Persian's own letters, and is compact enough for tick labels and row names (Naskh's
tall lines made neighbouring rotated ticks touch on a phone); Vazirmatn and Tahoma where a
reader's machine has those instead."""


def font_family(lang: str) -> str:
    """Return the chart's fonts for a reader of ``lang``."""
    return RTL_FONT_FAMILY if lang in RIGHT_TO_LEFT else FONT_FAMILY

SPAN_OPACITY = 0.28
"""A period known only to the month/year is a faint span: visible, never mistaken for a bar."""
BAR_OPACITY = 0.85
SPAN_WIDTH = 8
MARKER_SIZE = 10

MARKS_KEY = N_("● exact day   ▬ range   ◆ month/year (band = whole period)   ○ approximate")
"""The note under the chart that explains the marks (translated where it is shown)."""

CATEGORY_LABELS = (N_("statement"), N_("meeting"), N_("visit"), N_("decision"), N_("military"), N_("attack"),
                   N_("protest"), N_("election"), N_("publication"), N_("other"))
"""The built-in categories' labels (their ids, ``CATEGORIES``), marked for the catalogs: the model
cannot import the catalogs, so the chart, which shows them, marks them (a test keeps this whole)."""
ROW_PLACEHOLDERS = (N_("(no actor)"), N_("(no group)"), N_("(no category)"), N_("(no place)"), N_("Events"))
"""The rows of events with no actor (group, category, place), and the one row of ``lanes="none"``
(``LANE_PLACEHOLDERS``): row values in English, named in the reader's language where shown."""


def key_label(key: str, labels: dict[str, str], text: Messages) -> str:
    """Return the legend's name of a category or group ``key``: the store's label for it, else the
    key; a built-in category's label in the reader's language (a store's own text passes through)."""
    label = labels.get(key, key)
    return text.gettext(label) if label else label  # gettext("") is the catalog's header


def category_color(category: str) -> str:
    """Return the fixed colour of ``category``; unknown categories share the colour of 'other'."""
    return CATEGORY_COLORS.get(category, UNKNOWN_COLOR)


NO_GROUP = "(no group)"


def store_colours(timeline: Timeline) -> tuple[tuple[str, str], ...]:
    """Return (category id or actor group, colour) for a store's own vocabulary and its groups.

    A store's category keeps the colour it gives; the others, and the groups, take the
    colour-blind-safe colours in registry order (so a group keeps its colour across filters).
    Beyond nine, colours repeat: the legend still names every one.
    """
    safe = _OKABE_ITO_PLUS[:-1]
    pairs = [(c.id, c.color or safe[i % len(safe)]) for i, c in enumerate(timeline.categories)]
    groups = dict.fromkeys(a.group for a in timeline.actors if a.group)
    pairs += [(group, safe[i % len(safe)]) for i, group in enumerate(groups)]
    return tuple(pairs) + ((NO_GROUP, UNKNOWN_COLOR),)


def store_options(timeline: Timeline) -> dict[str, tuple[tuple[str, str], ...]]:
    """Return the ``FigureOptions`` a store's registries set: colours, legend labels, actor groups."""
    return {"colours": store_colours(timeline), "actor_groups": actor_groups(timeline),
            "key_labels": tuple((c.id, c.label) for c in timeline.categories),
            "native_names": tuple((actor.name, actor.native) for actor in timeline.actors if actor.native)}


def actor_groups(timeline: Timeline) -> tuple[tuple[str, str], ...]:
    """Return (actor, group) for every actor the registry gives a group."""
    return tuple((actor.name, actor.group) for actor in timeline.actors if actor.group)


def mark_kind(value: DateValue) -> str:
    """Return 'day' (one exact day), 'range' (several known days) or 'period' (month, year …, or
    "sometime between" two days: a window the date lies in, drawn as a period is)."""
    if value.precision is not Precision.DAY:
        return "period"
    if value.is_range:
        return "range"
    return "period" if value.start < value.end else "day"


_SYMBOLS = {"day": "circle", "range": "square", "period": "diamond"}


SYMBOLS = ("circle", "circle-open", "square", "square-open", "diamond", "diamond-open")
"""Every marker symbol, in drawing order: exact days first, periods (the least precise) last."""


def marker_symbol(value: DateValue) -> str:
    """Return the Plotly symbol: circle, square or diamond by kind, '-open' when approximate."""
    symbol = _SYMBOLS[mark_kind(value)]
    return f"{symbol}-open" if value.approximate else symbol
