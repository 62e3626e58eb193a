"""The reader's language on the page: from ``?lang=``, the sidebar's picker or the browser's
``Accept-Language``; the page's text through ``_`` and ``ngettext``; right to left for Arabic and Persian.

Every page reads its text through :func:`_` (a catalog lookup in the session's language, see
:mod:`timeline.lang.catalogs`), so a string marked here is extracted by ``make catalogs``.
"""

from __future__ import annotations

import streamlit as st

from timeline.lang.catalogs import N_, Messages, messages
from timeline.lang.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, language_from_header
from timeline.view.display import isolate_in

LANG_KEY = "f_lang"
MONTHS_KEY = "f_months"
ALONGSIDE_KEY = "f_alongside"
ALONGSIDE_LABELS = {"": N_("Gregorian only"), "hijri": N_("Hijri alongside"), "jalali": N_("Jalali alongside")}

RTL_STYLE = """<style>
/* Arabic and Persian read right to left: the page, its sidebar, cards, lists, tables and form
   fields. The charts keep their own layout (time runs left to right; their labels are mirrored
   by the figure itself), so Plotly's SVG is left as Plotly draws it. */
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stSidebarContent"], [role="dialog"],
[data-baseweb="popover"], [data-testid="stToast"] { direction: rtl; text-align: right; }
[data-testid="stPlotlyChart"], [data-testid="stDataFrame"] canvas, .js-plotly-plot { direction: ltr; }
/* Dates and numbers typed in a field keep their own order (2020-01-03 – 2020-09-28). */
[data-testid="stDateInputField"], [data-testid="stNumberInput"] input { direction: ltr; text-align: right; }
/* Each paragraph takes its direction from its own first letter (as dir="auto"): an event's text
   shown in English because no Arabic is given reads left to right inside the Arabic page. */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stCaptionContainer"] p,
[data-testid="stHeading"] h1, [data-testid="stHeading"] h2 { unicode-bidi: plaintext; }
[data-testid="stMarkdown"] ul, [data-testid="stMarkdown"] ol { padding-right: 1.5em; padding-left: 0; }
[data-testid="stMarkdown"] blockquote { border-left: none; border-right: 0.25rem solid rgba(49, 51, 63, 0.2);
  padding-left: 0; padding-right: 1rem; }
[class*="st-key-event_"] button, [class*="st-key-event_"] button p { justify-content: flex-start; text-align: right; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stCaptionContainer"] p,
[data-testid="stHeading"] h1, [data-testid="stHeading"] h2, [data-testid="stHeading"] h3 { text-align: start; }
/* Earlier/later and previous/next follow the chart, where time runs left to right in every language. */
.st-key-card_nav, .st-key-story_nav { direction: ltr; }
body, input, textarea, button, [data-testid="stMarkdown"] {
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", Vazirmatn, Tahoma, "Source Sans Pro", sans-serif; }
</style>"""


def reader_language() -> str:
    """The session's interface language."""
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def start_language(asked: str | None) -> None:
    """On a session's first run: the address's language, else the one the browser asks for first."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = asked or language_from_header(st.context.headers.get("Accept-Language"))


def text() -> Messages:
    return messages(reader_language())


def _(message: str) -> str:
    """``message`` in the reader's language."""
    return text().gettext(message)


def iso(value: str) -> str:
    """``value`` (a path, a Latin name, a date as written) isolated inside right-to-left text, so it
    keeps its own order; as it is in English."""
    return isolate_in(value, reader_language())


def ngettext(singular: str, plural: str, count: int) -> str:
    return text().ngettext(singular, plural, count)


def language_picker() -> None:
    """The sidebar's language picker; its label names itself in English too, so a reader who
    cannot read the current language still finds it."""
    label = _("Language")
    with st.sidebar:
        st.selectbox(label if label == "Language" else f"{label} · Language", LANGUAGES, key=LANG_KEY,
                     format_func=LANGUAGE_NAMES.get)


def date_style() -> tuple[str, str | None]:
    """How resolved dates are written: Arabic month names (``standard`` or ``levant``) and the
    calendar written alongside (None, ``hijri``, ``jalali``)."""
    months = st.session_state.get(MONTHS_KEY) or "standard"
    return months if reader_language() == "ar" else "standard", st.session_state.get(ALONGSIDE_KEY) or None


def date_style_picker() -> None:
    """Under the language: the Hijri or Jalali date beside each date, and in Arabic the month names
    of Iraq and the Levant (أيلول) or the standard ones (سبتمبر)."""
    with st.sidebar:
        st.selectbox(_("Calendar alongside"), list(ALONGSIDE_LABELS), key=ALONGSIDE_KEY,
                     format_func={key: _(label) for key, label in ALONGSIDE_LABELS.items()}.get,
                     help=_("Each resolved date also in the Hijri (Umm al-Qura) or the Jalali (Solar Hijri) calendar"))
        if reader_language() == "ar":
            st.radio(_("Month names"), ["standard", "levant"], key=MONTHS_KEY, horizontal=True,
                     format_func={"standard": "سبتمبر", "levant": "أيلول"}.get,
                     help=_("The month names of Egypt and the Gulf, or of Iraq and the Levant"))


def apply_direction() -> None:
    """Right to left for Arabic and Persian, and the document's ``lang`` for screen readers and fonts.

    The page's content and the sidebar's run right to left; the document itself keeps ``dir="ltr"``:
    Streamlit places and slides its sidebar for that direction only (with ``dir="rtl"`` a phone's
    closed sidebar stands as a strip over the page)."""
    if text().rtl:
        st.markdown(RTL_STYLE, unsafe_allow_html=True)
    st.html(f"""<script data-timeline="lang">document.documentElement.lang = "{reader_language()}";</script>""",
            unsafe_allow_javascript=True)
