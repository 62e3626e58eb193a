"""The network view: who dealt with whom among the shown events (issue 15; being built)."""

from __future__ import annotations

import streamlit as st

from app_pages.caches import store_index
from app_pages.context import current
from app_pages.views import write_address

context = current()
shown = store_index(context.path, context.signature, context.timeline).select(context.filters)
st.title("Who dealt with whom", anchor=False)
st.caption(f"{len(shown):,} events in date order")
write_address(context.filters, st.session_state.get("selected"), "network")
