"""The story view: the shown events told one step at a time (issue 15; being built)."""

from __future__ import annotations

import streamlit as st

from app_pages.caches import store_index
from app_pages.context import current
from app_pages.views import write_address

context = current()
shown = store_index(context.path, context.signature, context.timeline).select(context.filters)
st.title("The story of these events", anchor=False)
st.caption(f"{len(shown):,} events in date order")
write_address(context.filters, st.session_state.get("selected"), "story")
