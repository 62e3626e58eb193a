"""Text given in several languages (``title: {en: ..., ar: ...}``) and which of them a reader sees.

Holds: LocalTexts, Translations, ShownText, text_in, WrittenPerLanguage.
May import: nothing of the package.
"""

from __future__ import annotations

from dataclasses import dataclass

LocalTexts = tuple[tuple[str, str], ...]
"""One text given in several languages: (language code, text) in the order written. The first is the
text's own language, shown to a reader whose language is not given."""

Translations = tuple[tuple[str, LocalTexts], ...]
"""(field, its texts by language) for the fields of a value written per language (``title: {en:
..., ar: ...}``); a field written as plain text has no entry."""


@dataclass(frozen=True)
class ShownText:
    """A text as one reader sees it: in ``lang`` (None: not said), and whether that is another
    language than the reader's because theirs was not given (``fallback``), so the page can say so."""

    text: str
    lang: str | None = None
    fallback: bool = False


def text_in(plain: str | None, translations: Translations, field: str, lang: str | None) -> ShownText | None:
    """Return a field's text for a reader of ``lang``: their language when given, else the first
    given (marked as a fallback); a field written as plain text is shown as it is."""
    for name, texts in translations:
        if name == field:
            for code, text in texts:
                if code == lang:
                    return ShownText(text, code)
            return ShownText(texts[0][1], texts[0][0], fallback=lang is not None)
    return ShownText(plain) if plain is not None else None


class WrittenPerLanguage:
    """What a value written per language answers (an event, a story, a story's step): a field's
    text for one reader. The value has the field and ``translations``."""

    translations: Translations

    def text(self, field: str, lang: str | None) -> ShownText | None:
        """Return ``field`` for a reader of ``lang`` (see :func:`text_in`)."""
        return text_in(getattr(self, field), self.translations, field, lang)
