"""Selection: which events a reader sees, and how their text is shown.

Holds: filters (:mod:`.filters`) and their prepared index for large stores
(:mod:`.filterindex`), the view as URL query parameters (:mod:`.urlstate`), the events as a
DataFrame for the table (:mod:`.table`), text made safe for the page (:mod:`.display`), stories told
one step at a time (:mod:`.story`) and how the page is started (:mod:`.appsettings`).

May import: ``timeline.store``, ``timeline.dates``, ``timeline.lang``, the model and the errors; pandas in
:mod:`.table` only. Never the chart, Streamlit or anything above.
"""
