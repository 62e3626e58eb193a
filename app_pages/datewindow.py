"""The sidebar's date window: a calendar for stores of the common era, a slider of years for
stores that reach before it (a browser's date picker stops at year 1)."""

from __future__ import annotations

import streamlit as st

from app_pages.language import _

from timeline.dates.days import AnyDay, era_year, is_before_common_era, make_day

DATE_KEYS = ("f_dates", "f_years")


def set_window(start: AnyDay | None, end: AnyDay | None, bounds: tuple[AnyDay, AnyDay]) -> None:
    """Put a filter window (``None``: the data's own edge) into the widget that shows it."""
    if _by_years(bounds):
        low, high = bounds[0].year, bounds[1].year
        st.session_state.f_years = tuple(min(max((day or edge).year, low), high)
                                         for day, edge in ((start, bounds[0]), (end, bounds[1])))
    else:
        st.session_state.f_dates = (start or bounds[0], end or bounds[1])


def date_window(bounds: tuple[AnyDay, AnyDay]) -> tuple[AnyDay | None, AnyDay | None]:
    """Draw the window's widget; return its first and last day, ``None`` where it is the data's edge."""
    if _by_years(bounds):
        years = list(range(bounds[0].year, bounds[1].year + 1))
        first, last = st.select_slider(_("Years"), options=years, value=(years[0], years[-1]), key="f_years",
                                       format_func=era_year,
                                       help=_("Events whose period touches these years"))
        return (None if first == years[0] else make_day(first, 1, 1),
                None if last == years[-1] else make_day(last, 12, 31))
    picked = st.date_input(_("Dates"), min_value=bounds[0], max_value=bounds[1], key="f_dates",
                           format="YYYY-MM-DD", help=_("Events whose period touches this window"))
    start, end = (tuple(picked) + (None, None))[:2] if isinstance(picked, (tuple, list)) else (picked, None)
    return (start if start and start != bounds[0] else None, end if end and end != bounds[1] else None)


def _by_years(bounds: tuple[AnyDay, AnyDay]) -> bool:
    return is_before_common_era(bounds[0])
