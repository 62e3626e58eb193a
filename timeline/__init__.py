"""timeline: political event timelines read from YAML, with dates that keep their precision.

The package is a pipeline in layers, one sub-package a stage (``docs/ARCHITECTURE.md`` draws it)::

    model, errors  ->  dates  ->  store  ->  view  ->  chart  ->  export  ->  cli
                                        \\-> edit -------------------------/

The public names below are imported on first use (PEP 562), not here: ``timeline validate``
must not pay for pandas and plotly to check a YAML file.
"""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "CATEGORIES": "timeline.model",
    "Calendar": "timeline.model",
    "DateError": "timeline.errors",
    "DateValue": "timeline.model",
    "Era": "timeline.model",
    "Event": "timeline.model",
    "ExportError": "timeline.errors",
    "FigureOptions": "timeline.chart.options",
    "Precision": "timeline.model",
    "Source": "timeline.model",
    "Timeline": "timeline.model",
    "TimelineError": "timeline.errors",
    "ValidationError": "timeline.errors",
    "WriteError": "timeline.errors",
    "build_figure": "timeline.chart.figure",
    "check_store": "timeline.store.loading",
    "combine_range": "timeline.dates.reading",
    "describe_date": "timeline.dates.reading",
    "events_frame": "timeline.view.table",
    "load_timeline": "timeline.store.loading",
    "parse_date": "timeline.dates.reading",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
