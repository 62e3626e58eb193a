"""The Streamlit pages: a thin layer of widgets over the ``timeline`` package.

``app.py`` is the entry point: it loads the store, draws the shared sidebar and runs the page
the reader chose through ``st.navigation``. Page files (``timeline.py``, ``editor.py``) read top
to bottom; what several pages share lives in modules of its own: the per-run context
(:mod:`app_pages.context`), the cached loads and figures (:mod:`app_pages.caches`), the sidebar, detail
card, export buttons and table (:mod:`app_pages.widgets`) and the editor's form state
(:mod:`app_pages.editing`).

Only this folder and ``app.py`` import Streamlit. Nothing in ``timeline/`` imports from here.
"""
