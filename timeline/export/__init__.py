"""Data and pictures out (and TimelineJS back in).

Holds: images through kaleido, the only module that touches it (:mod:`.images`), the exported
view's figure and its standalone HTML page (:mod:`.figures`), CSV and JSON (:mod:`.formats`) and
TimelineJS JSON, out and in (:mod:`.timelinejs`).

May import: ``timeline.chart``, ``timeline.view``, ``timeline.store``, ``timeline.dates``, the
model and the errors. Never ``edit`` or ``cli``.
"""
