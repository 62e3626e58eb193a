"""The timeline app's entry point: settings, loading, the shared sidebar and the page navigation.

Run with ``make run`` or ``streamlit run app.py -- --data PATH [--edit]``. The pages themselves
are in ``app_pages/`` (see its ``__init__``): the timeline at ``/``, the story, map and network views
(``?view=story``, or ``/story``) and, in editor mode, the editor.
"""

from __future__ import annotations

import os
import sys

import streamlit as st

from app_pages.caches import load_or_explain, store_lookups
from app_pages.context import EDITOR_PAGE, PageContext, share
from app_pages.views import view_pages, view_picker
from app_pages.access import apply_page_style
from app_pages.language import _, apply_direction, date_style_picker, language_picker, start_language
from app_pages.widgets import keep_sidebar_state, restore_view_once, sidebar_filters
from timeline.view.appsettings import app_settings
from timeline.view.urlstate import query_language

settings = app_settings(sys.argv[1:], os.environ)
start_language(query_language({key: st.query_params.get_all(key) for key in st.query_params}))
st.set_page_config(page_title=_("timeline: who did what, when"), page_icon="🗓️", layout="wide")
apply_page_style()
apply_direction()

views = view_pages()
pages = list(views.values())
if settings.editor:
    pages.append(st.Page(EDITOR_PAGE, title=_("Add or edit events"), icon=":material/edit:", url_path="edit"))
page = st.navigation(pages, position="sidebar" if settings.editor else "hidden")
view_here = next((name for name, view in views.items() if view.url_path == page.url_path), None)

path = str(settings.data_path)
timeline, signature, source = load_or_explain(path, settings.columnar_from)
by_id, known = store_lookups(path, signature, timeline, source)
restore_view_once(source.span, known, by_id, view_here)
keep_sidebar_state()
language_picker()
date_style_picker()
if view_here is not None and (chosen := view_picker(view_here)) != view_here:
    st.switch_page(views[chosen])
filters = sidebar_filters(timeline, known, source.span)
share(PageContext(settings=settings, path=path, timeline=timeline, signature=signature, source=source, by_id=by_id,
                  known=known, filters=filters))
page.run()
