"""Running the real page for browser tests: `streamlit run` on a free localhost port, and
Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_page(*args: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """Start `streamlit run app.py -- ARGS` on a free port; yield its URL; stop it afterwards."""
    with running_server("app.py", *args, env=env, timeout=timeout) as (url, _):
        yield url


@contextmanager
def running_server(script: str, *args: str, env: Mapping[str, str] | None = None,
                   timeout: float = 60) -> Iterator[tuple[str, int]]:
    """Start `streamlit run SCRIPT -- ARGS` on a free port; yield its URL and process id (the
    benchmarks read its memory); stop it afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    if args:
        command += ["--", *args]
    # The server's log goes to a file: a pipe nobody reads fills up (64 KB) and then blocks the
    # server in the middle of a test, which looks like a page that never answers.
    log = tempfile.TemporaryFile("w+")
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError("streamlit stopped:\n" + log.read())
                if time.monotonic() > deadline:
                    raise TimeoutError(f"streamlit did not answer on {url} within {timeout} s")
                time.sleep(0.25)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextmanager
def chromium_browser() -> Iterator[object]:
    """Debian's Chromium under Playwright; a missing one fails the test with what to run."""
    import pytest

    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: run `make browser` "
                    "(or `sudo apt-get install -y chromium`); set BROWSER_PATH to use another", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("browser tests need the playwright package: run `make .venv`", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def new_page(browser: object, width: int = 1400, height: int = 900, timeout_ms: int = 60_000) -> Iterator[object]:
    """A page in a fresh browser context (no shared cookies or session), closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    context.set_default_timeout(timeout_ms)
    try:
        yield context.new_page()
    finally:
        context.close()


def save_full_page(page: object, path: str | os.PathLike[str]) -> None:
    """Save a picture of the whole page, not only the window.

    Streamlit scrolls inside its main container, so Playwright's ``full_page`` alone stops at the
    window's height: grow the window to the content's height for the picture, then restore it.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size  # type: ignore[attr-defined]
    height = page.evaluate(  # type: ignore[attr-defined]
        "() => Math.max(0, ...[...document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stSidebarContent]')].map(e => e.scrollHeight))")
    tall = max(size["height"], int(height))
    page.set_viewport_size({"width": size["width"], "height": tall})  # type: ignore[attr-defined]
    page.wait_for_function("h => window.innerHeight === h", arg=tall)  # type: ignore[attr-defined]
    next_paint(page)
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size(size)  # type: ignore[attr-defined]


def next_paint(page: object) -> None:
    """Return once the browser has laid out and painted what the page holds now."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")  # type: ignore[attr-defined]


def open_expander(page: object, label: str) -> object:
    """Open the expander labelled ``label`` and return it once it has finished opening.

    Streamlit grows an expander's height over 500 ms, and a button inside it is clipped, then
    moves by up to ~80 px, until the end. Playwright checks only where a click's press lands, so
    a click in that time can be reported done while the button gets no click event: a download
    button then never starts its download (1 click in ~20 here). Wait for the end of the
    animation, the signal that the content is where it will stay.
    """
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=label).first  # type: ignore[attr-defined]
    expander.locator("summary").click()
    expander.locator("details[open]").wait_for()
    expander.locator("details").evaluate(
        "d => new Promise(done => { const check = () => d.getAnimations().length ? "
        "requestAnimationFrame(check) : done(); check(); })")
    next_paint(page)
    return expander
