"""The interface's languages: English, Arabic and Persian, which way each is written, and which one
a reader gets.

Holds: ``LANGUAGES``, ``LANGUAGE_NAMES``, ``RIGHT_TO_LEFT``, ``direction``, ``language_from_header``,
``supported``, ``isolate``, ``reader_digits``.
May import: nothing of the package.
"""

from __future__ import annotations

LANGUAGES = ("en", "ar", "fa")
"""The languages the interface speaks, English first (the text of the code itself)."""
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fa": "فارسی"}
"""Each language by its own name, as a picker shows it."""
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
DEFAULT_LANGUAGE = "en"

_FIRST_STRONG_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def supported(code: str | None) -> str | None:
    """Return the interface language for a language tag ('ar', 'ar-IQ', 'fa_IR', 'EN'), or None."""
    if not code:
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def language_from_header(accept_language: str | None) -> str:
    """Return the language a browser asks for first among those the interface speaks (its
    ``Accept-Language`` header, q-values honoured), else English."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if (lang := supported(tag)) and weight > 0:
            ranked.append((-weight, index, lang))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def direction(lang: str) -> str:
    """'rtl' for Arabic and Persian, else 'ltr' (the value of HTML's ``dir``)."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def isolate(text: str) -> str:
    """Return ``text`` in a first-strong isolate (FSI … PDI): a Latin name or a number inside
    Arabic text keeps its own direction and does not reorder the words around it."""
    return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_ISOLATE}"


def reader_digits(text: str, lang: str) -> str:
    """Return ``text`` with Persian digits for a Persian reader (Arabic keeps 0-9, as Iraqi and Gulf
    papers print them); other languages unchanged."""
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text
