"""Safe saves: a writer killed mid-save, a full disk or a read-only folder never damage the file;
a stale form or a save in progress is refused with a message; permissions are kept."""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import filelock
import pytest

from timeline.edit import writer
from timeline.edit.events import add_event
from timeline.errors import ValidationError, WriteError
from timeline.store.loading import load_timeline
from timeline.edit.writer import file_signature, rewrite

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "events.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    copy = tmp_path / "events.yaml"
    shutil.copyfile(DATA, copy)
    return copy


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_signature_is_the_sha256_of_the_bytes(store: Path) -> None:
    import hashlib

    assert file_signature(store) == hashlib.sha256(store.read_bytes()).hexdigest()


def test_unchanged_text_is_not_rewritten(store: Path) -> None:
    before = store.stat().st_mtime_ns
    assert rewrite(store, lambda text: text) is False
    assert store.stat().st_mtime_ns == before


def test_invalid_result_is_refused_naming_the_real_file(store: Path) -> None:
    before = store.read_bytes()
    with pytest.raises(ValidationError) as caught:
        rewrite(store, lambda text: text.replace("date: Sept. 13\n", "date: soon-ish\n"))
    assert str(caught.value.problems[0]).startswith(f"{store} (not saved):")
    assert any("field 'date': cannot read 'soon-ish'" in str(p) for p in caught.value.problems)
    assert store.read_bytes() == before and leftovers(store.parent) == []


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_full_disk_leaves_the_file_and_no_temp_file(store: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer.os, where, full)
    before = store.read_bytes()
    with pytest.raises(WriteError) as caught:
        rewrite(store, lambda text: text + "# more\n")
    assert str(caught.value) == (f"{store}: cannot write the file: No space left on device; free some disk space; "
                                 "the file was left as it was")
    assert store.read_bytes() == before and leftovers(store.parent) == []


def test_read_only_folder_is_a_clear_message(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:  # as root, chmod cannot stop a write: simulate it
        raise PermissionError(errno.EACCES, "Permission denied", str(store.parent))

    monkeypatch.setattr(writer.tempfile, "NamedTemporaryFile", denied)
    before = store.read_bytes()
    with pytest.raises(WriteError, match="cannot write the file: Permission denied; check that you may write"):
        rewrite(store, lambda text: text + "# more\n")
    assert store.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_really_read_only_folder(store: Path) -> None:  # pragma: no cover - runs as a normal user
    store.parent.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="Permission denied"):
            rewrite(store, lambda text: text + "# more\n")
    finally:
        store.parent.chmod(0o755)


def test_file_mode_is_kept(store: Path) -> None:
    store.chmod(0o640)
    rewrite(store, lambda text: text + "# more\n")
    assert store.stat().st_mode & 0o777 == 0o640


def test_a_save_in_progress_makes_the_next_wait_then_give_up(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "LOCK_TIMEOUT", 0.2)
    with filelock.FileLock(f"{store}.lock"):
        started = time.monotonic()
        with pytest.raises(WriteError, match="another save of this file has held .*events.yaml.lock for 0.2 s"):
            rewrite(store, lambda text: text + "# more\n")
    assert time.monotonic() - started >= 0.2
    assert rewrite(store, lambda text: text + "# more\n") is True


def keep_adding(path: Path, first_saved: Any) -> None:
    for i in range(10_000):
        add_event(path, {"title": f"Crash test {i}", "date": "2020", "category": "other"})
        first_saved.set()


def test_a_writer_killed_at_random_moments_leaves_a_loadable_file(tmp_path: Path) -> None:
    """30 writers (forked: no start-up cost), each killed (SIGKILL) at a random moment while it
    adds events in a loop: the file is always the old or a new version, whole and valid."""
    original = DATA.read_text(encoding="utf-8")
    original_count = len(load_timeline(DATA).events)
    rng = random.Random(1234)
    fork = multiprocessing.get_context("fork")
    killed_mid_save = 0
    for run in range(30):
        path = tmp_path / f"run{run}" / "events.yaml"
        path.parent.mkdir()
        shutil.copyfile(DATA, path)
        first_saved = fork.Event()
        process = fork.Process(target=keep_adding, args=(path, first_saved))
        process.start()
        assert first_saved.wait(30)  # however slow the machine, the kill lands among the saves
        time.sleep(rng.uniform(0, 0.1))
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        text = path.read_text(encoding="utf-8")
        assert text.startswith(original)  # the old content, plus whole events only
        events = load_timeline(path).events
        added = sorted(e.id for e in events if e.id.startswith("crash-test"))
        assert added == sorted(f"crash-test-{i}" for i in range(len(added)))
        assert len(events) == original_count + len(added)
        stale = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        killed_mid_save += bool(stale)
        add_event(path, {"title": "After the crash", "date": "2020", "category": "other"})
        assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # the next save tidies up
    print(f"{killed_mid_save} of 30 writers were killed with a temp file written")
