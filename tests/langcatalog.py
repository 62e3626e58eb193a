"""A small Arabic catalog for tests: a few of the chart's words translated, so that a test sees the
words of a figure come from the catalog (the real catalogs are filled by translators later)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from timeline.lang import catalogs

ARABIC = {
    "statement": "تصريح",
    "visit": "زيارة",
    "Timeline": "الخط الزمني",
    "No events match the filters": "لا أحداث تطابق عوامل التصفية",
    "events per week": "أحداث في الأسبوع",
    "● exact day   ▬ range   ◆ month/year (band = whole period)   ○ approximate":
        "● يوم محدد   ▬ مدة   ◆ شهر/سنة (الشريط = الفترة كلها)   ○ تقريبي",
    "Written: {date}": "كُتب: {date}",
    "Introduction": "مقدمة",
    "Previous": "السابق",
    "Next": "التالي",
    "Sources": "المصادر",
    "(no actor)": "(بلا فاعل)",
}
PLURALS = {("Others ({count} actor)", "Others ({count} actors)"): ("آخرون ({count})",) * 6}
"""Arabic has six plural forms: each says the same here."""


def po_text() -> str:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : '
             'n%100>=11 ? 4 : 5);\\n"', ""]
    for source, target in ARABIC.items():
        lines += [f'msgid "{source}"', f'msgstr "{target}"', ""]
    for (one, many), forms in PLURALS.items():
        lines += [f'msgid "{one}"', f'msgid_plural "{many}"']
        lines += [f'msgstr[{i}] "{form}"' for i, form in enumerate(forms)] + [""]
    return "\n".join(lines)


@pytest.fixture
def arabic_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Read Arabic from the small catalog above while the test runs (the cached catalogs are
    forgotten before and after)."""
    folder = tmp_path / "locale" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / f"{catalogs.DOMAIN}.po").write_text(po_text(), encoding="utf-8")
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path / "locale")
    catalogs.messages.cache_clear()
    yield ARABIC
    catalogs.messages.cache_clear()
