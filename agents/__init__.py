"""watchfloor thinking: entity extraction, rule matching, stories, notification.

Each module keeps a pure core (functions that know nothing of Kafka or HTTP) and,
where it is a pipeline stage, a thin ``register(app, ...)`` that wires it into Faust.
"""
