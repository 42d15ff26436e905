"""watchfloor's parts that move records: ``core`` (the shared vocabulary), ``kafka`` (the
Faust/Kafka runtime), ``ingest`` (feeds in), and at the top ``service``, ``web`` and ``cli``,
which build the app from the stages in ``agents``."""

__version__ = "0.1.0"
