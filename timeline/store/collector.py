"""Pausing Python's cyclic garbage collector while large, acyclic data is built."""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def collector_paused(*, freeze: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector while a store is read or its table built.

    Reading 100,000 events creates millions of containers and none of them form cycles, yet the
    collector would walk them all again and again: pausing it makes loading ~3x faster.
    ``freeze`` then moves everything alive out of the collector's reach (for a loaded store);
    anything already unreachable at that moment is never collected, so use it sparingly.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What survives a load (the timeline) lives on and holds no cycles: moving it out of the
        # collector's reach keeps the next collection from walking millions of objects (~4 s at
        # 100k events); refcounting still frees it when the page drops it.
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
