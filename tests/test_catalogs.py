"""The interface's message catalogs: the template holds every marked string of the code, and the
Arabic and Persian catalogs translate every one of them, keeping their {placeholders}."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from timeline.lang.catalogs import DOMAIN, LOCALE_DIR, messages
from timeline.lang.languages import LANGUAGES, language_from_header

ROOT = Path(__file__).parent.parent
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def template() -> dict[object, object]:
    with open(LOCALE_DIR / f"{DOMAIN}.pot", "rb") as file:
        return {message.id: message for message in read_po(file) if message.id}


def catalog(lang: str):  # noqa: ANN201 - babel's Catalog
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as file:
        return read_po(file, locale=lang)


def test_the_template_holds_every_marked_string_of_the_code() -> None:
    with open(ROOT / "timeline/lang/babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map,
                                                                      keywords=KEYWORDS, comment_tags=()):
        key = message if isinstance(message, str) else tuple(message)
        found[key[0] if isinstance(key, tuple) and len(key) == 1 else key] = True
    in_template = set(template())
    missing = sorted(str(m) for m in found if m not in in_template)
    stale = sorted(str(m) for m in in_template if m not in found)
    assert not missing and not stale, (f"run `make catalogs`: {len(missing)} strings of the code are not in the "
                                       f"template ({missing[:3]}), {len(stale)} are no longer used ({stale[:3]})")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_catalog_translates_every_string_the_english_one_has(lang: str) -> None:
    po = catalog(lang)
    untranslated, fuzzy, placeholders = [], [], []
    for key, source in template().items():
        message = po.get(key)
        strings = () if message is None else (message.string if isinstance(message.string, tuple) else (message.string,))
        if message is None or not strings or not all(strings):
            untranslated.append(key)
            continue
        if message.fuzzy:
            fuzzy.append(key)
        wanted = set(PLACEHOLDER.findall(source.id if isinstance(source.id, str) else source.id[-1]))
        if any(set(PLACEHOLDER.findall(text)) - wanted or (wanted - {"count"}) - set(PLACEHOLDER.findall(text))
               for text in strings):
            placeholders.append(key)
    assert not untranslated, f"{lang}: {len(untranslated)} strings untranslated, e.g. {untranslated[:3]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy (unchecked) translations, e.g. {fuzzy[:3]}"
    assert not placeholders, f"{lang}: placeholders differ from the English in {placeholders[:3]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalog_is_read_and_speaks_its_language(lang: str) -> None:
    text = messages(lang)
    assert text.rtl and text.direction == "rtl"
    filters = text.gettext("Filters")
    assert filters != "Filters" and re.search("[\u0600-\u06ff]", filters)
    one, many = text.ngettext("{count} warning in the store", "{count} warnings in the store", 1), \
        text.ngettext("{count} warning in the store", "{count} warnings in the store", 5)
    assert "{count}" in many and one and re.search("[\u0600-\u06ff]", many)


def test_english_is_the_code_itself_and_unknown_languages_are_refused() -> None:
    assert messages("en").gettext("Filters") == "Filters" and not messages("en").rtl
    with pytest.raises(ValueError, match="not a language of the interface"):
        messages("de")


@pytest.mark.parametrize(("header", "lang"), [
    ("ar-IQ,ar;q=0.9,en;q=0.8", "ar"), ("fa-IR,fa;q=0.9", "fa"), ("en-US,en;q=0.9,ar;q=0.5", "en"),
    ("de-DE,de;q=0.9,fa;q=0.4", "fa"), ("de", "en"), ("", "en"), (None, "en"), ("ar;q=0, fa;q=0.2", "fa"),
    ("AR", "ar"), ("en;q=abc, ar;q=0.1", "ar"),
])
def test_the_browser_language_is_the_default(header: str | None, lang: str) -> None:
    assert language_from_header(header) == lang


def test_no_marked_string_hides_inside_an_f_string() -> None:
    # Babel reads an f-string as one token: a _("...") inside one is never extracted, so it would
    # stay English in every language.
    hidden = []
    for path in [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "timeline").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if isinstance(call, ast.Call) and getattr(call.func, "id", getattr(call.func, "attr", None)) in KEYWORDS:
                        hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == [], f"take these calls out of their f-strings: {hidden}"
