"""watchfloor plumbing: settings, records, topics, fetch/parse/poll, broker, web, CLI."""

__version__ = "0.1.0"
