"""Images drawn in a batch on one warm browser: every file right, nothing left behind after errors."""

from __future__ import annotations

import os
import shutil
import threading
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pytest

from tests.test_export_images import BUNDLED, png_size
from timeline import load_timeline
from timeline.cli.main import main
from timeline.errors import ExportError
from timeline.export.images import PRESETS, ExportOptions, ImageSession, browser_available, export_images
from timeline.view.filters import FilterState, choices, filter_events

needs_browser = pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))
SMALL = ExportOptions(width=300, height=200, scale=2)


def descendants() -> set[int]:
    """Return the ids of every process this one started, and theirs (read from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces and parentheses: the fields after its last ')' do not.
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    found, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


@pytest.fixture
def nothing_left_behind():
    """Fail the test if a thread or a process it started is still running when it ends."""
    threads, processes = set(threading.enumerate()), descendants()
    yield
    for thread in set(threading.enumerate()) - threads:
        thread.join(timeout=10)  # choreographer's helper threads are told to stop, not waited for
    assert [thread.name for thread in set(threading.enumerate()) - threads] == []
    assert descendants() - processes == set()


def figure(title: str) -> go.Figure:
    return go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3]), layout=dict(title=title))


@needs_browser
def test_each_png_of_a_batch_is_written_at_the_requested_size(tmp_path, capsys, nothing_left_behind) -> None:
    september = FilterState(start=date(2020, 9, 1), end=date(2020, 9, 30))
    categories = choices(filter_events(load_timeline(BUNDLED).events, september))["categories"]
    code = main(["export", BUNDLED, "-o", str(tmp_path / "t.png"), "--from", "2020-09-01", "--to", "2020-09-30",
                 "--each", "category", "--width", "500", "--height", "300", "--scale", "2"])
    assert code == 0, capsys.readouterr().err
    written = sorted(tmp_path.iterdir())
    assert len(written) == len(categories) > 1
    assert all(png_size(path.read_bytes()) == (1000, 600) for path in written)


@needs_browser
def test_an_image_does_not_depend_on_what_the_browser_drew_before(nothing_left_behind) -> None:
    first, other = figure("First"), figure("Other")
    png, svg, pdf = (first, "png", SMALL), (other, "svg", SMALL), (other, "pdf", PRESETS["print"])
    with ImageSession() as session:
        alone = export_images([png], session=session)[0]
        drawn = export_images([png, svg, png, pdf, png], session=session)
    # Not a golden image: the same figure drawn again on the same browser, after other images.
    assert drawn[0] == drawn[2] == drawn[4] == alone
    assert png_size(alone) == (600, 400) and drawn[1].startswith(b"<svg") and drawn[3].startswith(b"%PDF-")


@needs_browser
def test_the_page_is_reloaded_only_after_a_pdf_or_a_failed_image(monkeypatch, nothing_left_behind) -> None:
    # kaleido reloads its page after every image, which doubles a batch's time; the session does
    # it only where a page drawn on before could show.
    from kaleido._kaleido_tab import _KaleidoTab

    reloads = []
    original = _KaleidoTab.reload
    monkeypatch.setattr(_KaleidoTab, "reload", lambda self: reloads.append(1) or original(self))
    good = figure("Good").to_dict()
    png = dict(format="png", width=300, height=200, scale=1)
    with ImageSession() as session:
        session.draw([(good, png)] * 3 + [(good, dict(png, format="svg"))])
        assert reloads == []
        session.draw([(good, dict(png, format="pdf")), (good, png)])
        assert reloads == [1]
        with pytest.raises(ExportError, match=r"the browser failed to draw the image \(.*non-array figure data"):
            session.draw([({"data": 5, "layout": {}}, png)])
        assert png_size(session.draw([(good, png)])[0]) == (300, 200)
        assert reloads == [1, 1]


@needs_browser
def test_the_browser_runs_headless_sandboxless_and_offline(nothing_left_behind) -> None:
    with ImageSession():
        lines = [command_line(pid) for pid in descendants()]
    # The browser process, and the wrappers that start it; its helpers (--type=...) get their own flags.
    browser = [line for line in lines if "--remote-debugging-pipe" in line
               and not any(arg.startswith("--type=") for arg in line)]
    assert browser, lines
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"):
        assert all(flag in line for line in browser), flag


def test_a_browser_that_fails_to_start_leaves_nothing_running(monkeypatch, nothing_left_behind) -> None:
    not_a_browser = shutil.which("false")
    monkeypatch.setenv("BROWSER_PATH", not_a_browser)
    message = rf"the browser failed to draw the image .*check that {not_a_browser} starts, or install Debian's"
    with pytest.raises(ExportError, match=message):
        export_images([(figure("x"), "png", SMALL)])
    with pytest.raises(ExportError, match=message):
        ImageSession()


@needs_browser
def test_cli_error_while_the_browser_starts_leaves_nothing_running(tmp_path, capsys, nothing_left_behind) -> None:
    assert main(["export", BUNDLED, "-o", str(tmp_path / "t.png"), "--actor", "Nobody"]) == 1
    assert "error: no events match the filters; widen the dates or remove a filter" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_without_a_browser_no_thread_is_started(monkeypatch, nothing_left_behind) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(ExportError, match=r"BROWSER_PATH='/nonexistent/chromium'.*apt-get install -y chromium"):
        export_images([(figure("x"), "png", SMALL)])
