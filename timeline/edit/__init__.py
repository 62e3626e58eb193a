"""Writing YAML: adding and changing events in place, without losing a comment or a byte.

Holds: adding and updating events for the form and the command line (:mod:`.events`), a store
file seen as lines (:mod:`.eventtext`), the locked, atomic writer (:mod:`.writer`), ``fmt``
(:mod:`.fmt`), draft events from a news article (:mod:`.extract`), CSV files read into events
(:mod:`.csvimport`, with the formats it knows in :mod:`.csvpresets` and :mod:`.csvsheet`, ``--map``
in :mod:`.csvmap` and the reading of cells in :mod:`.csvrows`) new stores written whole (:mod:`.newstore`) and a store converted between YAML and Parquet
(:mod:`.convert`).

May import: ``timeline.store``, ``timeline.dates``, the model and the errors. Never pandas,
plotly, the chart, ``export`` or ``cli``.
"""
