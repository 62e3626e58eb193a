"""How the page is started: --data / TIMELINE_DATA, --edit / TIMELINE_EDITOR."""

from __future__ import annotations

from pathlib import Path

from timeline.view.appsettings import AppSettings, app_settings


def test_defaults_to_bundled_data_and_no_editing() -> None:
    assert app_settings([], {}) == AppSettings(Path("data/events.yaml"), editor=False)


def test_argument_beats_environment() -> None:
    settings = app_settings(["--data", "a.yaml"], {"TIMELINE_DATA": "b.yaml"})
    assert settings.data_path == Path("a.yaml")
    assert app_settings([], {"TIMELINE_DATA": "b.yaml"}).data_path == Path("b.yaml")


def test_editor_mode_needs_an_explicit_yes() -> None:
    assert app_settings(["--edit"], {}).editor
    assert app_settings([], {"TIMELINE_EDITOR": "1"}).editor
    assert not app_settings([], {"TIMELINE_EDITOR": "0"}).editor
    assert not app_settings(["--unknown-streamlit-flag"], {}).editor
