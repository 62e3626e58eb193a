"""Editor mode in the page: off by default, live checks, preview, safe saves, conflicts."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "events.yaml"
    shutil.copy(ROOT / "data/events.yaml", path)
    monkeypatch.setenv("TIMELINE_DATA", str(path))
    return path


def open_page(*, editor: bool, monkeypatch: pytest.MonkeyPatch, page: str = "app_pages/timeline.py",
              **query: str) -> AppTest:
    if editor:
        monkeypatch.setenv("TIMELINE_EDITOR", "1")
    else:
        monkeypatch.delenv("TIMELINE_EDITOR", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at if page == "app_pages/timeline.py" else at.switch_page(page).run()


def open_editor(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return open_page(editor=True, monkeypatch=monkeypatch, page="app_pages/editor.py")


def keys(at: AppTest) -> set[str]:
    return {w.key for kind in ("text_input", "button", "text_area") for w in at.get(kind) if w.key}


def test_editing_is_off_by_default_and_nothing_writes(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page wrote with editing off")

    monkeypatch.setattr("timeline.edit.writer.write_atomic", refuse)
    before = store.read_bytes()
    at = open_page(editor=False, monkeypatch=monkeypatch, event="khamenei-imam-hassan-tweet")
    at.multiselect(key="f_actors").select("Ali Khamenei").run()
    at.text_input(key="f_search").input("Imam").run()
    at.button(key="reset").click().run()
    assert not at.exception
    assert not {"ed_title", "ed_save", "edit_event"} & keys(at)
    assert store.read_bytes() == before


def test_form_checks_the_date_live_and_previews(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_editor(monkeypatch)
    at.text_input(key="ed_title").input("Sadr: investigate the attacks").run()
    at.text_input(key="ed_date").input("Sept. 13").run()
    assert "✓ 13 September 2020, day, resolved against the source of 28 September 2020" in [
        c.value.replace("\\", "") for c in at.caption]
    assert any(chart.key == "preview_chart" for chart in at.get("plotly_chart"))
    at.text_input(key="ed_date").input("soon-ish").run()
    assert any("cannot read 'soon-ish' as a date" in e.value.replace("\\", "") for e in at.error)
    assert at.button(key="ed_save").disabled


def test_save_adds_only_the_new_event(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.read_text(encoding="utf-8")
    at = open_editor(monkeypatch)
    at.text_input(key="ed_title").input("Sadr: investigate the attacks").run()
    at.text_input(key="ed_date").input("Sept. 25").run()
    at.multiselect(key="ed_actors").select("Muqtada al-Sadr").run()
    at.button(key="ed_save").click().run()
    assert not at.exception
    after = store.read_text(encoding="utf-8")
    assert after.startswith(before)
    added = after[len(before):]
    assert "id: sadr-investigate-the-attacks" in added and 'title: "Sadr: investigate the attacks"' in added
    assert any("Saved 'sadr-investigate-the-attacks'" in s.value for s in at.success)
    assert at.caption[0].value.startswith("Showing 21 of 21 events")


def test_save_is_refused_when_the_file_changed_since_the_form_opened(store: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_editor(monkeypatch)
    at.text_input(key="ed_title").input("A new event").run()
    at.text_input(key="ed_date").input("Sept. 20").run()
    other_editor = store.read_text(encoding="utf-8").replace("importance: 2", "importance: 1", 1)
    store.write_text(other_editor, encoding="utf-8")
    at.button(key="ed_save").click().run()
    assert any("changed on disk since you opened it" in e.value.replace("\\", "") for e in at.error)
    assert store.read_text(encoding="utf-8") == other_editor


def test_edit_action_changes_only_that_event(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.read_text(encoding="utf-8").splitlines()
    at = open_page(editor=True, monkeypatch=monkeypatch, event="khamenei-imam-hassan-tweet")
    at.button(key="edit_event").click().run()
    assert at.text_input(key="ed_title").value == "Khamenei tweets about Imam Hassan avoiding military war"
    at.text_input(key="ed_title").input("Khamenei tweets about Imam Hassan").run()
    at.button(key="ed_save").click().run()
    assert not at.exception
    changed = [line for line in difflib.unified_diff(before, store.read_text(encoding="utf-8").splitlines(), n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-      en: Khamenei tweets about Imam Hassan avoiding military war",
                       "+      en: Khamenei tweets about Imam Hassan"]


def test_the_filters_and_a_half_written_event_survive_moving_between_pages(
        store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(editor=True, monkeypatch=monkeypatch)
    at.multiselect(key="f_actors").select("Ali Khamenei").run()
    at.switch_page("app_pages/editor.py").run()
    at.text_input(key="ed_title").input("Half written").run()
    at.switch_page("app_pages/timeline.py").run()
    assert at.caption[0].value.startswith("Showing 1 of 20 events")
    at.switch_page("app_pages/editor.py").run()
    assert at.text_input(key="ed_title").value == "Half written"
    assert at.multiselect(key="f_actors").value == ["Ali Khamenei"]


def test_a_save_shows_the_event_on_the_timeline_with_the_filters_kept(
        store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(editor=True, monkeypatch=monkeypatch, **{"from": "2020-09-01"})
    at.switch_page("app_pages/editor.py").run()
    at.text_input(key="ed_title").input("Sadr: investigate the attacks").run()
    at.text_input(key="ed_date").input("Sept. 25").run()
    at.button(key="ed_save").click().run()
    assert not at.exception
    assert at.caption[0].value.startswith("Showing 18 of 21 events")
    assert at.get("container")  # the detail card of the saved event
    assert at.header[0].value.replace("\\", "") == "Sadr: investigate the attacks"
    assert at.query_params.get("event") in ("sadr-investigate-the-attacks", ["sadr-investigate-the-attacks"])


def test_the_editor_page_writes_no_stray_values(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Streamlit's "magic" would write a bare top-level expression of a page file (a tuple of
    # None once did) onto the page; it is off in .streamlit/config.toml and none is left.
    at = open_editor(monkeypatch)
    at.text_input(key="ed_date").input("Sept. 13").run()
    shown = [element.value for kind in ("markdown", "code", "json", "text") for element in at.get(kind)
             if isinstance(getattr(element, "value", None), str)]
    assert not [value for value in shown if "None" in value]


def test_the_form_warns_when_a_relative_date_lands_months_before_its_source(store: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_editor(monkeypatch)
    at.text_input(key="ed_title").input("A visit on the 29th").run()
    at.text_input(key="ed_date").input("Sept. 29").run()
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("'Sept. 29' is relative and resolves to 29 September 2019, 365 days before" in w for w in warnings)
    assert not at.button(key="ed_save").disabled  # a warning, never a refusal
