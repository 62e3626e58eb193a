"""How to draw the chart: the options every figure builder takes, frozen and checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from timeline.chart.thinning import POINT_LIMIT
from timeline.lang.catalogs import N_, Messages, messages
from timeline.lang.languages import LANGUAGES
from timeline.model import COLOUR_CHOICES, LANE_CHOICES, ColourBy, Lanes


@dataclass(frozen=True)
class FigureOptions:
    """How to draw the chart. Immutable: make a new one with ``dataclasses.replace``."""

    lanes: Lanes = "actor"
    title: str | None = None
    label_limit: int = 12
    reference_date: date | None = None
    reference_label: str = N_("Reference")
    density: Literal["auto", "on", "off"] = "auto"
    webgl_threshold: int = 2_500
    """Marks above which markers are WebGL and (with density 'auto') events get a density strip."""
    point_limit: int = POINT_LIMIT
    """Marks drawn at most; above it the most important events are drawn (see thinning.py)."""
    selected_id: str | None = None
    compact: bool = False
    """For a phone-width screen: no on-chart labels or legend, short row names."""
    height: int | None = None
    every_row: bool = False
    """One row per actor (place, category) however many: off, rows beyond what fits a screen are
    folded into one "Others" row (see rows.py)."""
    plot_width_px: int = 900
    """The plot's width where it is shown (labels are placed for it): a slide export is wider,
    the page's chart column beside the card narrower."""
    colour_by: ColourBy = "category"
    """Marks coloured by the event's category, or by its actor's group (the ``actors:`` registry)."""
    colours: tuple[tuple[str, str], ...] = ()
    """(category id or group, colour): a store's own categories and its groups (``palette.store_colours``)."""
    key_labels: tuple[tuple[str, str], ...] = ()
    """(category id, label) of a store's own categories, for the legend."""
    native_names: tuple[tuple[str, str], ...] = ()
    """(actor, name in its own script) from the ``actors:`` registry: the rows' names for a reader
    of Arabic or Persian (``palette.store_options``)."""
    actor_groups: tuple[tuple[str, str], ...] = ()
    """(actor, group): colours a mark in an actor's row by that actor's group."""
    period: tuple[date | None, date | None] = (None, None)
    """The first and last day asked for (a filter's from/to): the x axis spans exactly those days
    on the sides given; events reaching past them are cut at the edge, with an arrow."""
    lang: str = "en"
    """The reader's language (``timeline.lang.LANGUAGES``): every word of the chart in it, an event's
    title and summary in it where the store gives them, and for Arabic and Persian the chart
    mirrored (row names on the right, legend, title and notes from the right) while time still
    runs left to right."""

    @property
    def text(self) -> Messages:
        """The chart's words in the reader's language."""
        return messages(self.lang)

    def __post_init__(self) -> None:
        allowed = {"lanes": LANE_CHOICES, "density": ("auto", "on", "off"), "colour_by": COLOUR_CHOICES,
                   "lang": LANGUAGES}
        for name, values in allowed.items():
            if getattr(self, name) not in values:
                raise ValueError(f"FigureOptions.{name} is {getattr(self, name)!r}; use one of "
                                 + ", ".join(repr(v) for v in values))
        for name in ("label_limit", "webgl_threshold", "point_limit", "height", "plot_width_px"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValueError(f"FigureOptions.{name} is {value!r}; use a whole number >= 0")
