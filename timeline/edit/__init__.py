"""Writing YAML: adding and changing events in place, without losing a comment or a byte.

Holds: adding and updating events for the form and the command line (:mod:`.events`), a store
file seen as lines (:mod:`.eventtext`), the locked, atomic writer (:mod:`.writer`), ``fmt``
(:mod:`.fmt`) and draft events from a news article (:mod:`.extract`).

May import: ``timeline.store``, ``timeline.dates``, the model and the errors. Never pandas,
plotly, the chart, ``export`` or ``cli``.
"""
