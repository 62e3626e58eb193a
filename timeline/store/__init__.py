"""YAML in: event stores read into validated model values, with the place of every problem.

Holds: loading a store file or folder (:mod:`.loading`), the careful reader that remembers lines
and columns (:mod:`.yamldoc`) and the fast one trusted only where it cannot differ
(:mod:`.fastyaml`), one YAML mapping to one event, source or era (:mod:`.records`), events back
into their YAML form (:mod:`.serialize`), the load cache (:mod:`.loadcache`), the JSON Schema
(:mod:`.schema`), the columnar store: events as columns (:mod:`.eventcolumns`) and the Parquet
file (:mod:`.parquetstore`), a large Parquet store kept as columns (:mod:`.lazystore`; these two
are the store's only modules that import pyarrow), a Parquet store on object storage, ``s3://``
(:mod:`.objectstore`: what a URL names and what a failure means; read-only), a store's files and
signature (:mod:`.storefiles`), and pausing the garbage collector for large builds (:mod:`.collector`).

May import: ``timeline.dates``, the model and the errors. Never pandas, plotly or anything above.
"""
