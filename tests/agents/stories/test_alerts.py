"""What an alert carries: its key entities (agents/stories/alerts.py)."""

from __future__ import annotations

from agents.stories.alerts import MAX_ALERT_ENTITIES, key_entities
from streams.core.records import new_entity


def test_key_entities_one_per_thing_key_labels_first():
    ents = [new_entity("Tokyo", "CITY", "city:1850147", 0, 5, "gazetteer"),
            new_entity("Yasukazu Hamada", "PERSON", None, 10, 25, "rules"),
            new_entity("North Korea", "COUNTRY", "country:KP", 30, 41, "gazetteer"),
            new_entity("Hamada", "PERSON", None, 50, 56, "rules"),
            new_entity("Pyongyang", "COUNTRY", "country:KP", 60, 69, "gazetteer")]
    got = [(e.text, e.label) for e in key_entities(ents)]
    assert got == [("North Korea", "COUNTRY"), ("Yasukazu Hamada", "PERSON"), ("Tokyo", "CITY")]


def test_key_entities_are_bounded():
    ents = [new_entity(f"Name{i}", "ORG", None, i * 10, i * 10 + 5, "rules") for i in range(MAX_ALERT_ENTITIES + 5)]
    assert len(key_entities(ents)) == MAX_ALERT_ENTITIES
