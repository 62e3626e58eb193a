"""Text fields written per language (``title: {en: ..., ar: ...}``) read and checked.

A text field may be plain text, or a mapping of language codes to texts; the first language
written is the text's own, the one a reader whose language is missing sees.

Holds: ``read_texts``, ``LANGUAGE_CODE``.
May import: ``timeline.model``, ``timeline.store.fieldcheck``, ``timeline.store.eventdates`` (``kind_of``).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from timeline.model import Translations
from timeline.store.eventdates import kind_of
from timeline.store.fieldcheck import Problems, text_field
from timeline.store.yamldoc import Path

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
"""A BCP 47 language tag as stores write it: 'en', 'ar', 'fa', 'ckb', 'ar-IQ'."""


def read_texts(raw: dict[Any, Any], names: Iterable[str], path: Path, problems: Problems,
               *, required: Iterable[str] = ()) -> tuple[dict[str, str | None], Translations]:
    """Return each named field's text (its first language's, when written per language) and the
    fields written per language with their texts; problems are added where they are written."""
    plain: dict[str, str | None] = {}
    translations: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for name in names:
        value = raw.get(name)
        if not isinstance(value, dict):
            plain[name] = text_field(raw, name, path, problems, required=name in required)
            continue
        texts = _texts_of(value, name, path + (name,), problems)
        plain[name] = texts[0][1] if texts else None
        if texts:
            translations.append((name, texts))
    return plain, tuple(translations)


def _texts_of(value: dict[Any, Any], name: str, path: Path, problems: Problems) -> tuple[tuple[str, str], ...]:
    if not value:
        problems.add(path, f"'{name}' has no text; write it as text, or per language as {{en: ..., ar: ...}}",
                     field_name=name)
        return ()
    texts: list[tuple[str, str]] = []
    for code, text in value.items():
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            problems.add(path + (code,), f"'{code}' is not a language code; key each text of '{name}' by its "
                         "language's code (en, ar, fa, ckb, ...), e.g. 'ar: ...'", field_name=name)
        elif isinstance(text, (int, float)) and not isinstance(text, bool):
            texts.append((code, str(text)))
        elif not isinstance(text, str):
            problems.add(path + (code,), f"the '{code}' text of '{name}' must be text, not {kind_of(text)}",
                         field_name=name)
        elif not text.strip():
            problems.add(path + (code,), f"the '{code}' text of '{name}' is empty; write it or remove the line",
                         field_name=name)
        else:
            texts.append((code, text.strip()))
    return tuple(texts) if len(texts) == len(value) else ()
