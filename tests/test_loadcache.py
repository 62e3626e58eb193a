"""The load cache: a valid store's second load is read back; anything else is read again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from timeline import ValidationError, load_timeline
from timeline.store import loadcache

VALID = Path("tests/data/valid/mixed-dates.yaml")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TIMELINE_CACHE", raising=False)
    target = tmp_path / "events.yaml"
    shutil.copy(VALID, target)
    return target


def entries() -> list[Path]:
    return sorted(loadcache.cache_dir().glob("*.pickle"))


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(store: Path) -> None:
    first = load_timeline(store)
    assert len(entries()) == 1
    again = load_timeline(store)
    assert again == first == load_timeline(store, use_cache=False)


def test_the_entry_holds_the_store_frame_so_a_warm_start_skips_building_it(store: Path) -> None:
    from timeline.view.table import events_frame, store_frame
    first = load_timeline(store, prepare=store_frame)
    again = load_timeline(store, prepare=store_frame)
    assert again is not first and "_events_frame" in again.__dict__
    assert store_frame(again) is store_frame(again)
    assert store_frame(again).equals(events_frame(first.events))


def test_an_edited_file_is_read_again(store: Path) -> None:
    load_timeline(store)
    store.write_text(store.read_text(encoding="utf-8").replace("title: ", "title: Edited "), encoding="utf-8")
    assert any(e.title.startswith("Edited ") for e in load_timeline(store).events)


def test_an_invalid_file_is_never_cached_nor_served(store: Path) -> None:
    load_timeline(store)
    store.write_text(store.read_text(encoding="utf-8").replace("category: ", "category: nonsense-", 1),
                     encoding="utf-8")
    with pytest.raises(ValidationError):
        load_timeline(store)
    assert len(entries()) == 1


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05truncated"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(store: Path, garbage: bytes) -> None:
    expected = load_timeline(store)
    (entry,) = entries()
    entry.write_bytes(garbage)
    assert load_timeline(store) == expected
    assert entry.read_bytes() != garbage


def test_timeline_cache_0_turns_it_off(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    load_timeline(store)
    assert entries() == []


def test_the_cache_keeps_only_the_newest_entries(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loadcache, "MAX_ENTRIES", 3)
    for n in range(5):
        store.write_text(store.read_text(encoding="utf-8") + f"\n# edit {n}\n", encoding="utf-8")
        load_timeline(store)
    assert len(entries()) == 3


def test_the_key_names_content_path_and_code(store: Path, tmp_path: Path) -> None:
    key = loadcache.cache_key(str(store), [store])
    other = tmp_path / "copy.yaml"
    shutil.copy(store, other)
    assert loadcache.cache_key(str(other), [other]) != key
    assert loadcache.cache_key(str(store), [store]) == key


def test_the_key_changes_with_the_pandas_version(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = loadcache.cache_key(str(store), [store])
    loadcache.code_version.cache_clear()
    monkeypatch.setattr(loadcache, "_pandas_version", lambda: "0.0-test")
    try:
        assert loadcache.cache_key(str(store), [store]) != key
    finally:
        loadcache.code_version.cache_clear()
