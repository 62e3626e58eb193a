"""Dates bounded by their sources, and warnings (issue 13, item 4): an event cannot end after the
last of its sources was published; a relative date landing months before its source is flagged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.cli.main import main
from timeline.errors import StoreWarning
from timeline.store.loading import check_store, load_timeline, store_report
from timeline.view.display import date_line

HEAD = "events:\n"


def event(id: str, when: str, *, published: str | None = "2020-09-28", extra: str = "") -> str:
    source = f"{{outlet: Al-Monitor, published: {published}}}" if published else "{outlet: Al-Monitor}"
    return (f"  - id: {id}\n    title: Event {id}\n    date: {when}\n    category: statement\n"
            f"    sources: [{source}]\n{extra}")


def store(tmp_path: Path, *events: str) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(HEAD + "".join(events), encoding="utf-8")
    return path


def test_a_period_running_past_its_source_is_cut_there_and_says_so(tmp_path: Path) -> None:
    path = store(tmp_path, event("late", "late September 2020"), event("month", "September 2020"),
                 event("range", "Sept. 20, 2020 – Oct. 5, 2020"), event("inside", "Sept. 13, 2020"))
    events = {e.id: e for e in load_timeline(path, use_cache=False).events}
    assert (events["late"].start, events["late"].end, events["late"].approximate) == (
        date(2020, 9, 21), date(2020, 9, 28), True)
    assert events["month"].end == events["range"].end == date(2020, 9, 28)
    assert events["late"].reported_by == date(2020, 9, 28)
    assert events["inside"].reported_by is None and events["inside"].end == date(2020, 9, 13)
    line = date_line(events["late"])
    assert line.written == "late September 2020"
    assert line.resolved.endswith(", reported by 28 September 2020")


def test_a_date_wholly_after_every_source_is_an_error_naming_the_source(tmp_path: Path) -> None:
    path = store(tmp_path, event("after", "5 October 2020"))
    [problem] = check_store(path)
    assert str(problem) == (
        f"{path}:4:11: field 'date': '5 October 2020' is after every source of the event was published "
        "(the latest, Al-Monitor, on 28 September 2020): an event cannot be reported before it happens; "
        "check the date, or add the later source that reports it")


def test_the_latest_source_bounds_and_a_source_without_a_date_bounds_nothing(tmp_path: Path) -> None:
    two = "    sources: [{outlet: A, published: 2020-09-28}, {outlet: B, published: 2020-10-10}]\n"
    undated = "    sources: [{outlet: A, published: 2020-09-28}, {outlet: B}]\n"
    text = HEAD + "".join(
        f"  - id: {id}\n    title: T\n    date: 5 October 2020\n    category: statement\n{sources}"
        for id, sources in (("two", two), ("undated", undated)))
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    events = {e.id: e for e in load_timeline(path, use_cache=False).events}
    assert events["two"].end == date(2020, 10, 5) and events["two"].reported_by is None
    assert events["undated"].end == date(2020, 10, 5)


def test_a_relative_date_months_before_its_source_is_a_warning_never_fatal(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = store(tmp_path, event("sept-29", "Sept. 29"), event("sept-13", "Sept. 13"))
    problems, warnings = store_report(path)
    assert problems == []
    [warning] = warnings
    assert isinstance(warning, StoreWarning)
    assert str(warning) == (
        f"{path}:4:11: warning: field 'date': 'Sept. 29' is relative and resolves to 29 September 2019, "
        "365 days before its source's date (28 September 2020); if another year is meant, write the date in full")
    assert load_timeline(path, use_cache=False).warnings  # the page can show them too
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "warning: field 'date': 'Sept. 29'" in err and err.strip().endswith("ok: " + str(path) + " (1 warning)")
    assert main(["validate", "--strict", str(path)]) == 1
    assert "1 warning and --strict: not ok" in capsys.readouterr().err


def test_the_bundled_store_is_cut_at_its_article_and_has_no_warnings() -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    assert max(e.end for e in timeline.events) == date(2020, 9, 28)
    assert timeline.warnings == ()


def test_add_says_what_the_date_was_read_as_and_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("defaults:\n  source: {outlet: Al-Monitor, published: 2020-09-28}\n" + HEAD
                    + "  - id: first\n    title: T\n    date: Sept. 13\n    category: statement\n", encoding="utf-8")
    assert main(["add", str(path), "--title", "A visit", "--date", "Sept. 29", "--category", "visit"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "a-visit"
    assert ("date: Sept. 29 → 29 September 2019 (day), resolved against 28 September 2020 (the source's date)"
            in err)
    assert "warning: 'Sept. 29' is relative and resolves to 29 September 2019" in err
