"""Saving a store file safely: one writer at a time, atomically, never over someone else's save.

Why each step:

- a lock file (``PATH.lock``) serialises read-modify-write, so two editors saving at once both
  land instead of the second overwriting the first;
- the new text goes to a hidden temporary file in the same folder (``.NAME.*.tmp``, which a
  folder store's ``*.yaml`` glob never picks up), is validated there, flushed and fsynced, then
  renamed over the old file: a crash leaves the old file or the new one, never half of one;
- the caller may pass the signature (sha256) of the bytes it read when the form was opened: if
  the file has changed since, the save is refused instead of silently undoing the other save.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import filelock

from timeline.errors import TimelineError, ValidationError, WriteError
from timeline.store.loading import check_store

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another save of the same file; a save takes milliseconds."""

_BOM = b"\xef\xbb\xbf"


def file_signature(path: str | os.PathLike[str]) -> str:
    """Return the sha256 of a file's bytes: pass it back to a save to detect concurrent edits."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as err:
        raise WriteError(f"cannot read the file: {err.strerror}; check that it exists and that you may "
                         "read it", source=str(path)) from err


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], *, timeout: float | None = None) -> Iterator[None]:
    """Hold ``PATH.lock`` while the body reads, changes and writes ``path``."""
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    lock = filelock.FileLock(f"{os.fspath(path)}.lock", timeout=timeout)
    try:
        with lock:
            yield
    except filelock.Timeout as err:
        raise WriteError(f"another save of this file has held {lock.lock_file} for {timeout:g} s; "
                         "try again in a moment (delete the .lock file only if no one is saving)",
                         source=str(path)) from err
    except OSError as err:
        if err.filename != lock.lock_file:
            raise
        raise WriteError(_cannot_write(err), source=str(path)) from err


def rewrite(
    path: str | os.PathLike[str],
    change: Callable[[str], str],
    *,
    expected_signature: str | None = None,
    validate: bool = True,
) -> bool:
    """Apply ``change`` to a file's text under the lock and save the result atomically.

    Args:
        change: takes the current text, returns the new text; may raise TimelineError.
        expected_signature: :func:`file_signature` of the text the editor started from; a
            different file on disk refuses the save (someone else saved in between).
        validate: refuse a result that the store would not load, listing its problems.

    Returns:
        True if the file was rewritten, False if ``change`` left the text as it was.

    Raises:
        WriteError: a conflict, a file that cannot be read or written (nothing is changed).
        ValidationError: the new text is not a valid store (nothing is changed).
    """
    shown = str(path)
    with locked(path):
        remove_stale_temp_files(path)
        try:
            raw = Path(path).read_bytes()
        except OSError as err:
            raise WriteError(f"cannot read the file: {err.strerror}; check that it exists and that you "
                             "may read it", source=shown) from err
        if expected_signature is not None and hashlib.sha256(raw).hexdigest() != expected_signature:
            raise WriteError("the file changed on disk since you opened it (someone else saved); reload "
                             "it and apply your change again", source=shown)
        bom = raw.startswith(_BOM)
        try:
            text = (raw[3:] if bom else raw).decode("utf-8")
        except UnicodeDecodeError as err:
            raise WriteError("the file is not UTF-8; save it as UTF-8 first", source=shown) from err
        new_text = change(text)
        if new_text == text:
            return False
        write_atomic(path, (_BOM if bom else b"") + new_text.encode("utf-8"), validate=validate)
        return True


def remove_stale_temp_files(path: str | os.PathLike[str]) -> None:
    """Delete temp files a killed writer left next to ``path``. Call it under :func:`locked`:
    a live writer holds the lock while its temp file exists, so any other one is stale."""
    target = Path(path)
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def write_atomic(path: str | os.PathLike[str], data: bytes, *, validate: bool = False) -> None:
    """Replace a file's bytes atomically (temp file, fsync, rename), keeping its permissions.

    Call it under :func:`locked`. With ``validate``, the temp file is loaded as a store first
    and the write refused (ValidationError, messages naming ``path``) if it has problems.
    """
    target = Path(path)
    shown = str(path)
    temp_name: str | None = None
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp",
                                         delete=False) as temp:
            temp_name = temp.name
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        if validate:
            problems = check_store(temp_name)
            if problems:
                raise ValidationError([_relabel(p, temp_name, f"{shown} (not saved)") for p in problems])
        os.replace(temp_name, target)
        temp_name = None
        _fsync_folder(target.parent)
    except OSError as err:
        raise WriteError(_cannot_write(err), source=shown) from err
    finally:
        if temp_name is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable: without it a power cut may bring the old name back."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some systems cannot open a folder; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno not in (errno.EINVAL, errno.EBADF):  # folders that cannot be synced
            raise
    finally:
        os.close(fd)


def _cannot_write(err: OSError) -> str:
    reason = err.strerror or str(err)
    hint = {
        errno.ENOSPC: "free some disk space",
        errno.EDQUOT: "free some disk space (quota exceeded)",
        errno.EACCES: "check that you may write the file and its folder",
        errno.EPERM: "check that you may write the file and its folder",
        errno.EROFS: "the disk is mounted read-only",
    }.get(err.errno or 0, "check the folder and the disk")
    return f"cannot write the file: {reason}; {hint}; the file was left as it was"


def _relabel(problem: TimelineError, temp_name: str, shown: str) -> TimelineError:
    copy = problem.located()
    if copy.source == temp_name:
        copy.source = shown
    return copy
