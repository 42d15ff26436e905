"""The ``watchfloor`` command line: run, analyze, config, feeds, rules, alerts.

Settings are built once here (flags > WATCHFLOOR_* environment > --config file > defaults)
and passed down; logging is configured once here.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from streams.cli import output
from streams.cli.output import choose as output_choice
from streams.cli.remote import alerts, feeds
from streams.core.errors import BlockedAddressError, ConfigError, WatchfloorError
from streams.core.settings import Settings, load_settings

log = logging.getLogger("watchfloor")

_common = [
    click.option("--config", "config_file", type=click.Path(dir_okay=False), envvar="WATCHFLOOR_CONFIG",
                 help="YAML config file (keys as in `watchfloor config`)."),
    click.option("--allow-private-networks", is_flag=True, default=None,
                 help="Allow feeds and webhooks on private or loopback addresses."),
]


def common(fn: Any) -> Any:
    for option in reversed(_common):
        fn = option(fn)
    return fn


def _settings(config_file: str | None, **flags: Any) -> Settings:
    try:
        return load_settings(config_file, **flags)
    except (ConfigError, ValueError) as exc:
        # one line per problem, naming file and line (or variable, or flag), key and value
        for line in str(exc).splitlines():
            click.echo(f"watchfloor: {line}", err=True)
        sys.exit(2)


@click.group()
@click.version_option(package_name="watchfloor")
def main() -> None:
    """watchfloor: an always-on news monitor (RSS/Atom -> Kafka -> entities, alerts -> Slack/webhooks)."""


@main.command()
@common
@click.option("--broker", help="kafka://host:port of an Apache Kafka cluster; unset = embedded broker.")
@click.option("--feed", "feeds", multiple=True, help="Feed URL to poll (repeatable).")
@click.option("--webhook", "webhooks", multiple=True, help="Webhook URL for alerts (repeatable).")
@click.option("--slack-webhook", help="Slack incoming-webhook URL.")
@click.option("--alertmanager-url", help="Alertmanager base URL, e.g. http://alertmanager:9093.")
@click.option("--web-port", type=int, help="Port for /metrics, /health, /feeds, /alerts (default 6066).")
@click.option("--web-host", help="Address to bind the web port (default 127.0.0.1).")
@click.option("--data-dir", type=click.Path(file_okay=False), help="State kept across restarts.")
@click.option("--log-json", is_flag=True, default=None, help="Log one JSON object per line.")
@click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
def run(config_file: str | None, **flags: Any) -> None:
    """Run the whole service in this process (starts the embedded broker when no --broker)."""
    settings = _settings(config_file, **flags)
    from streams.core import logs
    from streams.service import serve

    logs.configure(settings.log_level, settings.log_json)
    try:
        code = serve(settings)
    except BlockedAddressError as exc:
        raise click.UsageError(str(exc)) from exc
    except WatchfloorError as exc:
        click.echo(f"watchfloor: {exc}", err=True)
        sys.exit(1)
    sys.exit(code)


@main.command()
@common
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Extra rule pack directory (repeatable).")
@click.option("--gazetteer", "gazetteer_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Extra gazetteer directory (repeatable).")
@click.option("--nlp-model", help="spaCy model for people and organisations (needs watchfloor[nlp]).")
@output.option
@click.argument("sources", nargs=-1, required=True)
def analyze(config_file: str | None, sources: tuple[str, ...], output: str | None, **flags: Any) -> None:
    """Parse, extract entities and match rules on FEED_OR_URL..., without Kafka.

    Prints each article: a few lines on a terminal, one JSON object per article (JSON Lines)
    otherwise or with --output json. A file that is not a feed is read as one plain-text
    article (first line = title). Exit code 1 if any source failed.
    """
    settings = _settings(config_file, **flags)
    from streams.core import logs
    from streams.cli.analyze import analyze_sources

    logs.configure("WARNING", False)
    failed = asyncio.run(analyze_sources(settings, sources, out=sys.stdout, output=output_choice(output)))
    sys.exit(1 if failed else 0)


@main.command("config")
@common
def show_config(config_file: str | None, **flags: Any) -> None:
    """Print the effective settings, secrets masked."""
    settings = _settings(config_file, **flags)
    click.echo(json.dumps(settings.masked(), indent=2, default=str))


@main.group()
def rules() -> None:
    """Rule packs."""


@rules.command("test")
@click.argument("rules_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("cases", type=click.Path(exists=True, dir_okay=False))
@click.option("--gazetteer", "gazetteer_dirs", multiple=True, type=click.Path(exists=True, file_okay=False))
@click.option("--nlp-model")
def rules_test(rules_dir: str, cases: str, gazetteer_dirs: tuple[str, ...], nlp_model: str | None) -> None:
    """Run the rule pack in RULES_DIR on labelled CASES.yaml; print precision and recall per topic."""
    from agents.enrich.evaluation import run_rules_test

    try:
        text, ok = run_rules_test(Path(rules_dir), Path(cases), gazetteer_dirs=[Path(d) for d in gazetteer_dirs],
                                  nlp_model=nlp_model)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(text)
    sys.exit(0 if ok else 1)


main.add_command(feeds)
main.add_command(alerts)

if __name__ == "__main__":  # pragma: no cover
    main()
