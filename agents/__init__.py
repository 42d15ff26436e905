"""watchfloor's stages that think, one folder each: ``enrich`` (entities, rules), ``stories``
(one alert per event, mutes) and ``notify`` (delivery to every destination).

In each folder the pure cores know nothing of Kafka or HTTP; ``stage.py`` holds the stage
object and a short ``register(rt)`` that wires it into Faust from the typed runtime.
"""
