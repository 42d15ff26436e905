"""``python -m streams.cli``: the same as the ``watchfloor`` command."""

from streams.cli.main import main

main()
