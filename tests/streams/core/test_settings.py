"""Settings: durations everywhere, and config errors of one line naming file, line, key and value."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.core.errors import ConfigError
from streams.core.settings import DURATIONS, Settings, load_settings


def write(tmp_path, text: str):
    path = tmp_path / "watchfloor.yml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("name", DURATIONS)
def test_every_duration_setting_reads_units(name, monkeypatch):
    text, expected = {"producer_linger": ("0.5s", 0.5), "poll_interval_max": ("2h", 7200.0)}.get(name, ("30s", 30.0))
    monkeypatch.setenv("WATCHFLOOR_" + name.upper(), text)
    assert getattr(load_settings(), name) == expected


def test_durations_in_a_file_and_a_feed(tmp_path):
    s = load_settings(write(tmp_path, "poll_interval: 5m\nstory_cooldown: 10m\n"
                                      "feeds:\n  - {url: https://a.example/f.xml, interval: 90s}\n"))
    assert (s.poll_interval, s.story_cooldown, s.feeds[0].interval) == (300.0, 600.0, 90.0)


@pytest.mark.parametrize("value", ["inf", "nan", ".inf", "-5m"])
def test_durations_refuse_inf_nan_negative(tmp_path, value):
    with pytest.raises(ConfigError, match=r"watchfloor.yml:1: poll_interval"):
        load_settings(write(tmp_path, f"poll_interval: {value}\n"))


def test_unknown_key_names_file_line_and_suggests(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_settings(write(tmp_path, "feeds: []\npol_interval: 5m\n"))
    assert str(exc.value) == f"{tmp_path}/watchfloor.yml:2: unknown setting pol_interval (did you mean poll_interval?)"


def test_unknown_feed_key_suggests(tmp_path):
    with pytest.raises(ConfigError, match=r":3: unknown setting feeds\[0\].intervall \(did you mean interval\?\)"):
        load_settings(write(tmp_path, "feeds:\n  - url: https://a.example/x\n    intervall: 5m\n"))


def test_misindented_list_item_is_not_folded_into_a_url(tmp_path):
    text = "feeds:\n  - https://a.example/one.xml\n    - https://b.example/two.xml\n"
    with pytest.raises(ConfigError) as exc:
        load_settings(write(tmp_path, text))
    msg = str(exc.value)
    assert ":2: feeds[0].url = 'https://a.example/one.xml - https://b.example/two.xml'" in msg
    assert "indented" in msg and "\n" not in msg


def test_yaml_syntax_error_is_one_line(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_settings(write(tmp_path, "webhooks: [a\n"))
    assert str(exc.value).startswith(f"{tmp_path}/watchfloor.yml:2:") and "not valid YAML" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_environment_errors_name_the_variable(monkeypatch):
    monkeypatch.setenv("WATCHFLOOR_POLL_INTERVAL", "soon")
    with pytest.raises(ConfigError, match=r"^WATCHFLOOR_POLL_INTERVAL: poll_interval = 'soon': not a duration"):
        load_settings()


def test_secrets_are_not_echoed(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_settings(write(tmp_path, "slack_webhook: [https://hooks.slack.com/services/T/B/SECRET]\n"))
    assert "SECRET" not in str(exc.value)


def test_settings_is_still_one_class():
    assert Settings(poll_interval="2m").poll_interval == 120.0


def test_cache_dir_follows_xdg_and_empty_turns_it_off(monkeypatch, tmp_path):
    monkeypatch.delenv("WATCHFLOOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert load_settings().cache_dir == tmp_path / "watchfloor"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: only an absolute path counts
    assert load_settings().cache_dir == Path.home() / ".cache" / "watchfloor"
    monkeypatch.setenv("WATCHFLOOR_CACHE_DIR", "")
    assert load_settings().cache_dir is None
