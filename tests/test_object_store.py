"""A Parquet store on S3-compatible object storage (``s3://``), against a real S3 emulator (moto's
server on a free local port): the same store as on local disk for validate, dump, export, convert
and the page, kept as columns past the threshold; writes refused; each failure one line naming the URL."""

from __future__ import annotations

import dataclasses
import json
import logging
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.apptest import open_app
from tests.test_parquet import split_store, without_places
from timeline.cli.main import main
from timeline.edit.convert import convert_store
from timeline.store.loading import load_timeline

try:
    import boto3
    from moto.server import ThreadedMotoServer
except ImportError as missing:  # CI installs requirements.txt: without the emulator these tests fail, never skip
    MOTO_MISSING: ImportError | None = missing
else:
    MOTO_MISSING = None

BUCKET, LOCKED = "timeline", "locked"
EVENTS = f"s3://{BUCKET}/events.parquet"


@dataclasses.dataclass(frozen=True)
class Emulator:
    endpoint: str
    local: Path
    """The bundled data as one local Parquet file: what the object store holds, to compare with."""
    parts: tuple[Path, Path]
    """The bundled data as two local Parquet files, also under ``s3://timeline/parts/``."""


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    if MOTO_MISSING is not None:
        pytest.fail(f"the S3 emulator is not installed ({MOTO_MISSING}); install the test requirements: "
                    ".venv/bin/pip install -r requirements.txt", pytrace=False)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    folder = tmp_path_factory.mktemp("s3")
    with pytest.MonkeyPatch.context() as env:
        aws_environment(env, folder, endpoint=f"http://{host}:{port}")
        client = boto3.client("s3", endpoint_url=f"http://{host}:{port}")
        local = folder / "events.parquet"
        convert_store("data/events.yaml", local)
        _, first, rest = split_store(folder / "parts")
        client.create_bucket(Bucket=BUCKET)
        # Public, so that an anonymous reader may read it; every other object is private.
        client.put_object(Bucket=BUCKET, Key="events.parquet", Body=local.read_bytes(), ACL="public-read")
        for part in (first, rest):
            client.put_object(Bucket=BUCKET, Key=f"parts/{part.name}", Body=part.read_bytes())
        client.put_object(Bucket=BUCKET, Key="parts/notes.txt", Body=b"not a store file")
        client.put_object(Bucket=BUCKET, Key="empty/notes.txt", Body=b"no .parquet here")
        client.create_bucket(Bucket=LOCKED)
        client.put_object(Bucket=LOCKED, Key="events.parquet", Body=local.read_bytes())
        client.put_bucket_policy(Bucket=LOCKED, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": f"arn:aws:s3:::{LOCKED}/*"}]}))
        yield Emulator(f"http://{host}:{port}", local, (first, rest))
    server.stop()


def aws_environment(env: pytest.MonkeyPatch, folder: Path, *, endpoint: str) -> None:
    """The standard AWS settings, and nothing from this machine's own (~/.aws, a profile)."""
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL_S3", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN",
                 "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                 "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
        env.delenv(name, raising=False)
    env.setenv("AWS_ENDPOINT_URL", endpoint)
    env.setenv("AWS_REGION", "us-east-1")
    env.setenv("AWS_ACCESS_KEY_ID", "testing")
    env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    env.setenv("AWS_SHARED_CREDENTIALS_FILE", str(folder / "no-credentials"))
    env.setenv("AWS_CONFIG_FILE", str(folder / "no-config"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_emulator_is_installed() -> None:
    assert MOTO_MISSING is None, (f"the S3 emulator is not installed ({MOTO_MISSING}); install the test "
                                  "requirements: .venv/bin/pip install -r requirements.txt")


def test_validate_dump_and_export_read_it_as_the_same_store_on_local_disk(
        emulator: Emulator, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "validate", EVENTS) == (0, "", f"ok: {EVENTS}\n")
    for form in ("json", "csv"):
        local = run(capsys, "dump", str(emulator.local), "--format", form)
        assert run(capsys, "dump", EVENTS, "--format", form) == local and local[0] == 0 and local[1]
    exported = {}
    for name, store in (("local", str(emulator.local)), ("s3", EVENTS)):
        assert main(["export", store, "-o", str(tmp_path / f"{name}.csv"), "--actor", "Ali Khamenei"]) == 0
        exported[name] = (tmp_path / f"{name}.csv").read_text(encoding="utf-8")
    assert exported["s3"] == exported["local"] and "Imam Hassan" in exported["s3"]
    timeline = load_timeline(EVENTS)
    assert without_places(timeline) == without_places(load_timeline("data/events.yaml", use_cache=False))
    assert timeline.sources == (EVENTS,) and {e.source_file for e in timeline.events} == {EVENTS}
    # The command in its own process: it must also exit cleanly (a threaded decode of a downloaded object
    # made about one exit in twelve abort; see parquetstore.read_table).
    done = subprocess.run([sys.executable, "-m", "timeline", "validate", EVENTS], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stderr) == (0, f"ok: {EVENTS}\n")


def test_convert_reads_from_it_and_nothing_writes_to_it(emulator: Emulator, capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    out = tmp_path / "back.yaml"
    assert run(capsys, "convert", EVENTS, "-o", str(out)) == (0, "", f"wrote {out} (1 file)\n")
    assert without_places(load_timeline(out)) == without_places(load_timeline("data/events.yaml"))
    target = f"s3://{BUCKET}/copy.parquet"
    assert run(capsys, "convert", "data/events.yaml", "-o", target) == (2, "", (
        f"error: {target}: cannot write to object storage: timeline reads a store there but never writes it; write "
        f"a local file (-o copy.parquet) and upload it with your S3 tool, e.g. aws s3 cp copy.parquet {target}\n"))
    for command in (["export", "data/events.yaml", "-o", f"s3://{BUCKET}/copy.csv"],
                    ["import-timelinejs", "tests/data/timelinejs/eras.json", "-o", f"s3://{BUCKET}/copy.yaml"],
                    ["import-csv", "tests/data/imports/acled.csv", "-o", f"s3://{BUCKET}/copy.yaml"]):
        # Refused before anything is read: no local folder named 's3:' is made either.
        code, _, err = run(capsys, *command)
        assert (code, err.split(": cannot write")[0]) == (2, f"error: {command[-1]}"), (command, err)
    assert not Path("s3:").exists()
    assert run(capsys, "fmt", EVENTS)[::2] == (1, (
        f"error: {EVENTS}: a store on object storage is read-only: validate, dump, export, convert and the page read "
        "it, nothing edits or formats it; change its YAML source, convert it and upload the .parquet file again\n"))


@pytest.mark.parametrize("store", [f"s3://{BUCKET}/parts/", f"s3://{BUCKET}/parts",
                                   f"s3://{BUCKET}/parts/*.parquet", f"s3://{BUCKET}/p*/*.parquet"])
def test_a_prefix_or_a_pattern_of_two_files_is_one_store(emulator: Emulator, capsys: pytest.CaptureFixture[str],
                                                         store: str) -> None:
    assert run(capsys, "validate", store) == (0, "", f"ok: {store}\n")
    local = run(capsys, "dump", str(emulator.parts[0].parent))
    assert run(capsys, "dump", store) == local and local[0] == 0
    assert load_timeline(store).sources == (f"s3://{BUCKET}/parts/a.parquet", f"s3://{BUCKET}/parts/b.parquet")


@pytest.mark.parametrize("store, message", [
    ("s3://no-such-bucket/events.parquet",
     "the bucket 'no-such-bucket' does not exist; check its name (and AWS_ENDPOINT_URL for a store outside AWS)"),
    (f"s3://{BUCKET}/missing.parquet",
     f"no object 'missing.parquet' in the bucket '{BUCKET}'; give the URL of a .parquet object, a prefix of them "
     f"(s3://{BUCKET}/events/) or a pattern (s3://{BUCKET}/events/*.parquet)"),
    (f"s3://{BUCKET}/empty/",
     "no .parquet object under this prefix; upload the store's .parquet files there (timeline convert STORE -o "
     "events.parquet writes one) or give another prefix"),
    (f"s3://{BUCKET}/parts/*.csv",
     f"no .parquet object matches the pattern; give a prefix of .parquet objects (s3://{BUCKET}/events/) or a "
     f"pattern such as 's3://{BUCKET}/events/*.parquet' (quoted on the command line)"),
    (f"s3://{BUCKET}/events.yaml",
     "only a Parquet store is read from object storage; convert it (timeline convert events.yaml -o "
     "events.parquet) and upload the .parquet file"),
    (f"s3://{LOCKED}/events.parquet",
     f"access denied to the bucket '{LOCKED}' (ACCESS_DENIED); check that the credentials (AWS_ACCESS_KEY_ID and "
     "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) may read it"),
])
def test_each_failure_is_one_line_naming_the_url(emulator: Emulator, capsys: pytest.CaptureFixture[str],
                                                 store: str, message: str) -> None:
    assert run(capsys, "validate", store) == (1, "", f"{store}: {message}\n")
    assert run(capsys, "dump", store) == (1, "", f"{store}: {message}\n")


def test_an_unreachable_endpoint_fails_in_seconds(emulator: Emulator, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    started = time.monotonic()
    expected = (f"{EVENTS}: cannot reach the object store at http://127.0.0.1:{port} (Could not connect to server); "
                "check that it runs, AWS_ENDPOINT_URL and the network\n")
    assert run(capsys, "validate", EVENTS) == (1, "", expected)
    assert run(capsys, "export", EVENTS, "-o", str(tmp_path / "out.csv")) == (1, "", expected)
    assert time.monotonic() - started < 10


def test_without_credentials_it_reads_anonymously(emulator: Emulator, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    assert run(capsys, "validate", EVENTS) == (0, "", f"ok: {EVENTS}\n")
    private = f"s3://{BUCKET}/parts/a.parquet"
    assert run(capsys, "validate", private) == (1, "", (
        f"{private}: access denied to the bucket '{BUCKET}' (ACCESS_DENIED); check that anonymous requests (no "
        "credentials are set: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) may read it\n"))


def test_past_the_threshold_it_is_kept_as_columns_and_selects_the_same(
        emulator: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    from timeline.store.lazystore import open_lazy_store

    monkeypatch.setenv("TIMELINE_COLUMNAR_FROM", "5")
    remote, problems = open_lazy_store(EVENTS)
    local, _ = open_lazy_store(emulator.local)
    assert remote is not None and local is not None and not problems
    assert remote.size == local.size == 20 and remote.span == local.span
    assert ([dataclasses.replace(e, source_file=None) for e in remote.events_at(range(remote.size))]
            == [dataclasses.replace(e, source_file=None) for e in local.events_at(range(local.size))])
    written = {}
    for name, store in (("local", str(emulator.local)), ("s3", EVENTS), ("prefix", f"s3://{BUCKET}/parts/")):
        out = tmp_path / f"{name}.csv"
        assert main(["export", store, "-o", str(out), "--category", "statement", "--from", "2020-09-13"]) == 0
        written[name] = out.read_text(encoding="utf-8")
    assert written["s3"] == written["local"] == written["prefix"] and written["s3"].count("\n") > 2
    capsys.readouterr()


def test_the_page_opens_it_the_editor_refuses_it_and_a_missing_one_is_explained(
        emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_DATA", EVENTS)
    monkeypatch.setenv("TIMELINE_EDITOR", "1")
    at = open_app()
    assert not at.exception
    assert [c.value for c in at.caption if c.value.startswith("Showing ")][0].startswith("Showing 20 of 20 events")
    at.switch_page("app_pages/editor.py").run()
    assert not at.exception
    assert at.info[0].value.startswith("Editing works on a single YAML file; this store is a folder or a Parquet file.")
    missing = f"s3://{BUCKET}/missing.parquet"
    monkeypatch.setenv("TIMELINE_DATA", missing)
    at = open_app()
    assert not at.exception
    assert at.code[0].value == (f"{missing}: no object 'missing.parquet' in the bucket '{BUCKET}'; give the URL of a "
                                f".parquet object, a prefix of them (s3://{BUCKET}/events/) or a pattern "
                                f"(s3://{BUCKET}/events/*.parquet)")


def test_the_page_and_the_load_cache_never_look_for_it_on_the_local_disk(
        emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.store import loadcache
    from timeline.store.loading import store_signature
    from timeline.view.appsettings import app_settings

    settings = app_settings(["--data", f"s3://{BUCKET}/parts/"], {})
    assert str(settings.data_path) == f"s3://{BUCKET}/parts/" and not settings.data_path.is_file()
    looked = []
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: looked.append(str(self)) or real_stat(self, **kw))
    monkeypatch.setattr(loadcache, "cache_enabled", lambda: True)
    assert not loadcache.cacheable(EVENTS)
    load_timeline(EVENTS)
    assert [(url, size) for url, _, size in store_signature(str(settings.data_path))] == [
        (f"s3://{BUCKET}/parts/{part.name}", part.stat().st_size) for part in emulator.parts]
    assert not [path for path in looked if path.startswith("s3:")]
