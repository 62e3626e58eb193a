"""A Parquet store on S3-compatible object storage (AWS S3, MinIO, ...), named by an ``s3://`` URL:
what the URL names, how the store is reached, and every failure as one line that names the URL.

Holds: ``is_object_url``, ``ObjectURL`` and ``object_url`` (a URL's bucket, key, prefix or pattern),
``ObjectFile`` (one object of a store), ``S3Settings`` and ``s3_settings`` (endpoint, region,
credentials or anonymous access, timeouts: the standard AWS environment variables), ``matches``
(a pattern on keys), ``object_problem`` (a failed request as a message), ``unreachable_now`` and
``remember_unreachable``, ``ObjectStorePath`` (a URL where the page expects a path), ``read_only``
(the refusal of an ``s3://`` OUT) and the messages ``NO_LOCAL_FILES``, ``NO_BUCKET``, ``NO_KEY``,
``NO_PARQUET`` and ``NO_MATCH``.
May import: the errors. Never pyarrow: :mod:`timeline.store.parquetstore` makes the requests
(pyarrow's ``S3FileSystem``), this module says what they mean, so it is read and tested without it.

Why read-only: a store is edited as YAML and converted (``timeline convert``); uploading the
.parquet file is the object store's own tools' business (``aws s3 cp``, ``mc cp``).
Why an endpoint that did not answer is remembered for a few seconds: the page asks a store for
its signature, its size and its events in one run, an export for its size and its events, and
each would wait for the timeouts again.
"""

from __future__ import annotations

import errno
import os
import re
import time
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import PosixPath
from typing import Mapping, NamedTuple
from urllib.parse import urlsplit

from timeline.errors import TimelineError

SCHEME = "s3://"
CONNECT_TIMEOUT = 2.0
"""Seconds to open a connection: a store that is down fails in seconds, not minutes."""
REQUEST_TIMEOUT = 5.0
"""Seconds a request may go without a byte (a stalled transfer, a server that never answers)."""
ATTEMPTS = 2
"""Tries of one request: one retry of a transient error, and an unreachable endpoint costs two timeouts at most."""
UNREACHABLE_FOR = 10.0
"""Seconds an endpoint that could not be reached is reported at once, without asking it again."""

READ_ONLY = ("cannot write to object storage: timeline reads a store there but never writes it; write a local file "
             "(-o {name}) and upload it with your S3 tool, e.g. aws s3 cp {name} {url}")
"""An ``s3://`` OUT; ``{name}`` is its last part (``read_only``)."""
NO_LOCAL_FILES = ("a store on object storage is read-only: validate, dump, export, convert and the page read it, "
                  "nothing edits or formats it; change its YAML source, convert it and upload the .parquet file again")
NO_BUCKET = "the bucket '{bucket}' does not exist; check its name (and AWS_ENDPOINT_URL for a store outside AWS)"
NO_KEY = ("no object '{key}' in the bucket '{bucket}'; give the URL of a .parquet object, a prefix of them "
          "(s3://{bucket}/events/) or a pattern (s3://{bucket}/events/*.parquet)")
NO_PARQUET = ("no .parquet object under this prefix; upload the store's .parquet files there (timeline convert "
              "STORE -o events.parquet writes one) or give another prefix")
NO_MATCH = ("no .parquet object matches the pattern; give a prefix of .parquet objects (s3://{bucket}/events/) "
            "or a pattern such as 's3://{bucket}/events/*.parquet' (quoted on the command line)")
_NOT_PARQUET = ("only a Parquet store is read from object storage; convert it (timeline convert {name} -o "
                "events.parquet) and upload the .parquet file")
_NO_BUCKET_NAMED = "give a bucket and a key, e.g. s3://bucket/events.parquet"
_DENIED = "access denied to the bucket '{bucket}' ({code}); check that {who} may read it"
_SIGNED = "the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)"
_ANONYMOUS = ("anonymous requests (no credentials are set: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
              "or AWS_PROFILE)")
_UNREACHABLE = ("cannot reach the object store at {where} ({detail}); check that it runs, AWS_ENDPOINT_URL and the "
                "network")
_REGION = "the bucket '{bucket}' is in another region than {region}; set AWS_REGION to the bucket's region"
_FAILED = "the object store refused the request ({detail}); check the URL and the store"
_PATTERN = "*?["


def is_object_url(path: object) -> bool:
    """True when ``path`` is an ``s3://`` URL (never a local path: nothing is looked up)."""
    return str(path)[:len(SCHEME)].lower() == SCHEME


class ObjectURL(NamedTuple):
    """What an ``s3://`` URL names. ``path`` is pyarrow's ``bucket/key`` without a trailing slash;
    a pattern's objects are those under ``listed`` (with ``recursive``, deeper than one level)
    whose ``bucket/key`` ``matches`` ``path``."""

    url: str
    bucket: str
    key: str
    prefix: bool
    """The URL ends with '/': a prefix, never one object."""
    pattern: bool
    listed: str
    recursive: bool

    @property
    def path(self) -> str:
        return f"{self.bucket}/{self.key}".rstrip("/")


def object_url(url: str) -> ObjectURL:
    """Split an ``s3://`` URL. Raises TimelineError (naming it) without a bucket, or for a YAML key."""
    bucket, _, key = url[len(SCHEME):].partition("/")
    if not bucket or any(mark in bucket for mark in _PATTERN):
        raise TimelineError(_NO_BUCKET_NAMED, source=url)
    if key.lower().endswith((".yaml", ".yml")):
        raise TimelineError(_NOT_PARQUET.format(name=key.rsplit("/", 1)[-1]), source=url)
    first = min((key.index(mark) for mark in _PATTERN if mark in key), default=None)
    if first is None:
        return ObjectURL(url, bucket, key, key.endswith("/") or not key, False, "", False)
    base = key[:first].rpartition("/")[0]
    return ObjectURL(url, bucket, key, False, True, f"{bucket}/{base}".rstrip("/"), "/" in key[len(base):].lstrip("/"))


def read_only(url: str) -> str:
    """The message that refuses to write ``url`` (an ``s3://`` OUT)."""
    return READ_ONLY.format(name=url.rstrip("/").rsplit("/", 1)[-1] or "events.parquet", url=url)


def matches(path: str, pattern: str) -> bool:
    """True when ``path`` (``bucket/key``) matches ``pattern`` as a shell glob does: a ``*`` never
    crosses a ``/``."""
    parts, wanted = path.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(fnmatchcase(part, want) for part, want in zip(parts, wanted))


class ObjectFile(NamedTuple):
    """One object of a store: its URL, when it was last written (ns) and its size: the page's
    signature of the store, and the key of its row count."""

    url: str
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class S3Settings:
    """How to reach the object store, from the environment; equal settings share one connection pool."""

    endpoint: str | None = None
    """The endpoint URL as given (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL), None for AWS itself."""
    region: str | None = None
    anonymous: bool = False
    credentials: tuple[str, str, str | None] | None = field(default=None, repr=False)
    """Keys from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; None: the AWS chain
    (profile, config files, web identity) finds them, or anonymous."""

    @property
    def where(self) -> str:
        """The endpoint as messages name it, and the key of one that is down."""
        return self.endpoint or f"AWS S3 ({self.region or 'default region'})"

    def options(self) -> dict[str, object]:
        """The keyword arguments of ``pyarrow.fs.S3FileSystem`` (but the retry strategy)."""
        options: dict[str, object] = {"region": self.region, "anonymous": self.anonymous,
                                      "connect_timeout": CONNECT_TIMEOUT, "request_timeout": REQUEST_TIMEOUT}
        if self.endpoint:
            parts = urlsplit(self.endpoint)
            options.update(scheme=parts.scheme, endpoint_override=parts.netloc)
        if self.credentials:
            options.update(zip(("access_key", "secret_key", "session_token"), self.credentials))
        return options


_CHAIN_VARIABLES = ("AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")


def s3_settings(environ: Mapping[str, str]) -> S3Settings:
    """The settings the AWS tools read: the endpoint from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL,
    the region from AWS_REGION or AWS_DEFAULT_REGION (else the profile's, else us-east-1), keys from
    AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else a profile or config file; anonymous without any.
    Raises TimelineError for an endpoint that is not an http(s) URL."""
    endpoint = (environ.get("AWS_ENDPOINT_URL_S3") or environ.get("AWS_ENDPOINT_URL") or "").strip().rstrip("/")
    if endpoint and (urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).netloc):
        raise TimelineError(f"AWS_ENDPOINT_URL must be an http:// or https:// URL such as http://localhost:9000, "
                            f"not '{endpoint}'")
    region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or None
    key, secret = environ.get("AWS_ACCESS_KEY_ID"), environ.get("AWS_SECRET_ACCESS_KEY")
    if key and secret:
        return S3Settings(endpoint or None, region, credentials=(key, secret, environ.get("AWS_SESSION_TOKEN")))
    home = os.path.expanduser("~")
    files = (environ.get("AWS_SHARED_CREDENTIALS_FILE") or os.path.join(home, ".aws", "credentials"),
             environ.get("AWS_CONFIG_FILE") or os.path.join(home, ".aws", "config"))
    chain = any(environ.get(name) for name in _CHAIN_VARIABLES) or any(os.path.isfile(file) for file in files)
    return S3Settings(endpoint or None, region, anonymous=not chain)


def object_problem(error: Exception, settings: S3Settings, bucket: str, key: str) -> tuple[str, bool]:
    """A failed request (pyarrow's error) as a message that says what to do, and whether the
    endpoint was unreachable."""
    text = str(error)
    aws, http = re.search(r"AWS Error (\w+)", text), re.search(r"HTTP status (\d+)", text)
    code, status = aws.group(1) if aws else "", http.group(1) if http else ""
    if code == "NETWORK_CONNECTION":
        detail = re.search(r"curlCode: \d+, ([^;]+)", text)
        return _UNREACHABLE.format(where=settings.where, detail=detail.group(1) if detail else code), True
    if code in ("ACCESS_DENIED", "INVALID_ACCESS_KEY_ID", "SIGNATURE_DOES_NOT_MATCH") or status == "403":
        return _DENIED.format(bucket=bucket, code=code or "HTTP 403",
                              who=_ANONYMOUS if settings.anonymous else _SIGNED), False
    if code == "NO_SUCH_BUCKET":
        return NO_BUCKET.format(bucket=bucket), False
    if isinstance(error, FileNotFoundError) or code in ("NO_SUCH_KEY", "RESOURCE_NOT_FOUND"):
        return NO_KEY.format(bucket=bucket, key=key), False
    if status == "301" or code == "PERMANENT_REDIRECT":
        return _REGION.format(bucket=bucket, region=settings.region or "the default (us-east-1)"), False
    detail = (text[text.find("AWS Error"):] if aws else text).strip().splitlines()
    return _FAILED.format(detail=detail[0][:200] if detail else type(error).__name__), False


_DOWN: dict[str, tuple[float, str]] = {}
"""Per process, so that every session of the page skips an endpoint that is down: its ``where``
-> (until when, the message)."""


def unreachable_now(settings: S3Settings) -> str | None:
    """The message of the endpoint's failure to connect within the last ``UNREACHABLE_FOR`` seconds."""
    seen = _DOWN.get(settings.where)
    return seen[1] if seen and time.monotonic() < seen[0] else None


def remember_unreachable(settings: S3Settings, message: str) -> None:
    """Report the endpoint as unreachable, with ``message``, for the next ``UNREACHABLE_FOR`` seconds."""
    _DOWN[settings.where] = (time.monotonic() + UNREACHABLE_FOR, message)


class ObjectStorePath(PosixPath):
    """An ``s3://`` URL where the page expects a path (``AppSettings.data_path``): its text is the
    URL as given (a ``Path`` would fold ``s3://`` into ``s3:/``), and it names no local file, so
    the page's file tests (may it be edited?) answer no without looking on the local disk."""

    _url: str | None = None
    """The URL as given; a path derived from it (``parent``) is rebuilt from its parts."""

    def __new__(cls, url: str) -> ObjectStorePath:
        path = super().__new__(cls, url)
        path._url = url
        return path

    def __str__(self) -> str:
        return self._url or SCHEME + "/".join(self.parts[1:])

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return type(self), (str(self),)

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        raise FileNotFoundError(errno.ENOENT, "an object store URL names no local file", str(self))
