"""What ``app.py`` hands every page on each run: the settings, the loaded store and the filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from timeline.model import Event, Timeline
from timeline.view.appsettings import AppSettings
from timeline.view.eventsource import EventSource
from timeline.view.filters import FilterState

TIMELINE_PAGE = "app_pages/timeline.py"
EDITOR_PAGE = "app_pages/editor.py"
STORY_PAGE = "app_pages/story.py"
MAP_PAGE = "app_pages/map.py"
NETWORK_PAGE = "app_pages/network.py"
_KEY = "page_context"


@dataclass(frozen=True)
class PageContext:
    settings: AppSettings
    path: str
    timeline: Timeline
    signature: object
    """The store's files as last saved: the key of every per-store cache."""
    source: EventSource
    """The store's events: selected by the filters, read by position or id, counted."""
    by_id: Mapping[str, Event]
    known: dict[str, tuple[str, ...]]
    """The values the pickers offer: actors, categories, places, tags."""
    filters: FilterState


def share(context: PageContext) -> None:
    """Make this run's context the one the page reads (set by ``app.py`` before the page runs)."""
    st.session_state[_KEY] = context


def current() -> PageContext:
    """Return this run's context; pages run only from ``app.py``, which sets it first."""
    return st.session_state[_KEY]
