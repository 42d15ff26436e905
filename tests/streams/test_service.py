"""What `watchfloor run` checks before it starts anything (streams/service.py, settings).

Each bad setting is refused at start with one line that names it; nothing that could be
checked at start is left to fail on the first alert.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys

import pytest

from streams.core.errors import BlockedAddressError, ConfigError
from streams.core.settings import Settings
from streams.service import check_data_dir, check_destinations, check_web_port
from tests.support import ROOT


def run(*args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams.cli", "run", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


# ---------------------------------------------------------------- destinations


@pytest.mark.parametrize("entry", ["ops=https://8.8.8.8/hook", "ops-2.eu=http://8.8.4.4:8080/x?token=abc"])
def test_named_webhooks_are_accepted_at_start(entry):
    check_destinations(Settings(webhooks=[entry]))


def test_a_named_private_webhook_is_refused_naming_the_flag():
    with pytest.raises(BlockedAddressError, match="--allow-private-networks"):
        check_destinations(Settings(webhooks=["ops=http://127.0.0.1:9/hook"]))


@pytest.mark.parametrize("trusted", [["127.0.0.0/8"], ["localhost"]])
def test_trusted_destinations_let_configured_private_destinations_start(trusted):
    host = "localhost" if trusted == ["localhost"] else "127.0.0.1"
    check_destinations(Settings(webhooks=[f"ops=http://{host}:9/hook"], alertmanager_url=f"http://{host}:9093",
                                trusted_destinations=trusted))


def test_trusted_destinations_do_not_open_feeds():
    with pytest.raises(BlockedAddressError):
        check_destinations(Settings(feeds=["http://127.0.0.1:9/feed.xml"], trusted_destinations=["127.0.0.0/8"]))


def test_a_destination_whose_dns_fails_is_checked_on_use(caplog):
    caplog.set_level(logging.WARNING)
    check_destinations(Settings(webhooks=["ops=https://does-not-exist.invalid/hook"]))
    assert "checked on use" in caplog.text and "webhook:ops" in caplog.text


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize("name, value, says", [
    ("webhook_secret", "whsec_*not*base64*", "webhook_secret"),
    ("webhook_secret", "whsec_", "webhook_secret"),
    ("retry_schedule", "", "retry_schedule is empty"),
    ("retry_schedule", "0,5,-1", "retry_schedule entries"),
    ("broker", "kafka://", "kafka://host:port"),
    ("broker", "notaurl:::", "kafka://host:port"),
    ("broker", "kafka://host:99999", "kafka://host:port"),
    ("trusted_destinations", "alert manager", "neither a host name nor an IP network"),
])
def test_bad_settings_are_refused_naming_the_setting(name, value, says):
    with pytest.raises(ValueError) as err:
        Settings(**{name: value})
    assert name in str(err.value) and says in str(err.value)


def test_good_delivery_settings_pass():
    s = Settings(broker="kafka://a:9092,b:9093", retry_schedule="0,5,300", webhook_secret="whsec_" + "QUJD" * 8,
                 trusted_destinations="alertmanager, 172.18.0.0/16")
    assert s.retry_schedule == [0, 5, 300] and s.trusted_destinations == ["alertmanager", "172.18.0.0/16"]


def test_an_unwritable_data_dir_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="data_dir .*not writable"):
        check_data_dir(Settings(data_dir=blocker / "sub"))


def test_a_busy_web_port_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"web_port {port} .*in use"):
            check_web_port(Settings(web_port=port))


# ---------------------------------------------------------------- as an operator sees it


def test_run_with_a_busy_port_or_bad_data_dir_says_one_line_and_no_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    out = run("--data-dir", str(blocker / "sub"), "--web-port", "0")
    assert out.returncode != 0 and "data_dir" in out.stderr and "Traceback" not in out.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        out = run("--data-dir", str(tmp_path / "d"), "--web-port", str(taken.getsockname()[1]))
    assert out.returncode != 0 and "web_port" in out.stderr and "Traceback" not in out.stderr
    assert len([line for line in out.stderr.splitlines() if "web_port" in line]) == 1


def test_run_against_an_unreachable_broker_says_one_line(tmp_path):
    out = run("--broker", "kafka://127.0.0.1:1", "--data-dir", str(tmp_path / "d"), "--web-port", "0")
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert "watchfloor: broker 127.0.0.1:1: cannot connect" in out.stderr
