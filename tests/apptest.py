"""The app under Streamlit's AppTest, for the page tests: open it at an address, click a chart."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def open_app(**query: str | list[str]) -> AppTest:
    """Run ``app.py`` once with ``query`` as the address's parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def click_chart(at: AppTest, customdata: list[object], curve_number: int = 0) -> AppTest:
    """Click a chart's point as the browser reports it: a new selection as the chart's widget
    value, which runs its ``on_select``. AppTest has no public way to send one, so this sends the
    widget states a browser would, through AppTest's private run."""
    (chart,) = at.get("plotly_chart")
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(
        {"selection": {"points": [{"curve_number": curve_number, "point_number": 0, "customdata": customdata}],
                       "point_indices": [0], "box": [], "lasso": []}})))
    return at._run(states)
