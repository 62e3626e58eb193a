"""The page a competent user would write in an afternoon instead of ours: the baseline of
`python benchmarks/pagebench.py` (Streamlit + st.cache_data + PyYAML + dateparser + px.scatter).

    streamlit run benchmarks/naive_page.py -- --data STORE.yaml
"""

import argparse

import dateparser
import pandas as pd
import plotly.express as px
import streamlit as st
import yaml

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="data/events.yaml")
path = parser.parse_known_args()[0].data


@st.cache_data
def load(path: str) -> pd.DataFrame:
    with open(path, encoding="utf-8") as file:
        data = yaml.safe_load(file)
    rows = []
    for event in data["events"]:
        when = event.get("date")
        when = dateparser.parse(when) if isinstance(when, str) else when
        if when is None:
            continue
        rows.append({"id": event["id"], "title": event["title"], "date": pd.Timestamp(when),
                     "category": event.get("category", "other"), "actor": (event.get("actors") or ["(none)"])[0]})
    return pd.DataFrame(rows)


frame = load(path)
categories = st.sidebar.multiselect("Categories", sorted(frame["category"].unique()))
shown = frame[frame["category"].isin(categories)] if categories else frame
st.caption(f"Showing {len(shown):,} of {len(frame):,} events")
st.plotly_chart(px.scatter(shown, x="date", y="actor", color="category", hover_name="title"))
