"""The least any Streamlit page can do for the benchmark's two steps: the floor under ours and the
naive page in `python benchmarks/pagebench.py`.

It reads no store: the sidebar's "Categories" multiselect offers the generated stores' categories,
the caption counts one or two made-up events, and the chart is one Plotly scatter of two points
(one once a category is chosen). What is left of an open or a filter change is Streamlit's own
work and the browser's: its scripts, the websocket, a run of the script, the on-demand Plotly
component and one Plotly draw. No page built on Streamlit and Plotly can open or redraw faster.

    streamlit run benchmarks/floor_page.py -- --data ANYTHING
"""

import plotly.graph_objects as go
import streamlit as st
from generate import CATEGORIES  # benchmarks/generate.py: Streamlit puts the script's folder on the path

chosen = st.sidebar.multiselect("Categories", CATEGORIES)
shown = 1 if chosen else 2
st.caption(f"Showing {shown:,} of 2 events")
st.plotly_chart(go.Figure(go.Scatter(x=["2020-09-13", "2020-09-25"][:shown], y=[1, 2][:shown], mode="markers")))
