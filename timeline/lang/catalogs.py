"""The interface text in the reader's language, from gettext message catalogs.

The catalogs are ``locale/<lang>/LC_MESSAGES/timeline.po``, managed with Babel (``make catalogs``
extracts every marked string of ``app.py``, ``app_pages/`` and ``timeline/`` into
``locale/timeline.pot`` and updates each language's ``.po`` from it). The ``.po`` files are the
only copy: they are compiled in memory when first read (a few milliseconds), so a compiled ``.mo``
can never be out of date. English is the text in the code.

Holds: ``Messages`` (one language's ``gettext``, ``ngettext`` and direction), ``messages``
(the cached catalog of a language), ``N_`` (marks a string for extraction where it is defined,
translated where it is shown), ``LOCALE_DIR``, ``DOMAIN``.
May import: Babel, ``timeline.lang.languages``.
"""

from __future__ import annotations

import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

from timeline.lang.languages import DEFAULT_LANGUAGE, LANGUAGES, direction, reader_digits


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it here (a constant translated where shown)."""
    return message


LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGE_NAMES_IN_ENGLISH = {"en": N_("English"), "ar": N_("Arabic"), "fa": N_("Persian")}
"""Each language's name, translated where a text's language is named ("(in English)")."""
DOMAIN = "timeline"


@dataclass(frozen=True)
class Messages:
    """The interface text in one language."""

    lang: str
    catalog: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.catalog.ngettext(singular, plural, count)

    @property
    def direction(self) -> str:
        return direction(self.lang)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def language_name(self, code: str | None) -> str:
        """A language's name in this language ("الإنجليزية" for 'en' to an Arabic reader): the
        name of the language an event's text is shown in when the reader's is not given."""
        return self.gettext(LANGUAGE_NAMES_IN_ENGLISH[code]) if code in LANGUAGE_NAMES_IN_ENGLISH else (code or "")

    def digits(self, text: str) -> str:
        """``text`` with the reader's digits (Persian digits for Persian)."""
        return reader_digits(text, self.lang)


@functools.cache
def messages(lang: str = DEFAULT_LANGUAGE) -> Messages:
    """Return the catalog of ``lang`` (one of ``LANGUAGES``); English is the code's own text."""
    if lang not in LANGUAGES:
        raise ValueError(f"'{lang}' is not a language of the interface; use one of: {', '.join(LANGUAGES)}")
    if lang == DEFAULT_LANGUAGE:
        return Messages(lang, gettext.NullTranslations())
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    for message in list(catalog):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and not all(strings):
            # Not yet translated: left out, so the English is shown (with English plurals), never an empty text.
            del catalog[message.id]
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: a guessed translation falls back to English
    compiled.seek(0)
    return Messages(lang, gettext.GNUTranslations(compiled))
